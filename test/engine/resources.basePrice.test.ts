/**
 * Set Base Price of unit types, protection levels and products through n8n-core's engine against
 * the sandbox: the body keyed by billing period in minor units, the key, the record after it.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { API, byId, defaultKey, storaRecord, v2 } from '../helpers/resources';
import { useSandbox } from './sandbox';

const t = useSandbox();

const CATALOGUE = [
	{
		resource: 'unitType',
		path: '/unit_types',
		single: 'unit_type',
		id: SEED.unitTypes.camdenSmall,
		other: SEED.unitTypes.leedsSmall,
	},
	{
		resource: 'protectionLevel',
		path: '/protection_levels',
		single: 'protection_level',
		id: SEED.protectionLevels.cover1000,
		other: SEED.protectionLevels.cover5000,
	},
	{
		resource: 'product',
		path: '/products',
		single: 'product',
		id: SEED.products.climateControl,
		other: SEED.products.padlock,
	},
];

type Price = { billingPeriod: string; amount: number | string };
const setBasePrice = (resource: string, id: string, prices: Price[]) => ({
	resource,
	operation: 'setBasePrice',
	[`${resource}Id`]: byId(id),
	prices: { price: prices },
});

/** The record's prices for a billing period, as Stora keeps them. */
const pricesFor = (record: IDataObject, period: string) =>
	((record.prices ?? []) as IDataObject[]).filter((price) => price.billing_period === period);

describe.each(CATALOGUE)('$resource → Set Base Price', ({ resource, path, single, id, other }) => {
	const record = async (recordId = id) => await storaRecord(t.sandbox, path, recordId, single);

	it('POSTs one entry per billing period, amounts in minor units, under a base_price key', async () => {
		const before = await record();
		const result = await t.run(
			setBasePrice(resource, id, [
				{ billingPeriod: 'weekly', amount: 999 },
				{ billingPeriod: 'monthly', amount: 3999 },
			]),
		);
		expect(result.status).toBe('success');
		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect([request.method, request.path, request.rawQuery]).toEqual([
			'POST',
			`${API}${path}/${id}/base_price`,
			'',
		]);
		expect(request.body).toEqual({ weekly: { amount: 999 }, monthly: { amount: 3999 } });
		expect(request.idempotencyKey).toMatch(defaultKey('base_price'));

		const after = await record();
		expect(result.json('Stora')).toEqual([after]);
		expect(pricesFor(after, 'weekly').length).toBe(pricesFor(before, 'weekly').length + 1);
		expect(pricesFor(after, 'monthly').length).toBe(pricesFor(before, 'monthly').length + 1);
		expect(pricesFor(after, 'yearly').length).toBe(pricesFor(before, 'yearly').length);
	});

	it('an amount given as text of a whole number is sent as a number (a sheet’s cell)', async () => {
		const result = await t.run(
			setBasePrice(resource, id, [{ billingPeriod: 'yearly', amount: '={{ "45000" }}' }]),
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({ yearly: { amount: 45000 } });
	});

	it('a zero price is allowed', async () => {
		const result = await t.run(
			setBasePrice(resource, id, [{ billingPeriod: 'monthly', amount: 0 }]),
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({ monthly: { amount: 0 } });
	});

	it('the same prices run again reuse the key (one new price, not two); other prices or records get their own', async () => {
		const savedNode = { node: { id: `${resource}-price-node` } };
		const monthly = [{ billingPeriod: 'monthly', amount: 4242 }];
		const before = pricesFor(await record(), 'monthly').length;
		await t.run(setBasePrice(resource, id, monthly), savedNode);
		await t.run(setBasePrice(resource, id, monthly), savedNode);
		await t.run(
			setBasePrice(resource, id, [{ billingPeriod: 'monthly', amount: 4243 }]),
			savedNode,
		);
		await t.run(setBasePrice(resource, other, monthly), savedNode);
		const [a, b, c, d] = t.requests();
		expect(b.idempotencyKey).toBe(a.idempotencyKey);
		expect(b.replayed).toBe(true);
		expect(new Set([a.idempotencyKey, c.idempotencyKey, d.idempotencyKey]).size).toBe(3);
		expect(pricesFor(await record(), 'monthly').length).toBe(before + 2);
	});

	it('one price list per item, each paired to its item, from a sheet’s rows', async () => {
		const result = await t.run(
			{
				...setBasePrice(resource, '', [{ billingPeriod: 'monthly', amount: '={{ $json.pence }}' }]),
				[`${resource}Id`]: byId('={{ $json.id }}'),
			},
			{ inputItems: items({ id, pence: 1234 }, { id: other, pence: 5678 }) },
		);
		expect(result.status).toBe('success');
		expect(t.requests().map((r) => [r.path, r.body])).toEqual([
			[`${API}${path}/${id}/base_price`, { monthly: { amount: 1234 } }],
			[`${API}${path}/${other}/base_price`, { monthly: { amount: 5678 } }],
		]);
		expect(result.output('Stora').map((item) => [item.pairedItem, item.json.id])).toEqual([
			[{ item: 0 }, id],
			[{ item: 1 }, other],
		]);
	});
});

describe('Set Base Price options and output', () => {
	it('the Idempotency Key option is sent in the base_price key space', async () => {
		await t.run({
			...setBasePrice('product', SEED.products.padlock, [
				{ billingPeriod: 'monthly', amount: 500 },
			]),
			options: { idempotencyKey: 'sheet-row-12' },
		});
		expect(t.requests()[0].idempotencyKey).toBe('base_price:sheet-row-12');
	});

	it('Unit Type in version 2 outputs the simplified unit type with its new price', async () => {
		const result = await t.run(
			setBasePrice('unitType', SEED.unitTypes.leedsLarge, [
				{ billingPeriod: 'weekly', amount: 3777 },
			]),
			v2,
		);
		expect(result.status).toBe('success');
		const [unitType] = result.json('Stora');
		expect(unitType).toHaveProperty('site_id', SEED.sites.leeds);
		expect(unitType.prices as IDataObject[]).toContainEqual({
			billing_period: 'weekly',
			amount: 3777,
			formatted: expect.any(String),
		});
	});

	it('a body Stora refuses (422) keeps Stora’s message and pointer', async () => {
		t.sandbox.faults.add({
			method: 'POST',
			path: `${API}/products/${SEED.products.padlock}/base_price`,
			type: 'status',
			status: 422,
			body: {
				error: {
					code: 'invalid_content',
					message: 'The request body content is not valid.',
					details: [{ message: 'Amount is too large', pointer: '/monthly/amount' }],
				},
			},
		});
		const result = await t.run(
			setBasePrice('product', SEED.products.padlock, [
				{ billingPeriod: 'monthly', amount: 99999999 },
			]),
		);
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as { httpCode: string; description: string };
		expect(error.httpCode).toBe('422');
		expect(error.description).toContain('/monthly/amount: Amount is too large');
	});
});
