import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { acceptOnce } from './acceptedEvents';
import { storedEndpointOf } from './endpoint';
import { chosenEventTypes, dataKeyOf } from './events';
import { signatureProblem } from './signature';

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Answers without starting an execution (n8n's express response, written as plain Node does). */
function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const response = ctx.getResponseObject();
	const text = JSON.stringify(body);
	response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	response.end(text);
	return { noWebhookResponse: true };
}

interface StoraEvent extends IDataObject {
	id: string;
	type: string;
	data: IDataObject;
}

/**
 * Stora's payload is `{ event: {…} }`; an event sent bare is taken too. `api_version` and
 * `created_at` are not required: some of Stora's documented payloads have no `api_version`.
 */
function eventOf(body: unknown): StoraEvent | undefined {
	const wrapped = (body as IDataObject | undefined)?.event;
	const event = (typeof wrapped === 'object' ? wrapped : body) as IDataObject | undefined;
	if (typeof event !== 'object' || event === null) return undefined;
	const { id, type, data } = event;
	if (typeof id !== 'string' || !id || typeof type !== 'string') return undefined;
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
	return event as StoraEvent;
}

/** The record under the event type's documented data key; else data's only object. */
function resourceOf(event: StoraEvent): IDataObject | undefined {
	const named = event.data[dataKeyOf(event.type)];
	if (typeof named === 'object' && named !== null && !Array.isArray(named)) {
		return named as IDataObject;
	}
	const values = Object.values(event.data);
	const only = values.length === 1 ? values[0] : undefined;
	return typeof only === 'object' && only !== null && !Array.isArray(only)
		? (only as IDataObject)
		: undefined;
}

/**
 * One delivery: verified against the endpoint's secret over the raw body, then acknowledged;
 * it starts an execution only for a chosen event type seen for the first time in 24 hours.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const staticData = this.getWorkflowStaticData('node');
	const endpoint = storedEndpointOf(staticData);
	const request = this.getRequestObject() as unknown as { rawBody?: Buffer; body?: unknown };
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const tolerance = Number(options.signatureTolerance ?? DEFAULT_TOLERANCE_SECONDS);
	const problem = endpoint
		? signatureProblem({
				header: this.getHeaderData()['x-stora-signature'],
				rawBody: request.rawBody ?? Buffer.alloc(0),
				secret: endpoint.secret,
				toleranceSeconds: Number.isFinite(tolerance) ? tolerance : DEFAULT_TOLERANCE_SECONDS,
				nowSeconds: Math.floor(Date.now() / 1000),
			})
		: 'no webhook endpoint is registered for this trigger';
	if (problem) {
		this.logger.warn(`Stora Trigger refused a delivery: ${problem}`, {
			node: this.getNode().name,
		});
		return answer(this, 401, { error: `Not accepted: ${problem}` });
	}

	const event = eventOf(this.getBodyData());
	if (!event) {
		return answer(this, 400, { error: 'Not a Stora event: no event with an id, a type and data' });
	}
	if (!chosenEventTypes(this).includes(event.type)) {
		return answer(this, 200, { received: true, started: false, reason: 'event type not chosen' });
	}
	const scope = `${this.getMode() === 'manual' ? 'test' : 'live'}:${String(this.getWorkflow().id)}:${this.getNode().id}`;
	if (!acceptOnce(staticData, scope, event.id, Date.now())) {
		return answer(this, 200, { received: true, started: false, reason: 'already received' });
	}
	const json = options.output === 'resource' ? (resourceOf(event) ?? event) : event;
	return {
		workflowData: [[{ json }]],
	};
}
