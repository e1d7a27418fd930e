'use strict';
/**
 * A real n8n 2.8.4 (installed in e2e/node_modules by e2e/install.sh) with n8n-nodes-stora loaded the way
 * users of the published package get it: its `npm pack` tarball installed as n8n's Community Nodes panel does
 * (package.js) into $N8N_USER_FOLDER/.n8n/nodes, so node types are named `n8n-nodes-stora.<node>`.
 *
 * One N8n object = one fresh user folder (its own sqlite DB). Use the CLI (`importCredentials`,
 * `importWorkflows`, `execute`) with or without the server, and `start()` for the editor, REST and webhooks.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { N8N_BIN, N8N_PACKAGE_JSON, N8N_VERSION, REPO_ROOT, TMP_DIR, N8N_DIR, NODE_BIN, COMMUNITY_NODES_DIR, N8N_EXTRA_ENV } = require('./paths');
const { getFreePort } = require('./ports');
const processes = require('./processes');
const { installedNodesDir, PACKAGE_NAME } = require('./package');

const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Stora-demo-1',
});

function assertN8nInstalled() {
	if (!fs.existsSync(N8N_BIN) || !fs.existsSync(N8N_PACKAGE_JSON)) {
		throw new Error(`n8n is not installed in ${N8N_DIR}/node_modules: run \`bash e2e/install.sh\` first`);
	}
	const { version } = JSON.parse(fs.readFileSync(N8N_PACKAGE_JSON, 'utf8'));
	if (version !== N8N_VERSION) {
		throw new Error(`${N8N_DIR}/node_modules has n8n ${version}, expected ${N8N_VERSION}: run \`bash e2e/install.sh\``);
	}
}

function assertPackageBuilt(packageRoot = REPO_ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
	const files = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = files.filter((f) => !fs.existsSync(path.join(packageRoot, f)));
	if (!files.length || missing.length) {
		throw new Error(`${PACKAGE_NAME} is not built (missing ${missing.join(', ') || 'n8n section'}): run \`npm run build\``);
	}
}

/** Cut the JSON printed by `n8n execute --rawOutput` out of stdout (log lines come first). */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.startsWith('{'));
	if (start === -1) throw new Error(`no JSON in n8n execute output:\n${stdout}`);
	// the JSON ends at the last line that is exactly "}" (anything after is log noise)
	let end = lines.length - 1;
	while (end > start && lines[end].trim() !== '}') end--;
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

class N8n {
	/**
	 * @param {object} [options]
	 * @param {string} [options.name] label used in the temp folder name and log prefix
	 * @param {string} [options.userFolder] reuse this folder instead of a fresh temp one
	 * @param {string} [options.packageRoot] the package to pack and install (default: this repository)
	 * @param {boolean} [options.keepUserFolder] do not delete the folder in stop()
	 * @param {(line: string) => void} [options.onLog] receives every log line of the server
	 * @param {object} [options.env] extra environment
	 * @param {string} [options.nodeBin] the node that runs n8n (default E2E_NODE_BIN or this process's); its folder
	 *   goes first on PATH for n8n's processes
	 * @param {string} [options.communityNodesDir] a ~/.n8n/nodes folder with the package installed from its tarball
	 *   (compat/community-install.js), copied into the user folder (default: package.js installs packageRoot's)
	 * @param {string} [options.command] what start() runs: `start` (default) or `worker` (queue mode; `url` is then
	 *   its health server, QUEUE_HEALTH_CHECK_PORT = `port`)
	 * @param {string[]} [options.args] arguments after the command, e.g. ['--concurrency=2']
	 * @param {string} [options.logName] start()'s log file in the user folder (default n8n-server.log)
	 */
	constructor(options = {}) {
		this.options = options;
		this.command = options.command || 'start';
		this.name = options.name || 'n8n';
		this.packageRoot = options.packageRoot || REPO_ROOT;
		this.nodeBin = options.nodeBin || NODE_BIN;
		this.communityNodesDir = options.communityNodesDir || COMMUNITY_NODES_DIR;
		// n8n 1.x: activation is PATCH /workflows/:id, and `execute --rawOutput` says "running" when finished
		this.legacyV1 = Number(N8N_VERSION.split('.')[0]) < 2;
		this.userFolder = options.userFolder;
		this.port = undefined;
		this.url = undefined;
		this.server = undefined;
		this.serverLog = [];
		this.cliLog = [];
		this.cookie = undefined;
	}

	/** Create the user folder and install the package into it. Idempotent. */
	async prepare() {
		if (this.prepared) return this;
		assertN8nInstalled();
		if (!this.communityNodesDir) {
			assertPackageBuilt(this.packageRoot);
			this.communityNodesDir = await installedNodesDir({ root: this.packageRoot });
		}
		assertPackageBuilt(path.join(this.communityNodesDir, 'node_modules', PACKAGE_NAME));
		if (!this.userFolder) {
			await fsp.mkdir(TMP_DIR, { recursive: true });
			this.userFolder = await fsp.mkdtemp(path.join(TMP_DIR, `${this.name}-`));
			this.ownsUserFolder = !this.options.keepUserFolder;
		}
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
		// a reused user folder may hold the source-folder link earlier versions of this layer made
		if ((await fsp.lstat(installed).catch(() => undefined))?.isSymbolicLink()) await fsp.rm(nodesDir, { recursive: true, force: true });
		if (!fs.existsSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json'))) {
			await fsp.cp(this.communityNodesDir, nodesDir, { recursive: true, verbatimSymlinks: true });
		}
		this.port = this.port || (await getFreePort());
		this.brokerPort = this.brokerPort || (await getFreePort());
		this.url = `http://127.0.0.1:${this.port}`;
		this.prepared = true;
		return this;
	}

	env(extra = {}) {
		return {
			...process.env,
			...(this.nodeBin !== process.execPath
				? { PATH: `${path.dirname(this.nodeBin)}${path.delimiter}${process.env.PATH}` }
				: {}),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'n8n-nodes-stora-e2e-encryption-key',
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			// the verified-community-nodes list comes from api.n8n.io: unreachable here, and not needed
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: this.url,
			WEBHOOK_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_RELEASE_TYPE: 'stable',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			NODE_ENV: 'production',
			// Stora's operators are in the UK: dates without a zone in the examples mean London time
			GENERIC_TIMEZONE: 'Europe/London',
			...N8N_EXTRA_ENV,
			...(this.options.env || {}),
			...extra,
		};
	}

	/**
	 * Run an n8n CLI command. Resolves { code, stdout, stderr, ms }; rejects on a non-zero exit unless allowFailure.
	 * A CLI command run while the server is up gets its own task-broker port.
	 */
	async cli(args, { allowFailure = false, timeoutMs = 120000, env } = {}) {
		await this.prepare();
		const brokerPort = this.server ? await getFreePort() : this.brokerPort;
		const started = Date.now();
		const child = spawn(this.nodeBin, [N8N_BIN, ...args], {
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...(env || {}) }),
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const untrack = processes.track(child, `n8n ${args[0]}`);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => processes.killGroup(child.pid, 'SIGKILL'), timeoutMs);
		const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? signal)));
		clearTimeout(timer);
		untrack();
		const result = { args, code, stdout, stderr, ms: Date.now() - started };
		this.cliLog.push(result);
		if (code !== 0 && !allowFailure) {
			const err = new Error(`n8n ${args.join(' ')} exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
			err.result = result;
			throw err;
		}
		return result;
	}

	async writeJson(name, data) {
		await this.prepare();
		const file = path.join(this.userFolder, name);
		await fsp.writeFile(file, JSON.stringify(data, null, 2));
		return file;
	}

	/** `n8n import:credentials` (plain `data` is encrypted on import; every credential needs an `id`). */
	async importCredentials(credentials) {
		for (const c of credentials) if (!c.id) throw new Error(`credential ${c.name} needs an id`);
		const file = await this.writeJson(`credentials-${Date.now()}.json`, credentials);
		return this.cli(['import:credentials', `--input=${file}`]);
	}

	/** `n8n import:workflow` for one or more workflow objects (each needs an `id`). */
	async importWorkflows(workflows) {
		const list = [].concat(workflows);
		for (const w of list) if (!w.id) throw new Error(`workflow ${w.name} needs an id`);
		const file = await this.writeJson(`workflows-${Date.now()}.json`, list);
		return this.cli(['import:workflow', `--input=${file}`]);
	}

	/**
	 * `n8n execute --id=… --rawOutput`: resolves { run, stdout, stderr, code, ms }, where run is the execution
	 * (run.data.resultData.runData, run.status). Does not throw when the workflow fails; check run.status.
	 */
	async execute(workflowId) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { allowFailure: true });
		let run;
		try {
			run = parseRawOutput(result.stdout);
		} catch (err) {
			err.message += `\n--- stderr\n${result.stderr}`;
			throw err;
		}
		// n8n 1.x prints status "running" for a finished run (finished: true), or one that stopped on an error
		if (this.legacyV1 && run.status === 'running' && (run.finished === true || run.data?.resultData?.error)) {
			run.status = run.data?.resultData?.error ? 'error' : 'success';
		}
		return { ...result, run };
	}

	/** Start `n8n start` (or options.command) and wait for /healthz/readiness. */
	async start({ timeoutMs = 90000 } = {}) {
		await this.prepare();
		if (this.server) return this;
		const started = Date.now();
		const logFile = path.join(this.userFolder, this.options.logName || 'n8n-server.log');
		const logStream = fs.createWriteStream(logFile, { flags: 'a' });
		this.logFile = logFile;
		const child = spawn(this.nodeBin, [N8N_BIN, this.command, ...(this.options.args || [])], {
			// JSON log lines carry their level, so tests can assert "no warnings" (see logEntries())
			// (n8n 1.x has no JSON console format: it logs to its JSON file instead, followed below)
			env: this.env({
				N8N_LOG_FORMAT: 'json',
				...(this.legacyV1 ? { N8N_LOG_OUTPUT: 'file' } : {}),
				...(this.options.serverEnv || {}),
			}),
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.server = child;
		this.untrackServer = processes.track(child, `n8n ${this.command}`);
		const onData = (stream) => {
			let buf = '';
			return (d) => {
				logStream.write(d);
				buf += d;
				let i;
				while ((i = buf.indexOf('\n')) !== -1) {
					const line = buf.slice(0, i);
					buf = buf.slice(i + 1);
					const entry = parseLogLine(line, stream);
					this.serverLog.push(entry);
					if (this.options.onLog) this.options.onLog(entry);
				}
			};
		};
		child.stdout.on('data', onData('stdout'));
		child.stderr.on('data', onData('stderr'));
		let stopTail;
		if (this.legacyV1) {
			// reading serverLog reads what n8n has appended to its file so far
			const tail = tailFile(path.join(this.userFolder, '.n8n', 'logs', 'n8n.log'), onData('file'));
			const entries = this.serverLog;
			Object.defineProperty(this, 'serverLog', { configurable: true, enumerable: true, get: () => (tail.read(), entries) });
			stopTail = tail.stop;
		}
		this.serverExit = new Promise((resolve) =>
			child.on('exit', (code, signal) => {
				this.server = undefined;
				if (this.untrackServer) this.untrackServer();
				if (stopTail) stopTail();
				logStream.end();
				resolve(code ?? signal);
			}),
		);

		let lastError;
		while (Date.now() - started < timeoutMs) {
			if (!this.server) {
				throw new Error(`n8n ${this.command} exited before it was ready:\n${this.logText()}`);
			}
			try {
				// readiness answers before the REST routes are mounted: wait for both
				const res = await fetch(`${this.url}/healthz/readiness`);
				// (a queue-mode worker has no REST API: its health server's readiness is enough)
				const rest = res.ok && this.command !== 'worker' ? await fetch(`${this.url}/rest/settings`) : res;
				if (rest.ok) {
					this.startMs = Date.now() - started;
					return this;
				}
				lastError = new Error(`readiness ${res.status}, /rest/settings ${rest.status}`);
			} catch (err) {
				lastError = err;
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`n8n ${this.command} not ready after ${timeoutMs} ms (${lastError?.message}):\n${this.logText()}`);
	}

	logText() {
		return this.serverLog.map((l) => `${l.level.padEnd(5)} ${l.message}`).join('\n');
	}

	/** Server log entries { level, message, metadata, line } at one of the given levels. */
	logEntries(levels = ['warn', 'error']) {
		return this.serverLog.filter((l) => levels.includes(l.level));
	}

	/** Call n8n's internal REST API (/rest/…) with the session cookie. Resolves the parsed `data` field. */
	async rest(method, urlPath, body, { raw = false, expectStatus, settled = false } = {}) {
		const activation = !settled && method === 'POST' && /^\/workflows\/([^/]+)\/(activate|deactivate)$/.exec(urlPath);
		if (activation) {
			const [, id, action] = activation;
			// n8n 1.x has no /workflows/:id/(de)activate: it sets `active` with PATCH /workflows/:id
			const wf = this.legacyV1
				? await this.rest('PATCH', `/workflows/${id}`, {
						active: action === 'activate',
						versionId: (await this.rest('GET', `/workflows/${id}`)).versionId,
					}, { raw, expectStatus })
				: await this.rest(method, urlPath, body, { raw, expectStatus, settled: true });
			await this.publicationSettled(id);
			return wf;
		}
		const res = await fetch(`${this.url}/rest${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				...(this.cookie ? { cookie: this.cookie } : {}),
				// n8n's browser-id check for the auth cookie
				'browser-id': 'n8n-nodes-stora-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (raw) return { status: res.status, body: json ?? text, headers: res.headers };
		if ((expectStatus && res.status !== expectStatus) || (!expectStatus && !res.ok)) {
			throw new Error(`${method} /rest${urlPath} → ${res.status}: ${text.slice(0, 2000)}`);
		}
		return json && 'data' in json ? json.data : json;
	}

	/**
	 * Newer n8n (2.41) publishes an activation through an outbox, after the REST call returns: wait until its
	 * triggers and webhooks are in place (GET /workflows/:id/publication-status; n8n without it answers 404).
	 */
	async publicationSettled(workflowId, { timeoutMs = 30000 } = {}) {
		const started = Date.now();
		while (!this.noPublicationStatus && Date.now() - started < timeoutMs) {
			const res = await this.rest('GET', `/workflows/${workflowId}/publication-status`, undefined, { raw: true });
			if (res.status === 404) this.noPublicationStatus = true;
			if (res.status !== 200 || res.body?.data?.status !== 'in_progress') return res.body?.data;
			await new Promise((r) => setTimeout(r, 100));
		}
		return undefined;
	}

	/** Owner account on a fresh instance (also logs in). */
	async setupOwner(owner = OWNER) {
		await this.rest('POST', '/owner/setup', owner);
		this.owner = owner;
		return owner;
	}

	async login(owner = this.owner || OWNER) {
		await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		this.owner = owner;
	}

	/** Activate (publish) a workflow on the running server so its webhooks listen. */
	async activate(workflowId) {
		const wf = await this.rest('GET', `/workflows/${workflowId}`);
		return this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: wf.versionId });
	}

	/** Call a production webhook of an active workflow. Resolves { status, body, headers }. */
	async webhook(webhookPath, { method = 'POST', body, headers = {} } = {}) {
		const res = await fetch(`${this.url}/webhook/${webhookPath.replace(/^\//, '')}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let parsed = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		return { status: res.status, body: parsed, headers: res.headers };
	}

	/** Stop the server (SIGTERM to its process group, SIGKILL after graceMs) and remove a temp user folder. */
	async stop({ graceMs = 10000, keepUserFolder = false } = {}) {
		if (this.server) {
			const child = this.server;
			processes.killGroup(child.pid, 'SIGTERM');
			const timer = setTimeout(() => processes.killGroup(child.pid, 'SIGKILL'), graceMs);
			await this.serverExit;
			clearTimeout(timer);
			// the task runner is a child in the same group: make sure nothing is left
			processes.killGroup(child.pid, 'SIGKILL');
		}
		if (this.ownsUserFolder && !keepUserFolder && !process.env.E2E_KEEP_TMP) {
			await fsp.rm(this.userFolder, { recursive: true, force: true }).catch(() => {});
		}
	}
}

/** Calls onChunk with what is appended to `file` from now on (every intervalMs, and on read()); returns { read, stop }. */
function tailFile(file, onChunk, intervalMs = 100) {
	let offset = fs.existsSync(file) ? fs.statSync(file).size : 0;
	const read = () => {
		const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
		if (size < offset) offset = 0;
		if (size === offset) return;
		const fd = fs.openSync(file, 'r');
		const buf = Buffer.alloc(size - offset);
		fs.readSync(fd, buf, 0, buf.length, offset);
		fs.closeSync(fd);
		offset = size;
		onChunk(buf.toString('utf8'));
	};
	const timer = setInterval(read, intervalMs);
	const stop = () => {
		clearInterval(timer);
		read();
	};
	return { read, stop };
}

/**
 * One line of n8n's server output. With N8N_LOG_FORMAT=json, n8n's logger writes
 * {"level","message","metadata"}; anything else (task runner, stack traces, console.* from nodes) is kept
 * as level 'raw' (stdout) or 'stderr'.
 */
function parseLogLine(line, stream) {
	if (line.startsWith('{')) {
		try {
			const j = JSON.parse(line);
			if (j && typeof j.level === 'string' && 'message' in j) {
				return { level: j.level, message: String(j.message), metadata: j.metadata, line, stream, at: Date.now() };
			}
		} catch {
			/* not a log record */
		}
	}
	return { level: stream === 'stderr' ? 'stderr' : 'raw', message: line, line, stream, at: Date.now() };
}

/** Output items of a node in a run: run.data.resultData.runData[node][runIndex].data.main[output]. */
function nodeOutput(run, nodeName, output = 0, runIndex = 0) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	const main = runs[runIndex]?.data?.main;
	if (!main) return undefined;
	return (main[output] || []).map((i) => i.json);
}

module.exports = { N8n, OWNER, PACKAGE_NAME, parseRawOutput, parseLogLine, nodeOutput, assertN8nInstalled, assertPackageBuilt };
