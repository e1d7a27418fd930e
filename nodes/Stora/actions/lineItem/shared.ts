import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { resourceLocator } from '../../descriptions/common';
import { changeDraft } from '../../helpers/draft';
import { readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import type { InputChecker } from '../../helpers/validation';
import type { StoraRequest } from '../../transport';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';

/** Expand on a line item: what it books, in full. */
export const ITEM_EXPAND: INodePropertyOptions[] = [
	{
		name: 'Item',
		value: 'item',
		description: 'The full unit type, protection level or product instead of only its ID',
	},
];

export const draftNotice: INodeProperties = {
	displayName:
		'Stora changes line items only while their order is a <b>draft</b>. On a finalized order the node says it is no longer a draft.',
	name: 'lineItemDraftNotice',
	type: 'notice',
	default: '',
};

export const lineItemIdLocator = resourceLocator({
	displayName: 'Line Item',
	name: 'lineItemId',
	noun: 'a line item',
	searchListMethod: 'searchLineItems',
	prefix: 'olitm_',
	example: 'olitm_1001cbd3d5fec937',
	description:
		'The line item of the order: pick one of the order’s line items, or give its ID (olitm_…), e.g. from Line Item → Get Many',
});

export const lineItemsPath = (orderId: string) => `/orders/${orderId}/line_items`;

/** What Update and Delete need from an item: the order, its line item and the options. */
export interface LineItemTarget {
	orderId: string;
	lineItemId: string;
	expand: string[];
	retry: RetrySettings;
}

export function readLineItemTarget(ctx: IExecuteFunctions, check: InputChecker): LineItemTarget {
	const orderId = readOrderId(ctx, check);
	const lineItemId = ctx.getNodeParameter('lineItemId', check.itemIndex, '', {
		extractValue: true,
	});
	const { expand, retry } = readOptions(ctx, check.itemIndex);
	return {
		orderId,
		lineItemId: check.id('Line Item ID', lineItemId, 'olitm_'),
		expand,
		retry,
	};
}

/**
 * Sends a change to an order's line items, which Stora allows only on drafts: a refusal on an
 * order that is no longer a draft says so (see `changeDraft`).
 */
export async function changeLineItem(
	ctx: IExecuteFunctions,
	orderId: string,
	call: { itemIndex: number; retry: RetrySettings },
	request: StoraRequest,
): Promise<IDataObject> {
	return await changeDraft(
		ctx,
		orderId,
		call,
		async () => await storaApiRequest.call(ctx, request, call),
	);
}
