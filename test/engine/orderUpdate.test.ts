import type { INodeParameters } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const update = (
	orderId: string,
	updateFields: INodeParameters,
	extra: INodeParameters = {},
): INodeParameters => ({
	resource: 'order',
	operation: 'update',
	orderId: byId(orderId),
	updateFields,
	...extra,
});

type NodeErrorView = { message: string; description: string; httpCode?: string };

describe('Order → Update', () => {
	it('sends only the fields added, as Stora names them, and outputs the order', async () => {
		const result = await t.run(
			update(SEED.orders.draftEmpty, {
				billingPeriod: 'weekly',
				paymentMethod: 'bacs_debit',
				startsAt: '2025-03-04T14:41:00Z',
				couponId: SEED.coupons.halfPrice,
				contractTemplateId: SEED.contractTemplates.business,
				purchaseOrderNumber: ' PO-77 ',
				bookingConfirmationEmail: false,
				moveInDayEmail: true,
			}),
		);
		expect(result.status).toBe('success');
		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect(request.method).toBe('PATCH');
		expect(request.path).toBe(`/2025-09/orders/${SEED.orders.draftEmpty}`);
		expect(request.headers['idempotency-key']).toBeUndefined();
		expect(request.body).toEqual({
			billing_period: 'weekly',
			payment_method: 'bacs_debit',
			starts_at: '2025-03-04T14:41:00Z',
			coupon: { id: SEED.coupons.halfPrice },
			contract_template: { id: SEED.contractTemplates.business },
			purchase_order_number: 'PO-77',
			emails: { booking_confirmation: false, move_in_day: true },
		});
		const [order] = result.json('Stora');
		expect(order).toMatchObject({
			id: SEED.orders.draftEmpty,
			status: 'draft',
			billing_period: 'weekly',
			payment_method: 'bacs_debit',
			coupon: { id: SEED.coupons.halfPrice },
		});
	});

	it('Start Immediately sends starts_at "now"; expand is sent as Stora takes it', async () => {
		const result = await t.run(
			update(
				SEED.orders.draftEmpty,
				{ startImmediately: true },
				{ options: { expand: ['site', 'contact'] } },
			),
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({ starts_at: 'now' });
		expect(t.requests()[0].query).toEqual({ expand: 'site,contact' });
		expect(result.json('Stora')[0].starts_at).toBe('now');
		expect((result.json('Stora')[0].site as { name?: string }).name).toBeDefined();
	});

	it('merges metadata: pairs and JSON set keys, Remove Metadata Keys sends null', async () => {
		const before = t.sandbox.addOrder({
			metadata: { source: 'website', external_id: 'web_7', campaign: 'winter' },
		}) as { id: string; metadata: Record<string, string> };
		const removed = 'external_id';
		const result = await t.run(
			update(before.id, {
				metadata: { metadataValues: [{ key: 'crm_id', value: 'hub-42' }] },
				metadataJson: '{"campaign": "spring"}',
				removeMetadataKeys: `${removed}, nonexistent`,
			}),
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({
			metadata: { crm_id: 'hub-42', campaign: 'spring', [removed]: null, nonexistent: null },
		});
		const metadata = result.json('Stora')[0].metadata as Record<string, string>;
		expect(metadata).toMatchObject({ crm_id: 'hub-42', campaign: 'spring' });
		expect(metadata[removed]).toBeUndefined();
		expect(metadata).toEqual({ source: 'website', campaign: 'spring', crm_id: 'hub-42' });
	});

	it('refuses an update with nothing in it before sending anything', async () => {
		const result = await t.run(update(SEED.orders.draftEmpty, {}));
		expect(result.status).toBe('error');
		expect(result.nodeError('Stora')?.message).toBe('Invalid Update Fields {} [item 0]');
		expect(t.requests()).toHaveLength(0);
	});

	it('refuses Starts At together with Start Immediately', async () => {
		const result = await t.run(
			update(SEED.orders.draftEmpty, { startImmediately: true, startsAt: '2025-03-04' }),
		);
		expect(result.status).toBe('error');
		expect(result.nodeError('Stora')?.message).toBe('Invalid Starts At "2025-03-04" [item 0]');
		expect(t.requests()).toHaveLength(0);
	});

	it('refuses setting and removing the same metadata key', async () => {
		const result = await t.run(
			update(SEED.orders.draftEmpty, {
				metadata: { metadataValues: [{ key: 'source', value: 'n8n' }] },
				removeMetadataKeys: 'source',
			}),
		);
		expect(result.nodeError('Stora')?.message).toBe(
			'Invalid Remove Metadata Keys "source" [item 0]',
		);
		expect(t.requests()).toHaveLength(0);
	});

	it('says a finalized order is no longer a draft, keeping Stora’s message', async () => {
		const result = await t.run(update(SEED.orders.finalized, { paymentMethod: 'card' }));
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as NodeErrorView;
		expect(error.message).toBe(
			`Order ${SEED.orders.finalized} is no longer a draft (it is finalized)`,
		);
		expect(error.httpCode).toBe('409');
		expect(error.description).toContain('only while the order is a draft');
		expect(error.description).toMatch(/Stora request ID: [0-9a-f-]{36}/);
		// The PATCH, then one look at the order to tell what Stora refused.
		expect(t.requests().map((request) => request.method)).toEqual(['PATCH', 'GET']);
	});

	it('reads a 422 on a finalized order the same way (Stora’s docs don’t say 409 or 422)', async () => {
		t.sandbox.faults.add({ method: 'PATCH', type: 'status', status: 422 });
		const result = await t.run(update(SEED.orders.finalized, { paymentMethod: 'card' }));
		const error = result.nodeError('Stora') as unknown as NodeErrorView;
		expect(error.message).toBe(
			`Order ${SEED.orders.finalized} is no longer a draft (it is finalized)`,
		);
		expect(error.httpCode).toBe('422');
	});

	it('keeps Stora’s own 422 on a draft: the problem is the data, not the status', async () => {
		t.sandbox.faults.add({
			method: 'PATCH',
			type: 'status',
			status: 422,
			body: {
				error: {
					code: 'invalid_content',
					type: 'invalid_request_error',
					message: 'The request body content is not valid.',
					details: [{ message: 'is not a valid billing period', pointer: '/billing_period' }],
					request_id: '0b8f5a4e-6f8e-4b36-9d5a-3f7d1c2b9a10',
				},
			},
		});
		const result = await t.run(update(SEED.orders.draftEmpty, { billingPeriod: 'weekly' }));
		const error = result.nodeError('Stora') as unknown as NodeErrorView;
		expect(error.message).toBe('The request body content is not valid.');
		expect(error.description).toContain('/billing_period: is not a valid billing period');
		expect(error.description).not.toContain('no longer a draft');
	});

	it('with Continue on Fail, a refused item becomes an error item and the others run', async () => {
		const result = await t.run(
			{
				resource: 'order',
				operation: 'update',
				orderId: byId('={{ $json.orderId }}'),
				updateFields: { purchaseOrderNumber: '={{ $json.po }}' },
			},
			{
				node: { onError: 'continueRegularOutput' },
				inputItems: items(
					{ orderId: SEED.orders.finalized, po: 'PO-1' },
					{ orderId: SEED.orders.draftEmpty, po: 'PO-2' },
				),
			},
		);
		const [failed, updated] = result.json('Stora');
		expect((failed.error as { message: string }).message).toContain('is no longer a draft');
		expect(updated.purchase_order_number).toBe('PO-2');
	});
});
