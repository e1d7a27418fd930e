/** Benchmarks run with jest for the TypeScript harness, one at a time, and print their tables. */
const base = require('../jest.config.js');

module.exports = {
	...base,
	rootDir: '..',
	roots: ['<rootDir>/bench'],
	testMatch: ['**/*.bench.ts'],
	globalSetup: undefined,
	globalTeardown: undefined,
	testTimeout: 3_600_000,
};
