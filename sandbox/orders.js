'use strict';

const { ApiError, controlError } = require('./errors');
const { authorize, objectBody, throwIfInvalid, findOrder, requireDraft, requireChangeable, resolveContact, commitContact, touch } = require('./handlers');
const { parsePaging, paginateWindow } = require('./pagination');
const { listParam, checkEnumList, timeParam, badParam } = require('./query');
const { matchesMetadata } = require('./metadata');
const { validateCreateOrder, validateUpdateOrder, finalizeInput, isObject } = require('./order-input');
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
 * @property {SandboxBehaviour} options
 * @property {import('./deliveries').WebhookSender} webhooks emits the webhook events a handler produces
 * @property {string} [accept] the request's Accept header
 */
/**
 * Behaviour switches for what Stora's docs leave open (startSandbox options).
 * @typedef {object} SandboxBehaviour
 * @property {409 | 422} notDraftStatus status for changing a non-draft order or its line items
 * @property {boolean} contactByIdOnCreate whether an order's `contact` may be `{id}`
 * @property {number} webhookRetryScale multiplies every webhook retry delay (1 = Stora's minutes and hours)
 * @property {number} latencyMs held before every API answer is sent (0 = none), like a distant server
 * @property {boolean} invoiceSortIgnored the invoice list ignores sort_by/sort_direction (insertion order)
 */
/** @typedef {{ status: number, body: any, contentType?: string }} HandlerResult `contentType` set: `body` is a Buffer sent as is */

/**
 * @param {HandlerContext} ctx
 * @param {any} order
 */
function contactOf(ctx, order) {
	return order.contact ? ctx.store.find('contacts', order.contact.id) : null;
}

/**
 * The `metadata[key]=value` filter of a list ({} when absent; `metadata=x` is a 422).
 * @param {Record<string, any>} q
 * @returns {Record<string, string>}
 */
function metadataFilter(q) {
	if (q.metadata === undefined) return {};
	if (!isObject(q.metadata)) throw badParam('metadata', 'value at `/metadata` must be given as metadata[key]=value');
	return q.metadata;
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
	const createdAfter = timeParam(q, 'created_after');
	const createdBefore = timeParam(q, 'created_before');
	const metadata = metadataFilter(q);
	const byStatus = statuses && statuses.length ? statuses : null;
	const bySite = siteIds && siteIds.length ? siteIds : null;
	const byContact = contactIds && contactIds.length ? contactIds : null;
	const byMetadata = Object.keys(metadata).length > 0;
	/** @type {((o: any) => boolean) | null} */
	const keep =
		byStatus || bySite || byContact || byMetadata
			? (o) => {
					if (byStatus && !byStatus.includes(o.status)) return false;
					if (bySite && !bySite.includes(o.site.id)) return false;
					if (byContact && !(o.contact && byContact.includes(o.contact.id))) return false;
					return matchesMetadata(o.metadata, metadata);
				}
			: null;
	// sort_by is always created_at here: the store keeps orders in that order
	const window = ctx.store.ordersCreatedBetween(createdAfter, createdBefore);
	const { items, pagination } = paginateWindow(window, paging.direction, keep, paging.page, paging.limit);
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
	const { details, input } = validateCreateOrder(body, store, ctx.options.contactByIdOnCreate);
	throwIfInvalid(details);

	const contact = resolveContact(input.contact, store);
	const lineItems = input.lineItems.map((l) => /** @type {any} */ (l));
	if (input.finalize) {
		const problems = readinessProblems({ billing_period: input.billingPeriod, starts_at: input.startsAt, line_items: lineItems }, contact.record);
		if (problems.length) throw new ApiError('invalid_content', NOT_READY_MESSAGE, problems);
	}
	const contactRef = commitContact(contact, store);

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
	if (contact.fields) ctx.webhooks.emitContact(contactRef.id);
	ctx.webhooks.emitOrder('order.created', record);
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
	throwIfInvalid(details);

	requireDraft(order, 'finalized');
	const problems = readinessProblems(order, contactOf(ctx, order));
	if (problems.length) throw new ApiError('invalid_content', NOT_READY_MESSAGE, problems);

	order.status = 'finalized';
	order.payment_url = `${ctx.baseUrl}/checkout/${order.id}`;
	order._cancelRedirectUrl = finalize ? finalize.cancel_redirect_url : null;
	touch(ctx, order);
	return { status: 200, body: single('order', renderOrder(order, expand, ctx.store), ctx.requestId) };
}

/**
 * PATCH /2025-09/orders/{id}: only the fields sent change; null clears an optional field and
 * metadata is merge-patched. Checks run in this order: 404, body (422), status (409 or 422).
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function updateOrder(ctx) {
	const expand = authorize(ctx, 'public.order:write');
	const order = findOrder(ctx);
	const { details, changes } = validateUpdateOrder(objectBody(ctx), order, ctx.store, ctx.options.contactByIdOnCreate);
	throwIfInvalid(details);
	requireChangeable(ctx, order);
	if ('contact' in changes) {
		const resolved = resolveContact(changes.contact, ctx.store);
		changes.contact = commitContact(resolved, ctx.store);
		if (resolved.fields) ctx.webhooks.emitContact(changes.contact.id);
	}
	Object.assign(order, changes);
	touch(ctx, order);
	return { status: 200, body: single('order', renderOrder(order, expand, ctx.store), ctx.requestId) };
}

/**
 * What Stora's hosted checkout does when the customer pays (the sandbox's checkout page has no pay
 * button, so `completeCheckout()` and `POST /__sandbox/orders/{id}/complete` stand in for it): a
 * finalized order becomes `completed` with a new subscription and tenancy (stored: GET finds them;
 * the tenancy has no unit until one is reserved or granted).
 * @param {import('./store').Store} store
 * @param {string} orderId
 * @param {() => number} now
 * @returns {any} the stored order
 */
function completeCheckout(store, orderId, now) {
	const order = storedOrderIn(store, orderId, ['finalized'], "only a finalized order's checkout can complete");
	const { tenancy, subscription } = store.startTenancy(order);
	Object.assign(order, { status: 'completed', subscription: { id: subscription.id }, tenancy: { id: tenancy.id } });
	order.updated_at = isoSeconds(now());
	return order;
}

/**
 * What happens when a customer leaves Stora's checkout unpaid, or the operator drops a draft
 * (Stora has no endpoint for it; `abandonOrder()` and `POST /__sandbox/orders/{id}/abandon`
 * stand in): a draft or finalized order becomes `abandoned`, `updated_at` now.
 * @param {import('./store').Store} store
 * @param {string} orderId
 * @param {() => number} now
 * @returns {any} the stored order
 */
function abandonOrder(store, orderId, now) {
	const order = storedOrderIn(store, orderId, ['draft', 'finalized'], 'only a draft or finalized order can be abandoned');
	order.status = 'abandoned';
	order.updated_at = isoSeconds(now());
	return order;
}

/**
 * A stored order whose status is one of `statuses`, else a control error (404 / 409).
 * @param {import('./store').Store} store
 * @param {string} orderId
 * @param {string[]} statuses
 * @param {string} rule what the 409 says
 */
function storedOrderIn(store, orderId, statuses, rule) {
	const order = store.find('orders', orderId);
	if (!order) throw controlError(404, `no order \`${orderId}\``);
	if (!statuses.includes(order.status)) throw controlError(409, `order \`${orderId}\` is ${order.status}: ${rule}`);
	return order;
}

module.exports = { STATUSES, metadataFilter, listOrders, createOrder, getOrder, updateOrder, validateOrder, finalizeOrder, completeCheckout, abandonOrder };
