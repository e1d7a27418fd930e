import { startSandbox, SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, rawRequest, waitFor } from './helpers';

const ORDERS = '/2025-09/orders';
const body = { site: { id: SEED.sites.camden } };

describe('sandbox: fault injection', () => {
	// These tests read the replay header, which only replayHeader: true sends (Stora's docs name none).
	const t = sandboxPerFile({ replayHeader: true });
	afterEach(() => expect(t.sb.internalErrors).toEqual([]));

	const post = (key?: string) =>
		call(t.sb.url, 'POST', ORDERS, { body, headers: key ? { 'Idempotency-Key': key } : {} });

	describe('status', () => {
		it('answers the status with Stora’s error body without processing, for the next N matching requests', async () => {
			t.sb.faults.add({ method: 'POST', path: ORDERS, type: 'status', status: 500, times: 2 });
			expect((await call(t.sb.url, 'GET', ORDERS)).status).toBe(200);
			const first = await post();
			expect(first.status).toBe(500);
			expect(first.body.error).toMatchObject({
				code: 'internal_server_error',
				type: 'api_error',
				details: [],
				request_id: first.headers.get('x-request-id'),
			});
			expect((await post()).status).toBe(500);
			expect(t.sb.store.orders).toHaveLength(6);
			expect((await post()).status).toBe(201);
			expect(t.sb.faults.pending()).toEqual([]);
		});

		it('every: N spreads a fault to every Nth matching request', async () => {
			t.sb.faults.add({
				method: 'GET',
				path: ORDERS,
				type: 'status',
				status: 503,
				every: 3,
				times: 2,
			});
			const statuses = [];
			for (let i = 0; i < 8; i++) statuses.push((await call(t.sb.url, 'GET', ORDERS)).status);
			expect(statuses).toEqual([200, 200, 503, 200, 200, 503, 200, 200]);
			expect(t.sb.faults.pending()).toEqual([]);
		});

		it('matches paths by RegExp and by method', async () => {
			t.sb.faults.add({
				method: 'GET',
				path: /^\/2025-09\/orders\/[^/]+\/validate$/,
				type: 'status',
				status: 503,
			});
			expect((await call(t.sb.url, 'GET', `${ORDERS}/${SEED.orders.draftReady}`)).status).toBe(200);
			const res = await call(t.sb.url, 'GET', `${ORDERS}/${SEED.orders.draftReady}/validate`);
			expect(res.status).toBe(503);
			expect(res.body.error.code).toBe('internal_server_error');
		});

		it('sends a custom body and headers', async () => {
			t.sb.faults.add({
				type: 'status',
				status: 502,
				body: '<html>bad gateway</html>',
				headers: { 'Content-Type': 'text/html' },
			});
			const res = await call(t.sb.url, 'GET', ORDERS);
			expect(res.status).toBe(502);
			expect(res.text).toBe('<html>bad gateway</html>');
			expect(res.headers.get('content-type')).toBe('text/html');
		});

		it('stores an injected 5xx against the Idempotency-Key: a retry with the key replays it', async () => {
			t.sb.faults.add({ method: 'POST', path: ORDERS, type: 'status', status: 500 });
			const first = await post('k-500');
			expect(first.status).toBe(500);
			const retry = await post('k-500');
			expect(retry.status).toBe(500);
			expect(retry.headers.get('idempotent-replayed')).toBe('true');
			expect(retry.body).toEqual(first.body);
			expect(t.sb.store.orders).toHaveLength(6);
			expect((await post('k-new')).status).toBe(201);
		});

		it('afterProcessing: stores the order, answers (and stores) the injected status', async () => {
			t.sb.faults.add({
				method: 'POST',
				path: ORDERS,
				type: 'status',
				status: 500,
				afterProcessing: true,
			});
			const first = await post('k-after');
			expect(first.status).toBe(500);
			expect(t.sb.store.orders).toHaveLength(7);
			const retry = await post('k-after');
			expect(retry.status).toBe(500);
			expect(retry.headers.get('idempotent-replayed')).toBe('true');
			expect(t.sb.store.orders).toHaveLength(7);
		});

		it('an injected 429 carries RateLimit headers and is not stored against the key', async () => {
			t.sb.faults.add({
				method: 'POST',
				type: 'status',
				status: 429,
				headers: { 'Retry-After': '2' },
			});
			const limited = await post('k-429');
			expect(limited.status).toBe(429);
			expect(limited.body.error.code).toBe('too_many_requests');
			expect(limited.headers.get('ratelimit-limit')).toBe('10');
			// Only the headers Stora documents (RateLimit-Remaining only with remainingHeader).
			expect(limited.headers.get('ratelimit-remaining')).toBeNull();
			expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
			expect(limited.headers.get('retry-after')).toBe('2');
			const retry = await post('k-429');
			expect(retry.status).toBe(201);
			expect(retry.headers.get('idempotent-replayed')).toBeNull();
		});

		it('does not consume a status fault on a replayed request', async () => {
			await post('k-replay');
			t.sb.faults.add({ method: 'POST', type: 'status', status: 500 });
			expect((await post('k-replay')).status).toBe(201);
			expect(t.sb.faults.pending()).toHaveLength(1);
		});
	});

	describe('reset', () => {
		it('destroys the connection without processing', async () => {
			t.sb.faults.add({ method: 'POST', path: ORDERS, type: 'reset' });
			const res = await rawRequest(t.sb.url, 'POST', ORDERS, body, {
				'Idempotency-Key': 'k-reset',
			});
			expect(res.error).toBeDefined();
			expect(res.status).toBeUndefined();
			expect(t.sb.store.orders).toHaveLength(6);
			expect(t.sb.requests[0]).toMatchObject({
				method: 'POST',
				path: ORDERS,
				status: 0,
				idempotencyKey: 'k-reset',
				replayed: false,
			});
			const retry = await post('k-reset');
			expect(retry.status).toBe(201);
			expect(retry.headers.get('idempotent-replayed')).toBeNull();
		});

		it('afterProcessing: the order is stored and a retry with the key replays the lost answer', async () => {
			t.sb.faults.add({ method: 'POST', path: ORDERS, type: 'reset', afterProcessing: true });
			const res = await rawRequest(t.sb.url, 'POST', ORDERS, body, { 'Idempotency-Key': 'k-lost' });
			expect(res.error).toBeDefined();
			expect(t.sb.store.orders).toHaveLength(7);
			const stored = t.sb.store.orders[6];
			const retry = await post('k-lost');
			expect(retry.status).toBe(201);
			expect(retry.headers.get('idempotent-replayed')).toBe('true');
			expect(retry.body.order.id).toBe(stored.id);
			expect(t.sb.store.orders).toHaveLength(7);
		});

		it('also works through fetch (rejects) and on GET', async () => {
			t.sb.faults.add({ method: 'GET', type: 'reset' });
			await expect(
				fetch(`${t.sb.url}${ORDERS}`, { headers: { Authorization: 'Bearer sandbox-token' } }),
			).rejects.toThrow();
			expect((await call(t.sb.url, 'GET', ORDERS)).status).toBe(200);
		});
	});

	describe('delay', () => {
		it('answers normally after the delay', async () => {
			t.sb.faults.add({ method: 'GET', type: 'delay', delayMs: 20 });
			const res = await call(t.sb.url, 'GET', ORDERS);
			expect(res.status).toBe(200);
			expect(t.sb.requests[0].status).toBe(200);
		});

		it('before processing: a client that gave up leaves the request to be processed later, without crashing', async () => {
			t.sb.faults.add({ method: 'POST', type: 'delay', delayMs: 300 });
			const res = await rawRequest(
				t.sb.url,
				'POST',
				ORDERS,
				body,
				{ 'Idempotency-Key': 'k-slow' },
				30,
			);
			expect(res.error?.code).toBe('ETIMEDOUT');
			await t.sb.idle();
			expect(t.sb.store.orders).toHaveLength(7);
			expect(t.sb.requests[0].status).toBe(0);
			const retry = await post('k-slow');
			expect(retry.headers.get('idempotent-replayed')).toBe('true');
			expect(t.sb.store.orders).toHaveLength(7);
		});

		it('afterProcessing: stores first, answers late; the retry with the key replays', async () => {
			t.sb.faults.add({ method: 'POST', type: 'delay', delayMs: 300, afterProcessing: true });
			const res = await rawRequest(
				t.sb.url,
				'POST',
				ORDERS,
				body,
				{ 'Idempotency-Key': 'k-late' },
				30,
			);
			expect(res.error?.code).toBe('ETIMEDOUT');
			expect(t.sb.store.orders).toHaveLength(7);
			const retry = await post('k-late');
			expect(retry.status).toBe(201);
			expect(retry.headers.get('idempotent-replayed')).toBe('true');
			await t.sb.idle();
			expect(t.sb.requests[0].status).toBe(0);
			expect((await call(t.sb.url, 'GET', ORDERS)).status).toBe(200);
		});
	});

	describe('malformed', () => {
		it('answers 200 with a truncated JSON body without processing', async () => {
			t.sb.faults.add({ method: 'POST', type: 'malformed' });
			const res = await post('k-garbled');
			expect(res.status).toBe(200);
			expect(() => JSON.parse(res.text)).toThrow();
			expect(t.sb.store.orders).toHaveLength(6);
			expect((await post('k-garbled')).headers.get('idempotent-replayed')).toBeNull();
		});

		it('afterProcessing: the order is stored, the answer garbled, the retry replays the real response', async () => {
			t.sb.faults.add({ method: 'POST', type: 'malformed', afterProcessing: true });
			const res = await post('k-garbled-after');
			expect(res.status).toBe(200);
			expect(res.text.startsWith('{"order":')).toBe(true);
			expect(() => JSON.parse(res.text)).toThrow();
			expect(t.sb.store.orders).toHaveLength(7);
			const retry = await post('k-garbled-after');
			expect(retry.status).toBe(201);
			expect(retry.body.order.id).toBe(t.sb.store.orders[6].id);
		});
	});

	it('lists and clears pending faults; reset() clears them too', async () => {
		t.sb.faults.add({ type: 'status', status: 500, times: 3 });
		t.sb.faults.add({ method: 'POST', path: ORDERS, type: 'reset' });
		expect(t.sb.faults.pending().map((f) => [f.type, f.remaining])).toEqual([
			['status', 3],
			['reset', 1],
		]);
		t.sb.faults.clear();
		expect(t.sb.faults.pending()).toEqual([]);
		t.sb.faults.add({ type: 'status' });
		t.sb.reset();
		expect(t.sb.faults.pending()).toEqual([]);
		expect(() => t.sb.faults.add({ type: 'explode' } as never)).toThrow();
		expect(() => t.sb.faults.add({ type: 'delay' })).toThrow();
	});

	it('close() ends a sandbox with a request still waiting in a delay', async () => {
		const other = await startSandbox();
		other.faults.add({ type: 'delay', delayMs: 600_000 });
		const pending = rawRequest(other.url, 'GET', ORDERS);
		await waitFor(() => other.requests.length === 1);
		await other.close();
		expect((await pending).error).toBeDefined();
	});
});
