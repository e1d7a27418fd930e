import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, fakeClock } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const clock = fakeClock(Date.parse('2025-02-22T14:41:00Z'));

/** The request body of Stora's "Create an order" doc page (stora-docs/create-an-order.txt), verbatim. */
function docExampleBody(): Json {
	return {
		site: { id: 'site_14b419f1096013f1' },
		billing_period: 'monthly',
		payment_method: 'card',
		purchase_order_number: 'PO123456',
		starts_at: '2025-03-04T14:41:00Z',
		emails: { booking_confirmation: false, move_in_day: false },
		coupon: { id: 'cpn_a26d0d4c582740c1' },
		contract_template: { id: 'ctpl_33ae8d0b2b371ba2' },
		contact: {
			full_name: 'John Doe',
			email: 'john@doe.com',
			tax_id: '123456789',
			phone_number: '+447525920754',
			address: {
				line_1: '123 Main St',
				line_2: 'Apt 4B',
				city: 'Anytown',
				postal_code: '12345',
				state: 'CA',
				country_alpha2: 'US',
			},
			type: 'company',
			marketing_source: 'recommendation',
			source: 'walkin',
			use_case: 'more_space',
		},
		finalize: { cancel_redirect_url: 'https://your-portal.com/orders/canceled' },
		metadata: { source: 'zapier', external_id: 'abc_123' },
		line_items: [
			{
				type: 'unit_type',
				quantity: 1,
				price: { amount: 1999 },
				item: { id: 'utype_3b3aed5cca33b11d' },
			},
			{
				type: 'protection',
				quantity: 1,
				price: { amount: 2999 },
				item: { id: 'plvl_851681552a608245' },
			},
			{
				type: 'product',
				quantity: 1,
				price: { amount: 1999 },
				item: { id: 'prod_c4267b529ee675bd' },
			},
			{
				type: 'product',
				quantity: 2,
				price: { amount: 999 },
				item: { id: 'prod_0bc539e1087f3070' },
			},
			{
				type: 'security_deposit',
				quantity: 1,
				price: { amount: 10000 },
				item: { id: 'utype_3b3aed5cca33b11d' },
			},
		],
	};
}

const readyOrder = (): Json => ({
	site: { id: SEED.sites.camden },
	billing_period: 'monthly',
	starts_at: '2025-03-04T14:41:00Z',
	contact: { full_name: 'Ada Lovelace', email: 'ada@example.com' },
	line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } }],
});

describe('sandbox: POST /2025-09/orders', () => {
	const t = sandboxPerFile({ now: clock.now });

	const create = (body: unknown, query = '') =>
		call(t.sb.url, 'POST', `/2025-09/orders${query}`, { body });

	it('reproduces the doc example: every amount of the documented response', async () => {
		const res = await create(docExampleBody());
		expect(res.status).toBe(201);
		const o = res.body.order;
		expect(o).toMatchObject({
			billing_period: 'monthly',
			contact: { id: 'con_0ac0514ed0711462' },
			contract_template: { id: 'ctpl_33ae8d0b2b371ba2' },
			coupon: { id: 'cpn_a26d0d4c582740c1' },
			created_at: '2025-02-22T14:41:00Z',
			email_notifications: { booking_confirmation: false, move_in_day: false },
			metadata: { source: 'zapier', external_id: 'abc_123' },
			one_time_total: { amount: 11998, currency: 'GBP', formatted: '£119.98' },
			one_time_total_excluding_tax: { amount: 11998, currency: 'GBP', formatted: '£119.98' },
			payment_method: 'card',
			purchase_order_number: 'PO123456',
			site: { id: 'site_14b419f1096013f1' },
			source: 'public_api',
			starts_at: '2025-03-04T14:41:00Z',
			status: 'finalized',
			subscription: null,
			subtotal: { amount: 6997, currency: 'GBP', formatted: '£69.97' },
			tax: { amount: 584, currency: 'GBP', formatted: '£5.84' },
			tenancy: null,
			total: { amount: 3498, currency: 'GBP', formatted: '£34.98' },
			total_discount: { amount: 3499, currency: 'GBP', formatted: '£34.99' },
			total_excluding_tax: { amount: 2914, currency: 'GBP', formatted: '£29.14' },
			updated_at: '2025-02-22T14:41:00Z',
		});
		expect(o.id).toMatch(/^order_[0-9a-z]{16}$/);
		expect(o.line_items).toHaveLength(5);
		for (const li of o.line_items)
			expect(li).toEqual({ id: expect.stringMatching(/^olitm_[0-9a-z]{16}$/) });
		expect(o.payment_url).toBe(`${t.sb.url}/checkout/${o.id}`);
		expect(t.sb.store.orders).toHaveLength(7);
	});

	it('creates a draft from just a site, with the documented defaults', async () => {
		const res = await create({ site: { id: SEED.sites.leeds } });
		expect(res.status).toBe(201);
		expect(res.body.order).toMatchObject({
			billing_period: null,
			contact: null,
			contract_template: null,
			coupon: null,
			email_notifications: { booking_confirmation: true, move_in_day: true },
			line_items: [],
			metadata: {},
			payment_method: 'card',
			payment_url: null,
			purchase_order_number: null,
			site: { id: SEED.sites.leeds },
			source: 'public_api',
			starts_at: null,
			status: 'draft',
			subtotal: { amount: 0, currency: 'GBP', formatted: '£0.00' },
		});
		const stored = t.sb.store.orders[t.sb.store.orders.length - 1];
		expect(stored.id).toBe(res.body.order.id);
	});

	it('keeps starts_at "now" and normalizes date-times to UTC seconds', async () => {
		expect((await create({ ...readyOrder(), starts_at: 'now' })).body.order.starts_at).toBe('now');
		expect(
			(await create({ ...readyOrder(), starts_at: '2025-03-04T15:41:00.000+01:00' })).body.order
				.starts_at,
		).toBe('2025-03-04T14:41:00Z');
	});

	it('prices line items from the catalogue for the billing period when price is omitted', async () => {
		const res = await create(
			{
				...readyOrder(),
				billing_period: 'weekly',
				line_items: [
					{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } },
					{ type: 'protection', item: { id: SEED.protectionLevels.cover1000 }, quantity: 1 },
					{ type: 'product', item: { id: SEED.products.padlock }, quantity: 3 },
					{ type: 'security_deposit', item: { id: SEED.unitTypes.camdenSmall } },
				],
			},
			'?expand=line_items',
		);
		expect(res.status).toBe(201);
		const lines = res.body.order.line_items;
		// Small (35 sq ft) is £69.99/month → weekly round(6999*12/52) = 1615; £1,000 cover 499 → 115
		expect(lines.map((l: Json) => [l.type, l.quantity, l.price.amount])).toEqual([
			['unit_type', 1, 1615],
			['protection', 1, 115],
			['product', 3, 999],
			['security_deposit', 1, 10000],
		]);
		expect(res.body.order.subtotal.amount).toBe(1730);
		expect(res.body.order.one_time_total.amount).toBe(2997 + 10000);
	});

	it('computes amount coupons, VAT per line and line item amounts', async () => {
		const res = await create(
			{
				...readyOrder(),
				coupon: { id: SEED.coupons.tenPoundsOff },
				line_items: [
					{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall }, price: { amount: 6000 } },
					{
						type: 'product',
						item: { id: SEED.products.climateControl },
						quantity: 2,
						price: { amount: 1000 },
					},
				],
			},
			'?expand=line_items',
		);
		const o = res.body.order;
		expect(o.subtotal.amount).toBe(8000);
		expect(o.total_discount.amount).toBe(1000);
		expect(o.total.amount).toBe(7000);
		const [unit, product] = o.line_items;
		expect(unit).toMatchObject({
			price: { amount: 6000 },
			discount_total: { amount: 750 },
			total: { amount: 5250 },
			total_excluding_tax: { amount: 4375 },
			tax: { amount: 875 },
		});
		expect(product).toMatchObject({
			price: { amount: 1000 },
			discount_total: { amount: 250 },
			total: { amount: 1750 },
			tax: { amount: 292 },
		});
		expect(o.tax.amount).toBe(875 + 292);
		expect(o.total_excluding_tax.amount).toBe(7000 - 875 - 292);
	});

	it('reports one detail per problem with JSON pointers', async () => {
		const res = await create({
			billing_period: 'fortnightly',
			payment_method: 'cash',
			starts_at: 'tomorrow',
			emails: { booking_confirmation: 'yes' },
			coupon: { id: 'cpn_doesnotexist0000' },
			contract_template: {},
			contact: { email: 'not-an-email', type: 'person', address: { country_alpha2: 'gb' } },
			line_items: [
				{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall }, quantity: 0 },
				{ type: 'protection', item: { id: SEED.unitTypes.camdenSmall } },
				{ type: 'gift', item: { id: 'x' } },
				{ type: 'product', item: { id: SEED.products.padlock }, price: { amount: -1 } },
				{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall }, quantity: '2' },
			],
			metadata: { 'bad key': 'x', ok: 5 },
			finalize: { cancel_redirect_url: 'ftp://example.com' },
			colour: 'blue',
		});
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('invalid_content');
		expect(res.body.error.message).toBe('The request body content is not valid.');
		const pointers = res.body.error.details.map((d: Json) => d.pointer).sort();
		expect(pointers).toEqual(
			[
				'/colour',
				'/site',
				'/billing_period',
				'/payment_method',
				'/starts_at',
				'/emails/booking_confirmation',
				'/coupon/id',
				'/contract_template/id',
				'/contact/email',
				'/contact/type',
				'/contact/address/country_alpha2',
				'/line_items/0/quantity',
				'/line_items/1/item/id',
				'/line_items/2/type',
				'/line_items/3/price/amount',
				'/line_items/4/quantity',
				'/metadata/bad key',
				'/metadata/ok',
				'/finalize/cancel_redirect_url',
			].sort(),
		);
		for (const d of res.body.error.details) expect(typeof d.message).toBe('string');
		expect(t.sb.store.orders).toHaveLength(6);
	});

	it('requires the site to exist and items to belong to it', async () => {
		const missing = await create({ site: { id: 'site_0000000000000000' } });
		expect(missing.body.error.details).toEqual([
			{ message: expect.stringContaining('does not exist'), pointer: '/site/id' },
		]);
		const noId = await create({ site: {} });
		expect(noId.body.error.details).toEqual([{ message: expect.any(String), pointer: '/site/id' }]);
		const otherSite = await create({
			site: { id: SEED.sites.leeds },
			line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } }],
		});
		expect(otherSite.body.error.details).toEqual([
			{ message: expect.stringContaining('site'), pointer: '/line_items/0/item/id' },
		]);
		const unknownItem = await create({
			site: { id: SEED.sites.leeds },
			line_items: [{ type: 'product', item: { id: 'prod_0000000000000000' } }],
		});
		expect(unknownItem.body.error.details[0].pointer).toBe('/line_items/0/item/id');
		const noItem = await create({
			site: { id: SEED.sites.leeds },
			line_items: [{ type: 'product' }],
		});
		expect(noItem.body.error.details[0].pointer).toBe('/line_items/0/item');
	});

	it('enforces the metadata rules: 20 keys, key ≤ 40 chars of [a-z0-9._:-], string values ≤ 500', async () => {
		const ok: Json = {};
		for (let i = 0; i < 20; i++) ok[`key_${i}`] = 'v';
		expect((await create({ site: { id: SEED.sites.camden }, metadata: ok })).status).toBe(201);
		const tooMany = await create({
			site: { id: SEED.sites.camden },
			metadata: { ...ok, extra: 'v' },
		});
		expect(tooMany.body.error.details).toEqual([
			{ message: expect.stringContaining('20'), pointer: '/metadata' },
		]);
		const cases: Array<[Json, string]> = [
			[{ ['k'.repeat(41)]: 'v' }, `/metadata/${'k'.repeat(41)}`],
			[{ Upper: 'v' }, '/metadata/Upper'],
			[{ 'a/b': 'v' }, '/metadata/a~1b'],
			[{ key: 'x'.repeat(501) }, '/metadata/key'],
			[{ key: true }, '/metadata/key'],
		];
		for (const [metadata, pointer] of cases) {
			const res = await create({ site: { id: SEED.sites.camden }, metadata });
			expect(res.status).toBe(422);
			expect(res.body.error.details).toEqual([{ message: expect.any(String), pointer }]);
		}
		const edge = await create({
			site: { id: SEED.sites.camden },
			metadata: { ['k'.repeat(40)]: 'x'.repeat(500), 'a.b_c:d-e': 'ok', gone: null },
		});
		expect(edge.status).toBe(201);
		expect(Object.keys(edge.body.order.metadata)).toEqual(['k'.repeat(40), 'a.b_c:d-e']);
	});

	it('reuses an existing contact with the same email (case-insensitive), else creates one', async () => {
		const contactsBefore = t.sb.store.contacts.length;
		const reused = await create({
			site: { id: SEED.sites.camden },
			contact: { full_name: 'J. Doe', email: 'JOHN@Doe.com' },
		});
		expect(reused.body.order.contact).toEqual({ id: SEED.contacts.john });
		expect(t.sb.store.contacts).toHaveLength(contactsBefore);
		const created = await create(
			{
				site: { id: SEED.sites.camden },
				contact: { full_name: 'New Person', email: 'new@person.example', type: 'domestic' },
			},
			'?expand=contact',
		);
		expect(created.body.order.contact).toMatchObject({
			id: expect.stringMatching(/^con_[0-9a-z]{16}$/),
			full_name: 'New Person',
			email: 'new@person.example',
			type: 'domestic',
		});
		expect(t.sb.store.contacts).toHaveLength(contactsBefore + 1);
		const again = await create({
			site: { id: SEED.sites.camden },
			contact: { email: 'new@person.example' },
		});
		expect(again.body.order.contact.id).toBe(created.body.order.contact.id);
		const byId = await create({
			site: { id: SEED.sites.camden },
			contact: { id: SEED.contacts.priya },
		});
		expect(byId.body.order.contact).toEqual({ id: SEED.contacts.priya });
	});

	it('finalizes in the same call when `finalize` is present and the order is ready', async () => {
		const res = await create({
			...readyOrder(),
			finalize: { cancel_redirect_url: 'https://portal.example/cancel' },
		});
		expect(res.status).toBe(201);
		expect(res.body.order.status).toBe('finalized');
		expect(res.body.order.payment_url).toBe(`${t.sb.url}/checkout/${res.body.order.id}`);
		const page = await fetch(res.body.order.payment_url);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('https://portal.example/cancel');
		expect((await create({ ...readyOrder(), finalize: {} })).body.order.status).toBe('finalized');
	});

	it('does not store the order (or a new contact) when finalization in create fails', async () => {
		const contactsBefore = t.sb.store.contacts.length;
		const res = await create({
			site: { id: SEED.sites.camden },
			contact: { full_name: 'No Email' },
			line_items: [{ type: 'protection', item: { id: SEED.protectionLevels.cover1000 } }],
			finalize: {},
		});
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('invalid_content');
		expect(res.body.error.message).toBe('The order is not ready to be finalized.');
		expect(res.body.error.details.map((d: Json) => d.pointer)).toEqual([
			'/billing_period',
			'/starts_at',
			'/contact/email',
			'/line_items',
		]);
		expect(t.sb.store.orders).toHaveLength(6);
		expect(t.sb.store.contacts).toHaveLength(contactsBefore);
	});

	it('rejects unknown nested properties', async () => {
		const res = await create({
			site: { id: SEED.sites.camden, name: 'Camden' },
			emails: { marketing: true },
			contact: { email: 'x@y.example', nickname: 'x' },
			line_items: [
				{
					type: 'unit_type',
					item: { id: SEED.unitTypes.camdenSmall },
					price: { amount: 1, currency: 'GBP' },
				},
			],
		});
		expect(res.body.error.details.map((d: Json) => d.pointer).sort()).toEqual(
			[
				'/site/name',
				'/emails/marketing',
				'/contact/nickname',
				'/line_items/0/price/currency',
			].sort(),
		);
	});
});
