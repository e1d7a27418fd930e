import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, fakeClock } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const clock = fakeClock(Date.parse('2025-03-01T12:00:00Z'));
const { paid, open, voided, draft, oldPaid } = SEED.invoices;

/** The fields of the docs' invoice example (catalogue §2.1), in its order. */
const INVOICE_KEYS = [
	'id',
	'amount_due',
	'amount_paid',
	'contact',
	'created_at',
	'finalized_at',
	'line_items',
	'number',
	'paid_at',
	'period_start',
	'period_end',
	'pre_payment_credit_notes_amount',
	'post_payment_credit_notes_amount',
	'purchase_order_number',
	'site',
	'status',
	'subscription',
	'subtotal',
	'tax',
	'total',
	'voided_at',
];

describe('sandbox: invoices', () => {
	const t = sandboxPerFile({
		now: clock.now,
		tokens: { 'orders-only': ['public.order:read'], 'invoice-read': ['public.invoice:read'] },
	});
	beforeEach(() => {
		clock.set(Date.parse('2025-03-01T12:00:00Z'));
		t.sb.setOptions({ invoiceSortIgnored: false });
	});

	const list = (query = '', token?: string) =>
		call(t.sb.url, 'GET', `/2025-09/invoices${query}`, { token });
	const ids = (res: { body: Json }) => res.body.invoices.map((i: Json) => i.id);
	const control = (method: string, path: string, body?: unknown) =>
		call(t.sb.url, method, `/__sandbox/${path}`, { body, token: null });

	it('lists the five seeded invoices newest first, the one without created_at first, with pagination meta', async () => {
		const res = await list('', 'invoice-read');
		expect(res.status).toBe(200);
		expect(ids(res)).toEqual([draft, open, voided, paid, oldPaid]);
		expect(res.body.meta.pagination).toEqual({
			count: 5,
			last: 1,
			limit: 50,
			next: null,
			page: 1,
			pages: 1,
			prev: null,
		});
		expect(ids(await list('?sort_by=created_at&sort_direction=ASC'))).toEqual([
			oldPaid,
			paid,
			voided,
			open,
			draft,
		]);
		const paged = await list('?limit=2&page=2');
		expect(ids(paged)).toEqual([voided, paid]);
		expect(paged.body.meta.pagination).toMatchObject({ count: 5, pages: 3, next: 3, prev: 1 });
	});

	it('answers invoices with the documented fields, Money amounts and the docs’ draft shape', async () => {
		const res = await list();
		for (const invoice of res.body.invoices) {
			expect(Object.keys(invoice)).toEqual(INVOICE_KEYS);
			expect(invoice.id).toMatch(/^inv_[0-9a-z]{16}$/);
			expect(Object.keys(invoice.line_items[0])).toEqual([
				'accounting_code',
				'description',
				'discount_total',
				'price',
				'proration',
				'quantity',
				'tax',
				'total',
				'total_excluding_tax',
				'type',
			]);
		}
		const byId = Object.fromEntries(res.body.invoices.map((i: Json) => [i.id, i]));
		expect(byId[paid]).toMatchObject({
			number: 'ABC-361',
			status: 'paid',
			contact: { id: SEED.contacts.priya },
			site: { id: SEED.sites.camden },
			subscription: { id: expect.stringMatching(/^sub_/) },
			created_at: '2025-02-16T12:00:00Z',
			finalized_at: '2025-02-16T12:00:00Z',
			paid_at: '2025-02-16T13:00:00Z',
			subtotal: { amount: 16999, currency: 'GBP', formatted: '£169.99' },
			total: { amount: 16999 },
			// 20 % VAT included, per line: 6999 → 1167, 10000 → 1667
			tax: { amount: 2834 },
			amount_paid: { amount: 16999 },
			amount_due: { amount: 0 },
			voided_at: null,
		});
		expect(byId[open]).toMatchObject({
			status: 'open',
			paid_at: null,
			amount_paid: { amount: 0 },
			amount_due: { amount: 6999 },
		});
		expect(byId[voided]).toMatchObject({ status: 'void', voided_at: '2025-02-22T12:00:00Z' });
		expect(byId[draft]).toMatchObject({ status: 'draft', created_at: null, finalized_at: null });
		expect(byId[oldPaid]).toMatchObject({ status: 'paid', created_at: '2024-12-01T12:00:00Z' });
	});

	it('shows one invoice as {invoice, meta}; 404 with pointer /invoice_id; needs public.invoice:read', async () => {
		const shown = await call(t.sb.url, 'GET', `/2025-09/invoices/${paid}`);
		expect(shown.status).toBe(200);
		expect(Object.keys(shown.body)).toEqual(['invoice', 'meta']);
		expect(shown.body.invoice).toEqual((await list()).body.invoices[3]);
		const missing = await call(t.sb.url, 'GET', '/2025-09/invoices/inv_0000000000000000');
		expect(missing.status).toBe(404);
		expect(missing.body.error.code).toBe('resource_not_found');
		expect(missing.body.error.details).toEqual([
			{ message: expect.any(String), pointer: '/invoice_id' },
		]);
		for (const path of ['/2025-09/invoices', `/2025-09/invoices/${paid}`]) {
			const refused = await call(t.sb.url, 'GET', path, { token: 'orders-only' });
			expect(refused.status).toBe(403);
			expect(refused.body.error.message).toContain('public.invoice:read');
		}
	});

	it('validates the common list parameters and ignores filters (the docs list none)', async () => {
		for (const [query, pointer] of [
			['limit=101', '/limit'],
			['page=0', '/page'],
			['sort_by=updated_at', '/sort_by'],
			['sort_direction=desc', '/sort_direction'],
		]) {
			const res = await list(`?${query}`);
			expect(res.status).toBe(422);
			expect(res.body.error.details).toEqual([{ message: expect.any(String), pointer }]);
		}
		const all = ids(await list());
		for (const query of [
			'status=paid',
			'created_after=2025-02-28T00:00:00Z',
			`contact_id=${SEED.contacts.jane}`,
			'paid_after=2025-01-01',
		])
			expect(ids(await list(`?${query}`))).toEqual(all);
	});

	it('addInvoice sets created_at to the second: same-second ties page by insertion order, both ways', async () => {
		t.sb.reset();
		const same = '2025-02-28T09:30:00.700Z';
		const first = t.sb.addInvoice({ created_at: same });
		const second = t.sb.addInvoice({ created_at: Date.parse('2025-02-28T09:30:00.200Z') });
		expect(first).toMatchObject({
			created_at: '2025-02-28T09:30:00Z',
			finalized_at: '2025-02-28T09:30:00Z',
			status: 'open',
			number: 'ABC-366',
			contact: { id: SEED.contacts.priya },
			site: { id: SEED.sites.camden },
			paid_at: null,
		});
		expect(second.created_at).toBe(first.created_at);
		expect(second.number).toBe('ABC-367');
		const desc: string[] = [];
		for (let page = 1; page <= 7; page++) desc.push(...ids(await list(`?limit=1&page=${page}`)));
		expect(desc).toEqual([draft, second.id, first.id, open, voided, paid, oldPaid]);
		const asc: string[] = [];
		for (let page = 1; page <= 7; page++)
			asc.push(...ids(await list(`?limit=1&page=${page}&sort_direction=ASC`)));
		expect(asc).toEqual([...desc].reverse());
	});

	it('addInvoice takes the status, timestamps, lines and relations; null created_at is kept', async () => {
		const fallback = t.sb.addInvoice({ created_at: null, finalized_at: '2025-02-27T08:00:00Z' });
		expect(fallback).toMatchObject({ created_at: null, finalized_at: '2025-02-27T08:00:00Z' });
		const now = t.sb.addInvoice();
		expect(now).toMatchObject({ created_at: '2025-03-01T12:00:00Z', status: 'open' });
		const paidOne = t.sb.addInvoice({
			created_at: '2024-11-01T00:00:00Z',
			paid_at: '2024-11-02T00:00:00Z',
			contact: { id: SEED.contacts.jane },
			site: { id: SEED.sites.leeds },
			subscription: { id: 'sub_0123456789abcdef' },
			line_items: [{ description: 'Locker', price: { amount: 1200 }, quantity: 2, discount: 400 }],
		});
		expect(paidOne).toMatchObject({
			status: 'paid',
			paid_at: '2024-11-02T00:00:00Z',
			contact: { id: SEED.contacts.jane },
			subtotal: { amount: 2400 },
			total: { amount: 2000 },
			amount_paid: { amount: 2000 },
			line_items: [{ quantity: 2, discount_total: { amount: 400 }, total: { amount: 2000 } }],
		});
		expect(t.sb.addInvoice({ status: 'draft' })).toMatchObject({ finalized_at: null });
		expect(t.sb.addInvoice({ voided_at: '2025-02-01T00:00:00Z' }).status).toBe('void');
		expect(() => t.sb.addInvoice({ status: 'uncollectible' })).toThrow(/status/);
		expect(t.sb.addInvoices(3, (i) => ({ created_at: Date.UTC(2023, 0, 1 + i) }))).toBe(3);
		expect(t.sb.listInvoices()).toHaveLength(5 + 8);
		expect(
			t.sb
				.listInvoices()
				.slice(-3)
				.map((i) => i.created_at),
		).toEqual(['2023-01-01T00:00:00Z', '2023-01-02T00:00:00Z', '2023-01-03T00:00:00Z']);
	});

	it('payInvoice pays an open invoice now or at the time given; 409 unless open, 404 unknown', async () => {
		clock.set(Date.parse('2025-03-02T10:00:00.900Z'));
		expect(t.sb.payInvoice(open)).toMatchObject({
			status: 'paid',
			paid_at: '2025-03-02T10:00:00Z',
			amount_paid: { amount: 6999 },
			amount_due: { amount: 0 },
		});
		const later = t.sb.addInvoice({ created_at: '2025-01-01T00:00:00Z' });
		expect(t.sb.payInvoice(later.id, '2025-01-05T00:00:00Z').paid_at).toBe('2025-01-05T00:00:00Z');
		for (const id of [open, paid, voided, draft]) {
			expect(() => t.sb.payInvoice(id)).toThrow(expect.objectContaining({ status: 409 }));
		}
		expect(() => t.sb.payInvoice('inv_nope')).toThrow(expect.objectContaining({ status: 404 }));
		const shown = await call(t.sb.url, 'GET', `/2025-09/invoices/${open}`);
		expect(shown.body.invoice.status).toBe('paid');
	});

	it('serves the invoice control routes: add, list, pay', async () => {
		const added = await control('POST', 'invoices', { created_at: '2025-02-28T00:00:00Z' });
		expect(added.status).toBe(201);
		expect(added.body).toMatchObject({ status: 'open', created_at: '2025-02-28T00:00:00Z' });
		expect((await control('GET', 'invoices')).body.map((i: Json) => i.id)).toContain(added.body.id);
		const payPath = `invoices/${added.body.id}/pay`;
		const paidNow = await control('POST', payPath, { paid_at: '2025-02-28T01:00:00Z' });
		expect(paidNow).toMatchObject({
			status: 200,
			body: { status: 'paid', paid_at: '2025-02-28T01:00:00Z' },
		});
		expect((await control('POST', payPath)).status).toBe(409);
		expect((await control('POST', 'invoices/inv_nope/pay')).status).toBe(404);
		expect((await control('POST', 'invoices', { status: 'nope' })).status).toBe(400);
		expect(t.sb.requests).toHaveLength(0);
	});

	it('invoiceSortIgnored: the list answers in insertion order whatever the sort asked', async () => {
		t.sb.setOptions({ invoiceSortIgnored: true });
		const inserted = t.sb.store.invoices.map((i: Json) => i.id);
		expect(ids(await list())).toEqual(inserted);
		expect(ids(await list('?sort_by=created_at&sort_direction=ASC'))).toEqual(inserted);
		expect((await list('?sort_direction=up')).status).toBe(422);
		expect(await control('GET', 'options')).toMatchObject({
			body: { invoiceSortIgnored: true },
		});
		expect((await control('POST', 'options', { invoiceSortIgnored: 'yes' })).status).toBe(400);
		await control('POST', 'options', { invoiceSortIgnored: false });
		expect(ids(await list())).toEqual([draft, open, voided, paid, oldPaid]);
	});

	it('reset() restores the seeded invoices', async () => {
		t.sb.payInvoice(open);
		t.sb.addInvoice();
		t.sb.reset();
		expect(t.sb.store.invoices).toHaveLength(5);
		expect(t.sb.listInvoices().find((i) => i.id === open)).toMatchObject({ status: 'open' });
	});
});

describe('sandbox: seedInvoices: false', () => {
	const t = sandboxPerFile({ seedInvoices: false });

	it('starts with no invoices, the first added is ABC-361', async () => {
		const res = await call(t.sb.url, 'GET', '/2025-09/invoices');
		expect(res.body.invoices).toEqual([]);
		expect(res.body.meta.pagination).toMatchObject({ count: 0, pages: 1 });
		expect(t.sb.addInvoice().number).toBe('ABC-361');
	});
});
