'use strict';

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {any} body
 */
function reply(res, status, body) {
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
			case 'GET /__sandbox/options':
				return reply(res, 200, sb.options);
			case 'POST /__sandbox/options':
				sb.api.setOptions(body);
				return reply(res, 200, sb.options);
			case 'GET /__sandbox/seed':
				return reply(res, 200, sb.seed);
			default:
				return reply(res, 404, { error: `no sandbox control endpoint ${method} ${path}` });
		}
	} catch (e) {
		return reply(res, 400, { error: e.message });
	}
}

/**
 * @param {any} f
 */
function serializableFault(f) {
	return { ...f, path: f.path instanceof RegExp ? { pathRegex: f.path.source } : f.path };
}

module.exports = { handleControl };
