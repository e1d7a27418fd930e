import type { IExecuteFunctions } from 'n8n-workflow';

import type { RetrySettings } from '../transport/retryPolicy';
import { readOptions } from './options';
import { InputChecker } from './validation';

export function readOrderId(ctx: IExecuteFunctions, check: InputChecker): string {
	const value = ctx.getNodeParameter('orderId', check.itemIndex, '', { extractValue: true });
	return check.id('Order ID', value, 'order_');
}

/** What Get and Validate need from an item: the order and the shared options. */
export interface OrderRead {
	orderId: string;
	expand: string[];
	retry: RetrySettings;
}

export function prepareOrderRead(this: IExecuteFunctions, itemIndex: number): OrderRead {
	const { expand, retry } = readOptions(this, itemIndex);
	return { orderId: readOrderId(this, new InputChecker(this, itemIndex)), expand, retry };
}
