/**
 * Get and Get Many of the plain resources (issue 19), through n8n-core's engine against the
 * sandbox: the exact requests (no guessed filter, no sort, page numbers), and the output compared
 * with what Stora itself answers.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { API, byId, fromList, storaAnswer, storaList, storaRecord, v2 } from '../helpers/resources';
import { useSandbox } from './sandbox';

const t = useSandbox();

interface Readable {
	resource: string;
	path: string;
	single: string;
	list: string;
	/** A seeded record (undefined: the resource has no Get). */
	id?: string;
}

const READABLE: Readable[] = [
	{ resource: 'unit', path: '/units', single: 'unit', list: 'units', id: SEED.units.camdenSmallA },
	{
		resource: 'unitAllocation',
		path: '/unit_allocations',
		single: 'unit_allocation',
		list: 'unit_allocations',
		id: SEED.unitAllocations.priyaSmall,
	},
	{
		resource: 'tenancy',
		path: '/tenancies',
		single: 'tenancy',
		list: 'tenancies',
		id: SEED.tenancies.priya,
	},
	{
		resource: 'subscription',
		path: '/subscriptions',
		single: 'subscription',
		list: 'subscriptions',
		id: SEED.subscriptions.priya,
	},
	{
		resource: 'invoice',
		path: '/invoices',
		single: 'invoice',
		list: 'invoices',
		id: SEED.invoices.paid,
	},
	{ resource: 'creditNote', path: '/credit_notes', single: 'credit_note', list: 'credit_notes' },
	{
		resource: 'contract',
		path: '/contracts',
		single: 'contract',
		list: 'contracts',
		id: SEED.contracts.signed,
	},
	{ resource: 'site', path: '/sites', single: 'site', list: 'sites', id: SEED.sites.camden },
	{
		resource: 'unitType',
		path: '/unit_types',
		single: 'unit_type',
		list: 'unit_types',
		id: SEED.unitTypes.camdenSmall,
	},
	{
		resource: 'protectionLevel',
		path: '/protection_levels',
		single: 'protection_level',
		list: 'protection_levels',
		id: SEED.protectionLevels.cover2500,
	},
	{
		resource: 'product',
		path: '/products',
		single: 'product',
		list: 'products',
		id: SEED.products.padlock,
	},
];

const WITH_GET = READABLE.filter((r) => r.id !== undefined);
const requestLine = () => t.requests().map((r) => [r.method, r.path, r.query, r.body]);

describe.each(WITH_GET)('$resource → Get', ({ resource, path, single, id }) => {
	const recordId = id as string;
	const get = { resource, operation: 'get', [`${resource}Id`]: byId(recordId) };

	it('GETs the record by ID and outputs it as Stora answers it (version 1: whole)', async () => {
		const result = await t.run(get);
		expect(result.status).toBe('success');
		expect(requestLine()).toEqual([['GET', `${API}${path}/${recordId}`, {}, undefined]]);
		expect(t.requests()[0].headers['idempotency-key']).toBeUndefined();
		const output = result.output('Stora');
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toEqual(await storaRecord(t.sandbox, path, recordId, single));
	});

	it('takes the ID picked from the list, and one request per item', async () => {
		const result = await t.run(
			{ ...get, [`${resource}Id`]: fromList('={{ $json.id }}') },
			{ inputItems: items({ id: recordId }, { id: recordId }) },
		);
		expect(result.status).toBe('success');
		expect(t.requests().map((r) => r.path)).toEqual([
			`${API}${path}/${recordId}`,
			`${API}${path}/${recordId}`,
		]);
		expect(result.output('Stora').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
	});

	it('an unknown ID is Stora’s 404 with the request ID', async () => {
		const prefix = /^[a-z]+_/.exec(recordId)?.[0] ?? '';
		const result = await t.run({ ...get, [`${resource}Id`]: byId(`${prefix}0000000000000000`) });
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as { httpCode: string; description: string };
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/Stora request ID: [0-9a-f-]{36}/);
		expect(t.requests()).toHaveLength(1);
	});
});

describe.each(READABLE)('$resource → Get Many', ({ resource, path, list }) => {
	const getMany = { resource, operation: 'getAll' };

	it('the default Limit is 50: one request for page 1, no sort and no filter sent', async () => {
		const result = await t.run(getMany);
		expect(result.status).toBe('success');
		expect(requestLine()).toEqual([
			['GET', `${API}${path}`, { page: '1', limit: '50' }, undefined],
		]);
		const stora = (await storaAnswer(t.sandbox, `${path}?page=1&limit=50`)).json?.[list];
		expect(result.json('Stora')).toEqual(stora);
	});

	it('Return All asks pages of 100 by page number and outputs every record once', async () => {
		const result = await t.run({ ...getMany, returnAll: true });
		expect(result.status).toBe('success');
		expect(t.requests()[0].query).toEqual({ page: '1', limit: '100' });
		const all = await storaList(t.sandbox, path, list);
		expect(all.length).toBeGreaterThan(0);
		const output = result.output('Stora');
		expect(output.map((item) => item.json)).toEqual(all);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit 1 asks for one record', async () => {
		const result = await t.run({ ...getMany, limit: 1 });
		expect(t.requests().map((r) => r.query)).toEqual([{ page: '1', limit: '1' }]);
		expect(result.json('Stora')).toHaveLength(1);
	});
});

describe('Get Many: Return All over several pages', () => {
	/** Copies of a seeded record with new IDs, so that a list has more than one page. */
	const grow = (collection: string, prefix: string, count: number) => {
		const records = (t.sandbox.store as unknown as Record<string, IDataObject[]>)[collection];
		const [model] = records;
		for (let i = 0; i < count; i++) {
			records.push({
				...structuredClone(model),
				id: `${prefix}${String(i).padStart(16, '0')}`,
				created_at: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000)
					.toISOString()
					.replace('.000', ''),
			});
		}
		return records.length;
	};

	it.each([
		['tenancy', 'tenancies', '/tenancies', 'ten_'],
		['unit', 'units', '/units', 'unit_'],
	])('%s: pages 1, 2, 3 of 100, each record once', async (resource, collection, path, prefix) => {
		const total = grow(collection, prefix, 230);
		const result = await t.run({ resource, operation: 'getAll', returnAll: true });
		expect(result.status).toBe('success');
		expect(t.requests().map((r) => [r.path, r.query])).toEqual([
			[`${API}${path}`, { page: '1', limit: '100' }],
			[`${API}${path}`, { page: '2', limit: '100' }],
			[`${API}${path}`, { page: '3', limit: '100' }],
		]);
		const ids = result.json('Stora').map((record) => record.id);
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
	});

	it('a list that shifts between pages (a unit added meanwhile) still outputs each unit once', async () => {
		grow('units', 'unit_', 230);
		const page = async (n: number) =>
			(await storaAnswer(t.sandbox, `/units?page=${n}&limit=100`)).json as IDataObject;
		const [first, second] = [await page(1), await page(2)];
		const firstUnits = first.units as IDataObject[];
		const secondUnits = second.units as IDataObject[];
		// Page 2 as Stora answers it once a new unit has pushed every unit one place on.
		t.sandbox.faults.add({
			method: 'GET',
			path: `${API}/units`,
			type: 'status',
			status: 200,
			every: 2,
			body: { ...second, units: [firstUnits[99], ...secondUnits.slice(0, 99)] },
		});
		const result = await t.run({ resource: 'unit', operation: 'getAll', returnAll: true });
		expect(result.status).toBe('success');
		expect(t.requests().map((r) => r.query.page)).toEqual(['1', '2', '3']);
		const ids = result.json('Stora').map((record) => record.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.filter((id) => id === firstUnits[99].id)).toHaveLength(1);
	});
});

describe('Get Many filters', () => {
	const sent = () => t.requests().map((r) => r.query);

	it('Unit: site, unit type and status, comma-separated as Stora documents them', async () => {
		const result = await t.run({
			resource: 'unit',
			operation: 'getAll',
			returnAll: true,
			filters: {
				siteIds: ` ${SEED.sites.camden} `,
				unitTypeIds: `${SEED.unitTypes.camdenLocker}, ${SEED.unitTypes.camdenSmall}`,
				statuses: ['available'],
			},
		});
		expect(result.status).toBe('success');
		expect(sent()).toEqual([
			{
				page: '1',
				limit: '100',
				site_id: SEED.sites.camden,
				unit_type_id: `${SEED.unitTypes.camdenLocker},${SEED.unitTypes.camdenSmall}`,
				status: 'available',
			},
		]);
		const units = result.json('Stora');
		expect(units.length).toBeGreaterThan(0);
		expect(units.map((unit) => unit.id)).toEqual(
			(
				await storaList(
					t.sandbox,
					'/units',
					'units',
					`site_id=${SEED.sites.camden}&unit_type_id=${SEED.unitTypes.camdenLocker},${SEED.unitTypes.camdenSmall}&status=available`,
				)
			).map((unit) => unit.id),
		);
		expect(units.every((unit) => unit.status === 'available')).toBe(true);
	});

	it('Unit: the overlocked state is asked for with Stora’s filter literal `overlock`', async () => {
		const result = await t.run({
			resource: 'unit',
			operation: 'getAll',
			returnAll: true,
			filters: { statuses: ['overlock'] },
		});
		expect(result.status).toBe('success');
		expect(sent()[0].status).toBe('overlock');
		expect(result.json('Stora').map((unit) => unit.id)).toContain(SEED.units.leedsLargeOverlocked);
	});

	it('Unit: “overlocked” as text (the state’s name in Stora’s guides) is sent as `overlock`', async () => {
		const result = await t.run({
			resource: 'unit',
			operation: 'getAll',
			returnAll: true,
			filters: { statuses: '={{ "overlocked, reserved" }}' },
		});
		expect(result.status).toBe('success');
		expect(sent()[0].status).toBe('overlock,reserved');
		expect(
			result
				.json('Stora')
				.map((unit) => unit.id)
				.sort(),
		).toEqual([SEED.units.leedsLargeOverlocked, SEED.units.camdenLockerReserved].sort());
	});

	it('Unit Allocation: contact, tenancy, unit and site', async () => {
		const result = await t.run({
			resource: 'unitAllocation',
			operation: 'getAll',
			returnAll: true,
			filters: {
				contactIds: SEED.contacts.priya,
				tenancyIds: SEED.tenancies.priya,
				unitIds: `${SEED.units.camdenSmallOccupied},${SEED.units.camdenLockerReserved}`,
				siteIds: SEED.sites.camden,
			},
		});
		expect(result.status).toBe('success');
		expect(sent()).toEqual([
			{
				page: '1',
				limit: '100',
				contact_id: SEED.contacts.priya,
				tenancy_id: SEED.tenancies.priya,
				unit_id: `${SEED.units.camdenSmallOccupied},${SEED.units.camdenLockerReserved}`,
				site_id: SEED.sites.camden,
			},
		]);
		expect(
			result
				.json('Stora')
				.map((a) => a.id)
				.sort(),
		).toEqual([SEED.unitAllocations.priyaSmall, SEED.unitAllocations.priyaLocker].sort());
	});

	it.each(['invoice', 'creditNote', 'subscription', 'site', 'unitType', 'product', 'contract'])(
		'%s: Additional Query Parameters are sent as given, and only them',
		async (resource) => {
			const result = await t.run({
				resource,
				operation: 'getAll',
				limit: 5,
				filters: {
					additionalQuery: {
						parameters: [
							{ key: 'status', value: 'paid' },
							{ key: 'contact_id', value: SEED.contacts.priya },
						],
					},
				},
			});
			expect(result.status).toBe('success');
			expect(sent()).toEqual([
				{ page: '1', limit: '5', status: 'paid', contact_id: SEED.contacts.priya },
			]);
		},
	);
});

describe('Simplify (on by default in version 2)', () => {
	const amount = (money: unknown) => (money as IDataObject | null | undefined)?.amount ?? null;
	const formatted = (money: unknown) =>
		(money as IDataObject | null | undefined)?.formatted ?? null;
	const idOf = (stub: unknown) => (stub as IDataObject | null | undefined)?.id ?? null;

	it('Invoice: the fields of the SPEC, amounts in minor units', async () => {
		const result = await t.run(
			{ resource: 'invoice', operation: 'get', invoiceId: byId(SEED.invoices.paid) },
			v2,
		);
		const invoice = await storaRecord(t.sandbox, '/invoices', SEED.invoices.paid, 'invoice');
		const [simple] = result.json('Stora');
		expect(Object.keys(simple).sort()).toEqual(
			[
				'id',
				'number',
				'status',
				'contact_id',
				'site_id',
				'subscription_id',
				'total',
				'total_formatted',
				'amount_due',
				'amount_due_formatted',
				'amount_paid',
				'amount_paid_formatted',
				'currency',
				'period_start',
				'period_end',
				'finalized_at',
				'paid_at',
				'voided_at',
				'created_at',
			].sort(),
		);
		expect(simple).toMatchObject({
			id: SEED.invoices.paid,
			number: invoice.number,
			status: 'paid',
			contact_id: idOf(invoice.contact),
			site_id: idOf(invoice.site),
			subscription_id: idOf(invoice.subscription),
			total: amount(invoice.total),
			total_formatted: formatted(invoice.total),
			amount_due: amount(invoice.amount_due),
			amount_paid: amount(invoice.amount_paid),
			amount_paid_formatted: formatted(invoice.amount_paid),
			paid_at: invoice.paid_at,
			created_at: invoice.created_at,
		});
		expect(typeof simple.total).toBe('number');
		// Simplify off gives the record as Stora answers it.
		const full = await t.run(
			{
				resource: 'invoice',
				operation: 'get',
				invoiceId: byId(SEED.invoices.paid),
				simplify: false,
			},
			v2,
		);
		expect(full.json('Stora')).toEqual([invoice]);
	});

	it('Subscription: the fields of the SPEC', async () => {
		const result = await t.run(
			{ resource: 'subscription', operation: 'getAll', returnAll: true },
			v2,
		);
		const stora = await storaList(t.sandbox, '/subscriptions', 'subscriptions');
		const output = result.json('Stora');
		expect(output).toHaveLength(stora.length);
		stora.forEach((subscription, index) => {
			const period = (subscription.current_period ?? {}) as IDataObject;
			expect(output[index]).toEqual({
				id: subscription.id,
				contact_id: idOf(subscription.contact),
				site_id: idOf(subscription.site),
				tenancy_id: idOf(subscription.tenancy),
				order_id: idOf(subscription.order),
				billing_period: subscription.billing_period,
				cancelled: subscription.cancelled,
				cancellation_reason: subscription.cancellation_reason ?? null,
				starts_at: subscription.starts_at ?? null,
				ends_at: subscription.ends_at ?? null,
				current_period_starts_at: period.starts_at ?? null,
				current_period_ends_at: period.ends_at ?? null,
				created_at: subscription.created_at ?? null,
			});
		});
	});

	it('Unit Type: prices as billing period, amount and text', async () => {
		const result = await t.run(
			{ resource: 'unitType', operation: 'get', unitTypeId: byId(SEED.unitTypes.camdenSmall) },
			v2,
		);
		const unitType = await storaRecord(
			t.sandbox,
			'/unit_types',
			SEED.unitTypes.camdenSmall,
			'unit_type',
		);
		const [simple] = result.json('Stora');
		expect(Object.keys(simple).sort()).toEqual(
			[
				'id',
				'name',
				'slug',
				'site_id',
				'status',
				'size_description',
				'prices',
				'security_deposit',
				'promotion_id',
				'created_at',
			].sort(),
		);
		expect(simple).toMatchObject({
			id: SEED.unitTypes.camdenSmall,
			name: unitType.name,
			site_id: SEED.sites.camden,
			promotion_id: idOf(unitType.promotion),
		});
		const prices = simple.prices as IDataObject[];
		expect(prices.find((price) => price.billing_period === 'monthly')).toEqual({
			billing_period: 'monthly',
			amount: 6999,
			formatted: expect.any(String),
		});
	});

	it('version 1 keeps the whole record unless Simplify is chosen', async () => {
		const get = {
			resource: 'subscription',
			operation: 'get',
			subscriptionId: byId(SEED.subscriptions.sam),
		};
		const whole = await t.run(get);
		expect(whole.json('Stora')).toEqual([
			await storaRecord(t.sandbox, '/subscriptions', SEED.subscriptions.sam, 'subscription'),
		]);
		const simple = await t.run({ ...get, simplify: true });
		expect(simple.json('Stora')[0]).toHaveProperty('contact_id', SEED.contacts.sam);
	});
});
