import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	optionsCollection,
	orderIdLocator,
	SINCE_VERSION_2,
	simplifyFields,
} from '../../descriptions/common';
import { changeDraft } from '../../helpers/draft';
import { metadataPatchOf } from '../../helpers/metadata';
import { expandQuery, readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import { orderOutput, wantsSimplified } from '../../helpers/simplify';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import {
	BILLING_PERIODS,
	billingPeriodField,
	orderDetailFields,
	orderDetailsBody,
	PAYMENT_METHODS,
	paymentMethodField,
	startImmediatelyField,
	startsAtField,
} from './fields';

const updateFields = (version: 1 | 2): INodeProperties => ({
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	displayOptions: { show: { '@version': version === 1 ? [1] : SINCE_VERSION_2 } },
	description: 'Only the fields added here are sent; everything else on the order stays as it is',
	options: [
		billingPeriodField,
		...orderDetailFields(version, true),
		paymentMethodField,
		{ ...startImmediatelyField, description: 'Whether the order starts as soon as it is paid' },
		startsAtField,
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
});

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['update'] } },
	[
		{
			displayName:
				'Stora changes only <b>draft</b> orders. A finalized order is refused, and the node says it is no longer a draft.',
			name: 'updateNotice',
			type: 'notice',
			default: '',
		},
		orderIdLocator,
		updateFields(1),
		updateFields(2),
		...simplifyFields,
		optionsCollection(),
	],
);

interface PreparedUpdate {
	orderId: string;
	body: IDataObject;
	expand: string[];
	retry: RetrySettings;
	simplify: boolean;
}

function startsAtOf(check: InputChecker, fields: IDataObject): string | undefined {
	const hasDate = fields.startsAt !== undefined && fields.startsAt !== '';
	if (fields.startImmediately === true) {
		if (hasDate) {
			check.fail(
				'Starts At',
				fields.startsAt,
				'Starts At and Start Immediately can’t both be set: remove one of them.',
			);
		}
		return 'now';
	}
	return hasDate ? check.dateTime('Starts At', fields.startsAt) : undefined;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedUpdate {
	const check = new InputChecker(this, itemIndex);
	const orderId = readOrderId(this, check);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = orderDetailsBody(check, fields);
	if (fields.billingPeriod !== undefined) {
		body.billing_period = check.oneOf('Billing Period', fields.billingPeriod, BILLING_PERIODS);
	}
	if (fields.paymentMethod !== undefined) {
		body.payment_method = check.oneOf('Payment Method', fields.paymentMethod, PAYMENT_METHODS);
	}
	const startsAt = startsAtOf(check, fields);
	if (startsAt !== undefined) body.starts_at = startsAt;
	const metadata = metadataPatchOf(check, fields);
	if (metadata) body.metadata = metadata;
	if (Object.keys(body).length === 0) {
		check.fail(
			'Update Fields',
			fields,
			'Nothing to update: add at least one field under Update Fields.',
		);
	}
	const { expand, retry } = readOptions(this, itemIndex);
	return { orderId, body, expand, retry, simplify: wantsSimplified(this, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	{ orderId, body, expand, retry, simplify }: PreparedUpdate,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await changeDraft(
		this,
		orderId,
		{ itemIndex, retry },
		async () =>
			await storaApiRequest.call(
				this,
				{
					method: 'PATCH',
					path: `/orders/${orderId}`,
					qs: expandQuery(expand),
					body,
					expect: { order: 'object' },
				},
				{ itemIndex, retry },
			),
	);
	return orderOutput(response.order as IDataObject, simplify);
}
