'use strict';

/** HAL curies from Stora's examples. */
const CURIES = [
	{ name: 'bo', href: 'https://app.stora.test{rel}', templated: true, title: 'Backoffice' },
	{ name: 'sf', href: 'https://acme.stora.test{rel}', templated: true, title: 'Storefront' },
];

/**
 * A single-resource success body: `{ [key]: value, meta: { request_id, curies } }`.
 * @param {string} key
 * @param {any} value
 * @param {string} requestId
 */
function single(key, value, requestId) {
	return { [key]: value, meta: { request_id: requestId, curies: CURIES } };
}

/**
 * A list success body with pagination meta.
 * @param {string} key
 * @param {any[]} values
 * @param {object} pagination
 * @param {string} requestId
 */
function list(key, values, pagination, requestId) {
	return { [key]: values, meta: { request_id: requestId, curies: CURIES, pagination } };
}

module.exports = { CURIES, single, list };
