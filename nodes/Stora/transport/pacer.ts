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
 * Sliding-window pacer: at most `perSecond` requests in any second and `perMinute` in any minute.
 * A sliding window is stricter than the fixed windows a server usually counts in, so staying
 * under it never trips the server's limit. One pacer is shared by every execution that uses the
 * same token, because the limit belongs to the token.
 */
export class Pacer {
	private sent: number[] = [];

	private blockedUntil = 0;

	constructor(
		private limits: RateLimits,
		private now: () => number = Date.now,
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
		return Math.max(0, waitUntil - now);
	}

	/** Waits for a free slot and takes it; a cancelled execution stops waiting and takes none. */
	async acquire(signal?: AbortSignal): Promise<void> {
		for (let delay = this.delayBeforeNext(); delay > 0; delay = this.delayBeforeNext()) {
			await abortableSleep(delay, signal);
		}
		throwIfAborted(signal);
		this.sent.push(this.now());
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
