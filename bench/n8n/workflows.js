'use strict';
/**
 * The workflows each measurement runs in n8n, one per run: a production Webhook (it answers
 * once the last node has run) → [Split Out of the posted items, for Create] → the tool →
 * [Split Out of each page's `orders`, for the HTTP Request node's Get Many].
 *
 * Each builder returns { workflow, firstNode, lastNode }: the time of a run is from the start of
 * `firstNode` to the end of `lastNode` (from n8n's run data), and `lastNode`'s output items are
 * the orders.
 */
const { randomUUID } = require('node:crypto');

const API = '/2025-09/orders';

const at = (i) => [220 * i, 0];

function webhookNode(path) {
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: at(0),
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'noData', options: {} },
	};
}

function splitOutNode(name, field, position) {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: at(position),
		parameters: { fieldToSplitOut: field, options: {} },
	};
}

/** Nodes in a row, each feeding the next. */
function chain(id, name, nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false, pinData: {} };
}

/** The Stora node the benchmark measures: version 2 unless `--stora-version` says otherwise. */
function storaNode(name, parameters, credential, position, version = 2) {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-stora.stora',
		typeVersion: version,
		position: at(position),
		parameters,
		credentials: { storaApi: { id: credential.id, name: credential.name } },
	};
}

/** Stora → Get Many, Return All, every option at its default (In Flight too) unless `options` say otherwise. */
function storaGetMany({ id, path, credential, options = {}, version }) {
	const stora = storaNode(
		'Stora',
		{ resource: 'order', operation: 'getAll', returnAll: true, options },
		credential,
		1,
		version,
	);
	return { workflow: chain(id, `bench: ${path}`, [webhookNode(path), stora]), firstNode: 'Stora', lastNode: 'Stora' };
}

/** Stora → Create per posted item (email, ref as metadata external_id), In Flight at its default unless `options` set it. */
function storaCreate({ id, path, credential, siteId, options = {}, version }) {
	const stora = storaNode(
		'Stora',
		{
			resource: 'order',
			operation: 'create',
			siteId: { __rl: true, mode: 'id', value: siteId },
			contact: { email: '={{ $json.email }}' },
			additionalFields: {
				metadata: { metadataValues: [{ key: 'external_id', value: '={{ $json.ref }}' }] },
			},
			options,
		},
		credential,
		2,
		version,
	);
	return {
		workflow: chain(id, `bench: ${path}`, [webhookNode(path), splitOutNode('Items', 'body.items', 1), stora]),
		firstNode: 'Stora',
		lastNode: 'Stora',
	};
}

/** What "tuned" adds to the HTTP Request node: Settings → Retry On Fail, at its most patient. */
const RETRY_ON_FAIL = { retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 };

function httpNode(parameters, position, settings = {}) {
	return {
		id: randomUUID(),
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: at(position),
		parameters,
		...settings,
	};
}

const authHeader = (token) => ({ name: 'Authorization', value: `Bearer ${token}` });

/**
 * HTTP Request → GET the orders, pagination "Update a Parameter in Each Request" with
 * page = meta.pagination.next, complete when it is null; then Split Out of `orders`.
 * Tuned: an interval between pages that keeps under the per-minute limit, and Retry On Fail.
 */
function httpGetMany({ id, path, baseUrl, token, limits, tuned }) {
	const pagination = {
		paginationMode: 'updateAParameterInEachRequest',
		parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $response.body.meta.pagination.next }}' }] },
		paginationCompleteWhen: 'other',
		completeExpression: '={{ $response.body.meta.pagination.next === null }}',
	};
	if (tuned) pagination.requestInterval = Math.ceil(60_000 / limits.perMinute);
	const http = httpNode(
		{
			url: `${baseUrl}${API}`,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'limit', value: '100' }] },
			sendHeaders: true,
			headerParameters: { parameters: [authHeader(token)] },
			options: { pagination: { pagination } },
		},
		1,
		tuned ? RETRY_ON_FAIL : {},
	);
	return {
		workflow: chain(id, `bench: ${path}`, [webhookNode(path), http, splitOutNode('Orders', 'orders', 2)]),
		firstNode: 'HTTP Request',
		lastNode: 'Orders',
	};
}

/**
 * HTTP Request → POST one order per item, with the item's ref as Idempotency-Key. Tuned:
 * batches of (per-minute limit / 60) items a second, and Retry On Fail.
 */
function httpCreate({ id, path, baseUrl, token, limits, tuned, siteId }) {
	const options = {};
	if (tuned) {
		const perBatch = Math.max(1, Math.min(limits.perSecond, Math.floor(limits.perMinute / 60)));
		options.batching = { batch: { batchSize: perBatch, batchInterval: 1000 } };
	}
	const body = `={{ JSON.stringify({ site: { id: ${JSON.stringify(siteId)} }, contact: { email: $json.email }, metadata: { external_id: $json.ref } }) }}`;
	const http = httpNode(
		{
			method: 'POST',
			url: `${baseUrl}${API}`,
			sendHeaders: true,
			headerParameters: { parameters: [authHeader(token), { name: 'Idempotency-Key', value: '={{ $json.ref }}' }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: body,
			options,
		},
		2,
		tuned ? RETRY_ON_FAIL : {},
	);
	return {
		workflow: chain(id, `bench: ${path}`, [webhookNode(path), splitOutNode('Items', 'body.items', 1), http]),
		firstNode: 'HTTP Request',
		lastNode: 'HTTP Request',
	};
}

module.exports = { storaGetMany, storaCreate, httpGetMany, httpCreate };
