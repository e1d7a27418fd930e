'use strict';

const { requireScopes } = require('./auth');
const { findOr404 } = require('./handlers');
const { parsePaging, sortRecords, paginate } = require('./pagination');
const { renderInvoice } = require('./invoice-record');
const { single, list } = require('./respond');
const { wantsPdf, pdfResult } = require('./pdf');

/** @typedef {import('./orders').HandlerContext} HandlerContext */
/** @typedef {import('./orders').HandlerResult} HandlerResult */

/**
 * GET /2025-09/invoices. The docs' parameter list could not be read (catalogue §2.1): only the
 * common list parameters are honoured (page, limit, sort_by=created_at, sort_direction); any
 * filter is ignored like every unknown parameter. A null `created_at` sorts as the largest value
 * (PostgreSQL's default: first when DESC). With the `invoiceSortIgnored` option the order is
 * insertion order whatever is asked, for clients that must not rely on the sort.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function listInvoices(ctx) {
	requireScopes(ctx.scopes, ['public.invoice:read']);
	const paging = parsePaging(ctx.query, ['created_at']);
	const all = ctx.store.invoices;
	const ordered = ctx.options.invoiceSortIgnored ? all : sortRecords(all, paging.sortBy, paging.direction, { nullsLargest: true });
	const { items, pagination } = paginate(ordered, paging.page, paging.limit);
	return { status: 200, body: list('invoices', items.map(renderInvoice), pagination, ctx.requestId) };
}

/**
 * GET /2025-09/invoices/{id}: JSON, or with `Accept: application/pdf` the invoice as PDF (responses guide).
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function getInvoice(ctx) {
	requireScopes(ctx.scopes, ['public.invoice:read']);
	const invoice = findOr404(ctx, 'invoices', 'Invoice', 'invoice_id');
	if (wantsPdf(ctx.accept)) return pdfResult(invoicePdfLines(invoice));
	return { status: 200, body: single('invoice', renderInvoice(invoice), ctx.requestId) };
}

/**
 * What an invoice's PDF says.
 * @param {any} invoice stored invoice
 */
function invoicePdfLines(invoice) {
	return [`Invoice ${invoice.number}`, invoice.id, `Total ${renderInvoice(invoice).total.formatted}`];
}

module.exports = { listInvoices, getInvoice, invoicePdfLines };
