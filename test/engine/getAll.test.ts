/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SEED } from '../../sandbox';
import { runWorkflow, storaNode } from '../helpers/engine';
import { FAST_LIMITS, useSandbox } from './sandbox';

const t = useSandbox({ seedOrders: false });

const getMany = { resource: 'order', operation: 'getAll' };
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

/** `count` orders created a minute apart, oldest first; every third at Leeds and finalized. */
function addOrders(count: number) {
	for (let i = 0; i < count; i++) {
		t.sandbox.addOrder({
			created_at: START + i * 60_000,
			site: { id: i % 3 === 0 ? SEED.sites.leeds : SEED.sites.camden },
			status: i % 3 === 0 ? 'finalized' : 'draft',
			metadata: { source: i % 2 === 0 ? 'website' : 'phone', n: String(i) },
		});
	}
}

const pages = () => t.requests().map((request) => request.query);
/** A list request's query: newest first is always sent, since the cursor depends on it. */
const newestFirst = (query: Record<string, string>) => ({
	sort_by: 'created_at',
	sort_direction: 'DESC',
	...query,
});
const minute = (n: number) => new Date(START + n * 60_000).toISOString().replace('.000', '');

describe('Get Many', () => {
	it('Limit 30 is one request with limit=30', async () => {
		addOrders(120);
		const result = await t.run({ ...getMany, limit: 30 });
		expect(result.status).toBe('success');
		expect(pages()).toEqual([newestFirst({ page: '1', limit: '30' })]);
		const orders = result.json('Stora');
		expect(orders).toHaveLength(30);
		expect(orders[0].metadata).toEqual({ source: 'phone', n: '119' });
	});

	it('the default Limit is 50', async () => {
		addOrders(60);
		const result = await t.run(getMany);
		expect(result.json('Stora')).toHaveLength(50);
		expect(pages()).toEqual([newestFirst({ page: '1', limit: '50' })]);
	});

	it('Limit 150 is two requests: 75, then the 75 older than the oldest seen (its second asked for again)', async () => {
		addOrders(200);
		const result = await t.run({ ...getMany, limit: 150 });
		// Order 125 is the oldest of the first page: the second asks for orders created up to its
		// second, one more than it still needs, since order 125 comes back first.
		expect(pages()).toEqual([
			newestFirst({ page: '1', limit: '75' }),
			newestFirst({ page: '1', limit: '76', created_before: minute(125).replace('00Z', '01Z') }),
		]);
		const numbers = result
			.json('Stora')
			.map((order) => Number((order.metadata as { n: string }).n));
		expect(numbers).toEqual(Array.from({ length: 150 }, (_, i) => 199 - i));
	});

	it('Return All reads pages of 100 on a created_at cursor until there is no next page, each order once, in order', async () => {
		addOrders(250);
		const result = await t.run({ ...getMany, returnAll: true });
		// Each request starts at the second of the oldest order seen (150, then 51): 3 requests.
		expect(pages()).toEqual([
			newestFirst({ page: '1', limit: '100' }),
			newestFirst({ page: '1', limit: '100', created_before: minute(150).replace('00Z', '01Z') }),
			newestFirst({ page: '1', limit: '100', created_before: minute(51).replace('00Z', '01Z') }),
		]);
		const orders = result.json('Stora');
		expect(orders).toHaveLength(250);
		expect(new Set(orders.map((order) => order.id)).size).toBe(250);
		expect(orders.map((order) => order.created_at)).toEqual(
			[...orders.map((order) => order.created_at as string)].sort().reverse(),
		);
		expect(
			result.output('Stora').every((item) => (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
	});

	it('stops at the Limit even when more pages exist', async () => {
		addOrders(250);
		await t.run({ ...getMany, limit: 100 });
		expect(pages()).toEqual([newestFirst({ page: '1', limit: '100' })]);
	});

	it('sends every filter as Stora documents it and returns what matches', async () => {
		addOrders(30);
		const result = await t.run({
			...getMany,
			returnAll: true,
			filters: {
				status: ['finalized', 'draft'],
				siteIds: [SEED.sites.leeds],
				contactIds: '',
				createdAfter: new Date(START + 3 * 60_000).toISOString(),
				createdBefore: new Date(START + 24 * 60_000).toISOString(),
				metadata: { metadataValues: [{ key: 'source', value: 'website' }] },
			},
			options: { sortDirection: 'ASC' },
		});
		expect(result.status).toBe('success');
		expect(pages()).toEqual([
			{
				status: 'finalized,draft',
				site_id: SEED.sites.leeds,
				created_after: '2026-01-01T00:03:00Z',
				created_before: '2026-01-01T00:24:00Z',
				metadata: { source: 'website' },
				sort_by: 'created_at',
				sort_direction: 'ASC',
				page: '1',
				limit: '100',
			},
		]);
		// Leeds orders are every third; website ones are even: 6, 12, 18 (24 is excluded: before is exclusive).
		expect(result.json('Stora').map((order) => (order.metadata as { n: string }).n)).toEqual([
			'6',
			'12',
			'18',
		]);
	});

	it('filters by contact IDs, comma-separated', async () => {
		t.sandbox.addOrder({ contact: { id: SEED.contacts.john } });
		t.sandbox.addOrder({ contact: { id: SEED.contacts.jane } });
		t.sandbox.addOrder({ contact: { id: SEED.contacts.priya } });
		const result = await t.run({
			...getMany,
			returnAll: true,
			filters: { contactIds: `${SEED.contacts.john}, ${SEED.contacts.priya}` },
		});
		expect(pages()[0].contact_id).toBe(`${SEED.contacts.john},${SEED.contacts.priya}`);
		expect(
			result
				.json('Stora')
				.map((order) => (order.contact as { id: string }).id)
				.sort(),
		).toEqual([SEED.contacts.john, SEED.contacts.priya].sort());
	});

	it('reads a relative date from an expression', async () => {
		t.sandbox.addOrder({ created_at: Date.now() - 5 * DAY });
		t.sandbox.addOrder({ created_at: Date.now() - 1 * DAY });
		const result = await t.run({
			...getMany,
			returnAll: true,
			filters: { createdBefore: '={{ $now.minus({ days: 2 }).toISO() }}' },
		});
		expect(result.json('Stora')).toHaveLength(1);
		expect(pages()[0].created_before).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});

	it('reads bare dates in Created After / Before as midnight in the workflow’s time zone', async () => {
		await t.run(
			{
				...getMany,
				returnAll: true,
				filters: { createdAfter: '2026-03-04', createdBefore: '2026-03-05' },
			},
			{ settings: { timezone: 'America/New_York' } },
		);
		expect(pages()[0]).toMatchObject({
			created_after: '2026-03-04T05:00:00Z',
			created_before: '2026-03-05T05:00:00Z',
		});
	});

	it('sends expand', async () => {
		t.sandbox.addOrder({ contact: { id: SEED.contacts.john } });
		const result = await t.run({ ...getMany, limit: 5, options: { expand: ['contact'] } });
		expect(pages()[0].expand).toBe('contact');
		expect((result.json('Stora')[0].contact as { email: string }).email).toBeDefined();
	});

	it('returns no items when nothing matches', async () => {
		const result = await t.run({ ...getMany, returnAll: true });
		expect(result.status).toBe('success');
		expect(pages()).toHaveLength(1);
		expect(result.output('Stora')).toHaveLength(0);
	});
});

describe('Get Many against a server that never stops announcing a next page', () => {
	it('stops after 1,000 pages with an error that says so', async () => {
		let requests = 0;
		const server = createServer((request, response) => {
			requests++;
			const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page'));
			response.setHeader('content-type', 'application/json');
			response.end(
				JSON.stringify({
					orders: [{ id: `order_${page}` }],
					meta: { pagination: { page, next: page + 1 } },
				}),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = server.address() as AddressInfo;
			const result = await runWorkflow({
				nodes: [storaNode({ ...getMany, returnAll: true })],
				credentials: {
					storaApi: { accessToken: 'endless', baseUrl: `http://127.0.0.1:${port}`, ...FAST_LIMITS },
				},
			});
			expect(result.status).toBe('error');
			expect(result.nodeError('Stora')?.message).toBe('Stopped after 1000 pages');
			expect(requests).toBe(1000);
		} finally {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});
});
