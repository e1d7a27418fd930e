'use strict';

/**
 * @typedef {{ perSecond?: number, perMinute?: number, retryAfterHeader?: boolean, remainingHeader?: boolean }} RateLimitOptions
 * Stora's reference lists only `RateLimit-Limit` and `RateLimit-Reset` (catalogue §5 item 18), so
 * those are all that is sent by default; `RateLimit-Remaining` and `Retry-After` only when asked for.
 */

/**
 * Per-token fixed windows aligned to the epoch second and the epoch minute of `now()`.
 * Rejected requests do not consume quota.
 */
class RateLimiter {
	/**
	 * @param {RateLimitOptions} options
	 * @param {() => number} now
	 */
	constructor(options, now) {
		this.perSecond = options.perSecond ?? 10;
		this.perMinute = options.perMinute ?? 60;
		this.retryAfterHeader = options.retryAfterHeader ?? false;
		this.remainingHeader = options.remainingHeader ?? false;
		this.now = now;
		/** @type {Map<string, { sec: number, secCount: number, min: number, minCount: number }>} */
		this.state = new Map();
	}

	clear() {
		this.state.clear();
	}

	/**
	 * @param {{ limit: number, resetAt: number }} window
	 * @param {number} left
	 * @returns {Record<string, string>}
	 */
	headersOf(window, left) {
		/** @type {Record<string, string>} */
		const headers = { 'RateLimit-Limit': String(window.limit), 'RateLimit-Reset': String(window.resetAt / 1000) };
		if (this.remainingHeader) headers['RateLimit-Remaining'] = String(left);
		return headers;
	}

	/**
	 * Counts a request for `token`. Returns whether it is allowed and the RateLimit headers to send:
	 * on a 429 those of the window that was exceeded (the minute when both are), otherwise those
	 * of the window with the fewest requests left (the minute on a tie).
	 * @param {string} token
	 * @returns {{ allowed: boolean, headers: Record<string, string> }}
	 */
	check(token) {
		const t = this.now();
		const sec = Math.floor(t / 1000);
		const min = Math.floor(t / 60000);
		let s = this.state.get(token);
		if (!s) {
			s = { sec, secCount: 0, min, minCount: 0 };
			this.state.set(token, s);
		}
		if (s.sec !== sec) {
			s.sec = sec;
			s.secCount = 0;
		}
		if (s.min !== min) {
			s.min = min;
			s.minCount = 0;
		}
		const second = { limit: this.perSecond, resetAt: (sec + 1) * 1000 };
		const minute = { limit: this.perMinute, resetAt: (min + 1) * 60000 };
		const overMinute = s.minCount >= this.perMinute;
		const overSecond = s.secCount >= this.perSecond;
		if (overMinute || overSecond) {
			const w = overMinute ? minute : second;
			const headers = this.headersOf(w, 0);
			if (this.retryAfterHeader) headers['Retry-After'] = String(Math.max(1, Math.ceil((w.resetAt - t) / 1000)));
			return { allowed: false, headers };
		}
		s.secCount += 1;
		s.minCount += 1;
		const secLeft = this.perSecond - s.secCount;
		const minLeft = this.perMinute - s.minCount;
		const [w, left] = secLeft < minLeft ? [second, secLeft] : [minute, minLeft];
		return { allowed: true, headers: this.headersOf(w, left) };
	}
}

module.exports = { RateLimiter };
