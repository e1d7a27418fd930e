/**
 * Orders are money: under rate limits, dropped connections, slow answers and server errors, a
 * workflow must create each order exactly once and list each order exactly once.
 */
import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { FAST_LIMITS, useSandbox } from '../engine/sandbox';

// An injected 429 advertises the plan the credential is set to; a lower RateLimit-Limit would slow
// the pacer down to it, as it should against Stora.
const planLimit = { 'RateLimit-Limit': String(FAST_LIMITS.requestsPerSecond) };

const createParameters = {
	resource: 'order',
	operation: 'create',
	siteId: SEED.sites.camden,
	contact: { email: '={{ $json.email }}' },
	lineItems: {
		lineItem: [{ type: 'unit_type', unitTypeId: SEED.unitTypes.camdenSmall, quantity: 1 }],
	},
	additionalFields: {
		metadata: { metadataValues: [{ key: 'external_id', value: '={{ $json.ref }}' }] },
	},
	// Short timeouts so that slow answers are abandoned and retried quickly.
	options: { timeoutSeconds: 1, maxRetries: 8 },
};

const bookings = (count: number) =>
	items(
		...Array.from({ length: count }, (_, i) => ({
			email: `customer${i}@example.com`,
			ref: `ref-${i}`,
		})),
	);

function externalIds(orders: Array<Record<string, unknown>>): string[] {
	return orders.map((order) => (order.metadata as Record<string, string>).external_id);
}

describe('Create under faults', () => {
	const t = useSandbox({ seedOrders: false });

	it('300 items through 429s, resets and slow answers: exactly 300 orders, none duplicated, all paired', async () => {
		const post = { method: 'POST', path: '/2025-09/orders' } as const;
		// Spread over the run (every Nth request), several kinds overlapping on some requests.
		t.sandbox.faults.add({ ...post, type: 'status', status: 429, every: 17, times: 15, headers: planLimit });
		t.sandbox.faults.add({ ...post, type: 'reset', every: 23, times: 10 });
		t.sandbox.faults.add({ ...post, type: 'reset', afterProcessing: true, every: 13, times: 20 });
		t.sandbox.faults.add({
			...post,
			type: 'delay',
			delayMs: 1500,
			afterProcessing: true,
			every: 61,
			times: 4,
		});
		t.sandbox.faults.add({ ...post, type: 'delay', delayMs: 1500, every: 97, times: 2 });
		t.sandbox.faults.add({
			...post,
			type: 'malformed',
			afterProcessing: true,
			every: 29,
			times: 8,
		});

		const result = await t.run(createParameters, { inputItems: bookings(300) });
		await t.sandbox.idle();

		expect(result.status).toBe('success');
		const output = result.output('Stora');
		expect(output).toHaveLength(300);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect((item.json.metadata as Record<string, string>).external_id).toBe(`ref-${index}`);
		});
		const stored = t.sandbox.listOrders();
		expect(stored).toHaveLength(300);
		expect(new Set(externalIds(stored)).size).toBe(300);
		expect(t.sandbox.faults.pending()).toEqual([]);
		expect(t.sandbox.internalErrors).toEqual([]);
		// Every retry reused its item's key: one key per item, never a second order for a key.
		const keys = new Set(t.requests().map((request) => request.idempotencyKey));
		expect(keys.size).toBe(300);
	}, 240_000);

	it('500s: no order is duplicated, and each failed item reports its key and request ID', async () => {
		// Stora stores a 500 against the request's key and replays it: the first two items get one.
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'status',
			status: 500,
			times: 2,
		});
		const result = await t.run(createParameters, {
			inputItems: bookings(10),
			node: { onError: 'continueRegularOutput' },
		});

		expect(result.status).toBe('success');
		const output = result.json('Stora');
		expect(output).toHaveLength(10);
		const keys = [...new Set(t.requests().map((request) => request.idempotencyKey))].slice(0, 2);
		output.slice(0, 2).forEach((failed, index) => {
			expect(failed.error).toEqual({
				message: 'An unexpected internal error occurred.',
				description: expect.stringMatching(
					/may or may not have been created[\s\S]*Idempotency key: n8n-create-/,
				),
				httpCode: '500',
				requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				idempotencyKey: keys[index],
				problems: [],
			});
		});
		expect(externalIds(output.slice(2))).toEqual(
			Array.from({ length: 8 }, (_, i) => `ref-${i + 2}`),
		);
		const stored = t.sandbox.listOrders();
		expect(externalIds(stored).sort()).toEqual(
			Array.from({ length: 8 }, (_, i) => `ref-${i + 2}`).sort(),
		);
		// A failed item was retried once under its own key, saw the same stored error, and stopped:
		// never a new key, never a third attempt.
		for (const key of keys) {
			const attempts = t.requests().filter((request) => request.idempotencyKey === key);
			expect(attempts.map((request) => [request.status, request.replayed])).toEqual([
				[500, false],
				[500, true],
			]);
		}
	});
});

describe('Create under faults with Stora’s rate limiter on', () => {
	const t = useSandbox({ seedOrders: false, rateLimit: { perSecond: 25, perMinute: 1000 } });

	it('300 items: paced under the limit, resets survived, exactly 300 orders', async () => {
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'reset',
			afterProcessing: true,
			every: 19,
			times: 10,
		});
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'reset',
			every: 31,
			times: 8,
		});
		const result = await t.run(createParameters, {
			inputItems: bookings(300),
			credentials: { requestsPerSecond: 25, requestsPerMinute: 1000 },
		});
		await t.sandbox.idle();
		expect(result.status).toBe('success');
		expect(result.output('Stora').map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 300 }, (_, item) => ({ item })),
		);
		const stored = t.sandbox.listOrders();
		expect(new Set(externalIds(stored)).size).toBe(300);
		expect(stored).toHaveLength(300);
		expect(t.requests().filter((request) => request.status === 429)).toEqual([]);
	}, 120_000);
});

describe('Get Many under faults', () => {
	const t = useSandbox({ seedOrders: false });

	it('2,500 orders through 429s, resets, 500s, slow and unreadable pages: each order once, in order', async () => {
		for (let i = 0; i < 2500; i++) {
			t.sandbox.addOrder({
				created_at: Date.parse('2026-01-01T00:00:00Z') + i * 1000,
				metadata: { n: String(i) },
			});
		}
		const get = { method: 'GET', path: '/2025-09/orders' } as const;
		t.sandbox.faults.add({ ...get, type: 'status', status: 429, every: 5, times: 3, headers: planLimit });
		t.sandbox.faults.add({ ...get, type: 'reset', every: 7, times: 3 });
		t.sandbox.faults.add({ ...get, type: 'status', status: 500, every: 4, times: 3 });
		t.sandbox.faults.add({ ...get, type: 'status', status: 503, every: 9, times: 2 });
		t.sandbox.faults.add({ ...get, type: 'delay', delayMs: 1500, every: 11, times: 2 });
		t.sandbox.faults.add({ ...get, type: 'malformed', every: 6, times: 3 });

		const result = await t.run({
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			options: { timeoutSeconds: 1, maxRetries: 8 },
		});
		expect(result.status).toBe('success');
		const numbers = result
			.json('Stora')
			.map((order) => Number((order.metadata as { n: string }).n));
		expect(numbers).toEqual(Array.from({ length: 2500 }, (_, i) => 2499 - i));
		expect(t.sandbox.faults.pending()).toEqual([]);
		// Every page was asked for until it arrived: each window of the created_at cursor once,
		// each starting at the second of the oldest order before it (orders are a second apart).
		const windowsServed = t
			.requests()
			.filter((request) => request.status === 200)
			.map((request) => request.query.created_before ?? 'newest');
		const expected = ['newest'];
		for (let oldestSeen = 2400; oldestSeen > 0; oldestSeen -= 99) {
			expected.push(
				new Date(Date.parse('2026-01-01T00:00:01Z') + oldestSeen * 1000)
					.toISOString()
					.replace('.000', ''),
			);
		}
		// (A malformed 200 was asked for again: the same window twice in a row.)
		expect([...new Set(windowsServed)]).toEqual(expected);
		expect(expected).toHaveLength(Math.ceil(2500 / 100) + 1);
	}, 120_000);
});
