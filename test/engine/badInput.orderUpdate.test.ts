import type { INode } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { expectRefusedBeforeAnyRequest, useSandbox } from './sandbox';

const t = useSandbox();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const update = (updateFields: INode['parameters']) => ({
	resource: 'order',
	operation: 'update',
	orderId: byId(SEED.orders.draftEmpty),
	updateFields,
});
const v2 = { typeVersion: 2 };

/**
 * Order → Update and the fields version 2 and the Contact choice added to Create.
 * [what the user did wrong, parameters, node version, the exact error message, what the description says].
 */
const cases: Array<[string, INode['parameters'], Partial<INode>, string, RegExp]> = [
	[
		'Update: an order ID from an expression without the prefix',
		{ ...update({ paymentMethod: 'card' }), orderId: byId('={{ "942ae99a" }}') },
		{},
		'Invalid Order ID "942ae99a" [item 0]',
		/starts with "order_"/,
	],
	[
		'Update: an unknown billing period from an expression',
		update({ billingPeriod: '={{ "fortnightly" }}' }),
		{},
		'Invalid Billing Period "fortnightly" [item 0]',
		/monthly/,
	],
	[
		'Update: an unknown payment method',
		update({ paymentMethod: '={{ "cash" }}' }),
		{},
		'Invalid Payment Method "cash" [item 0]',
		/card/,
	],
	[
		'Update: a move-in date that is not a date',
		update({ startsAt: '={{ "next tuesday" }}' }),
		{},
		'Invalid Starts At "next tuesday" [item 0]',
		/date and time/,
	],
	[
		'Update: a coupon ID with the wrong prefix (version 1 dropdown)',
		update({ couponId: SEED.contractTemplates.standard }),
		{},
		`Invalid Coupon ID "${SEED.contractTemplates.standard}" [item 0]`,
		/starts with "cpn_"/,
	],
	[
		'Update: a contract template ID with the wrong prefix (version 2 picker)',
		update({ contractTemplateId: byId(`={{ "${SEED.coupons.halfPrice}" }}`) }),
		v2,
		`Invalid Contract Template ID "${SEED.coupons.halfPrice}" [item 0]`,
		/starts with "ctpl_"/,
	],
	[
		'Update: a metadata key with capitals',
		update({ metadata: { metadataValues: [{ key: 'CRM', value: '1' }] } }),
		{},
		'Invalid Metadata key "CRM" [item 0]',
		/lowercase/,
	],
	[
		'Update: metadata JSON that is not JSON',
		update({ metadataJson: '{source: web}' }),
		{},
		'Invalid Metadata (JSON) "{source: web}" [item 0]',
		/JSON/,
	],
	[
		'Update: a key to remove that cannot exist',
		update({ removeMetadataKeys: 'Source Key' }),
		{},
		'Invalid Remove Metadata Keys key "Source Key" [item 0]',
		/lowercase/,
	],
	[
		'Update: nothing to update',
		update({}),
		{},
		'Invalid Update Fields {} [item 0]',
		/Nothing to update/,
	],
	[
		'Create (version 2): a site ID from an expression without the prefix',
		{ resource: 'order', operation: 'create', siteId: byId('={{ "camden" }}') },
		v2,
		'Invalid Site ID "camden" [item 0]',
		/starts with "site_"/,
	],
	[
		'Create: an existing contact given by email',
		{
			resource: 'order',
			operation: 'create',
			siteId: SEED.sites.camden,
			contactMode: 'existing',
			contactId: byId('={{ "jane@example.com" }}'),
		},
		{},
		'Invalid Contact ID "jane@example.com" [item 0]',
		/starts with "con_"/,
	],
];

describe('bad input to Update and the new Create fields is reported before any request', () => {
	it.each(cases)('%s', async (_, parameters, node, message, description) => {
		await expectRefusedBeforeAnyRequest(t, parameters, message, description, node);
	});
});
