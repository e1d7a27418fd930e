/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * Network failures are classified from what n8n really hands the node (real refused
 * connections, resets, timeouts and TLS failures through n8n-core's request helper), a
 * cancelled execution stops at once, and a 429 holds back every request on its token.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { sleep } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { runWorkflow, storaNode } from '../helpers/engine';
import { FAST_LIMITS, useSandbox } from '../engine/sandbox';

// A token per test: a 429's hold and the pacer belong to the token, and must not leak into the next test.
const TOKENS = ['cancel-wait', 'cancel-items', 'cancel-pacer', 'held-back'] as const;
const ORDER_SCOPES = ['public.order:read', 'public.order:write', 'public.contact:read'];
const t = useSandbox({
	seedOrders: false,
	tokens: Object.fromEntries(TOKENS.map((token) => [token, ORDER_SCOPES])),
});
const token = (accessToken: (typeof TOKENS)[number]) => ({ accessToken });

const getOrder = (id = 'order_0123456789abcdef') => ({
	resource: 'order',
	operation: 'get',
	orderId: { __rl: true, mode: 'id', value: id },
});
const create = {
	resource: 'order',
	operation: 'create',
	siteId: SEED.sites.camden,
	contact: { email: '={{ $json.email }}' },
};
const description = (error: unknown) => (error as { description: string }).description;

/** A TCP server that accepts connections and does `onData` with each request. */
async function rawServer(onData: (socket: import('node:net').Socket) => void) {
	const sockets = new Set<import('node:net').Socket>();
	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('error', () => {});
		socket.on('data', () => onData(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	let connections = 0;
	server.on('connection', () => connections++);
	return {
		port: (server.address() as AddressInfo).port,
		connections: () => connections,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

const runAgainst = async (baseUrl: string, options: Record<string, number>) =>
	await runWorkflow({
		nodes: [storaNode({ ...getOrder(), options })],
		credentials: { storaApi: { accessToken: 'net', baseUrl, ...FAST_LIMITS } },
	});

describe('network failures, as n8n hands them to the node', () => {
	it('a refused connection is retried, then reported with its code', async () => {
		const closed = await rawServer(() => {});
		const port = closed.port;
		await closed.close();
		const result = await runAgainst(`http://127.0.0.1:${port}`, { maxRetries: 2 });
		expect(result.status).toBe('error');
		expect(description(result.nodeError('Stora'))).toContain(
			'GET /orders/order_0123456789abcdef failed after 3 attempts: Stora refused the connection',
		);
		expect(description(result.nodeError('Stora'))).toContain('(ECONNREFUSED)');
	});

	it('a connection reset in the middle of the answer is retried', async () => {
		const server = await rawServer((socket) => {
			socket.write(
				'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"order":',
			);
			void sleep(20).then(() => socket.destroy());
		});
		try {
			const result = await runAgainst(`http://127.0.0.1:${server.port}`, { maxRetries: 1 });
			expect(description(result.nodeError('Stora'))).toContain(
				'failed after 2 attempts: the connection broke while Stora’s answer was arriving (ERR_BAD_RESPONSE)',
			);
			expect(server.connections()).toBe(2);
		} finally {
			await server.close();
		}
	});

	it('no answer within the timeout is retried, then reported as a timeout', async () => {
		const silent = await rawServer(() => {});
		try {
			const result = await runAgainst(`http://127.0.0.1:${silent.port}`, {
				maxRetries: 1,
				timeoutSeconds: 0.3,
			});
			expect(description(result.nodeError('Stora'))).toContain(
				'failed after 2 attempts: no answer arrived within the timeout (ECONNABORTED)',
			);
		} finally {
			await silent.close();
		}
	});

	it('a failure that is not transient (no TLS where https was asked for) is not retried', async () => {
		const plain = await rawServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
		try {
			const result = await runAgainst(`https://127.0.0.1:${plain.port}`, { maxRetries: 3 });
			expect(result.status).toBe('error');
			expect(description(result.nodeError('Stora'))).toMatch(
				/failed after 1 attempt: no secure \(TLS\) connection could be made: check the Base URL’s scheme and port \(EPROTO\)/,
			);
			expect(plain.connections()).toBe(1);
		} finally {
			await plain.close();
		}
	});
});

describe('cancelling an execution', () => {
	it('ends a rate-limit wait at once: no further request, status canceled', async () => {
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'status',
			status: 429,
			headers: { 'Retry-After': '30' },
		});
		const result = await t.run(create, {
			inputItems: [{ json: { email: 'cancel@example.com' } }],
			credentials: token('cancel-wait'),
			cancelAfterMs: 300,
		});
		expect(result.status).toBe('canceled');
		// The wait was 30 s; the execution ended when it was cancelled (margin for a slow machine).
		expect(Date.now() - (result.cancelledAt ?? 0)).toBeLessThan(5000);
		expect(t.requests()).toHaveLength(1);
	});

	it('with Continue on Fail, stops the items that had not run: nothing more is sent', async () => {
		t.sandbox.faults.add({ method: 'POST', path: '/2025-09/orders', type: 'delay', delayMs: 1500 });
		const result = await t.run(create, {
			inputItems: [1, 2, 3].map((n) => ({ json: { email: `item${n}@example.com` } })),
			node: { onError: 'continueRegularOutput' },
			credentials: token('cancel-items'),
			cancelAfterMs: 300,
		});
		expect(result.status).toBe('canceled');
		await sleep(1700);
		expect(
			t.requests().map((request) => (request.body?.contact as { email: string }).email),
		).toEqual(['item1@example.com']);
	});

	it('a cancelled wait for the pacer takes no slot from the token’s other executions', async () => {
		// One request a minute: the second item waits for the pacer when the execution is cancelled.
		const slow = { ...token('cancel-pacer'), requestsPerSecond: 1, requestsPerMinute: 1 };
		const cancelled = await t.run(create, {
			inputItems: [1, 2].map((n) => ({ json: { email: `paced${n}@example.com` } })),
			credentials: slow,
			cancelAfterMs: 300,
		});
		expect(cancelled.status).toBe('canceled');
		expect(Date.now() - (cancelled.cancelledAt ?? 0)).toBeLessThan(5000);
		// (The token's pacer may still be busy from earlier tests: the first item may not have gone.)
		const emails = t
			.requests()
			.map((request) => (request.body?.contact as { email: string }).email);
		expect(emails).not.toContain('paced2@example.com');
	});
});

describe('a 429 holds back the whole token', () => {
	it('another execution on the same token sends nothing until the window resets', async () => {
		t.sandbox.addOrder({});
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'status',
			status: 429,
			headers: { 'Retry-After': '2' },
		});
		const creating = t.run(create, {
			inputItems: [{ json: { email: 'limited@example.com' } }],
			credentials: token('held-back'),
		});
		while (!t.requests().some((request) => request.status === 429)) {
			await sleep(5);
		}
		// The sandbox logs the 429 as it sends it: give the node a moment to read it and hold the token.
		await sleep(300);
		const listing = await t.run(
			{ resource: 'order', operation: 'getAll', limit: 1 },
			{ credentials: token('held-back') },
		);
		await creating;
		expect(listing.status).toBe('success');
		const limited = t.requests().find((request) => request.status === 429)!;
		const list = t.requests().find((request) => request.method === 'GET')!;
		expect(list.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(1900);
	});
});
