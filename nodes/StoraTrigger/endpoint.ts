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
import { chosenEventTypes } from './events';

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

const isStatus = (error: unknown, ...codes: string[]) =>
	error instanceof NodeApiError && codes.includes(String(error.httpCode));

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

async function fetchEndpoint(ctx: IHookFunctions, id: string): Promise<IDataObject | undefined> {
	try {
		const body = await storaApiRequest.call(
			ctx,
			{
				method: 'GET',
				path: `/webhook_endpoints/${encodeURIComponent(id)}`,
				expect: { webhook_endpoint: 'object' },
			},
			ACTIVATION,
		);
		return body.webhook_endpoint as IDataObject;
	} catch (error) {
		if (isStatus(error, '404')) return undefined;
		throw asNodeError(ctx, error);
	}
}

/** Endpoints this node registered for this URL that are still enabled (the filter is checked here too). */
async function enabledLeftovers(ctx: IHookFunctions, url: string): Promise<IDataObject[]> {
	const owner = ownerMetadata(ctx);
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(owner)) qs[`metadata[${key}]`] = value;
	const endpoints = await storaApiRequestAllItems.call(
		ctx,
		{ path: '/webhook_endpoints', property: 'webhook_endpoints', qs },
		ACTIVATION,
	);
	return endpoints.filter((endpoint) => {
		const metadata = (endpoint.metadata ?? {}) as IDataObject;
		const ours = Object.entries(owner).every(([key, value]) => metadata[key] === value);
		return ours && endpoint.url === url && endpoint.status !== 'disabled';
	});
}

/**
 * Stops deliveries to an endpoint: disables it (documented), then deletes it where Stora allows
 * (deletion is not in Stora's docs: any refusal leaves it disabled, which is enough).
 */
async function retire(ctx: IHookFunctions, id: string): Promise<void> {
	const path = `/webhook_endpoints/${encodeURIComponent(id)}`;
	try {
		await storaApiRequest.call(
			ctx,
			{ method: 'POST', path: `${path}/disable`, idempotency: keyFor('disable') },
			ACTIVATION,
		);
	} catch (error) {
		if (isStatus(error, '404')) return;
		// Stora may refuse to disable an endpoint that already is: then it is done.
		const endpoint = isStatus(error, '409', '422') ? await fetchEndpoint(ctx, id) : undefined;
		if (endpoint?.status !== 'disabled') throw asNodeError(ctx, error);
	}
	try {
		await storaApiRequest.call(
			ctx,
			{ method: 'DELETE', path },
			{ retry: { ...ACTIVATION.retry!, maxRetries: 1 } },
		);
	} catch (error) {
		ctx.logger.debug(`Stora Trigger: webhook endpoint ${id} is disabled but not deleted`, {
			error: asNodeError(ctx, error).message,
		});
	}
}

/**
 * A new key for each registration: a transport retry reuses it, so one request registers at
 * most one endpoint; one lost anyway is found by its metadata and URL and retired next time.
 */
function keyFor(action: 'create' | 'disable') {
	const header = `n8n-webhook_endpoint-${action}-${randomUUID()}`;
	return { header, typed: header, fromUser: false };
}

/** The endpoint this node registered is there, enabled, for this URL and these events. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
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
}

/** Registers a new endpoint, then retires every other one this node registered for this URL. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrlOf(this);
	const eventTypes = chosenEventTypes(this);
	await checkReachable(this, url);
	const workflow = this.getWorkflow();
	const node = this.getNode();
	const body = await storaApiRequest.call(
		this,
		{
			method: 'POST',
			path: '/webhook_endpoints',
			body: {
				name: `n8n: ${workflow.name ?? 'workflow'} › ${node.name}`.slice(0, 100),
				description: `Registered by the Stora Trigger node "${node.name}" of n8n workflow ${String(workflow.id)}. n8n removes it when the workflow is deactivated.`,
				api_version: API_VERSION,
				url,
				event_types: eventTypes,
				metadata: {
					...ownerMetadata(this),
					n8n_webhook: this.getMode() === 'manual' ? 'test' : 'production',
				},
			},
			idempotency: keyFor('create'),
			expect: { webhook_endpoint: 'object' },
		},
		ACTIVATION,
	);
	const endpoint = body.webhook_endpoint as IDataObject;
	const id = typeof endpoint.id === 'string' ? endpoint.id : '';
	const secret = typeof endpoint.secret === 'string' ? endpoint.secret : '';
	if (!id || !secret) {
		if (id) await retire(this, id);
		throw new NodeOperationError(node, 'Stora registered no usable webhook endpoint', {
			description:
				'Stora’s answer to creating the webhook endpoint had no id or no signing secret, so deliveries could not be verified. Activate the workflow again; if it keeps happening, contact Stora.',
		});
	}
	const staticData = this.getWorkflowStaticData('node');
	const previous = storedEndpointOf(staticData);
	staticData.endpoint = { id, secret, url, eventTypes } satisfies StoredEndpoint;

	const others = new Set((await enabledLeftovers(this, url)).map((other) => String(other.id)));
	if (previous) others.add(previous.id);
	others.delete(id);
	for (const other of others) await retire(this, other);
	return true;
}

/** Disables (and where possible deletes) the endpoint, and any leftover for this URL. */
export async function deleteEndpoint(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const stored = storedEndpointOf(staticData);
	// The endpoint it knows first, so a failing list cannot leave it delivering.
	if (stored) await retire(this, stored.id);
	delete staticData.endpoint;
	const leftovers = await enabledLeftovers(this, webhookUrlOf(this));
	for (const leftover of leftovers) await retire(this, String(leftover.id));
	return true;
}
