import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const TARGETS = [
	['unit_types', 'unit_type', SEED.unitTypes.camdenSmall, 'public.unit_type:write'],
	[
		'protection_levels',
		'protection_level',
		SEED.protectionLevels.cover2500,
		'public.protection_level:write',
	],
	['products', 'product', SEED.products.climateControl, 'public.product:write'],
] as const;

describe('sandbox: base prices of unit types, protection levels and products', () => {
	const t = sandboxPerFile({
		tokens: {
			'read-only': ['public.unit_type:read', 'public.protection_level:read', 'public.product:read'],
		},
	});
	const post = (path: string, body: unknown, token?: string) =>
		call(t.sb.url, 'POST', `/2025-09${path}`, { body, token });
	const price = (record: Json, period: string) =>
		record.prices.find((p: Json) => p.billing_period === period);

	it.each(TARGETS)(
		'%s: each period given gets a new price and stripe_price_id; the others stay',
		async (collection, single, id) => {
			const before = (await call(t.sb.url, 'GET', `/2025-09/${collection}/${id}`)).body[single];
			const res = await post(`/${collection}/${id}/base_price`, {
				weekly: { amount: 999 },
				monthly: { amount: 3999 },
			});
			expect(res.status).toBe(201);
			const after = res.body[single];
			expect(price(after, 'monthly').price).toEqual({
				amount: 3999,
				currency: 'GBP',
				formatted: '£39.99',
			});
			expect(price(after, 'weekly').price.amount).toBe(999);
			expect(price(after, 'monthly').stripe_price_id).not.toBe(
				price(before, 'monthly').stripe_price_id,
			);
			expect(price(after, 'yearly')).toEqual(price(before, 'yearly'));
			expect(after.prices.filter((p: Json) => p.billing_period === 'monthly')).toHaveLength(1);
			expect((await call(t.sb.url, 'GET', `/2025-09/${collection}/${id}`)).body[single]).toEqual(
				after,
			);
		},
	);

	it('a new unit-type price is what a new order line costs', async () => {
		await post(`/unit_types/${SEED.unitTypes.camdenLocker}/base_price`, {
			monthly: { amount: 2500 },
		});
		const order = await call(t.sb.url, 'POST', '/2025-09/orders?expand=line_items', {
			body: {
				site: { id: SEED.sites.camden },
				billing_period: 'monthly',
				line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenLocker } }],
			},
		});
		expect(order.body.order.line_items[0].price.amount).toBe(2500);
	});

	it.each([
		[{}, ''],
		[{ fortnightly: { amount: 100 } }, '/fortnightly'],
		[{ monthly: { amount: -1 } }, '/monthly/amount'],
		[{ monthly: { amount: 19.99 } }, '/monthly/amount'],
		[{ monthly: { amount: '1999' } }, '/monthly/amount'],
		[{ monthly: 1999 }, '/monthly/amount'],
	])('422 invalid_content for %j (pointer %s), nothing changed', async (body, pointer) => {
		const id = SEED.unitTypes.leedsSmall;
		const before = t.sb.store.find('unit_types', id).prices;
		const res = await post(`/unit_types/${id}/base_price`, body);
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('invalid_content');
		expect(res.body.error.details.map((d: Json) => d.pointer)).toEqual([pointer]);
		expect(t.sb.store.find('unit_types', id).prices).toEqual(before);
	});

	it.each(TARGETS)(
		'%s: needs %s (403) and an existing record (404)',
		async (collection, _single, id, scope) => {
			const denied = await post(
				`/${collection}/${id}/base_price`,
				{ monthly: { amount: 1 } },
				'read-only',
			);
			expect(denied.status).toBe(403);
			expect(denied.body.error.message).toContain(scope);
			const prefix = id.slice(0, id.indexOf('_') + 1);
			expect(
				(
					await post(`/${collection}/${prefix}doesnotexist0000/base_price`, {
						monthly: { amount: 1 },
					})
				).status,
			).toBe(404);
		},
	);

	it('a repeated Idempotency-Key replays the first answer', async () => {
		const headers = { 'Idempotency-Key': 'price-1' };
		const path = `/2025-09/products/${SEED.products.padlock}/base_price`;
		const first = await call(t.sb.url, 'POST', path, {
			body: { monthly: { amount: 100 } },
			headers,
		});
		const again = await call(t.sb.url, 'POST', path, {
			body: { monthly: { amount: 100 } },
			headers,
		});
		expect(again.text).toBe(first.text);
	});
});
