'use strict';

const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} StoredResponse
 */

/**
 * First processed response per (token, Idempotency-Key), kept for 24 hours of `now()`.
 * The key alone decides a replay: the method, path and payload of later requests are not compared.
 */
class IdempotencyStore {
	/**
	 * @param {() => number} now
	 */
	constructor(now) {
		this.now = now;
		/** @type {Map<string, StoredResponse & { storedAt: number }>} */
		this.entries = new Map();
	}

	/**
	 * @param {string} token
	 * @param {string} key
	 */
	id(token, key) {
		return JSON.stringify([token, key]);
	}

	/**
	 * The stored response, or null when none is stored or it is older than 24 hours.
	 * @param {string} token
	 * @param {string} key
	 * @returns {StoredResponse | null}
	 */
	get(token, key) {
		const id = this.id(token, key);
		const entry = this.entries.get(id);
		if (!entry) return null;
		if (this.now() - entry.storedAt >= TTL_MS) {
			this.entries.delete(id);
			return null;
		}
		return entry;
	}

	/**
	 * Stores a response unless one is already stored for the key.
	 * @param {string} token
	 * @param {string} key
	 * @param {StoredResponse} response
	 */
	put(token, key, response) {
		if (this.get(token, key)) return;
		this.entries.set(this.id(token, key), { ...response, storedAt: this.now() });
	}

	clear() {
		this.entries.clear();
	}

	/**
	 * Forgets every stored response, as 24 hours would: the same key then acts again.
	 * @returns {number} how many keys were forgotten
	 */
	expire() {
		const forgotten = this.entries.size;
		this.entries.clear();
		return forgotten;
	}

	get size() {
		return this.entries.size;
	}
}

module.exports = { IdempotencyStore, TTL_MS };
