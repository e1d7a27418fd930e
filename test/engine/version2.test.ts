import { SEED } from '../../sandbox';
import { useSandbox } from './sandbox';

const t = useSandbox();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const v2 = { node: { typeVersion: 2 } };

const SIMPLE_ORDER_KEYS = [
	'contact_id',
	'created_at',
	'currency',
	'id',
	'metadata',
	'one_time_total',
	'one_time_total_formatted',
	'payment_url',
	'site_id',
	'starts_at',
	'status',
	'subtotal',
	'subtotal_formatted',
	'tax',
	'tax_formatted',
	'total',
	'total_discount',
	'total_discount_formatted',
	'total_formatted',
];

describe('version 2: pickers', () => {
	it('Create takes site, coupon and contract template from pickers', async () => {
		const result = await t.run(
			{
				resource: 'order',
				operation: 'create',
				siteId: fromList(SEED.sites.camden),
				contact: { fullName: 'Ada Lovelace', email: 'ada@example.com' },
				additionalFields: {
					couponId: fromList(SEED.coupons.halfPrice),
					contractTemplateId: byId(SEED.contractTemplates.standard),
				},
				simplify: false,
			},
			v2,
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({
			site: { id: SEED.sites.camden },
			billing_period: 'monthly',
			payment_method: 'card',
			contact: { full_name: 'Ada Lovelace', email: 'ada@example.com' },
			coupon: { id: SEED.coupons.halfPrice },
			contract_template: { id: SEED.contractTemplates.standard },
		});
	});

	it('a picker ID with the wrong prefix is refused before anything is sent', async () => {
		const result = await t.run(
			{
				resource: 'order',
				operation: 'create',
				siteId: byId(SEED.sites.camden),
				additionalFields: { couponId: byId(SEED.contractTemplates.standard) },
			},
			v2,
		);
		expect(result.nodeError('Stora')?.message).toBe(
			`Invalid Coupon ID "${SEED.contractTemplates.standard}" [item 0]`,
		);
		expect(t.requests()).toHaveLength(0);
	});
});

describe('Create for an existing contact', () => {
	it('sends contact: {id} (in version 1 too: the Contact choice is new, its default unchanged)', async () => {
		const result = await t.run({
			resource: 'order',
			operation: 'create',
			siteId: SEED.sites.camden,
			contactMode: 'existing',
			contactId: fromList(SEED.contacts.jane),
			contact: { email: 'ignored@example.com' },
		});
		expect(result.status).toBe('success');
		expect(t.requests()[0].body?.contact).toEqual({ id: SEED.contacts.jane });
		expect(result.json('Stora')[0].contact).toEqual({ id: SEED.contacts.jane });
	});

	it('a bad contact ID is refused before anything is sent', async () => {
		const result = await t.run({
			resource: 'order',
			operation: 'create',
			siteId: SEED.sites.camden,
			contactMode: 'existing',
			// An expression: the editor's own check of the By ID pattern applies only to typed IDs.
			contactId: byId('={{ "jane@example.com" }}'),
		});
		expect(result.nodeError('Stora')?.message).toBe(
			'Invalid Contact ID "jane@example.com" [item 0]',
		);
		expect(t.requests()).toHaveLength(0);
	});

	it('explains a refusal of contact: {id}, which Stora’s docs don’t confirm', async () => {
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'status',
			status: 422,
			body: {
				error: {
					code: 'invalid_content',
					type: 'invalid_request_error',
					message: 'The request body content is not valid.',
					details: [{ message: 'is not a permitted parameter', pointer: '/contact/id' }],
					request_id: '7c0d6a53-2d0e-4a57-8d0e-3f2f0a3b1c55',
				},
			},
		});
		const result = await t.run({
			resource: 'order',
			operation: 'create',
			siteId: SEED.sites.camden,
			contactMode: 'existing',
			contactId: byId(SEED.contacts.jane),
		});
		const error = result.nodeError('Stora') as unknown as { message: string; description: string };
		expect(error.message).toBe(
			`Stora did not accept the existing contact ${SEED.contacts.jane} on this order`,
		);
		expect(error.description).toContain('choose Contact → New Contact');
		expect(error.description).toContain('/contact/id: is not a permitted parameter');
		expect(error.description).toContain('Idempotency key: n8n-create-');
	});
});

describe('Simplify', () => {
	it('is on by default in version 2: Get outputs the fields a workflow uses', async () => {
		const result = await t.run(
			{ resource: 'order', operation: 'get', orderId: byId(SEED.orders.finalized) },
			v2,
		);
		const [order] = result.json('Stora');
		expect(Object.keys(order).sort()).toEqual(SIMPLE_ORDER_KEYS);
		const stored = t.sandbox
			.listOrders()
			.find((o) => o.id === SEED.orders.finalized)!;
		expect(order).toMatchObject({
			id: SEED.orders.finalized,
			status: 'finalized',
			site_id: stored.site.id,
			contact_id: stored.contact?.id ?? null,
			payment_url: stored.payment_url,
			total: stored.total.amount,
			total_formatted: stored.total.formatted,
			currency: 'GBP',
			metadata: stored.metadata,
			created_at: stored.created_at,
		});
	});

	it('is off by default in version 1, and can be switched on there', async () => {
		const raw = await t.run({
			resource: 'order',
			operation: 'get',
			orderId: byId(SEED.orders.finalized),
		});
		expect(raw.json('Stora')[0].line_items).toBeDefined();
		const simple = await t.run({
			resource: 'order',
			operation: 'get',
			orderId: byId(SEED.orders.finalized),
			simplify: true,
		});
		expect(Object.keys(simple.json('Stora')[0]).sort()).toEqual(SIMPLE_ORDER_KEYS);
	});

	it('applies to Get Many, Create, Update and Finalize in version 2', async () => {
		const many = await t.run({ resource: 'order', operation: 'getAll', limit: 3 }, v2);
		expect(many.json('Stora')).toHaveLength(3);
		for (const order of many.json('Stora'))
			expect(Object.keys(order).sort()).toEqual(SIMPLE_ORDER_KEYS);

		const created = await t.run(
			{ resource: 'order', operation: 'create', siteId: byId(SEED.sites.camden) },
			v2,
		);
		const [draft] = created.json('Stora');
		expect(Object.keys(draft).sort()).toEqual(SIMPLE_ORDER_KEYS);

		const updated = await t.run(
			{
				resource: 'order',
				operation: 'update',
				orderId: byId(SEED.orders.draftReady),
				updateFields: { purchaseOrderNumber: 'PO-9' },
			},
			v2,
		);
		expect(Object.keys(updated.json('Stora')[0]).sort()).toEqual(SIMPLE_ORDER_KEYS);

		const finalized = await t.run(
			{ resource: 'order', operation: 'finalize', orderId: byId(SEED.orders.draftReady) },
			v2,
		);
		const [order] = finalized.json('Stora');
		expect(Object.keys(order).sort()).toEqual(SIMPLE_ORDER_KEYS);
		expect(order.payment_url).toMatch(/^http/);
	});

	it('Validate keeps its valid / problems output in version 2', async () => {
		const result = await t.run(
			{ resource: 'order', operation: 'validate', orderId: byId(SEED.orders.draftReady) },
			v2,
		);
		expect(result.json('Stora')[0].valid).toBe(true);
	});
});
