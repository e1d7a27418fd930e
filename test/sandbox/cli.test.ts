/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SEED } from '../../sandbox';

describe('sandbox: cli', () => {
	it('prints the URL, token and seeded ids, serves the API and stops on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			[join(__dirname, '../../sandbox/cli.js'), '--port', '0', '--token', 'cli-token'],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let out = '';
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				const m = /Base URL\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
				if (m && out.includes('Ctrl+C')) resolve(m[1]);
			});
			child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
		});
		expect(out).toContain('cli-token');
		expect(out).toContain(SEED.sites.camden);
		expect(out).toContain(SEED.orders.draftReady);
		const res = await fetch(`${url}/2025-09/orders?limit=1`, {
			headers: { Authorization: 'Bearer cli-token' },
		});
		expect(res.status).toBe(200);
		const exited = new Promise<number | null>((resolve) =>
			child.on('exit', (code) => resolve(code)),
		);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});

	it('rejects unknown options with exit code 2', async () => {
		const child = spawn(process.execPath, [join(__dirname, '../../sandbox/cli.js'), '--bogus'], {
			stdio: 'ignore',
		});
		expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
	});
});
