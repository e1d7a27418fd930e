'use strict';
/**
 * The package as a community package in a real n8n 2.8.4: it loads cleanly under its published name
 * (the Stora node, the Stora Trigger and the Stora Polling Trigger), its credential passes (and fails) n8n's own credential test,
 * and "On Error: Continue (using error output)" splits good and bad items.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startStack, stopStack, storaCredential, STORA_CREDENTIAL_ID, STORA_CREDENTIAL_NAME } = require('./lib/stack');
const { nodeOutput } = require('./lib/n8n');
const { continueOnFailWorkflow, checkNodeParameters, triggerOnlyWorkflow } = require('./lib/workflows');
const { loadExamples } = require('./lib/stack');

const COF_ID = 'storaErrOutput01';
const MISSING_ORDER = 'order_0000000000000000';
const NO_SCOPE_TRIGGER_ID = 'storaNoScopeTrig';
/** A token without the webhook-endpoint scopes: activating a Stora Trigger with it fails with Stora's 403. */
const NO_WEBHOOK_SCOPE_TOKEN = 'sandbox-token-without-webhook-scopes';
/** What n8n's editor sends in place of a stored secret (n8n/dist/constants.js CREDENTIAL_BLANKING_VALUE). */
const CREDENTIAL_BLANKING_VALUE = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';

/** Warnings n8n 2.8.4 itself logs on every start on these machines; none concerns the package. */
const HOST_WARNINGS = [/^Failed to start Python task runner in internal mode/];

describe('n8n-nodes-stora as a community package in a real n8n', { timeout: 300_000 }, () => {
	let stack;
	let n8n;
	let sandbox;
	let SEED;

	before(async () => {
		const { SEED: seed } = require('./lib/stack').loadSandboxModule();
		const { ALL_SCOPES } = require('../sandbox/auth');
		const noScope = { id: 'storaNoWebhookScope', name: 'Stora without webhook scopes' };
		stack = await startStack({
			sandbox: { tokens: { [NO_WEBHOOK_SCOPE_TOKEN]: ALL_SCOPES.filter((s) => !s.startsWith('public.webhook_endpoint:')) } },
			extraCredentials: (sb) => [storaCredential(sb, { ...noScope, token: NO_WEBHOOK_SCOPE_TOKEN })],
			name: 'host',
			// debug level: the loader's own lines ("Loaded all credentials and nodes from …") are visible
			serverEnv: { N8N_LOG_LEVEL: 'debug' },
			extraWorkflows: [
				triggerOnlyWorkflow({ id: NO_SCOPE_TRIGGER_ID, credential: noScope }),
				continueOnFailWorkflow({
					id: COF_ID,
					orderIds: [seed.orders.draftReady, MISSING_ORDER, 'not-an-order-id', seed.orders.finalized],
				}),
			],
		});
		({ n8n, sandbox, SEED } = stack);
	}, { timeout: 180_000 });

	after(async () => {
		await stopStack(stack);
	});

	it('loads from ~/.n8n/nodes with no warning or error in n8n’s log', () => {
		// everything n8n logged from its start until the editor was ready and the owner set up
		const entries = n8n.serverLog;
		const loaded = entries.find((e) => e.message === 'Loaded all credentials and nodes from n8n-nodes-stora');
		assert.ok(loaded, `n8n did not log loading the package:\n${n8n.logText()}`);
		assert.ok(
			!entries.some((e) => /No codex available for: stora/.test(e.message)),
			'the node ships its codex (Stora.node.json)',
		);
		const problems = entries.filter(
			(e) =>
				['warn', 'error', 'stderr'].includes(e.level) && !HOST_WARNINGS.some((re) => re.test(e.message)),
		);
		assert.deepEqual(problems.map((e) => `${e.level}: ${e.message}`), []);
		const mentions = entries.filter((e) => /stora/i.test(e.message) && e.level !== 'debug' && e.level !== 'info');
		assert.deepEqual(mentions.map((e) => `${e.level}: ${e.message}`), []);
	});

	it('registers the node as n8n-nodes-stora.stora and the credentials as storaApi and storaOAuth2Api', async () => {
		const res = await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie } });
		assert.equal(res.status, 200);
		const nodes = await res.json();
		const stora = nodes.filter((n) => n.name === 'n8n-nodes-stora.stora');
		assert.equal(stora.length, 1, 'one Stora node type');
		assert.deepEqual(
			nodes.filter((n) => n.name.startsWith('n8n-nodes-stora.')).map((n) => n.name).sort(),
			// (n8n derives storaTool, the AI-agent tool form, from the action node; a trigger has none)
			['n8n-nodes-stora.stora', 'n8n-nodes-stora.storaPollingTrigger', 'n8n-nodes-stora.storaTool', 'n8n-nodes-stora.storaTrigger'],
			'the package’s three node types (and the tool n8n derives)',
		);
		const [node] = stora;
		assert.equal(node.displayName, 'Stora');
		assert.deepEqual([].concat(node.version), [1, 2, 3]);
		// each credential shown for its choice of the node's Authentication parameter
		assert.deepEqual(node.credentials.map((c) => [c.name, c.displayOptions?.show?.authentication]), [
			['storaApi', ['accessToken']],
			['storaOAuth2Api', ['oAuth2']],
		]);
		assert.match(String(node.iconUrl?.light ?? node.iconUrl ?? node.icon), /stora/);
		const resource = node.properties.find((p) => p.name === 'resource');
		// sorted by name: Contact, Contract, Credit Note, Deal, Deal Stage, Identity Verification, Invoice, …
		assert.deepEqual(resource.options.map((o) => o.value), [
			'contact',
			'contract',
			'creditNote',
			'deal',
			'dealStage',
			'identityVerification',
			'invoice',
			'lineItem',
			'note',
			'order',
			'product',
			'protectionLevel',
			'site',
			'subscription',
			'task',
			'tenancy',
			'timelineEvent',
			'unit',
			'unitAllocation',
			'unitType',
		]);
		const operationsOf = (name) =>
			node.properties
				.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(name))
				// n8n appends "Custom API Call" only when a node's defaultVersion is its version: not offered here
				.options.map((o) => o.value)
				.sort();
		assert.deepEqual(operationsOf('order'), ['create', 'finalize', 'get', 'getAll', 'update', 'validate']);
		assert.deepEqual(operationsOf('lineItem'), ['create', 'delete', 'getAll', 'update']);
		assert.deepEqual(operationsOf('contact'), ['create', 'get', 'getAll', 'update']);
		assert.deepEqual(operationsOf('unit'), ['deallocate', 'get', 'getAll', 'grantAccess', 'overlock', 'removeOverlock', 'reserve']);
		for (const plain of ['unitAllocation', 'tenancy', 'subscription', 'site']) assert.deepEqual(operationsOf(plain), ['get', 'getAll'], plain);
		assert.deepEqual(operationsOf('invoice'), ['downloadPdf', 'get', 'getAll']);
		assert.deepEqual(operationsOf('creditNote'), ['downloadPdf', 'getAll']);
		assert.deepEqual(operationsOf('contract'), ['downloadPdf', 'get', 'getAll']);
		for (const priced of ['unitType', 'protectionLevel', 'product']) assert.deepEqual(operationsOf(priced), ['get', 'getAll', 'setBasePrice'], priced);
		assert.deepEqual(operationsOf('deal'), ['create', 'get', 'getAll', 'lose', 'reopen', 'update', 'win']);
		assert.deepEqual(operationsOf('dealStage'), ['getAll']);
		assert.deepEqual(operationsOf('task'), ['create', 'getAll', 'reopen', 'update']);
		assert.deepEqual(operationsOf('note'), ['create', 'delete', 'getAll', 'update']);
		assert.deepEqual(operationsOf('timelineEvent'), ['create', 'update']);
		assert.deepEqual(operationsOf('identityVerification'), ['get', 'getAll']);

		const credRes = await fetch(`${n8n.url}/types/credentials.json`, { headers: { cookie: n8n.cookie } });
		const creds = await credRes.json();
		const cred = creds.find((c) => c.name === 'storaApi');
		assert.ok(cred, 'storaApi credential type');
		assert.ok(creds.find((c) => c.name === 'storaOAuth2Api'), 'storaOAuth2Api credential type');
		// n8n appends its own domain-restriction fields (allowedHttpRequestDomains, allowedDomains) to every credential
		const fields = cred.properties.filter((p) => p.type !== 'notice').map((p) => p.name);
		assert.deepEqual(fields.slice(0, 4), ['accessToken', 'baseUrl', 'requestsPerSecond', 'requestsPerMinute']);
		assert.equal(cred.properties.find((p) => p.name === 'accessToken').typeOptions?.password, true);
	});

	it('registers the trigger as n8n-nodes-stora.storaTrigger: a trigger with the same credentials and one POST webhook', async () => {
		const res = await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie } });
		const nodes = await res.json();
		const triggers = nodes.filter((n) => n.name === 'n8n-nodes-stora.storaTrigger');
		assert.equal(triggers.length, 1, 'one Stora Trigger node type');
		const [node] = triggers;
		assert.equal(node.displayName, 'Stora Trigger');
		assert.deepEqual([].concat(node.version), [1]);
		assert.deepEqual(node.group, ['trigger']);
		assert.deepEqual(node.inputs, []);
		assert.deepEqual(node.outputs, ['main']);
		assert.deepEqual(node.credentials.map((c) => [c.name, c.required, c.displayOptions?.show?.authentication]), [
			['storaApi', true, ['accessToken']],
			['storaOAuth2Api', true, ['oAuth2']],
		]);
		assert.deepEqual(
			node.webhooks.map((w) => [w.name, w.httpMethod, w.path, w.responseMode]),
			[['default', 'POST', 'webhook', 'onReceived']],
		);
		assert.match(String(node.iconUrl?.light ?? node.iconUrl ?? node.icon), /stora/);
		const events = node.properties.find((p) => p.name === 'events');
		assert.equal(events.type, 'multiOptions');
		// The 13 event types of Stora's reference (catalogue §3.2), in the editor's alphabetical order.
		assert.deepEqual(events.options.map((o) => o.value), [
			'contact.churned',
			'contact.created',
			'contact.updated',
			'credit_note.created',
			'deal.lost',
			'deal.updated',
			'identity_verification.processing',
			'identity_verification.succeeded',
			'invoice.created',
			'invoice.paid',
			'order.created',
			'protection_level.created',
			'unit.updated',
		]);
		assert.deepEqual(
			node.properties.filter((p) => p.type !== 'notice').map((p) => p.name),
			['authentication', 'events', 'otherEventTypes', 'options'],
		);
		const options = node.properties.find((p) => p.name === 'options');
		assert.deepEqual(options.options.map((o) => [o.name, o.default]), [
			['output', 'event'],
			['signatureTolerance', 300],
		]);
	});

	it('registers the polling trigger as n8n-nodes-stora.storaPollingTrigger: a polling node with the same credentials, its events and n8n’s Poll Times', async () => {
		const res = await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie } });
		const nodes = await res.json();
		const found = nodes.filter((n) => n.name === 'n8n-nodes-stora.storaPollingTrigger');
		assert.equal(found.length, 1, 'one Stora Polling Trigger node type');
		const [node] = found;
		assert.equal(node.displayName, 'Stora Polling Trigger');
		assert.deepEqual([].concat(node.version), [1]);
		assert.equal(node.polling, true);
		assert.deepEqual(node.group, ['trigger']);
		assert.deepEqual(node.inputs, []);
		assert.deepEqual(node.outputs, ['main']);
		assert.equal(node.webhooks, undefined, 'nothing for Stora to reach');
		assert.deepEqual(node.credentials.map((c) => [c.name, c.displayOptions?.show?.authentication]), [
			['storaApi', ['accessToken']],
			['storaOAuth2Api', ['oAuth2']],
		]);
		assert.match(String(node.iconUrl?.light ?? node.iconUrl ?? node.icon), /stora/);
		const names = node.properties.map((p) => p.name);
		// n8n puts its Poll Times first for a polling node
		for (const name of ['pollTimes', 'authentication', 'event', 'orderStatus', 'lookBackDays', 'filters', 'options']) {
			assert.ok(names.includes(name), `a "${name}" parameter: ${names.join(', ')}`);
		}
		const event = node.properties.find((p) => p.name === 'event');
		assert.equal(event.default, 'orderCreated');
		assert.deepEqual(event.options.map((o) => o.value).sort(), ['contactCreated', 'contactUpdated', 'invoiceCreated', 'invoicePaid', 'orderCreated', 'orderStatus']);
		const status = node.properties.find((p) => p.name === 'orderStatus');
		assert.equal(status.default, 'completed');
		assert.deepEqual(status.options.map((o) => o.value).sort(), ['abandoned', 'completed', 'finalized']);
		const lookBack = node.properties.find((p) => p.name === 'lookBackDays');
		assert.equal(lookBack.default, 60);
		const options = node.properties.find((p) => p.name === 'options');
		assert.ok(options.options.some((o) => o.name === 'includeExistingSince'), 'Options → Include Existing Since');
	});

	it('the example workflows use only parameters and options the Stora node and the Stora triggers define', async () => {
		const res = await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie } });
		const types = await res.json();
		const node = types.find((n) => n.name === 'n8n-nodes-stora.stora');
		const trigger = types.find((n) => n.name === 'n8n-nodes-stora.storaTrigger');
		const polling = types.find((n) => n.name === 'n8n-nodes-stora.storaPollingTrigger');
		const problems = [];
		let checked = 0;
		const triggersSeen = [];
		const pollersSeen = [];
		for (const { file, workflow } of loadExamples()) {
			for (const n of workflow.nodes.filter((x) => x.type === 'n8n-nodes-stora.stora')) {
				checked++;
				// The Stora (action) node: examples 1-3 stay as saved with version 1, they prove its workflows still run;
				// 4-6 use version 2, and 7-12 version 3 (what a new node gets)
				assert.equal(n.typeVersion, /^[123]-/.test(file) ? 1 : /^([789]|1[0-2])-/.test(file) ? 3 : 2, `${file} / ${n.name}`);
				assert.ok(n.credentials?.storaApi, `${file} / ${n.name} uses a Stora API credential`);
				problems.push(...checkNodeParameters(node.properties, n.parameters, `${file} / ${n.name}: `, n.typeVersion));
			}
			for (const n of workflow.nodes.filter((x) => x.type === 'n8n-nodes-stora.storaTrigger')) {
				triggersSeen.push(`${file.split('-')[0]}:${n.parameters.events}`);
				assert.equal(n.typeVersion, 1, `${file} / ${n.name}`);
				assert.deepEqual(n.credentials, { storaApi: { id: STORA_CREDENTIAL_ID, name: STORA_CREDENTIAL_NAME } });
				assert.match(n.webhookId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a fixed webhookId: a stable production URL');
				problems.push(...checkNodeParameters(trigger.properties, n.parameters, `${file} / ${n.name}: `, n.typeVersion));
			}
			for (const n of workflow.nodes.filter((x) => x.type === 'n8n-nodes-stora.storaPollingTrigger')) {
				pollersSeen.push(`${file.split('-')[0]}:${n.parameters.event}:${n.parameters.orderStatus}`);
				assert.equal(n.typeVersion, 1, `${file} / ${n.name}`);
				assert.deepEqual(n.credentials, { storaApi: { id: STORA_CREDENTIAL_ID, name: STORA_CREDENTIAL_NAME } });
				problems.push(...checkNodeParameters(polling.properties, n.parameters, `${file} / ${n.name}: `, n.typeVersion));
			}
		}
		assert.equal(checked, 27, 'twenty-seven Stora nodes in the examples');
		assert.deepEqual(triggersSeen, ['6:order.created', '7:invoice.paid'], 'two Stora Triggers, in examples 6 and 7');
		assert.deepEqual(pollersSeen, ['12:orderStatus:completed'], 'one Stora Polling Trigger, in example 12');
		assert.deepEqual(problems, []);
		// the helper does catch a wrong event or parameter of the trigger
		assert.deepEqual(checkNodeParameters(trigger.properties, { events: ['order.paid'], output: 'event' }), [
			'events: "order.paid" is not an option',
			'output: no such parameter',
		]);
	});

	describe('credential test through n8n’s REST API (what "Test" in the credential dialog does)', () => {
		const test = (data) =>
			n8n.rest('POST', '/credentials/test', {
				credentials: {
					id: STORA_CREDENTIAL_ID,
					name: STORA_CREDENTIAL_NAME,
					type: 'storaApi',
					data: { baseUrl: sandbox.url, requestsPerSecond: 10, requestsPerMinute: 60, ...data },
				},
			});

		it('passes with the sandbox token, sending it as a Bearer token', async () => {
			sandbox.clearRequests();
			const result = await test({ accessToken: sandbox.token });
			assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' });
			assert.equal(sandbox.requests.length, 1);
			assert.equal(sandbox.requests[0].headers.authorization, `Bearer ${sandbox.token}`);
			assert.equal(sandbox.requests[0].status, 200);
		});

		it('fails with a clear message for a wrong token', async () => {
			sandbox.clearRequests();
			const result = await test({ accessToken: 'not-the-right-token' });
			assert.equal(result.status, 'Error');
			// n8n 2.8.4's own wording for a 401 from the test request.
			assert.equal(result.message, 'Authorization failed - please check your credentials');
			assert.ok(sandbox.requests.length >= 1);
			for (const r of sandbox.requests) {
				assert.equal(r.headers.authorization, 'Bearer not-the-right-token');
				assert.equal(r.status, 401);
			}
		});

		it('the stored "Stora sandbox" credential (as imported) passes too', async () => {
			// the editor sends the stored credential with its secret blanked; n8n fills it in from the DB
			sandbox.clearRequests();
			const result = await test({ accessToken: CREDENTIAL_BLANKING_VALUE });
			assert.equal(sandbox.requests[0]?.headers.authorization, `Bearer ${sandbox.token}`);
			assert.equal(result.status, 'OK', JSON.stringify(result));
		});
	});

	it('loads n8n’s own n8n-workflow: a failed activation shows the NodeApiError’s description (n8n’s instanceof holds)', async () => {
		// n8n 2.8.4 (workflow.service.js) answers a failed activation with `error.description` only when
		// `error instanceof NodeApiError` of its own n8n-workflow; otherwise with the bare message
		const wf = await n8n.rest('GET', `/workflows/${NO_SCOPE_TRIGGER_ID}`);
		const res = await n8n.rest('POST', `/workflows/${NO_SCOPE_TRIGGER_ID}/activate`, { versionId: wf.versionId }, { raw: true });
		assert.equal(res.status, 400, JSON.stringify(res.body));
		// the scope advice is in the description of the node's 403 error, never in its message
		assert.match(res.body.message, /public\.webhook_endpoint:read/, JSON.stringify(res.body));
		const installed = path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-stora');
		assert.ok(!fs.lstatSync(installed).isSymbolicLink(), 'installed, not linked');
		assert.ok(!fs.existsSync(path.join(installed, 'node_modules', 'n8n-workflow')), 'the installed package has no n8n-workflow of its own');
	});

	it('"On Error: Continue (using error output)": bad items go to the error output, good ones to the success output', async () => {
		sandbox.clearRequests();
		const { run, stderr } = await n8n.execute(COF_ID);
		assert.equal(run.status, 'success', `execution failed: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`);

		const found = nodeOutput(run, 'Get order', 0);
		const failed = nodeOutput(run, 'Get order', 1);
		assert.deepEqual(found.map((o) => o.id), [SEED.orders.draftReady, SEED.orders.finalized]);
		assert.equal(failed.length, 2);
		assert.deepEqual(nodeOutput(run, 'Found').map((o) => o.id), [SEED.orders.draftReady, SEED.orders.finalized]);
		assert.equal(nodeOutput(run, 'Failed').length, 2);
		// the error text, whether the node puts it in json.error as a string or as { message, … }
		const message = (json) => (typeof json.error === 'string' ? json.error : json.error?.message);
		assert.match(message(failed[0]), /not found/i, JSON.stringify(failed[0]));
		assert.match(message(failed[1]), /not-an-order-id/, JSON.stringify(failed[1]));

		// the error items still point at the input items they came from
		const runData = run.data.resultData.runData['Get order'][0].data.main;
		assert.deepEqual(runData[1].map((i) => i.pairedItem), [{ item: 1 }, { item: 2 }]);

		// the malformed ID was refused before sending; the other three were requested once each
		assert.deepEqual(
			sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
			[
				`GET /2025-09/orders/${SEED.orders.draftReady} 200`,
				`GET /2025-09/orders/${MISSING_ORDER} 404`,
				`GET /2025-09/orders/${SEED.orders.finalized} 200`,
			],
		);
	});
});
