import type { INode } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { expectRefusedBeforeAnyRequest, useSandbox } from './sandbox';

const t = useSandbox();

const create = { resource: 'order', operation: 'create', siteId: SEED.sites.camden };
const unitType = { type: 'unit_type', unitTypeId: SEED.unitTypes.camdenSmall, quantity: 1 };
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const metadataPairs = (pairs: Array<[string, string]>) => ({
	metadata: { metadataValues: pairs.map(([key, value]) => ({ key, value })) },
});
const manyKeys = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));

/**
 * A literal order ID is also checked by n8n itself (the locator's regex); these come from
 * expressions, as mapped IDs do.
 * [what the user did wrong, parameters, the exact error message, what the description says]. */
const cases: Array<[string, INode['parameters'], string, RegExp]> = [
	[
		'a site ID with the wrong prefix',
		{ ...create, siteId: 'camden' },
		'Invalid Site ID "camden" [item 0]',
		/starts with "site_"/,
	],
	[
		'a quantity of 0',
		{ ...create, lineItems: { lineItem: [{ ...unitType, quantity: 0 }] } },
		'Invalid Line item 1 quantity 0 [item 0]',
		/whole number of 1 or more/,
	],
	[
		'a fractional quantity',
		{ ...create, lineItems: { lineItem: [{ ...unitType, quantity: 1.5 }] } },
		'Invalid Line item 1 quantity 1.5 [item 0]',
		/whole number of 1 or more/,
	],
	[
		'a negative price',
		{ ...create, lineItems: { lineItem: [{ ...unitType, setPrice: true, price: -1 }] } },
		'Invalid Line item 1 price -1 [item 0]',
		/whole number of 0 or more/,
	],
	[
		'a price in pounds',
		{ ...create, lineItems: { lineItem: [{ ...unitType, setPrice: true, price: 19.99 }] } },
		'Invalid Line item 1 price 19.99 [item 0]',
		/whole number of 0 or more/,
	],
	[
		'a protection level ID for a unit type',
		{
			...create,
			lineItems: { lineItem: [{ ...unitType, unitTypeId: SEED.protectionLevels.cover1000 }] },
		},
		`Invalid Line item 1 item ID "${SEED.protectionLevels.cover1000}" [item 0]`,
		/starts with "utype_"/,
	],
	[
		'an empty item',
		{ ...create, lineItems: { lineItem: [{ type: 'product', productId: '' }] } },
		'Invalid Line item 1 item ID "" [item 0]',
		/starts with "prod_"/,
	],
	[
		'an invalid email',
		{ ...create, contact: { email: 'john@' } },
		'Invalid Contact Email "john@" [item 0]',
		/email address/,
	],
	[
		'a three-letter country',
		{ ...create, contact: { countryAlpha2: 'GBR' } },
		'Invalid Contact Country Code "GBR" [item 0]',
		/two letters/,
	],
	[
		'21 metadata keys',
		{ ...create, additionalFields: { metadataJson: JSON.stringify(manyKeys) } },
		`Invalid Metadata ${JSON.stringify(manyKeys)} [item 0]`,
		/at most 20 metadata keys; this has 21/,
	],
	[
		'a metadata key with capitals',
		{ ...create, additionalFields: metadataPairs([['Source', 'web']]) },
		'Invalid Metadata key "Source" [item 0]',
		/lowercase letters, digits/,
	],
	[
		'a 41-character metadata key',
		{ ...create, additionalFields: metadataPairs([['k'.repeat(41), 'v']]) },
		`Invalid Metadata key "${'k'.repeat(41)}" [item 0]`,
		/1 to 40 characters/,
	],
	[
		'a metadata value without a key',
		{ ...create, additionalFields: metadataPairs([['', 'orphan']]) },
		'Invalid Metadata key "" [item 0]',
		/1 to 40 characters/,
	],
	[
		'a 501-character metadata value',
		{ ...create, additionalFields: metadataPairs([['note', 'x'.repeat(501)]]) },
		`Invalid Metadata value for "note" "${'x'.repeat(40)}…" [item 0]`,
		/at most 500 characters; this one has 501/,
	],
	[
		'a number as metadata value',
		{ ...create, additionalFields: { metadataJson: '{"count": 3}' } },
		'Invalid Metadata value for "count" 3 [item 0]',
		/must be text/,
	],
	[
		'metadata JSON that is not JSON',
		{ ...create, additionalFields: { metadataJson: '{source: web}' } },
		'Invalid Metadata (JSON) "{source: web}" [item 0]',
		/not valid JSON/,
	],
	[
		'metadata JSON that is an array',
		{ ...create, additionalFields: { metadataJson: '["a"]' } },
		'Invalid Metadata (JSON) ["a"] [item 0]',
		/JSON object/,
	],
	[
		'line items JSON that is not JSON',
		{ ...create, lineItemsInputMode: 'json', lineItemsJson: '[{type: unit_type}]' },
		'Invalid Line Items (JSON) "[{type: unit_type}]" [item 0]',
		/not valid JSON/,
	],
	[
		'line items JSON that is an object',
		{ ...create, lineItemsInputMode: 'json', lineItemsJson: '{"type": "unit_type"}' },
		'Invalid Line Items (JSON) {"type":"unit_type"} [item 0]',
		/must be an array/,
	],
	[
		'a JSON line item of an unknown type',
		{
			...create,
			lineItemsInputMode: 'json',
			lineItemsJson: '[{"type": "locker", "item": {"id": "utype_1"}}]',
		},
		'Invalid Line Items (JSON) [0] type "locker" [item 0]',
		/one of: unit_type, protection, product, security_deposit/,
	],
	[
		'a JSON line item quantity as text',
		{
			...create,
			lineItemsInputMode: 'json',
			lineItemsJson: `[{"type": "unit_type", "item": {"id": "${SEED.unitTypes.camdenSmall}"}, "quantity": "two"}]`,
		},
		'Invalid Line Items (JSON) [0] quantity "two" [item 0]',
		/whole number of 1 or more/,
	],
	[
		'an unparseable start date',
		{ ...create, startsAt: 'next tuesday' },
		'Invalid Starts At "next tuesday" [item 0]',
		/date and time/,
	],
	[
		'a cancel redirect URL that is not http(s)',
		{ ...create, finalizeImmediately: true, cancelRedirectUrl: 'javascript:alert(1)' },
		'Invalid Cancel Redirect URL "javascript:alert(1)" [item 0]',
		/http\(s\) URL/,
	],
	[
		'a coupon ID with the wrong prefix',
		{ ...create, additionalFields: { couponId: 'HALF50' } },
		'Invalid Coupon ID "HALF50" [item 0]',
		/starts with "cpn_"/,
	],
	[
		'an order ID with the wrong prefix (Get)',
		{ resource: 'order', operation: 'get', orderId: byId('={{ "ord_123" }}') },
		'Invalid Order ID "ord_123" [item 0]',
		/starts with "order_"/,
	],
	[
		'an order ID with the wrong prefix (Validate)',
		{ resource: 'order', operation: 'validate', orderId: byId('={{ "123" }}') },
		'Invalid Order ID "123" [item 0]',
		/starts with "order_"/,
	],
	[
		'an order ID with the wrong prefix (Finalize)',
		{ resource: 'order', operation: 'finalize', orderId: byId('={{ "con_123" }}') },
		'Invalid Order ID "con_123" [item 0]',
		/starts with "order_"/,
	],
	[
		'a cancel redirect URL without a scheme (Finalize)',
		{
			resource: 'order',
			operation: 'finalize',
			orderId: byId(SEED.orders.draftReady),
			cancelRedirectUrl: 'shop.example/cancel',
		},
		'Invalid Cancel Redirect URL "shop.example/cancel" [item 0]',
		/http\(s\) URL/,
	],
	[
		'an unparseable Created After (Get Many)',
		{ resource: 'order', operation: 'getAll', filters: { createdAfter: 'yesterday-ish' } },
		'Invalid Created After "yesterday-ish" [item 0]',
		/date and time/,
	],
	[
		'a contact ID with the wrong prefix (Get Many)',
		{ resource: 'order', operation: 'getAll', filters: { contactIds: 'con_1, 42' } },
		'Invalid Contact ID "42" [item 0]',
		/starts with "con_"/,
	],
	[
		'a metadata filter key with a space (Get Many)',
		{ resource: 'order', operation: 'getAll', filters: metadataPairs([['external id', '1']]) },
		'Invalid Metadata key "external id" [item 0]',
		/lowercase letters/,
	],
	[
		'a Limit of 0 (Get Many)',
		{ resource: 'order', operation: 'getAll', limit: 0 },
		'Invalid Limit 0 [item 0]',
		/whole number of 1 or more/,
	],
];

describe('bad input is reported before any request is sent', () => {
	it.each(cases)('%s', async (_, parameters, message, description) => {
		await expectRefusedBeforeAnyRequest(t, parameters, message, description);
	});
});

describe('one bad item among good ones', () => {
	const perItem = {
		...create,
		contact: { email: '={{ $json.email }}' },
		lineItems: { lineItem: [unitType] },
	};
	const inputItems = items(
		{ email: 'ok1@example.com' },
		{ email: 'not-an-email' },
		{ email: 'ok2@example.com' },
	);

	it('without Continue on Fail: nothing is sent at all, even for the good items before it', async () => {
		const result = await t.run(perItem, { inputItems });
		expect(result.nodeError('Stora')?.message).toBe(
			'Invalid Contact Email "not-an-email" [item 1]',
		);
		expect(t.requests()).toEqual([]);
	});

	it('with Continue on Fail: the bad item is an error item, the good ones are created', async () => {
		const result = await t.run(perItem, { inputItems, node: { onError: 'continueRegularOutput' } });
		expect(result.status).toBe('success');
		const output = result.json('Stora');
		expect(output[0].status).toBe('draft');
		expect(output[1]).toEqual({
			error: {
				message: 'Invalid Contact Email "not-an-email" [item 1]',
				description: 'Contact Email must be an email address, e.g. jane@example.com.',
			},
		});
		expect(output[2].status).toBe('draft');
		const sentEmails = t
			.requests()
			.map((request) => (request.body?.contact as { email: string }).email);
		expect(sentEmails).toEqual(['ok1@example.com', 'ok2@example.com']);
	});
});
