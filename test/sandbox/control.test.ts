import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('sandbox: request log, programmatic helpers and /__sandbox control endpoints', () => {
	const t = sandboxPerFile({ token: 'custom-token', seedOrders: false });

	const control = async (
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; body: Json }> => {
		const res = await fetch(`${t.sb.url}/__sandbox/${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, body: await res.json() };
	};

	it('exposes url, port and token; seedOrders: false starts with no orders but the full catalogue', async () => {
		expect(t.sb.url).toBe(`http://127.0.0.1:${t.sb.port}`);
		expect(t.sb.token).toBe('custom-token');
		expect(t.sb.store.orders).toHaveLength(0);
		expect(t.sb.store.sites).toHaveLength(2);
		expect(
			(await call(t.sb.url, 'GET', '/2025-09/orders', { token: 'sandbox-token' })).status,
		).toBe(401);
		expect(
			(await call(t.sb.url, 'GET', '/2025-09/orders', { token: 'custom-token' })).body.orders,
		).toEqual([]);
	});

	it('logs method, path, parsed and raw query, lowercased headers, body, status and key', async () => {
		await call(
			t.sb.url,
			'GET',
			'/2025-09/orders?limit=30&status=draft,finalized&metadata[source]=web&status[]=x&expand=a&expand=b',
			{
				token: 'custom-token',
				headers: { 'X-Custom': 'yes' },
			},
		);
		await call(t.sb.url, 'POST', '/2025-09/orders', {
			token: 'custom-token',
			body: { site: { id: SEED.sites.camden } },
			headers: { 'Idempotency-Key': 'log-key' },
		});
		await call(t.sb.url, 'POST', '/2025-09/orders', { token: 'custom-token', rawBody: 'not json' });
		await call(t.sb.url, 'GET', '/2025-09/sites', { token: 'custom-token' });
		const [list, create, garbage, sites] = t.sb.requests;
		expect(list).toMatchObject({
			method: 'GET',
			path: '/2025-09/orders',
			rawQuery: 'limit=30&status=draft,finalized&metadata[source]=web&status[]=x&expand=a&expand=b',
			query: {
				limit: '30',
				status: ['draft,finalized', 'x'],
				metadata: { source: 'web' },
				expand: ['a', 'b'],
			},
			status: 422,
			body: undefined,
			idempotencyKey: undefined,
			replayed: false,
		});
		expect(list.headers.authorization).toBe('Bearer custom-token');
		expect(list.headers['x-custom']).toBe('yes');
		expect(create).toMatchObject({
			method: 'POST',
			body: { site: { id: SEED.sites.camden } },
			status: 201,
			idempotencyKey: 'log-key',
			query: {},
			rawQuery: '',
		});
		expect(garbage).toMatchObject({ body: 'not json', status: 400 });
		expect(sites.status).toBe(200);
		t.sb.clearRequests();
		expect(t.sb.requests).toHaveLength(0);
	});

	it('addOrder inserts orders directly (e.g. a big list with increasing created_at)', async () => {
		const base = Date.parse('2024-06-01T00:00:00Z');
		for (let i = 0; i < 120; i++)
			t.sb.addOrder({
				created_at: base + i * 60_000,
				site: { id: SEED.sites.leeds },
				metadata: { n: String(i) },
			});
		const finalized = t.sb.addOrder({
			status: 'finalized',
			created_at: '2024-07-01T10:00:00.123Z',
			contact: { id: SEED.contacts.jane },
			billing_period: 'monthly',
			line_items: [
				{ type: 'unit_type', item: { id: SEED.unitTypes.leedsSmall } },
				{ type: 'product', item: { id: SEED.products.movingBoxes }, price: 100 },
			],
		});
		expect(finalized).toMatchObject({
			status: 'finalized',
			created_at: '2024-07-01T10:00:00Z',
			payment_url: `${t.sb.url}/checkout/${finalized.id}`,
			subtotal: { amount: 4999 },
			one_time_total: { amount: 100 },
		});
		expect(t.sb.store.orders).toHaveLength(121);
		expect(t.sb.listOrders()[0].metadata).toEqual({ n: '0' });
		const page = await call(t.sb.url, 'GET', '/2025-09/orders?limit=2', { token: 'custom-token' });
		expect(page.body.orders.map((o: Json) => o.id)).toEqual([
			finalized.id,
			t.sb.store.orders[119].id,
		]);
		expect(page.body.meta.pagination.count).toBe(121);
	});

	it('serves the control endpoints without auth and without logging them', async () => {
		await call(t.sb.url, 'GET', '/2025-09/sites', { token: 'custom-token' });
		const log = await control('GET', 'requests');
		expect(log.status).toBe(200);
		expect(log.body).toHaveLength(1);
		expect(log.body[0]).toMatchObject({ method: 'GET', path: '/2025-09/sites', status: 200 });

		const added = await control('POST', 'orders', {
			status: 'abandoned',
			metadata: { via: 'control' },
		});
		expect(added.status).toBe(201);
		expect(added.body.status).toBe('abandoned');
		const orders = await control('GET', 'orders');
		expect(orders.body.map((o: Json) => o.id)).toEqual([added.body.id]);

		const fault = await control('POST', 'faults', {
			method: 'GET',
			pathRegex: '^/2025-09/orders/[^/]+$',
			type: 'status',
			status: 503,
			times: 2,
		});
		expect(fault.status).toBe(201);
		expect((await control('GET', 'faults')).body).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: { pathRegex: new RegExp('^/2025-09/orders/[^/]+$').source },
				type: 'status',
				status: 503,
				remaining: 2,
			}),
		]);
		expect(
			(await call(t.sb.url, 'GET', `/2025-09/orders/${added.body.id}`, { token: 'custom-token' }))
				.status,
		).toBe(503);
		expect((await control('POST', 'faults', { type: 'nope' })).status).toBe(400);
		await control('DELETE', 'faults');
		expect(
			(await call(t.sb.url, 'GET', `/2025-09/orders/${added.body.id}`, { token: 'custom-token' }))
				.status,
		).toBe(200);

		const stringPath = await control('POST', 'faults', {
			method: 'GET',
			path: '/2025-09/sites',
			type: 'status',
			status: 500,
		});
		expect(stringPath.status).toBe(201);
		expect((await call(t.sb.url, 'GET', '/2025-09/sites', { token: 'custom-token' })).status).toBe(
			500,
		);

		expect((await control('GET', 'seed')).body).toEqual(JSON.parse(JSON.stringify(SEED)));
		await control('DELETE', 'requests');
		expect((await control('GET', 'requests')).body).toEqual([]);

		await call(t.sb.url, 'GET', '/2025-09/sites', { token: 'custom-token' });
		expect((await control('POST', 'reset')).body).toEqual({ ok: true });
		expect(t.sb.requests).toHaveLength(0);
		expect((await control('GET', 'orders')).body).toEqual([]);
		expect((await control('GET', 'nothing')).status).toBe(404);
	});

	it('abandonOrder / completeCheckout change an order as Stora does without an API call; control routes too', async () => {
		const draftOrder = t.sb.addOrder({ created_at: '2024-01-01T00:00:00Z' });
		const finalized = t.sb.addOrder({ status: 'finalized', created_at: '2024-01-02T00:00:00Z' });
		const other = t.sb.addOrder({ status: 'finalized', created_at: '2024-01-03T00:00:00Z' });
		const abandoned = t.sb.abandonOrder(draftOrder.id);
		expect(abandoned).toMatchObject({ status: 'abandoned', created_at: '2024-01-01T00:00:00Z' });
		expect(abandoned.updated_at).not.toBe(draftOrder.updated_at);
		expect(() => t.sb.abandonOrder(draftOrder.id)).toThrow(
			expect.objectContaining({ status: 409 }),
		);
		expect(() => t.sb.abandonOrder('order_nope')).toThrow(expect.objectContaining({ status: 404 }));

		const viaRoute = await control('POST', `orders/${finalized.id}/abandon`);
		expect(viaRoute).toEqual({
			status: 200,
			body: expect.objectContaining({ status: 'abandoned' }),
		});
		expect((await control('POST', `orders/${finalized.id}/abandon`)).status).toBe(409);
		expect((await control('POST', `orders/${finalized.id}/complete`)).status).toBe(409);
		const completed = await control('POST', `orders/${other.id}/complete`);
		expect(completed.body).toMatchObject({
			status: 'completed',
			subscription: { id: expect.any(String) },
		});
		expect((await control('POST', `orders/${other.id}/abandon`)).status).toBe(409);
		expect((await control('POST', 'orders/order_nope/abandon')).status).toBe(404);

		const listed = await call(t.sb.url, 'GET', '/2025-09/orders?status=abandoned', {
			token: 'custom-token',
		});
		expect(listed.body.orders.map((o: Json) => o.id)).toEqual([finalized.id, draftOrder.id]);
	});

	it('addContact / updateContact set created_at and updated_at; control routes too', async () => {
		const same = '2024-05-01T10:00:00.600Z';
		const a = t.sb.addContact({ full_name: 'Tie A', created_at: same });
		const b = t.sb.addContact({
			full_name: 'Tie B',
			type: 'business',
			created_at: Date.parse(same),
		});
		expect(a).toMatchObject({
			status: 'lead',
			email: `${a.id}@example.org`,
			created_at: '2024-05-01T10:00:00Z',
			updated_at: '2024-05-01T10:00:00Z',
		});
		expect(b.created_at).toBe(a.created_at);
		expect(
			t.sb.updateContact(a.id, { full_name: 'Tie A2', updated_at: '2024-06-01T00:00:00Z' }),
		).toMatchObject({
			full_name: 'Tie A2',
			created_at: '2024-05-01T10:00:00Z',
			updated_at: '2024-06-01T00:00:00Z',
		});
		expect(() => t.sb.updateContact('con_nope', {})).toThrow(
			expect.objectContaining({ status: 404 }),
		);

		const added = await control('POST', 'contacts', {
			email: 'c@x.example',
			created_at: '2024-07-01T00:00:00Z',
		});
		expect(added).toMatchObject({
			status: 201,
			body: { email: 'c@x.example', created_at: '2024-07-01T00:00:00Z' },
		});
		const patched = await control('PATCH', `contacts/${added.body.id}`, { status: 'customer' });
		expect(patched).toMatchObject({ status: 200, body: { status: 'customer' } });
		expect(Date.parse(patched.body.updated_at)).toBeGreaterThan(Date.parse('2024-07-01T00:00:00Z'));
		expect((await control('PATCH', 'contacts/con_nope', {})).status).toBe(404);
	});

	it('reset() restores the seed, including contacts created by orders', async () => {
		await call(t.sb.url, 'POST', '/2025-09/orders', {
			token: 'custom-token',
			body: { site: { id: SEED.sites.camden }, contact: { email: 'new@x.example' } },
		});
		expect(t.sb.store.contacts).toHaveLength(5);
		const ordersRef = t.sb.store.orders;
		t.sb.reset();
		expect(t.sb.store.contacts).toHaveLength(4);
		expect(t.sb.store.orders).toBe(ordersRef);
		expect(ordersRef).toHaveLength(0);
	});
});
