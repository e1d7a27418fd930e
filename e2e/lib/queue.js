'use strict';
/**
 * n8n's queue mode, privately: a Postgres cluster (initdb into e2e/.tmp, its own free port), a redis-server
 * (free port, no persistence), then n8n main (`EXECUTIONS_MODE=queue`) and N `n8n worker` processes sharing
 * its user folder, database and encryption key, with the Stora sandbox, the SMTP sink, the credentials and
 * the examples as startStack() gives them. Executions started through production webhooks of active
 * workflows are enqueued by the main (`Enqueued execution N (job N)`) and run by a worker
 * (`Worker started execution N (job N)`); `runs()` pairs the two from the processes' logs.
 *
 * Needs Debian's redis-server and postgresql (e2e/install.sh installs them). Postgres refuses to run as
 * root: as root, the cluster runs as the `postgres` user (or `nobody`).
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn, execFileSync } = require('node:child_process');
const { N8N_BIN, TMP_DIR } = require('./paths');
const { N8n } = require('./n8n');
const { getFreePort } = require('./ports');
const processes = require('./processes');
const { startStack, stopStack } = require('./stack');

const DB = Object.freeze({ user: 'n8n', password: 'n8n', database: 'postgres' });
const SKIP_HINT = 'run `bash e2e/install.sh` (apt-get install redis-server postgresql), or set E2E_SKIP_QUEUE=1 to skip the queue test';

const executable = (file) => {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
};
const onPath = (name) => (process.env.PATH || '').split(path.delimiter).map((d) => path.join(d, name)).find(executable);

/** Where Postgres' server binaries and redis-server are; throws a clear error for what is missing. */
function findQueueBinaries() {
	// Debian's packages keep the server binaries in /usr/lib/postgresql/<major>/bin, off PATH: newest first
	const lib = '/usr/lib/postgresql';
	const majors = fs.existsSync(lib) ? fs.readdirSync(lib).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a) : [];
	const pgDir = [...majors.map((v) => path.join(lib, v, 'bin')), ...[onPath('postgres')].filter(Boolean).map(path.dirname)].find((d) =>
		['initdb', 'postgres'].every((b) => executable(path.join(d, b))),
	);
	const redis = ['/usr/bin/redis-server', onPath('redis-server')].find((f) => f && executable(f));
	const missing = [!redis && 'redis-server', !pgDir && 'postgres (initdb, postgres)'].filter(Boolean);
	if (missing.length) throw new Error(`queue mode needs ${missing.join(' and ')}, not found: ${SKIP_HINT}`);
	return { initdb: path.join(pgDir, 'initdb'), postgres: path.join(pgDir, 'postgres'), redis };
}

/** As root, the user Postgres runs as: `postgres` if it exists, else `nobody`. Otherwise ourselves. */
function postgresUser() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
	for (const name of ['postgres', 'nobody']) {
		try {
			const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
			const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
			return { name, uid, gid };
		} catch {
			/* no such user */
		}
	}
	throw new Error('running as root and neither a `postgres` nor a `nobody` user exists: Postgres refuses to run as root');
}

/**
 * A long-running child in its own process group (tracked by processes.js) whose output is kept in `lines`;
 * resolves once a line matches `ready`. `stop()` sends `signal` to the group, SIGKILL after graceMs.
 */
async function startService({ label, file, args, ready, cwd, user, logFile, timeoutMs = 30000, signal = 'SIGTERM' }) {
	const child = spawn(file, args, {
		cwd,
		env: { ...process.env, LC_ALL: 'C' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
		...(user ? { uid: user.uid, gid: user.gid } : {}),
	});
	const untrack = processes.track(child, label);
	const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	const service = { label, pid: child.pid, lines: [] };
	let onLine = () => {};
	const collect = (d) => {
		if (log) log.write(d);
		for (const line of String(d).split('\n').filter(Boolean)) {
			service.lines.push(line);
			onLine(line);
		}
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise((resolve) =>
		child.on('exit', (code, sig) => {
			untrack();
			if (log) log.end();
			resolve(code ?? sig);
		}),
	);
	let alive = true;
	exited.then(() => (alive = false));
	service.stop = async (graceMs = 10000) => {
		if (alive) {
			processes.killGroup(child.pid, signal);
			const timer = setTimeout(() => processes.killGroup(child.pid, 'SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}
		processes.killGroup(child.pid, 'SIGKILL');
	};
	await new Promise((resolve, reject) => {
		const fail = (why) => reject(new Error(`${label} ${why}:\n${service.lines.slice(-30).join('\n')}`));
		const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
		onLine = (line) => {
			if (ready.test(line)) {
				clearTimeout(timer);
				onLine = () => {};
				resolve();
			}
		};
		service.lines.forEach((l) => onLine(l));
		exited.then((code) => {
			clearTimeout(timer);
			fail(`exited (${code}) before it was ready`);
		});
	}).catch(async (err) => {
		await service.stop(2000);
		throw err;
	});
	return service;
}

/** initdb + postgres on a free port of 127.0.0.1 (no unix socket), tuned for throwaway data (no fsync). */
async function startPostgres({ dir, bin, log = () => {} }) {
	const user = postgresUser();
	const data = path.join(dir, 'data');
	if (user) await fsp.chown(dir, user.uid, user.gid);
	const pwFile = path.join(dir, 'pw');
	await fsp.writeFile(pwFile, `${DB.password}\n`);
	if (user) await fsp.chown(pwFile, user.uid, user.gid);
	const t = Date.now();
	await new Promise((resolve, reject) => {
		const child = spawn(bin.initdb, ['-D', data, '-U', DB.user, `--pwfile=${pwFile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], {
			cwd: dir,
			env: { ...process.env, LC_ALL: 'C' },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
			...(user ? { uid: user.uid, gid: user.gid } : {}),
		});
		const untrack = processes.track(child, 'initdb');
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) => {
			untrack();
			if (code === 0) resolve();
			else reject(new Error(`initdb exited with ${code}${user ? ` (as ${user.name})` : ''}:\n${out}`));
		});
	});
	const initdbMs = Date.now() - t;
	const port = await getFreePort();
	const server = await startService({
		label: 'postgres',
		file: bin.postgres,
		args: ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', '', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
		cwd: dir,
		user,
		logFile: path.join(dir, 'postgres.log'),
		ready: /database system is ready to accept connections/,
		// SIGINT: Postgres' "fast" shutdown (SIGTERM waits for every client to disconnect)
		signal: 'SIGINT',
	});
	log(`Postgres on 127.0.0.1:${port}${user ? ` (as ${user.name})` : ''}, initdb ${initdbMs} ms`);
	return { ...server, port, dir: data, user: user?.name, initdbMs };
}

/** redis-server on a free port of 127.0.0.1, no RDB snapshots, no AOF. */
async function startRedis({ dir, bin, log = () => {} }) {
	const port = await getFreePort();
	const server = await startService({
		label: 'redis-server',
		file: bin.redis,
		args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'no', '--logfile', ''],
		cwd: dir,
		logFile: path.join(dir, 'redis.log'),
		ready: /Ready to accept connections/,
	});
	log(`redis on 127.0.0.1:${port}`);
	return { ...server, port };
}

const ENQUEUED = /^Enqueued execution (\d+) \(job (\d+)\)/;
const STARTED = /^Worker started execution (\d+) \(job (\d+)\)/;

/**
 * Start the whole queue-mode stack.
 * @param {object} [options]
 * @param {number} [options.workers] how many `n8n worker` processes (default 2)
 * @param {number} [options.workerConcurrency] each worker's `--concurrency` (default 10, n8n's)
 * @param {object} [options.sandboxOptions] options for startSandbox (rateLimit, latencyMs, …)
 * @param {object} [options.credential] fields merged into the "Stora sandbox" credential's data
 * @param {object[]} [options.extraWorkflows] imported with the examples (activate them with `activate(id)`)
 * @param {object[]} [options.extraCredentials]
 * @param {object} [options.env] extra env for every n8n process; `mainEnv` / `workerEnv` for one side only
 * @param {string} [options.name] label of the temp folders (default "queue")
 * @param {(line: string) => void} [options.log] progress lines
 */
async function startQueueStack(options = {}) {
	const log = options.log || (() => {});
	const workerCount = options.workers ?? 2;
	const concurrency = options.workerConcurrency ?? 10;
	const name = options.name || 'queue';
	const t0 = Date.now();
	const timings = {};
	const q = { timings, workers: [] };
	let dir;
	const removeDir = () => {
		if (dir && !process.env.E2E_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
	};
	process.on('exit', removeDir);
	let stopped;
	q.stop = () =>
		(stopped ||= (async () => {
			// workers first (they finish their jobs), then main, sandbox and sink, then redis and Postgres
			await Promise.allSettled(q.workers.map((w) => w.stop()));
			await stopStack(q.stack);
			await Promise.allSettled([q.redis?.stop(), q.postgres?.stop()]);
			removeDir();
			process.removeListener('exit', removeDir);
			unregister();
		})());
	const unregister = processes.onShutdown(() => q.stop());

	try {
		const bin = findQueueBinaries();
		await fsp.mkdir(TMP_DIR, { recursive: true });
		dir = await fsp.mkdtemp(path.join(TMP_DIR, `${name}-services-`));
		q.dir = dir;
		// mkdtemp makes it 0700: Postgres' user (as root, not us) must be able to reach pg/ inside it
		await fsp.chmod(dir, 0o711);
		await fsp.mkdir(path.join(dir, 'pg'));
		await fsp.mkdir(path.join(dir, 'redis'));
		let t = Date.now();
		[q.postgres, q.redis] = await Promise.all([
			startPostgres({ dir: path.join(dir, 'pg'), bin, log }),
			startRedis({ dir: path.join(dir, 'redis'), bin, log }),
		]);
		timings.servicesMs = Date.now() - t;

		const queueEnv = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(q.postgres.port),
			DB_POSTGRESDB_DATABASE: DB.database,
			DB_POSTGRESDB_USER: DB.user,
			DB_POSTGRESDB_PASSWORD: DB.password,
			EXECUTIONS_MODE: 'queue',
			// manual runs from the editor go to the workers too (and n8n stops warning that it will become the default)
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(q.redis.port),
			...(options.env || {}),
		};
		// sandbox, sink, credentials and examples; the import's first command runs n8n's migrations on Postgres
		t = Date.now();
		q.stack = await startStack({
			name,
			sandbox: options.sandboxOptions,
			credential: options.credential,
			extraWorkflows: options.extraWorkflows,
			extraCredentials: options.extraCredentials,
			env: queueEnv,
			serverEnv: options.mainEnv,
			start: false,
			log,
		});
		timings.importMs = Date.now() - t;
		const main = q.stack.n8n;
		Object.assign(q, { n8n: main, main, url: main.url, sandbox: q.stack.sandbox, smtp: q.stack.smtp, SEED: q.stack.SEED, examples: q.stack.examples });

		for (let i = 1; i <= workerCount; i++) {
			// a worker's url is its health server's
			const healthPort = await getFreePort();
			const worker = new N8n({
				name: `worker-${i}`,
				userFolder: main.userFolder,
				command: 'worker',
				args: [`--concurrency=${concurrency}`],
				logName: `n8n-worker-${i}.log`,
				env: {
					...queueEnv,
					// what an execution on a worker builds URLs from is the main's address
					WEBHOOK_URL: `${main.url}/`,
					N8N_EDITOR_BASE_URL: main.url,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					...(options.workerEnv || {}),
				},
			});
			worker.index = i;
			worker.port = healthPort;
			q.workers.push(worker);
		}
		t = Date.now();
		await Promise.all([main.start({ timeoutMs: 180000 }), ...q.workers.map((w) => w.start({ timeoutMs: 180000 }))]);
		timings.startMs = Date.now() - t;
		await main.setupOwner();
		timings.totalMs = Date.now() - t0;
		log(`n8n main ${main.url} + ${workerCount} workers (concurrency ${concurrency}) ready in ${timings.totalMs} ms`);
	} catch (err) {
		await q.stop();
		throw err;
	}

	q.importWorkflows = (workflows) => q.main.importWorkflows(workflows);
	q.activate = (id) => q.main.activate(id);
	q.webhook = (webhookPath, opts) => q.main.webhook(webhookPath, opts);
	/** Where the logs are now: pass it to runs() to see only what came after. */
	q.mark = () => ({ main: q.main.serverLog.length, workers: q.workers.map((w) => w.serverLog.length) });
	/**
	 * Executions since `mark`: [{ executionId, jobId, worker }] in the order the main enqueued them; `worker` is the
	 * index (1…N) of the worker whose log says it started it (undefined while none has).
	 */
	q.runs = (mark = { main: 0, workers: [] }) => {
		const started = new Map();
		q.workers.forEach((w, i) => {
			for (const entry of w.serverLog.slice(mark.workers[i] || 0)) {
				const m = STARTED.exec(entry.message);
				if (m) started.set(m[1], [...(started.get(m[1]) || []), w.index]);
			}
		});
		return q.main.serverLog
			.slice(mark.main)
			.map((entry) => ENQUEUED.exec(entry.message))
			.filter(Boolean)
			.map(([, executionId, jobId]) => ({ executionId, jobId, worker: started.get(executionId)?.[0], workers: started.get(executionId) || [] }));
	};
	/** Waits until `count` executions were enqueued since `mark` and every one has started on a worker. */
	q.waitForRuns = async (mark, count, timeoutMs = 30000) => {
		const t = Date.now();
		for (;;) {
			const runs = q.runs(mark);
			if (runs.length >= count && runs.every((r) => r.worker)) return runs;
			if (Date.now() - t > timeoutMs) {
				throw new Error(`waited ${timeoutMs} ms for ${count} executions run by workers; have ${JSON.stringify(runs)}`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	};
	/** An execution as n8n's REST API has it, once finished: { id, status, mode, run } (run.data.resultData.runData). */
	q.execution = async (id, timeoutMs = 30000) => {
		// n8n sends run data in the `flatted` format (its own dependency)
		const { parse } = require(path.resolve(N8N_BIN, '../../../flatted'));
		const t = Date.now();
		for (;;) {
			const e = await q.main.rest('GET', `/executions/${id}`);
			if (e && !['new', 'running', 'waiting'].includes(e.status)) {
				const data = typeof e.data === 'string' ? parse(e.data) : e.data;
				return { ...e, run: { status: e.status, data } };
			}
			if (Date.now() - t > timeoutMs) throw new Error(`execution ${id} still ${e?.status} after ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 150));
		}
	};
	return q;
}

/**
 * A copy of a workflow whose trigger `trigger` (default: its manual trigger) is replaced by a production webhook (POST /webhook/<path>,
 * answering with the last node's first item once the run is finished); `drop` removes other nodes (e.g. a
 * schedule trigger). The rest of the workflow is unchanged.
 */
function withWebhookTrigger(workflow, { id, name, trigger, path: webhookPath, drop = [] }) {
	const wf = JSON.parse(JSON.stringify(workflow));
	const old = wf.nodes.find((n) => (trigger ? n.name === trigger : n.type === 'n8n-nodes-base.manualTrigger'));
	if (!old) throw new Error(`no node "${trigger || 'manual trigger'}" in ${workflow.name}`);
	const hook = {
		id: crypto.randomUUID(),
		name: 'Queue test webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: old.position,
		webhookId: crypto.randomUUID(),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} },
	};
	wf.id = id;
	wf.name = name;
	wf.nodes = wf.nodes.filter((n) => n !== old && !drop.includes(n.name)).concat(hook);
	wf.connections[hook.name] = wf.connections[old.name];
	for (const n of [old.name, ...drop]) delete wf.connections[n];
	wf.active = false;
	wf.pinData = {};
	return wf;
}

module.exports = { startQueueStack, withWebhookTrigger, findQueueBinaries, startPostgres, startRedis, SKIP_HINT };
