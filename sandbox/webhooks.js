'use strict';

const crypto = require('node:crypto');
const { requireScopes } = require('./auth');
const { objectBody, throwIfInvalid, findOr404, touch } = require('./handlers');
const { parsePaging, sortRecords, paginate } = require('./pagination');
const { listParam, checkEnumList } = require('./query');
const { validateMetadata, mergeMetadata, matchesMetadata } = require('./metadata');
const { rejectUnknown } = require('./order-input');
const { metadataFilter } = require('./orders');
const { API_VERSION } = require('./deliveries');
const { EVENT_TYPES } = require('./webhook-events');
const { single, list } = require('./respond');
const { randomId, isoSeconds } = require('./ids');

const READ = 'public.webhook_endpoint:read';
const WRITE = 'public.webhook_endpoint:write';
const STATUSES = ['enabled', 'disabled'];
const UPDATE_KEYS = ['name', 'description', 'url', 'event_types', 'metadata'];
const CREATE_KEYS = [...UPDATE_KEYS, 'api_version'];
const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/** @typedef {import('./orders').HandlerContext} HandlerContext */
/** @typedef {import('./orders').HandlerResult} HandlerResult */
/** @typedef {{ message: string, pointer: string }} Detail */

/**
 * The public endpoint object; `secret` only when asked for (the create answer, the control API).
 * @param {any} e stored endpoint record
 * @param {boolean} [withSecret]
 */
function renderEndpoint(e, withSecret = false) {
	return {
		id: e.id,
		api_version: e.api_version,
		created_at: e.created_at,
		updated_at: e.updated_at,
		creator: { ...e.creator },
		description: e.description,
		disabled_at: e.disabled_at,
		event_types: [...e.event_types],
		metadata: { ...e.metadata },
		name: e.name,
		secret: withSecret ? e._secret : null,
		status: e.status,
		url: e.url,
	};
}

/**
 * A string field: `required` ones can't be missing or null; others may be null.
 * @param {Record<string, any>} body
 * @param {string} key
 * @param {boolean} required
 * @param {Detail[]} details
 */
function stringField(body, key, required, details) {
	const v = body[key];
	const pointer = `/${key}`;
	if (v === undefined || v === null) {
		if (required) details.push({ message: `value at \`${pointer}\` is required`, pointer });
	} else if (typeof v !== 'string') {
		details.push({ message: `value at \`${pointer}\` is not a string`, pointer });
	} else if (required && v.trim() === '') {
		details.push({ message: `value at \`${pointer}\` must not be empty`, pointer });
	}
}

/**
 * Stora's rule is `^https://`; the sandbox also takes `http://` to a loopback host.
 * @param {unknown} v
 * @param {Detail[]} details
 */
function urlField(v, details) {
	const pointer = '/url';
	if (v === undefined || v === null) {
		details.push({ message: 'value at `/url` is required', pointer });
		return;
	}
	let ok = false;
	if (typeof v === 'string') {
		try {
			const u = new URL(v);
			ok = /^https:\/\//i.test(v) || (/^http:\/\//i.test(v) && LOOPBACK.test(u.hostname));
		} catch {
			ok = false;
		}
	}
	if (!ok) {
		details.push({
			message:
				'value at `/url` does not match pattern: ^https:// (the sandbox also accepts http:// to localhost, 127.x.x.x or [::1])',
			pointer,
		});
	}
}

/**
 * A non-empty array of known event types.
 * @param {unknown} v
 * @param {Detail[]} details
 */
function eventTypesField(v, details) {
	const pointer = '/event_types';
	if (v === undefined || v === null) {
		details.push({ message: 'value at `/event_types` is required', pointer });
	} else if (!Array.isArray(v)) {
		details.push({ message: 'value at `/event_types` is not an array', pointer });
	} else if (v.length === 0) {
		details.push({ message: 'value at `/event_types` must contain at least 1 item', pointer });
	} else {
		v.forEach((type, i) => {
			if (!EVENT_TYPES.includes(type)) {
				const p = `${pointer}/${i}`;
				details.push({
					message: `value at \`${p}\` is not one of: ${EVENT_TYPES.join(', ')}`,
					pointer: p,
				});
			}
		});
	}
}

/**
 * Validates a create body (no `current`) or an update body.
 * @param {Record<string, any>} body
 * @param {any} [current] the stored endpoint being updated
 * @returns {{ details: Detail[], changes: Record<string, any> }}
 */
function endpointBody(body, current) {
	/** @type {Detail[]} */
	const details = [];
	rejectUnknown(body, current ? UPDATE_KEYS : CREATE_KEYS, '', details);
	const creating = !current;
	if (creating || 'name' in body) stringField(body, 'name', true, details);
	stringField(body, 'description', false, details);
	if (creating || 'url' in body) urlField(body.url, details);
	if (creating || 'event_types' in body) eventTypesField(body.event_types, details);
	if (creating && body.api_version !== API_VERSION) {
		const missing = body.api_version === undefined || body.api_version === null;
		details.push({
			message: `value at \`/api_version\` ${missing ? 'is required' : `is not one of: ${API_VERSION}`}`,
			pointer: '/api_version',
		});
	}
	const meta = current
		? mergeMetadata(current.metadata, body.metadata)
		: validateMetadata(body.metadata);
	details.push(...meta.details);
	/** @type {Record<string, any>} */
	const changes = {};
	for (const k of ['name', 'description', 'url', 'event_types'])
		if (body[k] !== undefined) changes[k] = body[k];
	if (creating || body.metadata !== undefined) changes.metadata = meta.metadata;
	return { details, changes };
}

/**
 * @param {HandlerContext} ctx
 * @returns {any}
 */
function findEndpoint(ctx) {
	return findOr404(ctx, 'webhook_endpoints', 'Webhook endpoint', 'webhook_endpoint_id');
}

/**
 * @param {HandlerContext} ctx
 * @param {any} endpoint
 * @param {number} [status]
 * @returns {HandlerResult}
 */
function answer(ctx, endpoint, status = 200) {
	return { status, body: single('endpoint', renderEndpoint(endpoint), ctx.requestId) };
}

/*
 * Stora's reference documents list, create, show, update and disable (catalogue §2.16), each
 * answering under `endpoint` / `endpoints`. It has no enable and no delete: neither does the sandbox.
 */

/**
 * GET /2025-09/webhook_endpoints: paging, `sort_by` created_at or updated_at, `status`
 * (comma list, repeated or `status[]`) and `metadata[key]=value`.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function listWebhookEndpoints(ctx) {
	requireScopes(ctx.scopes, [READ]);
	const q = ctx.query;
	const paging = parsePaging(q, ['created_at', 'updated_at']);
	const statuses = checkEnumList(listParam(q, 'status'), 'status', STATUSES) || [];
	const metadata = metadataFilter(q);
	const matching = ctx.store.webhook_endpoints.filter(
		(e) =>
			(!statuses.length || statuses.includes(e.status)) && matchesMetadata(e.metadata, metadata),
	);
	const sorted = sortRecords(matching, paging.sortBy, paging.direction);
	const { items, pagination } = paginate(sorted, paging.page, paging.limit);
	const body = list(
		'endpoints',
		items.map((e) => renderEndpoint(e)),
		pagination,
		ctx.requestId,
	);
	return { status: 200, body };
}

/**
 * POST /2025-09/webhook_endpoints (201): the only answer that shows the secret.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function createWebhookEndpoint(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const { details, changes } = endpointBody(objectBody(ctx));
	throwIfInvalid(details);
	const now = isoSeconds(ctx.now());
	const endpoint = ctx.store.insert('webhook_endpoints', {
		id: randomId('we_'),
		api_version: API_VERSION,
		created_at: now,
		updated_at: now,
		creator: { id: 'app_sandbox' },
		description: changes.description ?? null,
		disabled_at: null,
		event_types: [...changes.event_types],
		metadata: changes.metadata,
		name: changes.name,
		status: 'enabled',
		url: changes.url,
		_secret: crypto.randomBytes(32).toString('hex'),
	});
	return {
		status: 201,
		body: single('endpoint', renderEndpoint(endpoint, true), ctx.requestId),
	};
}

/**
 * GET /2025-09/webhook_endpoints/{id}
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function getWebhookEndpoint(ctx) {
	requireScopes(ctx.scopes, [READ]);
	return answer(ctx, findEndpoint(ctx));
}

/**
 * PATCH /2025-09/webhook_endpoints/{id}: only the fields sent change; metadata merge-patched.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function updateWebhookEndpoint(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const endpoint = findEndpoint(ctx);
	const { details, changes } = endpointBody(objectBody(ctx), endpoint);
	throwIfInvalid(details);
	if (changes.event_types) changes.event_types = [...changes.event_types];
	Object.assign(endpoint, changes);
	touch(ctx, endpoint);
	return answer(ctx, endpoint);
}

/**
 * The body of disable: nothing (an empty object).
 * @param {HandlerContext} ctx
 */
function emptyBody(ctx) {
	/** @type {Detail[]} */
	const details = [];
	rejectUnknown(objectBody(ctx), [], '', details);
	throwIfInvalid(details);
}

/**
 * POST /2025-09/webhook_endpoints/{id}/disable (already disabled: answered unchanged).
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function disableWebhookEndpoint(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const endpoint = findEndpoint(ctx);
	emptyBody(ctx);
	if (endpoint.status !== 'disabled') {
		touch(ctx, endpoint);
		Object.assign(endpoint, { status: 'disabled', disabled_at: endpoint.updated_at });
	}
	return answer(ctx, endpoint);
}

module.exports = {
	STATUSES,
	renderEndpoint,
	listWebhookEndpoints,
	createWebhookEndpoint,
	getWebhookEndpoint,
	updateWebhookEndpoint,
	disableWebhookEndpoint,
};
