'use strict';
/**
 * The whole demo/test stack: the Stora sandbox, the SMTP sink and a real n8n with the package
 * loaded, the "Stora sandbox" and "Local SMTP sink" credentials and the example workflows imported.
 */
const fs = require('node:fs');
const path = require('node:path');
const { EXAMPLES_DIR, REPO_ROOT } = require('./paths');
const { N8n } = require('./n8n');
const { startSmtpSink, smtpCredential } = require('./smtp-sink');

const STORA_CREDENTIAL_ID = 'storaSandboxCred';
const STORA_CREDENTIAL_NAME = 'Stora sandbox';

function loadSandboxModule() {
	return require(path.join(REPO_ROOT, 'sandbox'));
}

/** The n8n credential (type storaApi) pointing at a running sandbox. */
function storaCredential(sandbox, { id = STORA_CREDENTIAL_ID, name = STORA_CREDENTIAL_NAME, token, data } = {}) {
	return {
		id,
		name,
		type: 'storaApi',
		data: {
			accessToken: token ?? sandbox.token,
			baseUrl: sandbox.url,
			requestsPerSecond: 10,
			requestsPerMinute: 600,
			...(data || {}),
		},
	};
}

/** The example workflows in examples/*.json, sorted by file name. */
function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/**
 * Start sandbox + SMTP sink + n8n.
 * @param {object} [options]
 * @param {string} [options.name]
 * @param {object} [options.sandbox] options for startSandbox (port, token, …)
 * @param {number} [options.smtpPort]
 * @param {number} [options.n8nPort]
 * @param {object[]} [options.extraWorkflows] imported with the examples
 * @param {object[] | ((sandbox: object) => object[])} [options.extraCredentials] (a function gets the running sandbox)
 * @param {boolean} [options.start] start the n8n server (default true) and set up the owner
 * @param {(entry: object) => void} [options.onLog] n8n server log lines
 * @param {(line: string) => void} [options.log] progress lines
 * @param {object} [options.serverEnv] extra env for `n8n start`
 * @param {object} [options.env] extra env for every n8n process (CLI and server), e.g. a Postgres database
 * @param {object} [options.credential] fields merged into the "Stora sandbox" credential's data (e.g. its limits)
 * @param {(workflow: object) => object} [options.editExamples] changes an example before it is imported (the demo's poll time)
 */
async function startStack(options = {}) {
	const log = options.log || (() => {});
	const timings = {};
	const t0 = Date.now();
	const stack = { timings };
	const { startSandbox, SEED } = loadSandboxModule();
	stack.SEED = SEED;
	try {
		stack.sandbox = await startSandbox({ port: 0, ...(options.sandbox || {}) });
		log(`Stora sandbox on ${stack.sandbox.url} (token ${stack.sandbox.token})`);
		stack.smtp = await startSmtpSink({ port: options.smtpPort });
		log(`SMTP sink on ${stack.smtp.host}:${stack.smtp.port}`);

		stack.n8n = new N8n({ name: options.name || 'stack', onLog: options.onLog, serverEnv: options.serverEnv, env: options.env });
		if (options.n8nPort) stack.n8n.port = options.n8nPort;
		await stack.n8n.prepare();

		stack.credentials = [
			storaCredential(stack.sandbox, { data: options.credential }),
			smtpCredential(stack.smtp),
			...(typeof options.extraCredentials === 'function' ? options.extraCredentials(stack.sandbox) : options.extraCredentials || []),
		];
		let t = Date.now();
		await stack.n8n.importCredentials(stack.credentials);
		timings.importCredentialsMs = Date.now() - t;

		stack.examples = loadExamples();
		const edit = options.editExamples || ((workflow) => workflow);
		const workflows = [...stack.examples.map((e) => edit(e.workflow)), ...(options.extraWorkflows || [])];
		t = Date.now();
		await stack.n8n.importWorkflows(workflows);
		timings.importWorkflowsMs = Date.now() - t;
		log(`imported ${stack.credentials.length} credentials and ${workflows.length} workflows`);

		if (options.start !== false) {
			t = Date.now();
			await stack.n8n.start();
			timings.startMs = Date.now() - t;
			await stack.n8n.setupOwner();
		}
		timings.totalMs = Date.now() - t0;
	} catch (err) {
		await stopStack(stack);
		throw err;
	}
	return stack;
}

async function stopStack(stack, options = {}) {
	if (!stack) return;
	await Promise.allSettled([
		stack.n8n ? stack.n8n.stop(options) : undefined,
		stack.smtp ? stack.smtp.close() : undefined,
		stack.sandbox ? stack.sandbox.close() : undefined,
	]);
}

module.exports = {
	startStack,
	stopStack,
	storaCredential,
	loadExamples,
	loadSandboxModule,
	STORA_CREDENTIAL_ID,
	STORA_CREDENTIAL_NAME,
};
