import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, orderIdLocator, returnAllFields } from '../../descriptions/common';
import { expandQuery, readLimit, readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequestAllItems } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import { ITEM_EXPAND, lineItemsPath } from './shared';

const properties: INodeProperties[] = [
	orderIdLocator,
	...returnAllFields,
	optionsCollection([], ITEM_EXPAND),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lineItem'], operation: ['getAll'] } },
	properties,
);

interface PreparedList {
	orderId: string;
	qs: IDataObject;
	limit?: number;
	retry: RetrySettings;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedList {
	const check = new InputChecker(this, itemIndex);
	const orderId = readOrderId(this, check);
	const limit = readLimit(this, check);
	const { expand, retry } = readOptions(this, itemIndex);
	return { orderId, qs: expandQuery(expand), limit, retry };
}

/** One output item per line item; page numbers, since an order's line items are few. */
export async function execute(
	this: IExecuteFunctions,
	{ orderId, qs, limit, retry }: PreparedList,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await storaApiRequestAllItems.call(
		this,
		{ path: lineItemsPath(orderId), property: 'line_items', qs, limit },
		{ itemIndex, retry },
	);
}
