/**
 * The pacer with only the rate-limit headers Stora documents (`RateLimit-Limit`,
 * `RateLimit-Reset`), and its pacing when several processes share a token.
 */
import { Pacer } from '../../nodes/Stora/transport/pacer';
import { advertisedLimitOf } from '../../nodes/Stora/transport/rateLimitHeaders';

const NOW = 1_700_000_000_000;
const httpDate = (ms: number) => new Date(ms).toUTCString();

/** A documented answer at `at`: the limit of a window resetting `resetInS` whole seconds later. */
const documented = (limit: number, resetInS: number, date = true, at = NOW) => ({
	'ratelimit-limit': String(limit),
	'ratelimit-reset': String(Math.floor(at / 1000) + resetInS),
	...(date ? { date: httpDate(at) } : {}),
});

/** How many requests may go at once, at the pacer's clock (each answered without headers). */
function sendable(pacer: Pacer): number {
	let count = 0;
	while (pacer.delayBeforeNext() === 0 && count < 1000) {
		void pacer.acquire().then((ticket) => pacer.answered(ticket));
		count++;
	}
	return count;
}

describe('RateLimit-Limit: which window it is for', () => {
	it('a reset 3 s or more after the answer’s Date is the minute’s; sooner may be a second’s', () => {
		expect(advertisedLimitOf(documented(30, 40), NOW)).toMatchObject({
			limit: 30,
			window: 'minute',
		});
		expect(advertisedLimitOf(documented(30, 3), NOW)).toMatchObject({ window: 'minute' });
		expect(advertisedLimitOf(documented(5, 1), NOW)).toMatchObject({ limit: 5, window: 'second' });
	});

	it('a Date cached from the previous second does not turn a second’s limit into a minute’s', () => {
		// The server counted the request in second S (reset S+1) but its Date still says S-1.
		const answer = { ...documented(3, 1), date: httpDate(NOW - 1000) };
		expect(advertisedLimitOf(answer, NOW)).toMatchObject({ limit: 3, window: 'second' });
	});

	it('without a Date, allows for this clock being 2 s off', () => {
		expect(advertisedLimitOf(documented(5, 4, false), NOW)).toMatchObject({ window: 'second' });
		expect(advertisedLimitOf(documented(30, 5, false), NOW)).toMatchObject({ window: 'minute' });
	});

	it('nothing without both headers, or with a reset already past', () => {
		expect(advertisedLimitOf({ 'ratelimit-limit': '5' }, NOW)).toBeUndefined();
		expect(advertisedLimitOf({ 'ratelimit-reset': String(NOW / 1000 + 1) }, NOW)).toBeUndefined();
		expect(advertisedLimitOf(documented(5, -1), NOW)).toBeUndefined();
		expect(advertisedLimitOf({ ...documented(5, 1), 'ratelimit-limit': 'x' }, NOW)).toBeUndefined();
	});
});

describe('pacer: a lower RateLimit-Limit than the credential’s', () => {
	it('keeps to a second’s limit Stora advertises (no RateLimit-Remaining)', async () => {
		let now = NOW;
		const pacer = new Pacer({ perSecond: 100, perMinute: 1000 }, () => now);
		pacer.answered(await pacer.acquire(), documented(5, 1));
		// One sent, four more in this second; the next once Stora's window has reset.
		expect(sendable(pacer)).toBe(4);
		now += 1030;
		expect(pacer.delayBeforeNext()).toBe(20);
		now += 20;
		expect(sendable(pacer)).toBe(5);
	});

	it('keeps to a minute’s limit', async () => {
		let now = NOW;
		const pacer = new Pacer({ perSecond: 10, perMinute: 60 }, () => now);
		pacer.answered(await pacer.acquire(), documented(3, 40));
		expect(sendable(pacer)).toBe(2);
		now += 5_000;
		expect(sendable(pacer)).toBe(0);
	});

	it('keeps to its share of it when several processes share the token', async () => {
		const pacer = new Pacer({ perSecond: 50, perMinute: 500 }, () => NOW, 2);
		pacer.answered(await pacer.acquire(), documented(8, 1));
		// 8 / 2 processes = 4 a second: one sent, and the shared pacer spreads the rest.
		expect(pacer.delayBeforeNext()).toBe(Math.ceil(1030 / 4));
	});

	it('never goes above the credential’s limits, and a higher one does not undo a lower one', async () => {
		let now = NOW;
		const pacer = new Pacer({ perSecond: 4, perMinute: 1000 }, () => now);
		pacer.answered(await pacer.acquire(), documented(10, 1));
		expect(sendable(pacer)).toBe(3);
		now = NOW + 2000;
		pacer.answered(await pacer.acquire(), documented(2, 1, true, now));
		pacer.answered(await pacer.acquire(), documented(9, 1, true, now));
		now += 1030;
		expect(sendable(pacer)).toBe(2);
	});

	it('forgets it 10 minutes after it was last advertised', async () => {
		let now = NOW;
		const pacer = new Pacer({ perSecond: 10, perMinute: 1000 }, () => now);
		pacer.answered(await pacer.acquire(), documented(2, 1));
		now += 10 * 60_000;
		expect(sendable(pacer)).toBe(10);
	});

	it('a window resetting more than 65 s away teaches nothing', async () => {
		const pacer = new Pacer({ perSecond: 10, perMinute: 1000 }, () => NOW);
		pacer.answered(await pacer.acquire(), documented(2, 3600));
		expect(sendable(pacer)).toBe(9);
	});
});

describe('pacer: its own requests in Stora’s windows, without RateLimit-Remaining', () => {
	it('a burst delayed into the next second counts there: the next burst keeps to what is left', async () => {
		let now = NOW + 900;
		const pacer = new Pacer({ perSecond: 10, perMinute: 1000 }, () => now);
		const tickets = [];
		for (let i = 0; i < 10; i++) tickets.push(await pacer.acquire());
		// Stora counted 6 in the second ending at NOW + 1 s, 4 (delayed) in the next one.
		tickets.forEach((ticket, i) =>
			pacer.answered(ticket, i < 6 ? documented(10, 1) : documented(10, 1, true, NOW + 1000)),
		);
		now = NOW + 1930;
		expect(sendable(pacer)).toBe(6);
		expect(pacer.delayBeforeNext()).toBe(2050 - 1930);
	});

	it('requests not answered yet may land in the window too', async () => {
		let now = NOW + 900;
		const pacer = new Pacer({ perSecond: 10, perMinute: 1000 }, () => now);
		const tickets = [];
		for (let i = 0; i < 10; i++) tickets.push(await pacer.acquire());
		// 6 counted in the first second, 2 in the next, 2 still under way.
		tickets
			.slice(0, 8)
			.forEach((ticket, i) =>
				pacer.answered(ticket, i < 6 ? documented(10, 1) : documented(10, 1, true, NOW + 1000)),
			);
		now = NOW + 1930;
		expect(sendable(pacer)).toBe(6);
	});
});

describe('pacer: spreading a second’s requests', () => {
	it('alone on the token, a second’s budget goes out at once', () => {
		const pacer = new Pacer({ perSecond: 10, perMinute: 1000 }, () => NOW);
		expect(sendable(pacer)).toBe(10);
	});

	it('sharing the token (credential’s processes), one every 1030 ms / its per-second share', async () => {
		let now = NOW;
		const pacer = new Pacer({ perSecond: 4, perMinute: 1000 }, () => now, 2);
		expect(sendable(pacer)).toBe(1);
		expect(pacer.delayBeforeNext()).toBe(258);
		now += 258;
		expect(sendable(pacer)).toBe(1);
	});

	it('after a 429 (another process spends the budget too), until it recovers', () => {
		let now = NOW;
		const pacer = new Pacer({ perSecond: 8, perMinute: 1000 }, () => now);
		pacer.rateLimited(now);
		// Half of 8 a second, one every 258 ms.
		expect(sendable(pacer)).toBe(1);
		expect(pacer.delayBeforeNext()).toBe(258);
		now += 60_000;
		expect(sendable(pacer)).toBe(8);
	});
});
