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

// Random bytes drawn in blocks: one system call per 512 ids, so seeding 50,000 orders stays fast.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * A random Stora-style id: prefix + 16 random hex chars.
 * @param {string} prefix
 */
function randomId(prefix) {
	if (poolOffset + 8 > pool.length) {
		pool = crypto.randomBytes(POOL_SIZE);
		poolOffset = 0;
	}
	poolOffset += 8;
	return prefix + pool.toString('hex', poolOffset - 8, poolOffset);
}

/**
 * ISO 8601 UTC with second precision, like Stora's examples ("2025-02-22T14:41:00Z").
 * @param {number} ms epoch milliseconds
 */
function isoSeconds(ms) {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

module.exports = { stableId, randomId, isoSeconds };
