'use strict';

const orders = require('./orders');
const lineItems = require('./line-items');
const contacts = require('./contacts');
const webhooks = require('./webhooks');
const invoices = require('./invoices');
const units = require('./unit-actions');
const { PRICED, setBasePrice } = require('./base-price');
const { RESOURCES, listHandler, showHandler } = require('./resources');
const deals = require('./deals');
const tasks = require('./tasks');
const notes = require('./notes');
const timeline = require('./timeline');

const V = '/2025-09';

/** @typedef {import('./orders').SandboxBehaviour} SandboxBehaviour */
/**
 * `enabled`, when present, decides per request whether the route exists (else 404 invalid_endpoint);
 * `pdf`: the route answers `Accept: application/pdf` (every other route answers it 406 invalid_format).
 * @type {{ method: string, pattern: RegExp, handler: (ctx: import('./orders').HandlerContext) => import('./orders').HandlerResult, enabled?: (o: SandboxBehaviour) => boolean, pdf?: boolean }[]}
 */
const ROUTES = [
	{ method: 'GET', pattern: new RegExp(`^${V}/orders$`), handler: orders.listOrders },
	{ method: 'POST', pattern: new RegExp(`^${V}/orders$`), handler: orders.createOrder },
	{ method: 'GET', pattern: new RegExp(`^${V}/orders/([^/]+)$`), handler: orders.getOrder },
	{ method: 'PATCH', pattern: new RegExp(`^${V}/orders/([^/]+)$`), handler: orders.updateOrder },
	{ method: 'GET', pattern: new RegExp(`^${V}/orders/([^/]+)/line_items$`), handler: lineItems.listLineItems },
	{ method: 'POST', pattern: new RegExp(`^${V}/orders/([^/]+)/line_items$`), handler: lineItems.createLineItem },
	{ method: 'PATCH', pattern: new RegExp(`^${V}/orders/([^/]+)/line_items/([^/]+)$`), handler: lineItems.updateLineItem },
	{ method: 'DELETE', pattern: new RegExp(`^${V}/orders/([^/]+)/line_items/([^/]+)$`), handler: lineItems.deleteLineItem },
	{ method: 'POST', pattern: new RegExp(`^${V}/contacts$`), handler: contacts.createContact },
	{ method: 'PATCH', pattern: new RegExp(`^${V}/contacts/([^/]+)$`), handler: contacts.updateContact },
	{ method: 'GET', pattern: new RegExp(`^${V}/orders/([^/]+)/validate$`), handler: orders.validateOrder },
	{ method: 'POST', pattern: new RegExp(`^${V}/orders/([^/]+)/finalize$`), handler: orders.finalizeOrder },
	{ method: 'GET', pattern: new RegExp(`^${V}/webhook_endpoints$`), handler: webhooks.listWebhookEndpoints },
	{ method: 'POST', pattern: new RegExp(`^${V}/webhook_endpoints$`), handler: webhooks.createWebhookEndpoint },
	{ method: 'GET', pattern: new RegExp(`^${V}/webhook_endpoints/([^/]+)$`), handler: webhooks.getWebhookEndpoint },
	{ method: 'PATCH', pattern: new RegExp(`^${V}/webhook_endpoints/([^/]+)$`), handler: webhooks.updateWebhookEndpoint },
	{ method: 'POST', pattern: new RegExp(`^${V}/webhook_endpoints/([^/]+)/disable$`), handler: webhooks.disableWebhookEndpoint },
	{ method: 'GET', pattern: new RegExp(`^${V}/invoices$`), handler: invoices.listInvoices },
	{ method: 'GET', pattern: new RegExp(`^${V}/invoices/([^/]+)$`), handler: invoices.getInvoice, pdf: true },
	{ method: 'POST', pattern: new RegExp(`^${V}/units/overlock$`), handler: units.overlockUnits },
	{ method: 'POST', pattern: new RegExp(`^${V}/units/remove_overlock$`), handler: units.removeOverlock },
	{ method: 'POST', pattern: new RegExp(`^${V}/units/([^/]+)/reserve$`), handler: units.reserveUnit },
	{ method: 'POST', pattern: new RegExp(`^${V}/units/([^/]+)/grant_access$`), handler: units.grantAccess },
	{ method: 'POST', pattern: new RegExp(`^${V}/units/([^/]+)/deallocate$`), handler: units.deallocateUnit },
	...Object.keys(PRICED).map((c) => ({
		method: 'POST',
		pattern: new RegExp(`^${V}/${c}/([^/]+)/base_price$`),
		handler: setBasePrice(/** @type {keyof typeof PRICED} */ (c)),
	})),
	{ method: 'POST', pattern: new RegExp(`^${V}/deals$`), handler: deals.createDeal },
	{ method: 'PATCH', pattern: new RegExp(`^${V}/deals/([^/]+)$`), handler: deals.updateDeal },
	{ method: 'POST', pattern: new RegExp(`^${V}/deals/([^/]+)/win$`), handler: deals.winDeal },
	{ method: 'POST', pattern: new RegExp(`^${V}/deals/([^/]+)/lose$`), handler: deals.loseDeal },
	{ method: 'POST', pattern: new RegExp(`^${V}/deals/([^/]+)/reopen$`), handler: deals.reopenDeal },
	{ method: 'POST', pattern: new RegExp(`^${V}/tasks$`), handler: tasks.createTask },
	{ method: 'PATCH', pattern: new RegExp(`^${V}/tasks/([^/]+)$`), handler: tasks.updateTask },
	{ method: 'POST', pattern: new RegExp(`^${V}/tasks/([^/]+)/open$`), handler: tasks.openTask },
	{ method: 'POST', pattern: new RegExp(`^${V}/notes$`), handler: notes.createNote },
	{ method: 'PATCH', pattern: new RegExp(`^${V}/notes/([^/]+)$`), handler: notes.updateNote },
	{ method: 'DELETE', pattern: new RegExp(`^${V}/notes/([^/]+)$`), handler: notes.deleteNote },
	{ method: 'POST', pattern: new RegExp(`^${V}/timeline/events$`), handler: timeline.createEvent },
	{ method: 'PATCH', pattern: new RegExp(`^${V}/timeline/events/([^/]+)$`), handler: timeline.updateEvent },
	...Object.keys(RESOURCES).flatMap((c) => {
		const def = RESOURCES[c];
		const path = def.path || c;
		const listRoute = { method: 'GET', pattern: new RegExp(`^${V}/${path}$`), handler: listHandler(c) };
		if (def.noShow) return [listRoute];
		return [listRoute, { method: 'GET', pattern: new RegExp(`^${V}/${path}/([^/]+)$`), handler: showHandler(c), pdf: Boolean(def.pdf) }];
	}),
];

/**
 * @param {string} s
 */
function safeDecode(s) {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

/**
 * Finds the handler for a method and path; null when no route matches (→ 404 invalid_endpoint).
 * @param {string} method
 * @param {string} path
 * @param {SandboxBehaviour} [options] switches routes with an `enabled` test on or off
 */
function route(method, path, options) {
	for (const r of ROUTES) {
		if (r.method !== method) continue;
		if (r.enabled && !(options && r.enabled(options))) continue;
		const m = r.pattern.exec(path);
		if (m) return { handler: r.handler, params: m.slice(1).map(safeDecode), pdf: Boolean(r.pdf) };
	}
	return null;
}

module.exports = { ROUTES, route };
