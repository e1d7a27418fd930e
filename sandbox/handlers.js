'use strict';

const { ApiError } = require('./errors');
const { requireScopes } = require('./auth');
const { parseExpand, expandScopes, ORDER_EXPANSIONS } = require('./expand');
const { isObject } = require('./order-input');
const { isoSeconds } = require('./ids');

/**
 * Endpoint scope, then `expand` (422 when unknown) and the scopes it needs.
 * @param {import('./orders').HandlerContext} ctx
 * @param {string} scope
 * @param {Record<string, string[]>} [expansions] the endpoint's expansions (default: an order's)
 */
function authorize(ctx, scope, expansions = ORDER_EXPANSIONS) {
	requireScopes(ctx.scopes, [scope]);
	const expand = parseExpand(ctx.query, expansions);
	requireScopes(ctx.scopes, expandScopes(expand, expansions));
	return expand;
}

/**
 * The JSON object body of a POST or PATCH (an empty body counts as `{}`).
 * @param {import('./orders').HandlerContext} ctx
 * @returns {Record<string, any>}
 */
function objectBody(ctx) {
	if (ctx.body === undefined) return {};
	if (!isObject(ctx.body)) throw new ApiError('invalid_request', 'The request body must be a JSON object.');
	return ctx.body;
}

/**
 * 422 `invalid_content` with the default message when there are details.
 * @param {{ message: string, pointer: string }[]} details
 */
function throwIfInvalid(details) {
	if (details.length) throw new ApiError('invalid_content', undefined, details);
}

/**
 * A stored record by path parameter, or 404 `resource_not_found` with pointer `/<param>`.
 * @param {import('./orders').HandlerContext} ctx
 * @param {string} collection
 * @param {string} label e.g. "Order"
 * @param {string} param e.g. "order_id"
 * @param {number} [index] which path parameter (default 0)
 * @returns {any}
 */
function findOr404(ctx, collection, label, param, index = 0) {
	const id = ctx.params[index];
	const record = ctx.store.find(collection, id);
	if (!record) {
		throw new ApiError('resource_not_found', `${label} \`${id}\` was not found.`, [
			{ message: `no ${label.toLowerCase()} with id \`${id}\``, pointer: `/${param}` },
		]);
	}
	return record;
}

/**
 * @param {import('./orders').HandlerContext} ctx
 * @returns {any}
 */
function findOrder(ctx) {
	return findOr404(ctx, 'orders', 'Order', 'order_id');
}

/**
 * @param {any} order
 * @param {'conflict' | 'invalid_content'} code
 * @param {string} message
 */
function notDraft(order, code, message) {
	return new ApiError(code, message, [{ message: `order status is \`${order.status}\`, expected \`draft\``, pointer: '/status' }]);
}

/**
 * Validate and finalize of a non-draft order: always 409.
 * @param {any} order
 * @param {string} action
 */
function requireDraft(order, action) {
	if (order.status !== 'draft') {
		throw notDraft(order, 'conflict', `Only draft orders can be ${action}; order \`${order.id}\` is ${order.status}.`);
	}
}

/**
 * Changing a non-draft order or its line items: 409 `conflict`, or 422 `invalid_content` with
 * the `notDraftStatus: 422` option.
 * @param {import('./orders').HandlerContext} ctx
 * @param {any} order
 */
function requireChangeable(ctx, order) {
	if (order.status !== 'draft') {
		const code = ctx.options.notDraftStatus === 422 ? 'invalid_content' : 'conflict';
		throw notDraft(order, code, `Order \`${order.id}\` is ${order.status}: only draft orders can be changed.`);
	}
}

/**
 * Resolves an order's validated `contact` input: an existing contact, the contact with the same
 * email (reused unchanged), or fields for a new contact (created later by `commitContact`).
 * @param {{ existing: any } | { fields: Record<string, any> } | null} input
 * @param {import('./store').Store} store
 * @returns {{ ref: { id: string } | null, record: any, fields: Record<string, any> | null }}
 */
function resolveContact(input, store) {
	if (!input) return { ref: null, record: null, fields: null };
	if ('existing' in input) return { ref: { id: input.existing.id }, record: input.existing, fields: null };
	const existing = input.fields.email ? store.findContactByEmail(input.fields.email) : null;
	if (existing) return { ref: { id: existing.id }, record: existing, fields: null };
	return { ref: null, record: input.fields, fields: input.fields };
}

/**
 * The `{id}` reference of a resolved contact, creating the new contact when there is one.
 * @param {ReturnType<typeof resolveContact>} resolved
 * @param {import('./store').Store} store
 */
function commitContact(resolved, store) {
	return resolved.fields ? { id: store.createContact(resolved.fields).id } : resolved.ref;
}

/**
 * Sets `updated_at` to now.
 * @param {import('./orders').HandlerContext} ctx
 * @param {...any} records
 */
function touch(ctx, ...records) {
	const t = isoSeconds(ctx.now());
	for (const r of records) r.updated_at = t;
}

module.exports = {
	authorize,
	objectBody,
	throwIfInvalid,
	findOr404,
	findOrder,
	requireDraft,
	requireChangeable,
	resolveContact,
	commitContact,
	touch,
};
