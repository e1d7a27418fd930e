/**
 * Every new POST of issue 19 when Stora's answer is lost (the action is done, the connection
 * drops before the answer arrives): the node asks again under the same idempotency key, Stora
 * replays its first answer, and the action happens once.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { API, byId, storaList, storaRecord } from '../helpers/resources';
import { useSandbox } from './sandbox';

const t = useSandbox();

const U = SEED.units;
const T = SEED.tenancies;

const unit = async (id: string) => await storaRecord(t.sandbox, '/units', id, 'unit');
const allocations = async (unitId: string) =>
	await storaList(t.sandbox, '/unit_allocations', 'unit_allocations', `unit_id=${unitId}`);
const pricesOf = async (path: string, id: string, single: string) =>
	((await storaRecord(t.sandbox, path, id, single)).prices ?? []) as IDataObject[];

interface LostAnswerCase {
	name: string;
	parameters: INodeParameters;
	path: string;
	/** The action's one effect, checked after the run (given the node's output). */
	once: (output: IDataObject[]) => Promise<void>;
}

const price = (resource: string, id: string) => ({
	resource,
	operation: 'setBasePrice',
	[`${resource}Id`]: byId(id),
	prices: { price: [{ billingPeriod: 'every_four_weeks', amount: 7777 }] },
});

const basePriceCase = (resource: string, path: string, single: string, id: string) => ({
	name: `${resource}: Set Base Price`,
	parameters: price(resource, id),
	path: `${API}${path}/${id}/base_price`,
	once: async (output: IDataObject[]) => {
		const prices = (await pricesOf(path, id, single)).filter(
			(p) => p.billing_period === 'every_four_weeks',
		);
		const made = prices.filter((p) => (p.price as IDataObject | undefined)?.amount === 7777);
		// One price made: the one whose Stripe price the node output (Stora's first answer).
		expect(made).toHaveLength(1);
		const outputPrices = (output[0].prices ?? []) as IDataObject[];
		expect(outputPrices).toContainEqual(made[0]);
	},
});

const CASES: LostAnswerCase[] = [
	{
		name: 'Unit: Reserve',
		parameters: {
			resource: 'unit',
			operation: 'reserve',
			unitId: byId(U.camdenSmallA),
			tenancyId: byId(T.priya),
		},
		path: `${API}/units/${U.camdenSmallA}/reserve`,
		once: async () => {
			expect((await unit(U.camdenSmallA)).status).toBe('reserved');
			expect(await allocations(U.camdenSmallA)).toHaveLength(1);
		},
	},
	{
		name: 'Unit: Grant Access',
		parameters: {
			resource: 'unit',
			operation: 'grantAccess',
			unitId: byId(U.leedsLockerA),
			tenancyId: byId(T.sam),
		},
		path: `${API}/units/${U.leedsLockerA}/grant_access`,
		once: async () => {
			expect((await unit(U.leedsLockerA)).status).toBe('occupied');
			expect(await allocations(U.leedsLockerA)).toHaveLength(1);
		},
	},
	{
		name: 'Unit: Deallocate',
		parameters: { resource: 'unit', operation: 'deallocate', unitId: byId(U.camdenSmallOccupied) },
		path: `${API}/units/${U.camdenSmallOccupied}/deallocate`,
		once: async () => {
			expect((await unit(U.camdenSmallOccupied)).status).toBe('available');
		},
	},
	{
		name: 'Unit: Overlock',
		parameters: { resource: 'unit', operation: 'overlock', contactId: byId(SEED.contacts.priya) },
		path: `${API}/units/overlock`,
		once: async () => {
			expect((await unit(U.camdenSmallOccupied)).status).toBe('overlocked');
		},
	},
	{
		name: 'Unit: Remove Overlock',
		parameters: {
			resource: 'unit',
			operation: 'removeOverlock',
			contactId: byId(SEED.contacts.sam),
		},
		path: `${API}/units/remove_overlock`,
		once: async () => {
			expect((await unit(U.leedsLargeOverlocked)).status).toBe('occupied');
		},
	},
	basePriceCase('unitType', '/unit_types', 'unit_type', SEED.unitTypes.camdenMedium),
	basePriceCase(
		'protectionLevel',
		'/protection_levels',
		'protection_level',
		SEED.protectionLevels.cover2500,
	),
	basePriceCase('product', '/products', 'product', SEED.products.movingBoxes),
];

describe.each(CASES)('$name: a lost answer', ({ parameters, path, once }) => {
	it('is asked again under the same key; Stora replays it; the action happens once', async () => {
		t.sandbox.faults.add({ method: 'POST', path, type: 'reset', afterProcessing: true });
		const result = await t.run(parameters);
		expect(result.status).toBe('success');
		const posts = t.requests().filter((r) => r.method === 'POST');
		expect(posts.map((r) => [r.path, r.status, r.replayed])).toEqual([
			[path, 0, false],
			[path, expect.any(Number), true],
		]);
		expect(posts[1].status).toBeLessThan(300);
		expect(posts[1].idempotencyKey).toBe(posts[0].idempotencyKey);
		expect(posts[0].idempotencyKey).toBeTruthy();
		expect(result.output('Stora')).toHaveLength(1);
		await once(result.json('Stora'));
	});

	it('the workflow run again afterwards (n8n’s Retry of the execution) reuses the key: still once', async () => {
		t.sandbox.faults.add({ method: 'POST', path, type: 'reset', afterProcessing: true });
		const saved = { node: { id: 'saved-node' } };
		const first = await t.run(parameters, saved);
		const again = await t.run(parameters, saved);
		expect([first.status, again.status]).toEqual(['success', 'success']);
		const posts = t.requests().filter((r) => r.method === 'POST');
		expect(new Set(posts.map((r) => r.idempotencyKey)).size).toBe(1);
		expect(posts.map((r) => r.replayed)).toEqual([false, true, true]);
		expect(again.json('Stora')).toEqual(first.json('Stora'));
		await once(again.json('Stora'));
	});
});
