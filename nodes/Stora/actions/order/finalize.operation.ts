import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	cancelRedirectUrlField,
	idempotencyKeyOption,
	optionsCollection,
	orderIdLocator,
} from '../../descriptions/common';
import { idempotencyKeyFor } from '../../helpers/idempotency';
import { expandQuery, readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';

interface Prepared {
	orderId: string;
	body: IDataObject;
	expand: string[];
	retry: RetrySettings;
	idempotencyKey: string;
}

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['finalize'] } },
	[
		{
			displayName:
				'Finalizing locks the order and returns its <code>payment_url</code>: the hosted checkout page to send the customer to. It cannot be undone.',
			name: 'finalizeNotice',
			type: 'notice',
			default: '',
		},
		orderIdLocator,
		cancelRedirectUrlField,
		optionsCollection([idempotencyKeyOption]),
	],
);

/** The `finalize` object of Finalize and of Create with "Finalize Immediately". */
export function finalizeObject(check: InputChecker, cancelRedirectUrl: string): IDataObject {
	return cancelRedirectUrl.trim() === ''
		? {}
		: { cancel_redirect_url: check.httpUrl('Cancel Redirect URL', cancelRedirectUrl) };
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const check = new InputChecker(this, itemIndex);
	const { expand, retry, idempotencyKey } = readOptions(this, itemIndex);
	const cancelRedirectUrl = this.getNodeParameter('cancelRedirectUrl', itemIndex, '') as string;
	return {
		orderId: readOrderId(this, check),
		body: { finalize: finalizeObject(check, cancelRedirectUrl) },
		expand,
		retry,
		idempotencyKey: idempotencyKeyFor(this, 'finalize', itemIndex, idempotencyKey),
	};
}

export async function execute(
	this: IExecuteFunctions,
	{ orderId, body, expand, retry, idempotencyKey }: Prepared,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await storaApiRequest.call(
		this,
		{
			method: 'POST',
			path: `/orders/${orderId}/finalize`,
			qs: expandQuery(expand),
			body,
			idempotencyKey,
		},
		{ itemIndex, retry },
	);
	return response.order as IDataObject;
}
