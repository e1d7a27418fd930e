import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, fakeClock } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const clock = fakeClock(Date.parse('2025-03-01T12:00:00Z'));

describe('sandbox: PATCH /orders/{id}', () => {
	const t = sandboxPerFile({ now: clock.now, tokens: { 'read-only': ['public.order:read'] } });

	const patch = (id: string, body: unknown, query = '') =>
		call(t.sb.url, 'PATCH', `/2025-09/orders/${id}${query}`, { body });
	const get = async (id: string) =>
		(await call(t.sb.url, 'GET', `/2025-09/orders/${id}`)).body.order as Json;
	const pointers = (res: { body: Json }) => res.body.error.details.map((d: Json) => d.pointer);

	it('changes only the fields sent, bumps updated_at and answers 200 {order, meta}', async () => {
		const before = await get(SEED.orders.draftReady);
		clock.advance(60_000);
		const res = await patch(SEED.orders.draftReady, {
			starts_at: 'now',
			payment_method: 'bacs_debit',
			emails: { move_in_day: false },
		});
		expect(res.status).toBe(200);
		expect(Object.keys(res.body)).toEqual(['order', 'meta']);
		expect(res.body.meta.request_id).toBe(res.headers.get('x-request-id'));
		expect(res.body.order).toEqual({
			...before,
			starts_at: 'now',
			payment_method: 'bacs_debit',
			email_notifications: { booking_confirmation: true, move_in_day: false },
			updated_at: '2025-03-01T12:01:00Z',
		});
		expect(await get(SEED.orders.draftReady)).toEqual(res.body.order);
	});

	it('reuses the create validation for every field and normalizes starts_at', async () => {
		const ok = await patch(SEED.orders.draftEmpty, {
			billing_period: 'yearly',
			starts_at: '2025-03-04T15:41:00+01:00',
			coupon: { id: SEED.coupons.tenPoundsOff },
			contract_template: { id: SEED.contractTemplates.business },
			purchase_order_number: 'PO-1',
			contact: { id: SEED.contacts.jane },
			site: { id: SEED.sites.leeds },
		});
		expect(ok.status).toBe(200);
		expect(ok.body.order).toMatchObject({
			billing_period: 'yearly',
			starts_at: '2025-03-04T14:41:00Z',
			coupon: { id: SEED.coupons.tenPoundsOff },
			contract_template: { id: SEED.contractTemplates.business },
			purchase_order_number: 'PO-1',
			contact: { id: SEED.contacts.jane },
			site: { id: SEED.sites.leeds },
		});
		const bad = await patch(SEED.orders.draftEmpty, {
			billing_period: 'daily',
			payment_method: 'cash',
			starts_at: 'tomorrow',
			coupon: { id: 'cpn_0000000000000000' },
			contact: { email: 'nope' },
			colour: 'red',
		});
		expect(bad.status).toBe(422);
		expect(bad.body.error.code).toBe('invalid_content');
		expect(pointers(bad).sort()).toEqual(
			[
				'/billing_period',
				'/colour',
				'/contact/email',
				'/coupon/id',
				'/payment_method',
				'/starts_at',
			].sort(),
		);
	});

	it('rejects line_items and finalize with their pointers', async () => {
		const res = await patch(SEED.orders.draftReady, { line_items: [], finalize: {} });
		expect(res.status).toBe(422);
		expect(pointers(res)).toEqual(['/line_items', '/finalize']);
	});

	it('null clears optional fields; required ones cannot be null', async () => {
		const res = await patch(SEED.orders.draftReady, {
			coupon: null,
			contract_template: null,
			purchase_order_number: null,
			starts_at: null,
			billing_period: null,
		});
		expect(res.status).toBe(200);
		expect(res.body.order).toMatchObject({
			coupon: null,
			contract_template: null,
			purchase_order_number: null,
			starts_at: null,
			billing_period: null,
			total_discount: { amount: 0 },
		});
		const bad = await patch(SEED.orders.draftReady, {
			payment_method: null,
			emails: null,
			site: null,
		});
		expect(pointers(bad)).toEqual(['/payment_method', '/emails', '/site']);
	});

	it('merge-patches metadata (stora-api.md §6)', async () => {
		const id = SEED.orders.leedsDraft; // {source: 'zapier', external_id: 'abc_123'}
		const res = await patch(id, { metadata: { source: 'make', external_id: null } });
		expect(res.body.order.metadata).toEqual({ source: 'make' });
		expect((await patch(id, { metadata: { crm: 'x' } })).body.order.metadata).toEqual({
			source: 'make',
			crm: 'x',
		});
		expect((await patch(id, { purchase_order_number: 'PO' })).body.order.metadata).toEqual({
			source: 'make',
			crm: 'x',
		});
		expect((await patch(id, { metadata: {} })).body.order.metadata).toEqual({});
	});

	it('keeps the metadata rules on the merged result', async () => {
		const id = SEED.orders.leedsDraft; // 2 keys
		const keys = (n: number, prefix = 'k') =>
			Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));
		expect((await patch(id, { metadata: keys(18) })).status).toBe(200); // 20 keys
		const tooMany = await patch(id, { metadata: { extra: 'v' } });
		expect(tooMany.status).toBe(422);
		expect(pointers(tooMany)).toEqual(['/metadata']);
		// removing one key makes room for another in the same patch
		expect((await patch(id, { metadata: { k0: null, extra: 'v' } })).status).toBe(200);
		const bad = await patch(id, { metadata: { 'Bad Key': 'v', ok: 'x'.repeat(501), n: 1 } });
		expect(pointers(bad)).toEqual(['/metadata/Bad Key', '/metadata/ok', '/metadata/n']);
		expect(Object.keys((await get(id)).metadata)).toHaveLength(20);
	});

	it('an inline contact reuses the contact with that email, or creates one', async () => {
		const reuse = await patch(SEED.orders.draftEmpty, { contact: { email: 'JOHN@doe.com' } });
		expect(reuse.body.order.contact).toEqual({ id: SEED.contacts.john });
		const created = await patch(SEED.orders.draftEmpty, {
			contact: { email: 'new@x.example', full_name: 'New' },
		});
		const contact = t.sb.store.find('contacts', created.body.order.contact.id);
		expect(contact).toMatchObject({ email: 'new@x.example', full_name: 'New', status: 'lead' });
		expect((await patch(SEED.orders.draftEmpty, { contact: null })).body.order.contact).toBeNull();
	});

	it('refuses a site change while line items belong to the old site', async () => {
		const res = await patch(SEED.orders.draftReady, { site: { id: SEED.sites.leeds } });
		expect(res.status).toBe(422);
		expect(pointers(res)).toEqual(['/site/id']);
	});

	it('answers 404 for an unknown order, like GET', async () => {
		const res = await patch('order_0000000000000000', {});
		expect(res.status).toBe(404);
		expect(res.body.error.code).toBe('resource_not_found');
		expect(pointers(res)).toEqual(['/order_id']);
	});

	it.each(['finalized', 'completed', 'abandoned'] as const)(
		'answers 409 conflict for a %s order (default notDraftStatus)',
		async (status) => {
			const res = await patch(SEED.orders[status], { purchase_order_number: 'PO' });
			expect(res.status).toBe(409);
			expect(res.body.error).toMatchObject({
				code: 'conflict',
				type: 'invalid_request_error',
				message: `Order \`${SEED.orders[status]}\` is ${status}: only draft orders can be changed.`,
				details: [
					{ message: `order status is \`${status}\`, expected \`draft\``, pointer: '/status' },
				],
			});
			expect((await get(SEED.orders[status])).purchase_order_number).toBeNull();
		},
	);

	it('expands like the other order endpoints, needs public.order:write', async () => {
		const res = await patch(SEED.orders.draftReady, {}, '?expand=line_items,contact');
		expect(res.body.order.contact.email).toBe('john@doe.com');
		expect(res.body.order.line_items[0].price).toBeDefined();
		const ro = await call(t.sb.url, 'PATCH', `/2025-09/orders/${SEED.orders.draftReady}`, {
			body: {},
			token: 'read-only',
		});
		expect(ro.status).toBe(403);
		expect(ro.body.error.message).toContain('public.order:write');
	});

	it('answers 400 for a body that is not JSON', async () => {
		const res = await call(t.sb.url, 'PATCH', `/2025-09/orders/${SEED.orders.draftReady}`, {
			rawBody: '{',
		});
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('invalid_request');
	});
});

describe('sandbox: notDraftStatus 422', () => {
	const t = sandboxPerFile({ notDraftStatus: 422 });

	it('answers 422 invalid_content for a non-draft order', async () => {
		const res = await call(t.sb.url, 'PATCH', `/2025-09/orders/${SEED.orders.finalized}`, {
			body: {},
		});
		expect(res.status).toBe(422);
		expect(res.body.error).toMatchObject({
			code: 'invalid_content',
			message: `Order \`${SEED.orders.finalized}\` is finalized: only draft orders can be changed.`,
			details: [{ pointer: '/status' }],
		});
	});

	it('can be switched at run time with setOptions and POST /__sandbox/options', async () => {
		t.sb.setOptions({ notDraftStatus: 409 });
		try {
			expect(
				(await call(t.sb.url, 'PATCH', `/2025-09/orders/${SEED.orders.finalized}`, { body: {} }))
					.status,
			).toBe(409);
		} finally {
			t.sb.setOptions({ notDraftStatus: 422 });
		}
		const bad = await call(t.sb.url, 'POST', '/__sandbox/options', {
			body: { notDraftStatus: 410 },
		});
		expect(bad.status).toBe(400);
		const ok = await call(t.sb.url, 'POST', '/__sandbox/options', {
			body: { contactByIdOnCreate: true },
		});
		expect(ok.body).toEqual({ notDraftStatus: 422, contactByIdOnCreate: true });
	});
});

describe('sandbox: contactByIdOnCreate false', () => {
	const t = sandboxPerFile({ contactByIdOnCreate: false });

	it('refuses contact {id} on create and update with pointer /contact/id; inline contacts still work', async () => {
		const create = await call(t.sb.url, 'POST', '/2025-09/orders', {
			body: { site: { id: SEED.sites.camden }, contact: { id: SEED.contacts.john } },
		});
		expect(create.status).toBe(422);
		expect(create.body.error).toMatchObject({
			code: 'invalid_content',
			message: 'The request body content is not valid.',
			details: [{ message: '`id` is not a permitted parameter', pointer: '/contact/id' }],
		});
		const update = await call(t.sb.url, 'PATCH', `/2025-09/orders/${SEED.orders.draftEmpty}`, {
			body: { contact: { id: SEED.contacts.john } },
		});
		expect(update.body.error.details).toEqual([
			{ message: expect.any(String), pointer: '/contact/id' },
		]);
		const inline = await call(t.sb.url, 'POST', '/2025-09/orders', {
			body: { site: { id: SEED.sites.camden }, contact: { email: 'john@doe.com' } },
		});
		expect(inline.status).toBe(201);
		expect(inline.body.order.contact).toEqual({ id: SEED.contacts.john });
	});
});

describe('sandbox: contactByIdOnCreate default', () => {
	const t = sandboxPerFile();

	it('accepts a known contact id and names an unknown one', async () => {
		const body = (id: string) => ({ body: { site: { id: SEED.sites.camden }, contact: { id } } });
		expect((await call(t.sb.url, 'POST', '/2025-09/orders', body(SEED.contacts.sam))).status).toBe(
			201,
		);
		const res = await call(t.sb.url, 'POST', '/2025-09/orders', body('con_0000000000000000'));
		expect(res.body.error.details).toEqual([
			{ message: 'contact `con_0000000000000000` does not exist', pointer: '/contact/id' },
		]);
	});
});
