'use strict';

const { ApiError } = require('./errors');
const { requireScopes } = require('./auth');
const { parseExpand, expandScopes } = require('./expand');
const { parsePaging, sortRecords, paginate } = require('./pagination');
const { listParam, checkEnumList, timeParam, badParam } = require('./query');
const { matchesMetadata } = require('./metadata');
const { validateCreateOrder, finalizeInput, isObject } = require('./order-input');
const { readinessProblems, NOT_READY_MESSAGE } = require('./readiness');
const { renderOrder } = require('./render');
const { single, list } = require('./respond');
const { randomId, isoSeconds } = require('./ids');

const STATUSES = ['draft', 'finalized', 'completed', 'abandoned'];

/**
 * @typedef {object} HandlerContext
 * @property {import('./store').Store} store
 * @property {Record<string, any>} query
 * @property {any} body parsed JSON body, undefined when empty
 * @property {string[]} params path parameters
 * @property {Set<string>} scopes
 * @property {string} requestId
 * @property {string} baseUrl
 * @property {() => number} now
 */
/** @typedef {{ status: number, body: any }} HandlerResult */

/**
 * Endpoint scope, then `expand` (422 when unknown) and the scopes it needs.
 * @param {HandlerContext} ctx
 * @param {string} scope
 */
function authorize(ctx, scope) {
	requireScopes(ctx.scopes, [scope]);
	const expand = parseExpand(ctx.query);
	requireScopes(ctx.scopes, expandScopes(expand));
	return expand;
}

/**
 * The JSON object body of a POST (an empty body counts as `{}`).
 * @param {HandlerContext} ctx
 * @returns {Record<string, any>}
 */
function objectBody(ctx) {
	if (ctx.body === undefined) return {};
	if (!isObject(ctx.body)) throw new ApiError('invalid_request', 'The request body must be a JSON object.');
	return ctx.body;
}

/**
 * @param {HandlerContext} ctx
 * @returns {any}
 */
function findOrder(ctx) {
	const order = ctx.store.find('orders', ctx.params[0]);
	if (!order) {
		throw new ApiError('resource_not_found', `Order \`${ctx.params[0]}\` was not found.`, [
			{ message: `no order with id \`${ctx.params[0]}\``, pointer: '/order_id' },
		]);
	}
	return order;
}

/**
 * @param {any} order
 * @param {string} action
 */
function requireDraft(order, action) {
	if (order.status !== 'draft') {
		throw new ApiError('conflict', `Only draft orders can be ${action}; order \`${order.id}\` is ${order.status}.`, [
			{ message: `order status is \`${order.status}\`, expected \`draft\``, pointer: '/status' },
		]);
	}
}

/**
 * @param {HandlerContext} ctx
 * @param {any} order
 */
function contactOf(ctx, order) {
	return order.contact ? ctx.store.find('contacts', order.contact.id) : null;
}

/**
 * GET /2025-09/orders
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function listOrders(ctx) {
	const expand = authorize(ctx, 'public.order:read');
	const q = ctx.query;
	const paging = parsePaging(q, ['created_at']);
	const statuses = checkEnumList(listParam(q, 'status'), 'status', STATUSES);
	const siteIds = listParam(q, 'site_id');
	const contactIds = listParam(q, 'contact_id');
	const after = timeParam(q, 'created_after');
	const before = timeParam(q, 'created_before');
	/** @type {Record<string, string>} */
	let metadata = {};
	if (q.metadata !== undefined) {
		if (!isObject(q.metadata)) throw badParam('metadata', 'value at `/metadata` must be given as metadata[key]=value');
		metadata = q.metadata;
	}
	const matching = ctx.store.orders.filter((o) => {
		if (statuses && statuses.length && !statuses.includes(o.status)) return false;
		if (siteIds && siteIds.length && !siteIds.includes(o.site.id)) return false;
		if (contactIds && contactIds.length && !(o.contact && contactIds.includes(o.contact.id))) return false;
		const created = Date.parse(o.created_at);
		if (after !== undefined && created < after) return false;
		if (before !== undefined && created >= before) return false;
		return matchesMetadata(o.metadata, metadata);
	});
	const sorted = sortRecords(matching, paging.sortBy, paging.direction);
	const { items, pagination } = paginate(sorted, paging.page, paging.limit);
	return {
		status: 200,
		body: list(
			'orders',
			items.map((o) => renderOrder(o, expand, ctx.store)),
			pagination,
			ctx.requestId,
		),
	};
}

/**
 * POST /2025-09/orders (201). With a `finalize` object the order must be ready, else 422 and
 * nothing is stored (neither the order nor a new contact).
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function createOrder(ctx) {
	const expand = authorize(ctx, 'public.order:write');
	const body = objectBody(ctx);
	const { store } = ctx;
	const { details, input } = validateCreateOrder(body, store);
	if (details.length) throw new ApiError('invalid_content', undefined, details);

	/** @type {{ id: string } | null} */
	let contactRef = null;
	/** @type {any} */
	let contactForReadiness = null;
	/** @type {Record<string, any> | null} */
	let newContact = null;
	if (input.contact && 'existing' in input.contact) {
		contactRef = { id: input.contact.existing.id };
		contactForReadiness = input.contact.existing;
	} else if (input.contact) {
		const fields = input.contact.fields;
		const existing = fields.email ? store.findContactByEmail(fields.email) : null;
		if (existing) {
			contactRef = { id: existing.id };
			contactForReadiness = existing;
		} else {
			newContact = fields;
			contactForReadiness = fields;
		}
	}

	const lineItems = input.lineItems.map((l) => /** @type {any} */ (l));
	if (input.finalize) {
		const problems = readinessProblems({ billing_period: input.billingPeriod, starts_at: input.startsAt, line_items: lineItems }, contactForReadiness);
		if (problems.length) throw new ApiError('invalid_content', NOT_READY_MESSAGE, problems);
	}
	if (newContact) contactRef = { id: store.createContact(newContact).id };

	const now = isoSeconds(ctx.now());
	const id = randomId('order_');
	const record = store.insertOrder({
		id,
		billing_period: input.billingPeriod,
		contact: contactRef,
		contract_template: input.contractTemplate ? { id: input.contractTemplate.id } : null,
		coupon: input.coupon ? { id: input.coupon.id } : null,
		created_at: now,
		updated_at: now,
		email_notifications: input.emails,
		line_items: lineItems,
		metadata: input.metadata,
		payment_method: input.paymentMethod,
		payment_url: input.finalize ? `${ctx.baseUrl}/checkout/${id}` : null,
		purchase_order_number: input.purchaseOrderNumber,
		site: { id: input.site.id },
		source: 'public_api',
		starts_at: input.startsAt,
		status: input.finalize ? 'finalized' : 'draft',
		_cancelRedirectUrl: input.finalize ? input.finalize.cancel_redirect_url : null,
	});
	return { status: 201, body: single('order', renderOrder(record, expand, store), ctx.requestId) };
}

/**
 * GET /2025-09/orders/{id}
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function getOrder(ctx) {
	const expand = authorize(ctx, 'public.order:read');
	const order = findOrder(ctx);
	return { status: 200, body: single('order', renderOrder(order, expand, ctx.store), ctx.requestId) };
}

/**
 * GET /2025-09/orders/{id}/validate: 200 when ready, 422 listing the problems, 409 when not a draft.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function validateOrder(ctx) {
	const expand = authorize(ctx, 'public.order:read');
	const order = findOrder(ctx);
	requireDraft(order, 'validated');
	const problems = readinessProblems(order, contactOf(ctx, order));
	if (problems.length) throw new ApiError('invalid_content', NOT_READY_MESSAGE, problems);
	return { status: 200, body: single('order', renderOrder(order, expand, ctx.store), ctx.requestId) };
}

/**
 * POST /2025-09/orders/{id}/finalize. Checks run in this order: 404, body (422), status (409),
 * readiness (422).
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function finalizeOrder(ctx) {
	const expand = authorize(ctx, 'public.order:write');
	const order = findOrder(ctx);
	const body = objectBody(ctx);
	/** @type {{ message: string, pointer: string }[]} */
	const details = [];
	for (const k of Object.keys(body)) {
		if (k !== 'finalize') details.push({ message: `unknown property \`${k}\` is not allowed`, pointer: `/${k}` });
	}
	let finalize = null;
	if (body.finalize === undefined || body.finalize === null) {
		details.push({ message: 'value at `/finalize` is required', pointer: '/finalize' });
	} else finalize = finalizeInput(body.finalize, details);
	if (details.length) throw new ApiError('invalid_content', undefined, details);

	requireDraft(order, 'finalized');
	const problems = readinessProblems(order, contactOf(ctx, order));
	if (problems.length) throw new ApiError('invalid_content', NOT_READY_MESSAGE, problems);

	order.status = 'finalized';
	order.payment_url = `${ctx.baseUrl}/checkout/${order.id}`;
	order._cancelRedirectUrl = finalize ? finalize.cancel_redirect_url : null;
	order.updated_at = isoSeconds(ctx.now());
	return { status: 200, body: single('order', renderOrder(order, expand, ctx.store), ctx.requestId) };
}

module.exports = { STATUSES, listOrders, createOrder, getOrder, validateOrder, finalizeOrder };
