import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	cancelRedirectUrlField,
	idempotencyKeyOption,
	optionsCollection,
	orderIdLocator,
	simplifyFields,
} from '../../descriptions/common';
import { findEarlierField, wantsFindEarlier } from '../../helpers/findEarlier';
import { readUserKey } from '../../helpers/idempotency';
import { readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import { wantsSimplified } from '../../helpers/simplify';
import { InputChecker } from '../../helpers/validation';
import { finalizeOnce } from './earlierOrder';
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
		findEarlierField(
			'Return Order If Already Finalized',
			'Whether to get the order first and, when it is already finalized (by an earlier run, or in BackOffice), return it with its payment URL (marked fromEarlierRun) instead of sending a Finalize, which Stora refuses once the order is no longer a draft',
			'Finalize',
		),
		optionsCollection([idempotencyKeyOption]),
	],
);

/** The `finalize` object of Finalize and of Create with "Finalize Immediately". */
export function finalizeObject(check: InputChecker, cancelRedirectUrl: string): IDataObject {
	return cancelRedirectUrl.trim() === ''
		? {}
		: { cancel_redirect_url: check.httpUrl('Cancel Redirect URL', cancelRedirectUrl) };
}

interface PreparedFinalize extends PreparedOrderPost {
	orderId: string;
	findEarlier: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedFinalize {
	const check = new InputChecker(this, itemIndex);
	const { expand, retry, options } = readOptions(this, itemIndex);
	const cancelRedirectUrl = this.getNodeParameter('cancelRedirectUrl', itemIndex, '') as string;
	const orderId = readOrderId(this, check);
	const post = {
		path: `/orders/${orderId}/finalize`,
		body: { finalize: finalizeObject(check, cancelRedirectUrl) },
		userKey: readUserKey(check, 'finalize', options.idempotencyKey),
	};
	return {
		post,
		expand,
		retry,
		simplify: wantsSimplified(this, itemIndex),
		orderId,
		findEarlier: wantsFindEarlier(this, itemIndex),
	};
}

export async function execute(
	this: IExecuteFunctions,
	prepared: PreparedFinalize,
	itemIndex: number,
): Promise<IDataObject> {
	if (prepared.findEarlier) return await finalizeOnce.call(this, prepared, itemIndex);
	return await postOrder.call(this, prepared, itemIndex);
}
export const keySpace = 'finalize';
