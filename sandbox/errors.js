'use strict';

const crypto = require('node:crypto');

/** Stora's documented error codes (stora-api.md §3): status, type and default message. */
const ERROR_CODES = {
	invalid_request: { status: 400, type: 'invalid_request_error', message: 'The request body is malformed or not valid.' },
	api_error: { status: 400, type: 'api_error', message: 'An internal or third-party API error occurred.' },
	invalid_token: { status: 401, type: 'invalid_request_error', message: 'The access token is invalid.' },
	forbidden: {
		status: 403,
		type: 'invalid_request_error',
		message: 'You do not have permission to access this resource. Please contact support.',
	},
	resource_not_found: { status: 404, type: 'invalid_request_error', message: 'The requested resource was not found.' },
	invalid_endpoint: { status: 404, type: 'invalid_request_error', message: 'The requested endpoint does not exist.' },
	invalid_format: { status: 406, type: 'invalid_request_error', message: 'The Accept header is not valid or not supported.' },
	conflict: {
		status: 409,
		type: 'invalid_request_error',
		message: 'The resource cannot be modified because of its dependencies or a business constraint.',
	},
	invalid_url_param: { status: 422, type: 'invalid_request_error', message: 'A URL or query parameter is not valid.' },
	invalid_content: { status: 422, type: 'invalid_request_error', message: 'The request body content is not valid.' },
	too_many_requests: { status: 429, type: 'invalid_request_error', message: 'Rate limit exceeded. Please retry later.' },
	internal_server_error: { status: 500, type: 'api_error', message: 'An unexpected internal error occurred.' },
};

const ERROR_LINKS = [
	{ kind: 'open_api', name: 'OpenAPI specification', url: 'https://public-api.stora.co/2025-09/openapi.json' },
	{ kind: 'documentation', name: 'Errors', url: 'https://docs.stora.co/public-api#overview--errors' },
];

/**
 * @typedef {{ message: string, pointer: string | null }} ErrorDetail
 */

/** An error that becomes a Stora error response. */
class ApiError extends Error {
	/**
	 * @param {keyof typeof ERROR_CODES} code
	 * @param {string} [message] defaults to the code's documented message
	 * @param {ErrorDetail[]} [details]
	 * @param {Record<string, string>} [headers] extra response headers
	 */
	constructor(code, message, details = [], headers = {}) {
		const def = ERROR_CODES[code];
		if (!def) throw new Error(`Unknown Stora error code ${code}`);
		super(message || def.message);
		this.code = code;
		this.status = def.status;
		this.type = def.type;
		this.details = details;
		this.headers = headers;
	}
}

/**
 * Stora's error body.
 * @param {{ code: string, type: string, message: string, details?: ErrorDetail[] }} err
 * @param {string} requestId
 */
function errorBody(err, requestId) {
	return {
		error: {
			code: err.code,
			type: err.type,
			message: err.message,
			details: err.details || [],
			links: ERROR_LINKS,
			request_id: requestId,
		},
	};
}

/**
 * The default error (code, type, message) for an arbitrary HTTP status, used by injected faults.
 * Every 5xx maps to Stora's only documented 5xx code, internal_server_error.
 * @param {number} status
 */
function errorForStatus(status) {
	const exact = Object.entries(ERROR_CODES).find(
		([code, def]) => def.status === status && code !== 'api_error' && code !== 'invalid_endpoint',
	);
	if (exact) return { code: exact[0], type: exact[1].type, message: exact[1].message, details: [] };
	if (status === 503) {
		return { code: 'internal_server_error', type: 'api_error', message: 'The service is temporarily unavailable.', details: [] };
	}
	if (status >= 500) {
		return { code: 'internal_server_error', type: 'api_error', message: ERROR_CODES.internal_server_error.message, details: [] };
	}
	return { code: 'invalid_request', type: 'invalid_request_error', message: `Request failed with status ${status}.`, details: [] };
}

/**
 * JSON-Pointer escaping of one reference token (RFC 6901).
 * @param {string | number} token
 */
function pointerToken(token) {
	return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A programmatic or `/__sandbox/*` call's failure (not a Stora answer): `status` becomes the
 * control route's status.
 * @param {number} status
 * @param {string} message
 */
function controlError(status, message) {
	return Object.assign(new Error(message), { status });
}

/** @returns {string} a new request id (UUID v4) */
function newRequestId() {
	return crypto.randomUUID();
}

module.exports = { ApiError, ERROR_CODES, ERROR_LINKS, errorBody, errorForStatus, pointerToken, newRequestId, controlError };
