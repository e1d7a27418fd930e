/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * Options → In Flight: several items' requests under way at once, through a counting proxy in
 * front of the sandbox. Every request is held by a delay fault, so the requests of the items
 * started together are all under way at the same time.
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox();

/** Forwards to the sandbox and remembers the most requests it had under way at once. */
async function countingProxy(target: () => string) {
	const stats = { active: 0, max: 0 };
	const server = createServer((request, response) => {
		stats.active++;
		stats.max = Math.max(stats.max, stats.active);
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			void fetch(`${target()}${request.url}`, {
				method: request.method,
				headers: request.headers as Record<string, string>,
				body: chunks.length ? Buffer.concat(chunks) : undefined,
			})
				.then(async (answer) => {
					const body = Buffer.from(await answer.arrayBuffer());
					response.writeHead(answer.status, { 'content-type': 'application/json' });
					response.end(body);
				})
				.finally(() => stats.active--);
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { stats, url, close: async () => await new Promise((done) => server.close(done)) };
}

let proxy: Awaited<ReturnType<typeof countingProxy>>;
beforeAll(async () => {
	proxy = await countingProxy(() => t.sandbox.url);
});
afterAll(async () => await proxy.close());
beforeEach(() => {
	proxy.stats.max = 0;
});

const v2 = { typeVersion: 2 };
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function ordersToGet(count: number): string[] {
	return Array.from({ length: count }, () => String(t.sandbox.addOrder({}).id));
}

/** Holds every GET of an order for `delayMs` (the first one longer), so they overlap. */
function holdGets(ids: string[], delayMs = 150) {
	ids.forEach((id, index) =>
		t.sandbox.faults.add({
			method: 'GET',
			path: `/2025-09/orders/${id}`,
			type: 'delay',
			delayMs: index === 0 ? delayMs * 3 : delayMs,
		}),
	);
}

async function getOrders(
	ids: string[],
	options: INodeParameters,
	node: Partial<INode> = v2,
	credentials: IDataObject = {},
) {
	return await t.run(
		{ resource: 'order', operation: 'get', orderId: '={{ $json.id }}', simplify: false, options },
		{
			node,
			inputItems: items(...ids.map((id) => ({ id }))),
			credentials: { baseUrl: proxy.url, ...credentials },
		},
	);
}

describe('In Flight', () => {
	it('sends as many as the credential’s requests per second on version 2, in input order', async () => {
		const ids = ordersToGet(8);
		holdGets(ids);
		const result = await getOrders(ids, {}, v2, { requestsPerSecond: 5 });
		expect(result.status).toBe('success');
		expect(proxy.stats.max).toBe(5);
		expect(result.json('Stora').map((order) => order.id)).toEqual(ids);
		expect(result.output('Stora').map((item) => item.pairedItem)).toEqual(
			ids.map((_, item) => ({ item })),
		);
	});

	it('takes the number set', async () => {
		const ids = ordersToGet(8);
		holdGets(ids);
		await getOrders(ids, { inFlight: 6 });
		expect(proxy.stats.max).toBe(6);
	});

	it('1 sends one request at a time; so does version 1 when it is not set', async () => {
		const ids = ordersToGet(4);
		holdGets(ids, 50);
		await getOrders(ids, { inFlight: 1 });
		expect(proxy.stats.max).toBe(1);
		holdGets(ids, 50);
		await getOrders(ids, {}, { typeVersion: 1 });
		expect(proxy.stats.max).toBe(1);
	});

	it('with Continue on Fail, a failed item keeps its place among the others', async () => {
		const ids = ordersToGet(6);
		ids[2] = 'order_doesnotexist';
		holdGets(ids);
		const result = await t.run(
			{ resource: 'order', operation: 'get', orderId: '={{ $json.id }}', simplify: false },
			{
				node: { ...v2, onError: 'continueRegularOutput' },
				inputItems: items(...ids.map((id) => ({ id }))),
				credentials: { baseUrl: proxy.url },
			},
		);
		const output = result.json('Stora');
		expect(output.map((item) => item.id ?? 'error')).toEqual([
			ids[0],
			ids[1],
			'error',
			ids[3],
			ids[4],
			ids[5],
		]);
		expect(output[2]).toMatchObject({ error: { message: 'Order not found', httpCode: '404' } });
	});

	it('without it, the first failure starts no further item; the items under way finish', async () => {
		const ids = ordersToGet(8);
		ids[1] = 'order_doesnotexist';
		holdGets(
			ids.filter((_, index) => index !== 1),
			300,
		);
		const result = await getOrders(ids, { inFlight: 4 });
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ message: 'Order not found' });
		// Items 0–3 were started together; item 1 failed at once; nothing after item 3 was sent.
		expect(t.requests().map((request) => request.path.split('/').pop())).toEqual(
			expect.arrayContaining(ids.slice(0, 4)),
		);
		expect(t.requests()).toHaveLength(4);
	});

	it('keeps every Create’s idempotency key: a re-run returns the same orders', async () => {
		const create = {
			resource: 'order',
			operation: 'create',
			siteId: byId(SEED.sites.camden),
			contact: { email: '={{ $json.email }}' },
		};
		const emails = Array.from({ length: 6 }, (_, n) => ({ email: `many${n}@example.com` }));
		const run = async () =>
			await t.run(create, {
				node: { ...v2, id: '0b7c0c53-in-flight-create' },
				inputItems: items(...emails),
				executionId: 'same-run',
			});
		const first = await run();
		const again = await run();
		expect(again.json('Stora').map((order) => order.id)).toEqual(
			first.json('Stora').map((order) => order.id),
		);
		expect(new Set(first.json('Stora').map((order) => order.id)).size).toBe(6);
		const keys = t.requests().map((request) => request.headers['idempotency-key']);
		expect(keys.slice(6)).toEqual(keys.slice(0, 6));
	});
});

describe('the credential', () => {
	it('is read once per execution, not once per request or page', async () => {
		for (let i = 0; i < 80; i++) t.sandbox.addOrder({});
		const result = await t.run({ resource: 'order', operation: 'getAll', limit: 150 }, {});
		expect(result.status).toBe('success');
		expect(t.requests().length).toBeGreaterThan(1);
		expect(result.credentials.decryptions.storaApi).toBe(1);
	});
});
