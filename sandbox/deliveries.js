'use strict';

const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');
const { randomId, isoSeconds } = require('./ids');
const { publicRecord } = require('./render');
const { EVENT_TYPES, WITHOUT_API_VERSION, exampleData, webhookOrder } = require('./webhook-events');

const API_VERSION = '2025-09';
/** Seconds before retries 1..6: Stora's documented 1 min, 5 min, 30 min, then the sandbox's 2 h, 5 h, 10 h. */
const RETRY_DELAYS_S = [60, 300, 1800, 7200, 18000, 36000];
const ATTEMPT_TIMEOUT_MS = 10_000;
const FORGERIES = [
	'wrong_secret',
	'tampered_body',
	'stale',
	'future',
	'missing_header',
	'malformed_header',
];

/**
 * @typedef {object} WebhookEvent
 * @property {string} id `evt_` + 16 [0-9a-z]
 * @property {string} type
 * @property {string} [api_version] absent for the types whose documented example has none
 * @property {string} created_at
 * @property {Record<string, any>} data
 */
/**
 * @typedef {object} DeliveryEntry one finished attempt
 * @property {string} event_id
 * @property {string} event_type
 * @property {string} endpoint_id
 * @property {string} url
 * @property {number} attempt 1-based, counted per event and endpoint
 * @property {string} request_id the X-Stora-Request-Id sent
 * @property {boolean} signature_ok false for everything sent by `forge`
 * @property {number | null} status the receiver's HTTP status, null when none came
 * @property {string | null} error connection error or timeout
 * @property {string} at when the attempt was sent (ISO, `now()`)
 */
/**
 * @typedef {{ event: WebhookEvent, body: string, endpointIds: string[], attempts: Map<string, number> }} StoredEvent
 * @typedef {{ forgery?: string, ageSeconds?: number, retry?: boolean }} AttemptMode
 * @typedef {{ event: WebhookEvent, deliveries: DeliveryEntry[] }} SendResult
 */
/**
 * What `forge` takes: the body of POST /__sandbox/deliveries/forged, or its keys in camelCase.
 * @typedef {object} ForgeSpec
 * @property {string} [forgery] wrong_secret | tampered_body | stale | future | missing_header | malformed_header
 * @property {number} [age_seconds] sign correctly with a timestamp this many seconds old (negative: ahead)
 * @property {string} [endpoint_id] default: every enabled endpoint subscribed to the type
 * @property {string} [event_id] an existing event (default: a fresh one)
 * @property {string} [type] of the fresh event (default order.created)
 * @property {Record<string, any>} [data] of the fresh event (default: built like `send`)
 * @property {string} [order_id]
 * @property {string} [contact_id]
 * @property {number} [ageSeconds]
 * @property {string} [endpointId]
 * @property {string} [eventId]
 * @property {string} [orderId]
 * @property {string} [contactId]
 */

/**
 * An Error whose status the control endpoints answer with (400 when absent).
 * @param {number} status
 * @param {string} message
 */
function controlError(status, message) {
	return Object.assign(new Error(message), { status });
}

/**
 * @param {string} secret
 * @param {number} t unix seconds
 * @param {string} body
 */
function sign(secret, t, body) {
	return crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

/**
 * The body as sent by `tampered_body`: one value changed after signing (the event is dated a day
 * earlier).
 * @param {string} body
 */
function tamper(body) {
	const payload = JSON.parse(body);
	payload.event.created_at = isoSeconds(Date.parse(payload.event.created_at) - 86_400_000);
	return JSON.stringify(payload);
}

/**
 * What one attempt sends: the body and the X-Stora-Signature header (null: none).
 * @param {string} secret
 * @param {string} body
 * @param {number} nowS unix seconds of the attempt
 * @param {AttemptMode} mode
 * @returns {{ body: string, signature: string | null }}
 */
function signedRequest(secret, body, nowS, mode) {
	const { forgery } = mode;
	const defaultAge = forgery === 'stale' ? 3600 : forgery === 'future' ? -3600 : 0;
	const t = nowS - (mode.ageSeconds ?? defaultAge);
	if (forgery === 'missing_header') return { body, signature: null };
	if (forgery === 'malformed_header') return { body, signature: `v1=${sign(secret, t, body)}` };
	const key = forgery === 'wrong_secret' ? crypto.randomBytes(32).toString('hex') : secret;
	const signature = `t=${t},v1=${sign(key, t, body)}`;
	return { body: forgery === 'tampered_body' ? tamper(body) : body, signature };
}

/**
 * The sandbox as Stora's webhook sender: events, signed delivery attempts, retries and their log.
 */
class WebhookSender {
	/**
	 * @param {{ store: import('./store').Store, now: () => number, options: import('./orders').SandboxBehaviour }} deps
	 */
	constructor({ store, now, options }) {
		this.store = store;
		this.now = now;
		this.options = options;
		/** @type {StoredEvent[]} */ this.events = [];
		/** @type {DeliveryEntry[]} */ this.log = [];
		/** @type {Set<NodeJS.Timeout>} pending retries */ this.timers = new Set();
		/** @type {Set<http.ClientRequest>} attempts in flight */ this.requests = new Set();
		this.inFlight = 0;
		/** @type {Array<() => void>} */ this.idleWaiters = [];
		// Attempts started before a reset (or close) neither log nor retry.
		this.generation = 0;
		this.closed = false;
	}

	/**
	 * Records an event and delivers it to every enabled endpoint subscribed to its type.
	 * @param {string} type
	 * @param {Record<string, any>} data
	 * @returns {{ event: WebhookEvent, attempts: Promise<DeliveryEntry>[] }}
	 */
	emit(type, data) {
		const stored = this.record(type, data);
		const targets = this.subscribers(type);
		stored.endpointIds = targets.map((e) => e.id);
		const attempts = targets.map((e) => this.attempt(stored, e, { retry: true }));
		return { event: stored.event, attempts };
	}

	/**
	 * Emits `type` with the order and its related objects expanded, as Stora's webhooks carry it.
	 * @param {string} type
	 * @param {any} order stored order record
	 */
	emitOrder(type, order) {
		this.emit(type, { order: webhookOrder(order, this.store) });
	}

	/**
	 * Emits `contact.created`.
	 * @param {string} contactId
	 */
	emitContact(contactId) {
		this.emit('contact.created', { contact: publicRecord(this.store.find('contacts', contactId)) });
	}

	/**
	 * @param {string} type
	 * @param {Record<string, any>} data
	 * @returns {StoredEvent}
	 */
	record(type, data) {
		/** @type {WebhookEvent} */
		const event = {
			id: randomId('evt_'),
			type,
			api_version: API_VERSION,
			created_at: isoSeconds(this.now()),
			data,
		};
		if (WITHOUT_API_VERSION.has(type)) delete event.api_version;
		const stored = { event, body: JSON.stringify({ event }), endpointIds: [], attempts: new Map() };
		this.events.push(stored);
		return stored;
	}

	/**
	 * @param {string} type
	 * @returns {any[]} enabled endpoints subscribed to `type`
	 */
	subscribers(type) {
		return this.store.webhook_endpoints.filter(
			(e) => e.status === 'enabled' && e.event_types.includes(type),
		);
	}

	/**
	 * One signed POST to an endpoint; the finished attempt is logged and, for `retry`, a failure
	 * schedules the next retry.
	 * @param {StoredEvent} stored
	 * @param {any} endpoint stored endpoint record
	 * @param {AttemptMode} mode
	 * @param {number} [retriesDone] retries already made in this chain
	 * @returns {Promise<DeliveryEntry>}
	 */
	attempt(stored, endpoint, mode, retriesDone = 0) {
		const generation = this.generation;
		this.inFlight += 1;
		const attempt = (stored.attempts.get(endpoint.id) || 0) + 1;
		stored.attempts.set(endpoint.id, attempt);
		const requestId = crypto.randomUUID();
		const nowMs = this.now();
		const sent = signedRequest(endpoint._secret, stored.body, Math.floor(nowMs / 1000), mode);
		/** @type {Record<string, string>} */
		const headers = {
			'Content-Type': 'application/json',
			'User-Agent': 'Stora-Webhooks/1.0',
			'X-Stora-Request-Id': requestId,
		};
		if (sent.signature !== null) headers['X-Stora-Signature'] = sent.signature;
		return this.post(endpoint.url, sent.body, headers)
			.then(({ status, error }) => {
				/** @type {DeliveryEntry} */
				const entry = {
					event_id: stored.event.id,
					event_type: stored.event.type,
					endpoint_id: endpoint.id,
					url: endpoint.url,
					attempt,
					request_id: requestId,
					signature_ok: mode.forgery === undefined && mode.ageSeconds === undefined,
					status,
					error,
					at: new Date(nowMs).toISOString(),
				};
				if (generation !== this.generation || this.closed) return entry;
				this.log.push(entry);
				const ok = error === null && status !== null && status >= 200 && status < 300;
				if (mode.retry && !ok && retriesDone < RETRY_DELAYS_S.length) {
					this.scheduleRetry(stored, endpoint.id, retriesDone);
				}
				return entry;
			})
			.finally(() => {
				this.inFlight -= 1;
				if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
			});
	}

	/**
	 * Schedules retry `retriesDone + 1` (scaled by `webhookRetryScale`). It goes to the endpoint's
	 * url at that time, and not at all once the endpoint is disabled or deleted.
	 * @param {StoredEvent} stored
	 * @param {string} endpointId
	 * @param {number} retriesDone
	 */
	scheduleRetry(stored, endpointId, retriesDone) {
		// setTimeout can't wait longer than 2^31 - 1 ms (about 24.8 days).
		const delay = Math.min(
			RETRY_DELAYS_S[retriesDone] * 1000 * this.options.webhookRetryScale,
			2 ** 31 - 1,
		);
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			const endpoint = this.store.find('webhook_endpoints', endpointId);
			if (endpoint && endpoint.status === 'enabled') {
				this.attempt(stored, endpoint, { retry: true }, retriesDone + 1);
			}
		}, delay);
		timer.unref();
		this.timers.add(timer);
	}

	/**
	 * POSTs `body` and resolves with the status, or the error when no complete response came
	 * within 10 s. Never rejects.
	 * @param {string} url
	 * @param {string} body
	 * @param {Record<string, string>} headers
	 * @returns {Promise<{ status: number | null, error: string | null }>}
	 */
	post(url, body, headers) {
		return new Promise((resolve) => {
			const client = url.startsWith('https:') ? https : http;
			/** @type {http.ClientRequest} */
			let req;
			/** @type {NodeJS.Timeout} */
			let timer;
			/**
			 * @param {number | null} status
			 * @param {string | null} error
			 */
			const done = (status, error) => {
				clearTimeout(timer);
				this.requests.delete(req);
				resolve({ status, error });
			};
			const options = {
				method: 'POST',
				agent: false,
				headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
			};
			try {
				req = client.request(url, options, (res) => {
					res.resume();
					res.on('end', () => done(res.statusCode ?? null, null));
					res.on('close', () => {
						if (!res.complete) done(res.statusCode ?? null, 'connection closed mid-response');
					});
				});
			} catch (e) {
				resolve({ status: null, error: e.message });
				return;
			}
			timer = setTimeout(() => req.destroy(new Error('timed out after 10 s')), ATTEMPT_TIMEOUT_MS);
			timer.unref();
			req.on('error', (e) => done(null, e.message));
			this.requests.add(req);
			req.end(body);
		});
	}

	/**
	 * The data of an event: the one given, else Stora's example shape built from the order or
	 * contact named (or the newest stored), related objects expanded.
	 * @param {string} type
	 * @param {{ data?: any, orderId?: string, contactId?: string }} spec
	 * @returns {Record<string, any>}
	 */
	eventData(type, spec) {
		if (spec.data !== undefined) {
			if (typeof spec.data !== 'object' || spec.data === null || Array.isArray(spec.data)) {
				throw controlError(400, 'data must be an object');
			}
			return spec.data;
		}
		const built = exampleData(type, this.store, {
			orderId: spec.orderId,
			contactId: spec.contactId,
			now: this.now(),
		});
		if ('missing' in built) throw controlError(404, `no ${built.missing}`);
		return built;
	}

	/**
	 * @param {unknown} type
	 * @returns {string}
	 */
	checkType(type) {
		if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) {
			throw controlError(400, `type must be one of: ${EVENT_TYPES.join(', ')}`);
		}
		return type;
	}

	/**
	 * @param {string} id
	 * @returns {StoredEvent}
	 */
	findEvent(id) {
		const stored = this.events.find((s) => s.event.id === id);
		if (!stored) throw controlError(404, `no event \`${id}\``);
		return stored;
	}

	/**
	 * @param {string} id
	 * @returns {any}
	 */
	findEndpoint(id) {
		const endpoint = this.store.find('webhook_endpoints', id);
		if (!endpoint) throw controlError(404, `no webhook endpoint \`${id}\``);
		return endpoint;
	}

	/**
	 * Creates and delivers an event (with retries); resolves once the first attempts have finished.
	 * @param {{ type: string, data?: any, orderId?: string, contactId?: string }} spec
	 * @returns {Promise<SendResult>}
	 */
	async send(spec) {
		const type = this.checkType(spec.type);
		const { event, attempts } = this.emit(type, this.eventData(type, spec));
		return { event: clone(event), deliveries: await Promise.all(attempts) };
	}

	/**
	 * Delivers an event again, once (same id, fresh signature, no retries): to the endpoint named,
	 * or to those it was first sent to that still exist and are enabled.
	 * @param {string} eventId
	 * @param {{ endpointId?: string }} [options]
	 * @returns {Promise<SendResult>}
	 */
	async replay(eventId, { endpointId } = {}) {
		const stored = this.findEvent(eventId);
		const targets =
			endpointId !== undefined
				? [this.findEndpoint(endpointId)]
				: stored.endpointIds
						.map((id) => this.store.find('webhook_endpoints', id))
						.filter((e) => e && e.status === 'enabled');
		const deliveries = await Promise.all(targets.map((e) => this.attempt(stored, e, {})));
		return { event: clone(stored.event), deliveries };
	}

	/**
	 * Sends one forged (or aged) attempt, no retries: to the endpoint named or every enabled one
	 * subscribed to the type; of an existing event, or a fresh one (recorded, not delivered otherwise).
	 * Takes the control endpoint's body (snake_case) or the same keys in camelCase.
	 * @param {ForgeSpec} spec
	 * @returns {Promise<SendResult>}
	 */
	async forge(spec) {
		const { forgery } = spec;
		const ageSeconds = spec.age_seconds ?? spec.ageSeconds;
		const endpointId = spec.endpoint_id ?? spec.endpointId;
		const eventId = spec.event_id ?? spec.eventId;
		if (forgery !== undefined && !FORGERIES.includes(forgery)) {
			throw controlError(400, `forgery must be one of: ${FORGERIES.join(', ')}`);
		}
		if (
			ageSeconds !== undefined &&
			(typeof ageSeconds !== 'number' || !Number.isFinite(ageSeconds))
		) {
			throw controlError(400, 'age_seconds must be a number');
		}
		if (forgery === undefined && ageSeconds === undefined) {
			throw controlError(400, 'forgery (or age_seconds) is required');
		}
		const endpoint = endpointId === undefined ? null : this.findEndpoint(endpointId);
		let stored;
		if (eventId !== undefined) stored = this.findEvent(eventId);
		else {
			const type = this.checkType(spec.type ?? 'order.created');
			const from = {
				data: spec.data,
				orderId: spec.order_id ?? spec.orderId,
				contactId: spec.contact_id ?? spec.contactId,
			};
			stored = this.record(type, this.eventData(type, from));
		}
		const targets = endpoint ? [endpoint] : this.subscribers(stored.event.type);
		if (eventId === undefined) stored.endpointIds = targets.map((e) => e.id);
		const mode = {
			forgery,
			ageSeconds: ageSeconds === undefined ? undefined : Math.round(ageSeconds),
		};
		const deliveries = await Promise.all(targets.map((e) => this.attempt(stored, e, mode)));
		return { event: clone(stored.event), deliveries };
	}

	/** @returns {WebhookEvent[]} every event produced so far, oldest first */
	listEvents() {
		return this.events.map((s) => clone(s.event));
	}

	/** @returns {DeliveryEntry[]} the delivery log, in the order the attempts finished */
	deliveries() {
		return this.log.map((e) => ({ ...e }));
	}

	clearDeliveries() {
		this.log.length = 0;
	}

	/** @returns {Promise<void>} resolves once no attempt is in flight (pending retries don't count) */
	idle() {
		if (this.inFlight === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(() => resolve(undefined)));
	}

	/** Cancels pending retries and aborts attempts in flight (their outcome is discarded). */
	cancel() {
		this.generation += 1;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const req of this.requests) req.destroy(new Error('cancelled by the sandbox'));
	}

	/** Forgets events and the log; cancels pending retries and attempts in flight. */
	reset() {
		this.cancel();
		this.events.length = 0;
		this.log.length = 0;
	}

	close() {
		this.closed = true;
		this.cancel();
	}
}

/**
 * @template T
 * @param {T} value
 * @returns {T}
 */
function clone(value) {
	return JSON.parse(JSON.stringify(value));
}

module.exports = { WebhookSender, EVENT_TYPES, FORGERIES, RETRY_DELAYS_S, API_VERSION, sign };
