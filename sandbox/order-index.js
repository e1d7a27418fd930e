'use strict';

/**
 * The stored orders in `created_at` order (ties by insertion order, `_seq`), so a list request
 * finds its `created_after` / `created_before` window by binary search instead of filtering and
 * sorting every order. Orders are usually inserted in time order and appended; an older one
 * marks the index unsorted and the next read sorts it once. `created_at` of a stored order never
 * changes (Stora's doesn't either), so the index needs no other upkeep.
 */
class OrderIndex {
	constructor() {
		/** @type {any[]} */ this.records = [];
		/** @type {number[]} epoch ms of each record's created_at (-Infinity when unreadable) */ this.times = [];
		this.sorted = true;
	}

	clear() {
		this.records.length = 0;
		this.times.length = 0;
		this.sorted = true;
	}

	get size() {
		return this.records.length;
	}

	/** @param {any} record */
	add(record) {
		const parsed = Date.parse(record.created_at);
		const time = Number.isNaN(parsed) ? -Infinity : parsed;
		const last = this.times.length ? this.times[this.times.length - 1] : -Infinity;
		if (time < last) this.sorted = false;
		this.records.push(record);
		this.times.push(time);
	}

	/** @param {any[]} records rebuilds the index from scratch, e.g. when `store.orders` was changed directly */
	rebuild(records) {
		this.clear();
		for (const record of records) this.add(record);
	}

	sort() {
		if (this.sorted) return;
		const order = this.records.map((record, i) => ({ record, time: this.times[i] }));
		order.sort((a, b) => a.time - b.time || a.record._seq - b.record._seq);
		this.records = order.map((o) => o.record);
		this.times = order.map((o) => o.time);
		this.sorted = true;
	}

	/**
	 * The first position whose time is >= `time`.
	 * @param {number} time
	 */
	lowerBound(time) {
		let lo = 0;
		let hi = this.times.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.times[mid] < time) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/**
	 * Positions [lo, hi) of the orders created at or after `after` and before `before` (epoch ms,
	 * either may be undefined). An order whose created_at can't be read matches no time bound.
	 * @param {number | undefined} after
	 * @param {number | undefined} before
	 * @returns {{ records: any[], lo: number, hi: number }}
	 */
	window(after, before) {
		this.sort();
		const bounded = after !== undefined || before !== undefined;
		const lo = bounded ? this.lowerBound(after ?? -Number.MAX_VALUE) : 0;
		const hi = before === undefined ? this.times.length : this.lowerBound(before);
		return { records: this.records, lo, hi: Math.max(lo, hi) };
	}
}

module.exports = { OrderIndex };
