'use strict';
/**
 * Run by compat/run.js once per n8n version (E2E_N8N_DIR, E2E_N8N_VERSION, E2E_NODE_BIN,
 * E2E_COMMUNITY_NODES_DIR set): that n8n starts with the package installed from its tarball, loads it with
 * no warning or error about it, and serves its two node types and two credential types.
 * Writes what it saw to $COMPAT_RESULT_FILE (JSON) for the table.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { N8n } = require('../e2e/lib/n8n');
const { loadExamples } = require('../e2e/lib/stack');

const NODE_TYPES = ['n8n-nodes-stora.stora', 'n8n-nodes-stora.storaTrigger', 'n8n-nodes-stora.storaPollingTrigger'];
const CREDENTIAL_TYPES = ['storaApi', 'storaOAuth2Api'];
/** A log line about the package, its nodes or credentials, or the community-package loader. */
const ABOUT_PACKAGE = /stora|Unrecognized (node|credential) type|could not be found|packages are missing/i;

describe(`n8n ${process.env.E2E_N8N_VERSION || '2.8.4'}: the package registers`, { timeout: 240_000 }, () => {
	const n8n = new N8n({ name: 'compat-registration', serverEnv: { N8N_LOG_LEVEL: 'debug' } });
	const result = { nodeTypes: [], credentialTypes: [], packageProblems: [], hostWarnings: [] };
	let entries;

	before(async () => {
		await n8n.start({ timeoutMs: 180_000 });
		await n8n.setupOwner();
		entries = n8n.serverLog;
	}, { timeout: 240_000 });

	after(async () => {
		if (process.env.COMPAT_RESULT_FILE) fs.writeFileSync(process.env.COMPAT_RESULT_FILE, JSON.stringify(result, null, 2));
		await n8n.stop();
	});

	it('loads the package with no warning or error about it', () => {
		result.loaded = entries.some((e) => e.message === 'Loaded all credentials and nodes from n8n-nodes-stora');
		const problems = entries.filter((e) => ['warn', 'error', 'stderr'].includes(e.level));
		result.packageProblems = problems.filter((e) => ABOUT_PACKAGE.test(e.message)).map((e) => `${e.level}: ${e.message}`);
		result.hostWarnings = problems.filter((e) => !ABOUT_PACKAGE.test(e.message)).map((e) => `${e.level}: ${e.message}`);
		assert.ok(result.loaded, `n8n did not log loading n8n-nodes-stora:\n${n8n.logText()}`);
		assert.deepEqual(result.packageProblems, []);
	});

	it('serves the Stora, Stora Trigger and Stora Polling Trigger node types and both credential types', async () => {
		const types = async (kind) => {
			const res = await fetch(`${n8n.url}/types/${kind}.json`, { headers: { cookie: n8n.cookie } });
			assert.equal(res.status, 200, `/types/${kind}.json`);
			return (await res.json()).map((t) => t.name);
		};
		result.nodeTypes = (await types('nodes')).filter((name) => name.startsWith('n8n-nodes-stora.')).sort();
		result.credentialTypes = (await types('credentials')).filter((name) => /^stora/.test(name)).sort();
		for (const name of NODE_TYPES) assert.ok(result.nodeTypes.includes(name), `node type ${name}: ${result.nodeTypes}`);
		assert.deepEqual(result.credentialTypes, CREDENTIAL_TYPES);
	});

	it('has every node type and version the examples use (or runs it: a node with one implementation for all its versions)', async () => {
		const res = await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie } });
		// a versioned node (VersionedNodeType, e.g. Merge) is served as one description per implementation, and an
		// unknown typeVersion has no implementation (the run fails); a node with one description (e.g. Webhook)
		// runs whatever typeVersion a workflow says (n8n-workflow's getVersionedNodeType returns the node itself)
		const versions = new Map();
		const descriptions = new Map();
		for (const t of await res.json()) {
			versions.set(t.name, [...(versions.get(t.name) || []), ...[].concat(t.version)]);
			descriptions.set(t.name, (descriptions.get(t.name) || 0) + 1);
		}
		result.missingNodeVersions = [];
		result.undeclaredNodeVersions = [];
		for (const { file, workflow } of loadExamples()) {
			for (const node of workflow.nodes) {
				const served = versions.get(node.type) || [];
				if (!served.includes(node.typeVersion)) {
					const line = `${file}: ${node.type} v${node.typeVersion} ("${node.name}"; this n8n has ${served.join(', ') || 'none'})`;
					if (descriptions.get(node.type) === 1) result.undeclaredNodeVersions.push(line);
					else result.missingNodeVersions.push(line);
				}
			}
		}
		assert.deepEqual(result.missingNodeVersions, []);
	});
});
