import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox();

const base = {
	resource: 'order',
	operation: 'create',
	siteId: SEED.sites.camden,
};

describe('Create', () => {
	it('sends every documented field and outputs the created order', async () => {
		const result = await t.run({
			...base,
			billingPeriod: 'every_three_months',
			paymentMethod: 'bacs_debit',
			startsAt: '2025-03-04T14:41:00Z',
			contact: {
				fullName: 'John Doe',
				email: 'john.new@doe.com',
				phoneNumber: '+447525920754',
				taxId: '123456789',
				type: 'company',
				source: 'walkin',
				marketingSource: 'recommendation',
				useCase: 'more_space',
				addressLine1: '123 Main St',
				addressLine2: 'Apt 4B',
				city: 'Anytown',
				postalCode: '12345',
				state: 'CA',
				countryAlpha2: 'us',
			},
			lineItems: {
				lineItem: [
					{
						type: 'unit_type',
						unitTypeId: SEED.unitTypes.camdenLocker,
						quantity: 1,
						setPrice: true,
						price: 1999,
					},
					{ type: 'protection', protectionLevelId: SEED.protectionLevels.cover1000, quantity: 1 },
					{
						type: 'product',
						productId: SEED.products.padlock,
						quantity: 2,
						setPrice: true,
						price: 999,
					},
					{ type: 'security_deposit', unitTypeId: SEED.unitTypes.camdenLocker },
				],
			},
			additionalFields: {
				couponId: SEED.coupons.halfPrice,
				contractTemplateId: SEED.contractTemplates.standard,
				purchaseOrderNumber: 'PO123456',
				bookingConfirmationEmail: false,
				moveInDayEmail: false,
				metadata: {
					metadataValues: [
						{ key: 'source', value: 'n8n' },
						{ key: 'external_id', value: 'abc_123' },
					],
				},
			},
		});

		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/2025-09/orders');
		expect(request.rawQuery).toBe('');
		expect(request.headers.authorization).toBe(`Bearer ${t.sandbox.token}`);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers['idempotency-key']).toMatch(/^n8n-create-[0-9a-f]{32}$/);
		expect(request.body).toEqual({
			site: { id: SEED.sites.camden },
			billing_period: 'every_three_months',
			payment_method: 'bacs_debit',
			starts_at: '2025-03-04T14:41:00Z',
			contact: {
				full_name: 'John Doe',
				email: 'john.new@doe.com',
				phone_number: '+447525920754',
				tax_id: '123456789',
				type: 'company',
				source: 'walkin',
				marketing_source: 'recommendation',
				use_case: 'more_space',
				address: {
					line_1: '123 Main St',
					line_2: 'Apt 4B',
					city: 'Anytown',
					postal_code: '12345',
					state: 'CA',
					country_alpha2: 'US',
				},
			},
			line_items: [
				{
					type: 'unit_type',
					quantity: 1,
					item: { id: SEED.unitTypes.camdenLocker },
					price: { amount: 1999 },
				},
				{ type: 'protection', quantity: 1, item: { id: SEED.protectionLevels.cover1000 } },
				{
					type: 'product',
					quantity: 2,
					item: { id: SEED.products.padlock },
					price: { amount: 999 },
				},
				{ type: 'security_deposit', quantity: 1, item: { id: SEED.unitTypes.camdenLocker } },
			],
			coupon: { id: SEED.coupons.halfPrice },
			contract_template: { id: SEED.contractTemplates.standard },
			purchase_order_number: 'PO123456',
			emails: { booking_confirmation: false, move_in_day: false },
			metadata: { source: 'n8n', external_id: 'abc_123' },
		});

		const [order] = result.json('Stora');
		expect(order.id).toMatch(/^order_/);
		expect(order.status).toBe('draft');
		expect(order.payment_url).toBeNull();
		expect(order.metadata).toEqual({ source: 'n8n', external_id: 'abc_123' });
		expect(order.email_notifications).toEqual({ booking_confirmation: false, move_in_day: false });
		expect(order).not.toHaveProperty('meta');
		expect(result.output('Stora')[0].pairedItem).toEqual({ item: 0 });
		expect(t.sandbox.listOrders().map((o) => o.id)).toContain(order.id);
	});

	it('sends only the site, billing period and payment method when nothing else is set', async () => {
		const result = await t.run(base);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({
			site: { id: SEED.sites.camden },
			billing_period: 'monthly',
			payment_method: 'card',
		});
	});

	it('creates and finalizes in one call with Finalize Immediately', async () => {
		const result = await t.run({
			...base,
			startImmediately: true,
			contact: { fullName: 'Jane Roe', email: 'jane.roe@example.com' },
			lineItems: {
				lineItem: [{ type: 'unit_type', unitTypeId: SEED.unitTypes.camdenSmall, quantity: 1 }],
			},
			finalizeImmediately: true,
			cancelRedirectUrl: 'https://example.com/cancelled',
		});
		expect(result.status).toBe('success');
		const { body } = t.requests()[0];
		expect(body?.starts_at).toBe('now');
		expect(body?.finalize).toEqual({ cancel_redirect_url: 'https://example.com/cancelled' });
		const [order] = result.json('Stora');
		expect(order.status).toBe('finalized');
		expect(order.payment_url).toBe(`${t.sandbox.url}/checkout/${order.id}`);
	});

	it('reports why an order that is not ready could not be finalized, and Stora stores nothing', async () => {
		const before = t.sandbox.listOrders().length;
		const result = await t.run({ ...base, finalizeImmediately: true });
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as {
			message: string;
			description: string;
			httpCode: string;
		};
		expect(error.httpCode).toBe('422');
		expect(error.message).toBe('The order is not ready to be finalized.');
		expect(error.description).toContain('/starts_at');
		expect(error.description).toContain('/contact');
		expect(error.description).toContain('/line_items');
		expect(error.description).toMatch(/Stora request ID: [0-9a-f-]{36}/);
		expect(t.sandbox.listOrders()).toHaveLength(before);
	});

	it('takes line items as JSON mapped from an earlier node', async () => {
		const lineItems = [
			{ type: 'unit_type', item: { id: SEED.unitTypes.camdenMedium }, quantity: 1 },
			{ type: 'product', item: { id: SEED.products.padlock }, quantity: 3, price: { amount: 500 } },
		];
		const result = await t.run(
			{ ...base, lineItemsInputMode: 'json', lineItemsJson: '={{ $json.lines }}' },
			{ inputItems: items({ lines: lineItems }) },
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body?.line_items).toEqual([
			{ type: 'unit_type', quantity: 1, item: { id: SEED.unitTypes.camdenMedium } },
			{ type: 'product', quantity: 3, item: { id: SEED.products.padlock }, price: { amount: 500 } },
		]);
		const [order] = result.json('Stora');
		expect((order.one_time_total as { amount: number }).amount).toBe(1500);
	});

	it('merges metadata JSON with key/value pairs, the pairs winning', async () => {
		await t.run({
			...base,
			additionalFields: {
				metadataJson: '{"source": "json", "campaign": "spring"}',
				metadata: { metadataValues: [{ key: 'source', value: 'website' }] },
			},
		});
		expect(t.requests()[0].body?.metadata).toEqual({ source: 'website', campaign: 'spring' });
	});

	it('creates one order per input item, each paired to its item, with its own idempotency key', async () => {
		const result = await t.run(
			{ ...base, contact: { email: '={{ $json.email }}' } },
			{
				inputItems: items(
					{ email: 'a@example.com' },
					{ email: 'b@example.com' },
					{ email: 'c@example.com' },
				),
			},
		);
		expect(result.status).toBe('success');
		const output = result.output('Stora');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const keys = t.requests().map((request) => request.idempotencyKey);
		expect(new Set(keys).size).toBe(3);
		expect(
			t.requests().map((request) => (request.body?.contact as { email: string }).email),
		).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
	});

	it('sends expand and returns the expanded order', async () => {
		const result = await t.run({
			...base,
			contact: { email: 'expand@example.com' },
			lineItems: {
				lineItem: [{ type: 'unit_type', unitTypeId: SEED.unitTypes.camdenSmall, quantity: 1 }],
			},
			options: { expand: ['contact', 'line_items.item', 'site'] },
		});
		expect(t.requests()[0].query).toEqual({ expand: 'contact,line_items.item,site' });
		const [order] = result.json('Stora');
		expect((order.contact as { email: string }).email).toBe('expand@example.com');
		expect((order.site as { name: string }).name).toBeDefined();
		const [line] = order.line_items as Array<{ item: { name: string } }>;
		expect(line.item.name).toBeDefined();
	});

	it('reads a bare Starts At date as midnight in the workflow’s time zone', async () => {
		await t.run({ ...base, startsAt: '2026-03-04' }, { settings: { timezone: 'Europe/Berlin' } });
		expect(t.requests()[0].body?.starts_at).toBe('2026-03-03T23:00:00Z');
	});

	it('uses a user-supplied idempotency key, namespaced by operation', async () => {
		await t.run({ ...base, options: { idempotencyKey: 'form-42' } });
		expect(t.requests()[0].idempotencyKey).toBe('create:form-42');
	});
});
