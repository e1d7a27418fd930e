'use strict';

const crypto = require('node:crypto');

/**
 * A deterministic Stora-style id: prefix + first 16 hex chars of sha256(name).
 * @param {string} prefix e.g. "site_"
 * @param {string} name
 */
function stableId(prefix, name) {
	return prefix + crypto.createHash('sha256').update(name).digest('hex').slice(0, 16);
}

/**
 * A random Stora-style id: prefix + 16 random hex chars.
 * @param {string} prefix
 */
function randomId(prefix) {
	return prefix + crypto.randomBytes(8).toString('hex');
}

/**
 * ISO 8601 UTC with second precision, like Stora's examples ("2025-02-22T14:41:00Z").
 * @param {number} ms epoch milliseconds
 */
function isoSeconds(ms) {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

module.exports = { stableId, randomId, isoSeconds };
