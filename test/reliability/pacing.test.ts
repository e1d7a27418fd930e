/**
 * Stora's default limits are 10 requests per second and 60 per minute, per token. A workflow
 * that needs more requests than that must wait, not fail. This run needs 76 requests (two
 * nodes, many items, many pages), so it has to cross a minute window: about a minute long.
 */
import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { useSandbox } from '../engine/sandbox';

const t = useSandbox({ seedOrders: false, rateLimit: { perSecond: 10, perMinute: 60 } });

it('76 requests from two nodes at Stora’s default limits: all succeed, none answered 429', async () => {
	const start = Date.parse('2026-01-01T00:00:00Z');
	for (let i = 0; i < 4470; i++) {
		t.sandbox.addOrder({ created_at: start + i * 1000, metadata: { n: String(i) } });
	}
	const result = await t.run(
		{
			resource: 'order',
			operation: 'create',
			siteId: SEED.sites.camden,
			contact: { email: '={{ $json.email }}' },
		},
		{
			inputItems: items(
				...Array.from({ length: 30 }, (_, i) => ({ email: `pace${i}@example.com` })),
			),
			credentials: { requestsPerSecond: 10, requestsPerMinute: 60 },
			extraNodes: [
				{
					name: 'List',
					type: 'n8n-nodes-stora.stora',
					credentials: { storaApi: { id: '1', name: 'Stora' } },
					executeOnce: true,
					parameters: { resource: 'order', operation: 'getAll', returnAll: true },
				},
			],
			connections: { Stora: { main: [[{ node: 'List', type: 'main', index: 0 }]] } },
		},
	);

	expect(result.status).toBe('success');
	expect(result.json('Stora')).toHaveLength(30);
	expect(result.json('List')).toHaveLength(4500);
	// 4,500 orders on a created_at cursor: each page after the first asks for the second of the
	// oldest order seen again, so 46 pages of 100 (ceil(4,500 / 100) plus one).
	expect(t.requests()).toHaveLength(30 + 46);
	expect(
		t.requests().filter((request) => request.status !== 200 && request.status !== 201),
	).toEqual([]);
}, 180_000);
