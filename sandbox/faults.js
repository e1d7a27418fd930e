'use strict';

const TYPES = ['status', 'reset', 'delay', 'malformed'];

/**
 * @typedef {object} FaultSpec
 * @property {'GET' | 'POST' | string} [method]
 * @property {string | RegExp} [path] exact path (no query) or a RegExp tested against it
 * @property {string} [pathRegex] RegExp source, for the HTTP control endpoint
 * @property {number} [times] how many matching requests get the fault (default 1)
 * @property {number} [every] only every Nth matching request gets it (default 1: each one), to
 *   spread faults over a long run instead of hitting one request over and over
 * @property {'status' | 'reset' | 'delay' | 'malformed'} type
 * @property {number} [status] for type "status" (default 500)
 * @property {any} [body] for type "status": object (sent as JSON) or string; default Stora's error body.
 *   For type "malformed": the damaged body sent instead of the cut-short one
 * @property {Record<string, string>} [headers] for type "status": extra response headers
 * @property {number} [delayMs] for type "delay"
 * @property {boolean} [afterProcessing] process the request (and store its idempotent response) first
 */

/**
 * Scripted faults for the next N matching requests. A fault is taken at one of two stages:
 * "arrival" (before auth) for reset/delay/malformed without afterProcessing, and "processing"
 * (after auth, the rate limiter and idempotent replay) for status faults and every
 * afterProcessing fault. Faults are matched in the order they were added.
 */
class Faults {
	constructor() {
		/** @type {(FaultSpec & { remaining: number, path?: string | RegExp })[]} */
		this.list = [];
	}

	/**
	 * @param {FaultSpec} spec
	 */
	add(spec) {
		if (!spec || !TYPES.includes(spec.type)) throw new Error(`fault type must be one of ${TYPES.join(', ')}`);
		const times = spec.times ?? 1;
		if (!Number.isInteger(times) || times < 1) throw new Error('fault times must be an integer >= 1');
		const every = spec.every ?? 1;
		if (!Number.isInteger(every) || every < 1) throw new Error('fault every must be an integer >= 1');
		if (spec.type === 'delay' && !(typeof spec.delayMs === 'number' && spec.delayMs >= 0)) {
			throw new Error('a delay fault needs delayMs >= 0');
		}
		if (spec.type === 'status' && spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)) {
			throw new Error('fault status must be an HTTP status code');
		}
		let path = spec.path;
		if (spec.pathRegex !== undefined) path = new RegExp(spec.pathRegex);
		const fault = { ...spec, path, method: spec.method ? spec.method.toUpperCase() : undefined, times, every, seen: 0, remaining: times };
		delete fault.pathRegex;
		this.list.push(fault);
	}

	/**
	 * Takes (consumes one use of) the first fault for this stage matching the request.
	 * @param {'arrival' | 'processing'} stage
	 * @param {string} method
	 * @param {string} path
	 */
	take(stage, method, path) {
		let taken = null;
		for (const f of this.list) {
			const arrival = f.type !== 'status' && !f.afterProcessing;
			if ((stage === 'arrival') !== arrival) continue;
			if (f.method && f.method !== method) continue;
			if (f.path instanceof RegExp) {
				f.path.lastIndex = 0;
				if (!f.path.test(path)) continue;
			} else if (f.path !== undefined && f.path !== path) continue;
			// Every matching fault counts the request, so `every` spacing holds whichever fault acts.
			f.seen += 1;
			if (!taken && f.seen % f.every === 0) taken = f;
		}
		if (!taken) return null;
		taken.remaining -= 1;
		if (taken.remaining <= 0) this.list.splice(this.list.indexOf(taken), 1);
		return taken;
	}

	clear() {
		this.list.length = 0;
	}

	/** Faults not yet used up, with their remaining counts. */
	pending() {
		return this.list.map((f) => ({ ...f }));
	}
}

module.exports = { Faults, FAULT_TYPES: TYPES };
