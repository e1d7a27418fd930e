'use strict';

const { SEED } = require('./seed');
const { isObject, reference } = require('./order-input');

/** @typedef {{ message: string, pointer: string }} Detail */

/** Staff exist only as ids (no staff endpoint): the sandbox knows the seeded ones. */
const KNOWN_STAFF = new Set(Object.values(SEED.staff));

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Where a `resource{id}` may point, by prefix (tasks take any of them, notes the documented four). */
const RESOURCE_COLLECTIONS = {
	con_: 'contacts',
	unit_: 'units',
	sub_: 'subscriptions',
	task_: 'tasks',
	deal_: 'deals',
	ten_: 'tenancies',
	order_: 'orders',
	inv_: 'invoices',
	site_: 'sites',
	utype_: 'unit_types',
	alloc_: 'unit_allocations',
	ctr_: 'contracts',
};

/**
 * A reader of one body: each method validates a field when present, records a detail when it is
 * wrong, and returns the stored value (`undefined`: absent or invalid, so the record keeps its own).
 */
class BodyReader {
	/**
	 * @param {Record<string, any>} body
	 * @param {import('./store').Store} store
	 */
	constructor(body, store) {
		this.body = body;
		this.store = store;
		/** @type {Detail[]} */
		this.details = [];
	}

	/**
	 * @param {string} key
	 * @param {string} message
	 */
	fail(key, message) {
		this.details.push({ message, pointer: `/${key}` });
		return undefined;
	}

	/**
	 * @param {string} key
	 * @param {{ required?: boolean, nullable?: boolean }} [o]
	 * @returns {string | null | undefined}
	 */
	string(key, { required = false, nullable = false } = {}) {
		const v = this.body[key];
		if (v === undefined) return required ? this.fail(key, `value at \`/${key}\` is required`) : undefined;
		if (v === null) return nullable ? null : this.fail(key, `value at \`/${key}\` cannot be null`);
		if (typeof v !== 'string') return this.fail(key, `value at \`/${key}\` is not a string`);
		if (required && v.trim() === '') return this.fail(key, `value at \`/${key}\` must not be blank`);
		return v;
	}

	/**
	 * A `{id}` reference to a stored record, `null` when nullable and null.
	 * @param {string} key
	 * @param {string} collection
	 * @param {string} label
	 * @param {{ required?: boolean, nullable?: boolean }} [o]
	 * @returns {{ id: string } | null | undefined}
	 */
	ref(key, collection, label, { required = false, nullable = false } = {}) {
		const v = this.body[key];
		if (v === undefined && !required) return undefined;
		if (v === null && nullable) return null;
		const before = this.details.length;
		const record = reference(v, `/${key}`, collection, label, this.store, this.details, true);
		return record && this.details.length === before ? { id: record.id } : undefined;
	}

	/**
	 * `assignee{id}`: a staff id the sandbox knows.
	 * @param {string} key
	 * @param {{ nullable?: boolean }} [o]
	 * @returns {{ id: string } | null | undefined}
	 */
	staff(key, { nullable = false } = {}) {
		const v = this.body[key];
		if (v === undefined) return undefined;
		if (v === null) return nullable ? null : this.fail(key, `value at \`/${key}\` cannot be null`);
		if (!isObject(v) || typeof v.id !== 'string') return this.fail(key, `value at \`/${key}\` must be an object with a string \`id\``);
		if (Object.keys(v).some((k) => k !== 'id')) return this.fail(key, `value at \`/${key}\` takes only \`id\``);
		if (!KNOWN_STAFF.has(v.id)) {
			this.details.push({ message: `Staff \`${v.id}\` does not exist`, pointer: `/${key}/id` });
			return undefined;
		}
		return { id: v.id };
	}

	/**
	 * `resource{id}`: a stored record whose prefix is one of `prefixes`.
	 * @param {string} key
	 * @param {string[]} prefixes
	 * @param {{ required?: boolean, nullable?: boolean }} [o]
	 * @returns {{ id: string } | null | undefined}
	 */
	resource(key, prefixes, { required = false, nullable = false } = {}) {
		const v = this.body[key];
		if (v === undefined) return required ? this.fail(key, `value at \`/${key}\` is required`) : undefined;
		if (v === null) return nullable ? null : this.fail(key, `value at \`/${key}\` cannot be null`);
		if (!isObject(v) || typeof v.id !== 'string') return this.fail(key, `value at \`/${key}\` must be an object with a string \`id\``);
		const prefix = prefixes.find((p) => v.id.startsWith(p));
		const collection = prefix && /** @type {Record<string, string>} */ (RESOURCE_COLLECTIONS)[prefix];
		if (!collection) {
			this.details.push({ message: `value at \`/${key}/id\` must be the id of a ${prefixes.map((p) => p.slice(0, -1)).join(', ')}`, pointer: `/${key}/id` });
			return undefined;
		}
		if (!this.store.find(collection, v.id)) {
			this.details.push({ message: `Resource \`${v.id}\` does not exist`, pointer: `/${key}/id` });
			return undefined;
		}
		return { id: v.id };
	}

	/**
	 * An RFC 3339 date-time (normalized to UTC seconds), or a date when `dateAllowed`.
	 * @param {string} key
	 * @param {{ nullable?: boolean, dateAllowed?: boolean }} [o]
	 * @returns {string | null | undefined}
	 */
	time(key, { nullable = false, dateAllowed = false } = {}) {
		const v = this.body[key];
		if (v === undefined) return undefined;
		if (v === null) return nullable ? null : this.fail(key, `value at \`/${key}\` cannot be null`);
		if (typeof v === 'string' && dateAllowed && DATE.test(v) && !Number.isNaN(Date.parse(v))) return v;
		if (typeof v === 'string' && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))) {
			return new Date(Date.parse(v)).toISOString().replace(/\.\d{3}Z$/, 'Z');
		}
		return this.fail(key, `value at \`/${key}\` does not match format: date-time`);
	}

	/**
	 * Adds a detail for every key not in `allowed`.
	 * @param {string[]} allowed
	 */
	only(allowed) {
		for (const k of Object.keys(this.body)) {
			if (!allowed.includes(k)) this.details.push({ message: `unknown property \`${k}\` is not allowed`, pointer: `/${k}` });
		}
	}
}

/**
 * Copies the fields that were read (not `undefined`) onto `target`.
 * @param {Record<string, any>} target
 * @param {Record<string, any>} fields
 */
function assignRead(target, fields) {
	for (const [k, v] of Object.entries(fields)) if (v !== undefined) target[k] = v;
	return target;
}

module.exports = { BodyReader, assignRead, KNOWN_STAFF, RESOURCE_COLLECTIONS };
