import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, fakeClock } from './helpers';

const clock = fakeClock(Date.parse('2025-03-01T12:00:00Z'));
const DAY = 86_400_000;

describe('sandbox: GET /2025-09/orders', () => {
	const t = sandboxPerFile({ now: clock.now });

	const list = (query = '') => call(t.sb.url, 'GET', `/2025-09/orders${query}`);
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const ids = (res: { body: any }) => res.body.orders.map((o: { id: string }) => o.id);

	it('lists the six seeded orders newest first with pagination meta', async () => {
		const res = await list();
		expect(res.status).toBe(200);
		expect(ids(res)).toEqual([
			SEED.orders.draftReady,
			SEED.orders.draftEmpty,
			SEED.orders.finalized,
			SEED.orders.leedsDraft,
			SEED.orders.abandoned,
			SEED.orders.completed,
		]);
		expect(res.body.meta.pagination).toEqual({
			count: 6,
			last: 1,
			limit: 50,
			next: null,
			page: 1,
			pages: 1,
			prev: null,
		});
		expect(Object.keys(res.body.meta)).toEqual(['request_id', 'curies', 'pagination']);
	});

	it('returns orders with exactly the documented fields, line items as {id} stubs', async () => {
		const res = await list('?limit=1');
		const order = res.body.orders[0];
		expect(Object.keys(order)).toEqual([
			'id',
			'billing_period',
			'contact',
			'contract_template',
			'coupon',
			'created_at',
			'email_notifications',
			'line_items',
			'metadata',
			'one_time_total',
			'one_time_total_excluding_tax',
			'payment_method',
			'payment_url',
			'purchase_order_number',
			'site',
			'source',
			'starts_at',
			'status',
			'subscription',
			'subtotal',
			'tax',
			'tenancy',
			'total',
			'total_discount',
			'total_excluding_tax',
			'updated_at',
		]);
		expect(order.id).toMatch(/^order_[0-9a-z]{16}$/);
		expect(order.line_items).toEqual([
			{ id: 'olitm_1001cbd3d5fec937' },
			{ id: 'olitm_260799c6b6b1a274' },
			{ id: 'olitm_47eba7938308c71d' },
			{ id: 'olitm_b202613e81c9101e' },
		]);
		expect(order.created_at).toBe('2025-02-28T12:00:00Z');
		expect(order.subtotal).toEqual({ amount: 2998, currency: 'GBP', formatted: '£29.98' });
	});

	it('paginates with count = total, integer next/prev/last', async () => {
		const p1 = await list('?limit=4');
		expect(p1.body.meta.pagination).toEqual({
			count: 6,
			last: 2,
			limit: 4,
			next: 2,
			page: 1,
			pages: 2,
			prev: null,
		});
		const p2 = await list('?limit=4&page=2');
		expect(p2.body.meta.pagination).toEqual({
			count: 6,
			last: 2,
			limit: 4,
			next: null,
			page: 2,
			pages: 2,
			prev: 1,
		});
		expect([...ids(p1), ...ids(p2)]).toEqual(ids(await list()));
		const past = await list('?limit=4&page=5');
		expect(past.body.orders).toEqual([]);
		expect(past.body.meta.pagination).toMatchObject({ page: 5, next: null, prev: 2, last: 2 });
	});

	it('reports one page for an empty result', async () => {
		const res = await list('?status=completed&site_id=' + SEED.sites.leeds);
		expect(res.body.orders).toEqual([]);
		expect(res.body.meta.pagination).toEqual({
			count: 0,
			last: 1,
			limit: 50,
			next: null,
			page: 1,
			pages: 1,
			prev: null,
		});
	});

	it('sorts ASC and DESC by created_at, breaking ties by insertion order so pages never overlap', async () => {
		const asc = await list('?sort_direction=ASC&sort_by=created_at');
		expect(ids(asc)).toEqual([...ids(await list())].reverse());
		const same = '2025-01-01T00:00:00Z';
		const added = Array.from({ length: 7 }, () => t.sb.addOrder({ created_at: same }).id);
		const pages = [];
		for (let page = 1; page <= 5; page++)
			pages.push(...ids(await list(`?limit=3&page=${page}&created_before=2025-01-02T00:00:00Z`)));
		expect(pages).toEqual([...added].reverse());
		const ascPages = [];
		for (let page = 1; page <= 3; page++) {
			ascPages.push(
				...ids(
					await list(
						`?limit=3&page=${page}&created_before=2025-01-02T00:00:00Z&sort_direction=ASC`,
					),
				),
			);
		}
		expect(ascPages).toEqual(added);
	});

	it('filters by status: comma list, repeated and status[]', async () => {
		expect(ids(await list('?status=finalized'))).toEqual([SEED.orders.finalized]);
		const both = [SEED.orders.finalized, SEED.orders.completed];
		expect(ids(await list('?status=finalized,completed'))).toEqual(both);
		expect(ids(await list('?status=finalized&status=completed'))).toEqual(both);
		expect(ids(await list('?status[]=finalized&status[]=completed'))).toEqual(both);
		expect(ids(await list('?status%5B%5D=completed'))).toEqual([SEED.orders.completed]);
	});

	it('takes status[] and site_id[] as comma lists (as the Stora node sends them)', async () => {
		expect(ids(await list('?status[]=finalized,completed'))).toEqual([
			SEED.orders.finalized,
			SEED.orders.completed,
		]);
		expect(
			ids(await list(`?site_id[]=${SEED.sites.leeds},${SEED.sites.camden}&status[]=abandoned`)),
		).toEqual([SEED.orders.abandoned]);
	});

	it('created_after includes the orders of its very second, ties in insertion order both ways', async () => {
		const at = '2025-02-27T10:00:00Z';
		const before = t.sb.addOrder({ created_at: Date.parse(at) - 1000 }).id;
		const a = t.sb.addOrder({ created_at: at, status: 'completed' }).id;
		const b = t.sb.addOrder({ created_at: `${at.slice(0, -1)}.999Z`, status: 'completed' }).id;
		const asc = await list(
			`?created_after=${at}&created_before=2025-02-28T00:00:00Z&sort_direction=ASC`,
		);
		expect(ids(asc)).toEqual([a, b]);
		expect(ids(await list(`?created_after=${at}&created_before=2025-02-28T00:00:00Z`))).toEqual([
			b,
			a,
		]);
		expect(ids(await list(`?created_before=${at}&created_after=2025-02-27T00:00:00Z`))).toEqual([
			before,
		]);
		expect(
			ids(await list(`?status=completed&created_after=${at}&limit=1&sort_direction=ASC`)),
		).toEqual([a]);
	});

	it('filters by site_id and contact_id (comma lists)', async () => {
		expect(ids(await list(`?site_id=${SEED.sites.leeds}`))).toEqual([
			SEED.orders.finalized,
			SEED.orders.leedsDraft,
			SEED.orders.abandoned,
		]);
		expect(ids(await list(`?site_id=${SEED.sites.leeds},${SEED.sites.camden}`))).toHaveLength(6);
		expect(ids(await list(`?contact_id=${SEED.contacts.jane}`))).toEqual([
			SEED.orders.finalized,
			SEED.orders.leedsDraft,
		]);
		expect(ids(await list(`?contact_id=${SEED.contacts.jane},${SEED.contacts.priya}`))).toEqual([
			SEED.orders.finalized,
			SEED.orders.leedsDraft,
			SEED.orders.completed,
		]);
	});

	it('filters created_after inclusively and created_before exclusively', async () => {
		const at = new Date(clock.now() - 5 * DAY).toISOString().replace('.000', '');
		expect(ids(await list(`?created_after=${at}`))).toEqual([
			SEED.orders.draftReady,
			SEED.orders.draftEmpty,
			SEED.orders.finalized,
		]);
		expect(ids(await list(`?created_before=${at}`))).toEqual([
			SEED.orders.leedsDraft,
			SEED.orders.abandoned,
			SEED.orders.completed,
		]);
		expect(
			ids(
				await list(
					`?created_after=${at}&created_before=${encodeURIComponent('2025-02-24T12:00:01+00:00')}`,
				),
			),
		).toEqual([SEED.orders.finalized]);
	});

	it('filters by metadata[key]=value, all pairs must match', async () => {
		expect(ids(await list('?metadata[source]=website'))).toEqual([
			SEED.orders.finalized,
			SEED.orders.completed,
		]);
		expect(ids(await list('?metadata[source]=website&metadata[external_id]=web_1000'))).toEqual([
			SEED.orders.completed,
		]);
		expect(ids(await list('?metadata%5Bexternal_id%5D=abc_123'))).toEqual([SEED.orders.leedsDraft]);
		expect(ids(await list('?metadata[source]=nowhere'))).toEqual([]);
	});

	it.each([
		['page=0', '/page'],
		['page=abc', '/page'],
		['limit=0', '/limit'],
		['limit=101', '/limit'],
		['limit=1.5', '/limit'],
		['status=open', '/status'],
		['sort_by=updated_at', '/sort_by'],
		['sort_direction=asc', '/sort_direction'],
		['created_after=yesterday', '/created_after'],
		['created_before=2025-13-45T00:00:00Z', '/created_before'],
		['metadata=source', '/metadata'],
		['expand=customer', '/expand'],
	])('rejects %s with 422 invalid_url_param pointing at %s', async (query, pointer) => {
		const res = await list(`?${query}`);
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('invalid_url_param');
		expect(res.body.error.type).toBe('invalid_request_error');
		expect(res.body.error.details).toEqual([{ message: expect.any(String), pointer }]);
	});

	it('accepts limit 100 and returns many orders across pages exactly once', async () => {
		const base = Date.parse('2024-01-01T00:00:00Z');
		for (let i = 0; i < 250; i++)
			t.sb.addOrder({ created_at: base + i * 1000, metadata: { batch: 'b1' } });
		const seen: string[] = [];
		let page: number | null = 1;
		while (page !== null) {
			const res = await list(`?limit=100&page=${page}&metadata[batch]=b1`);
			seen.push(...ids(res));
			expect(res.body.meta.pagination.count).toBe(250);
			page = res.body.meta.pagination.next;
		}
		expect(seen).toHaveLength(250);
		expect(new Set(seen).size).toBe(250);
		const created = t.sb
			.listOrders()
			.filter((o) => o.metadata.batch === 'b1')
			.map((o) => o.id);
		expect(seen).toEqual(created.reverse());
	});

	it('supports expand on the list', async () => {
		const res = await list(`?expand=contact,line_items&status=finalized`);
		const order = res.body.orders[0];
		expect(order.contact).toMatchObject({
			id: SEED.contacts.jane,
			full_name: 'Jane Smith',
			email: 'jane.smith@example.com',
		});
		expect(order.line_items[0]).toMatchObject({
			type: 'unit_type',
			quantity: 1,
			item: { id: SEED.unitTypes.leedsLocker },
		});
	});
});
