import type { IDataObject } from 'n8n-workflow';

import type { ServerWindow } from './rateLimitHeaders';
import { serverWindowOf } from './rateLimitHeaders';
import { afterReset } from './retryPolicy';
import { abortableSleep, throwIfAborted } from './wait';

export interface RateLimits {
	perSecond: number;
	perMinute: number;
}

/**
 * Windows are a little longer than the server's so that requests sent at the edge of a window
 * are not counted in the next one when the network delays them.
 */
const SECOND_WINDOW_MS = 1050;
const MINUTE_WINDOW_MS = 60500;

/**
 * A window Stora reports as spent holds requests back only if it resets within this time: a
 * longer one (an hourly quota, a clock far off) is left to the 429 and its retry budget.
 */
const LONGEST_SERVER_WINDOW_MS = 65_000;

/**
 * Paces the requests of one token in this process:
 * - its own sliding windows: at most `perSecond` requests in any second and `perMinute` in any
 *   minute (stricter than the fixed windows a server usually counts in, so staying under them
 *   never trips the server's limit by itself);
 * - what Stora says: an answer whose `RateLimit-Remaining` leaves nothing for the requests still
 *   under way holds every request back until that window's `RateLimit-Reset`. Stora counts the
 *   token's requests from every n8n process, so this is how one process learns that others
 *   spent the budget;
 * - after a 429, nobody sends before the reset.
 * One pacer is shared by every execution in the process that uses the same token.
 */
export class Pacer {
	private sent: number[] = [];

	private blockedUntil = 0;

	/** Requests sent whose answer has not come back. */
	private underWay = 0;

	/** Windows Stora reported, by reset time: requests left, and when to go again once spent. */
	private serverWindows = new Map<number, { remaining: number; releaseAt: number }>();

	constructor(
		private limits: RateLimits,
		private now: () => number = Date.now,
		private random: () => number = Math.random,
	) {}

	setLimits(limits: RateLimits) {
		this.limits = limits;
	}

	/** After a 429: nobody sends before the server's window resets. */
	blockUntil(time: number) {
		this.blockedUntil = Math.max(this.blockedUntil, time);
	}

	/** Milliseconds to wait before the next request may go, or 0. */
	delayBeforeNext(): number {
		const now = this.now();
		this.sent = this.sent.filter((time) => time > now - MINUTE_WINDOW_MS);
		const lastSecond = this.sent.filter((time) => time > now - SECOND_WINDOW_MS);
		let waitUntil = this.blockedUntil;
		if (lastSecond.length >= this.limits.perSecond) {
			waitUntil = Math.max(
				waitUntil,
				lastSecond[lastSecond.length - this.limits.perSecond] + SECOND_WINDOW_MS,
			);
		}
		if (this.sent.length >= this.limits.perMinute) {
			waitUntil = Math.max(
				waitUntil,
				this.sent[this.sent.length - this.limits.perMinute] + MINUTE_WINDOW_MS,
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

	/** Waits for a free slot and takes it; a cancelled execution stops waiting and takes none. */
	async acquire(signal?: AbortSignal): Promise<void> {
		for (let delay = this.delayBeforeNext(); delay > 0; delay = this.delayBeforeNext()) {
			await abortableSleep(delay, signal);
		}
		throwIfAborted(signal);
		this.sent.push(this.now());
		this.underWay++;
		for (const window of this.serverWindows.values()) window.remaining--;
	}

	/**
	 * A request's answer came (headers), or none did (undefined). The remaining budget an answer
	 * reports does not count this process's requests still under way, if they reached Stora after
	 * it: they are taken off, so the estimate errs on the side of waiting.
	 */
	answered(headers?: IDataObject) {
		this.underWay = Math.max(0, this.underWay - 1);
		const reported = headers ? serverWindowOf(headers, this.now()) : undefined;
		if (reported) this.learn(reported);
	}

	private learn({ remaining, resetAt }: ServerWindow) {
		const left = remaining - this.underWay;
		const known = this.serverWindows.get(resetAt);
		if (known) known.remaining = Math.min(known.remaining, left);
		else
			this.serverWindows.set(resetAt, {
				remaining: left,
				releaseAt: resetAt + afterReset(this.random),
			});
	}
}

const pacers = new Map<string, Pacer>();

export function pacerFor(key: string, limits: RateLimits): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(limits);
		pacers.set(key, pacer);
	}
	pacer.setLimits(limits);
	return pacer;
}
