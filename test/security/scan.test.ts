/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { scan } from './scanForTokens';

describe('the token scan run after the suite', () => {
	let directory: string;
	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), 'scan-test-'));
	});
	afterEach(() => rmSync(directory, { recursive: true, force: true }));

	const run = (produced: unknown) =>
		JSON.stringify({ kind: 'run', tokens: ['secret-token-123'], produced });

	it('finds a token in an output item, an error or a log line', () => {
		writeFileSync(
			join(directory, '1.jsonl'),
			[
				run({ json: { ok: true } }),
				run({ error: { description: 'Bearer secret-token-123' } }),
			].join('\n'),
		);
		writeFileSync(join(directory, 'n8n.log'), 'debug: sent secret-token-123\nfine\n');
		const result = scan(directory);
		expect(result).toMatchObject({ runs: 2, logLines: 2, tokens: 1 });
		expect(result.leaks).toHaveLength(2);
	});

	it('passes when nothing carries the token', () => {
		writeFileSync(join(directory, '1.jsonl'), run({ json: { id: 'order_1' } }));
		expect(scan(directory).leaks).toEqual([]);
	});
});
