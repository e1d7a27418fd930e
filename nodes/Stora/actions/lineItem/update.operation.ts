import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, orderIdLocator } from '../../descriptions/common';
import { expandQuery } from '../../helpers/options';
import { InputChecker } from '../../helpers/validation';
import type { LineItemTarget } from './shared';
import {
	changeLineItem,
	draftNotice,
	ITEM_EXPAND,
	lineItemIdLocator,
	lineItemsPath,
	readLineItemTarget,
} from './shared';

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description:
		'What to change: the quantity, the price, or both. Stora changes nothing else on a line item; to book another item, delete this one and create a new one.',
	options: [
		{
			displayName: 'Price (Minor Units)',
			name: 'price',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description: 'The new price of one item, in the smallest currency unit: 1999 is £19.99',
		},
		{
			displayName: 'Quantity',
			name: 'quantity',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description: 'The new quantity, a whole number of 1 or more',
		},
	],
};

export const description = updateDisplayOptions(
	{ show: { resource: ['lineItem'], operation: ['update'] } },
	[
		draftNotice,
		orderIdLocator,
		lineItemIdLocator,
		updateFields,
		optionsCollection([], ITEM_EXPAND),
	],
);

interface PreparedUpdate extends LineItemTarget {
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedUpdate {
	const check = new InputChecker(this, itemIndex);
	const target = readLineItemTarget(this, check);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.quantity !== undefined) body.quantity = check.integer('Quantity', fields.quantity, 1);
	if (fields.price !== undefined) body.price = { amount: check.integer('Price', fields.price, 0) };
	if (Object.keys(body).length === 0) {
		check.fail(
			'Update Fields',
			fields,
			'Nothing to update: add Quantity or Price (Minor Units) under Update Fields.',
		);
	}
	return { ...target, body };
}

export async function execute(
	this: IExecuteFunctions,
	{ orderId, lineItemId, body, expand, retry }: PreparedUpdate,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await changeLineItem(
		this,
		orderId,
		{ itemIndex, retry },
		{
			method: 'PATCH',
			path: `${lineItemsPath(orderId)}/${lineItemId}`,
			qs: expandQuery(expand),
			body,
			expect: { line_item: 'object' },
		},
	);
	return response.line_item as IDataObject;
}
