import { randomUUID } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { API_VERSION } from '../Stora/transport/baseUrl';
import type { CallOptions } from '../Stora/transport';
import {
	LOOPBACK_URL,
	storaApiRequest,
	storaApiRequestAllItems,
	storaBaseUrl,
} from '../Stora/transport';
import { asNodeError } from '../Stora/helpers/errors';
import { activationError } from './activationError';
import { chosenEvents, chosenEventTypes } from './events';

/** What the trigger keeps in the workflow's static data about the endpoint it registered. */
export interface StoredEndpoint {
	id: string;
	/** Returned by Stora only when the endpoint is created: needed to verify every delivery. */
	secret: string;
	url: string;
	eventTypes: string[];
}

/** Activation waits on these requests: a short retry budget, so a failing Stora shows at once. */
const ACTIVATION: CallOptions = {
	retry: { maxRetries: 3, maxRetryWaitMs: 20_000, timeoutMs: 15_000 },
};

/** The metadata key holding the activation's nonce: what it registered is found by it. */
const ACTIVATION_KEY = 'n8n_activation';

const isStatus = (error: unknown, ...codes: string[]) =>
	error instanceof NodeApiError && codes.includes(String(error.httpCode));

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Stora wraps one endpoint as `endpoint`; `webhook_endpoint` (an earlier guess) is read too. */
function endpointIn(body: IDataObject): IDataObject | undefined {
	return [body.endpoint, body.webhook_endpoint].find(isObject);
}

export function storedEndpointOf(staticData: IDataObject): StoredEndpoint | undefined {
	const endpoint = staticData.endpoint as StoredEndpoint | undefined;
	return endpoint?.id && endpoint.secret ? endpoint : undefined;
}

function webhookUrlOf(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

/** Metadata that ties an endpoint to this workflow and node, so leftovers can be found. */
function ownerMetadata(ctx: IHookFunctions): Record<string, string> {
	return {
		created_by: 'n8n',
		n8n_workflow_id: String(ctx.getWorkflow().id ?? ''),
		n8n_node_id: ctx.getNode().id,
	};
}

const sameTypes = (a: unknown, b: string[]) =>
	Array.isArray(a) && [...a].map(String).sort().join(',') === b.join(',');

/**
 * Stora delivers only to https:// URLs. A plain-http n8n URL can only work with a Stora on this
 * machine (the local sandbox); an n8n on localhost cannot be reached by Stora's servers at all.
 */
async function checkReachable(ctx: IHookFunctions, url: string): Promise<void> {
	const baseUrl = await storaBaseUrl.call(ctx);
	if (LOOPBACK_URL.test(baseUrl)) return;
	const problem = !/^https:\/\//i.test(url)
		? `n8n's webhook URL ${url} is plain http, and Stora only delivers to https:// addresses.`
		: LOOPBACK_URL.test(url)
			? `n8n's webhook URL ${url} points at this machine, which Stora's servers cannot reach.`
			: undefined;
	if (problem === undefined) return;
	throw new NodeOperationError(ctx.getNode(), 'Stora cannot deliver events to this n8n', {
		description: `${problem} Set n8n's WEBHOOK_URL environment variable to the public https address n8n is reached at (e.g. https://n8n.example.com/), restart n8n, and activate the workflow again.`,
	});
}

function unreadable(ctx: IHookFunctions, what: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), 'Stora’s answer has no endpoint object', {
		description: `Stora answered ${what} without the webhook endpoint (its "endpoint" object), so the node cannot tell what Stora holds.`,
	});
}

async function fetchEndpoint(ctx: IHookFunctions, id: string): Promise<IDataObject | undefined> {
	const path = `/webhook_endpoints/${encodeURIComponent(id)}`;
	try {
		const endpoint = endpointIn(
			await storaApiRequest.call(ctx, { method: 'GET', path }, ACTIVATION),
		);
		if (!endpoint) throw unreadable(ctx, `GET ${path}`);
		return endpoint;
	} catch (error) {
		if (isStatus(error, '404')) return undefined;
		throw asNodeError(ctx, error);
	}
}

/**
 * IDs of the enabled endpoints this node registered for this URL, or that carry `nonce`. Every
 * page is read and filtered here: the list's metadata filter is documented without its format.
 */
async function enabledOwn(ctx: IHookFunctions, url: string, nonce?: string): Promise<string[]> {
	const owner = ownerMetadata(ctx);
	const endpoints = await storaApiRequestAllItems.call(
		ctx,
		{
			path: '/webhook_endpoints',
			property: 'endpoints',
			fallbackProperty: 'webhook_endpoints',
			qs: {},
		},
		ACTIVATION,
	);
	return endpoints
		.filter((endpoint) => {
			const metadata = isObject(endpoint.metadata) ? endpoint.metadata : {};
			if (endpoint.status === 'disabled') return false;
			if (nonce !== undefined && metadata[ACTIVATION_KEY] === nonce) return true;
			const ours = Object.entries(owner).every(([key, value]) => metadata[key] === value);
			return ours && endpoint.url === url;
		})
		.map((endpoint) => String(endpoint.id));
}

/** A new key each time: a transport retry reuses it, so one request registers at most one endpoint. */
function keyFor(action: 'create' | 'disable', nonce: string = randomUUID()) {
	const header = `n8n-webhook_endpoint-${action}-${nonce}`;
	return { header, typed: header, fromUser: false };
}

/**
 * Stops deliveries to an endpoint by disabling it: Stora documents no enable or delete, so a
 * retired endpoint stays in BackOffice, disabled.
 */
async function retire(ctx: IHookFunctions, id: string): Promise<void> {
	try {
		await storaApiRequest.call(
			ctx,
			{
				method: 'POST',
				path: `/webhook_endpoints/${encodeURIComponent(id)}/disable`,
				idempotency: keyFor('disable'),
			},
			ACTIVATION,
		);
	} catch (error) {
		if (isStatus(error, '404')) return;
		// Stora may refuse to disable an endpoint that already is: then it is done.
		if (isStatus(error, '409', '422')) {
			const endpoint = await fetchEndpoint(ctx, id);
			if (endpoint === undefined || endpoint.status === 'disabled') return;
		}
		throw asNodeError(ctx, error);
	}
}

/** The endpoint this node registered is there, enabled, for this URL and these events. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	try {
		const staticData = this.getWorkflowStaticData('node');
		const stored = storedEndpointOf(staticData);
		if (!stored) return false;
		const url = webhookUrlOf(this);
		const endpoint = await fetchEndpoint(this, stored.id);
		if (!endpoint) {
			delete staticData.endpoint;
			return false;
		}
		return (
			endpoint.status === 'enabled' &&
			endpoint.url === url &&
			stored.url === url &&
			sameTypes(endpoint.event_types, chosenEventTypes(this))
		);
	} catch (error) {
		throw activationError(this, error);
	}
}

/** POSTs the endpoint, marked with the activation's nonce; its id and secret, or an error. */
async function register(
	ctx: IHookFunctions,
	url: string,
	eventTypes: string[],
	nonce: string,
): Promise<StoredEndpoint> {
	const workflow = ctx.getWorkflow();
	const node = ctx.getNode();
	const body = await storaApiRequest.call(
		ctx,
		{
			method: 'POST',
			path: '/webhook_endpoints',
			body: {
				name: `n8n: ${workflow.name ?? 'workflow'} › ${node.name}`.slice(0, 100),
				description: `Registered by the Stora Trigger node "${node.name}" of n8n workflow ${String(workflow.id)}. n8n disables it when the workflow is deactivated.`,
				api_version: API_VERSION,
				url,
				event_types: eventTypes,
				metadata: {
					...ownerMetadata(ctx),
					n8n_webhook: ctx.getMode() === 'manual' ? 'test' : 'production',
					[ACTIVATION_KEY]: nonce,
				},
			},
			idempotency: keyFor('create', nonce),
		},
		ACTIVATION,
	);
	const endpoint = endpointIn(body);
	if (!endpoint) throw unreadable(ctx, 'the request to create the webhook endpoint');
	const id = typeof endpoint.id === 'string' ? endpoint.id : '';
	const secret = typeof endpoint.secret === 'string' ? endpoint.secret : '';
	if (!id || !secret) {
		throw new NodeOperationError(node, 'Stora registered no usable webhook endpoint', {
			description:
				'Stora’s answer to creating the webhook endpoint had no id or no signing secret, so deliveries could not be verified. Activate the workflow again; if it keeps happening, contact Stora.',
		});
	}
	return { id, secret, url, eventTypes };
}

/**
 * After a failed registration: disables whatever this activation may have made (Stora may have
 * stored it although its answer failed or never came). Says what became of it, for the error.
 */
async function disableWhatItMade(ctx: IHookFunctions, url: string, nonce: string) {
	try {
		const made = await enabledOwn(ctx, url, nonce);
		for (const id of made) await retire(ctx, id);
		return made.length
			? `The webhook endpoint Stora stored anyway (${made.join(', ')}) was disabled again.`
			: 'No webhook endpoint of this activation was left enabled in Stora.';
	} catch (error) {
		return `Stora may have stored a webhook endpoint for it, and checking failed (${asNodeError(ctx, error).message}): activating or deactivating the workflow again disables it.`;
	}
}

/**
 * Retires this node's earlier endpoints for this URL, then registers a new one. Whatever fails
 * after the request to create it was sent, nothing this activation made stays enabled.
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	try {
		const url = webhookUrlOf(this);
		const chosen = chosenEvents(this);
		await checkReachable(this, url);
		const staticData = this.getWorkflowStaticData('node');
		const earlier = new Set(await enabledOwn(this, url));
		const previous = storedEndpointOf(staticData);
		if (previous) earlier.add(previous.id);
		for (const id of earlier) await retire(this, id);
		delete staticData.endpoint;

		const nonce = randomUUID();
		try {
			staticData.endpoint = await register(this, url, chosen.types, nonce);
		} catch (error) {
			throw activationError(this, error, {
				cleanup: await disableWhatItMade(this, url, nonce),
				chosen,
			});
		}
		return true;
	} catch (error) {
		throw activationError(this, error);
	}
}

/** Disables the endpoint, and any other this node registered for this URL. */
export async function deleteEndpoint(this: IHookFunctions): Promise<boolean> {
	try {
		const staticData = this.getWorkflowStaticData('node');
		const stored = storedEndpointOf(staticData);
		// The endpoint it knows first, so a failing list cannot leave it delivering.
		if (stored) await retire(this, stored.id);
		delete staticData.endpoint;
		for (const leftover of await enabledOwn(this, webhookUrlOf(this))) {
			if (leftover !== stored?.id) await retire(this, leftover);
		}
		return true;
	} catch (error) {
		throw activationError(this, error);
	}
}
