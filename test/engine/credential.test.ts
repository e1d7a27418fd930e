import { SEED } from '../../sandbox';
import { testCredentials } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox({ tokens: { 'contacts-only': ['public.contact:read'] } });

describe('Stora API credential', () => {
	it('passes the credential test with a good token: GET /2025-09/orders?limit=1', async () => {
		const result = await testCredentials('storaApi', t.credentials);
		expect(result.status).toBe('OK');
		expect(t.requests()).toHaveLength(1);
		expect(t.requests()[0]).toMatchObject({
			method: 'GET',
			path: '/2025-09/orders',
			query: { limit: '1' },
			status: 200,
		});
		expect(t.requests()[0].headers.authorization).toBe(`Bearer ${t.sandbox.token}`);
	});

	it('fails the credential test with a bad token', async () => {
		const result = await testCredentials('storaApi', {
			...t.credentials,
			accessToken: 'not-a-token',
		});
		expect(result.status).toBe('Error');
		expect(t.requests()[0].status).toBe(401);
	});

	it('fails the credential test for a token without the order read scope', async () => {
		const result = await testCredentials('storaApi', {
			...t.credentials,
			accessToken: 'contacts-only',
		});
		expect(result.status).toBe('Error');
		expect(t.requests()[0].status).toBe(403);
	});

	it('never sends the token over plain http to another host: the test fails without reaching it', async () => {
		const result = await testCredentials('storaApi', {
			...t.credentials,
			baseUrl: t.sandbox.url.replace('127.0.0.1', 'stora-sandbox.example'),
		});
		expect(result.status).toBe('Error');
		expect(t.requests()).toEqual([]);
	});

	it('refuses a non-loopback http:// Base URL in the node before any request', async () => {
		const result = await t.run(
			{ resource: 'order', operation: 'getAll', limit: 1 },
			{ credentials: { baseUrl: 'http://public-api.stora.co' } },
		);
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as { message: string; description: string };
		expect(error.message).toBe('The Base URL must use https://');
		expect(error.description).toContain('plain http is accepted only for localhost');
		expect(t.requests()).toEqual([]);
	});

	it('accepts the Base URL with a trailing slash', async () => {
		const result = await t.run(
			{
				resource: 'order',
				operation: 'get',
				orderId: { __rl: true, mode: 'id', value: SEED.orders.finalized },
			},
			{ credentials: { baseUrl: `${t.sandbox.url}/` } },
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].path).toBe(`/2025-09/orders/${SEED.orders.finalized}`);
	});
});
