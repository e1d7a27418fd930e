#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:sim`: what the node's pacer does when several n8n processes share a token
 * without being told (the credential's "n8n Processes Sharing the Limits" left at 1), in virtual
 * time (bench/sim/sharedToken.js), and what a cold start (a process keeping to a fraction of the
 * per-second limit for its first seconds) would change there and cost a process alone on its
 * token. Seconds to run; the same figures every run. Writes bench/results-sim.md.
 */
const fs = require('node:fs');
const path = require('node:path');
const { buildIfNeeded } = require('../../e2e/lib/build');
const { legalMinimumSeconds } = require('../n8n/limits');
const { markdownTable } = require('../n8n/table');
const { packageState } = require('../n8n/report');

buildIfNeeded({ log: (line) => process.stderr.write(`[bench:sim] ${line}\n`) });
const { simulate } = require('./sharedToken');

const SEEDS = 20;
const QUEUE = {
	processes: 4,
	items: 20,
	lanes: 5,
	limits: { perSecond: 5, perMinute: 30 },
	latencyMs: 10,
	startSpreadMs: 100,
};
/** One process alone on its token, `lanes` items in flight, 150 ms a round trip. */
const alone = (items, lanes, perSecond, perMinute) => ({
	processes: 1,
	items,
	lanes,
	limits: { perSecond, perMinute },
	latencyMs: 150,
	startSpreadMs: 0,
});
const ALONE = [
	['Create 500, 100/s–600/min +150 ms', alone(500, 100, 100, 600)],
	['101 pages one by one, 10/s–60/min +150 ms', alone(101, 1, 10, 60)],
	['Create 60, 10/s–60/min +150 ms', alone(60, 10, 10, 60)],
];
const COLD_STARTS = [
	undefined,
	{ ms: 1000, divisor: 4 },
	{ ms: 3000, divisor: 4 },
	{ ms: 8000, divisor: 4 },
];
const coldStartName = (c) =>
	c ? `${c.ms / 1000} s at 1/${c.divisor} of the per-second limit` : 'none (the node today)';

function overSeeds(scenario) {
	const runs = Array.from({ length: SEEDS }, (_, i) => simulate({ ...scenario, seed: i + 1 }));
	const share = runs.map((r) => (100 * r.limited) / r.requests);
	return {
		shareMean: share.reduce((a, b) => a + b, 0) / runs.length,
		shareMax: Math.max(...share),
		maxRetries: Math.max(...runs.map((r) => r.maxAttempts - 1)),
		failed: runs.reduce((a, r) => a + r.failed, 0),
		seconds: runs.reduce((a, r) => a + r.lastAnswerMs, 0) / runs.length / 1000,
	};
}

const queueRows = [['4 (set)', undefined], ...COLD_STARTS.map((c) => ['1', c])].map(
	([setting, coldStart]) => {
		const r = overSeeds({ ...QUEUE, setting: setting === '1' ? 1 : 4, coldStart });
		return [
			setting,
			coldStartName(coldStart),
			`${r.shareMean.toFixed(1)} % (max ${r.shareMax.toFixed(1)} %)`,
			String(r.maxRetries),
			String(r.failed),
			r.seconds.toFixed(1),
		];
	},
);

const aloneRows = [];
for (const [name, scenario] of ALONE) {
	const legal = legalMinimumSeconds(scenario.items, scenario.limits);
	for (const coldStart of COLD_STARTS) {
		const r = overSeeds({ ...scenario, coldStart });
		aloneRows.push([
			name,
			coldStartName(coldStart),
			r.seconds.toFixed(2),
			`${(r.seconds / legal).toFixed(2)}×`,
		]);
	}
}

const report = [
	'# Simulation: several n8n processes on one token (`npm run bench:sim`)',
	'',
	`- The node's pacer and 429 wait from dist/ (built from ${packageState()}), the sandbox's rate limiter (fixed windows, \`RateLimit-Limit\` and \`RateLimit-Reset\` only), in virtual time; mean of ${SEEDS} seeded runs.`,
	`- Queue mode: ${QUEUE.processes} processes × ${QUEUE.items} Creates, ${QUEUE.lanes} in flight each, ${QUEUE.limits.perSecond}/s and ${QUEUE.limits.perMinute}/min, ${QUEUE.latencyMs} ms a round trip, starts spread over ${QUEUE.startSpreadMs} ms (as \`npm run bench:queue\`). Time: until the last answer.`,
	'- A cold start is not in the node: the simulation imposes it, to show what it would take and cost.',
	'',
	markdownTable(
		['processes setting', 'cold start', '429s', 'max retries', 'failed', 'time s'],
		queueRows,
	),
	'',
	'The same cold starts for a process alone on its token (time over the legal minimum):',
	'',
	markdownTable(['scenario', 'cold start', 'time s', 'time / min'], aloneRows),
	'',
].join('\n');

fs.writeFileSync(path.join(__dirname, '..', 'results-sim.md'), report);
process.stdout.write(report);
