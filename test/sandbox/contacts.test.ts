import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, fakeClock } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const clock = fakeClock(Date.parse('2025-03-01T12:00:00Z'));
const { john, jane, priya, sam } = SEED.contacts;

describe('sandbox: contacts', () => {
	// These tests read the replay header, which only replayHeader: true sends (Stora's docs name none).
	const t = sandboxPerFile({
		now: clock.now,
		replayHeader: true,
		tokens: { 'contact-read': ['public.contact:read'] },
	});

	const create = (body: unknown, headers: Record<string, string> = {}) =>
		call(t.sb.url, 'POST', '/2025-09/contacts', { body, headers });
	const update = (id: string, body: unknown) =>
		call(t.sb.url, 'PATCH', `/2025-09/contacts/${id}`, { body });
	const list = (query: string) => call(t.sb.url, 'GET', `/2025-09/contacts${query}`);
	const ids = async (query: string) => {
		const res = await list(query);
		expect(res.status).toBe(200);
		return res.body.contacts.map((c: Json) => c.id).sort();
	};
	const pointers = (res: { body: Json }) => res.body.error.details.map((d: Json) => d.pointer);

	it('creates a lead (201 {contact, meta}) with every field', async () => {
		const body = {
			full_name: 'Ada Lovelace',
			email: 'ada@example.org',
			phone_number: '+447700900999',
			tax_id: 'GB123',
			company_registration_number: '0123',
			type: 'company',
			source: 'phone',
			marketing_source: 'radio',
			use_case: 'business_needs',
			address: { line_1: '1 St', city: 'London', postal_code: 'N1', country_alpha2: 'GB' },
			metadata: { crm_id: '42', gone: null },
		};
		const res = await create(body);
		expect(res.status).toBe(201);
		expect(Object.keys(res.body)).toEqual(['contact', 'meta']);
		expect(res.body.contact).toEqual({
			id: expect.stringMatching(/^con_[0-9a-z]{16}$/),
			...body,
			address: {
				line_1: '1 St',
				line_2: null,
				city: 'London',
				postal_code: 'N1',
				state: null,
				country_alpha2: 'GB',
			},
			metadata: { crm_id: '42' },
			stripe_customer_id: null,
			tenancies_count: 0,
			status: 'lead',
			identity_check: { required: false, status: 'not_attempted' },
			created_at: '2025-03-01T12:00:00Z',
			updated_at: '2025-03-01T12:00:00Z',
		});
		const shown = await call(t.sb.url, 'GET', `/2025-09/contacts/${res.body.contact.id}`);
		expect(shown.body.contact).toEqual(res.body.contact);
	});

	it('requires an email and validates like an inline order contact, pointers without /contact', async () => {
		const res = await create({
			full_name: 1,
			type: 'alien',
			address: { country_alpha2: 'GBR', zip: 'x' },
			metadata: { 'Bad Key': 'v' },
			colour: 'red',
		});
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('invalid_content');
		expect(pointers(res).sort()).toEqual(
			[
				'/address/country_alpha2',
				'/address/zip',
				'/colour',
				'/email',
				'/full_name',
				'/metadata/Bad Key',
				'/type',
			].sort(),
		);
		const format = await create({ email: 'not-an-email' });
		expect(format.body.error.details).toEqual([
			{ message: 'value at `/email` does not match format: email', pointer: '/email' },
		]);
	});

	it('refuses an email another contact has (case-insensitive)', async () => {
		const res = await create({ email: 'JOHN@doe.com' });
		expect(res.status).toBe(422);
		expect(res.body.error).toMatchObject({
			code: 'invalid_content',
			details: [{ message: 'Email has already been taken', pointer: '/email' }],
		});
		expect(t.sb.store.contacts).toHaveLength(4);
		const taken = await update(jane, { email: 'Priya@Patel.example' });
		expect(taken.body.error.details).toEqual([
			{ message: 'Email has already been taken', pointer: '/email' },
		]);
		expect((await update(jane, { email: 'JANE.smith@example.com' })).status).toBe(200); // its own email
	});

	it('updates only the fields sent; null clears; metadata is merge-patched; updated_at bumps', async () => {
		expect(
			(await update(john, { metadata: { source: 'zapier', external_id: 'abc_123' } })).status,
		).toBe(200);
		clock.advance(60_000);
		const before = (await call(t.sb.url, 'GET', `/2025-09/contacts/${john}`)).body.contact;
		const res = await update(john, {
			full_name: 'John Q. Doe',
			tax_id: null,
			type: null,
			metadata: { source: 'make', external_id: null },
		});
		expect(res.status).toBe(200);
		expect(Object.keys(res.body)).toEqual(['contact', 'meta']);
		expect(res.body.contact).toEqual({
			...before,
			full_name: 'John Q. Doe',
			tax_id: null,
			type: null,
			metadata: { source: 'make' },
			updated_at: '2025-03-01T12:01:00Z',
		});
		expect((await update(john, { metadata: {} })).body.contact.metadata).toEqual({});
		expect((await update(john, { address: null })).body.contact.address).toBeNull();
		const bad = await update(john, { email: null, status: 'customer' });
		expect(pointers(bad)).toEqual(['/status', '/email']);
	});

	it('answers 404 with pointer /contact_id for an unknown contact, and needs public.contact:write', async () => {
		const res = await update('con_0000000000000000', { full_name: 'X' });
		expect(res.status).toBe(404);
		expect(res.body.error).toMatchObject({
			code: 'resource_not_found',
			details: [{ pointer: '/contact_id' }],
		});
		const denied = await call(t.sb.url, 'POST', '/2025-09/contacts', {
			body: { email: 'x@y.example' },
			token: 'contact-read',
		});
		expect(denied.status).toBe(403);
		expect(denied.body.error.message).toContain('public.contact:write');
	});

	it('replays an idempotent contact POST without creating a second contact', async () => {
		const headers = { 'Idempotency-Key': 'contact-1' };
		const first = await create({ email: 'once@example.org' }, headers);
		const again = await create({ email: 'once@example.org' }, headers);
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(again.text).toBe(first.text);
		expect(t.sb.store.contacts).toHaveLength(5);
	});

	it('filters by type, source, marketing_source, use_case and status; `unspecified` matches null', async () => {
		expect(await ids('?type=company,student')).toEqual([john, priya].sort());
		expect(await ids('?type[]=domestic&type[]=unspecified')).toEqual([jane, sam].sort());
		expect(await ids('?source=unspecified')).toEqual([sam]);
		expect(await ids('?marketing_source=google_search')).toEqual([jane]);
		expect(await ids('?use_case=more_space,travelling')).toEqual([john, priya].sort());
		expect(await ids('?status=lead')).toEqual([john, jane].sort());
		expect(await ids('?status=customer,churned')).toEqual([priya, sam].sort());
		expect(await ids('?status=lead&type=company')).toEqual([john]);
		expect(await ids('?type=')).toHaveLength(4);
	});

	it('filters by created and updated dates: after inclusive, before exclusive', async () => {
		// created 2024-01-17 11:00 (john), 12:00 (jane), 13:00 (priya), 14:00 (sam)
		expect(await ids('?created_after=2024-01-17T12:00:00Z')).toEqual([jane, priya, sam].sort());
		expect(await ids('?created_before=2024-01-17T12:00:00Z')).toEqual([john]);
		expect(
			await ids('?created_after=2024-01-17T12:00:00Z&created_before=2024-01-17T14:00:00Z'),
		).toEqual([jane, priya].sort());
		// updated 2024-01-27 (jane), 2024-02-16 (john), 2024-03-17 (priya), 2024-04-16 (sam)
		expect(await ids('?updated_after=2024-03-17T13:00:00Z')).toEqual([priya, sam].sort());
		expect(await ids('?updated_before=2024-02-16T11:00:00Z')).toEqual([jane]);
		expect(await ids('?updated_after=2024-02-01&updated_before=2024-04-01')).toEqual(
			[john, priya].sort(),
		);
		const sorted = await list('?sort_by=updated_at&sort_direction=ASC');
		expect(sorted.body.contacts.map((c: Json) => c.id)).toEqual([jane, john, priya, sam]);
	});

	it('lists contacts created or updated in one second in insertion order, by created_at and by updated_at', async () => {
		const at = '2025-02-01T08:00:00Z';
		const first = t.sb.addContact({ created_at: at });
		const second = t.sb.addContact({ created_at: at });
		const created = await list(`?created_after=${at}&sort_by=created_at&sort_direction=ASC`);
		expect(created.body.contacts.map((c: Json) => c.id)).toEqual([first.id, second.id]);
		clock.set(Date.parse('2025-03-01T12:00:05Z'));
		const patched = (await update(jane, { full_name: 'Jane S.' })).body.contact;
		expect(patched.updated_at).toBe('2025-03-01T12:00:05Z');
		t.sb.updateContact(sam, { updated_at: patched.updated_at });
		const updated = await list(
			`?updated_after=${patched.updated_at}&sort_by=updated_at&sort_direction=ASC`,
		);
		expect(updated.body.contacts.map((c: Json) => c.id)).toEqual([jane, sam]);
		const newest = await list('?sort_by=updated_at&sort_direction=DESC&limit=2');
		expect(newest.body.contacts.map((c: Json) => c.id)).toEqual([sam, jane]);
		expect(await ids(`?updated_after=2025-03-01T12:00:06Z`)).toEqual([]);
	});

	it.each([
		['type=alien', '/type'],
		['source=unspecified,nowhere', '/source'],
		['marketing_source=tv', '/marketing_source'],
		['use_case=fun', '/use_case'],
		['status=unspecified', '/status'],
		['created_after=yesterday', '/created_after'],
		['created_before=2024-13-01', '/created_before'],
		['updated_after=1700000000', '/updated_after'],
		['updated_before=2024-01-01&updated_before=2024-02-01', '/updated_before'],
		['sort_by=email', '/sort_by'],
	])('answers 422 invalid_url_param for %s', async (query, pointer) => {
		const res = await list(`?${query}`);
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('invalid_url_param');
		expect(pointers(res)).toEqual([pointer]);
	});
});
