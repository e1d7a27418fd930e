#!/usr/bin/env node
'use strict';
/**
 * The Stora node beside n8n's HTTP Request node (set up naively, then tuned) and a bare Node
 * loop, in a real n8n 2.8.4 against the sandbox: fault-free Get Many at three sizes, then Get Many
 * and Create at Stora's default limits and at raised ones, with 0 and 150 ms added latency.
 * Prints the tables and writes them to bench/results.md (quick mode: bench/results-quick.md),
 * rewritten after every run, so a run that is stopped leaves its partial results.
 *
 * Usage: npm run bench:n8n [-- --quick] [-- --only=<text>] [-- --tools=a,b] [-- --in-flight=N] [-- --stora-version=N] [-- --out=FILE]
 *        npm run bench:n8n -- --merge=a.json,b.json [-- --out=FILE]
 *   --quick        120 Creates and 2,000 orders at Stora's default limits (minutes, not an hour)
 *   --only=TEXT    only the runs whose group, scenario or tool contains TEXT (e.g. "fault-free")
 *   --tools=LIST   only these tools: stora, httpNaive, httpTuned, floor
 *   --merge=LIST   no runs: one report from the results (FILE.json, written beside every report) of
 *                  runs made in parts, e.g. the HTTP Request rows while the node was being changed
 *   --in-flight=N  set the Stora node's Options → In Flight (default: unset, the node's default)
 *   --stora-version=N  the Stora node's version, 1 to 3 (default 2, as the tables in the README;
 *                  3: every Create first looks for an earlier order, one GET more per Create)
 *   --out=FILE     write the report there instead of bench/results.md / results-quick.md
 * BENCH_DEBUG=1 also logs, per pass, when the sandbox received each hundredth request (ms after
 * the node started): where the time goes.
 * Needs the e2e layer's n8n (bash e2e/install.sh); builds the package when dist/ is stale.
 */
const fs = require('node:fs');
const path = require('node:path');
const { buildIfNeeded } = require('../../e2e/lib/build');
const { plan, TOOLS } = require('./scenarios');
const setup = require('./setup');
const { N8nHost } = require('./n8n-host');
const { runFloor } = require('./floor-run');
const measure = require('./measure');
const { legalMinimumSeconds } = require('./limits');
const { report, packageState } = require('./report');

const resultsFile = (quick) => path.join(__dirname, '..', quick ? 'results-quick.md' : 'results.md');
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

function parseArgs(argv) {
	const args = { quick: false, only: undefined, tools: undefined, merge: undefined, inFlight: undefined, storaVersion: 2, out: undefined };
	for (const arg of argv) {
		if (arg === '--quick') args.quick = true;
		else if (arg.startsWith('--only=')) args.only = arg.slice('--only='.length);
		else if (arg.startsWith('--tools=')) args.tools = arg.slice('--tools='.length).split(',');
		else if (arg.startsWith('--merge=')) args.merge = arg.slice('--merge='.length).split(',');
		else if (arg.startsWith('--in-flight=')) args.inFlight = Number(arg.slice('--in-flight='.length));
		else if (arg.startsWith('--stora-version=')) args.storaVersion = Number(arg.slice('--stora-version='.length));
		else if (arg.startsWith('--out=')) args.out = path.resolve(arg.slice('--out='.length));
		else throw new Error(`unknown argument ${arg} (use --quick, --only=TEXT, --tools=LIST, --merge=LIST, --in-flight=N, --stora-version=N, --out=FILE)`);
	}
	const unknownTool = (args.tools ?? []).find((tool) => !(tool in TOOLS));
	if (unknownTool) throw new Error(`unknown tool ${unknownTool} (use ${Object.keys(TOOLS).join(', ')})`);
	if (args.inFlight !== undefined && !(Number.isInteger(args.inFlight) && args.inFlight >= 1)) {
		throw new Error('--in-flight must be an integer >= 1');
	}
	if (![1, 2, 3].includes(args.storaVersion)) throw new Error('--stora-version must be 1, 2 or 3');
	return { ...args, out: args.out ?? resultsFile(args.quick) };
}

/** One pass of a run in n8n, through its webhook. */
async function passInN8n(run, sandbox, host, built) {
	const items = run.op === 'create' ? measure.createItems(run) : undefined;
	const id = setup.identityOf(run);
	const result = await host.run(id.workflowId, id.path, items ? { items } : {});
	await sandbox.idle();
	const ids = measure.outputOf(result.runData, built.lastNode).map((order) => order.id);
	if (process.env.BENCH_DEBUG) {
		const node = result.runData[built.firstNode][0];
		const rel = sandbox.requests.map((r) => r.receivedAt - node.startTime);
		const bursts = [];
		for (let b = 0; b < rel.length; b += 100) bursts.push([rel[b], rel[Math.min(rel.length, b + 100) - 1]]);
		log(`requests 1–100, 101–200 … received at ${JSON.stringify(bursts)} ms; node ${node.executionTime} ms`);
	}
	return {
		status: result.status,
		error: result.status === 'success' ? undefined : (measure.nodeError(result.runData) ?? result.error),
		timeMs: measure.runSpanMs(result.runData, built.firstNode, built.lastNode),
		counts: run.op === 'create' ? measure.storedOrders(sandbox, items) : measure.returnedOrders(sandbox, ids),
		memory: result.memory,
	};
}

/** One pass of the floor client, in its own process. */
async function passOfFloor(run, sandbox) {
	const items = run.op === 'create' ? measure.createItems(run) : undefined;
	const token = setup.identityOf(run).token;
	const job = { kind: run.op, baseUrl: sandbox.url, token, limits: run.limits, items, siteId: setup.SITE_ID };
	const result = await runFloor(job);
	await sandbox.idle();
	const counts =
		run.op === 'create'
			? measure.storedOrders(sandbox, items)
			: { orders: result.items, duplicates: result.items - result.unique, missing: run.count - result.unique };
	return { status: result.ok ? 'success' : 'error', error: result.error, timeMs: result.ms, counts, memory: result.memory };
}

/**
 * A run: `repeat` passes, each on a freshly prepared sandbox; the pass with the median time is
 * reported, with the worst status, duplicates and missing of all passes. A run that asks for a
 * fresh n8n gets one, and first one pass that measures memory (a fresh process's peak is that
 * pass's own) and `warmUp` more, so that the timed passes run compiled code, as a long-running
 * n8n does.
 */
async function measureRun(run, sandbox, host, built) {
	const inN8n = run.tool !== 'floor';
	if (inN8n && (run.freshN8n || run.restartN8n)) await host.restart();
	const pass = async () => {
		measure.prepareSandbox(sandbox, run);
		const result = inN8n ? await passInN8n(run, sandbox, host, built) : await passOfFloor(run, sandbox);
		return { ...result, requests: measure.requestCounts(sandbox) };
	};
	const first = run.freshN8n ? await pass() : undefined;
	const warm = [];
	for (let i = 0; i < (run.warmUp ?? 0); i++) warm.push(await pass());
	const timed = [];
	for (let i = 0; i < run.repeat; i++) timed.push(await pass());
	const all = [...(first ? [first] : []), ...warm, ...timed];
	const sorted = [...timed].sort((a, b) => (a.timeMs ?? Infinity) - (b.timeMs ?? Infinity));
	const median = sorted[Math.floor((sorted.length - 1) / 2)];
	const failed = all.find((p) => p.status !== 'success');
	return {
		...median,
		status: failed ? failed.status : median.status,
		error: failed ? failed.error : median.error,
		memory: (first ?? median).memory,
		passTimesMs: timed.map((p) => p.timeMs),
		counts: {
			...median.counts,
			duplicates: Math.max(...all.map((p) => p.counts.duplicates)),
			missing: Math.max(...all.map((p) => p.counts.missing)),
		},
	};
}

function resultOf(run, measured) {
	const { requests, counts, memory } = measured;
	return {
		...run,
		scenario: setup.scenarioOf(run),
		toolName: TOOLS[run.tool],
		status: measured.status,
		error: measured.error,
		timeMs: measured.timeMs,
		passTimesMs: measured.passTimesMs,
		...requests,
		...counts,
		legalMinimumS: run.limits ? legalMinimumSeconds(requests.accepted, run.limits) : undefined,
		peakMb: memory.peakMb,
		idleMb: memory.idleMb,
	};
}

/** A run the benchmark itself could not finish. */
function failedRun(run, err, diagnosis) {
	return {
		...run,
		scenario: setup.scenarioOf(run),
		toolName: TOOLS[run.tool],
		status: 'not measured',
		error: `the benchmark failed: ${err.message}${diagnosis ? ` (${diagnosis})` : ''}`,
		passTimesMs: [],
	};
}

function progressLine(result, total) {
	const where = `${result.index}/${total} ${result.group} · ${result.scenario} · ${result.toolName}`;
	if (result.status === 'not measured') return `${where}: ${result.error}`;
	return (
		`${where}: ${result.status}, ` +
		`${((result.timeMs ?? 0) / 1000).toFixed(2)} s` +
		(result.passTimesMs.length > 1 ? ` (passes ${result.passTimesMs.map((ms) => (ms / 1000).toFixed(2)).join(' / ')})` : '') +
		`, ${result.requests} requests, ${result.limited} 429s, ` +
		`${result.orders} orders, ${result.duplicates} dupes, ${result.missing} missing` +
		(result.error ? ` (${result.error.slice(0, 160)})` : '')
	);
}

/** Writes the report and, beside it, the results it was made from (for --merge). */
function write(file, context) {
	const text = report(context);
	fs.writeFileSync(file, text);
	fs.writeFileSync(`${file}.json`, JSON.stringify({ ...context, started: context.started.toISOString() }, null, '\t'));
	return text;
}

/** One report from parts run separately: every run's latest result, in the plan's order. */
function merge(files, out) {
	const parts = files.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
	const byIndex = new Map();
	for (const part of parts) for (const result of part.results) byIndex.set(result.index, result);
	const results = [...byIndex.values()].sort((a, b) => a.index - b.index);
	const first = parts[0];
	const packageAt = [...new Set(parts.map((part) => part.packageAt))].join(' and ');
	const total = plan({ quick: first.mode === 'quick' }).runs.length;
	const text = write(out, { ...first, results, total, packageAt, started: new Date(first.started) });
	process.stdout.write(`${text}\n`);
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.merge) return merge(args.merge, args.out);
	buildIfNeeded({ log });
	const packageAt = packageState();
	const { mode, sizes, runs: all } = plan({ quick: args.quick });
	const runs = all.filter(
		(run) =>
			(!args.only || [run.group, setup.scenarioOf(run), TOOLS[run.tool]].some((s) => s.includes(args.only))) &&
			(!args.tools || args.tools.includes(run.tool)),
	);
	const storaOptions = args.inFlight === undefined ? {} : { inFlight: args.inFlight };
	log(`${mode} mode: ${runs.length} runs`);
	const sandboxes = await setup.startSandboxes(runs);
	const sandboxOf = (run) => sandboxes.get(setup.sandboxKey(run));
	const inN8n = runs.filter((run) => run.tool !== 'floor');
	const built = new Map(
		inN8n.map((run) => [run.index, setup.workflowOf(run, sandboxOf(run), storaOptions, args.storaVersion)]),
	);
	const host = new N8nHost();
	const results = [];
	const context = { mode, sizes, results, started: new Date(), total: runs.length, packageAt, storaOptions, storaVersion: args.storaVersion };
	try {
		log(`starting n8n with ${built.size} workflows`);
		await host.start({
			credentials: inN8n.filter((run) => run.tool === 'stora').map((run) => setup.credentialOf(run, sandboxOf(run))),
			workflows: [...built.values()].map((b) => b.workflow),
		});
		for (const run of runs) {
			let result;
			try {
				result = resultOf(run, await measureRun(run, sandboxOf(run), host, built.get(run.index)));
			} catch (err) {
				// One broken run (n8n died, a port was taken) must not cost the others: note it, start over.
				result = failedRun(run, err, host.diagnosis());
				await host.restart().catch((restartError) => log(`restarting n8n failed: ${restartError.message}`));
			}
			results.push(result);
			log(progressLine(result, all.length));
			write(args.out, context);
		}
	} finally {
		await host.stop();
		for (const sandbox of sandboxes.values()) await sandbox.close();
	}
	process.stdout.write(`${write(args.out, context)}\n`);
}

main().then(
	() => process.exit(0),
	(err) => {
		process.stderr.write(`${err.stack}\n`);
		process.exit(1);
	},
);
