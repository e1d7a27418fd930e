import type { IDataObject, IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, orderIdLocator } from '../../descriptions/common';
import { asNodeError } from '../../helpers/errors';
import { expandQuery } from '../../helpers/options';
import type { OrderRead } from '../../helpers/orderId';
import { prepareOrderRead } from '../../helpers/orderId';
import { storaApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['validate'] } },
	[
		{
			displayName:
				'Outputs <code>valid: true</code> with the order when it is ready to finalize, and <code>valid: false</code> with the problems Stora found when it is not, so an IF node can branch on <code>valid</code>',
			name: 'validateNotice',
			type: 'notice',
			default: '',
		},
		orderIdLocator,
		optionsCollection(),
	],
);

export const prepare = prepareOrderRead;

/** A 422 about the order's content means "not ready": an answer, not a failure. */
function isNotReady(error: NodeApiError | NodeOperationError): error is NodeApiError {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '422' &&
		error.context.storaCode !== 'invalid_url_param'
	);
}

export async function execute(
	this: IExecuteFunctions,
	{ orderId, expand, retry }: OrderRead,
	itemIndex: number,
): Promise<IDataObject> {
	try {
		const body = await storaApiRequest.call(
			this,
			{
				method: 'GET',
				path: `/orders/${orderId}/validate`,
				qs: expandQuery(expand),
				expect: { order: 'object' },
			},
			{ itemIndex, retry },
		);
		return { valid: true, order: body.order as IDataObject };
	} catch (caught) {
		const error = asNodeError(this, caught, itemIndex);
		if (!isNotReady(error)) throw error;
		const { problems, requestId, storaMessage } = error.context as {
			problems: IDataObject[];
			requestId?: string;
			storaMessage?: string;
		};
		return {
			valid: false,
			order_id: orderId,
			message: storaMessage ?? error.message,
			problems,
			request_id: requestId ?? null,
		};
	}
}
