import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, orderIdLocator } from '../../descriptions/common';
import { expandQuery, readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';

interface Prepared {
	orderId: string;
	expand: string[];
	retry: RetrySettings;
}

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	[orderIdLocator, optionsCollection()],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const check = new InputChecker(this, itemIndex);
	const { expand, retry } = readOptions(this, itemIndex);
	return { orderId: readOrderId(this, check), expand, retry };
}

export async function execute(
	this: IExecuteFunctions,
	{ orderId, expand, retry }: Prepared,
	itemIndex: number,
): Promise<IDataObject> {
	const body = await storaApiRequest.call(
		this,
		{ method: 'GET', path: `/orders/${orderId}`, qs: expandQuery(expand) },
		{ itemIndex, retry },
	);
	return body.order as IDataObject;
}
