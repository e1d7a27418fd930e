/**
 * After the whole suite: searches every output item, error (message, description, context,
 * cause, stack) and log line that the tests produced for any access token the tests used.
 * One hit fails the run.
 */
const { readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

function linesOf(directory, matches) {
	return readdirSync(directory)
		.filter(matches)
		.flatMap((name) => readFileSync(join(directory, name), 'utf8').split('\n').filter(Boolean));
}

/** What the tests produced in `directory`, searched for the tokens its run records name. */
function scan(directory) {
	const records = linesOf(directory, (name) => name.endsWith('.jsonl')).map((line) =>
		JSON.parse(line),
	);
	const logLines = linesOf(directory, (name) => name.includes('.log'));
	const tokens = new Set(
		records.flatMap((record) => record.tokens ?? []).filter((token) => token.length >= 8),
	);
	// A run record names its tokens; only what was produced is searched.
	const texts = [
		...records.map((record) => JSON.stringify({ ...record, tokens: undefined })),
		...logLines,
	];
	const leaks = texts.filter((text) => [...tokens].some((token) => text.includes(token)));
	return {
		runs: records.filter((record) => record.kind === 'run').length,
		logLines: logLines.length + records.filter((record) => record.kind === 'log').length,
		tokens: tokens.size,
		leaks,
	};
}

async function scanForTokens() {
	const directory = process.env.STORA_TEST_ARTIFACTS;
	if (!directory) return;
	const result = scan(directory);
	console.log(
		`\ntoken scan: ${result.runs} workflow runs and ${result.logLines} log lines searched for ${result.tokens} tokens: ${result.leaks.length} leaks`,
	);
	// The full suite (npm test) must have recorded runs, or recording broke and the scan proves nothing.
	if (result.runs === 0 && process.env.STORA_TOKEN_SCAN_REQUIRED === '1') {
		throw new Error('token scan: no workflow run was recorded, so nothing was proven');
	}
	if (result.leaks.length > 0) {
		throw new Error(
			`An access token appears in test output:\n${result.leaks
				.slice(0, 5)
				.map((text) => text.slice(0, 300))
				.join('\n')}`,
		);
	}
	rmSync(directory, { recursive: true, force: true });
}

module.exports = scanForTokens;
module.exports.scan = scan;
