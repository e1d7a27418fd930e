import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	idempotencyKeyOptionFor,
	optionsCollection,
	orderIdLocator,
} from '../../descriptions/common';
import { markEarlierRun } from '../../helpers/earlierRun';
import { changeDraft } from '../../helpers/draft';
import type { IdempotencyKey } from '../../helpers/idempotency';
import { readUserKey } from '../../helpers/idempotency';
import { expandQuery, readOptions } from '../../helpers/options';
import { readOrderId } from '../../helpers/orderId';
import { InputChecker } from '../../helpers/validation';
import { storaApiAnswer } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import type { FieldName, LineItemType } from '../order/create/lineItems';
import { lineItemFields, lineItemFromFields } from '../order/create/lineItems';
import type { PreparedPost } from '../operation';
import type { IfReplayedGone } from './replayed';
import { deletedSinceError, keyToAddAgain, replayedGoneOption, stillOnOrder } from './replayed';
import { draftNotice, ITEM_EXPAND, lineItemsPath } from './shared';

const DESCRIPTIONS: Record<string, string> = {
	type: 'What to add: the storage unit (unit type), protection cover, a product, or the security deposit of a unit type',
	quantity: 'How many, a whole number of 1 or more',
};

/** Order Create's line item fields, once; the pickers list the catalogue of the order's site. */
const fields = lineItemFields(['orderId.value']).map((field) =>
	DESCRIPTIONS[field.name] ? { ...field, description: DESCRIPTIONS[field.name] } : field,
);

const idempotencyKey = idempotencyKeyOptionFor(
	'line item',
	'line item',
	'add the same item to the same order again',
);

export const description = updateDisplayOptions(
	{ show: { resource: ['lineItem'], operation: ['create'] } },
	[
		draftNotice,
		orderIdLocator,
		...fields,
		optionsCollection([idempotencyKey, replayedGoneOption], ITEM_EXPAND),
	],
);

const ITEM_ID_NAMES: Record<LineItemType, string> = {
	unit_type: 'Unit Type ID',
	protection: 'Protection Level ID',
	product: 'Product ID',
	security_deposit: 'Unit Type ID',
};

/** Errors name the fields as the form shows them. */
const fieldName: FieldName = (part, type = 'unit_type') =>
	({ type: 'Type', quantity: 'Quantity', 'item ID': ITEM_ID_NAMES[type], price: 'Price' })[part];

interface PreparedCreate extends PreparedPost {
	orderId: string;
	expand: string[];
	retry: RetrySettings;
	ifReplayedGone: IfReplayedGone;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCreate {
	const check = new InputChecker(this, itemIndex);
	const orderId = readOrderId(this, check);
	const entry: IDataObject = {};
	for (const field of fields) {
		entry[field.name] = this.getNodeParameter(
			field.name,
			itemIndex,
			field.default,
		) as IDataObject[string];
	}
	const body = lineItemFromFields(check, entry, fieldName);
	const { expand, retry, options } = readOptions(this, itemIndex);
	const userKey = readUserKey(check, 'line_item', options.idempotencyKey);
	const ifReplayedGone = check.oneOf<IfReplayedGone>(
		'If Replayed Line Item Is Gone',
		options.ifReplayedGone ?? 'fail',
		['fail', 'addAgain'],
	);
	return {
		post: { path: lineItemsPath(orderId), body, userKey },
		orderId,
		expand,
		retry,
		ifReplayedGone,
	};
}

/** A chain of line items added and deleted again is followed this far at most. */
const MAX_ADDED_AGAIN = 10;

/**
 * One POST under the key the router gave it. A replay of an earlier run's answer is checked
 * against the order: a line item still on it is output flagged `fromEarlierRun`; one deleted
 * since fails the item, or, when the user chose so, is added again under a key derived from the
 * old one.
 */
export async function execute(
	this: IExecuteFunctions,
	{ post, orderId, expand, retry, ifReplayedGone }: PreparedCreate,
	itemIndex: number,
): Promise<IDataObject> {
	const call = { itemIndex, retry };
	let key = post.key as IdempotencyKey;
	for (let addedAgain = 0; ; addedAgain++) {
		const idempotency = key;
		const { body, fromEarlierRun } = await changeDraft(
			this,
			orderId,
			call,
			async () =>
				await storaApiAnswer.call(
					this,
					{
						method: 'POST',
						path: post.path,
						qs: expandQuery(expand),
						body: post.body,
						idempotency,
						expect: { line_item: 'object' },
					},
					call,
				),
		);
		const line = body.line_item as IDataObject;
		if (!fromEarlierRun) return line;
		if (await stillOnOrder(this, orderId, String(line.id), call)) return markEarlierRun(line);
		if (ifReplayedGone !== 'addAgain' || addedAgain >= MAX_ADDED_AGAIN) {
			throw deletedSinceError(this, line, orderId, key, itemIndex);
		}
		key = keyToAddAgain(key, String(line.id));
	}
}

export const keySpace = 'line_item';
