import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { storaApiRequest } from '../transport';
import { asNodeError } from './errors';
import type { RetrySettings } from '../transport/retryPolicy';

/** Stora's docs don't say how it refuses to change a non-draft: 409 and 422 are both likely. */
const REFUSAL_CODES = ['409', '422'];

async function statusOf(
	ctx: IExecuteFunctions,
	orderId: string,
	itemIndex: number,
	retry: RetrySettings,
): Promise<string | undefined> {
	try {
		const body = await storaApiRequest.call(
			ctx,
			{ method: 'GET', path: `/orders/${orderId}`, expect: { order: 'object' } },
			{ itemIndex, retry: { ...retry, maxRetries: Math.min(retry.maxRetries, 1) } },
		);
		const status = (body.order as IDataObject).status;
		return typeof status === 'string' ? status : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Runs a change to an order or its line items, which Stora allows only on drafts. When Stora
 * refuses with a 409 or 422, the order is looked up: if it is no longer a draft, the error says
 * so (Stora's own message stays in the description); otherwise Stora's error stands as it is.
 */
export async function changeDraft<T>(
	ctx: IExecuteFunctions,
	orderId: string,
	{ itemIndex, retry }: { itemIndex: number; retry: RetrySettings },
	change: () => Promise<T>,
): Promise<T> {
	try {
		return await change();
	} catch (error) {
		if (!(error instanceof NodeApiError) || !REFUSAL_CODES.includes(String(error.httpCode))) {
			throw asNodeError(ctx, error, itemIndex);
		}
		const status = await statusOf(ctx, orderId, itemIndex, retry);
		if (status === undefined || status === 'draft') throw asNodeError(ctx, error, itemIndex);
		error.message = `Order ${orderId} is no longer a draft (it is ${status})`;
		error.description = [
			'Stora changes an order and its line items only while the order is a draft. Create a new order instead, or check why it was finalized.',
			error.description,
		]
			.filter(Boolean)
			.join('\n');
		throw asNodeError(ctx, error, itemIndex);
	}
}
