'use strict';
/**
 * Several n8n processes on one token, simulated in virtual time: each process has the node's own
 * pacer (dist/, the compiled transport) and its retry wait after a 429, and they all send to the
 * sandbox's rate limiter (fixed windows, only the headers Stora documents). Seconds, not minutes,
 * per scenario, and the same answer every run (seeded).
 */
const path = require('node:path');
const { RateLimiter } = require('../../sandbox/rate-limit');

const dist = path.join(__dirname, '..', '..', 'dist', 'nodes', 'Stora', 'transport');
const { Pacer, shareOf } = require(path.join(dist, 'pacer.js'));
const { DEFAULT_RETRY_SETTINGS, rateLimitDelay } = require(path.join(dist, 'retryPolicy.js'));

/** A small linear congruential generator: the same run for the same seed. */
function seeded(seed) {
	let state = seed >>> 0;
	return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A cold start the pacer does not have, imposed from outside to see what it would cost: for its
 * first `ms`, a process sends at most ceil(perSecond / divisor) in any 1030 ms.
 */
function coldStartDelay(coldStart, limits, startedAt, sends, now) {
	if (!coldStart || now - startedAt >= coldStart.ms) return 0;
	const cap = Math.ceil(limits.perSecond / coldStart.divisor);
	const recent = sends.filter((t) => t > now - 1030);
	if (recent.length < cap) return 0;
	return Math.min(recent[recent.length - cap] + 1030, startedAt + coldStart.ms) - now;
}

/**
 * @param {{ processes: number, setting?: number, items: number, lanes: number, limits: { perSecond: number, perMinute: number },
 *   latencyMs: number, startSpreadMs: number, seed: number, coldStart?: { ms: number, divisor: number } }} s
 */
function simulate(s) {
	const random = seeded(s.seed);
	const realNow = Date.now;
	const realRandom = Math.random;
	let now = 1_765_000_000_000 + Math.floor(random() * 60_000);
	const start = now;
	Date.now = () => now;
	Math.random = random;
	const events = [];
	let order = 0;
	const at = (time, run) => events.push({ time, order: order++, run });
	const limiter = new RateLimiter(s.limits, () => now);
	const result = { requests: 0, limited: 0, maxAttempts: 0, failed: 0, lastAnswerMs: 0 };
	try {
		for (let p = 0; p < s.processes; p++) {
			const setting = s.setting ?? 1;
			const pacer = new Pacer(shareOf(s.limits, setting), () => now, setting);
			const sends = [];
			let startedAt = 0;
			let next = 0;
			const lane = () => {
				if (next < s.items) attempt(next++, 0);
			};
			const attempt = (item, retries) => {
				const wait = Math.max(
					pacer.delayBeforeNext(),
					coldStartDelay(s.coldStart, s.limits, startedAt, sends, now),
				);
				if (wait > 0) return at(now + wait, () => attempt(item, retries));
				// With no wait left, acquire takes the slot at once; its ticket is the send's number.
				void pacer.acquire();
				sends.push(now);
				const ticket = sends.length;
				at(now + s.latencyMs / 2, () => {
					const { allowed, headers } = limiter.check('token');
					result.requests++;
					if (!allowed) result.limited++;
					const answer = { date: new Date(now).toUTCString() };
					for (const [name, value] of Object.entries(headers)) answer[name.toLowerCase()] = value;
					at(now + s.latencyMs / 2, () => {
						pacer.answered(ticket, answer);
						result.lastAnswerMs = now - start;
						if (allowed) {
							result.maxAttempts = Math.max(result.maxAttempts, retries + 1);
							return lane();
						}
						if (retries >= DEFAULT_RETRY_SETTINGS.maxRetries) {
							result.failed++;
							return lane();
						}
						const delay = rateLimitDelay(answer, retries, now);
						pacer.rateLimited(now + delay);
						at(now + delay, () => attempt(item, retries + 1));
					});
				});
			};
			at(now + random() * s.startSpreadMs, () => {
				startedAt = now;
				for (let l = 0; l < Math.min(s.lanes, s.items); l++) lane();
			});
		}
		while (events.length > 0) {
			let first = 0;
			for (let i = 1; i < events.length; i++) {
				const [a, b] = [events[i], events[first]];
				if (a.time < b.time || (a.time === b.time && a.order < b.order)) first = i;
			}
			const [event] = events.splice(first, 1);
			now = Math.max(now, event.time);
			event.run();
		}
	} finally {
		Date.now = realNow;
		Math.random = realRandom;
	}
	return result;
}

module.exports = { simulate };
