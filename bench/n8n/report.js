'use strict';
/** The whole report: what ran where, the two tables, the targets and every error seen. */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { describeMachine } = require('./machine');
const { faultFreeTable, limitedTable, targetLines } = require('./table');
const { checkTargets } = require('./targets');
const { N8N_PACKAGE_JSON } = require('../../e2e/lib/paths');
const { limitsLabel } = require('./scenarios');

const REPO_ROOT = path.join(__dirname, '..', '..');

function packageState() {
	try {
		const git = (...args) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
		const dirty = git('status', '--porcelain', '--', 'nodes', 'credentials') ? ' + uncommitted changes in nodes/ or credentials/' : '';
		return `${git('rev-parse', '--short', 'HEAD')}${dirty}`;
	} catch {
		return 'unknown';
	}
}

function header({ mode, sizes, started, total, done, packageAt, storaOptions, storaVersion = 2 }) {
	const machine = describeMachine();
	const n8nVersion = JSON.parse(fs.readFileSync(N8N_PACKAGE_JSON, 'utf8')).version;
	return [
		`# Benchmark in a real n8n: the Stora node, the HTTP Request node, a bare Node loop`,
		'',
		`**Mode: ${mode}** (${mode === 'quick' ? 'npm run bench:n8n -- --quick' : 'npm run bench:n8n'}): ` +
			`fault-free Get Many of ${sizes.faultFree.map((n) => n.toLocaleString('en-GB')).join(' / ')} orders; ` +
			`${sizes.limited
				.map((l) => `at ${limitsLabel(l.limits)} Get Many of ${l.getMany.toLocaleString('en-GB')} orders and ${l.creates} Creates`)
				.join('; ')}.` +
			(done < total ? ` **Partial: ${done} of ${total} runs.**` : ''),
		'',
		`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}; ${machine.os}; Node ${machine.node}`,
		`- n8n ${n8nVersion} (\`n8n start\`, sqlite, default settings), n8n-nodes-stora built from ${packageAt}; started ${started.toISOString()}`,
		`- Stora node: version ${storaVersion}${storaVersion >= 3 ? ' (Find Earlier Order on: a GET before each Create)' : ''}, ${storaOptions.inFlight ? `**Options → In Flight ${storaOptions.inFlight}**, every other option at its default` : 'every option at its default (In Flight unset)'}, the credential's limits equal to the sandbox's (10,000/s and 100,000/min where the sandbox has none).`,
		'- HTTP Request node 4.2, naive: pagination "Update a Parameter in Each Request" `page = {{ $response.body.meta.pagination.next }}`, complete when `{{ $response.body.meta.pagination.next === null }}`, `limit=100`, then Split Out of `orders`; Create POSTs each item with `Idempotency-Key: {{ $json.ref }}`. ' +
			'Tuned: adds Retry On Fail (5 tries, 5 s apart) and an interval between pages of 60,000 / (per-minute limit) ms, or batches of (per-minute limit / 60) items every 1,000 ms.',
		'- Bare Node loop, the floor: its own Node process with no n8n; Get Many pages by page number, one page at a time; Create posts every item with as many in flight as a sliding-window pacer at the limits lets go (the legal minimum\'s schedule). ' +
			'It uses node:http rather than fetch so that a request counts from when it was written out: fetch gives no such moment, and its own queueing spread each burst of 100 over 0.3 s here, enough for 429s.',
		'- Time: from the start of the first tool node to the end of the last one producing orders, as n8n timed them (the Node loop: first request to last answer). ' +
			'Requests and 429s: what the sandbox received. Orders: items returned (Get Many) or orders stored for the run\'s items (Create); dupes and missing against the store. ' +
			'Legal minimum for the K requests accepted: floor((K−1)/M)·60 + floor(((K−1) mod M)/R) s.',
		'- Fault-free runs: each tool gets a fresh n8n process; its first pass gives the memory, then 2 warm-up passes, then 3 timed passes (the median is shown; dupes and missing: the worst of all passes). The rate-limited runs share one n8n process (started afresh for them), one pass each.',
		'- Memory, "idle → peak" MB: the n8n process\'s resident set just before the pass, and its VmHWM from then (reset through /proc/<pid>/clear_refs) until the execution is saved; the Node loop: VmHWM of its own process.',
	].join('\n');
}

function report({ mode, sizes, results, started, total, packageAt, storaOptions, storaVersion }) {
	const faultFree = results.filter((r) => r.group === 'fault-free');
	const limited = results.filter((r) => r.group !== 'fault-free');
	const errors = results.filter((r) => r.error);
	const parts = [header({ mode, sizes, started, total, done: results.length, packageAt, storaOptions, storaVersion })];
	if (faultFree.length) parts.push('## Fault-free Get Many (no rate limit, no added latency)', faultFreeTable(faultFree));
	if (limited.length) parts.push('## Rate-limited, with and without added latency', limitedTable(limited));
	parts.push('## Targets (the Stora node)', targetLines(checkTargets(results)).join('\n'));
	if (errors.length) {
		parts.push(
			'## Errors',
			errors.map((r) => `- ${r.group} · ${r.scenario} · ${r.toolName}: ${r.error.replace(/\s+/g, ' ').slice(0, 300)}`).join('\n'),
		);
	}
	return `${parts.join('\n\n')}\n`;
}

module.exports = { report, packageState };
