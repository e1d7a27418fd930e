'use strict';

const crypto = require('node:crypto');

/** Stora's ID bodies are 16 characters of [0-9a-z], not hex (catalogue §1: `inv_195h6kfm9ro15lof`). */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 16;

/** 16 characters of ALPHABET from 16 bytes (the slight bias of `% 36` does not matter here). */
function body(bytes, offset = 0) {
	let out = '';
	for (let i = 0; i < BODY_LENGTH; i++) out += ALPHABET[bytes[offset + i] % ALPHABET.length];
	return out;
}

/**
 * A deterministic Stora-style id: prefix + 16 [0-9a-z] characters drawn from sha256(name).
 * @param {string} prefix e.g. "site_"
 * @param {string} name
 */
function stableId(prefix, name) {
	return prefix + body(crypto.createHash('sha256').update(name).digest());
}

// Random bytes drawn in blocks: one system call per 256 ids, so seeding 50,000 orders stays fast.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * A random Stora-style id: prefix + 16 random [0-9a-z] characters.
 * @param {string} prefix
 */
function randomId(prefix) {
	if (poolOffset + BODY_LENGTH > pool.length) {
		pool = crypto.randomBytes(POOL_SIZE);
		poolOffset = 0;
	}
	poolOffset += BODY_LENGTH;
	return prefix + body(pool, poolOffset - BODY_LENGTH);
}

/**
 * ISO 8601 UTC with second precision, like Stora's examples ("2025-02-22T14:41:00Z").
 * @param {number} ms epoch milliseconds
 */
function isoSeconds(ms) {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A timestamp given as epoch ms, a Date or any Date-parsable string, in Stora's format.
 * @param {unknown} v
 */
function toIsoSeconds(v) {
	const ms = typeof v === 'number' ? v : v instanceof Date ? v.getTime() : Date.parse(String(v));
	if (Number.isNaN(ms)) throw new Error(`invalid timestamp ${String(v)}`);
	return isoSeconds(ms);
}

module.exports = { stableId, randomId, isoSeconds, toIsoSeconds, ID_BODY: /^[0-9a-z]{16}$/ };
