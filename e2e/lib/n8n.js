'use strict';
/**
 * A real n8n 2.8.4 (installed in e2e/node_modules by e2e/install.sh) with n8n-nodes-stora loaded the way
 * users of the published package get it: linked into $N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-stora,
 * so node types are named `n8n-nodes-stora.<node>`.
 *
 * One N8n object = one fresh user folder (its own sqlite DB). Use the CLI (`importCredentials`,
 * `importWorkflows`, `execute`) with or without the server, and `start()` for the editor, REST and webhooks.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { N8N_BIN, N8N_PACKAGE_JSON, N8N_VERSION, REPO_ROOT, TMP_DIR } = require('./paths');
const { getFreePort } = require('./ports');
const processes = require('./processes');

const PACKAGE_NAME = 'n8n-nodes-stora';

const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Stora-demo-1',
});

function assertN8nInstalled() {
	if (!fs.existsSync(N8N_BIN) || !fs.existsSync(N8N_PACKAGE_JSON)) {
		throw new Error(`n8n is not installed in e2e/node_modules: run \`bash e2e/install.sh\` first`);
	}
	const { version } = JSON.parse(fs.readFileSync(N8N_PACKAGE_JSON, 'utf8'));
	if (version !== N8N_VERSION) {
		throw new Error(`e2e/node_modules has n8n ${version}, expected ${N8N_VERSION}: run \`bash e2e/install.sh\``);
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
	 * @param {string} [options.packageRoot] the package to link (default: this repository)
	 * @param {boolean} [options.keepUserFolder] do not delete the folder in stop()
	 * @param {(line: string) => void} [options.onLog] receives every log line of the server
	 * @param {object} [options.env] extra environment
	 */
	constructor(options = {}) {
		this.options = options;
		this.name = options.name || 'n8n';
		this.packageRoot = options.packageRoot || REPO_ROOT;
		this.userFolder = options.userFolder;
		this.port = undefined;
		this.url = undefined;
		this.server = undefined;
		this.serverLog = [];
		this.cliLog = [];
		this.cookie = undefined;
	}

	/** Create the user folder and link the package. Idempotent. */
	async prepare() {
		if (this.prepared) return this;
		assertN8nInstalled();
		assertPackageBuilt(this.packageRoot);
		if (!this.userFolder) {
			await fsp.mkdir(TMP_DIR, { recursive: true });
			this.userFolder = await fsp.mkdtemp(path.join(TMP_DIR, `${this.name}-`));
			this.ownsUserFolder = !this.options.keepUserFolder;
		}
		const nodeModules = path.join(this.userFolder, '.n8n', 'nodes', 'node_modules');
		await fsp.mkdir(nodeModules, { recursive: true });
		const link = path.join(nodeModules, PACKAGE_NAME);
		const current = await fsp.readlink(link).catch(() => undefined);
		if (current !== this.packageRoot) {
			await fsp.rm(link, { force: true, recursive: true });
			await fsp.symlink(this.packageRoot, link, 'dir');
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
		const child = spawn(process.execPath, [N8N_BIN, ...args], {
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
		return { ...result, run };
	}

	/** Start `n8n start` and wait for /healthz/readiness. */
	async start({ timeoutMs = 90000 } = {}) {
		await this.prepare();
		if (this.server) return this;
		const started = Date.now();
		const logFile = path.join(this.userFolder, 'n8n-server.log');
		const logStream = fs.createWriteStream(logFile, { flags: 'a' });
		this.logFile = logFile;
		const child = spawn(process.execPath, [N8N_BIN, 'start'], {
			// JSON log lines carry their level, so tests can assert "no warnings" (see logEntries())
			env: this.env({ N8N_LOG_FORMAT: 'json', ...(this.options.serverEnv || {}) }),
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.server = child;
		this.untrackServer = processes.track(child, 'n8n start');
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
		this.serverExit = new Promise((resolve) =>
			child.on('exit', (code, signal) => {
				this.server = undefined;
				if (this.untrackServer) this.untrackServer();
				logStream.end();
				resolve(code ?? signal);
			}),
		);

		let lastError;
		while (Date.now() - started < timeoutMs) {
			if (!this.server) {
				throw new Error(`n8n start exited before it was ready:\n${this.logText()}`);
			}
			try {
				// readiness answers before the REST routes are mounted: wait for both
				const res = await fetch(`${this.url}/healthz/readiness`);
				const rest = res.ok ? await fetch(`${this.url}/rest/settings`) : res;
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
		throw new Error(`n8n not ready after ${timeoutMs} ms (${lastError?.message}):\n${this.logText()}`);
	}

	logText() {
		return this.serverLog.map((l) => `${l.level.padEnd(5)} ${l.message}`).join('\n');
	}

	/** Server log entries { level, message, metadata, line } at one of the given levels. */
	logEntries(levels = ['warn', 'error']) {
		return this.serverLog.filter((l) => levels.includes(l.level));
	}

	/** Call n8n's internal REST API (/rest/…) with the session cookie. Resolves the parsed `data` field. */
	async rest(method, urlPath, body, { raw = false, expectStatus } = {}) {
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
