'use strict';

const { divRoundHalfEven, money } = require('./money');
const { VAT_PERCENT } = require('./pricing');
const { randomId, isoSeconds, toIsoSeconds } = require('./ids');
const { controlError } = require('./errors');

/** Stora shows only `draft` (catalogue §2.1); the rest of the enum is the sandbox's choice. */
const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void'];
const FIRST_NUMBER = 361; // the docs' example number is "ABC-361"
const DEFAULT_LINE = { description: 'Storage unit', price: 6999 };

/**
 * A timestamp field of a partial: absent → `fallback`, null stays null, else Stora's format.
 * @param {Record<string, any>} partial
 * @param {string} key
 * @param {string | null} fallback
 * @returns {string | null}
 */
function timeField(partial, key, fallback) {
	if (partial[key] === undefined) return fallback;
	return partial[key] === null ? null : toIsoSeconds(partial[key]);
}

/**
 * A stored invoice line from `{description?, price?: number | {amount}, quantity?, discount?, type?, accounting_code?, proration?}`.
 * @param {Record<string, any>} l
 */
function invoiceLine(l) {
	const price = l.price === undefined ? DEFAULT_LINE.price : typeof l.price === 'number' ? l.price : l.price.amount;
	return {
		accounting_code: l.accounting_code ?? null,
		description: l.description ?? DEFAULT_LINE.description,
		discount: l.discount ?? 0,
		price,
		proration: Boolean(l.proration),
		quantity: l.quantity ?? 1,
		type: l.type ?? null,
	};
}

/**
 * A stored invoice from a partial (seed, `addInvoice`, `POST /__sandbox/invoices`). The status
 * follows the timestamps given (`paid_at` → paid, `voided_at` → void, else open) unless set; a
 * draft has no `finalized_at`; a paid one is paid when it was finalized unless `paid_at` says.
 * `created_at: null` is kept (the docs' example has it).
 * @param {Record<string, any>} partial
 * @param {{ now: () => number, count: number, defaultContactId: string, defaultSiteId: string }} context
 *   `count` = invoices stored before this one (for its number)
 */
function invoiceRecord(partial, { now, count, defaultContactId, defaultSiteId }) {
	const status = partial.status ?? (partial.paid_at ? 'paid' : partial.voided_at ? 'void' : 'open');
	if (!INVOICE_STATUSES.includes(status)) throw controlError(400, `invoice status must be one of ${INVOICE_STATUSES.join(', ')}`);
	const t = isoSeconds(now());
	const created = timeField(partial, 'created_at', t);
	const finalized = timeField(partial, 'finalized_at', status === 'draft' ? null : created ?? t);
	const periodStart = timeField(partial, 'period_start', created ?? t);
	const periodEnd = new Date(Date.parse(periodStart ?? t));
	periodEnd.setUTCMonth(periodEnd.getUTCMonth() + 1);
	return {
		id: partial.id || randomId('inv_'),
		contact: partial.contact ?? { id: defaultContactId },
		created_at: created,
		finalized_at: finalized,
		line_items: (partial.line_items || [DEFAULT_LINE]).map(invoiceLine),
		number: partial.number ?? `ABC-${FIRST_NUMBER + count}`,
		paid_at: timeField(partial, 'paid_at', status === 'paid' ? finalized ?? t : null),
		period_start: periodStart,
		period_end: timeField(partial, 'period_end', isoSeconds(periodEnd.getTime())),
		purchase_order_number: partial.purchase_order_number ?? null,
		site: partial.site ?? { id: defaultSiteId },
		status,
		subscription: partial.subscription ?? null,
		voided_at: timeField(partial, 'voided_at', status === 'void' ? t : null),
	};
}

/**
 * The amounts of an invoice: prices include 20 % VAT as orders' do, taken per line (total × 100/120
 * rounded half to even); `amount_paid` is the total once paid, `amount_due` what is still owed.
 * @param {any} invoice stored invoice
 */
function priceInvoice(invoice) {
	const lines = invoice.line_items.map((/** @type {any} */ l) => {
		const gross = l.price * l.quantity;
		const total = gross - l.discount;
		const excl = divRoundHalfEven(total * 100, 100 + VAT_PERCENT);
		return { line: l, gross, total, excl, tax: total - excl };
	});
	const sum = (/** @type {string} */ k) => lines.reduce((/** @type {number} */ a, /** @type {any} */ l) => a + l[k], 0);
	const total = sum('total');
	const paid = invoice.status === 'paid' ? total : 0;
	return { lines, subtotal: sum('gross'), tax: sum('tax'), total, paid, due: invoice.status === 'open' || invoice.status === 'draft' ? total - paid : 0 };
}

/**
 * The public invoice object, fields in the order of the docs' example (catalogue §2.1).
 * @param {any} invoice stored invoice
 */
function renderInvoice(invoice) {
	const p = priceInvoice(invoice);
	return {
		id: invoice.id,
		amount_due: money(p.due),
		amount_paid: money(p.paid),
		contact: invoice.contact ? { id: invoice.contact.id } : null,
		created_at: invoice.created_at,
		finalized_at: invoice.finalized_at,
		line_items: p.lines.map((/** @type {any} */ l) => ({
			accounting_code: l.line.accounting_code,
			description: l.line.description,
			discount_total: money(l.line.discount),
			price: money(l.line.price),
			proration: l.line.proration,
			quantity: l.line.quantity,
			tax: money(l.tax),
			total: money(l.total),
			total_excluding_tax: money(l.excl),
			type: l.line.type,
		})),
		number: invoice.number,
		paid_at: invoice.paid_at,
		period_start: invoice.period_start,
		period_end: invoice.period_end,
		pre_payment_credit_notes_amount: money(0),
		post_payment_credit_notes_amount: money(0),
		purchase_order_number: invoice.purchase_order_number,
		site: invoice.site ? { id: invoice.site.id } : null,
		status: invoice.status,
		subscription: invoice.subscription ? { id: invoice.subscription.id } : null,
		subtotal: money(p.subtotal),
		tax: money(p.tax),
		total: money(p.total),
		voided_at: invoice.voided_at,
	};
}

/**
 * What a customer paying an open invoice does (Stora has no endpoint for it): status `paid`,
 * `paid_at` now (or the time given). Throws (status 404 / 409) for an unknown or not-open invoice.
 * @param {any} invoice stored invoice, or null
 * @param {string} invoiceId
 * @param {() => number} now
 * @param {unknown} [paidAt] epoch ms or a date string
 */
function payInvoice(invoice, invoiceId, now, paidAt) {
	if (!invoice) throw controlError(404, `no invoice \`${invoiceId}\``);
	if (invoice.status !== 'open') throw controlError(409, `invoice \`${invoiceId}\` is ${invoice.status}: only an open invoice can be paid`);
	invoice.status = 'paid';
	invoice.paid_at = paidAt === undefined || paidAt === null ? isoSeconds(now()) : toIsoSeconds(paidAt);
	return invoice;
}

module.exports = { INVOICE_STATUSES, invoiceRecord, renderInvoice, payInvoice };
