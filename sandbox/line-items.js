'use strict';

const { ApiError } = require('./errors');
const { LINE_ITEM_EXPANSIONS } = require('./expand');
const { authorize, objectBody, throwIfInvalid, findOrder, requireChangeable, touch } = require('./handlers');
const { lineItemInput, quantityInput, priceInput, rejectUnknown } = require('./order-input');
const { parsePaging, sortRecords, paginate } = require('./pagination');
const { renderLineItems } = require('./render');
const { single, list } = require('./respond');
const { isoSeconds } = require('./ids');

/** @typedef {import('./orders').HandlerContext} HandlerContext */
/** @typedef {import('./orders').HandlerResult} HandlerResult */

/**
 * The stored line item named by the second path parameter; 404 with pointer `/line_item_id` when
 * it doesn't exist or belongs to another order.
 * @param {HandlerContext} ctx
 * @param {any} order
 * @returns {any}
 */
function findLineItem(ctx, order) {
	const id = ctx.params[1];
	const line = order.line_items.find((/** @type {any} */ l) => l.id === id);
	if (!line) {
		throw new ApiError('resource_not_found', `Line item \`${id}\` was not found.`, [
			{ message: `order \`${order.id}\` has no line item with id \`${id}\``, pointer: '/line_item_id' },
		]);
	}
	return line;
}

/**
 * A line item in full, priced within its order.
 * @param {HandlerContext} ctx
 * @param {any} order
 * @param {string} id
 * @param {Set<string>} expand
 */
function rendered(ctx, order, id, expand) {
	return renderLineItems(order, expand.has('item'), ctx.store).find((/** @type {any} */ l) => l.id === id);
}

/**
 * GET /2025-09/orders/{id}/line_items
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function listLineItems(ctx) {
	const expand = authorize(ctx, 'public.order:read', LINE_ITEM_EXPANSIONS);
	const paging = parsePaging(ctx.query, ['created_at']);
	const order = findOrder(ctx);
	// line items have no _seq; their position in the order breaks created_at ties
	const lines = renderLineItems(order, expand.has('item'), ctx.store).map((/** @type {any} */ l, /** @type {number} */ i) => ({ ...l, _seq: i }));
	const { items, pagination } = paginate(sortRecords(lines, paging.sortBy, paging.direction), paging.page, paging.limit);
	return {
		status: 200,
		body: list(
			'line_items',
			items.map(({ _seq, ...l }) => l),
			pagination,
			ctx.requestId,
		),
	};
}

/**
 * POST /2025-09/orders/{id}/line_items (201). Checks: 404, body (422), status (409 or 422).
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function createLineItem(ctx) {
	const expand = authorize(ctx, 'public.order:write', LINE_ITEM_EXPANSIONS);
	const order = findOrder(ctx);
	const body = objectBody(ctx);
	/** @type {{ message: string, pointer: string }[]} */
	const details = [];
	const input = lineItemInput(body, '', ctx.store.find('sites', order.site.id), ctx.store, details);
	throwIfInvalid(details);
	requireChangeable(ctx, order);
	const line = ctx.store.newLineItem(input, order.billing_period, isoSeconds(ctx.now()));
	order.line_items.push(line);
	touch(ctx, order);
	return { status: 201, body: single('line_item', rendered(ctx, order, line.id, expand), ctx.requestId) };
}

/**
 * PATCH /2025-09/orders/{id}/line_items/{line_item_id}: only `quantity` and `price`.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function updateLineItem(ctx) {
	const expand = authorize(ctx, 'public.order:write', LINE_ITEM_EXPANSIONS);
	const order = findOrder(ctx);
	const line = findLineItem(ctx, order);
	const body = objectBody(ctx);
	/** @type {{ message: string, pointer: string }[]} */
	const details = [];
	rejectUnknown(body, ['quantity', 'price'], '', details);
	const quantity = quantityInput(body.quantity, '/quantity', details, null);
	const price = priceInput(body.price, '/price', details);
	throwIfInvalid(details);
	requireChangeable(ctx, order);
	if (quantity !== null) line.quantity = quantity;
	if (price) line.price = price;
	touch(ctx, line, order);
	return { status: 200, body: single('line_item', rendered(ctx, order, line.id, expand), ctx.requestId) };
}

/**
 * DELETE /2025-09/orders/{id}/line_items/{line_item_id}
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function deleteLineItem(ctx) {
	authorize(ctx, 'public.order:write', {});
	const order = findOrder(ctx);
	const line = findLineItem(ctx, order);
	requireChangeable(ctx, order);
	order.line_items.splice(order.line_items.indexOf(line), 1);
	touch(ctx, order);
	return { status: 200, body: single('success', { message: 'Line item deleted successfully.' }, ctx.requestId) };
}

module.exports = { listLineItems, createLineItem, updateLineItem, deleteLineItem };
