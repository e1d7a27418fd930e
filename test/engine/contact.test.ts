import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const v2 = { node: { typeVersion: 2 } };

/** What Simplify outputs of a contact. */
const SIMPLE_CONTACT_KEYS = [
	'created_at',
	'email',
	'full_name',
	'id',
	'metadata',
	'phone_number',
	'status',
	'type',
];

type NodeErrorView = { message: string; description: string; httpCode?: string };
const nodeError = (result: Awaited<ReturnType<typeof t.run>>) =>
	result.nodeError('Stora') as unknown as NodeErrorView;

/** The sandbox's stored contact, in the shape Stora answers with (without its own `_` keys). */
const stored = (id: string): IDataObject => {
	const contact = t.sandbox.store.find('contacts', id) as IDataObject;
	return Object.fromEntries(Object.entries(contact).filter(([key]) => !key.startsWith('_')));
};

const create = (email: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	email,
	...extra,
});

describe('Contact → Create', () => {
	it('sends every field as Stora names it, with an idempotency key, and outputs the contact', async () => {
		const result = await t.run(
			create(' ada@example.com ', {
				additionalFields: {
					fullName: ' Ada Lovelace ',
					phoneNumber: '+447700900999',
					taxId: 'GB123456789',
					type: 'company',
					source: 'external_enquiry',
					marketingSource: 'google_search',
					useCase: 'business_needs',
					addressLine1: '12 St James’s Square',
					addressLine2: 'Floor 2',
					city: 'London',
					postalCode: 'SW1Y 4JH',
					state: 'Greater London',
					countryAlpha2: 'gb',
					metadataJson: '{"crm_id": "hs-1", "campaign": "spring"}',
					metadata: { metadataValues: [{ key: 'campaign', value: 'summer' }] },
				},
			}),
		);
		expect(result.status).toBe('success');
		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/2025-09/contacts');
		expect(request.rawQuery).toBe('');
		expect(request.status).toBe(201);
		expect(request.headers['idempotency-key']).toMatch(/^n8n-contact-[0-9a-f]{32}$/);
		expect(request.body).toEqual({
			email: 'ada@example.com',
			full_name: 'Ada Lovelace',
			phone_number: '+447700900999',
			tax_id: 'GB123456789',
			type: 'company',
			source: 'external_enquiry',
			marketing_source: 'google_search',
			use_case: 'business_needs',
			address: {
				line_1: '12 St James’s Square',
				line_2: 'Floor 2',
				city: 'London',
				postal_code: 'SW1Y 4JH',
				state: 'Greater London',
				country_alpha2: 'GB',
			},
			metadata: { crm_id: 'hs-1', campaign: 'summer' },
		});

		// Version 1: Simplify is off by default, so the whole record, without Stora's envelope.
		const output = result.output('Stora');
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const contact = output[0].json;
		expect(contact.id).toMatch(/^con_[0-9a-z]+$/);
		expect(contact).toEqual(stored(contact.id as string));
		expect(contact).toMatchObject({
			email: 'ada@example.com',
			status: 'lead',
			tenancies_count: 0,
			metadata: { crm_id: 'hs-1', campaign: 'summer' },
		});
		expect(contact).not.toHaveProperty('meta');
		expect(contact).not.toHaveProperty('contact');
	});

	it('sends only the email when nothing else is added', async () => {
		const result = await t.run(
			create('solo@example.com', { additionalFields: { fullName: '  ' } }),
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({ email: 'solo@example.com' });
	});

	it('the same input run again reuses the key, and Stora answers with the first contact', async () => {
		const parameters = create('={{ $json.email }}', {
			additionalFields: { fullName: '={{ $json.name }}' },
		});
		const runAgain = { inputItems: items({ email: 'again@example.com', name: 'Once Only' }) };
		const node = { node: { id: 'the-create-node' } };
		const first = await t.run(parameters, { ...runAgain, ...node });
		const second = await t.run(parameters, { ...runAgain, ...node });
		expect([first.status, second.status]).toEqual(['success', 'success']);
		const [a, b] = t.requests();
		expect(a.idempotencyKey).toMatch(/^n8n-contact-[0-9a-f]{32}$/);
		expect(b.idempotencyKey).toBe(a.idempotencyKey);
		expect(b.replayed).toBe(true);
		expect(second.json('Stora')[0].id).toBe(first.json('Stora')[0].id);
		expect(
			t.sandbox.store.contacts.filter((contact) => contact.email === 'again@example.com'),
		).toHaveLength(1);
	});

	it('creates one contact per item, each paired to its item, each under its own key', async () => {
		const result = await t.run(create('={{ $json.email }}'), {
			inputItems: items({ email: 'a@example.com' }, { email: 'b@example.com' }),
		});
		expect(result.status).toBe('success');
		expect(result.output('Stora').map((item) => [item.pairedItem, item.json.email])).toEqual([
			[{ item: 0 }, 'a@example.com'],
			[{ item: 1 }, 'b@example.com'],
		]);
		const keys = t.requests().map((request) => request.idempotencyKey);
		expect(new Set(keys).size).toBe(2);
	});

	it('sends the Idempotency Key option, namespaced as a contact key', async () => {
		await t.run(create('keyed@example.com', { options: { idempotencyKey: 'form-7' } }));
		expect(t.requests()[0].idempotencyKey).toBe('contact:form-7');
	});

	it('a duplicate email keeps Stora’s 422 message and pointer, and the key to retry with', async () => {
		const result = await t.run(create('JOHN@doe.com'));
		expect(result.status).toBe('error');
		const error = nodeError(result);
		expect(error.httpCode).toBe('422');
		expect(error.message).toBe('The request body content is not valid.');
		expect(error.description).toContain('/email: Email has already been taken');
		expect(error.description).toContain(
			`Idempotency key: ${t.requests()[0].idempotencyKey as string}`,
		);
		expect(error.description).toMatch(/Stora request ID: [0-9a-f-]{36}/);
	});

	it('with Continue on Fail, the 422 becomes an error item with Stora’s problems', async () => {
		const result = await t.run(create('={{ $json.email }}'), {
			inputItems: items({ email: 'john@doe.com' }, { email: 'fresh@example.com' }),
			node: { onError: 'continueRegularOutput' },
		});
		expect(result.status).toBe('success');
		const [failed, created] = result.json('Stora');
		expect(failed.error).toMatchObject({
			message: 'The request body content is not valid.',
			httpCode: '422',
			problems: [{ message: 'Email has already been taken', pointer: '/email' }],
		});
		expect(created.email).toBe('fresh@example.com');
	});

	it('version 2 simplifies by default; Simplify off gives the whole record', async () => {
		const simple = await t.run(create('v2@example.com'), v2);
		const [contact] = simple.json('Stora');
		expect(Object.keys(contact).sort()).toEqual(SIMPLE_CONTACT_KEYS);
		expect(contact).toMatchObject({ email: 'v2@example.com', status: 'lead', metadata: {} });
		const full = await t.run(create('v2-full@example.com', { simplify: false }), v2);
		expect(full.json('Stora')[0]).toHaveProperty('tenancies_count', 0);
	});
});

describe('Contact → Get', () => {
	it('GETs the contact picked from the list and outputs it whole (version 1)', async () => {
		const result = await t.run({
			resource: 'contact',
			operation: 'get',
			contactId: fromList(SEED.contacts.jane),
		});
		expect(result.status).toBe('success');
		expect(t.requests().map((r) => [r.method, r.path, r.rawQuery, r.body])).toEqual([
			['GET', `/2025-09/contacts/${SEED.contacts.jane}`, '', undefined],
		]);
		expect(result.json('Stora')).toEqual([stored(SEED.contacts.jane)]);
	});

	it('takes an ID mapped by expression, one request per item', async () => {
		const result = await t.run(
			{ resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') },
			{ inputItems: items({ id: SEED.contacts.john }, { id: SEED.contacts.priya }) },
		);
		expect(t.requests().map((r) => r.path)).toEqual([
			`/2025-09/contacts/${SEED.contacts.john}`,
			`/2025-09/contacts/${SEED.contacts.priya}`,
		]);
		expect(result.output('Stora').map((item) => [item.pairedItem, item.json.full_name])).toEqual([
			[{ item: 0 }, 'John Doe'],
			[{ item: 1 }, 'Priya Patel'],
		]);
	});

	it('Simplify outputs the fields a workflow uses: on by default in version 2, chosen in version 1', async () => {
		const get = { resource: 'contact', operation: 'get', contactId: byId(SEED.contacts.john) };
		const expected = {
			id: SEED.contacts.john,
			full_name: 'John Doe',
			email: 'john@doe.com',
			phone_number: '+447525920754',
			type: 'company',
			status: 'lead',
			metadata: {},
			created_at: '2024-01-17T11:00:00Z',
		};
		expect((await t.run(get, v2)).json('Stora')).toEqual([expected]);
		expect((await t.run({ ...get, simplify: true })).json('Stora')).toEqual([expected]);
		expect((await t.run({ ...get, simplify: false }, v2)).json('Stora')).toEqual([
			stored(SEED.contacts.john),
		]);
	});

	it('an unknown contact is "Contact not found"', async () => {
		const result = await t.run({
			resource: 'contact',
			operation: 'get',
			contactId: byId('con_000000000000dead'),
		});
		expect(result.status).toBe('error');
		const error = nodeError(result);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('Contact not found');
		expect(error.description).toContain('Check the contact ID');
		expect(t.requests()).toHaveLength(1);
	});
});

describe('Contact → Get Many', () => {
	const getMany = { resource: 'contact', operation: 'getAll' };
	const queries = () => t.requests().map((request) => request.query);
	const names = (result: Awaited<ReturnType<typeof t.run>>) =>
		result.json('Stora').map((contact) => contact.full_name);
	/** Adds `count` contacts, "Contact 000" …, created a minute apart from 2026-01-01. */
	const addContacts = (count: number) => {
		for (let i = 0; i < count; i++) {
			const contact = t.sandbox.store.createContact({
				full_name: `Contact ${String(i).padStart(3, '0')}`,
				email: `contact${i}@example.com`,
			}) as IDataObject;
			contact.created_at = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000)
				.toISOString()
				.replace('.000', '');
		}
	};

	it('the default Limit is 50: one request, newest first', async () => {
		addContacts(60);
		const result = await t.run(getMany);
		expect(result.status).toBe('success');
		expect(t.requests().map((r) => [r.method, r.path])).toEqual([['GET', '/2025-09/contacts']]);
		expect(queries()).toEqual([
			{ page: '1', limit: '50', sort_by: 'created_at', sort_direction: 'DESC' },
		]);
		expect(names(result)).toHaveLength(50);
		expect(names(result)[0]).toBe('Contact 059');
	});

	it('Limit 30 is one request with limit=30', async () => {
		addContacts(40);
		const result = await t.run({ ...getMany, limit: 30 });
		expect(queries()).toEqual([
			{ page: '1', limit: '30', sort_by: 'created_at', sort_direction: 'DESC' },
		]);
		expect(result.json('Stora')).toHaveLength(30);
	});

	it('Return All pages by page number, 100 at a time, each contact once, paired to the item', async () => {
		addContacts(150);
		const result = await t.run({ ...getMany, returnAll: true });
		const page = (n: string) => ({
			page: n,
			limit: '100',
			sort_by: 'created_at',
			sort_direction: 'DESC',
		});
		expect(queries()).toEqual([page('1'), page('2')]);
		const output = result.output('Stora');
		expect(output).toHaveLength(154);
		expect(new Set(output.map((item) => item.json.id)).size).toBe(154);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		// 150 added, then the 4 seeded contacts (older), newest first.
		expect(output[153].json.id).toBe(SEED.contacts.john);
	});

	it('sends every filter as Stora documents it', async () => {
		const result = await t.run({
			...getMany,
			returnAll: true,
			filters: {
				email: 'priya@patel.example, JANE.smith@example.com',
				search: ' a ',
				type: ['student', 'domestic', 'unspecified'],
				source: ['phone', 'booking'],
				marketingSource: ['social_media', 'google_search'],
				useCase: ['travelling', 'moving_home'],
				status: ['customer', 'lead'],
				createdAfter: '2024-01-17T12:00:00Z',
				createdBefore: '2024-01-17T14:00:00Z',
				updatedAfter: '2024-01-27T12:00:00Z',
				updatedBefore: '2024-04-16T14:00:00Z',
			},
		});
		expect(result.status).toBe('success');
		expect(queries()).toEqual([
			{
				email: 'priya@patel.example,JANE.smith@example.com',
				search: 'a',
				type: 'student,domestic,unspecified',
				source: 'phone,booking',
				marketing_source: 'social_media,google_search',
				use_case: 'travelling,moving_home',
				status: 'customer,lead',
				created_after: '2024-01-17T12:00:00Z',
				created_before: '2024-01-17T14:00:00Z',
				updated_after: '2024-01-27T12:00:00Z',
				updated_before: '2024-04-16T14:00:00Z',
				sort_by: 'created_at',
				sort_direction: 'DESC',
				page: '1',
				limit: '100',
			},
		]);
		expect(names(result)).toEqual(['Priya Patel', 'Jane Smith']);
	});

	it('“Unspecified” finds contacts without a value', async () => {
		const result = await t.run({
			...getMany,
			returnAll: true,
			filters: { type: ['unspecified'], useCase: ['unspecified'] },
		});
		expect(queries()[0]).toMatchObject({ type: 'unspecified', use_case: 'unspecified' });
		expect(names(result)).toEqual(['Sam Taylor']);
	});

	it('multi-select filters also take comma-separated text, as an AI Agent fills them', async () => {
		const result = await t.run({
			...getMany,
			returnAll: true,
			filters: {
				status: 'churned, customer',
				marketingSource: '={{ "social_media,unspecified" }}',
			},
		});
		expect(queries()[0]).toMatchObject({
			status: 'churned,customer',
			marketing_source: 'social_media,unspecified',
		});
		expect(names(result)).toEqual(['Sam Taylor', 'Priya Patel']);
	});

	it('Search is Stora’s search on name, email or phone', async () => {
		const byPhone = await t.run({ ...getMany, filters: { search: '900123' } });
		expect(queries()[0].search).toBe('900123');
		expect(names(byPhone)).toEqual(['Jane Smith']);
	});

	it('Created / Updated After are inclusive, Before exclusive, bare dates in the workflow’s time zone', async () => {
		const result = await t.run(
			{
				...getMany,
				returnAll: true,
				filters: { createdAfter: '2024-01-17', updatedBefore: '2024-03-17T14:00:00' },
			},
			{ settings: { timezone: 'Europe/Berlin' } },
		);
		expect(queries()[0]).toMatchObject({
			created_after: '2024-01-16T23:00:00Z',
			updated_before: '2024-03-17T13:00:00Z',
		});
		// Priya was updated at exactly 13:00Z: Before is exclusive.
		expect(names(result)).toEqual(['Jane Smith', 'John Doe']);
	});

	it('sorts by full name, A to Z', async () => {
		const result = await t.run({
			...getMany,
			returnAll: true,
			options: { sortBy: 'full_name', sortDirection: 'ASC' },
		});
		expect(queries()[0]).toMatchObject({ sort_by: 'full_name', sort_direction: 'ASC' });
		expect(names(result)).toEqual(['Jane Smith', 'John Doe', 'Priya Patel', 'Sam Taylor']);
	});

	it('sorts by last update, oldest first', async () => {
		const result = await t.run({
			...getMany,
			returnAll: true,
			options: { sortBy: 'updated_at', sortDirection: 'ASC' },
		});
		expect(queries()[0]).toMatchObject({ sort_by: 'updated_at', sort_direction: 'ASC' });
		expect(names(result)).toEqual(['Jane Smith', 'John Doe', 'Priya Patel', 'Sam Taylor']);
	});

	it('Simplify: on by default in version 2, off in version 1', async () => {
		const simple = await t.run({ ...getMany, returnAll: true }, v2);
		expect(simple.json('Stora')).toHaveLength(4);
		for (const contact of simple.json('Stora')) {
			expect(Object.keys(contact).sort()).toEqual(SIMPLE_CONTACT_KEYS);
		}
		const full = await t.run({ ...getMany, returnAll: true });
		expect(full.json('Stora')[0]).toEqual(stored(SEED.contacts.sam));
	});

	it('returns no items when nothing matches', async () => {
		const result = await t.run({ ...getMany, filters: { email: 'nobody@example.com' } });
		expect(result.status).toBe('success');
		expect(result.output('Stora')).toEqual([]);
	});
});

describe('Contact → Update', () => {
	const update = (
		contactId: string,
		updateFields: INodeParameters,
		extra: INodeParameters = {},
	): INodeParameters => ({
		resource: 'contact',
		operation: 'update',
		contactId: byId(contactId),
		updateFields,
		...extra,
	});

	it('PATCHes only the fields added, without an idempotency key, and outputs the contact', async () => {
		const before = stored(SEED.contacts.jane);
		const result = await t.run(
			update(SEED.contacts.jane, {
				email: ' jane.new@example.com ',
				phoneNumber: '+447700900777',
				type: 'student',
				useCase: 'refurb',
			}),
		);
		expect(result.status).toBe('success');
		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect(request.method).toBe('PATCH');
		expect(request.path).toBe(`/2025-09/contacts/${SEED.contacts.jane}`);
		expect(request.rawQuery).toBe('');
		expect(request.headers['idempotency-key']).toBeUndefined();
		expect(request.body).toEqual({
			email: 'jane.new@example.com',
			phone_number: '+447700900777',
			type: 'student',
			use_case: 'refurb',
		});
		const [contact] = result.json('Stora');
		expect(contact).toEqual(stored(SEED.contacts.jane));
		expect(contact).toMatchObject({
			email: 'jane.new@example.com',
			full_name: before.full_name,
			source: before.source,
			address: before.address,
		});
	});

	it('sends the address fields given as one address object', async () => {
		await t.run(
			update(SEED.contacts.john, {
				fullName: 'John A. Doe',
				addressLine1: '1 New Road',
				city: 'Bristol',
				countryAlpha2: 'gb',
			}),
		);
		expect(t.requests()[0].body).toEqual({
			full_name: 'John A. Doe',
			address: { line_1: '1 New Road', city: 'Bristol', country_alpha2: 'GB' },
		});
	});

	it('merges metadata: pairs and JSON set keys, Remove Metadata Keys sends null', async () => {
		(t.sandbox.store.find('contacts', SEED.contacts.priya) as IDataObject).metadata = {
			crm_id: 'hs-9',
			old: 'x',
			keep: 'yes',
		};
		const result = await t.run(
			update(SEED.contacts.priya, {
				metadataJson: '{"crm_id": "hs-10", "tier": "gold"}',
				metadata: { metadataValues: [{ key: 'tier', value: 'silver' }] },
				removeMetadataKeys: 'old, missing',
			}),
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({
			metadata: { crm_id: 'hs-10', tier: 'silver', old: null, missing: null },
		});
		expect(result.json('Stora')[0].metadata).toEqual({
			crm_id: 'hs-10',
			keep: 'yes',
			tier: 'silver',
		});
	});

	it('an email another contact has keeps Stora’s 422 message and pointer', async () => {
		const result = await t.run(update(SEED.contacts.jane, { email: 'john@doe.com' }));
		const error = nodeError(result);
		expect(error.httpCode).toBe('422');
		expect(error.message).toBe('The request body content is not valid.');
		expect(error.description).toContain('/email: Email has already been taken');
		expect(stored(SEED.contacts.jane).email).toBe('jane.smith@example.com');
	});

	it('an unknown contact is "Contact not found"', async () => {
		const result = await t.run(update('con_000000000000dead', { fullName: 'Nobody' }));
		const error = nodeError(result);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('Contact not found');
		expect(t.requests().map((r) => r.method)).toEqual(['PATCH']);
	});

	it('Simplify: on by default in version 2', async () => {
		const result = await t.run(update(SEED.contacts.sam, { fullName: 'Samuel Taylor' }), v2);
		const [contact] = result.json('Stora');
		expect(Object.keys(contact).sort()).toEqual(SIMPLE_CONTACT_KEYS);
		expect(contact.full_name).toBe('Samuel Taylor');
	});
});
