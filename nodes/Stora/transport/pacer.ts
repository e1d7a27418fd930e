import type { IDataObject } from 'n8n-workflow';

import type { AdvertisedLimit } from './rateLimitHeaders';
import { advertisedLimitOf, serverWindowOf } from './rateLimitHeaders';
import { abortableSleep, throwIfAborted } from './wait';

export interface RateLimits {
	perSecond: number;
	perMinute: number;
}

/**
 * Windows are a little longer than the server's so that requests sent at the edge of a window
 * are not counted in the next one when the network delays them.
 */
export const SECOND_WINDOW_MS = 1030;
export const MINUTE_WINDOW_MS = 60500;

/**
 * A window Stora reports as spent holds requests back only if it resets within this time: a
 * longer one (an hourly quota, a clock far off) is left to the 429 and its retry budget.
 */
const LONGEST_SERVER_WINDOW_MS = 65_000;

/** How far 429s can slow a process down (its limits divided by at most this), and how soon it recovers. */
const MAX_SLOWDOWN = 16;
const RECOVERY_MS = 60_000;

/** A spent window's reset is in whole seconds: a little after it, Stora has surely rolled over. */
const AFTER_SERVER_RESET_MS = 50;

/** A limit Stora advertised lower than the credential's holds this long after it was last seen. */
const ADVERTISED_LIMIT_MS = 10 * 60_000;

/**
 * Paces the requests of one token in this process:
 * - its own sliding windows: at most `perSecond` requests in any second and `perMinute` in any
 *   minute (stricter than the fixed windows a server usually counts in, so staying under them
 *   never trips the server's limit by itself);
 * - what Stora says: a `RateLimit-Limit` lower than the credential's is kept to instead (its
 *   share, when several processes share the token); when Stora also sends `RateLimit-Remaining`
 *   (not in its reference), once that, less this process's requests sent after it, leaves nothing,
 *   every request waits for that window's `RateLimit-Reset`;
 * - after a 429, nobody sends before the reset, and the process slows down (`rateLimited`);
 * - while the process shares the token (the credential says so, or 429s showed it), it spreads
 *   each second's requests over the second instead of sending them at once, so that processes
 *   starting together do not all spend the same second's budget at its start.
 * One pacer is shared by every execution in the process that uses the same token.
 */
/** One process's share of the token's limits when `processes` use it (at least 1 each). */
export function shareOf(limits: RateLimits, processes: number): RateLimits {
	const sharing = Math.max(1, Math.floor(processes));
	return {
		perSecond: Math.max(1, Math.floor(limits.perSecond / sharing)),
		perMinute: Math.max(1, Math.floor(limits.perMinute / sharing)),
	};
}

export class Pacer {
	private sent: number[] = [];

	private blockedUntil = 0;

	/** After 429s: the credential's limits are divided by this (1, 2, 4 … up to MAX_SLOWDOWN). */
	private slowdown = 1;

	/** When the slowdown last changed, and when the last 429 came. */
	private slowdownChangedAt = -Infinity;

	private limitedAt = -Infinity;

	/** Requests sent so far: a request's number tells which of ours were sent after it. */
	private sentCount = 0;

	private answeredCount = 0;

	/** Without `RateLimit-Remaining`: our requests Stora counted per window, by its reset. */
	private counted = new Map<number, number>();

	/** Windows Stora reported, by reset time: requests left, and when to go again once spent. */
	private serverWindows = new Map<number, { remaining: number; releaseAt: number }>();

	/** The lowest `RateLimit-Limit` Stora advertised per window lately (the token's, all processes). */
	private advertised: Record<'second' | 'minute', { limit: number; until: number } | undefined> = {
		second: undefined,
		minute: undefined,
	};

	/**
	 * @param limits this process's share of the credential's limits
	 * @param processes how many processes share the token (the credential's setting)
	 */
	constructor(
		private limits: RateLimits,
		private now: () => number = Date.now,
		private processes = 1,
	) {}

	setLimits(limits: RateLimits, processes = 1) {
		this.limits = limits;
		this.processes = processes;
	}

	/**
	 * After a 429: nobody sends before `until` (the server's reset). A 429 although this process
	 * kept to its limits means something else spends the token's budget too (other n8n
	 * processes, another application) or the plan's limits are lower than the credential says:
	 * the process then keeps to half its limits, and to half again on a 429 in a later second, at
	 * least 1 request per window; a minute without a 429 doubles them again, up to the credential's.
	 */
	rateLimited(until: number) {
		const now = this.now();
		this.blockedUntil = Math.max(this.blockedUntil, until);
		// The 429s of one burst are one sign, not several.
		if (now - this.slowdownChangedAt >= SECOND_WINDOW_MS && this.slowdown < MAX_SLOWDOWN) {
			this.slowdown *= 2;
			this.slowdownChangedAt = now;
		}
		this.limitedAt = now;
	}

	/** Stora's advertised limit for a window, while it holds; otherwise none. */
	private advertisedLimit(window: 'second' | 'minute', now: number): number {
		const advertised = this.advertised[window];
		return advertised && advertised.until > now ? advertised.limit : Infinity;
	}

	/**
	 * The limits this process keeps to now: the credential's, or its share of the lower ones Stora
	 * advertised, divided after 429s.
	 */
	private currentLimits(now: number): RateLimits {
		const quietSince = Math.max(this.limitedAt, this.slowdownChangedAt);
		if (this.slowdown > 1 && now - quietSince >= RECOVERY_MS) {
			this.slowdown /= 2;
			this.slowdownChangedAt = now;
		}
		const advertised = shareOf(
			{
				perSecond: this.advertisedLimit('second', now),
				perMinute: this.advertisedLimit('minute', now),
			},
			this.processes,
		);
		return shareOf(
			{
				perSecond: Math.min(this.limits.perSecond, advertised.perSecond),
				perMinute: Math.min(this.limits.perMinute, advertised.perMinute),
			},
			this.slowdown,
		);
	}

	/** Milliseconds to wait before the next request may go, or 0. */
	delayBeforeNext(): number {
		const now = this.now();
		this.sent = this.sent.filter((time) => time > now - MINUTE_WINDOW_MS);
		const lastSecond = this.sent.filter((time) => time > now - SECOND_WINDOW_MS);
		const limits = this.currentLimits(now);
		let waitUntil = this.blockedUntil;
		if (lastSecond.length >= limits.perSecond) {
			waitUntil = Math.max(
				waitUntil,
				lastSecond[lastSecond.length - limits.perSecond] + SECOND_WINDOW_MS,
			);
		}
		const last = this.sent[this.sent.length - 1];
		if (last !== undefined && (this.processes > 1 || this.slowdown > 1)) {
			waitUntil = Math.max(waitUntil, last + Math.ceil(SECOND_WINDOW_MS / limits.perSecond));
		}
		if (this.sent.length >= limits.perMinute) {
			waitUntil = Math.max(
				waitUntil,
				this.sent[this.sent.length - limits.perMinute] + MINUTE_WINDOW_MS,
			);
		}
		for (const [resetAt, window] of this.serverWindows) {
			if (window.releaseAt <= now) this.serverWindows.delete(resetAt);
			else if (window.remaining <= 0 && resetAt <= now + LONGEST_SERVER_WINDOW_MS) {
				waitUntil = Math.max(waitUntil, window.releaseAt);
			}
		}
		return Math.max(0, waitUntil - now);
	}

	/**
	 * Waits for a free slot and takes it; a cancelled execution stops waiting and takes none.
	 * Returns the request's number, for `answered`.
	 */
	async acquire(signal?: AbortSignal): Promise<number> {
		for (let delay = this.delayBeforeNext(); delay > 0; delay = this.delayBeforeNext()) {
			await abortableSleep(delay, signal);
		}
		throwIfAborted(signal);
		this.sent.push(this.now());
		for (const window of this.serverWindows.values()) window.remaining--;
		return ++this.sentCount;
	}

	/**
	 * Request number `request` was answered (with these headers). The budget an answer reports
	 * may not count this process's requests sent after it: they are taken off, so the estimate
	 * errs on the side of waiting.
	 */
	answered(request: number, headers?: IDataObject) {
		this.answeredCount++;
		if (!headers) return;
		const advertised = this.learnLimit(headers);
		const reported = serverWindowOf(headers, this.now());
		if (!reported) {
			if (advertised) this.countOwn(advertised);
			return;
		}
		const left = reported.remaining - (this.sentCount - request);
		const known = this.serverWindows.get(reported.resetAt);
		if (known) known.remaining = Math.min(known.remaining, left);
		else {
			this.serverWindows.set(reported.resetAt, {
				remaining: left,
				releaseAt: reported.resetAt + AFTER_SERVER_RESET_MS,
			});
		}
	}

	/**
	 * Keeps a `RateLimit-Limit` lower than any seen lately; a higher one only once that lapses.
	 * Returns what the answer advertised, unless its window resets too far away to wait for.
	 */
	private learnLimit(headers: IDataObject): AdvertisedLimit | undefined {
		const now = this.now();
		const advertised = advertisedLimitOf(headers, now);
		if (!advertised || advertised.resetAt > now + LONGEST_SERVER_WINDOW_MS) return undefined;
		const known = this.advertised[advertised.window];
		if (!known || known.until <= now || known.limit >= advertised.limit) {
			this.advertised[advertised.window] = {
				limit: advertised.limit,
				until: now + ADVERTISED_LIMIT_MS,
			};
		}
		return advertised;
	}

	/**
	 * Without `RateLimit-Remaining`, what is left of the window an answer names is its limit (this
	 * process's share) less our requests Stora counted in it and those not answered yet, which may
	 * land in it: our own requests then never overrun a window of Stora's, even when delays carry
	 * a second's requests into the next one. (Other processes' requests stay unknown.)
	 */
	private countOwn(advertised: AdvertisedLimit) {
		const now = this.now();
		for (const resetAt of this.counted.keys()) if (resetAt <= now) this.counted.delete(resetAt);
		const counted = (this.counted.get(advertised.resetAt) ?? 0) + 1;
		this.counted.set(advertised.resetAt, counted);
		const share = Math.max(1, Math.floor(advertised.limit / this.processes));
		this.serverWindows.set(advertised.resetAt, {
			remaining: share - counted - (this.sentCount - this.answeredCount),
			releaseAt: advertised.resetAt + AFTER_SERVER_RESET_MS,
		});
	}
}

const pacers = new Map<string, Pacer>();

/** The token's pacer in this process; `limits` is this process's share when `processes` share it. */
export function pacerFor(key: string, limits: RateLimits, processes = 1): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(limits, Date.now, processes);
		pacers.set(key, pacer);
	}
	pacer.setLimits(limits, processes);
	return pacer;
}
