'use strict';
/**
 * `npm run test:compat`: the package and its examples on several n8n versions.
 *
 * For each version (default: 1.85.4 and 2.8.4 on Node 20, 2.41.1 on Node 24 from the npm registry):
 *   1. compat/install.sh installs that n8n once (compat/.n8n-<version>/, 2.8.4 is e2e/node_modules);
 *   2. the `npm pack` tarball is installed into a ~/.n8n/nodes folder as that version's Community Nodes
 *      panel does (compat/community-install.js);
 *   3. with the e2e layer pointed at that n8n (E2E_N8N_DIR, E2E_N8N_VERSION, E2E_NODE_BIN,
 *      E2E_COMMUNITY_NODES_DIR), Node's test runner runs compat/registration.test.js (the package loads with
 *      no warning about it; both node types and both credential types are served) and the example tests
 *      e2e/examples.test.js (examples 1-3), e2e/lifecycle.test.js (4, 5), e2e/trigger.test.js (6), e2e/resources.test.js (7-9),
 *      against the Stora sandbox and the SMTP sink.
 * Then prints the table, writes it to compat/results.md and exits non-zero if any version failed.
 *
 * Usage: node compat/run.js [version …]   (or COMPAT_VERSIONS=1.85.4,2.41.1)
 * Environment: COMPAT_KEEP_TMP=1 keeps the work folder (n8n user folders, logs).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { REPO_ROOT } = require('../e2e/lib/paths');
const { buildIfNeeded } = require('../e2e/lib/build');
const { assertPackageBuilt } = require('../e2e/lib/n8n');
const { installAsCommunityPackage } = require('./community-install');

const COMPAT_DIR = __dirname;
const DEFAULT_VERSIONS = ['1.85.4', '2.8.4', '2.41.1'];
const REGISTRATION_TEST = 'compat/registration.test.js';
const EXAMPLE_TESTS = ['e2e/examples.test.js', 'e2e/lifecycle.test.js', 'e2e/trigger.test.js', 'e2e/polling.test.js', 'e2e/resources.test.js', 'e2e/crm.test.js'];
const FILE_TIMEOUT_MS = 15 * 60_000;
/**
 * n8n settings per version (E2E_N8N_ENV), each for a reason of this machine's, not of the package's:
 * 2.41: its MCP registry module refreshes from api.n8n.io (unreachable here: an error in the log every start);
 * N8N_UNVERIFIED_PACKAGES_ENABLED=true is its current default, set explicitly as its deprecation notice asks.
 */
const VERSION_ENV = {
	'2.41.1': { N8N_DISABLED_MODULES: 'mcp-registry', N8N_UNVERIFIED_PACKAGES_ENABLED: 'true' },
};

const log = (line) => console.log(`[compat] ${line}`);
const seconds = (ms) => `${Math.round(ms / 1000)} s`;
const minutes = (ms) => `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;

/** Runs a command, its output shown; resolves { code, stdout } (stdout also kept). */
function runShown(cmd, args, { env = process.env, timeoutMs } = {}) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		child.stdout.on('data', (d) => {
			stdout += d;
			process.stdout.write(d);
		});
		const timer = timeoutMs ? setTimeout(() => child.kill('SIGTERM'), timeoutMs) : undefined;
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? signal, stdout });
		});
	});
}

function install(version) {
	const started = Date.now();
	const r = spawnSync('bash', [path.join(COMPAT_DIR, 'install.sh'), version], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	const last = (r.stdout || '').trim().split('\n').pop() || '';
	const [tag, , n8nDir, nodeBinDir, , how, coldSeconds] = last.split(' ');
	if (r.status !== 0 || tag !== 'compat-install') {
		return { ok: false, ms: Date.now() - started, error: `compat/install.sh ${version} exited ${r.status}` };
	}
	const nodeBin = nodeBinDir === '-' ? process.execPath : path.join(nodeBinDir, 'node');
	const nodeVersion = spawnSync(nodeBin, ['-v'], { encoding: 'utf8' }).stdout.trim();
	return {
		ok: true,
		ms: Date.now() - started,
		n8nDir,
		nodeBin,
		nodeBinDir: nodeBinDir === '-' ? undefined : nodeBinDir,
		nodeVersion,
		reused: how === 'reused',
		coldSeconds: coldSeconds && coldSeconds !== '-' ? Number(coldSeconds) : undefined,
	};
}

/** Runs one test file with Node's test runner (spec on the console, TAP to a file); resolves the counts. */
async function runTestFile(file, env, workDir) {
	const tap = path.join(workDir, `${path.basename(file)}.tap`);
	const started = Date.now();
	const { code } = await runShown(
		process.execPath,
		['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, file],
		{ env, timeoutMs: FILE_TIMEOUT_MS },
	);
	const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
	const count = (name) => Number((text.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) || [])[1] || 0);
	const failed = count('fail') + count('cancelled') + (code !== 0 && count('fail') + count('cancelled') === 0 ? 1 : 0);
	return { file, code, tests: count('tests'), passed: count('pass'), failed, skipped: count('skipped'), ms: Date.now() - started };
}

async function checkVersion(version, tarball, workRoot) {
	const result = { version, started: Date.now() };
	log(`== n8n ${version}: install`);
	result.install = install(version);
	if (!result.install.ok) return finish(result, result.install.error);
	result.nodeVersion = result.install.nodeVersion;

	const workDir = fs.mkdtempSync(path.join(workRoot, `n8n-${version}-`));
	const nodesDir = path.join(workDir, 'nodes');
	log(`n8n ${version}: installing ${path.basename(tarball)} as the Community Nodes panel does`);
	result.package = await installAsCommunityPackage({ tarball, n8nVersion: version, nodesDir, nodeBinDir: result.install.nodeBinDir });
	const installed = result.package.ok || result.package.fallback?.ok;
	if (!result.package.ok) log(`n8n ${version}: ${result.package.method} FAILED:\n${result.package.error}`);
	if (result.package.fallback) log(`n8n ${version}: ${result.package.fallback.method}: ${result.package.fallback.ok ? 'ok' : 'FAILED'}`);
	if (!installed) return finish(result, 'the package did not install');

	const env = {
		...process.env,
		E2E_N8N_DIR: result.install.n8nDir,
		E2E_N8N_VERSION: version,
		E2E_NODE_BIN: result.install.nodeBin,
		E2E_COMMUNITY_NODES_DIR: nodesDir,
		E2E_N8N_ENV: JSON.stringify(VERSION_ENV[version] || {}),
		E2E_TMP_DIR: path.join(workDir, 'tmp'),
		COMPAT_RESULT_FILE: path.join(workDir, 'registration.json'),
	};
	log(`== n8n ${version} on Node ${result.nodeVersion}: registration`);
	result.registration = await runTestFile(REGISTRATION_TEST, env, workDir);
	result.registrationDetail = fs.existsSync(env.COMPAT_RESULT_FILE) ? JSON.parse(fs.readFileSync(env.COMPAT_RESULT_FILE, 'utf8')) : undefined;
	result.examples = [];
	for (const file of EXAMPLE_TESTS) {
		log(`== n8n ${version} on Node ${result.nodeVersion}: ${file}`);
		result.examples.push(await runTestFile(file, env, workDir));
	}
	return finish(result);
}

function finish(result, error) {
	result.ms = Date.now() - result.started;
	const examplesOk = result.examples?.length === EXAMPLE_TESTS.length && result.examples.every((e) => e.code === 0 && e.failed === 0);
	result.registered = isRegistered(result.registrationDetail);
	const registered = result.registered && !result.registrationDetail.missingNodeVersions?.length;
	result.error = error;
	// The panel's own install must work: a pass only with legacy-peer-deps (see compat/community-install.js) is a failure
	const installed = result.package?.ok === true;
	result.ok = !error && registered && examplesOk && installed;
	return result;
}

/** Loaded with no warning about it, both node types and both credential types served. */
function isRegistered(d) {
	return Boolean(
		d?.loaded &&
			d.packageProblems.length === 0 &&
			['n8n-nodes-stora.stora', 'n8n-nodes-stora.storaTrigger'].every((t) => d.nodeTypes.includes(t)) &&
			d.credentialTypes.join() === 'storaApi,storaOAuth2Api',
	);
}

function row(r) {
	const install = !r.install?.ok
		? 'failed'
		: r.install.reused
			? `reused${r.install.coldSeconds ? ` (cold: ${r.install.coldSeconds} s)` : ''}`
			: seconds(r.install.ms);
	const d = r.registrationDetail;
	const registered = !r.registration
		? '—'
		: r.registered
			? `yes: Stora, Stora Trigger, storaApi, storaOAuth2Api (0 warnings about it)`
			: `NO (${d?.packageProblems?.length ?? '?'} warnings about it${d?.loaded ? '' : '; not loaded'})`;
	const sum = (k) => (r.examples || []).reduce((n, e) => n + e[k], 0);
	const short = (list) => [...new Set(list.map((m) => m.split(' (')[0]))].join('; ');
	const missing = d?.missingNodeVersions || [];
	const undeclared = d?.undeclaredNodeVersions || [];
	const examples = r.examples?.length
		? `${sum('passed')}/${sum('tests')}` +
			(missing.length ? ` (missing here: ${short(missing)})` : '') +
			(undeclared.length ? ` (newer than declared here, run by the node's one implementation: ${short(undeclared)})` : '')
		: '—';
	let result = r.ok ? 'pass' : 'FAIL';
	if (r.package && !r.package.ok) {
		result += r.package.fallback?.ok
			? ` with \`legacy-peer-deps=true\` in ~/.n8n/nodes/.npmrc (the panel's plain \`npm install\` fails: npm installs the peer n8n-workflow@latest, whose isolated-vm does not build on Node ${r.nodeVersion?.split('.')[0].slice(1) || '?'})`
			: `: the panel's install fails`;
	}
	if (r.error) result += `: ${r.error}`;
	return [r.version, r.nodeVersion || '—', install, registered, examples, result];
}

function table(results) {
	const head = ['n8n version', 'Node version', 'install time', 'node registered (warnings)', 'examples passed', 'result'];
	const lines = [head, head.map(() => '---'), ...results.map(row)];
	return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function details(results) {
	const out = [];
	for (const r of results) {
		out.push(`### n8n ${r.version} (Node ${r.nodeVersion || '?'}) — ${r.ok ? 'pass' : 'FAIL'} in ${minutes(r.ms)}`);
		if (VERSION_ENV[r.version]) out.push(`- n8n settings for this machine: ${Object.entries(VERSION_ENV[r.version]).map(([k, v]) => `\`${k}=${v}\``).join(', ')}`);
		if (r.package) {
			out.push(`- package install: ${r.package.method}: ${r.package.ok ? 'ok' : 'FAILED'} (${seconds(r.package.ms)})`);
			if (!r.package.ok) out.push('  ```', ...r.package.error.split('\n').map((l) => `  ${l}`), '  ```');
			if (r.package.fallback) out.push(`- then ${r.package.fallback.method}: ${r.package.fallback.ok ? 'ok' : 'FAILED'}; the tests below ran on that install`);
		}
		const d = r.registrationDetail;
		if (d) {
			out.push(`- node types: ${d.nodeTypes.join(', ')}; credential types: ${d.credentialTypes.join(', ')}; "Loaded all credentials and nodes from n8n-nodes-stora": ${d.loaded ? 'yes' : 'NO'}`);
			out.push(`- warnings/errors about the package: ${d.packageProblems.length ? d.packageProblems.join('; ') : 'none'}`);
			out.push(`- node types and versions the examples use that this n8n lacks: ${d.missingNodeVersions?.length ? d.missingNodeVersions.join('; ') : 'none'}`);
			if (d.undeclaredNodeVersions?.length) {
				out.push(
					`- versions the examples use that this n8n does not declare, of nodes it has one implementation for (it runs them with that one; its editor likely shows them as unknown nodes: not checked here): ${d.undeclaredNodeVersions.join('; ')}`,
				);
			}
			const level = (w) => w.split(':')[0];
			const first = (w) => w.slice(level(w).length + 1).split('\n').find((l) => l.trim()) || w;
			out.push(`- n8n's own warnings/errors on start (not about the package): ${d.hostWarnings.length ? d.hostWarnings.map((w) => `${level(w)} \`${first(w).slice(0, 140).trim()}\``).join('; ') : 'none'}`);
		}
		for (const t of [r.registration, ...(r.examples || [])].filter(Boolean)) {
			out.push(`- \`${t.file}\`: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped of ${t.tests} (${seconds(t.ms)})`);
		}
		out.push('');
	}
	return out.join('\n');
}

async function main() {
	const started = Date.now();
	const args = process.argv.slice(2);
	const versions = args.length ? args : process.env.COMPAT_VERSIONS ? process.env.COMPAT_VERSIONS.split(',') : DEFAULT_VERSIONS;
	const keep = process.env.COMPAT_KEEP_TMP === '1';
	const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-stora-compat-'));
	const results = [];
	try {
		// the SMTP sink the examples need, and n8n 2.8.4, live in e2e/node_modules
		log('== e2e/install.sh (n8n 2.8.4, the SMTP sink)');
		const e2e = spawnSync('bash', [path.join(REPO_ROOT, 'e2e', 'install.sh')], {
			cwd: REPO_ROOT,
			stdio: 'inherit',
			env: { ...process.env, E2E_SKIP_BROWSER: '1' },
		});
		if (e2e.status !== 0) throw new Error('e2e/install.sh failed');
		buildIfNeeded({ log });
		assertPackageBuilt(REPO_ROOT);
		const pack = spawnSync('npm', ['pack', '--quiet', '--pack-destination', workRoot], { cwd: REPO_ROOT, encoding: 'utf8' });
		if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
		const tarball = path.join(workRoot, pack.stdout.trim().split('\n').pop());
		log(`packed ${path.relative(REPO_ROOT, tarball)}`);
		for (const version of versions) {
			const r = await checkVersion(version, tarball, workRoot);
			results.push(r);
			log(`n8n ${version}: ${r.ok ? 'pass' : 'FAIL'} in ${minutes(r.ms)}`);
		}
	} finally {
		if (!keep) fs.rmSync(workRoot, { recursive: true, force: true });
		else log(`kept ${workRoot}`);
	}
	const totalMs = Date.now() - started;
	const md = [
		'# Compatibility run',
		'',
		`\`npm run test:compat\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores: ${minutes(totalMs)} in all` +
			` (installs ${minutes(results.reduce((n, r) => n + (r.install?.ms || 0), 0))}).`,
		'',
		table(results),
		'',
		details(results),
	].join('\n');
	fs.writeFileSync(path.join(COMPAT_DIR, 'results.md'), md);
	console.log(`\n${table(results)}\n`);
	const failed = results.filter((r) => !r.ok).length;
	console.log(`compat: ${results.length - failed} passed, ${failed} failed (${minutes(totalMs)}; table in compat/results.md)`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
