/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * Everything a user or an operator could see from a test run — every workflow's run data
 * (output items, errors with their descriptions, context and causes) and every log line — is
 * appended to files that `test/security/scanForTokens.js` searches for the access tokens the
 * tests used, after the whole suite.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoggerProxy } from 'n8n-workflow';

const directory = process.env.STORA_TEST_ARTIFACTS;
const file = directory ? join(directory, `${process.pid}.jsonl`) : undefined;

/** JSON that keeps what an Error hides from JSON.stringify (message, stack, cause) and survives cycles. */
export function serialize(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, current: unknown) => {
		if (typeof current !== 'object' || current === null) return current;
		if (seen.has(current)) return '[circular]';
		seen.add(current);
		if (current instanceof Error) {
			return Object.fromEntries(
				Object.getOwnPropertyNames(current).map((name) => [
					name,
					(current as unknown as Record<string, unknown>)[name],
				]),
			);
		}
		return current;
	});
}

function append(record: Record<string, unknown>) {
	if (file) appendFileSync(file, `${serialize(record)}\n`);
}

/** The tokens a run used, and everything it produced. */
export function recordRun(tokens: string[], produced: unknown) {
	append({ kind: 'run', tokens, produced });
}

function logTo(level: string) {
	return (message: string, meta?: object) => append({ kind: 'log', level, message, meta });
}

// Every log line n8n's engine writes, at every level, goes to the artifacts.
if (file) {
	LoggerProxy.init({
		error: logTo('error'),
		warn: logTo('warn'),
		info: logTo('info'),
		debug: logTo('debug'),
		scoped: () => LoggerProxy,
	} as unknown as Parameters<typeof LoggerProxy.init>[0]);
}
