'use strict';

const { pointerToken } = require('./errors');

const MAX_KEYS = 20;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;
const KEY_PATTERN = /^[a-z0-9._:-]+$/;

/**
 * Checks a metadata object against Stora's rules (stora-api.md §6). A null value means
 * "remove this key" (JSON merge-patch), which on a new order simply leaves the key out.
 * @param {unknown} value
 * @param {string} pointer where the metadata sits in the body, e.g. "/metadata"
 * @returns {{ metadata: Record<string, string>, details: { message: string, pointer: string }[] }}
 */
function validateMetadata(value, pointer = '/metadata') {
	/** @type {{ message: string, pointer: string }[]} */
	const details = [];
	/** @type {Record<string, string>} */
	const metadata = {};
	if (value === null || value === undefined) return { metadata, details };
	if (typeof value !== 'object' || Array.isArray(value)) {
		details.push({ message: `value at \`${pointer}\` is not an object`, pointer });
		return { metadata, details };
	}
	const entries = Object.entries(value);
	if (entries.length > MAX_KEYS) {
		details.push({ message: `value at \`${pointer}\` has more than ${MAX_KEYS} keys (${entries.length})`, pointer });
	}
	for (const [key, v] of entries) {
		const p = `${pointer}/${pointerToken(key)}`;
		if (key.length > MAX_KEY_LENGTH) {
			details.push({ message: `key at \`${p}\` is longer than ${MAX_KEY_LENGTH} characters`, pointer: p });
		} else if (!KEY_PATTERN.test(key)) {
			details.push({
				message: `key at \`${p}\` may only contain lowercase letters, digits, '.', '_', ':' and '-'`,
				pointer: p,
			});
		}
		if (v === null) continue;
		if (typeof v !== 'string') {
			details.push({ message: `value at \`${p}\` is not a string`, pointer: p });
		} else if (v.length > MAX_VALUE_LENGTH) {
			details.push({ message: `value at \`${p}\` is longer than ${MAX_VALUE_LENGTH} characters`, pointer: p });
		} else {
			metadata[key] = v;
		}
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

module.exports = { MAX_KEYS, MAX_KEY_LENGTH, MAX_VALUE_LENGTH, KEY_PATTERN, validateMetadata, matchesMetadata };
