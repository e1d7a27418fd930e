'use strict';

const { pointerToken } = require('./errors');

const MAX_KEYS = 20;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;
const KEY_PATTERN = /^[a-z0-9._:-]+$/;

/**
 * Checks each key and value of a metadata object against Stora's rules (stora-api.md §6);
 * a null value is kept (it means "remove this key").
 * @param {Record<string, unknown>} value
 * @param {string} pointer
 * @param {{ message: string, pointer: string }[]} details
 * @returns {Record<string, string | null>}
 */
function checkEntries(value, pointer, details) {
	/** @type {Record<string, string | null>} */
	const patch = {};
	for (const [key, v] of Object.entries(value)) {
		const p = `${pointer}/${pointerToken(key)}`;
		if (key.length > MAX_KEY_LENGTH) {
			details.push({ message: `key at \`${p}\` is longer than ${MAX_KEY_LENGTH} characters`, pointer: p });
		} else if (!KEY_PATTERN.test(key)) {
			details.push({
				message: `key at \`${p}\` may only contain lowercase letters, digits, '.', '_', ':' and '-'`,
				pointer: p,
			});
		}
		if (v === null) patch[key] = null;
		else if (typeof v !== 'string') {
			details.push({ message: `value at \`${p}\` is not a string`, pointer: p });
		} else if (v.length > MAX_VALUE_LENGTH) {
			details.push({ message: `value at \`${p}\` is longer than ${MAX_VALUE_LENGTH} characters`, pointer: p });
		} else {
			patch[key] = v;
		}
	}
	return patch;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Applies a JSON merge-patch to `current`: a string adds or overwrites, null removes the key.
 * @param {Record<string, string>} current
 * @param {Record<string, string | null>} patch
 */
function applyPatch(current, patch) {
	const out = { ...current };
	for (const [k, v] of Object.entries(patch)) {
		if (v === null) delete out[k];
		else out[k] = v;
	}
	return out;
}

/**
 * Checks a new record's metadata object against Stora's rules (stora-api.md §6). A null value
 * means "remove this key" (JSON merge-patch), which on a new record simply leaves the key out.
 * @param {unknown} value
 * @param {string} pointer where the metadata sits in the body, e.g. "/metadata"
 * @returns {{ metadata: Record<string, string>, details: { message: string, pointer: string }[] }}
 */
function validateMetadata(value, pointer = '/metadata') {
	/** @type {{ message: string, pointer: string }[]} */
	const details = [];
	if (value === null || value === undefined) return { metadata: {}, details };
	if (!isPlainObject(value)) {
		details.push({ message: `value at \`${pointer}\` is not an object`, pointer });
		return { metadata: {}, details };
	}
	const count = Object.keys(value).length;
	if (count > MAX_KEYS) {
		details.push({ message: `value at \`${pointer}\` has more than ${MAX_KEYS} keys (${count})`, pointer });
	}
	return { metadata: applyPatch({}, checkEntries(value, pointer, details)), details };
}

/**
 * Merges a metadata update into a record's metadata (stora-api.md §6): strings add or overwrite,
 * null removes a key, `{}` or `null` clears everything, absent leaves it unchanged. A valid patch
 * must leave at most 20 keys.
 * @param {Record<string, string>} current
 * @param {unknown} value
 * @param {string} pointer
 * @returns {{ metadata: Record<string, string>, details: { message: string, pointer: string }[] }}
 */
function mergeMetadata(current, value, pointer = '/metadata') {
	/** @type {{ message: string, pointer: string }[]} */
	const details = [];
	if (value === undefined) return { metadata: { ...current }, details };
	if (value === null) return { metadata: {}, details };
	if (!isPlainObject(value)) {
		details.push({ message: `value at \`${pointer}\` is not an object`, pointer });
		return { metadata: { ...current }, details };
	}
	const patch = checkEntries(value, pointer, details);
	const metadata = Object.keys(value).length === 0 ? {} : applyPatch(current, patch);
	const count = Object.keys(metadata).length;
	if (count > MAX_KEYS && details.length === 0) {
		details.push({ message: `value at \`${pointer}\` would have more than ${MAX_KEYS} keys (${count})`, pointer });
	}
	return { metadata, details };
}

/**
 * True when every filter pair equals the record's metadata value.
 * @param {Record<string, string>} metadata
 * @param {Record<string, string>} filter
 */
function matchesMetadata(metadata, filter) {
	return Object.entries(filter).every(([k, v]) => Object.prototype.hasOwnProperty.call(metadata, k) && metadata[k] === v);
}

module.exports = { MAX_KEYS, MAX_KEY_LENGTH, MAX_VALUE_LENGTH, KEY_PATTERN, validateMetadata, mergeMetadata, matchesMetadata };
