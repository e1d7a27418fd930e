import type { INode } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { expectRefusedBeforeAnyRequest, useSandbox } from './sandbox';

const t = useSandbox();

const create = { resource: 'contact', operation: 'create', email: 'ok@example.com' };
const get = { resource: 'contact', operation: 'get' };
const getMany = { resource: 'contact', operation: 'getAll' };
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const update = { resource: 'contact', operation: 'update', contactId: byId(SEED.contacts.john) };
const metadataPairs = (pairs: Array<[string, string]>) => ({
	metadata: { metadataValues: pairs.map(([key, value]) => ({ key, value })) },
});
const manyKeys = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
const orderKey = `n8n-create-${'0'.repeat(32)}`;

/**
 * Values that reach the node through expressions (mapped data, an AI Agent's $fromAI), which
 * the editor's own checks (dropdowns, the picker's regex) never see.
 * [what the user did wrong, parameters, the exact error message, what the description says]. */
const cases: Array<[string, INode['parameters'], string, RegExp]> = [
	// Create
	[
		'Create: no email (an expression that finds none)',
		{ ...create, email: '={{ $json.email }}' },
		'Invalid Email "" [item 0]',
		/email address/,
	],
	[
		'Create: an invalid email',
		{ ...create, email: 'jane@' },
		'Invalid Email "jane@" [item 0]',
		/must be an email address, e.g. jane@example.com/,
	],
	[
		'Create: an unknown type',
		{ ...create, additionalFields: { type: '={{ "person" }}' } },
		'Invalid Type "person" [item 0]',
		/one of: charity, company, domestic, local_authority, student/,
	],
	[
		'Create: an unknown source',
		{ ...create, additionalFields: { source: '={{ "web" }}' } },
		'Invalid Source "web" [item 0]',
		/one of: booking, external_enquiry/,
	],
	[
		'Create: an unknown marketing source',
		{ ...create, additionalFields: { marketingSource: '={{ "tv" }}' } },
		'Invalid Marketing Source "tv" [item 0]',
		/one of: email, facebook_marketplace/,
	],
	[
		'Create: "unspecified" as a use case (only a filter value)',
		{ ...create, additionalFields: { useCase: '={{ "unspecified" }}' } },
		'Invalid Use Case "unspecified" [item 0]',
		/one of: business_needs, more_space/,
	],
	[
		'Create: a three-letter country',
		{ ...create, additionalFields: { countryAlpha2: 'GBR' } },
		'Invalid Country Code "GBR" [item 0]',
		/two letters/,
	],
	[
		'Create: a metadata key with capitals',
		{ ...create, additionalFields: metadataPairs([['CrmId', '1']]) },
		'Invalid Metadata key "CrmId" [item 0]',
		/lowercase letters, digits/,
	],
	[
		'Create: 21 metadata keys',
		{ ...create, additionalFields: { metadataJson: JSON.stringify(manyKeys) } },
		`Invalid Metadata ${JSON.stringify(manyKeys)} [item 0]`,
		/at most 20 metadata keys; this has 21/,
	],
	[
		'Create: metadata JSON that is not JSON',
		{ ...create, additionalFields: { metadataJson: '{crm: 1}' } },
		'Invalid Metadata (JSON) "{crm: 1}" [item 0]',
		/not valid JSON/,
	],
	[
		'Create: a number as metadata value',
		{ ...create, additionalFields: { metadataJson: '{"visits": 3}' } },
		'Invalid Metadata value for "visits" 3 [item 0]',
		/must be text/,
	],
	[
		'Create: an order Create node’s printed key as Idempotency Key',
		{ ...create, options: { idempotencyKey: orderKey } },
		`Invalid Idempotency Key "${orderKey}" [item 0]`,
		/made by a Create \(order\) node; a Contact → Create node cannot reuse it/,
	],
	// Get
	[
		'Get: a contact ID with the wrong prefix',
		{ ...get, contactId: byId('={{ "cus_123" }}') },
		'Invalid Contact ID "cus_123" [item 0]',
		/starts with "con_"/,
	],
	[
		'Get: an empty contact ID',
		{ ...get, contactId: byId('={{ "" }}') },
		'Invalid Contact ID "" [item 0]',
		/starts with "con_"/,
	],
	// Update
	[
		'Update: a contact ID with the wrong prefix',
		{ ...update, contactId: byId('={{ "order_942ae99a1fdc940e" }}'), updateFields: { city: 'X' } },
		'Invalid Contact ID "order_942ae99a1fdc940e" [item 0]',
		/starts with "con_"/,
	],
	[
		'Update: nothing to update',
		{ ...update, updateFields: {} },
		'Invalid Update Fields {} [item 0]',
		/Nothing to update: add at least one field/,
	],
	[
		'Update: only blank fields',
		{ ...update, updateFields: { fullName: ' ', removeMetadataKeys: '' } },
		'Invalid Update Fields {"fullName":" ","removeMetadataKeys":""} [item 0]',
		/Nothing to update.*a blank text field is not sent/,
	],
	[
		'Update: an invalid email',
		{ ...update, updateFields: { email: 'john at doe.com' } },
		'Invalid Email "john at doe.com" [item 0]',
		/email address/,
	],
	[
		'Update: an unknown type',
		{ ...update, updateFields: { type: '={{ "business" }}' } },
		'Invalid Type "business" [item 0]',
		/one of: charity, company/,
	],
	[
		'Update: a metadata key both set and removed',
		{
			...update,
			updateFields: { ...metadataPairs([['crm_id', '1']]), removeMetadataKeys: 'crm_id' },
		},
		'Invalid Remove Metadata Keys "crm_id" [item 0]',
		/both set and removed/,
	],
	[
		'Update: a key to remove with a space',
		{ ...update, updateFields: { removeMetadataKeys: 'crm id' } },
		'Invalid Remove Metadata Keys key "crm id" [item 0]',
		/lowercase letters/,
	],
	// Get Many
	[
		'Get Many: one bad email in the list',
		{ ...getMany, filters: { email: 'jane@example.com, nope' } },
		'Invalid Email "nope" [item 0]',
		/email address/,
	],
	[
		'Get Many: an unknown status as text',
		{ ...getMany, filters: { status: 'lead,active' } },
		'Invalid Status "active" [item 0]',
		/one of: lead, customer, churned/,
	],
	[
		'Get Many: "unspecified" as a status',
		{ ...getMany, filters: { status: ['unspecified'] } },
		'Invalid Status "unspecified" [item 0]',
		/one of: lead, customer, churned/,
	],
	[
		'Get Many: an unknown type',
		{ ...getMany, filters: { type: ['company', 'person'] } },
		'Invalid Type "person" [item 0]',
		/one of: charity, company, domestic, local_authority, student, unspecified/,
	],
	[
		'Get Many: an unknown use case',
		{ ...getMany, filters: { useCase: 'storage' } },
		'Invalid Use Case "storage" [item 0]',
		/one of: business_needs.*, unspecified/,
	],
	[
		'Get Many: an unparseable Created After',
		{ ...getMany, filters: { createdAfter: 'yesterday-ish' } },
		'Invalid Created After "yesterday-ish" [item 0]',
		/date and time/,
	],
	[
		'Get Many: an unparseable Updated Before',
		{ ...getMany, filters: { updatedBefore: '2025-13-45' } },
		'Invalid Updated Before "2025-13-45" [item 0]',
		/date and time/,
	],
	[
		'Get Many: an unknown Sort By',
		{ ...getMany, options: { sortBy: '={{ "email" }}' } },
		'Invalid Sort By "email" [item 0]',
		/one of: created_at, updated_at, full_name/,
	],
	[
		'Get Many: a lowercase Sort Direction',
		{ ...getMany, options: { sortDirection: '={{ "asc" }}' } },
		'Invalid Sort Direction "asc" [item 0]',
		/one of: ASC, DESC/,
	],
	[
		'Get Many: a Limit of 0',
		{ ...getMany, limit: 0 },
		'Invalid Limit 0 [item 0]',
		/whole number of 1 or more/,
	],
];

describe('Contact: bad input is reported before any request is sent', () => {
	it.each(cases)('%s', async (_, parameters, message, description) => {
		await expectRefusedBeforeAnyRequest(t, parameters, message, description);
	});
});

describe('Contact: one bad item among good ones', () => {
	const inputItems = items(
		{ email: 'ok1@example.com' },
		{ email: 'not-an-email' },
		{ email: 'ok2@example.com' },
	);
	const perItem = { ...create, email: '={{ $json.email }}' };

	it('Create without Continue on Fail: nothing is sent, even for the good item before it', async () => {
		const result = await t.run(perItem, { inputItems });
		expect(result.status).toBe('error');
		expect(result.nodeError('Stora')?.message).toBe('Invalid Email "not-an-email" [item 1]');
		expect(t.requests()).toEqual([]);
	});

	it('Create with Continue on Fail: the bad item is an error item, the good ones are created', async () => {
		const result = await t.run(perItem, { inputItems, node: { onError: 'continueRegularOutput' } });
		expect(result.status).toBe('success');
		const output = result.output('Stora');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.email).toBe('ok1@example.com');
		expect(output[1].json).toEqual({
			error: {
				message: 'Invalid Email "not-an-email" [item 1]',
				description: 'Email must be an email address, e.g. jane@example.com.',
			},
		});
		expect(output[2].json.email).toBe('ok2@example.com');
		expect(t.requests().map((request) => request.body?.email)).toEqual([
			'ok1@example.com',
			'ok2@example.com',
		]);
	});

	it('Update with Continue on Fail: an item with nothing to update is an error item, the others are sent', async () => {
		const result = await t.run(
			{
				...update,
				contactId: byId('={{ $json.id }}'),
				updateFields: { fullName: '={{ $json.name }}' },
			},
			{
				inputItems: items(
					{ id: SEED.contacts.john, name: 'John Q. Doe' },
					{ id: SEED.contacts.jane, name: '' },
					{ id: SEED.contacts.priya, name: 'Priya P.' },
				),
				node: { onError: 'continueRegularOutput' },
			},
		);
		expect(result.status).toBe('success');
		const output = result.json('Stora');
		expect(output[0].full_name).toBe('John Q. Doe');
		expect((output[1].error as { message: string }).message).toBe(
			'Invalid Update Fields {"fullName":""} [item 1]',
		);
		expect(output[2].full_name).toBe('Priya P.');
		expect(t.requests().map((request) => request.path)).toEqual([
			`/2025-09/contacts/${SEED.contacts.john}`,
			`/2025-09/contacts/${SEED.contacts.priya}`,
		]);
	});
});
