'use strict';

const http = require('node:http');
const { ApiError, errorBody, errorForStatus, newRequestId } = require('./errors');
const { authenticate } = require('./auth');
const { parseQuery } = require('./query');
const { route } = require('./router');
const { checkoutPage } = require('./checkout');
const { handleControl } = require('./control');
const { wantsPdf, noPdf } = require('./pdf');

/**
 * @typedef {object} RequestLogEntry
 * @property {string} method
 * @property {string} path without the query
 * @property {Record<string, any>} query
 * @property {string} rawQuery
 * @property {Record<string, any>} headers lowercased names
 * @property {any} body parsed JSON, the raw string when unparseable, undefined when empty
 * @property {number} status the status sent, 0 when the connection was destroyed
 * @property {string | undefined} idempotencyKey
 * @property {boolean} replayed
 * @property {number} receivedAt when the request arrived (Date.now())
 */

/**
 * @typedef {{ status: number, headers: Record<string, string>, body: string | Buffer }} Reply
 */

/**
 * @param {any} sb the sandbox internals (see index.js)
 * @param {number} ms
 */
function sleep(sb, ms) {
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			sb.timers.delete(timer);
			resolve(undefined);
		}, ms);
		// close() clears the timer and resolves early; the handler then sees sb.closed and stops
		sb.timers.set(timer, resolve);
	});
}

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * @param {string} raw
 * @returns {{ value: any, valid: boolean, error?: string }}
 */
function parseJson(raw) {
	if (raw.trim() === '') return { value: undefined, valid: true };
	try {
		return { value: JSON.parse(raw), valid: true };
	} catch (e) {
		return { value: raw, valid: false, error: e.message };
	}
}

/**
 * @param {any} body
 * @param {string} requestId
 * @param {number} status
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
function jsonReply(status, body, requestId, headers = {}) {
	return {
		status,
		headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': requestId, ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	};
}

/**
 * @param {ApiError} err
 * @param {string} requestId
 * @param {Record<string, string>} [headers]
 */
function errorReply(err, requestId, headers = {}) {
	return jsonReply(err.status, errorBody(err, requestId), requestId, { ...headers, ...err.headers });
}

/**
 * The response of an injected `status` fault.
 * @param {any} sb
 * @param {import('./faults').FaultSpec} fault
 * @param {string} requestId
 * @returns {Reply}
 */
function injectedReply(sb, fault, requestId) {
	const status = fault.status ?? 500;
	/** @type {Record<string, string>} */
	const headers = {};
	if (status === 429) {
		const t = sb.now();
		const limit = sb.limiter ? sb.limiter.perSecond : 10;
		headers['RateLimit-Limit'] = String(limit);
		if (sb.limiter && sb.limiter.remainingHeader) headers['RateLimit-Remaining'] = '0';
		headers['RateLimit-Reset'] = String(Math.floor(t / 1000) + 1);
		if (sb.limiter && sb.limiter.retryAfterHeader) headers['Retry-After'] = '1';
	}
	const body = fault.body !== undefined ? fault.body : errorBody(errorForStatus(status), requestId);
	return jsonReply(status, body, requestId, { ...headers, ...(fault.headers || {}) });
}

/**
 * @param {http.ServerResponse} res
 * @param {RequestLogEntry} entry
 * @param {Reply} reply
 */
function send(res, entry, reply) {
	if (res.destroyed || res.writableEnded || (res.socket && res.socket.destroyed)) {
		entry.status = 0;
		return;
	}
	entry.status = reply.status;
	res.writeHead(reply.status, { ...reply.headers, 'Content-Length': Buffer.byteLength(reply.body) });
	res.end(reply.body);
}

/**
 * @param {http.IncomingMessage} req
 * @param {RequestLogEntry} entry
 */
function destroy(req, entry) {
	entry.status = 0;
	req.socket.destroy();
}

/**
 * Waits the `latencyMs` option, the time an answer from a distant server takes to arrive.
 * @param {any} sb
 * @returns {Promise<boolean>} false when the sandbox was closed meanwhile (then nothing is sent)
 */
async function held(sb) {
	const ms = sb.options.latencyMs;
	if (!(ms > 0)) return true;
	await sleep(sb, ms);
	return !sb.closed;
}

/**
 * Sends `reply` after the added latency. The request was already counted by the rate limiter
 * and processed when it arrived; only its answer is late.
 * @param {any} sb
 * @param {http.ServerResponse} res
 * @param {RequestLogEntry} entry
 * @param {Reply} reply
 */
async function answer(sb, res, entry, reply) {
	if (await held(sb)) send(res, entry, reply);
}

/**
 * Destroys the connection after the added latency (a reset arrives as late as an answer).
 * @param {any} sb
 * @param {http.IncomingMessage} req
 * @param {RequestLogEntry} entry
 */
async function drop(sb, req, entry) {
	if (await held(sb)) destroy(req, entry);
}

/**
 * A 200 whose JSON body is cut short, or the fault's own `body` (an answer damaged in another way,
 * e.g. valid JSON without the object asked for).
 * @param {string} [full] the real body, when the request was processed
 * @param {string} requestId
 * @param {any} [replacement] the fault's `body`
 * @returns {Reply}
 */
function malformedReply(full, requestId, replacement) {
	const cut = full && full.length > 2 ? full.slice(0, Math.max(1, Math.floor(full.length / 2))) : '{"order":{"id":"order_';
	const body = replacement === undefined ? cut : typeof replacement === 'string' ? replacement : JSON.stringify(replacement);
	return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': requestId }, body };
}

const LIMIT_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'];

/**
 * Headers to store with an idempotent response: the rate-limit ones describe the moment of each
 * request, so replays get fresh ones instead.
 * @param {Record<string, string>} headers
 */
function withoutLimitHeaders(headers) {
	return Object.fromEntries(Object.entries(headers).filter(([k]) => !LIMIT_HEADERS.includes(k.toLowerCase())));
}

/**
 * Runs the route handler.
 * @param {any} sb
 * @param {{ method: string, path: string, query: Record<string, any>, json: { value: any, valid: boolean, error?: string }, scopes: Set<string>, requestId: string, accept?: string }} r
 * @param {Record<string, string>} limitHeaders
 * @returns {Reply}
 */
function processRequest(sb, r, limitHeaders) {
	try {
		const found = route(r.method, r.path, sb.options);
		if (!found) throw new ApiError('invalid_endpoint', `The endpoint ${r.method} ${r.path} does not exist.`);
		if (wantsPdf(r.accept) && !found.pdf) throw noPdf();
		const hasBody = r.method === 'POST' || r.method === 'PATCH';
		if (hasBody && !r.json.valid) {
			throw new ApiError('invalid_request', 'The request body is not valid JSON.', [{ message: r.json.error || 'invalid JSON', pointer: '' }]);
		}
		const result = found.handler({
			store: sb.store,
			query: r.query,
			body: hasBody ? r.json.value : undefined,
			params: found.params,
			scopes: r.scopes,
			requestId: r.requestId,
			baseUrl: sb.url,
			now: sb.now,
			options: sb.options,
			webhooks: sb.webhooks,
			accept: r.accept,
		});
		if (result.contentType) {
			return { status: result.status, headers: { 'Content-Type': result.contentType, 'X-Request-Id': r.requestId, ...limitHeaders }, body: result.body };
		}
		return jsonReply(result.status, result.body, r.requestId, limitHeaders);
	} catch (e) {
		if (e instanceof ApiError) return errorReply(e, r.requestId, limitHeaders);
		sb.internalErrors.push(e);
		return errorReply(new ApiError('internal_server_error'), r.requestId, limitHeaders);
	}
}

/**
 * The request pipeline: log → arrival faults → auth (401) → rate limiter (429) → idempotent
 * replay → processing faults → handler → store the idempotent response → after-processing faults.
 * @param {any} sb
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
async function handle(sb, req, res) {
	const url = new URL(req.url || '/', 'http://sandbox.invalid');
	const path = url.pathname;
	const method = (req.method || 'GET').toUpperCase();
	const raw = await readBody(req);
	if (path.startsWith('/__sandbox/') || path === '/__sandbox') {
		handleControl(sb, method, path, raw, res);
		return;
	}
	const json = parseJson(raw);
	const keyHeader = req.headers['idempotency-key'];
	/** @type {RequestLogEntry} */
	const entry = {
		method,
		path,
		query: parseQuery(url.search.slice(1)),
		rawQuery: url.search.slice(1),
		headers: { ...req.headers },
		body: json.value,
		status: 0,
		idempotencyKey: Array.isArray(keyHeader) ? keyHeader[0] : keyHeader,
		replayed: false,
		receivedAt: Date.now(),
	};
	sb.requests.push(entry);
	const requestId = newRequestId();

	const early = sb.faults.take('arrival', method, path);
	if (early && early.type === 'reset') return drop(sb, req, entry);
	if (early && early.type === 'malformed') return answer(sb, res, entry, malformedReply(undefined, requestId, early.body));
	if (early && early.type === 'delay') {
		await sleep(sb, early.delayMs);
		if (sb.closed) return;
	}

	if (method === 'GET' && path.startsWith('/checkout/')) {
		const page = checkoutPage(sb.store.find('orders', decodeURIComponent(path.slice('/checkout/'.length))));
		return answer(sb, res, entry, { status: page.status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: page.html });
	}

	if (method === 'POST' && path === '/oauth2/token') {
		const granted = sb.oauth.grant(json, sb.tokens);
		return answer(sb, res, entry, { status: granted.status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: JSON.stringify(granted.body) });
	}

	let auth;
	try {
		auth = authenticate(req.headers.authorization, sb.tokens, (token) => sb.oauth.expired(token));
	} catch (e) {
		return answer(sb, res, entry, errorReply(e, requestId));
	}

	/** @type {Record<string, string>} */
	let limitHeaders = {};
	if (sb.limiter) {
		const verdict = sb.limiter.check(auth.token);
		limitHeaders = verdict.headers;
		if (!verdict.allowed) return answer(sb, res, entry, errorReply(new ApiError('too_many_requests'), requestId, limitHeaders));
	}

	const key = method === 'POST' ? entry.idempotencyKey : undefined;
	if (key !== undefined) {
		const stored = sb.idempotency.get(auth.token, key);
		if (stored) {
			entry.replayed = true;
			const replayHeaders = sb.replayHeader ? { 'Idempotent-Replayed': 'true' } : {};
			return answer(sb, res, entry, {
				status: stored.status,
				headers: { ...stored.headers, ...limitHeaders, ...replayHeaders },
				body: stored.body,
			});
		}
	}

	const fault = sb.faults.take('processing', method, path);
	/** @type {Reply} */
	let reply;
	if (fault && fault.type === 'status' && !fault.afterProcessing) {
		reply = injectedReply(sb, fault, requestId);
	} else {
		reply = processRequest(sb, { method, path, query: entry.query, json, scopes: auth.scopes, requestId, accept: req.headers.accept }, limitHeaders);
		if (fault && fault.type === 'status') reply = injectedReply(sb, fault, requestId);
	}
	// Stora stores the first response per key, errors included; an injected 429 counts as "not processed".
	if (key !== undefined && reply.status !== 429) {
		sb.idempotency.put(auth.token, key, { status: reply.status, headers: withoutLimitHeaders(reply.headers), body: reply.body });
	}

	if (fault && fault.type === 'reset') return drop(sb, req, entry);
	if (fault && fault.type === 'malformed') return answer(sb, res, entry, malformedReply(reply.body, requestId, fault.body));
	if (fault && fault.type === 'delay') {
		await sleep(sb, fault.delayMs || 0);
		if (sb.closed) return;
	}
	await answer(sb, res, entry, reply);
}

/**
 * @param {any} sb sandbox internals
 * @returns {http.Server}
 */
function createServer(sb) {
	const server = http.createServer((req, res) => {
		req.on('error', () => {});
		res.on('error', () => {});
		sb.inFlight += 1;
		handle(sb, req, res)
			.catch((e) => {
				sb.internalErrors.push(e);
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
					res.end(JSON.stringify(errorBody({ code: 'internal_server_error', type: 'api_error', message: 'Sandbox failure.' }, newRequestId())));
				}
			})
			.finally(() => {
				sb.inFlight -= 1;
				if (sb.inFlight === 0) for (const resolve of sb.idleWaiters.splice(0)) resolve();
			});
	});
	server.on('connection', (socket) => {
		sb.sockets.add(socket);
		socket.on('error', () => {});
		socket.on('close', () => sb.sockets.delete(socket));
	});
	server.on('clientError', (_err, socket) => socket.destroy());
	return server;
}

module.exports = { createServer };
