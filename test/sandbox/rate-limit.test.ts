import { startSandbox, SEED } from '../../sandbox';
import { call, fakeClock } from './helpers';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const START = Date.parse('2025-03-01T12:00:00.000Z');
const epoch = (ms: number) => String(ms / 1000);

describe('sandbox: rate limiting', () => {
	const clock = fakeClock(START);
	let sb: Sandbox;
	let withRetryAfter: Sandbox;
	let unlimited: Sandbox;
	let documented: Sandbox;

	beforeAll(async () => {
		// replayHeader: the replay's header is read below (Stora's docs name none; off by default).
		sb = await startSandbox({
			now: clock.now,
			replayHeader: true,
			rateLimit: { perSecond: 10, perMinute: 60, remainingHeader: true },
			tokens: { other: ['public.order:read'] },
		});
		documented = await startSandbox({ now: clock.now, rateLimit: { perSecond: 2, perMinute: 3 } });
		withRetryAfter = await startSandbox({
			now: clock.now,
			rateLimit: { perSecond: 2, perMinute: 3, retryAfterHeader: true, remainingHeader: true },
		});
		unlimited = await startSandbox({ now: clock.now });
	});
	afterAll(async () => {
		await Promise.all([sb.close(), withRetryAfter.close(), unlimited.close(), documented.close()]);
	});
	beforeEach(() => {
		clock.set(START);
		sb.reset();
		withRetryAfter.reset();
		documented.reset();
	});

	const get = (s: Sandbox, token?: string) =>
		call(s.url, 'GET', `/2025-09/orders/${SEED.orders.draftReady}`, { token });

	it('sends no RateLimit headers when the limiter is off', async () => {
		const res = await get(unlimited);
		expect(res.headers.get('ratelimit-limit')).toBeNull();
		for (let i = 0; i < 30; i++) expect((await get(unlimited)).status).toBe(200);
	});

	it('by default sends only the headers Stora documents: RateLimit-Limit and RateLimit-Reset', async () => {
		clock.set(START + 400);
		const first = await get(documented);
		expect(first.status).toBe(200);
		expect(first.headers.get('ratelimit-limit')).toBe('2');
		expect(first.headers.get('ratelimit-reset')).toBe(epoch(START + 1000));
		await get(documented);
		const limited = await get(documented);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('ratelimit-limit')).toBe('2');
		expect(limited.headers.get('ratelimit-reset')).toBe(epoch(START + 1000));
		for (const res of [first, limited]) {
			expect(res.headers.get('ratelimit-remaining')).toBeNull();
			expect(res.headers.get('retry-after')).toBeNull();
		}
		documented.faults.add({ method: 'GET', type: 'status', status: 429 });
		const injected = await get(documented);
		expect(injected.status).toBe(429);
		expect(injected.headers.get('ratelimit-limit')).toBe('2');
		expect(injected.headers.get('ratelimit-remaining')).toBeNull();
	});

	it('reports the window closest to exhaustion on successful responses', async () => {
		const first = await get(sb);
		expect(first.headers.get('ratelimit-limit')).toBe('10');
		expect(first.headers.get('ratelimit-remaining')).toBe('9');
		expect(first.headers.get('ratelimit-reset')).toBe(epoch(START + 1000));
		// 6 requests per second for 9 seconds → 55 used in the minute: the minute window is now the tighter one
		for (let s = 0; s < 9; s++) {
			clock.set(START + s * 1000 + 1000);
			for (let i = 0; i < 6; i++) expect((await get(sb)).status).toBe(200);
		}
		clock.set(START + 10_000);
		const res = await get(sb);
		expect(res.headers.get('ratelimit-limit')).toBe('60');
		expect(res.headers.get('ratelimit-remaining')).toBe('4');
		expect(res.headers.get('ratelimit-reset')).toBe(epoch(START + 60_000));
	});

	it('answers 429 too_many_requests over 10 requests in one second, before processing', async () => {
		clock.set(START + 250);
		for (let i = 0; i < 10; i++) expect((await get(sb)).status).toBe(200);
		const before = sb.store.orders.length;
		const res = await call(sb.url, 'POST', '/2025-09/orders', {
			body: { site: { id: SEED.sites.camden } },
		});
		expect(res.status).toBe(429);
		expect(res.body.error).toMatchObject({
			code: 'too_many_requests',
			type: 'invalid_request_error',
		});
		expect(res.headers.get('ratelimit-limit')).toBe('10');
		expect(res.headers.get('ratelimit-remaining')).toBe('0');
		expect(res.headers.get('ratelimit-reset')).toBe(epoch(START + 1000));
		expect(res.headers.get('retry-after')).toBeNull();
		expect(res.headers.get('x-request-id')).toBe(res.body.error.request_id);
		expect(sb.store.orders.length).toBe(before);
		clock.set(START + 1000);
		const next = await get(sb);
		expect(next.status).toBe(200);
		expect(next.headers.get('ratelimit-remaining')).toBe('9');
	});

	it('answers 429 over 60 requests in one minute, with the minute’s limit and reset', async () => {
		for (let i = 0; i < 60; i++) {
			clock.set(START + Math.floor(i / 10) * 1000 + 100);
			expect((await get(sb)).status).toBe(200);
		}
		clock.set(START + 30_500);
		const res = await get(sb);
		expect(res.status).toBe(429);
		expect(res.headers.get('ratelimit-limit')).toBe('60');
		expect(res.headers.get('ratelimit-remaining')).toBe('0');
		expect(res.headers.get('ratelimit-reset')).toBe(epoch(START + 60_000));
		clock.set(START + 59_999);
		expect((await get(sb)).status).toBe(429);
		clock.set(START + 60_000);
		expect((await get(sb)).status).toBe(200);
	});

	it('keeps separate windows per token', async () => {
		for (let i = 0; i < 10; i++) await get(sb);
		expect((await get(sb)).status).toBe(429);
		const other = await get(sb, 'other');
		expect(other.status).toBe(200);
		expect(other.headers.get('ratelimit-remaining')).toBe('9');
	});

	it('sends Retry-After (seconds) only when configured', async () => {
		clock.set(START + 400);
		await get(withRetryAfter);
		await get(withRetryAfter);
		const perSecond = await get(withRetryAfter);
		expect(perSecond.status).toBe(429);
		expect(perSecond.headers.get('ratelimit-limit')).toBe('2');
		expect(perSecond.headers.get('retry-after')).toBe('1');
		clock.set(START + 1400);
		expect((await get(withRetryAfter)).status).toBe(200);
		clock.set(START + 2400);
		const perMinute = await get(withRetryAfter);
		expect(perMinute.status).toBe(429);
		expect(perMinute.headers.get('ratelimit-limit')).toBe('3');
		expect(perMinute.headers.get('ratelimit-reset')).toBe(epoch(START + 60_000));
		expect(perMinute.headers.get('retry-after')).toBe('58');
	});

	it('does not store a limiter 429 against the Idempotency-Key', async () => {
		for (let i = 0; i < 10; i++) await get(sb);
		const body = { site: { id: SEED.sites.camden } };
		const headers = { 'Idempotency-Key': 'limited-key' };
		const limited = await call(sb.url, 'POST', '/2025-09/orders', { body, headers });
		expect(limited.status).toBe(429);
		clock.advance(1000);
		const before = sb.store.orders.length;
		const created = await call(sb.url, 'POST', '/2025-09/orders', { body, headers });
		expect(created.status).toBe(201);
		expect(created.headers.get('idempotent-replayed')).toBeNull();
		expect(sb.store.orders.length).toBe(before + 1);
		const replay = await call(sb.url, 'POST', '/2025-09/orders', { body, headers });
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		expect(replay.headers.get('ratelimit-remaining')).toBe('8');
	});

	it('does not let 401s or /__sandbox control calls count', async () => {
		for (let i = 0; i < 20; i++) await call(sb.url, 'GET', '/2025-09/orders', { token: 'wrong' });
		for (let i = 0; i < 20; i++) await fetch(`${sb.url}/__sandbox/requests`);
		expect((await get(sb)).headers.get('ratelimit-remaining')).toBe('9');
	});
});
