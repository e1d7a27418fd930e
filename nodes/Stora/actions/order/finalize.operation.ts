import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	cancelRedirectUrlField,
	idempotencyKeyOption,
	optionsCollection,
	orderIdLocator,
	simplifyFields,
} from '../../descriptions/common';
import { readUserKey } from '../../helpers/idempotency';
import { readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import { wantsSimplified } from '../../helpers/simplify';
import { InputChecker } from '../../helpers/validation';
import type { PreparedOrderPost } from './postOrder';
import { postOrder } from './postOrder';

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
		...simplifyFields,
		optionsCollection([idempotencyKeyOption]),
	],
);

/** The `finalize` object of Finalize and of Create with "Finalize Immediately". */
export function finalizeObject(check: InputChecker, cancelRedirectUrl: string): IDataObject {
	return cancelRedirectUrl.trim() === ''
		? {}
		: { cancel_redirect_url: check.httpUrl('Cancel Redirect URL', cancelRedirectUrl) };
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedOrderPost {
	const check = new InputChecker(this, itemIndex);
	const { expand, retry, options } = readOptions(this, itemIndex);
	const cancelRedirectUrl = this.getNodeParameter('cancelRedirectUrl', itemIndex, '') as string;
	const post = {
		path: `/orders/${readOrderId(this, check)}/finalize`,
		body: { finalize: finalizeObject(check, cancelRedirectUrl) },
		userKey: readUserKey(check, 'finalize', options.idempotencyKey),
	};
	return { post, expand, retry, simplify: wantsSimplified(this, itemIndex) };
}

export const execute = postOrder;
export const keySpace = 'finalize';
