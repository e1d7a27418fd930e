/**
 * Bad input to the resources of issue 19, as it reaches the node through expressions (mapped
 * data, an AI Agent's $fromAI): a clear error naming the field, the value and the item, before
 * any request is sent; with Continue on Fail the other items still run.
 */
import type { INode, INodeParameters } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { byId } from '../helpers/resources';
import { expectRefusedBeforeAnyRequest, useSandbox } from './sandbox';

const t = useSandbox();

const expr = (value: string) => byId(`={{ ${JSON.stringify(value)} }}`);

/** [resource, picker display name, prefix, an operation taking the picker] for every ID. */
const PICKERS: Array<[string, string, string, string]> = [
	['unit', 'Unit', 'unit_', 'get'],
	['unitAllocation', 'Unit Allocation', 'alloc_', 'get'],
	['tenancy', 'Tenancy', 'ten_', 'get'],
	['subscription', 'Subscription', 'sub_', 'get'],
	['invoice', 'Invoice', 'inv_', 'get'],
	['invoice', 'Invoice', 'inv_', 'downloadPdf'],
	['creditNote', 'Credit Note', 'cred_', 'downloadPdf'],
	['contract', 'Contract', 'ctr_', 'get'],
	['contract', 'Contract', 'ctr_', 'downloadPdf'],
	['site', 'Site', 'site_', 'get'],
	['unitType', 'Unit Type', 'utype_', 'get'],
	['protectionLevel', 'Protection Level', 'plvl_', 'get'],
	['product', 'Product', 'prod_', 'get'],
	['unit', 'Unit', 'unit_', 'deallocate'],
];

type Case = [string, INode['parameters'], string | RegExp, RegExp];

const idCases: Case[] = PICKERS.flatMap(([resource, name, prefix, operation]): Case[] => [
	[
		`${resource} ${operation}: an ID of another record`,
		{ resource, operation, [`${resource}Id`]: expr('order_942ae99a1fdc940e') },
		`Invalid ${name} ID "order_942ae99a1fdc940e" [item 0]`,
		new RegExp(`starts with "${prefix}"`),
	],
	[
		`${resource} ${operation}: an empty ID`,
		{ resource, operation, [`${resource}Id`]: expr('') },
		`Invalid ${name} ID "" [item 0]`,
		new RegExp(`starts with "${prefix}"`),
	],
]);

const unitId = byId(SEED.units.camdenSmallA);
const reserve = {
	resource: 'unit',
	operation: 'reserve',
	unitId,
	tenancyId: byId(SEED.tenancies.priya),
};
const grant = { ...reserve, operation: 'grantAccess' };
const prices = (...price: INodeParameters[]) => ({
	resource: 'unitType',
	operation: 'setBasePrice',
	unitTypeId: byId(SEED.unitTypes.camdenSmall),
	prices: { price },
});

const actionCases: Case[] = [
	[
		'Reserve: no tenancy',
		{ ...reserve, tenancyId: expr('') },
		'Invalid Tenancy ID "" [item 0]',
		/tenancy.*\(ten_…\)/,
	],
	[
		'Reserve: a contact ID as tenancy',
		{ ...reserve, tenancyId: expr(SEED.contacts.priya) },
		`Invalid Tenancy ID "${SEED.contacts.priya}" [item 0]`,
		/starts with "ten_"/,
	],
	[
		'Reserve: a unit type ID as unit',
		{ ...reserve, unitId: expr(SEED.unitTypes.camdenSmall) },
		`Invalid Unit ID "${SEED.unitTypes.camdenSmall}" [item 0]`,
		/starts with "unit_"/,
	],
	[
		'Grant Access: no tenancy',
		{ ...grant, tenancyId: expr('') },
		'Invalid Tenancy ID "" [item 0]',
		/tenancy.*\(ten_…\)/,
	],
	[
		'Overlock: a tenancy ID as contact',
		{ resource: 'unit', operation: 'overlock', contactId: expr(SEED.tenancies.sam) },
		`Invalid Contact ID "${SEED.tenancies.sam}" [item 0]`,
		/starts with "con_"/,
	],
	[
		'Remove Overlock: no contact',
		{ resource: 'unit', operation: 'removeOverlock', contactId: expr('') },
		'Invalid Contact ID "" [item 0]',
		/contact.*\(con_…\)/,
	],
	[
		'Set Base Price: a negative amount',
		prices({ billingPeriod: 'monthly', amount: -100 }),
		/^Invalid .*-100.* \[item 0\]$/,
		/non-negative|0 or more|whole number/i,
	],
	[
		'Set Base Price: pounds instead of pence (a fraction)',
		prices({ billingPeriod: 'monthly', amount: 69.99 }),
		/^Invalid .*69\.99.* \[item 0\]$/,
		/minor units|pence|whole number/i,
	],
	[
		'Set Base Price: an amount that is not a number',
		prices({ billingPeriod: 'monthly', amount: '={{ "£12" }}' }),
		/^Invalid .*£12.* \[item 0\]$/,
		/minor units|whole number|number/i,
	],
	[
		'Set Base Price: a billing period twice',
		prices({ billingPeriod: 'weekly', amount: 100 }, { billingPeriod: 'weekly', amount: 200 }),
		/^Invalid .*weekly.* \[item 0\]$/,
		/once|twice|more than one/i,
	],
	[
		'Set Base Price: an unknown billing period',
		prices({ billingPeriod: '={{ "daily" }}', amount: 100 }),
		/^Invalid Billing Period.* "daily" \[item 0\]$/,
		/monthly/,
	],
	[
		'Set Base Price: no price at all',
		{ ...prices(), prices: {} },
		/^Invalid .* \[item 0\]$/,
		/price/i,
	],
	[
		'Set Base Price: a product ID on a protection level',
		{
			resource: 'protectionLevel',
			operation: 'setBasePrice',
			protectionLevelId: expr(SEED.products.padlock),
			prices: { price: [{ billingPeriod: 'monthly', amount: 100 }] },
		},
		`Invalid Protection Level ID "${SEED.products.padlock}" [item 0]`,
		/starts with "plvl_"/,
	],
	[
		'Unit Get Many: a unit type ID among the sites',
		{
			resource: 'unit',
			operation: 'getAll',
			filters: { siteIds: `${SEED.sites.camden}, ${SEED.unitTypes.camdenSmall}` },
		},
		new RegExp(`^Invalid Site.* "${SEED.unitTypes.camdenSmall}" \\[item 0\\]$`),
		/starts with "site_"/,
	],
	[
		'Unit Get Many: a site ID among the unit types',
		{ resource: 'unit', operation: 'getAll', filters: { unitTypeIds: SEED.sites.leeds } },
		new RegExp(`^Invalid Unit Type.* "${SEED.sites.leeds}" \\[item 0\\]$`),
		/starts with "utype_"/,
	],
	[
		'Unit Get Many: an unknown status',
		{ resource: 'unit', operation: 'getAll', filters: { statuses: '={{ "free" }}' } },
		/^Invalid Status.* "free" \[item 0\]$/,
		/available/,
	],
	[
		'Unit Allocation Get Many: a unit ID among the tenancies',
		{
			resource: 'unitAllocation',
			operation: 'getAll',
			filters: { tenancyIds: SEED.units.camdenSmallA },
		},
		new RegExp(`^Invalid Tenanc.* "${SEED.units.camdenSmallA}" \\[item 0\\]$`),
		/starts with "ten_"/,
	],
	[
		'Unit Allocation Get Many: a contact filter with a wrong ID',
		{ resource: 'unitAllocation', operation: 'getAll', filters: { contactIds: 'cus_1' } },
		/^Invalid Contact.* "cus_1" \[item 0\]$/,
		/starts with "con_"/,
	],
	[
		'Invoice Get Many: page as an Additional Query Parameter (the node pages itself)',
		{
			resource: 'invoice',
			operation: 'getAll',
			filters: { additionalQuery: { parameters: [{ key: 'page', value: '2' }] } },
		},
		/^Invalid Additional Query Parameter.* "page" \[item 0\]$/,
		/page and limit/,
	],
	[
		'Site Get Many: an Additional Query Parameter value without a key',
		{
			resource: 'site',
			operation: 'getAll',
			filters: { additionalQuery: { parameters: [{ key: ' ', value: 'london' }] } },
		},
		/^Invalid Additional Query Parameter.* \[item 0\]$/,
		/london/,
	],
	[
		'Grant Access: a Reserve node’s printed key as Idempotency Key',
		{ ...grant, options: { idempotencyKey: `n8n-unit_reserve-${'0'.repeat(32)}` } },
		`Invalid Idempotency Key "n8n-unit_reserve-${'0'.repeat(32)}" [item 0]`,
		/made by a Unit → Reserve node; a Unit → Grant Access node cannot reuse it/,
	],
	[
		'Set Base Price: an order Create node’s printed key as Idempotency Key',
		{
			...prices({ billingPeriod: 'monthly', amount: 100 }),
			options: { idempotencyKey: `n8n-create-${'0'.repeat(32)}` },
		},
		`Invalid Idempotency Key "n8n-create-${'0'.repeat(32)}" [item 0]`,
		/made by a Create \(order\) node; a Set Base Price node cannot reuse it/,
	],
	[
		'Tenancy Get Many: a Limit of 0',
		{ resource: 'tenancy', operation: 'getAll', limit: 0 },
		'Invalid Limit 0 [item 0]',
		/whole number of 1 or more/,
	],
];

describe('Issue 19: bad input is reported before any request is sent', () => {
	it.each([...idCases, ...actionCases])('%s', async (_, parameters, message, description) => {
		await expectRefusedBeforeAnyRequest(t, parameters, message, description);
	});
});

describe('Issue 19: one bad item among good ones', () => {
	const inputItems = items(
		{ unit: SEED.units.camdenLockerA },
		{ unit: SEED.tenancies.priya },
		{ unit: SEED.units.camdenLockerB },
	);
	const perItem = { ...reserve, unitId: byId('={{ $json.unit }}') };

	it('without Continue on Fail nothing is sent, not even for the good item before it', async () => {
		const result = await t.run(perItem, { inputItems });
		expect(result.status).toBe('error');
		expect(result.nodeError('Stora')?.message).toBe(
			`Invalid Unit ID "${SEED.tenancies.priya}" [item 1]`,
		);
		expect(t.requests()).toEqual([]);
	});

	it('with Continue on Fail the bad item is an error item, the good ones are reserved', async () => {
		const result = await t.run(perItem, { inputItems, node: { onError: 'continueRegularOutput' } });
		expect(result.status).toBe('success');
		const output = result.output('Stora');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({ id: SEED.units.camdenLockerA, status: 'reserved' });
		expect((output[1].json.error as { message: string }).message).toBe(
			`Invalid Unit ID "${SEED.tenancies.priya}" [item 1]`,
		);
		expect(output[2].json).toMatchObject({ id: SEED.units.camdenLockerB, status: 'reserved' });
		expect(t.requests().map((request) => request.path)).toEqual([
			`/2025-09/units/${SEED.units.camdenLockerA}/reserve`,
			`/2025-09/units/${SEED.units.camdenLockerB}/reserve`,
		]);
	});

	it('Set Base Price with Continue on Fail: a row with a bad amount fails, the other rows are sent', async () => {
		const result = await t.run(
			{
				...prices({ billingPeriod: 'monthly', amount: '={{ $json.pence }}' }),
				unitTypeId: byId('={{ $json.id }}'),
			},
			{
				inputItems: items(
					{ id: SEED.unitTypes.camdenSmall, pence: 7000 },
					{ id: SEED.unitTypes.camdenMedium, pence: -5 },
					{ id: SEED.unitTypes.leedsSmall, pence: 5000 },
				),
				node: { onError: 'continueRegularOutput' },
			},
		);
		expect(result.status).toBe('success');
		const output = result.json('Stora');
		expect(output[0].id).toBe(SEED.unitTypes.camdenSmall);
		expect((output[1].error as { message: string }).message).toMatch(/-5.*\[item 1\]$/);
		expect(output[2].id).toBe(SEED.unitTypes.leedsSmall);
		expect(t.requests().map((request) => request.body)).toEqual([
			{ monthly: { amount: 7000 } },
			{ monthly: { amount: 5000 } },
		]);
	});
});
