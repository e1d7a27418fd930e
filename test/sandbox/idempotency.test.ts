import { SEED, startSandbox } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, fakeClock } from './helpers';

const HOUR = 3_600_000;

describe('sandbox: Idempotency-Key', () => {
	const clock = fakeClock();
	const t = sandboxPerFile({
		now: clock.now,
		// The tests read the replay header, which only replayHeader: true sends (Stora's docs name none).
		replayHeader: true,
		tokens: { second: ['public.order:read', 'public.order:write'] },
	});

	const body = { site: { id: SEED.sites.camden }, metadata: { external_id: 'form-42' } };
	const post = (
		key: string | undefined,
		payload: unknown = body,
		token?: string,
		path = '/2025-09/orders',
	) =>
		call(t.sb.url, 'POST', path, {
			body: payload,
			token,
			headers: key === undefined ? {} : { 'Idempotency-Key': key },
		});

	it('replays the first response for the same key without creating a second order', async () => {
		const first = await post('key-1');
		expect(first.status).toBe(201);
		expect(first.headers.get('idempotent-replayed')).toBeNull();
		const second = await post('key-1');
		expect(second.status).toBe(201);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect(second.text).toBe(first.text);
		expect(second.headers.get('x-request-id')).toBe(first.body.meta.request_id);
		expect(t.sb.store.orders).toHaveLength(7);
		expect(t.sb.requests.map((r) => [r.idempotencyKey, r.replayed, r.status])).toEqual([
			['key-1', false, 201],
			['key-1', true, 201],
		]);
	});

	it('creates one order per distinct key and for requests without a key', async () => {
		await post('a');
		await post('b');
		await post(undefined);
		await post(undefined);
		expect(t.sb.store.orders).toHaveLength(10);
	});

	it('replays error responses too (status and body)', async () => {
		const bad = { site: { id: 'site_0000000000000000' } };
		const first = await post('err-key', bad);
		expect(first.status).toBe(422);
		// even a now-valid payload under the same key gets the stored error back
		const second = await post('err-key', body);
		expect(second.status).toBe(422);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect(second.body).toEqual(first.body);
		expect(t.sb.store.orders).toHaveLength(6);
	});

	it('replays a stored response for a different payload (payloads are not compared)', async () => {
		const first = await post('same-key', body);
		const other = await post('same-key', { site: { id: SEED.sites.leeds } });
		expect(other.headers.get('idempotent-replayed')).toBe('true');
		expect(other.body.order.site.id).toBe(SEED.sites.camden);
		expect(other.body.order.id).toBe(first.body.order.id);
	});

	it('scopes keys per token', async () => {
		await post('shared');
		const res = await post('shared', body, 'second');
		expect(res.headers.get('idempotent-replayed')).toBeNull();
		expect(t.sb.store.orders).toHaveLength(8);
	});

	it('replays finalize responses, including a 409 from a repeated finalize under a new key', async () => {
		const path = `/2025-09/orders/${SEED.orders.draftReady}/finalize`;
		const first = await post('fin-1', { finalize: {} }, undefined, path);
		expect(first.status).toBe(200);
		const replay = await post('fin-1', { finalize: {} }, undefined, path);
		expect(replay.status).toBe(200);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		const newKey = await post('fin-2', { finalize: {} }, undefined, path);
		expect(newKey.status).toBe(409);
		expect((await post('fin-2', { finalize: {} }, undefined, path)).status).toBe(409);
	});

	it('keeps responses for 24 hours of the sandbox clock', async () => {
		await post('day-key');
		clock.advance(24 * HOUR - 1);
		expect((await post('day-key')).headers.get('idempotent-replayed')).toBe('true');
		clock.advance(1);
		const fresh = await post('day-key');
		expect(fresh.headers.get('idempotent-replayed')).toBeNull();
		expect(t.sb.store.orders).toHaveLength(8);
	});

	it('ignores Idempotency-Key on GET requests', async () => {
		const headers = { 'Idempotency-Key': 'get-key' };
		const a = await call(t.sb.url, 'GET', '/2025-09/orders?limit=1', { headers });
		const b = await call(t.sb.url, 'GET', '/2025-09/orders?limit=1', { headers });
		expect(b.headers.get('idempotent-replayed')).toBeNull();
		expect(b.body.meta.request_id).not.toBe(a.body.meta.request_id);
		expect(t.sb.requests[1].idempotencyKey).toBe('get-key');
	});

	it('does not store 401 responses', async () => {
		expect((await post('auth-key', body, 'bad-token')).status).toBe(401);
		expect((await post('auth-key')).status).toBe(201);
	});

	it('is cleared by reset()', async () => {
		await post('reset-key');
		t.sb.reset();
		expect((await post('reset-key')).headers.get('idempotent-replayed')).toBeNull();
	});

	it('expireIdempotencyKeys() forgets the keys as 24 hours would, and keeps the orders', async () => {
		await post('week-old-key');
		expect(t.sb.expireIdempotencyKeys()).toBe(1);
		const again = await post('week-old-key');
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBeNull();
		expect(t.sb.store.orders).toHaveLength(8);
	});

	it('POST /__sandbox/idempotency/expire does the same for a sandbox in another process', async () => {
		await post('control-key');
		const expired = await call(t.sb.url, 'POST', '/__sandbox/idempotency/expire', { token: null });
		expect(expired).toMatchObject({ status: 200, body: { expired: 1 } });
		expect((await post('control-key')).headers.get('idempotent-replayed')).toBeNull();
		expect(t.sb.store.orders).toHaveLength(8);
	});

	it("by default a replay carries no Idempotent-Replayed header (as Stora's docs): same body and request id", async () => {
		const plain = await startSandbox({ now: clock.now });
		try {
			expect(plain.replayHeader).toBe(false);
			const send = () =>
				call(plain.url, 'POST', '/2025-09/orders', {
					body,
					token: plain.token,
					headers: { 'Idempotency-Key': 'quiet-key' },
				});
			const first = await send();
			const second = await send();
			expect(second.status).toBe(201);
			expect(second.headers.get('idempotent-replayed')).toBeNull();
			expect(second.text).toBe(first.text);
			expect(second.headers.get('x-request-id')).toBe(first.body.meta.request_id);
			expect(plain.requests.map((r) => r.replayed)).toEqual([false, true]);
			expect(plain.store.orders).toHaveLength(7);
		} finally {
			await plain.close();
		}
	});
});
