import type { INode } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { expectRefusedBeforeAnyRequest, useSandbox } from './sandbox';

const t = useSandbox();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const order = byId(SEED.orders.draftReady);
const line = byId('olitm_1001cbd3d5fec937');

const create = { resource: 'lineItem', operation: 'create', orderId: order };
const unitType = { ...create, type: 'unit_type', unitTypeId: SEED.unitTypes.camdenSmall };
const update = { resource: 'lineItem', operation: 'update', orderId: order, lineItemId: line };
const remove = { resource: 'lineItem', operation: 'delete', orderId: order, lineItemId: line };
const getMany = { resource: 'lineItem', operation: 'getAll', orderId: order };

/**
 * IDs typed into a locator's By ID are also checked by n8n itself (its regex); these come from
 * expressions, as mapped IDs and an AI Agent's do.
 * [what the user did wrong, parameters, the exact error message, what the description says]. */
const cases: Array<[string, INode['parameters'], string, RegExp]> = [
	[
		'an unknown type (Create)',
		{ ...unitType, type: '={{ "locker" }}' },
		'Invalid Type "locker" [item 0]',
		/one of: unit_type, protection, product, security_deposit/,
	],
	[
		'a protection level ID for a unit type (Create)',
		{ ...unitType, unitTypeId: SEED.protectionLevels.cover1000 },
		`Invalid Unit Type ID "${SEED.protectionLevels.cover1000}" [item 0]`,
		/starts with "utype_"/,
	],
	[
		'a unit type ID for protection (Create)',
		{ ...create, type: 'protection', protectionLevelId: SEED.unitTypes.camdenSmall },
		`Invalid Protection Level ID "${SEED.unitTypes.camdenSmall}" [item 0]`,
		/starts with "plvl_"/,
	],
	[
		'no product chosen (Create)',
		{ ...create, type: 'product' },
		'Invalid Product ID "" [item 0]',
		/starts with "prod_"/,
	],
	[
		'a product ID for a security deposit (Create)',
		{ ...create, type: 'security_deposit', unitTypeId: SEED.products.padlock },
		`Invalid Unit Type ID "${SEED.products.padlock}" [item 0]`,
		/starts with "utype_"/,
	],
	[
		'a quantity of 0 (Create)',
		{ ...unitType, quantity: 0 },
		'Invalid Quantity 0 [item 0]',
		/whole number of 1 or more/,
	],
	[
		'a fractional quantity (Create)',
		{ ...unitType, quantity: 1.5 },
		'Invalid Quantity 1.5 [item 0]',
		/whole number of 1 or more/,
	],
	[
		'a quantity as words (Create, e.g. from an AI Agent)',
		{ ...unitType, quantity: '={{ "two" }}' },
		'Invalid Quantity "two" [item 0]',
		/whole number of 1 or more/,
	],
	[
		'a negative price (Create)',
		{ ...unitType, setPrice: true, price: -1 },
		'Invalid Price -1 [item 0]',
		/whole number of 0 or more/,
	],
	[
		'a price in pounds (Create)',
		{ ...unitType, setPrice: true, price: 19.99 },
		'Invalid Price 19.99 [item 0]',
		/whole number of 0 or more/,
	],
	[
		'an order ID with the wrong prefix (Create)',
		{ ...unitType, orderId: byId('={{ "ord_123" }}') },
		'Invalid Order ID "ord_123" [item 0]',
		/starts with "order_"/,
	],
	[
		'a default key made by an order Create node (Create)',
		{ ...unitType, options: { idempotencyKey: `n8n-create-${'0'.repeat(32)}` } },
		`Invalid Idempotency Key "n8n-create-${'0'.repeat(32)}" [item 0]`,
		/made by a Create \(order\) node; a Line Item → Create node cannot reuse it/,
	],
	[
		'an order ID with the wrong prefix (Get Many)',
		{ ...getMany, orderId: byId('={{ "42" }}') },
		'Invalid Order ID "42" [item 0]',
		/starts with "order_"/,
	],
	[
		'a Limit of 0 (Get Many)',
		{ ...getMany, limit: 0 },
		'Invalid Limit 0 [item 0]',
		/whole number of 1 or more/,
	],
	[
		'a line item ID with the wrong prefix (Update)',
		{ ...update, lineItemId: byId('={{ "li_123" }}'), updateFields: { quantity: 2 } },
		'Invalid Line Item ID "li_123" [item 0]',
		/starts with "olitm_"/,
	],
	[
		'an order ID with the wrong prefix (Update)',
		{ ...update, orderId: byId('={{ "olitm_1" }}'), updateFields: { quantity: 2 } },
		'Invalid Order ID "olitm_1" [item 0]',
		/starts with "order_"/,
	],
	[
		'nothing to update (Update)',
		{ ...update, updateFields: {} },
		'Invalid Update Fields {} [item 0]',
		/Nothing to update: add Quantity or Price/,
	],
	[
		'a quantity of 0 (Update)',
		{ ...update, updateFields: { quantity: 0 } },
		'Invalid Quantity 0 [item 0]',
		/whole number of 1 or more/,
	],
	[
		'a fractional quantity (Update)',
		{ ...update, updateFields: { quantity: 1.5 } },
		'Invalid Quantity 1.5 [item 0]',
		/whole number of 1 or more/,
	],
	[
		'a negative price (Update)',
		{ ...update, updateFields: { price: -500 } },
		'Invalid Price -500 [item 0]',
		/whole number of 0 or more/,
	],
	[
		'a line item ID with the wrong prefix (Delete)',
		{ ...remove, lineItemId: byId('={{ "" }}') },
		'Invalid Line Item ID "" [item 0]',
		/starts with "olitm_"/,
	],
	[
		'an order ID with the wrong prefix (Delete)',
		{ ...remove, orderId: byId('={{ "order-1" }}') },
		'Invalid Order ID "order-1" [item 0]',
		/starts with "order_"/,
	],
];

describe('bad line item input is reported before any request is sent', () => {
	it.each(cases)('%s', async (_, parameters, message, description) => {
		await expectRefusedBeforeAnyRequest(t, parameters, message, description);
	});
});

describe.each([
	[
		'Create',
		{ ...unitType, quantity: '={{ $json.quantity }}' },
		'Invalid Quantity 0 [item 1]',
		'Quantity must be a whole number of 1 or more.',
	],
	[
		'Update',
		{ ...update, updateFields: { quantity: '={{ $json.quantity }}' } },
		'Invalid Quantity 0 [item 1]',
		'Quantity must be a whole number of 1 or more.',
	],
])('one bad item among good ones (%s)', (_, parameters, message, description) => {
	const inputItems = items({ quantity: 1 }, { quantity: 0 }, { quantity: 2 });

	it('without Continue on Fail: nothing is sent at all, even for the good item before it', async () => {
		const result = await t.run(parameters, { inputItems });
		expect(result.nodeError('Stora')?.message).toBe(message);
		expect(t.requests()).toEqual([]);
	});

	it('with Continue on Fail: the bad item is an error item, the good ones run', async () => {
		const result = await t.run(parameters, {
			inputItems,
			node: { onError: 'continueRegularOutput' },
		});
		expect(result.status).toBe('success');
		const output = result.output('Stora');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.quantity).toBe(1);
		expect(output[1].json).toEqual({ error: { message, description } });
		expect(output[2].json.quantity).toBe(2);
		expect(t.requests().map((request) => request.body?.quantity)).toEqual([1, 2]);
	});
});
