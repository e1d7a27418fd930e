import type { IExecuteFunctions } from 'n8n-workflow';

import type { InputChecker } from './validation';

export function readOrderId(ctx: IExecuteFunctions, check: InputChecker): string {
	const value = ctx.getNodeParameter('orderId', check.itemIndex, '', { extractValue: true });
	return check.id('Order ID', value, 'order_');
}
