import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, orderIdLocator } from '../../descriptions/common';
import { InputChecker } from '../../helpers/validation';
import type { LineItemTarget } from './shared';
import {
	changeLineItem,
	draftNotice,
	lineItemIdLocator,
	lineItemsPath,
	readLineItemTarget,
} from './shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['lineItem'], operation: ['delete'] } },
	[draftNotice, orderIdLocator, lineItemIdLocator, optionsCollection([], false)],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): LineItemTarget {
	return readLineItemTarget(this, new InputChecker(this, itemIndex));
}

/**
 * Outputs `{ deleted: true, id }`, n8n's convention. Any 2xx JSON answer is a deletion: Stora
 * documents a `success` object, but it is not required (no `expect`), since a 2xx without it
 * still means Stora deleted the line item, and a retry would only find it missing. When an
 * earlier attempt's answer was lost, the transport reads the retry's 404 as that deletion.
 */
export async function execute(
	this: IExecuteFunctions,
	{ orderId, lineItemId, retry }: LineItemTarget,
	itemIndex: number,
): Promise<IDataObject> {
	await changeLineItem(
		this,
		orderId,
		{ itemIndex, retry },
		{
			method: 'DELETE',
			path: `${lineItemsPath(orderId)}/${lineItemId}`,
		},
	);
	return { deleted: true, id: lineItemId };
}
