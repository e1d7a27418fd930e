import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	cancelRedirectUrlField,
	idempotencyKeyOption,
	optionsCollection,
	orderIdLocator,
} from '../../descriptions/common';
import { readUserKey } from '../../helpers/idempotency';
import { expandQuery, readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import type { PreparedPost } from '../operation';

interface Prepared extends PreparedPost {
	expand: string[];
	retry: RetrySettings;
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
	const { expand, retry, options } = readOptions(this, itemIndex);
	const cancelRedirectUrl = this.getNodeParameter('cancelRedirectUrl', itemIndex, '') as string;
	const post = {
		path: `/orders/${readOrderId(this, check)}/finalize`,
		body: { finalize: finalizeObject(check, cancelRedirectUrl) },
		userKey: readUserKey(check, 'finalize', options.idempotencyKey),
	};
	return { post, expand, retry };
}

export async function execute(
	this: IExecuteFunctions,
	{ post, expand, retry }: Prepared,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await storaApiRequest.call(
		this,
		{
			method: 'POST',
			path: post.path,
			qs: expandQuery(expand),
			body: post.body,
			idempotency: post.key,
			expect: { order: 'object' },
		},
		{ itemIndex, retry },
	);
	return response.order as IDataObject;
}
