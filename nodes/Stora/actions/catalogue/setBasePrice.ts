import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RecordKind } from '../../descriptions/records';
import { readRecordId, recordLocator } from '../../descriptions/records';
import { InputChecker } from '../../helpers/validation';
import { billingPeriodField } from '../order/fields';
import type { Operation } from '../operation';
import type { PreparedAction } from '../recordPost';
import { NO_STAMP, actionOptions, postAction, prepareAction } from '../recordPost';

const BILLING_PERIODS = (billingPeriodField.options ?? []).map((option) =>
	String((option as { value: string }).value),
);

const pricesField = (record: RecordKind): INodeProperties => ({
	displayName: 'Prices',
	name: 'prices',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Price',
	description: `The new base price of the ${record.displayName.toLowerCase()} for each billing period to change; periods not listed keep their price`,
	options: [
		{
			displayName: 'Price',
			name: 'price',
			values: [
				{
					...billingPeriodField,
					description: 'The billing period this price is for; each period at most once',
				},
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 0 },
					default: 0,
					description: 'In minor units of the site’s currency, as a whole number: 4999 for £49.99',
				},
			],
		},
	],
});

interface PriceEntry {
	billingPeriod?: unknown;
	amount?: unknown;
}

/** `{ "<period>": { "amount": <int> } }`: each period once, amounts whole minor units of 0 or more. */
function pricesBody(check: InputChecker, raw: unknown): IDataObject {
	const entries = ((raw as { price?: PriceEntry[] } | undefined)?.price ?? []) as PriceEntry[];
	if (entries.length === 0) {
		check.fail('Prices', raw ?? {}, 'Add at least one price: a billing period and its amount.');
	}
	const body: IDataObject = {};
	entries.forEach((entry, index) => {
		const period = check.oneOf(
			`Billing Period of price ${index + 1}`,
			entry.billingPeriod,
			BILLING_PERIODS,
		);
		if (body[period] !== undefined) {
			check.fail(
				`Billing Period of price ${index + 1}`,
				period,
				`Each billing period may have one price; ${period} is listed twice.`,
			);
		}
		const amount =
			typeof entry.amount === 'string' && entry.amount.trim() !== ''
				? Number(entry.amount)
				: entry.amount;
		if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) {
			check.fail(
				`Amount (${period})`,
				entry.amount,
				'An amount is in minor units: a whole number of 0 or more, e.g. 4999 for 49.99.',
			);
		}
		body[period] = { amount };
	});
	return body;
}

/**
 * Set Base Price of a unit type, protection level or product: `POST /<records>/{id}/base_price`,
 * answered with the record and its new prices.
 */
export function setBasePrice(record: RecordKind): Operation<PreparedAction> {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [record.resource], operation: ['setBasePrice'] } },
			[
				recordLocator(record),
				pricesField(record),
				actionOptions('price change', 'price', 'set the same prices again'),
			],
		),
		keySpace: 'base_price',
		prepare(this: IExecuteFunctions, itemIndex: number) {
			const check = new InputChecker(this, itemIndex);
			const id = readRecordId(this, check, record);
			const body = pricesBody(check, this.getNodeParameter('prices', itemIndex, {}));
			return prepareAction(this, check, 'base_price', `${record.path}/${id}/base_price`, body);
		},
		async execute(this: IExecuteFunctions, prepared: PreparedAction, itemIndex: number) {
			return await postAction(this, prepared, itemIndex, {
				key: record.single,
				madeAt: NO_STAMP,
			});
		},
	};
}
