'use strict';

const { createServer } = require('./server');
const { Store } = require('./store');
const { SEED } = require('./seed');
const { ALL_SCOPES, buildTokenTable } = require('./auth');
const { OAuthClients } = require('./oauth');
const { RateLimiter } = require('./rate-limit');
const { IdempotencyStore } = require('./idempotency');
const { Faults } = require('./faults');
const { toIsoSeconds } = require('./ids');
const { controlError } = require('./errors');
const { renderOrder } = require('./render');
const { WebhookSender } = require('./deliveries');
const { renderEndpoint } = require('./webhooks');
const { completeCheckout, abandonOrder } = require('./orders');
const { renderInvoice, payInvoice } = require('./invoice-record');
const { publicRecord } = require('./render');
const { invoicePdfLines } = require('./invoices');
const { RESOURCES } = require('./resources');
const { pdfBytes } = require('./pdf');
const { completeTask } = require('./tasks');
const { renderDeal, deleteDealStage } = require('./deals');

/** A unit's states (core concepts); the list filter also takes the literal `overlock`. */
const UNIT_STATES = ['available', 'reserved', 'occupied', 'overlocked', 'repossessed', 'unavailable'];

/**
 * @typedef {object} SandboxOptions
 * @property {number} [port] 0 (default) picks a free port
 * @property {string} [host] default 127.0.0.1
 * @property {string} [token] bearer token with every scope (default "sandbox-token")
 * @property {Record<string, string[]>} [tokens] extra tokens and their scopes
 * @property {false | true | import('./rate-limit').RateLimitOptions} [rateLimit] default false (no limiter)
 * @property {() => number} [now] clock (epoch ms) for rate limits, idempotency expiry and timestamps
 * @property {boolean} [seedOrders] seed the six example orders (default true)
 * @property {boolean} [seedInvoices] seed the five example invoices (default true)
 * @property {boolean} [invoiceSortIgnored] the invoice list ignores sort_by/sort_direction and answers in
 *   insertion order (default false), for clients that must not rely on an undocumented sort
 * @property {Record<string, { secret: string, scopes: string[], revokeEarlier?: boolean }>} [oauthClients] OAuth applications for
 *   POST /oauth2/token (default: one, `sandbox-client` / `sandbox-secret`, every scope)
 * @property {number} [oauthTokenTtlSeconds] how long an issued token works (default 7200, as Stora's)
 * @property {409 | 422} [notDraftStatus] changing a non-draft order or its line items: 409 `conflict`
 *   (default) or 422 `invalid_content`
 * @property {boolean} [contactByIdOnCreate] accept an order's `contact: {id}` (default true); false
 *   answers 422 with pointer `/contact/id`
 * @property {number} [webhookRetryScale] multiplies every webhook retry delay (default 1; 0.001 turns
 *   1 min into 60 ms)
 * @property {number} [latencyMs] added to every API answer (default 0): a distant server, for benchmarks
 * @property {boolean} [replayHeader] an idempotent replay carries `Idempotent-Replayed: true` (default false:
 *   Stora's docs name no replay header, only the same response)
 */

/**
 * @typedef {import('./deliveries').WebhookEvent} WebhookEvent
 * @typedef {import('./deliveries').DeliveryEntry} DeliveryEntry
 * @typedef {import('./deliveries').SendResult} SendResult
 * @typedef {object} WebhooksApi the sandbox as Stora's webhook sender
 * @property {() => ReturnType<typeof renderEndpoint>[]} endpoints every endpoint, secret included
 * @property {() => WebhookEvent[]} events every event produced so far, oldest first
 * @property {() => DeliveryEntry[]} deliveries the delivery log (a copy), in the order attempts finished
 * @property {() => void} clearDeliveries
 * @property {(spec: { type: string, data?: Record<string, any>, orderId?: string, contactId?: string }) => Promise<SendResult>} send
 *   creates and delivers an event (with retries); resolves after the first attempts
 * @property {(eventId: string, options?: { endpointId?: string }) => Promise<SendResult>} replay
 *   delivers an event again once (same id, fresh signature, no retries)
 * @property {(spec: import('./deliveries').ForgeSpec) => Promise<SendResult>} forge one badly signed (or aged)
 *   attempt, no retries; takes the control endpoint's body (`age_seconds`, `endpoint_id`, …) or its keys in camelCase
 * @property {() => Promise<void>} idle resolves once no attempt is in flight (pending retries don't count)
 * @property {() => number} pendingRetries how many retries are scheduled
 */

/**
 * @typedef {object} Sandbox
 * @property {string} url e.g. http://127.0.0.1:43121 (no trailing slash)
 * @property {number} port
 * @property {string} token
 * @property {import('./server').RequestLogEntry[]} requests logged API requests, in arrival order
 * @property {boolean} replayHeader whether a replay carries `Idempotent-Replayed: true` (the start option)
 * @property {() => void} clearRequests
 * @property {() => void} reset restores the seed data; clears the log, idempotency store, faults, rate-limit windows,
 *   webhook endpoints, events and deliveries (and cancels pending retries)
 * @property {() => Promise<void>} close
 * @property {Store} store
 * @property {() => Record<string, any>[]} listOrders stored orders in their public shape
 * @property {(partial?: Record<string, any>) => Record<string, any>} addOrder inserts an order directly; returns it in its public shape
 * @property {(count: number, partialOf?: (i: number) => Record<string, any>) => number} addOrders inserts `count`
 *   orders as addOrder does, `partialOf(i)` giving the i-th one's fields, without rendering them (fast); returns count
 * @property {{ add: (spec: import('./faults').FaultSpec) => void, clear: () => void, pending: () => any[] }} faults
 * @property {() => Promise<void>} idle resolves once no request is being handled (e.g. after a delay fault)
 * @property {import('./oauth').OAuthClients} oauth OAuth applications and the tokens issued (`issued`)
 * @property {IdempotencyStore} idempotency
 * @property {() => number} expireIdempotencyKeys forgets every stored idempotent answer, as Stora does after
 *   24 hours (also `POST /__sandbox/idempotency/expire`); returns how many keys were forgotten
 * @property {unknown[]} internalErrors unexpected exceptions (answered as 500), for debugging
 * @property {import('./orders').SandboxBehaviour} options the current behaviour switches (read only)
 * @property {(changes: Partial<import('./orders').SandboxBehaviour>) => void} setOptions changes them; `reset()` keeps them
 * @property {WebhooksApi} webhooks endpoints, events, the delivery log, and sending, replaying and forging deliveries
 * @property {(orderId: string) => Record<string, any>} completeCheckout completes a finalized order's checkout
 *   (status `completed`, new subscription and tenancy; Stora documents no event for it); returns it in its public shape
 * @property {(orderId: string) => Record<string, any>} abandonOrder a draft or finalized order becomes `abandoned`
 *   (`updated_at` now); returns it in its public shape
 * @property {() => Record<string, any>[]} listInvoices stored invoices in their public shape, oldest insertion first
 * @property {(partial?: Record<string, any>) => Record<string, any>} addInvoice inserts an invoice directly
 *   (see README "Invoices"); returns it in its public shape
 * @property {(count: number, partialOf?: (i: number) => Record<string, any>) => number} addInvoices inserts `count`
 *   invoices as addInvoice does, `partialOf(i)` giving the i-th one's fields; returns count
 * @property {(invoiceId: string, paidAt?: number | string) => Record<string, any>} payInvoice an open invoice becomes
 *   `paid` (`paid_at` now or the time given); returns it in its public shape
 * @property {(partial?: Record<string, any>) => Record<string, any>} addContact inserts a contact directly (a `lead`;
 *   `created_at`/`updated_at` may be set); returns it in its public shape
 * @property {(contactId: string, changes: Record<string, any>) => Record<string, any>} updateContact sets a contact's
 *   fields directly, `updated_at` now unless given; returns it in its public shape
 * @property {(unitId: string) => string} unitStatus a unit's status now (`overlocked`, not the filter's `overlock`)
 * @property {() => Record<string, any>[]} listUnits every unit in its public shape
 * @property {(unitId: string, status: string) => Record<string, any>} setUnitStatus sets a unit's status directly (what
 *   an operator does in Stora's back office, e.g. `unavailable`); its allocation is kept; returns it in its public shape
 * @property {(recordId: string) => Buffer} pdfFor the exact bytes the sandbox answers for the PDF of an invoice, credit
 *   note or contract (signed or not)
 * @property {(taskId: string) => Record<string, any>} completeTask marks a task `completed` (`completed_at` now: what
 *   staff do in Stora's UI; no endpoint does it); returns it in its public shape
 * @property {(stageId: string) => { deals: Record<string, any>[] }} deleteDealStage deletes a deal stage as staff do in
 *   Stora's UI: it leaves the stages list, and its deals show it without an id, named "… - (Deleted)"; returns those
 *   deals
 * @property {() => Record<string, Record<string, any>[]>} crmRecords the deals, tasks, notes and timeline events now, in
 *   their public shapes, oldest insertion first
 */

/**
 * Normalizes a timestamp given as epoch ms or any Date-parsable string to Stora's format.
 * @param {unknown} v
 * @returns {string | undefined}
 */
function toIso(v) {
	return v === undefined || v === null ? undefined : toIsoSeconds(v);
}

/**
 * Checks the behaviour switches (thrown errors become a 400 on POST /__sandbox/options).
 * @param {Partial<import('./orders').SandboxBehaviour>} o
 */
function checkOptions(o) {
	const known = ['notDraftStatus', 'contactByIdOnCreate', 'webhookRetryScale', 'latencyMs', 'invoiceSortIgnored'];
	for (const k of Object.keys(o)) if (!known.includes(k)) throw new Error(`unknown option ${k}`);
	if (o.notDraftStatus !== undefined && o.notDraftStatus !== 409 && o.notDraftStatus !== 422) {
		throw new Error('notDraftStatus must be 409 or 422');
	}
	for (const k of /** @type {const} */ (['contactByIdOnCreate', 'invoiceSortIgnored'])) {
		if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new Error(`${k} must be a boolean`);
	}
	const scale = o.webhookRetryScale;
	if (scale !== undefined && (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0)) {
		throw new Error('webhookRetryScale must be a number >= 0');
	}
	const latency = o.latencyMs;
	if (latency !== undefined && (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0)) {
		throw new Error('latencyMs must be a number >= 0');
	}
	return o;
}

/**
 * Starts a Stora API sandbox on 127.0.0.1.
 * @param {SandboxOptions} [options]
 * @returns {Promise<Sandbox>}
 */
async function startSandbox(options = {}) {
	const {
		port = 0,
		host = '127.0.0.1',
		token = 'sandbox-token',
		tokens = {},
		rateLimit = false,
		now = () => Date.now(),
		seedOrders = true,
		seedInvoices = true,
		invoiceSortIgnored = false,
		oauthClients = { 'sandbox-client': { secret: 'sandbox-secret', scopes: ALL_SCOPES } },
		oauthTokenTtlSeconds = 7200,
		notDraftStatus = 409,
		contactByIdOnCreate = true,
		webhookRetryScale = 1,
		latencyMs = 0,
		replayHeader = false,
	} = options;

	/** @type {any} */
	const sb = {
		requests: [],
		tokens: buildTokenTable(token, tokens),
		oauth: new OAuthClients(oauthClients, oauthTokenTtlSeconds, now),
		limiter: rateLimit ? new RateLimiter(rateLimit === true ? {} : rateLimit, now) : null,
		idempotency: new IdempotencyStore(now),
		faults: new Faults(),
		now,
		replayHeader: Boolean(replayHeader),
		/** @type {import('./orders').SandboxBehaviour} */
		options: /** @type {import('./orders').SandboxBehaviour} */ (
			checkOptions({ notDraftStatus, contactByIdOnCreate, webhookRetryScale, latencyMs, invoiceSortIgnored })
		),
		timers: new Map(),
		sockets: new Set(),
		internalErrors: [],
		closed: false,
		inFlight: 0,
		/** @type {Array<() => void>} */
		idleWaiters: [],
		seed: SEED,
		store: null,
		url: '',
	};
	const server = createServer(sb);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	sb.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
	/** @type {Store} */
	const store = new Store({ now, baseUrl: sb.url, seedOrders, seedInvoices });
	sb.store = store;
	const sender = new WebhookSender({ store, now, options: sb.options });
	sb.webhooks = sender;

	/**
	 * An order inserted directly (addOrder, addOrders): timestamps normalized, line item prices as objects.
	 * @param {Record<string, any>} partial
	 */
	const storeOrder = (partial) => {
		const status = partial.status || 'draft';
		const record = store.insertOrder({
			...partial,
			created_at: toIso(partial.created_at),
			updated_at: toIso(partial.updated_at ?? partial.created_at),
			status,
			line_items: (partial.line_items || []).map((/** @type {any} */ l) => ({
				...l,
				price: typeof l.price === 'number' ? { amount: l.price } : l.price,
			})),
		});
		if (record.payment_url === null && status !== 'draft') record.payment_url = `${sb.url}/checkout/${record.id}`;
		return record;
	};

	/** @param {string} unitId */
	const storedUnit = (unitId) => {
		const unit = store.find('units', unitId);
		if (!unit) throw controlError(404, `no unit \`${unitId}\``);
		return unit;
	};

	/** @type {Sandbox} */
	const api = {
		url: sb.url,
		port: address.port,
		token,
		requests: sb.requests,
		replayHeader: sb.replayHeader,
		store,
		idempotency: sb.idempotency,
		oauth: sb.oauth,
		internalErrors: sb.internalErrors,
		options: sb.options,
		setOptions(changes) {
			Object.assign(sb.options, checkOptions({ ...changes }));
		},
		faults: {
			add: (spec) => sb.faults.add(spec),
			clear: () => sb.faults.clear(),
			pending: () => sb.faults.pending(),
		},
		webhooks: {
			endpoints: () => store.webhook_endpoints.map((e) => renderEndpoint(e, true)),
			events: () => sender.listEvents(),
			deliveries: () => sender.deliveries(),
			clearDeliveries: () => sender.clearDeliveries(),
			send: (spec) => sender.send(spec),
			replay: (eventId, o) => sender.replay(eventId, o),
			forge: (spec) => sender.forge(spec),
			idle: () => sender.idle(),
			pendingRetries: () => sender.timers.size,
		},
		completeCheckout(orderId) {
			const order = completeCheckout(store, orderId, now);
			return renderOrder(order, new Set(), store);
		},
		abandonOrder(orderId) {
			return renderOrder(abandonOrder(store, orderId, now), new Set(), store);
		},
		listInvoices: () => store.invoices.map(renderInvoice),
		addInvoice(partial = {}) {
			return renderInvoice(store.insertInvoice(partial));
		},
		addInvoices(count, partialOf = () => ({})) {
			for (let i = 0; i < count; i++) store.insertInvoice(partialOf(i));
			return count;
		},
		payInvoice(invoiceId, paidAt) {
			return renderInvoice(payInvoice(store.find('invoices', invoiceId), invoiceId, now, paidAt));
		},
		addContact(partial = {}) {
			const { created_at: created, updated_at: updated, ...fields } = partial;
			const contact = store.createContact(fields);
			if (contact.email === null) contact.email = `${contact.id}@example.org`;
			if (created !== undefined && created !== null) contact.created_at = toIsoSeconds(created);
			contact.updated_at = updated === undefined || updated === null ? contact.created_at : toIsoSeconds(updated);
			return publicRecord(contact);
		},
		updateContact(contactId, changes) {
			const contact = store.find('contacts', contactId);
			if (!contact) throw controlError(404, `no contact \`${contactId}\``);
			const { updated_at: updated, ...fields } = changes;
			Object.assign(contact, fields);
			contact.updated_at = toIsoSeconds(updated === undefined || updated === null ? now() : updated);
			return publicRecord(contact);
		},
		unitStatus(unitId) {
			return storedUnit(unitId).status;
		},
		listUnits: () => store.units.map(publicRecord),
		setUnitStatus(unitId, status) {
			if (!UNIT_STATES.includes(status)) throw controlError(400, `unit status must be one of ${UNIT_STATES.join(', ')}`);
			const unit = storedUnit(unitId);
			unit.status = status;
			unit.updated_at = toIsoSeconds(now());
			return publicRecord(unit);
		},
		pdfFor(recordId) {
			const invoice = store.find('invoices', recordId);
			if (invoice) return pdfBytes(invoicePdfLines(invoice));
			for (const collection of ['credit_notes', 'contracts']) {
				const record = store.find(collection, recordId);
				if (record) return pdfBytes(/** @type {(r: any) => string[]} */ (RESOURCES[collection].pdf)(record));
			}
			throw controlError(404, `no invoice, credit note or contract \`${recordId}\``);
		},
		completeTask(taskId) {
			if (!store.find('tasks', taskId)) throw controlError(404, `no task \`${taskId}\``);
			return completeTask(store, taskId, now());
		},
		deleteDealStage(stageId) {
			const deals = deleteDealStage(store, stageId);
			if (!deals) throw controlError(404, `no deal stage \`${stageId}\``);
			return { deals };
		},
		crmRecords: () => ({
			deals: store.deals.map((d) => renderDeal(d, store)),
			tasks: store.tasks.map(publicRecord),
			notes: store.notes.map(publicRecord),
			timeline_events: store.timeline_events.map(publicRecord),
		}),
		clearRequests() {
			sb.requests.length = 0;
		},
		expireIdempotencyKeys: () => sb.idempotency.expire(),
		reset() {
			store.reset();
			sender.reset();
			sb.requests.length = 0;
			sb.idempotency.clear();
			sb.faults.clear();
			if (sb.limiter) sb.limiter.clear();
		},
		listOrders: () => store.listOrders(),
		idle() {
			if (sb.inFlight === 0) return Promise.resolve();
			return new Promise((resolve) => sb.idleWaiters.push(resolve));
		},
		addOrder(partial = {}) {
			return renderOrder(storeOrder(partial), new Set(), store);
		},
		addOrders(count, partialOf = () => ({})) {
			for (let i = 0; i < count; i++) storeOrder(partialOf(i));
			return count;
		},
		close() {
			sb.closed = true;
			sender.close();
			for (const [timer, wake] of sb.timers) {
				clearTimeout(timer);
				wake();
			}
			sb.timers.clear();
			return new Promise((resolve) => {
				server.close(() => resolve(undefined));
				for (const s of sb.sockets) s.destroy();
				server.closeAllConnections();
			});
		},
	};
	sb.api = api;
	return api;
}

module.exports = { startSandbox, SEED };
