'use strict';

const { badParam, stringParam } = require('./query');

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

/**
 * @param {Record<string, any>} query
 * @param {string} name
 * @param {number} def
 * @param {number} min
 * @param {number} [max]
 */
function intParam(query, name, def, min, max) {
	const v = stringParam(query, name);
	if (v === undefined) return def;
	const range = max === undefined ? `>= ${min}` : `between ${min} and ${max}`;
	if (!/^\d+$/.test(v)) throw badParam(name, `value at \`/${name}\` must be an integer ${range}`);
	const n = Number(v);
	if (n < min || (max !== undefined && n > max)) throw badParam(name, `value at \`/${name}\` must be an integer ${range}`);
	return n;
}

/**
 * Reads page, limit, sort_by and sort_direction.
 * @param {Record<string, any>} query
 * @param {string[]} [sortFields] allowed sort_by values; the first is the default
 * @returns {{ page: number, limit: number, sortBy: string, direction: 'ASC' | 'DESC' }}
 */
function parsePaging(query, sortFields = ['created_at']) {
	const page = intParam(query, 'page', 1, 1);
	const limit = intParam(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
	const sortBy = stringParam(query, 'sort_by') ?? sortFields[0];
	if (!sortFields.includes(sortBy)) {
		throw badParam('sort_by', `value at \`/sort_by\` is not one of: ${sortFields.join(', ')}`);
	}
	const direction = stringParam(query, 'sort_direction') ?? 'DESC';
	if (direction !== 'ASC' && direction !== 'DESC') {
		throw badParam('sort_direction', 'value at `/sort_direction` is not one of: ASC, DESC');
	}
	return { page, limit, sortBy, direction };
}

/**
 * Sorts records by a field; ties are broken by insertion order (`_seq`) in the same direction,
 * so pages never overlap or skip. Null sorts as the smallest value unless `nullsLargest`.
 * @template {Record<string, any>} T
 * @param {T[]} records
 * @param {string} field
 * @param {'ASC' | 'DESC'} direction
 * @param {{ nullsLargest?: boolean }} [options]
 * @returns {T[]}
 */
function sortRecords(records, field, direction, { nullsLargest = false } = {}) {
	const sign = direction === 'ASC' ? 1 : -1;
	const nullSide = nullsLargest ? 1 : -1;
	return [...records].sort((a, b) => {
		const av = a[field];
		const bv = b[field];
		let c = 0;
		if (av == null && bv == null) c = 0;
		else if (av !== bv) c = av == null ? nullSide : bv == null ? -nullSide : av < bv ? -1 : 1;
		if (c === 0) c = a._seq - b._seq;
		return c * sign;
	});
}

/**
 * Stora's pagination meta for `count` matching items. `pages` and `last` are at least 1
 * (pagy-style), `next`/`prev` are page numbers or null; a page past the end has prev = last.
 * @param {number} count
 * @param {number} page
 * @param {number} limit
 */
function pageMeta(count, page, limit) {
	const pages = Math.max(1, Math.ceil(count / limit));
	return {
		count,
		last: pages,
		limit,
		next: page < pages ? page + 1 : null,
		page,
		pages,
		prev: page > 1 ? Math.min(page - 1, pages) : null,
	};
}

/**
 * One page of `items` plus Stora's pagination meta (see pageMeta).
 * @template T
 * @param {T[]} items all matching items, sorted
 * @param {number} page
 * @param {number} limit
 * @returns {{ items: T[], pagination: ReturnType<typeof pageMeta> }}
 */
function paginate(items, page, limit) {
	return { items: items.slice((page - 1) * limit, page * limit), pagination: pageMeta(items.length, page, limit) };
}

/**
 * One page of `records[lo..hi)` (already in ascending order) read in `direction`, keeping only
 * what `keep` accepts (all when it is null): the same page `paginate(sortRecords(...))` gives,
 * without copying or sorting the window. Without a filter this costs only the page itself.
 * @template T
 * @param {{ records: T[], lo: number, hi: number }} window
 * @param {'ASC' | 'DESC'} direction
 * @param {((record: T) => boolean) | null} keep
 * @param {number} page
 * @param {number} limit
 * @returns {{ items: T[], pagination: ReturnType<typeof pageMeta> }}
 */
function paginateWindow({ records, lo, hi }, direction, keep, page, limit) {
	const at = direction === 'ASC' ? (/** @type {number} */ k) => records[lo + k] : (/** @type {number} */ k) => records[hi - 1 - k];
	const from = (page - 1) * limit;
	const to = page * limit;
	/** @type {T[]} */
	const items = [];
	let count = 0;
	if (!keep) {
		count = hi - lo;
		for (let k = from; k < Math.min(to, count); k++) items.push(at(k));
	} else {
		for (let k = 0; k < hi - lo; k++) {
			const record = at(k);
			if (!keep(record)) continue;
			if (count >= from && count < to) items.push(record);
			count += 1;
		}
	}
	return { items, pagination: pageMeta(count, page, limit) };
}

module.exports = { DEFAULT_LIMIT, MAX_LIMIT, parsePaging, sortRecords, paginate, paginateWindow, pageMeta };
