'use strict';

/**
 * The floor client's pacer: at most `perSecond` sends in any 1 s and `perMinute` in any 60 s
 * (sliding windows, which also keeps every aligned window of the server under its limit), each
 * send as early as that allows. A send counts from when its request was written out (`sent()`),
 * not from when it was let go: on a busy machine the two can be a few hundred ms apart within
 * a burst. `marginMs` absorbs what is left (the server reading it a little later).
 */
class SlidingPacer {
	constructor({ perSecond, perMinute }, marginMs = 25) {
		this.perSecond = perSecond;
		this.perMinute = perMinute;
		this.marginMs = marginMs;
		/** @type {number[]} when each send was let go, then when it was written out */ this.times = [];
		this.queue = Promise.resolve();
	}

	/** When the next send may go (epoch ms). */
	nextAt() {
		const n = this.times.length;
		let at = 0;
		if (n >= this.perSecond) at = Math.max(at, this.times[n - this.perSecond] + 1000 + this.marginMs);
		if (n >= this.perMinute) at = Math.max(at, this.times[n - this.perMinute] + 60_000 + this.marginMs);
		return at;
	}

	/**
	 * Resolves when a send is allowed, in call order, with a function to call once the request
	 * has been written out.
	 */
	take() {
		const turn = this.queue.then(async () => {
			const wait = this.nextAt() - Date.now();
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			const index = this.times.push(Date.now()) - 1;
			return () => {
				this.times[index] = Date.now();
			};
		});
		this.queue = turn.then(() => undefined);
		return turn;
	}
}

/** No limits: every send goes at once. */
const UNPACED = { take: async () => () => {} };

module.exports = { SlidingPacer, UNPACED };
