'use strict';
/** What each run needs before it starts: its names, its sandbox, its workflow and credential. */
const { startSandbox, SEED } = require('../../sandbox');
const { ALL_SCOPES } = require('../../sandbox/auth');
const { UNLIMITED, limitsLabel } = require('./scenarios');
const workflows = require('./workflows');

const scenarioOf = (run) => `${run.op === 'create' ? 'Create' : 'Get Many'} ${run.count.toLocaleString('en-GB')}`;
const sandboxKey = (run) => (run.limits ? limitsLabel(run.limits) : 'unlimited');

/** Names every run uses: its token (fresh rate-limit windows), webhook path, workflow and credential ids. */
function identityOf(run) {
	const n = String(run.index).padStart(9, '0');
	return {
		token: `bench-token-${n}`,
		path: `bench-run-${n}`,
		// n8n's ids are 16 characters
		workflowId: `benchWf${n}`,
		credential: { id: `benchCr${n}`, name: `bench run ${run.index}` },
	};
}

/** One sandbox per rate limit (latency is set per run), knowing every run's token. */
async function startSandboxes(runs) {
	const byKey = new Map();
	for (const run of runs) {
		const key = sandboxKey(run);
		if (!byKey.has(key)) byKey.set(key, { limits: run.limits, tokens: {} });
		byKey.get(key).tokens[identityOf(run).token] = ALL_SCOPES;
	}
	const sandboxes = new Map();
	for (const [key, { limits, tokens }] of byKey) {
		sandboxes.set(key, await startSandbox({ seedOrders: false, rateLimit: limits ?? false, tokens }));
	}
	return sandboxes;
}

/**
 * The run's workflow; `storaOptions` are added to the Stora node's Options (e.g. In Flight), and
 * the Stora node is `storaVersion` (version 3: Create looks for an earlier order first).
 */
function workflowOf(run, sandbox, storaOptions = {}, storaVersion = 2) {
	const id = identityOf(run);
	const common = { id: id.workflowId, path: id.path, siteId: SEED.sites.camden };
	if (run.tool === 'stora') {
		const build = run.op === 'create' ? workflows.storaCreate : workflows.storaGetMany;
		return build({ ...common, credential: id.credential, options: storaOptions, version: storaVersion });
	}
	const build = run.op === 'create' ? workflows.httpCreate : workflows.httpGetMany;
	return build({ ...common, baseUrl: sandbox.url, token: id.token, limits: run.limits, tuned: run.tool === 'httpTuned' });
}

/** A Stora API credential with the run's token and the sandbox's limits (or none to speak of). */
function credentialOf(run, sandbox) {
	const id = identityOf(run);
	const limits = run.limits ?? UNLIMITED;
	return {
		...id.credential,
		type: 'storaApi',
		data: {
			accessToken: id.token,
			baseUrl: sandbox.url,
			requestsPerSecond: limits.perSecond,
			requestsPerMinute: limits.perMinute,
		},
	};
}

module.exports = { scenarioOf, sandboxKey, identityOf, startSandboxes, workflowOf, credentialOf, SITE_ID: SEED.sites.camden };
