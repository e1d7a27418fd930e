/** Jest runs the TypeScript tests in test/ with ts-jest; the sandbox is plain JavaScript. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: { warnOnly: false } }],
	},
	// n8n-core must see its environment (user folder, encryption key) before it is first imported.
	setupFiles: ['<rootDir>/test/helpers/env.ts'],
	// After the whole suite, no access token may appear in anything the tests produced.
	globalSetup: '<rootDir>/test/security/globalSetup.js',
	globalTeardown: '<rootDir>/test/security/scanForTokens.js',
	testTimeout: 60000,
};
