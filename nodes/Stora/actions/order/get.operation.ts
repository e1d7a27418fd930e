import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, orderIdLocator, simplifyFields } from '../../descriptions/common';
import { expandQuery } from '../../helpers/options';
import type { OrderRead } from '../../helpers/orderId';
import { prepareOrderRead } from '../../helpers/orderId';
import { orderOutput, wantsSimplified } from '../../helpers/simplify';
import { storaApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	[orderIdLocator, ...simplifyFields, optionsCollection()],
);

interface PreparedGet extends OrderRead {
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedGet {
	return { ...prepareOrderRead.call(this, itemIndex), simplify: wantsSimplified(this, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	{ orderId, expand, retry, simplify }: PreparedGet,
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
	return orderOutput(body.order as IDataObject, simplify);
}
