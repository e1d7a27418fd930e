import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { IdempotencyKey } from '../../helpers/idempotency';
import { storaApiRequestAllItems } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import { lineItemsPath } from './shared';

/** Options → If Replayed Line Item Is Gone. */
export const replayedGoneOption: INodeProperties = {
	displayName: 'If Replayed Line Item Is Gone',
	name: 'ifReplayedGone',
	type: 'options',
	options: [
		{
			name: 'Fail',
			value: 'fail',
			description: 'Stop with an error that says the line item was deleted since',
		},
		{
			name: 'Add It Again',
			value: 'addAgain',
			description: 'Add the line item again, under a new key derived from this one',
		},
	],
	default: 'fail',
	description:
		'What to do when this item was sent before (the same key within 24 hours), so Stora answers with the line item it added then, and that line item is no longer on the order (someone deleted it)',
};

export type IfReplayedGone = 'fail' | 'addAgain';

/** Whether the order still has the line item: an order's line items are few, so all are read. */
export async function stillOnOrder(
	ctx: IExecuteFunctions,
	orderId: string,
	lineItemId: string,
	call: { itemIndex: number; retry: RetrySettings },
): Promise<boolean> {
	const lines = await storaApiRequestAllItems.call(
		ctx,
		{ path: lineItemsPath(orderId), property: 'line_items', qs: {} },
		call,
	);
	return lines.some((line) => line.id === lineItemId);
}

/**
 * The key that adds a deleted line item again: derived from the old key and the deleted line
 * item, so a re-run adds it once more at most (Stora replays this key's answer in turn).
 */
export function keyToAddAgain(key: IdempotencyKey, deletedId: string): IdempotencyKey {
	const hash = createHash('sha256')
		.update(`${key.header}\nadded again after ${deletedId}`)
		.digest('hex');
	const header = `n8n-line_item-${hash.slice(0, 32)}`;
	return { header, typed: header, fromUser: false };
}

export function deletedSinceError(
	ctx: IExecuteFunctions,
	line: IDataObject,
	orderId: string,
	key: IdempotencyKey,
	itemIndex: number,
): NodeOperationError {
	const added = typeof line.created_at === 'string' ? ` on ${line.created_at}` : '';
	const error = new NodeOperationError(
		ctx.getNode(),
		`Line item ${String(line.id)} was deleted from order ${orderId} since an earlier run added it`,
		{
			description: [
				`This item was sent before with idempotency key ${key.typed}, so Stora answered with its stored answer: the line item an earlier run added${added}. The order no longer has it: it was deleted since, and nothing was added now.`,
				'To add it again, set a new key in Options → Idempotency Key (e.g. {{ $now.toISO() }} for every run, or your own reference), or set Options → If Replayed Line Item Is Gone → Add It Again.',
			].join('\n'),
			itemIndex,
		},
	);
	Object.assign(error.context, { idempotencyKey: key.typed });
	return error;
}
