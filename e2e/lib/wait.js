'use strict';

const assert = require('node:assert/strict');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Calls `probe` every 150 ms until it returns something truthy, and returns that; fails after `timeoutMs`. */
async function waitFor(probe, what, timeoutMs = 30_000) {
	const started = Date.now();
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() - started > timeoutMs) assert.fail(`waited ${timeoutMs} ms for ${what}`);
		await sleep(150);
	}
}

module.exports = { sleep, waitFor };
