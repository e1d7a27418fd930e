import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, fakeClock, LINE_ITEM_KEYS } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const clock = fakeClock(Date.parse('2025-03-01T12:00:00Z'));

describe('sandbox: retrieve, validate, finalize and expand', () => {
	const t = sandboxPerFile({ now: clock.now });

	const get = (id: string, query = '') => call(t.sb.url, 'GET', `/2025-09/orders/${id}${query}`);
	const validate = (id: string, query = '') =>
		call(t.sb.url, 'GET', `/2025-09/orders/${id}/validate${query}`);
	const finalize = (id: string, body: unknown, query = '') =>
		call(t.sb.url, 'POST', `/2025-09/orders/${id}/finalize${query}`, { body });

	it('retrieves an order as {order, meta}', async () => {
		const res = await get(SEED.orders.completed);
		expect(res.status).toBe(200);
		expect(Object.keys(res.body)).toEqual(['order', 'meta']);
		expect(res.body.order).toMatchObject({
			id: SEED.orders.completed,
			status: 'completed',
			subscription: { id: expect.stringMatching(/^sub_/) },
			tenancy: { id: expect.stringMatching(/^ten_/) },
			metadata: { source: 'website', external_id: 'web_1000' },
		});
	});

	it('validates a ready draft with 200 and the unchanged order', async () => {
		const res = await validate(SEED.orders.draftReady);
		expect(res.status).toBe(200);
		expect(res.body.order).toEqual((await get(SEED.orders.draftReady)).body.order);
	});

	it('answers 422 listing what is missing when the draft is not ready', async () => {
		const res = await validate(SEED.orders.draftEmpty);
		expect(res.status).toBe(422);
		expect(res.body.error).toMatchObject({
			code: 'invalid_content',
			type: 'invalid_request_error',
			message: 'The order is not ready to be finalized.',
		});
		expect(res.body.error.details).toEqual([
			{ message: expect.any(String), pointer: '/billing_period' },
			{ message: expect.any(String), pointer: '/starts_at' },
			{ message: expect.any(String), pointer: '/contact' },
			{ message: expect.any(String), pointer: '/line_items' },
		]);
		const created = await call(t.sb.url, 'POST', '/2025-09/orders', {
			body: {
				site: { id: SEED.sites.camden },
				billing_period: 'yearly',
				starts_at: 'now',
				contact: { full_name: 'No Email' },
				line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenLocker } }],
			},
		});
		const missingEmail = await validate(created.body.order.id);
		expect(missingEmail.body.error.details).toEqual([
			{ message: expect.any(String), pointer: '/contact/email' },
		]);
	});

	it.each(['finalized', 'completed', 'abandoned'] as const)(
		'answers 409 conflict when validating a %s order',
		async (status) => {
			const res = await validate(SEED.orders[status]);
			expect(res.status).toBe(409);
			expect(res.body.error.code).toBe('conflict');
			expect(res.body.error.type).toBe('invalid_request_error');
		},
	);

	it('finalizes a ready draft: status, payment_url, updated_at', async () => {
		clock.advance(60_000);
		const res = await finalize(SEED.orders.draftReady, {
			finalize: { cancel_redirect_url: 'https://portal.example/orders/cancel' },
		});
		expect(res.status).toBe(200);
		expect(res.body.order).toMatchObject({
			id: SEED.orders.draftReady,
			status: 'finalized',
			payment_url: `${t.sb.url}/checkout/${SEED.orders.draftReady}`,
			updated_at: new Date(clock.now()).toISOString().replace('.000', ''),
		});
		expect((await get(SEED.orders.draftReady)).body.order.status).toBe('finalized');
		const checkout = await fetch(res.body.order.payment_url);
		expect(checkout.headers.get('content-type')).toContain('text/html');
		expect(await checkout.text()).toContain(SEED.orders.draftReady);
	});

	it('finalizes with an empty finalize object', async () => {
		const res = await finalize(SEED.orders.leedsDraft, { finalize: {} });
		expect(res.status).toBe(200);
		expect(res.body.order.status).toBe('finalized');
	});

	it('requires the finalize object and a valid cancel_redirect_url', async () => {
		for (const body of [undefined, {}, { finalize: null }]) {
			const res = await finalize(SEED.orders.draftReady, body);
			expect(res.status).toBe(422);
			expect(res.body.error.details).toEqual([
				{ message: expect.any(String), pointer: '/finalize' },
			]);
		}
		const badUrl = await finalize(SEED.orders.draftReady, {
			finalize: { cancel_redirect_url: 'javascript:alert(1)' },
		});
		expect(badUrl.body.error.details).toEqual([
			{ message: expect.any(String), pointer: '/finalize/cancel_redirect_url' },
		]);
		const extra = await finalize(SEED.orders.draftReady, { finalize: {}, order: {} });
		expect(extra.body.error.details).toEqual([{ message: expect.any(String), pointer: '/order' }]);
		expect(t.sb.store.orders.find((o) => o.id === SEED.orders.draftReady)?.status).toBe('draft');
	});

	it('answers 409 when finalizing a non-draft order, including a second finalize', async () => {
		expect((await finalize(SEED.orders.draftReady, { finalize: {} })).status).toBe(200);
		const again = await finalize(SEED.orders.draftReady, { finalize: {} });
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('conflict');
		for (const id of [SEED.orders.completed, SEED.orders.abandoned])
			expect((await finalize(id, { finalize: {} })).status).toBe(409);
	});

	it('answers 422 like validate when finalizing a draft that is not ready', async () => {
		const res = await finalize(SEED.orders.draftEmpty, { finalize: {} });
		expect(res.status).toBe(422);
		expect(res.body.error.message).toBe('The order is not ready to be finalized.');
		expect(res.body.error.details.map((d: Json) => d.pointer)).toEqual([
			'/billing_period',
			'/starts_at',
			'/contact',
			'/line_items',
		]);
		expect((await get(SEED.orders.draftEmpty)).body.order.status).toBe('draft');
	});

	describe('expand', () => {
		it('expands contact, site, coupon and contract_template into full resources', async () => {
			const res = await get(
				SEED.orders.draftReady,
				'?expand=contact,site,coupon,contract_template',
			);
			const o = res.body.order;
			expect(o.contact).toMatchObject({
				id: SEED.contacts.john,
				full_name: 'John Doe',
				email: 'john@doe.com',
				type: 'company',
			});
			expect(o.site).toMatchObject({
				id: SEED.sites.camden,
				name: 'Camden',
				address: expect.any(Object),
			});
			expect(o.coupon).toMatchObject({
				id: SEED.coupons.halfPrice,
				type: 'percentage',
				percent: 50,
			});
			expect(o.contract_template).toMatchObject({
				id: SEED.contractTemplates.standard,
				name: expect.any(String),
			});
			expect(o.line_items[0]).toEqual({ id: 'olitm_1001cbd3d5fec937' });
		});

		it('expands line_items into full line items with amounts', async () => {
			const res = await get(SEED.orders.draftReady, '?expand=line_items');
			const [unit, protection, padlock, deposit] = res.body.order.line_items;
			expect(Object.keys(unit)).toEqual(LINE_ITEM_KEYS);
			expect(unit).toMatchObject({
				id: 'olitm_1001cbd3d5fec937',
				type: 'unit_type',
				quantity: 1,
				item: { id: SEED.unitTypes.camdenLocker },
				price: { amount: 1999, currency: 'GBP', formatted: '£19.99' },
			});
			expect(protection.item).toEqual({ id: SEED.protectionLevels.cover2500 });
			expect(padlock).toMatchObject({
				type: 'product',
				quantity: 2,
				total: { amount: 1998 },
				tax: { amount: 0 },
				discount_total: { amount: 0 },
			});
			expect(deposit).toMatchObject({
				type: 'security_deposit',
				item: { id: SEED.unitTypes.camdenLocker },
				total: { amount: 10000 },
			});
			const discounts = unit.discount_total.amount + protection.discount_total.amount;
			expect(discounts).toBe(res.body.order.total_discount.amount);
		});

		it('line_items.item implies line_items and expands each item by its type', async () => {
			for (const expand of ['line_items.item', 'line_items,line_items.item']) {
				const [unit, protection, padlock, deposit] = (
					await get(SEED.orders.draftReady, `?expand=${expand}`)
				).body.order.line_items;
				expect(unit.item).toMatchObject({
					id: SEED.unitTypes.camdenLocker,
					name: 'Locker (15 sq ft)',
					prices: expect.any(Array),
					security_deposit: { amount: 10000 },
				});
				expect(unit.item.prices.map((p: Json) => p.billing_period)).toEqual([
					'monthly',
					'weekly',
					'every_four_weeks',
					'every_three_months',
					'every_six_months',
					'yearly',
				]);
				expect(protection.item).toMatchObject({
					id: SEED.protectionLevels.cover2500,
					cover_level: { amount: 250000, formatted: '£2,500.00' },
				});
				expect(protection.item.name).toBeUndefined();
				expect(padlock.item).toMatchObject({ id: SEED.products.padlock, charge_type: 'one_time' });
				expect(deposit.item.id).toBe(SEED.unitTypes.camdenLocker);
			}
		});

		it('accepts repeated expand and expand[] forms', async () => {
			const a = await get(SEED.orders.draftReady, '?expand=contact&expand=site');
			const b = await get(SEED.orders.draftReady, '?expand[]=contact&expand[]=site');
			for (const res of [a, b]) {
				expect(res.body.order.contact.full_name).toBe('John Doe');
				expect(res.body.order.site.name).toBe('Camden');
			}
		});

		it('rejects unknown expansions on every order endpoint with 422 invalid_url_param', async () => {
			const results = [
				await get(SEED.orders.draftReady, '?expand=tenancy'),
				await validate(SEED.orders.draftReady, '?expand=contact,bogus'),
				await finalize(SEED.orders.draftReady, { finalize: {} }, '?expand=nope'),
				await call(t.sb.url, 'POST', '/2025-09/orders?expand=x', {
					body: { site: { id: SEED.sites.camden } },
				}),
				await call(t.sb.url, 'GET', '/2025-09/orders?expand=line_items.item.site'),
			];
			for (const res of results) {
				expect(res.status).toBe(422);
				expect(res.body.error.code).toBe('invalid_url_param');
				expect(res.body.error.details[0].pointer).toBe('/expand');
			}
			expect(t.sb.store.orders).toHaveLength(6);
		});

		it('applies expand on validate, finalize and create', async () => {
			expect(
				(await validate(SEED.orders.draftReady, '?expand=contact')).body.order.contact.email,
			).toBe('john@doe.com');
			expect(
				(await finalize(SEED.orders.draftReady, { finalize: {} }, '?expand=site')).body.order.site
					.name,
			).toBe('Camden');
			const created = await call(t.sb.url, 'POST', '/2025-09/orders?expand=coupon,line_items', {
				body: {
					site: { id: SEED.sites.camden },
					coupon: { id: SEED.coupons.tenPoundsOff },
					line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenLocker } }],
				},
			});
			expect(created.body.order.coupon).toMatchObject({ type: 'amount', amount: { amount: 1000 } });
			expect(created.body.order.line_items[0].type).toBe('unit_type');
		});
	});
});
