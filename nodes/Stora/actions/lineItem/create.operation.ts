import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	idempotencyKeyOptionFor,
	optionsCollection,
	orderIdLocator,
} from '../../descriptions/common';
import { readUserKey } from '../../helpers/idempotency';
import { expandQuery, readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import { InputChecker } from '../../helpers/validation';
import type { RetrySettings } from '../../transport/retryPolicy';
import type { FieldName, LineItemType } from '../order/create/lineItems';
import { lineItemFields, lineItemFromFields } from '../order/create/lineItems';
import type { PreparedPost } from '../operation';
import { changeLineItem, draftNotice, ITEM_EXPAND, lineItemsPath } from './shared';

const DESCRIPTIONS: Record<string, string> = {
	type: 'What to add: the storage unit (unit type), protection cover, a product, or the security deposit of a unit type',
	quantity: 'How many, a whole number of 1 or more',
};

/** Order Create's line item fields, once; the pickers list the catalogue of the order's site. */
const fields = lineItemFields(['orderId.value']).map((field) =>
	DESCRIPTIONS[field.name] ? { ...field, description: DESCRIPTIONS[field.name] } : field,
);

const idempotencyKey = idempotencyKeyOptionFor(
	'line item',
	'line item',
	'add the same item to the same order again',
);

export const description = updateDisplayOptions(
	{ show: { resource: ['lineItem'], operation: ['create'] } },
	[draftNotice, orderIdLocator, ...fields, optionsCollection([idempotencyKey], ITEM_EXPAND)],
);

const ITEM_ID_NAMES: Record<LineItemType, string> = {
	unit_type: 'Unit Type ID',
	protection: 'Protection Level ID',
	product: 'Product ID',
	security_deposit: 'Unit Type ID',
};

/** Errors name the fields as the form shows them. */
const fieldName: FieldName = (part, type = 'unit_type') =>
	({ type: 'Type', quantity: 'Quantity', 'item ID': ITEM_ID_NAMES[type], price: 'Price' })[part];

interface PreparedCreate extends PreparedPost {
	orderId: string;
	expand: string[];
	retry: RetrySettings;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCreate {
	const check = new InputChecker(this, itemIndex);
	const orderId = readOrderId(this, check);
	const entry: IDataObject = {};
	for (const field of fields) {
		entry[field.name] = this.getNodeParameter(
			field.name,
			itemIndex,
			field.default,
		) as IDataObject[string];
	}
	const body = lineItemFromFields(check, entry, fieldName);
	const { expand, retry, options } = readOptions(this, itemIndex);
	const userKey = readUserKey(check, 'line_item', options.idempotencyKey);
	return { post: { path: lineItemsPath(orderId), body, userKey }, orderId, expand, retry };
}

export async function execute(
	this: IExecuteFunctions,
	{ post, orderId, expand, retry }: PreparedCreate,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await changeLineItem(
		this,
		orderId,
		{ itemIndex, retry },
		{
			method: 'POST',
			path: post.path,
			qs: expandQuery(expand),
			body: post.body,
			idempotency: post.key,
			expect: { line_item: 'object' },
		},
	);
	return response.line_item as IDataObject;
}

export const keySpace = 'line_item';
