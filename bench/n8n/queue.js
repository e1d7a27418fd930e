#!/usr/bin/env node
'use strict';
/**
 * One token, four n8n workers: n8n 2.8.4 in queue mode (the e2e layer's Postgres + Redis stack),
 * 4 workers of concurrency 1, each running one execution of 20 Creates at once, against the
 * sandbox enforcing 5/s and 30/min. Once with the credential's "n8n Processes Sharing the
 * Limits" at 4 (each worker keeps to its share), once left at 1 (only Stora's RateLimit headers
 * and 429s hold the workers back). The sandbox sends only the headers Stora documents
 * (RateLimit-Limit, RateLimit-Reset), as a Stora without RateLimit-Remaining would. Prints the table and writes it to bench/results-queue.md.
 *
 * Usage: npm run bench:queue [-- --out=FILE]
 * Needs the e2e layer's n8n, Postgres and Redis (bash e2e/install.sh).
 */
const fs = require('node:fs');
const path = require('node:path');
const { buildIfNeeded } = require('../../e2e/lib/build');
const { startQueueStack } = require('../../e2e/lib/queue');
const { STORA_CREDENTIAL_ID, STORA_CREDENTIAL_NAME } = require('../../e2e/lib/stack');
const { SEED } = require('../../sandbox');
const { storaCreate } = require('./workflows');
const { storedOrders } = require('./measure');
const { legalMinimumSeconds } = require('./limits');
const { describeMachine } = require('./machine');
const { packageState } = require('./report');
const { markdownTable } = require('./table');

const LIMITS = { perSecond: 5, perMinute: 30 };
const WORKERS = 4;
const CREATES_PER_WORKER = 20;
const log = (line) => process.stderr.write(`[bench:queue] ${line}\n`);

function parseArgs(argv) {
	let out = path.join(__dirname, '..', 'results-queue.md');
	for (const arg of argv) {
		if (arg.startsWith('--out=')) out = path.resolve(arg.slice('--out='.length));
		else throw new Error(`unknown argument ${arg} (use --out=FILE)`);
	}
	return { out };
}

const itemsOf = (worker) =>
	Array.from({ length: CREATES_PER_WORKER }, (_, i) => ({
		ref: `worker${worker}-item${i}`,
		email: `customer${i}.worker${worker}@example.com`,
	}));

/** Attempts per idempotency key: 1 + that Create's retries. */
function attemptsPerKey(requests) {
	const perKey = new Map();
	for (const request of requests) {
		const key = request.idempotencyKey;
		if (key) perKey.set(key, (perKey.get(key) ?? 0) + 1);
	}
	return [...perKey.values()];
}

async function scenario(processes) {
	const workflow = storaCreate({
		id: 'benchQueueCreat1',
		path: 'bench-queue-create',
		credential: { id: STORA_CREDENTIAL_ID, name: STORA_CREDENTIAL_NAME },
		siteId: SEED.sites.camden,
	}).workflow;
	const stack = await startQueueStack({
		name: 'bench-queue',
		workers: WORKERS,
		workerConcurrency: 1,
		sandboxOptions: { seedOrders: false, rateLimit: LIMITS },
		credential: { requestsPerSecond: LIMITS.perSecond, requestsPerMinute: LIMITS.perMinute, processes },
		extraWorkflows: [workflow],
		log,
	});
	try {
		await stack.activate(workflow.id);
		const mark = stack.mark();
		stack.sandbox.clearRequests();
		const all = [];
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: WORKERS }, (_, w) => {
				const items = itemsOf(w + 1);
				all.push(...items);
				return stack.webhook('bench-queue-create', { body: { items } });
			}),
		);
		const ms = Date.now() - started;
		await stack.sandbox.idle();
		const runs = stack.runs(mark);
		const executions = await Promise.all(runs.map((run) => stack.execution(run.executionId, 60_000)));
		const requests = stack.sandbox.requests;
		const limited = requests.filter((r) => r.status === 429).length;
		const attempts = attemptsPerKey(requests);
		const counts = storedOrders(stack.sandbox, all);
		return {
			processes,
			workersUsed: new Set(runs.map((run) => run.worker)).size,
			webhookStatuses: answers.map((a) => a.status),
			failedExecutions: executions.filter((e) => e.status !== 'success').length,
			seconds: ms / 1000,
			requests: requests.length,
			limited,
			maxRetries: Math.max(0, ...attempts.map((n) => n - 1)),
			...counts,
			legalMinimumS: legalMinimumSeconds(requests.length - limited, LIMITS),
		};
	} finally {
		await stack.stop();
	}
}

function render(results, started) {
	const machine = describeMachine();
	const rows = results.map((r) => [
		String(r.processes),
		`${r.workersUsed} of ${WORKERS}`,
		r.failedExecutions === 0 && r.webhookStatuses.every((s) => s === 200) ? 'success' : `${r.failedExecutions} failed`,
		r.seconds.toFixed(1),
		String(r.requests),
		`${r.limited} (${((100 * r.limited) / r.requests).toFixed(1)} %)`,
		String(r.maxRetries),
		String(r.orders),
		String(r.duplicates),
		String(r.missing),
		String(r.legalMinimumS),
		`${(r.seconds / r.legalMinimumS).toFixed(2)}×`,
	]);
	return [
		'# Benchmark: one token, four n8n workers (queue mode)',
		'',
		`- n8n 2.8.4 in queue mode (Postgres, Redis), main + ${WORKERS} \`n8n worker --concurrency=1\`; n8n-nodes-stora built from ${packageState()}; started ${started.toISOString()}`,
		`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}; ${machine.os}; Node ${machine.node}`,
		`- The sandbox enforces ${LIMITS.perSecond}/s and ${LIMITS.perMinute}/min on the token and sends only the rate-limit headers Stora documents (\`RateLimit-Limit\`, \`RateLimit-Reset\`); the credential says the same limits. ${WORKERS} production-webhook calls at once, each an execution of ${CREATES_PER_WORKER} Creates (Stora node version 2, options at their defaults), each on its own worker.`,
		'- Retries: the most attempts any one Create needed, less one (from the idempotency keys the sandbox saw). Legal minimum for the K requests accepted: floor((K−1)/M)·60 + floor(((K−1) mod M)/R) s.',
		'',
		markdownTable(
			['processes setting', 'workers used', 'status', 'time s', 'requests', '429s', 'max retries', 'orders', 'dupes', 'missing', 'legal min s', 'time / min'],
			rows,
		),
		'',
	].join('\n');
}

async function main() {
	const { out } = parseArgs(process.argv.slice(2));
	buildIfNeeded({ log });
	const started = new Date();
	const results = [];
	for (const processes of [WORKERS, 1]) {
		log(`credential: ${processes} process(es) sharing the limits`);
		results.push(await scenario(processes));
		log(JSON.stringify(results[results.length - 1]));
		fs.writeFileSync(out, render(results, started));
	}
	process.stdout.write(render(results, started));
}

main().then(
	() => process.exit(0),
	(err) => {
		process.stderr.write(`${err.stack}\n`);
		process.exit(1);
	},
);
