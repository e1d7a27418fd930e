#!/usr/bin/env node
'use strict';

const { startSandbox, SEED } = require('./index');

/**
 * Parses `--port N`, `--token T`, `--rate-limit`, `--latency-ms N` (also `--port=N` forms).
 * @param {string[]} argv
 */
function parseArgs(argv) {
	/** @type {{ port: number, token: string, rateLimit: boolean, latencyMs: number, help: boolean }} */
	const opts = {
		port: Number(process.env.PORT || 4010),
		token: process.env.STORA_SANDBOX_TOKEN || 'sandbox-token',
		rateLimit: false,
		latencyMs: 0,
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--port') opts.port = Number(value());
		else if (flag === '--token') opts.token = String(value());
		else if (flag === '--rate-limit') opts.rateLimit = true;
		else if (flag === '--latency-ms') opts.latencyMs = Number(value());
		else if (flag === '--help' || flag === '-h') opts.help = true;
		else throw new Error(`unknown option ${argv[i]}`);
	}
	if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
	if (!opts.token) throw new Error('--token must not be empty');
	if (!Number.isFinite(opts.latencyMs) || opts.latencyMs < 0) throw new Error('--latency-ms must be a number >= 0');
	return opts;
}

/**
 * @param {Record<string, Record<string, string> | string>} seed a group of ids, or one id (`application`)
 */
function seedLines(seed) {
	return Object.entries(seed).map(
		([group, ids]) =>
			`  ${group.padEnd(18)} ${
				typeof ids === 'string'
					? ids
					: Object.entries(ids)
							.map(([name, id]) => `${name}=${id}`)
							.join('  ')
			}`,
	);
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${e.message}\nusage: node sandbox/cli.js [--port 4010] [--token T] [--rate-limit] [--latency-ms 0]\n`);
		process.exit(2);
	}
	if (opts.help) {
		process.stdout.write('usage: node sandbox/cli.js [--port 4010] [--token T] [--rate-limit] [--latency-ms 0]\nenv: PORT, STORA_SANDBOX_TOKEN\n');
		return;
	}
	const sandbox = await startSandbox({
		port: opts.port,
		token: opts.token,
		rateLimit: opts.rateLimit ? {} : false,
		latencyMs: opts.latencyMs,
	});
	const lines = [
		'Stora API sandbox (version 2025-09) is running',
		`  Base URL           ${sandbox.url}`,
		`  Access token       ${sandbox.token}   (every scope)`,
		`  Rate limit         ${opts.rateLimit ? '10 requests/second, 60/minute per token' : 'off (--rate-limit to enable)'}`,
		...(opts.latencyMs > 0 ? [`  Added latency      ${opts.latencyMs} ms before every answer`] : []),
		`  Try                curl -H 'Authorization: Bearer ${sandbox.token}' ${sandbox.url}/2025-09/orders`,
		'Seeded ids:',
		...seedLines(/** @type {any} */ (SEED)),
		'Press Ctrl+C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sandbox.close();
		process.stdout.write('Stora sandbox stopped.\n');
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	process.stderr.write(`${e.stack || e}\n`);
	process.exit(1);
});
