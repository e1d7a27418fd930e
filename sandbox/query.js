'use strict';

const { ApiError } = require('./errors');

/**
 * @param {string} s
 */
function decode(s) {
	try {
		return decodeURIComponent(s.replace(/\+/g, ' '));
	} catch {
		return s;
	}
}

/**
 * Parses a query string the way the `qs` library does for the shapes Stora uses:
 * `a=1` → {a:'1'}; `a=1&a=2` and `a[]=1` → {a:['1','2']}; `metadata[k]=v` → {metadata:{k:'v'}}.
 * @param {string} raw the part after `?`
 * @returns {Record<string, any>}
 */
function parseQuery(raw) {
	/** @type {Record<string, any>} */
	const out = {};
	if (!raw) return out;
	for (const part of raw.split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const key = decode(eq === -1 ? part : part.slice(0, eq));
		const value = eq === -1 ? '' : decode(part.slice(eq + 1));
		const nested = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
		if (nested && nested[2] === '') {
			const prev = out[nested[1]];
			out[nested[1]] = prev === undefined ? [value] : [].concat(prev, value);
		} else if (nested) {
			const prev = out[nested[1]];
			const obj = prev && typeof prev === 'object' && !Array.isArray(prev) ? prev : {};
			obj[nested[2]] = value;
			out[nested[1]] = obj;
		} else if (Object.prototype.hasOwnProperty.call(out, key)) {
			out[key] = [].concat(out[key], value);
		} else {
			out[key] = value;
		}
	}
	return out;
}

/**
 * @param {string} param
 * @param {string} message
 */
function badParam(param, message) {
	return new ApiError('invalid_url_param', undefined, [{ message, pointer: `/${param}` }]);
}

/**
 * A string[] query parameter: comma-separated, repeated or `name[]`; undefined when absent.
 * @param {Record<string, any>} query
 * @param {string} name
 * @returns {string[] | undefined}
 */
function listParam(query, name) {
	const v = query[name];
	if (v === undefined) return undefined;
	if (typeof v === 'object' && !Array.isArray(v)) throw badParam(name, `value at \`/${name}\` must be a string or an array of strings`);
	return []
		.concat(v)
		.flatMap((s) => String(s).split(','))
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/**
 * A scalar string query parameter; repeating it is a 422.
 * @param {Record<string, any>} query
 * @param {string} name
 * @returns {string | undefined}
 */
function stringParam(query, name) {
	const v = query[name];
	if (v === undefined) return undefined;
	if (typeof v !== 'string') throw badParam(name, `value at \`/${name}\` must be a single string`);
	return v;
}

/**
 * Validates a list of enum values.
 * @param {string[] | undefined} values
 * @param {string} name
 * @param {string[]} allowed
 */
function checkEnumList(values, name, allowed) {
	for (const v of values || []) {
		if (!allowed.includes(v)) throw badParam(name, `value at \`/${name}\` is not one of: ${allowed.join(', ')} (got \`${v}\`)`);
	}
	return values;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO 8601 timestamp query parameter as epoch ms; a bare date means midnight UTC.
 * @param {Record<string, any>} query
 * @param {string} name
 * @returns {number | undefined}
 */
function timeParam(query, name) {
	const v = stringParam(query, name);
	if (v === undefined) return undefined;
	const t = Date.parse(v);
	if (!(ISO_DATE.test(v) || ISO_DATE_TIME.test(v)) || Number.isNaN(t)) {
		throw badParam(name, `value at \`/${name}\` does not match format: date-time (ISO 8601, e.g. 2025-01-12T15:30:00Z)`);
	}
	return t;
}

/**
 * `<prefix>_after` (inclusive) and `<prefix>_before` (exclusive) as a test of an ISO timestamp.
 * @param {Record<string, any>} query
 * @param {string} prefix e.g. "created"
 * @returns {(iso: string) => boolean}
 */
function timeRange(query, prefix) {
	const after = timeParam(query, `${prefix}_after`);
	const before = timeParam(query, `${prefix}_before`);
	return (iso) => {
		const t = Date.parse(iso);
		return (after === undefined || t >= after) && (before === undefined || t < before);
	};
}

module.exports = { parseQuery, listParam, stringParam, checkEnumList, timeParam, timeRange, badParam };
