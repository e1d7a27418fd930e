/**
 * Set Base Price of unit types, protection levels and products through n8n-core's engine against
 * the sandbox: the body keyed by billing period in minor units, the key, the record after it.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { API, byId, defaultKey, storaRecord } from '../helpers/resources';
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
/** The price a billing period has now: Stora's docs leave open whether older ones stay listed. */
const latest = (record: IDataObject, period: string) =>
	pricesFor(record, period).at(-1) as IDataObject;

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
		// Each period given has a new price (a new Stripe price) of the amount; the others are as they were.
		expect(latest(after, 'weekly')).toMatchObject({ price: { amount: 999 } });
		expect(latest(after, 'monthly')).toMatchObject({ price: { amount: 3999 } });
		expect(latest(after, 'weekly').stripe_price_id).not.toBe(
			latest(before, 'weekly').stripe_price_id,
		);
		expect(latest(after, 'yearly')).toEqual(latest(before, 'yearly'));
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
		await t.run(setBasePrice(resource, id, monthly), savedNode);
		const first = latest(await record(), 'monthly');
		await t.run(setBasePrice(resource, id, monthly), savedNode);
		// Replayed, not made again: the same Stripe price, and one price of that amount.
		expect(latest(await record(), 'monthly')).toEqual(first);
		expect(
			pricesFor(await record(), 'monthly').filter((p) => (p.price as IDataObject).amount === 4242),
		).toHaveLength(1);
		await t.run(
			setBasePrice(resource, id, [{ billingPeriod: 'monthly', amount: 4243 }]),
			savedNode,
		);
		await t.run(setBasePrice(resource, other, monthly), savedNode);
		const [a, b, c, d] = t.requests();
		expect(b.idempotencyKey).toBe(a.idempotencyKey);
		expect(b.replayed).toBe(true);
		expect(new Set([a.idempotencyKey, c.idempotencyKey, d.idempotencyKey]).size).toBe(3);
		expect(latest(await record(), 'monthly')).toMatchObject({ price: { amount: 4243 } });
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
