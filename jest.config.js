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
	testTimeout: 60000,
};
