/**
 * In Flight against a Stora whose limit is lower than the credential says: the 429s that follow
 * stop every request on the token until the reset, and every item still lands exactly once.
 */
import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox({ seedOrders: false, rateLimit: { perSecond: 3, perMinute: 1000 } });

it('Creates with 4 in flight over a too-high credential limit: each order once, none failed', async () => {
	const emails = Array.from({ length: 9 }, (_, n) => ({ email: `limited${n}@example.com` }));
	const result = await t.run(
		{
			resource: 'order',
			operation: 'create',
			siteId: { __rl: true, mode: 'id', value: SEED.sites.camden },
			contact: { email: '={{ $json.email }}' },
			options: { inFlight: 4 },
		},
		{
			node: { typeVersion: 2 },
			inputItems: items(...emails),
			credentials: { requestsPerSecond: 20, requestsPerMinute: 1000 },
		},
	);
	expect(result.status).toBe('success');
	const statuses = t.requests().map((request) => request.status);
	expect(statuses).toContain(429);
	expect(statuses.filter((status) => status === 201)).toHaveLength(9);
	expect(t.sandbox.listOrders()).toHaveLength(9);
	expect(result.json('Stora').map((order) => order.contact_id)).toHaveLength(9);
	// After the first 429, the token's next request waits for the reset: no second 429 burst.
	const first429 = statuses.indexOf(429);
	const burst = statuses.slice(first429).findIndex((status) => status !== 429);
	expect(burst).toBeLessThanOrEqual(4);
});
