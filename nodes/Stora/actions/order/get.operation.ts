import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, orderIdLocator } from '../../descriptions/common';
import { expandQuery } from '../../helpers/options';
import type { OrderRead } from '../../helpers/orderId';
import { prepareOrderRead } from '../../helpers/orderId';
import { storaApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	[orderIdLocator, optionsCollection()],
);

export const prepare = prepareOrderRead;

export async function execute(
	this: IExecuteFunctions,
	{ orderId, expand, retry }: OrderRead,
	itemIndex: number,
): Promise<IDataObject> {
	const body = await storaApiRequest.call(
		this,
		{
			method: 'GET',
			path: `/orders/${orderId}`,
			qs: expandQuery(expand),
			expect: { order: 'object' },
		},
		{ itemIndex, retry },
	);
	return body.order as IDataObject;
}
