/**
 * The Stora OAuth2 API credential (client credentials) through n8n-core's engine: the token is
 * fetched with Stora's JSON body, reused, renewed before it expires or when Stora refuses it,
 * and a wrong secret or scope says which half failed.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeListSearchResult,
	NodeApiError,
} from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { callNodeMethod, runWorkflow, storaNode } from '../helpers/engine';
import type { LoggedRequest } from './sandbox';
import { FAST_LIMITS } from './sandbox';
import { sandboxPerFile } from '../helpers/sandbox';

const ORDER_SCOPES = ['public.order:read', 'public.order:write', 'public.contact:read'];
const box = sandboxPerFile({
	seedOrders: false,
	oauthTokenTtlSeconds: 2,
	oauthClients: {},
	tokens: { 'read-only-token-4e1': ['public.order:read'] },
});

/**
 * Each test has an OAuth client of its own, as a fresh n8n process would (the node keeps each
 * client's newest token for the process). Stora revokes a client's earlier tokens when it issues
 * a new one: a second token request where one should do shows as a 401.
 */
let client = { clientId: '', clientSecret: '' };
let clients = 0;
beforeEach(() => {
	clients++;
	client = { clientId: `n8n-app-${clients}`, clientSecret: `app-secret-${clients}-5f2c` };
	box.sb.oauth.clients[client.clientId] = {
		secret: client.clientSecret,
		scopes: ORDER_SCOPES,
		revokeEarlier: true,
	};
});
afterEach(() => box.sb.oauth.failNext({ times: 0 }));

const credentials = (data: ICredentialDataDecryptedObject = {}) => ({
	storaOAuth2Api: {
		...client,
		scope: 'public.order:read public.order:write',
		baseUrl: box.sb.url,
		oauthAccessToken: '',
		expiresAt: 0,
		...FAST_LIMITS,
		...data,
	},
});
const oauthNode = (parameters: INode['parameters'], typeVersion = 1) =>
	storaNode(
		{ authentication: 'oAuth2', ...parameters },
		{ typeVersion, credentials: { storaOAuth2Api: { id: '7', name: 'Stora OAuth2' } } },
	);
const requests = () => box.sb.requests as LoggedRequest[];
const tokenRequests = () => requests().filter((request) => request.path === '/oauth2/token');
const apiRequests = () => requests().filter((request) => request.path.startsWith('/2025-09/'));
const getMany = { resource: 'order', operation: 'getAll', returnAll: true };

/** Ten orders got by ID, all ten items under way at once (Options → In Flight 10). */
function getTenAtOnce(options: IDataObject = {}) {
	const ids = Array.from({ length: 10 }, () => String(box.sb.addOrder({}).id));
	return {
		nodes: [
			oauthNode(
				{
					resource: 'order',
					operation: 'get',
					orderId: '={{ $json.id }}',
					simplify: false,
					options: { inFlight: 10, ...options },
				},
				2,
			),
		],
		inputItems: ids.map((id) => ({ json: { id } })),
	};
}

describe('Stora OAuth2 API credential', () => {
	it('fetches a token with Stora’s JSON body, once, and sends it as a Bearer token', async () => {
		for (let i = 0; i < 250; i++) box.sb.addOrder({ created_at: Date.now() - i * 1000 });
		const result = await runWorkflow({ nodes: [oauthNode(getMany)], credentials: credentials() });
		expect(result.status).toBe('success');
		expect(result.json('Stora')).toHaveLength(250);
		expect(
			tokenRequests().map((request) => [request.headers['content-type'], request.body]),
		).toEqual([
			[
				expect.stringMatching(/^application\/json/),
				{
					grant_type: 'client_credentials',
					client_id: client.clientId,
					client_secret: client.clientSecret,
					scope: 'public.order:read public.order:write',
				},
			],
		]);
		const token = box.sb.oauth.issued[0];
		expect(apiRequests()).toHaveLength(3);
		expect(
			apiRequests().every((request) => request.headers.authorization === `Bearer ${token}`),
		).toBe(true);
		// n8n stores the token with the credential (the harness keeps what n8n would save).
		expect(result.credentials.data.storaOAuth2Api.oauthAccessToken).toBe(token);
	});

	it('a run that outlives its token renews it before it expires: one new token, no 401', async () => {
		// One request a second; the token lives 2 s and is renewed a tenth of that early.
		const result = await runWorkflow({
			nodes: [
				oauthNode({
					resource: 'order',
					operation: 'create',
					siteId: SEED.sites.camden,
					contact: { email: '={{ $json.email }}' },
				}),
			],
			inputItems: [1, 2, 3].map((n) => ({ json: { email: `renew${n}@example.com` } })),
			credentials: credentials({ requestsPerSecond: 1 }),
		});
		expect(result.status).toBe('success');
		expect(tokenRequests()).toHaveLength(2);
		expect(apiRequests().map((request) => request.status)).toEqual([201, 201, 201]);
	});

	it('a token Stora refuses (expired while a request waited) is replaced once, and the request sent again', async () => {
		box.sb.faults.add({ method: 'GET', path: '/2025-09/orders', type: 'delay', delayMs: 2100 });
		const result = await runWorkflow({
			nodes: [oauthNode({ resource: 'order', operation: 'getAll', limit: 5 })],
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		expect(tokenRequests()).toHaveLength(2);
		expect(apiRequests().map((request) => request.status)).toEqual([401, 200]);
		const [first, second] = box.sb.oauth.issued.slice(-2);
		expect(apiRequests()[1].headers.authorization).toBe(`Bearer ${second}`);
		expect(first).not.toBe(second);
	});

	it('the editor’s order search uses the OAuth2 credential too', async () => {
		box.sb.addOrder({});
		const found = await callNodeMethod<INodeListSearchResult>('listSearch', 'searchOrders', {
			parameters: { authentication: 'oAuth2' },
			credentials: credentials(),
			node: { credentials: { storaOAuth2Api: { id: '7', name: 'Stora OAuth2' } } },
		});
		expect(found.results).toHaveLength(1);
		expect(tokenRequests()).toHaveLength(1);
	});

	it('a wrong client secret: a clear error naming the client, nothing sent to the API', async () => {
		const result = await runWorkflow({
			nodes: [oauthNode(getMany)],
			credentials: credentials({ clientSecret: 'wrong-secret-91' }),
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Stora')?.message).toBe(
			'Could not get an access token from Stora: Stora refused the client ID or client secret: Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
		);
		expect(apiRequests()).toHaveLength(0);
	});

	it('a scope the application may not have: an error naming the scopes', async () => {
		const result = await runWorkflow({
			nodes: [oauthNode(getMany)],
			credentials: credentials({ scope: 'public.order:read public.webhook_endpoint:write' }),
		});
		expect(result.nodeError('Stora')?.message).toMatch(
			/^Could not get an access token from Stora: Stora refused the scopes asked for .*public\.webhook_endpoint:write/,
		);
	});

	it('a token without a scope the operation needs: Stora’s 403 with what to do', async () => {
		const result = await runWorkflow({
			nodes: [oauthNode({ resource: 'order', operation: 'create', siteId: SEED.sites.camden })],
			credentials: credentials({ scope: 'public.order:read' }),
		});
		const error = result.nodeError('Stora') as NodeApiError;
		expect(error.message).toBe('The access token is not allowed to do this');
		// It speaks of the credential in use: its Scopes field, not an access token's.
		expect(error.description).toContain('Scopes field of the Stora OAuth2 API credential');
		expect(error.description).not.toMatch(/Edit the token’s scopes|Stora API credential/);
	});

	it('a plain-http Base URL to another host: refused before the secret is sent anywhere', async () => {
		const result = await runWorkflow({
			nodes: [oauthNode(getMany)],
			credentials: credentials({ baseUrl: 'http://stora.example.com' }),
		});
		expect(result.nodeError('Stora')?.message).toBe('The Base URL must use https://');
		expect(tokenRequests()).toHaveLength(0);
	});

	it('the client secret and the tokens appear in no output or error (the token scan checks every run)', async () => {
		const result = await runWorkflow({
			nodes: [oauthNode(getMany)],
			credentials: credentials({ clientSecret: 'wrong-secret-91' }),
		});
		expect(JSON.stringify(result.run)).not.toContain('wrong-secret-91');
	});

	describe('one token request at a time per OAuth client', () => {
		it('ten items in flight without a token: one token request, one token for all ten', async () => {
			// A Stora that revokes a client's earlier tokens would refuse all but the last of ten.
			const result = await runWorkflow({
				...getTenAtOnce(),
				credentials: credentials(),
			});
			expect(result.status).toBe('success');
			expect(result.json('Stora')).toHaveLength(10);
			expect(tokenRequests()).toHaveLength(1);
			expect(apiRequests().map((request) => request.status)).toEqual(Array(10).fill(200));
			expect(new Set(apiRequests().map((request) => request.headers.authorization)).size).toBe(1);
		});

		it('two executions at once on the same client share one token request', async () => {
			const [first, second] = await Promise.all([
				runWorkflow({ ...getTenAtOnce(), credentials: credentials() }),
				runWorkflow({ ...getTenAtOnce(), credentials: credentials() }),
			]);
			expect([first.status, second.status]).toEqual(['success', 'success']);
			expect(tokenRequests()).toHaveLength(1);
			expect(apiRequests().map((request) => request.status)).toEqual(Array(20).fill(200));
		});

		it('ten items refused with a wrong secret: one token request, ten refusals', async () => {
			const result = await runWorkflow({
				...getTenAtOnce(),
				credentials: credentials({ clientSecret: 'wrong-secret-91' }),
			});
			expect(tokenRequests()).toHaveLength(1);
			expect(apiRequests()).toHaveLength(0);
			expect(result.status).toBe('error');
		});
	});

	describe('an outage of Stora’s token service is not a refused secret', () => {
		it('a 500 from the token endpoint, then a token: retried, the run succeeds', async () => {
			box.sb.oauth.failNext({ status: 500, times: 1 });
			const result = await runWorkflow({ nodes: [oauthNode(getMany)], credentials: credentials() });
			expect(result.status).toBe('success');
			expect(tokenRequests().map((request) => request.status)).toEqual([500, 200]);
		});

		it('a dropped connection to the token endpoint, then a token: retried, the run succeeds', async () => {
			box.sb.faults.add({ path: '/oauth2/token', type: 'reset' });
			const result = await runWorkflow({ nodes: [oauthNode(getMany)], credentials: credentials() });
			expect(result.status).toBe('success');
			expect(tokenRequests()).toHaveLength(2);
		});

		it('a persistent 500: retried within Max Retries, then “unavailable”, no advice to change the secret', async () => {
			box.sb.oauth.failNext({ status: 503, times: 100 });
			const result = await runWorkflow({
				nodes: [oauthNode({ ...getMany, options: { maxRetries: 2 } })],
				credentials: credentials(),
			});
			expect(result.status).toBe('error');
			expect(tokenRequests()).toHaveLength(3);
			expect(apiRequests()).toHaveLength(0);
			const error = result.nodeError('Stora') as NodeApiError;
			expect(error.message).toBe('Stora’s token service is unavailable');
			expect(error.description).toContain('HTTP 503');
			expect(error.description).toContain('3 attempts');
			expect(`${error.message}\n${error.description}`).not.toMatch(/refused|Client Secret/);
		});

		it('invalid_client is a refusal whether Stora answers it with 400 or 401', async () => {
			box.sb.oauth.failNext({ status: 400, error: 'invalid_client' });
			const result = await runWorkflow({ nodes: [oauthNode(getMany)], credentials: credentials() });
			expect(result.nodeError('Stora')?.message).toMatch(
				/^Could not get an access token from Stora: Stora refused the client ID or client secret/,
			);
			expect(tokenRequests()).toHaveLength(1);
		});

		it('another 400 from the token endpoint is not blamed on the client ID or secret', async () => {
			box.sb.oauth.failNext({ status: 400, error: 'invalid_request' });
			const result = await runWorkflow({ nodes: [oauthNode(getMany)], credentials: credentials() });
			const error = result.nodeError('Stora') as NodeApiError;
			expect(error.message).toMatch(/^Could not get an access token from Stora: .*invalid_request/);
			expect(`${error.message}\n${error.description}`).not.toMatch(/client ID or client secret/i);
			expect(tokenRequests()).toHaveLength(1);
		});
	});

	it('a 401 that a new token does not cure speaks of the OAuth2 credential, not of an access token to generate', async () => {
		box.sb.faults.add({
			method: 'GET',
			path: '/2025-09/orders',
			type: 'status',
			status: 401,
			times: 2,
			body: {
				error: { code: 'invalid_token', message: 'The access token is invalid or has expired.' },
			},
		});
		const result = await runWorkflow({
			nodes: [oauthNode({ resource: 'order', operation: 'getAll', limit: 5 })],
			credentials: credentials(),
		});
		const error = result.nodeError('Stora') as NodeApiError;
		expect(error.httpCode).toBe('401');
		expect(tokenRequests()).toHaveLength(2);
		expect(error.description).toContain('Stora OAuth2 API credential');
		expect(error.description).not.toMatch(/Access Token|Generate a new one/);
	});

	it('a later execution of this process takes the newest token of the client instead of asking again', async () => {
		const first = await runWorkflow({ nodes: [oauthNode(getMany)], credentials: credentials() });
		// A credential read before the first execution stored its token.
		const second = await runWorkflow({ nodes: [oauthNode(getMany)], credentials: credentials() });
		expect([first.status, second.status]).toEqual(['success', 'success']);
		expect(tokenRequests()).toHaveLength(1);
	});

	it('a token asked for other scopes than the Scopes field now holds is replaced before it is used', async () => {
		const before = await runWorkflow({
			nodes: [oauthNode(getMany)],
			credentials: credentials({ scope: 'public.order:read' }),
		});
		// The user adds public.order:write to Scopes; the stored token still has only read.
		const stored = before.credentials.data.storaOAuth2Api as ICredentialDataDecryptedObject;
		const result = await runWorkflow({
			nodes: [oauthNode({ resource: 'order', operation: 'create', siteId: SEED.sites.camden })],
			credentials: { storaOAuth2Api: { ...stored, scope: 'public.order:read public.order:write' } },
		});
		expect(result.status).toBe('success');
		expect(tokenRequests().map((request) => (request.body as IDataObject).scope)).toEqual([
			'public.order:read',
			'public.order:read public.order:write',
		]);
	});

	it('ten items whose stored token Stora revoked: one renewal, every item sent again with it', async () => {
		const before = await runWorkflow({ nodes: [oauthNode(getMany)], credentials: credentials() });
		const stored = before.credentials.data.storaOAuth2Api as ICredentialDataDecryptedObject;
		// Another holder of the client gets a token: Stora revokes the stored one.
		await fetch(`${box.sb.url}/oauth2/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credentials',
				client_id: client.clientId,
				client_secret: client.clientSecret,
			}),
		});
		box.sb.clearRequests();
		const result = await runWorkflow({
			...getTenAtOnce(),
			credentials: { storaOAuth2Api: stored },
		});
		expect(result.status).toBe('success');
		expect(tokenRequests()).toHaveLength(1);
		const statuses = apiRequests().map((request) => request.status);
		expect(statuses.filter((status) => status === 401)).toHaveLength(10);
		expect(statuses.filter((status) => status === 200)).toHaveLength(10);
	});

	it.each([
		['a 401', 'not-a-token-77', 'Generate a new one in Stora BackOffice'],
		['a 403', 'read-only-token-4e1', 'Edit the token’s scopes in Stora BackOffice'],
	])(
		'with the Access Token credential, %s speaks of the access token as before',
		async (_, token, advice) => {
			const result = await runWorkflow({
				nodes: [storaNode({ resource: 'order', operation: 'create', siteId: SEED.sites.camden })],
				credentials: { storaApi: { accessToken: token, baseUrl: box.sb.url, ...FAST_LIMITS } },
			});
			const error = result.nodeError('Stora') as NodeApiError;
			expect(error.description).toContain(advice);
			expect(error.description).not.toContain('OAuth2');
		},
	);
});
