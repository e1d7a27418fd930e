'use strict';

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {any} body
 */
function reply(res, status, body) {
	if (res.destroyed || res.writableEnded) return;
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

/**
 * The unauthenticated /__sandbox/* endpoints, for tests that run the sandbox in another process.
 * They are not logged, rate limited or subject to faults.
 * @param {any} sb sandbox internals
 * @param {string} method
 * @param {string} path
 * @param {string} raw request body
 * @param {import('node:http').ServerResponse} res
 */
function handleControl(sb, method, path, raw, res) {
	/** @type {any} */
	let body;
	try {
		body = raw.trim() ? JSON.parse(raw) : {};
	} catch {
		return reply(res, 400, { error: 'invalid JSON body' });
	}
	const key = `${method} ${path.replace(/\/$/, '')}`;
	try {
		const change = recordControl(sb.api, key, body);
		if (change) return reply(res, change.status, change.body);
		const webhook = webhookControl(sb, key, body);
		if (webhook) {
			Promise.resolve(webhook).then(
				(r) => reply(res, r.status, r.body),
				(e) => reply(res, e.status || 400, { error: e.message }),
			);
			return;
		}
		switch (key) {
			case 'GET /__sandbox/requests':
				return reply(res, 200, sb.requests);
			case 'DELETE /__sandbox/requests':
				sb.requests.length = 0;
				return reply(res, 200, { ok: true });
			case 'POST /__sandbox/reset':
				sb.api.reset();
				return reply(res, 200, { ok: true });
			case 'GET /__sandbox/faults':
				return reply(res, 200, sb.faults.pending().map(serializableFault));
			case 'POST /__sandbox/faults':
				sb.faults.add(body);
				return reply(res, 201, { pending: sb.faults.pending().map(serializableFault) });
			case 'DELETE /__sandbox/faults':
				sb.faults.clear();
				return reply(res, 200, { ok: true });
			case 'GET /__sandbox/orders':
				return reply(res, 200, sb.api.listOrders());
			case 'POST /__sandbox/orders':
				return reply(res, 201, sb.api.addOrder(body));
			case 'GET /__sandbox/invoices':
				return reply(res, 200, sb.api.listInvoices());
			case 'POST /__sandbox/invoices':
				return reply(res, 201, sb.api.addInvoice(body));
			case 'POST /__sandbox/contacts':
				return reply(res, 201, sb.api.addContact(body));
			case 'GET /__sandbox/options':
				return reply(res, 200, optionsView(sb.options));
			case 'POST /__sandbox/options':
				sb.api.setOptions(body);
				return reply(res, 200, optionsView(sb.options));
			case 'POST /__sandbox/idempotency/expire':
				return reply(res, 200, { expired: sb.api.expireIdempotencyKeys() });
			case 'GET /__sandbox/units':
				return reply(res, 200, sb.api.listUnits());
			case 'GET /__sandbox/crm':
				return reply(res, 200, sb.api.crmRecords());
			case 'GET /__sandbox/seed':
				return reply(res, 200, sb.seed);
			default:
				return reply(res, 404, { error: `no sandbox control endpoint ${method} ${path}` });
		}
	} catch (e) {
		return reply(res, e.status || 400, { error: e.message });
	}
}

/** Changes of one record that Stora makes without an API call: `METHOD /__sandbox/<path>` → the change. */
const RECORD_CHANGES = [
	{ pattern: /^POST \/__sandbox\/orders\/([^/]+)\/complete$/, change: (/** @type {any} */ api, /** @type {string} */ id) => api.completeCheckout(id) },
	{ pattern: /^POST \/__sandbox\/orders\/([^/]+)\/abandon$/, change: (/** @type {any} */ api, /** @type {string} */ id) => api.abandonOrder(id) },
	{
		pattern: /^POST \/__sandbox\/invoices\/([^/]+)\/pay$/,
		change: (/** @type {any} */ api, /** @type {string} */ id, /** @type {any} */ body) => api.payInvoice(id, body.paid_at),
	},
	{
		pattern: /^POST \/__sandbox\/units\/([^/]+)\/status$/,
		change: (/** @type {any} */ api, /** @type {string} */ id, /** @type {any} */ body) => api.setUnitStatus(id, body.status),
	},
	{ pattern: /^DELETE \/__sandbox\/deal_stages\/([^/]+)$/, change: (/** @type {any} */ api, /** @type {string} */ id) => api.deleteDealStage(id) },
	{ pattern: /^POST \/__sandbox\/tasks\/([^/]+)\/complete$/, change: (/** @type {any} */ api, /** @type {string} */ id) => api.completeTask(id) },
	{
		pattern: /^PATCH \/__sandbox\/contacts\/([^/]+)$/,
		change: (/** @type {any} */ api, /** @type {string} */ id, /** @type {any} */ body) => api.updateContact(id, body),
	},
];

/**
 * Completes a checkout, abandons an order, pays an invoice, sets a unit's status or changes a contact; 200 with the
 * record. Errors carry their status (404 unknown, 409 not in a state that allows it).
 * @param {any} api the Sandbox
 * @param {string} key "METHOD /path"
 * @param {any} body
 * @returns {{ status: number, body: any } | null} null: not one of them
 */
function recordControl(api, key, body) {
	for (const { pattern, change } of RECORD_CHANGES) {
		const m = pattern.exec(key);
		if (m) return { status: 200, body: change(api, decodeURIComponent(m[1]), body) };
	}
	return null;
}

/**
 * The webhook control endpoints.
 * Sending ones answer once the attempts have finished.
 * @param {any} sb
 * @param {string} key "METHOD /path"
 * @param {any} body
 * @returns {{ status: number, body: any } | Promise<{ status: number, body: any }> | null} null: not one of them
 */
function webhookControl(sb, key, body) {
	const w = sb.api.webhooks;
	/** @param {Promise<any>} p @param {number} [status] */
	const later = (p, status = 200) => p.then((result) => ({ status, body: result }));
	const replay = /^POST \/__sandbox\/events\/([^/]+)\/replay$/.exec(key);
	if (replay) return later(w.replay(decodeURIComponent(replay[1]), { endpointId: body.endpoint_id }));
	switch (key) {
		case 'GET /__sandbox/webhook_endpoints':
			return { status: 200, body: w.endpoints() };
		case 'GET /__sandbox/events':
			return { status: 200, body: w.events() };
		case 'POST /__sandbox/events':
			return later(w.send({ type: body.type, data: body.data, orderId: body.order_id, contactId: body.contact_id }), 201);
		case 'GET /__sandbox/deliveries':
			return { status: 200, body: w.deliveries() };
		case 'DELETE /__sandbox/deliveries':
			w.clearDeliveries();
			return { status: 200, body: { ok: true } };
		case 'POST /__sandbox/deliveries/forged':
			return later(w.forge(body));
		default:
			return null;
	}
}

/**
 * The options as the control endpoints show them: the webhook switches only once changed from
 * their defaults, so the answer older clients know (`notDraftStatus`, `contactByIdOnCreate`) stays.
 * @param {import('./orders').SandboxBehaviour} o
 */
function optionsView(o) {
	/** @type {Record<string, unknown>} */
	const view = { notDraftStatus: o.notDraftStatus, contactByIdOnCreate: o.contactByIdOnCreate };
	if (o.webhookRetryScale !== 1) view.webhookRetryScale = o.webhookRetryScale;
	if (o.latencyMs !== 0) view.latencyMs = o.latencyMs;
	if (o.invoiceSortIgnored) view.invoiceSortIgnored = true;
	return view;
}

/**
 * @param {any} f
 */
function serializableFault(f) {
	return { ...f, path: f.path instanceof RegExp ? { pathRegex: f.path.source } : f.path };
}

module.exports = { handleControl };
