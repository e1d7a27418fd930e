import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { NodeOperationError as OperationError } from 'n8n-workflow';

import { asNodeError } from '../helpers/errors';
import { assignIdempotencyKeys } from '../helpers/idempotency';
import { withParametersReadOnce } from '../helpers/parameters';
import { executionCancelledError, isCancelled, storaRateLimits } from '../transport';
import { MAX_IN_FLIGHT } from '../descriptions/common';
import type { Operation, PreparedPost } from './operation';
import { outputItems } from './operation';
import * as contact from './contact';
import * as lineItem from './lineItem';
import * as order from './order';
import { PLAIN_RESOURCES } from './plain/resources';

const operations: Record<string, Record<string, Operation<unknown>>> = {
	order: {
		create: order.create,
		get: order.get,
		getAll: order.getAll,
		update: order.update,
		validate: order.validate,
		finalize: order.finalize,
	},
	lineItem: {
		create: lineItem.create,
		getAll: lineItem.getAll,
		update: lineItem.update,
		delete: lineItem.deleteLineItem,
	},
	contact: {
		create: contact.create,
		get: contact.get,
		getAll: contact.getAll,
		update: contact.update,
	},
	...Object.fromEntries(
		Object.entries(PLAIN_RESOURCES).map(([name, resource]) => [name, resource.operations]),
	),
};

/**
 * The value n8n gives the "Custom API Call" option it appends to the Resource and Operation lists
 * of nodes whose credential has an `authenticate` block (n8n's `injectCustomApiCallOptions`). It
 * only does so for a node's latest version when `defaultVersion` equals `version`, which this
 * node's `version: [1, 2]` with `defaultVersion: 2` never does, so current n8n does not offer it;
 * a workflow saved elsewhere, or an older or future n8n, may still hand the node this value.
 */
export const CUSTOM_API_CALL_KEY = '__CUSTOM_API_CALL__';

export const CUSTOM_API_CALL_MESSAGE = 'Custom API Call is not an operation of the Stora node';

export const CUSTOM_API_CALL_DESCRIPTION =
	'For a Stora endpoint this node does not cover, use n8n’s HTTP Request node: Authentication → Predefined Credential Type → Stora API (or Stora OAuth2 API), then your Stora credential, and a URL such as https://public-api.stora.co/2025-09/… It signs the request with the credential’s token, but without this node’s pacing, retries or idempotency keys (send your own Idempotency-Key header on a POST). Or choose one of the Stora node’s resources and operations.';

type Prepared = { value: unknown } | { error: NodeApiError | NodeOperationError };

const postOf = (prepared: Prepared) =>
	'value' in prepared ? (prepared.value as Partial<PreparedPost>).post : undefined;

/**
 * The item a failure becomes with "Continue on Fail". n8n sends an item to the error output
 * when its JSON holds only `error` (and replaces the JSON with the bare message when
 * `item.error` is set), so the details live inside `error`: Stora's message and problems, the
 * HTTP status, the request ID and the idempotency key, for a later node to use.
 */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const context = error.context as IDataObject;
	const details: IDataObject = { message: error.message };
	if (error.description) details.description = error.description;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) details.httpCode = httpCode;
	for (const key of ['requestId', 'idempotencyKey', 'problems'] as const) {
		if (context[key] !== undefined && context[key] !== null) details[key] = context[key];
	}
	return { json: { error: details }, pairedItem: { item: itemIndex } };
}

/**
 * Options → In Flight, read once for the run (item 0): how many items are sent at once. Unset,
 * version 2 keeps as many under way as the credential's per-second limit (at most 100), so a
 * distant Stora still gets its whole budget; version 1 sends one at a time, as its saved
 * workflows always did.
 */
async function inFlightOf(ctx: IExecuteFunctions): Promise<number> {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const value = Number(options.inFlight);
	if (Number.isInteger(value) && value >= 1) return Math.min(value, MAX_IN_FLIGHT);
	if (ctx.getNode().typeVersion < 2) return 1;
	return Math.min(MAX_IN_FLIGHT, (await storaRateLimits.call(ctx)).perSecond);
}

/**
 * Checks every item's parameters, and gives every POST its idempotency key, before sending
 * anything, so a bad item cannot stop a run halfway with some orders created. Items then run
 * through the paced transport, up to In Flight at once, started in input order; the output
 * keeps that order. With "Continue on Fail", a failed item becomes an error item and the rest
 * run; without it, the first failure starts nothing more, the items already sent finish, and
 * the failure of the earliest item is thrown.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	// With resource "Custom API Call" no operation is shown, so it has no value: read it with a fallback.
	const operationName = this.getNodeParameter('operation', 0, '') as string;
	if (resource === CUSTOM_API_CALL_KEY || operationName === CUSTOM_API_CALL_KEY) {
		throw new OperationError(this.getNode(), CUSTOM_API_CALL_MESSAGE, {
			description: CUSTOM_API_CALL_DESCRIPTION,
		});
	}
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new OperationError(this.getNode(), `The operation "${operationName}" is not supported`);
	}

	const checking = withParametersReadOnce(this);
	const prepared: Prepared[] = items.map((_, itemIndex) => {
		try {
			return { value: operation.prepare.call(checking, itemIndex) };
		} catch (caught) {
			const error = asNodeError(this, caught, itemIndex);
			if (!this.continueOnFail()) throw error;
			return { error };
		}
	});

	const keyFailures = operation.keySpace
		? assignIdempotencyKeys(this, operation.keySpace, prepared.map(postOf))
		: new Map<number, NodeOperationError>();
	for (const [itemIndex, error] of keyFailures) {
		if (!this.continueOnFail()) throw error;
		prepared[itemIndex] = { error };
	}

	const outputs: INodeExecutionData[][] = items.map(() => []);
	const failures = new Map<number, Error>();
	const runItem = async (itemIndex: number) => {
		const input = prepared[itemIndex];
		if ('error' in input) {
			outputs[itemIndex] = [errorItem(input.error, itemIndex)];
			return;
		}
		try {
			const result = await operation.execute.call(this, input.value, itemIndex);
			outputs[itemIndex] = outputItems(result, itemIndex);
		} catch (caught) {
			// A cancelled execution sends nothing more, whatever "On Error" says.
			if (isCancelled(this)) throw executionCancelledError(this);
			const error = asNodeError(this, caught, itemIndex);
			if (!this.continueOnFail()) throw error;
			outputs[itemIndex] = [errorItem(error, itemIndex)];
		}
	};

	let next = 0;
	const lane = async () => {
		while (next < items.length && failures.size === 0) {
			if (isCancelled(this)) throw executionCancelledError(this);
			const itemIndex = next++;
			await runItem(itemIndex).catch((error: Error) => failures.set(itemIndex, error));
		}
	};
	const lanes = Math.min(await inFlightOf(this), items.length);
	await Promise.all(Array.from({ length: lanes }, lane));
	if (failures.size > 0) throw failures.get(Math.min(...failures.keys()))!;
	return [outputs.flat()];
}
