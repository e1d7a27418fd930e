import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { secureBaseUrl } from '../../nodes/Stora/transport/baseUrl';
import { storaApiError } from '../../nodes/Stora/transport/errors';
import { MAX_PAGE_SIZE, pageSizeFor } from '../../nodes/Stora/transport';
import { Pacer, shareOf } from '../../nodes/Stora/transport/pacer';
import { resetTimeOf } from '../../nodes/Stora/transport/rateLimitHeaders';
import {
	backoffDelay,
	isTransientNetworkError,
	rateLimitDelay,
} from '../../nodes/Stora/transport/retryPolicy';

const node: INode = {
	id: 'n1',
	name: 'Stora',
	type: 'n8n-nodes-stora.stora',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('page size: the fewest requests without over-fetching', () => {
	it.each([
		[1, 1],
		[30, 30],
		[100, 100],
		[101, 51],
		[150, 75],
		[250, 84],
		[10000, 100],
	])('Limit %i pages by %i', (limit, size) => {
		expect(pageSizeFor(limit)).toBe(size);
		expect(Math.ceil(limit / size)).toBe(Math.ceil(limit / MAX_PAGE_SIZE));
	});

	it('Return All pages by 100', () => {
		expect(pageSizeFor(undefined)).toBe(100);
	});
});

describe('Base URL', () => {
	it.each([
		['https://public-api.stora.co/', 'https://public-api.stora.co'],
		['  https://test.stora.example  ', 'https://test.stora.example'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['http://[::1]:8080', 'http://[::1]:8080'],
		['', 'https://public-api.stora.co'],
	])('accepts %j', (raw, expected) => {
		expect(secureBaseUrl(raw)).toBe(expected);
	});

	it.each([
		'http://public-api.stora.co',
		'http://192.168.1.10:4010',
		'http://localhost.evil.example',
		'http://127.0.0.1.evil.example',
		'ftp://public-api.stora.co',
		'public-api.stora.co',
	])('refuses %j (the token would leave in clear text)', (raw) => {
		expect(secureBaseUrl(raw)).toBeUndefined();
	});
});

describe('retry delays', () => {
	it('backs off exponentially, with jitter, up to 30 s', () => {
		expect(backoffDelay(0, () => 0)).toBe(250);
		expect(backoffDelay(0, () => 1)).toBe(500);
		expect(backoffDelay(3, () => 1)).toBe(4000);
		expect(backoffDelay(20, () => 1)).toBe(30000);
	});

	it('waits for Retry-After seconds when present', () => {
		expect(rateLimitDelay({ 'retry-after': '7' }, 0, 1_000_000)).toBe(7000);
	});

	it('reads Retry-After as an HTTP date', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(rateLimitDelay({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }, 0, now)).toBe(3000);
	});

	it('otherwise waits until RateLimit-Reset (epoch seconds), plus a margin', () => {
		const now = 1_700_000_000_000;
		const delay = rateLimitDelay({ 'ratelimit-reset': String(1_700_000_002) }, 0, now);
		expect(delay).toBeGreaterThanOrEqual(2100);
		expect(delay).toBeLessThanOrEqual(2500);
	});

	it('reads a small RateLimit-Reset as seconds from now', () => {
		const delay = rateLimitDelay({ 'ratelimit-reset': '3' }, 0, 1_700_000_000_000);
		expect(delay).toBeGreaterThanOrEqual(3100);
		expect(delay).toBeLessThanOrEqual(3500);
	});

	it('takes RateLimit-Reset relative to the answer’s Date when Stora’s clock is off', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		// Stora's clock is 30 s ahead: its reset is 2 s after its own now, not 32 s after ours.
		const headers = {
			'ratelimit-reset': String(now / 1000 + 32),
			date: new Date(now + 30_000).toUTCString(),
		};
		expect(resetTimeOf(headers, now)).toBe(now + 2000);
		// Within 2 s the clocks are taken as one.
		expect(resetTimeOf({ ...headers, date: new Date(now + 1000).toUTCString() }, now)).toBe(
			now + 32_000,
		);
	});

	it('falls back to backoff without either header', () => {
		const delay = rateLimitDelay({}, 2, 0);
		expect(delay).toBeGreaterThanOrEqual(1000);
		expect(delay).toBeLessThanOrEqual(2000);
	});

	it('retries dropped connections and timeouts, not a cancelled execution', () => {
		expect(isTransientNetworkError('ECONNRESET')).toBe(true);
		expect(isTransientNetworkError('ECONNABORTED')).toBe(true);
		expect(isTransientNetworkError('ERR_CANCELED')).toBe(false);
		// A failure whose code is unknown is not retried: it is not known to be transient.
		expect(isTransientNetworkError(undefined)).toBe(false);
		expect(isTransientNetworkError('ERR_SSL_WRONG_VERSION_NUMBER')).toBe(false);
	});
});

/** How many requests go in the second from `start` (spread over it while slowed down); ends at its end. */
function sentInNextSecond(pacer: Pacer, start: number, setNow: (time: number) => void): number {
	let count = 0;
	for (let at = start + pacer.delayBeforeNext(); at < start + 1000; ) {
		setNow(at);
		void pacer.acquire();
		count++;
		at += pacer.delayBeforeNext();
	}
	setNow(start + 1000);
	return count;
}

describe('pacer', () => {
	it('lets 10 requests through in a second, then waits for the window', async () => {
		let now = 0;
		const pacer = new Pacer({ perSecond: 10, perMinute: 60 }, () => now);
		for (let i = 0; i < 10; i++) {
			expect(pacer.delayBeforeNext()).toBe(0);
			await pacer.acquire();
		}
		expect(pacer.delayBeforeNext()).toBe(1030);
		now = 1030;
		expect(pacer.delayBeforeNext()).toBe(0);
	});

	it('holds the 61st request of a minute until the oldest leaves the window', async () => {
		let now = 0;
		const pacer = new Pacer({ perSecond: 1000, perMinute: 60 }, () => now);
		for (let i = 0; i < 60; i++) {
			now = i * 100;
			await pacer.acquire();
		}
		now = 6000;
		expect(pacer.delayBeforeNext()).toBe(60500 - 6000);
	});

	it('waits out a 429 block', () => {
		const pacer = new Pacer({ perSecond: 10, perMinute: 60 }, () => 5000);
		pacer.rateLimited(7000);
		expect(pacer.delayBeforeNext()).toBe(2000);
	});

	it('after a 429 keeps to half its limits, a quarter after one in a later second, and recovers after a quiet minute', async () => {
		let now = 0;
		const pacer = new Pacer({ perSecond: 8, perMinute: 1000 }, () => now);
		const sendable = () => sentInNextSecond(pacer, now, (time) => (now = time));
		pacer.rateLimited(0);
		pacer.rateLimited(0); // the same burst's other 429s
		expect(sendable()).toBe(4);
		now = 2_000;
		pacer.rateLimited(0);
		expect(sendable()).toBe(2);
		now = 62_000;
		expect(sendable()).toBe(4);
		now = 122_000;
		expect(sendable()).toBe(8);
	});

	it('429s coming closer together than a second still slow it down once a second', async () => {
		let now = 0;
		const pacer = new Pacer({ perSecond: 16, perMinute: 1000 }, () => now);
		for (; now <= 2_400; now += 300) pacer.rateLimited(0);
		// 429s at 0, 0.3 … 2.4 s: slowed at 0, 1.2 and 2.4 s: to an eighth, 2 in the next second.
		const count = sentInNextSecond(pacer, now, (time) => (now = time));
		expect(count).toBe(2);
	});
});

describe('pacer: what Stora’s RateLimit headers say', () => {
	const NOW = 1_700_000_000_000;
	const answer = (remaining: number, resetInMs: number) => ({
		'ratelimit-limit': '30',
		'ratelimit-remaining': String(remaining),
		'ratelimit-reset': String((NOW + resetInMs) / 1000),
	});
	const fresh = (now: () => number) => new Pacer({ perSecond: 100, perMinute: 1000 }, now);

	it('a spent window holds every request back until its reset (another process spent it)', async () => {
		let now = NOW;
		const pacer = fresh(() => now);
		pacer.answered(await pacer.acquire(), answer(0, 20_000));
		// Its own windows are nearly empty; Stora's is spent: wait for the reset plus 50 ms.
		expect(pacer.delayBeforeNext()).toBe(20_050);
		now = NOW + 20_050;
		expect(pacer.delayBeforeNext()).toBe(0);
	});

	it('takes off its own requests sent after the one answered, and those sent since', async () => {
		const pacer = fresh(() => NOW);
		const first = await pacer.acquire();
		for (let i = 0; i < 3; i++) await pacer.acquire();
		// The first answer: 3 left, but 3 of ours went after it and may not be counted yet.
		pacer.answered(first, answer(3, 5_000));
		expect(pacer.delayBeforeNext()).toBe(5_050);

		const other = fresh(() => NOW);
		other.answered(await other.acquire(), answer(3, 5_000));
		await other.acquire();
		await other.acquire();
		expect(other.delayBeforeNext()).toBe(0);
		await other.acquire();
		expect(other.delayBeforeNext()).toBe(5_050);
	});

	it('does not count twice the requests Stora had counted before it answered', async () => {
		const pacer = fresh(() => NOW);
		const tickets = [];
		for (let i = 0; i < 4; i++) tickets.push(await pacer.acquire());
		// The 4th answer counts all four: 6 of 10 left, and nothing of ours went after it.
		pacer.answered(tickets[3], answer(6, 5_000));
		for (let i = 0; i < 5; i++) await pacer.acquire();
		expect(pacer.delayBeforeNext()).toBe(0);
		await pacer.acquire();
		expect(pacer.delayBeforeNext()).toBe(5_050);
	});

	it('keeps the lowest count a window was reported with', async () => {
		const pacer = fresh(() => NOW);
		const first = await pacer.acquire();
		const second = await pacer.acquire();
		pacer.answered(second, answer(0, 3_000));
		pacer.answered(first, answer(5, 3_000));
		expect(pacer.delayBeforeNext()).toBe(3_050);
	});

	it('ignores a window that resets more than 65 s away, answers without the headers, and past resets', async () => {
		const pacer = fresh(() => NOW);
		pacer.answered(await pacer.acquire(), answer(0, 3_600_000));
		pacer.answered(await pacer.acquire(), answer(0, -1_000));
		pacer.answered(await pacer.acquire(), { 'ratelimit-reset': String(NOW / 1000 + 5) });
		pacer.answered(await pacer.acquire(), undefined);
		expect(pacer.delayBeforeNext()).toBe(0);
	});

	it('the credential’s processes share the limits, each at least 1', () => {
		expect(shareOf({ perSecond: 10, perMinute: 60 }, 1)).toEqual({ perSecond: 10, perMinute: 60 });
		expect(shareOf({ perSecond: 5, perMinute: 30 }, 4)).toEqual({ perSecond: 1, perMinute: 7 });
		expect(shareOf({ perSecond: 10, perMinute: 60 }, 20)).toEqual({ perSecond: 1, perMinute: 3 });
		expect(shareOf({ perSecond: 10, perMinute: 60 }, 0)).toEqual({ perSecond: 10, perMinute: 60 });
	});
});

describe('API error mapping', () => {
	const body = {
		error: {
			code: 'invalid_content',
			type: 'invalid_request_error',
			message: 'The request body content is not valid.',
			details: [{ message: 'value at `/email` does not match format: email', pointer: '/email' }],
			request_id: '01563646-58c1-4607-8fe0-cae3e92c4477',
		},
	};

	it("carries Stora's message, every detail with its pointer, the status and the request id", () => {
		const error = storaApiError(
			node,
			{ statusCode: 422, body, headers: {} },
			{
				method: 'POST',
				path: '/orders',
				itemIndex: 2,
				idempotency: { header: 'create:key-1', typed: 'key-1', fromUser: true },
			},
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('The request body content is not valid.');
		expect(error.httpCode).toBe('422');
		expect(error.description).toContain('/email: value at `/email` does not match format: email');
		expect(error.description).toContain('Stora request ID: 01563646-58c1-4607-8fe0-cae3e92c4477');
		// The key as it must be typed into the option, not the header it became.
		expect(error.description).toContain('Idempotency key: key-1 (sent to Stora as create:key-1)');
		expect(error.context.idempotencyKey).toBe('key-1');
		expect(error.context.itemIndex).toBe(2);
		expect(error.context.problems).toEqual([
			{ message: 'value at `/email` does not match format: email', pointer: '/email' },
		]);
	});

	it.each([
		[401, '/orders', 'Stora rejected the access token', 'Check the Access Token'],
		[403, '/orders', 'The access token is not allowed to do this', 'public.order:write'],
		[404, '/orders/order_abc', 'Order not found', 'Check the order ID'],
	])('HTTP %i says what to do', (status, path, title, advice) => {
		const error = storaApiError(
			node,
			{ statusCode: status, body: { error: { message: 'x', request_id: 'r1' } }, headers: {} },
			{ method: 'GET', path },
		);
		expect(error.message).toBe(title);
		expect(error.description).toContain(advice);
		expect(error.description).toContain('Stora request ID: r1');
	});

	it('falls back to the X-Request-Id header and a generic title for a body that is not Stora’s', () => {
		const error = storaApiError(
			node,
			{ statusCode: 502, body: '<html>Bad gateway</html>', headers: { 'x-request-id': 'hdr-1' } },
			{ method: 'GET', path: '/orders' },
		);
		expect(error.message).toBe('Stora answered with HTTP 502');
		expect(error.description).toContain('Stora request ID: hdr-1');
	});
});
