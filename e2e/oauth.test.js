'use strict';
/**
 * The Stora OAuth2 API credential (client credentials) in a real n8n 2.8.4: n8n's credential test
 * fetches a token and lists one order (and says which half failed for a wrong secret); a workflow
 * with Authentication "OAuth2" gets its token once, n8n stores it with the credential so the next
 * execution reuses it, and a run after the token's lifetime works with exactly one new token.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startStack, stopStack } = require('./lib/stack');
const { nodeOutput } = require('./lib/n8n');
const { getFreePort } = require('./lib/ports');

const CRED_ID = 'storaOAuthCred01';
const CRED_NAME = 'Stora OAuth2 sandbox';
const WF_ID = 'storaOAuthList01';
const CLIENT = { id: 'e2e-client', secret: 'e2e-secret-7d41' };
// Long enough that two `n8n execute` processes on a loaded machine fall inside one lifetime.
const TTL_SECONDS = 15;

function oauthCredential(baseUrl, data = {}) {
	return {
		id: CRED_ID,
		name: CRED_NAME,
		type: 'storaOAuth2Api',
		data: {
			clientId: CLIENT.id,
			clientSecret: CLIENT.secret,
			scope: 'public.order:read public.order:write',
			baseUrl,
			requestsPerSecond: 10,
			requestsPerMinute: 600,
			...data,
		},
	};
}

const listWorkflow = {
	id: WF_ID,
	name: 'e2e: Get Many with OAuth2',
	active: false,
	nodes: [
		{
			id: 'a1b2c3d4-0000-4000-8000-000000000001',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a1b2c3d4-0000-4000-8000-000000000002',
			name: 'List orders',
			type: 'n8n-nodes-stora.stora',
			typeVersion: 1,
			position: [220, 0],
			parameters: { authentication: 'oAuth2', resource: 'order', operation: 'getAll', limit: 5 },
			credentials: { storaOAuth2Api: { id: CRED_ID, name: CRED_NAME } },
		},
	],
	connections: { Start: { main: [[{ node: 'List orders', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	pinData: {},
};

describe('the Stora OAuth2 API credential in a real n8n', { timeout: 300_000 }, () => {
	let stack;
	let sandbox;
	let n8n;
	/** Everything n8n printed or answered: no client secret or token may appear in it. */
	const seen = [];
	const assertNoSecret = () => {
		const text = seen.join('\n');
		for (const secret of [CLIENT.secret, 'not-the-secret-3c', ...sandbox.oauth.issued]) {
			assert.ok(!text.includes(secret), `a secret appears in n8n's output or log: ${secret.slice(0, 6)}…`);
		}
	};
	const tokenRequests = () => sandbox.requests.filter((r) => r.path === '/oauth2/token');
	const apiRequests = () => sandbox.requests.filter((r) => r.path.startsWith('/2025-09/'));

	before(async () => {
		// The credential holds the sandbox's URL, so the sandbox's port is chosen first.
		const port = await getFreePort();
		stack = await startStack({
			name: 'oauth',
			sandbox: {
				port,
				oauthTokenTtlSeconds: TTL_SECONDS,
				oauthClients: { [CLIENT.id]: { secret: CLIENT.secret, scopes: ['public.order:read', 'public.order:write'] } },
			},
			extraCredentials: [oauthCredential(`http://127.0.0.1:${port}`)],
			extraWorkflows: [listWorkflow],
			onLog: (entry) => seen.push(JSON.stringify(entry)),
		});
		({ sandbox, n8n } = stack);
	}, { timeout: 180_000 });

	after(async () => {
		await stopStack(stack);
	});

	// First, while the imported credential holds no token yet (the credential test stores one too).
	describe('a workflow with Authentication: OAuth2', () => {
		it('gets its token once; n8n stores it, so the next execution reuses it', async () => {
			sandbox.clearRequests();
			const issuedBefore = sandbox.oauth.issued.length;
			const first = await n8n.execute(WF_ID);
			assert.equal(first.run.status, 'success', JSON.stringify(first.run.data.resultData.error));
			assert.equal(nodeOutput(first.run, 'List orders').length, 5);
			const second = await n8n.execute(WF_ID);
			assert.equal(second.run.status, 'success', JSON.stringify(second.run.data.resultData.error));
			seen.push(first.stdout, first.stderr, second.stdout, second.stderr);
			assert.equal(tokenRequests().length, 1);
			const token = sandbox.oauth.issued[issuedBefore];
			assert.deepEqual(apiRequests().map((r) => [r.status, r.headers.authorization]), [
				[200, `Bearer ${token}`],
				[200, `Bearer ${token}`],
			]);
		});

		it('after the token’s lifetime, keeps working with exactly one new token', async () => {
			await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000));
			sandbox.clearRequests();
			const later = await n8n.execute(WF_ID);
			assert.equal(later.run.status, 'success', JSON.stringify(later.run.data.resultData.error));
			seen.push(later.stdout, later.stderr);
			assert.equal(tokenRequests().length, 1);
			assert.deepEqual(apiRequests().map((r) => r.status), [200]);
			assert.equal(apiRequests()[0].headers.authorization, `Bearer ${sandbox.oauth.issued.at(-1)}`);
		});
	});

	describe('n8n’s credential test (REST, what "Test" in the dialog does)', () => {
		const test = (data) =>
			n8n.rest('POST', '/credentials/test', {
				credentials: { id: CRED_ID, name: CRED_NAME, type: 'storaOAuth2Api', data: oauthCredential(sandbox.url, data).data },
			});

		it('passes: a token from the JSON token request, then one order listed with it', async () => {
			sandbox.clearRequests();
			const result = await test({});
			assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' });
			assert.deepEqual(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`), [
				'POST /oauth2/token 200',
				'GET /2025-09/orders 200',
			]);
			assert.match(sandbox.requests[0].headers['content-type'], /^application\/json/);
			assert.equal(sandbox.requests[0].body.grant_type, 'client_credentials');
			assert.equal(sandbox.requests[1].headers.authorization, `Bearer ${sandbox.oauth.issued.at(-1)}`);
		});

		it('fails for a wrong secret, saying the client ID or secret was refused, and lists nothing', async () => {
			sandbox.clearRequests();
			const result = await test({ clientSecret: 'not-the-secret-3c' });
			assert.equal(result.status, 'Error');
			assert.match(result.message, /Stora refused the client ID or client secret/);
			assert.ok(!result.message.includes('not-the-secret-3c'));
			assert.equal(apiRequests().length, 0);
			seen.push(JSON.stringify(result));
		});

		it('no client secret or token appears in any execution output, answer or n8n log line', () => {
			assertNoSecret();
			assert.ok(seen.length > 10, `${seen.length} pieces of output searched`);
		});
	});
});
