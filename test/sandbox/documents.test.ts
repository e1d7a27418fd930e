import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** GET with `Accept: application/pdf`, the body as bytes. */
async function getPdf(baseUrl: string, path: string, token = 'sandbox-token') {
	const res = await fetch(`${baseUrl}/2025-09${path}`, {
		headers: { Accept: 'application/pdf', Authorization: `Bearer ${token}` },
	});
	return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('sandbox: tenancies, subscriptions, allocations, credit notes, contracts and PDFs', () => {
	const t = sandboxPerFile({
		tokens: { 'invoice-read': ['public.invoice:read'], 'unit-read': ['public.unit:read'] },
	});
	const get = (path: string, token?: string) => call(t.sb.url, 'GET', `/2025-09${path}`, { token });
	const ids = (res: { body: Json }, key: string) => res.body[key].map((r: Json) => r.id).sort();

	describe('plain lists', () => {
		it.each([
			['tenancies', 'tenancy', SEED.tenancies, 'public.tenancy:read'],
			['subscriptions', 'subscription', SEED.subscriptions, 'public.subscription:read'],
			['unit_allocations', 'unit_allocation', SEED.unitAllocations, 'public.unit:read'],
			['credit_notes', 'credit_note', SEED.creditNotes, 'public.credit_note:read'],
			['contracts', 'contract', SEED.contracts, 'public.contract:read'],
		])(
			'%s: list (every seeded record, paged), show, scope %s',
			async (collection, single, seeded, scope) => {
				const all = await get(`/${collection}`);
				expect(all.status).toBe(200);
				expect(ids(all, collection)).toEqual(Object.values(seeded).sort());
				const first = await get(`/${collection}?limit=1&page=2&sort_direction=ASC`);
				expect(first.body[collection]).toHaveLength(1);
				expect(first.body.meta.pagination).toMatchObject({
					page: 2,
					limit: 1,
					count: Object.keys(seeded).length,
				});
				const id = Object.values(seeded)[0];
				expect((await get(`/${collection}/${id}`)).body[single].id).toBe(id);
				const denied = await get(`/${collection}`, 'invoice-read');
				expect(denied.status).toBe(403);
				expect(denied.body.error.message).toContain(scope);
			},
		);

		it('tenancies and subscriptions ignore filters (the docs give tenancies none)', async () => {
			expect(
				ids(await get(`/tenancies?contact_id=${SEED.contacts.sam}&site_id=x`), 'tenancies'),
			).toEqual(Object.values(SEED.tenancies).sort());
			expect(
				ids(await get(`/subscriptions?contact_id=${SEED.contacts.sam}`), 'subscriptions'),
			).toHaveLength(3);
		});

		it('unit allocations filter by contact_id, tenancy_id, unit_id and site_id (comma lists)', async () => {
			const A = SEED.unitAllocations;
			expect(
				ids(await get(`/unit_allocations?contact_id=${SEED.contacts.priya}`), 'unit_allocations'),
			).toEqual([A.priyaSmall, A.priyaLocker].sort());
			expect(
				ids(await get(`/unit_allocations?tenancy_id=${SEED.tenancies.sam}`), 'unit_allocations'),
			).toEqual([A.samLarge]);
			expect(
				ids(
					await get(
						`/unit_allocations?unit_id=${SEED.units.camdenLockerReserved},${SEED.units.leedsLargeOverlocked}`,
					),
					'unit_allocations',
				),
			).toEqual([A.priyaLocker, A.samLarge].sort());
			expect(
				ids(await get(`/unit_allocations?site_id=${SEED.sites.leeds}`), 'unit_allocations'),
			).toEqual([A.samLarge]);
			expect(
				ids(
					await get(
						`/unit_allocations?site_id=${SEED.sites.leeds}&contact_id=${SEED.contacts.priya}`,
					),
					'unit_allocations',
				),
			).toEqual([]);
		});

		it('records have the fields of the docs (catalogue §2.2–§2.9) and point at each other', async () => {
			const tenancy = (await get(`/tenancies/${SEED.tenancies.priya}`)).body.tenancy;
			expect(Object.keys(tenancy)).toEqual([
				'id',
				'contact',
				'created_at',
				'ends_at',
				'order',
				'site',
				'starts_at',
				'subscription',
				'unit_allocations',
				'updated_at',
			]);
			expect(tenancy).toMatchObject({
				contact: { id: SEED.contacts.priya },
				order: { id: SEED.orders.completed },
				subscription: { id: SEED.subscriptions.priya },
			});
			const order = (await get(`/orders/${SEED.orders.completed}`)).body.order;
			expect(order.tenancy).toEqual({ id: SEED.tenancies.priya });
			expect(order.subscription).toEqual({ id: SEED.subscriptions.priya });
			const sub = (await get(`/subscriptions/${SEED.subscriptions.priya}`)).body.subscription;
			expect(Object.keys(sub)).toEqual([
				'id',
				'billing_period',
				'cancellation_reason',
				'cancelled',
				'contact',
				'created_at',
				'current_period',
				'ends_at',
				'line_items',
				'order',
				'site',
				'starts_at',
				'stripe_subscription_id',
				'stripe_subscription_schedule_id',
				'tenancy',
				'updated_at',
			]);
			expect(sub.line_items.map((l: Json) => l.type)).toEqual([
				'unit_type',
				'protection',
				'custom_product',
			]);
			const note = (await get('/credit_notes')).body.credit_notes.find(
				(n: Json) => n.id === SEED.creditNotes.priyaRefund,
			);
			expect(note).toMatchObject({
				number: 'ABC-361-CN-1',
				invoice: { id: SEED.invoices.paid },
				status: 'issued',
				total: { amount: 2000 },
			});
			const contracts: Json[] = (await get('/contracts')).body.contracts;
			expect(Object.fromEntries(contracts.map((c) => [c.id, c.status]))).toEqual({
				[SEED.contracts.signed]: 'signed',
				[SEED.contracts.pending]: 'pending',
				[SEED.contracts.voided]: 'voided',
			});
			expect(contracts.find((c) => c.id === SEED.contracts.voided)?._links).toEqual({});
		});

		it('a completed checkout stores the tenancy and subscription the order names', async () => {
			const order = t.sb.completeCheckout(SEED.orders.finalized);
			const tenancy = (await get(`/tenancies/${order.tenancy.id}`)).body.tenancy;
			expect(tenancy).toMatchObject({
				contact: { id: SEED.contacts.jane },
				order: { id: SEED.orders.finalized },
				unit_allocations: [],
			});
			const sub = (await get(`/subscriptions/${order.subscription.id}`)).body.subscription;
			expect(sub).toMatchObject({
				tenancy: { id: tenancy.id },
				billing_period: 'monthly',
				cancelled: false,
			});
		});
	});

	describe('PDFs', () => {
		it.each([
			['invoice', `/invoices/${SEED.invoices.paid}`, 'Invoice ABC-361', SEED.invoices.paid],
			[
				'credit note',
				`/credit_notes/${SEED.creditNotes.priyaRefund}`,
				'Credit note ABC-361-CN-1',
				SEED.creditNotes.priyaRefund,
			],
			[
				'signed contract',
				`/contracts/${SEED.contracts.signed}`,
				'Standard storage agreement',
				SEED.contracts.signed,
			],
		])(
			'%s: Accept application/pdf → the same bytes every time, naming the record, no Content-Disposition',
			async (_name, path, title, id) => {
				const pdf = await getPdf(t.sb.url, path);
				expect(pdf.status).toBe(200);
				expect(pdf.headers.get('content-type')).toBe('application/pdf');
				expect(pdf.headers.get('content-disposition')).toBeNull();
				expect(pdf.headers.get('x-request-id')).toEqual(expect.any(String));
				expect(pdf.bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
				expect(pdf.bytes.subarray(9, 15)).toEqual(
					Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]),
				);
				expect(pdf.bytes.toString('latin1')).toContain(`(${title})`);
				expect(pdf.bytes.toString('latin1')).toContain(`(${id})`);
				expect(pdf.bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
				expect((await getPdf(t.sb.url, path)).bytes.equals(pdf.bytes)).toBe(true);
				expect(t.sb.pdfFor(id).equals(pdf.bytes)).toBe(true);
			},
		);

		it('without Accept application/pdf the same paths answer JSON', async () => {
			expect((await get(`/invoices/${SEED.invoices.paid}`)).body.invoice.number).toBe('ABC-361');
			expect((await get(`/contracts/${SEED.contracts.pending}`)).body.contract.status).toBe(
				'pending',
			);
			expect(
				(await get(`/credit_notes/${SEED.creditNotes.johnVoided}`)).body.credit_note.number,
			).toBe('ABC-363-CN-1');
		});

		it.each([
			['pending', SEED.contracts.pending],
			['voided', SEED.contracts.voided],
		])('a %s contract has no PDF: 406 invalid_format saying why', async (status, id) => {
			const res = await getPdf(t.sb.url, `/contracts/${id}`);
			expect(res.status).toBe(406);
			const body = JSON.parse(res.bytes.toString('utf8'));
			expect(body.error).toMatchObject({ code: 'invalid_format', request_id: expect.any(String) });
			expect(body.error.message).toBe(
				`Contract \`${id}\` is ${status}: only signed contracts can be downloaded as PDF.`,
			);
		});

		it('every other resource answers Accept application/pdf with 406 (responses guide)', async () => {
			for (const path of [
				`/orders/${SEED.orders.completed}`,
				`/units/${SEED.units.camdenLockerA}`,
				`/tenancies/${SEED.tenancies.sam}`,
				'/invoices',
			]) {
				const res = await getPdf(t.sb.url, path);
				expect([path, res.status]).toEqual([path, 406]);
				expect(JSON.parse(res.bytes.toString('utf8')).error.code).toBe('invalid_format');
			}
		});

		it('a PDF needs the read scope and an existing record', async () => {
			expect((await getPdf(t.sb.url, `/invoices/${SEED.invoices.paid}`, 'unit-read')).status).toBe(
				403,
			);
			expect((await getPdf(t.sb.url, '/credit_notes/cred_doesnotexist000')).status).toBe(404);
			expect(() => t.sb.pdfFor('ctr_nope')).toThrow(/no invoice, credit note or contract/);
		});
	});
});
