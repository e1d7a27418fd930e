import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idempotencyKeyOptionFor, optionsCollection } from '../descriptions/common';
import type { RecordKind } from '../descriptions/records';
import { locatorName } from '../descriptions/records';
import { markEarlierRun } from '../helpers/earlierRun';
import type { PostOperation } from '../helpers/idempotency';
import { readUserKey } from '../helpers/idempotency';
import { readOptions } from '../helpers/options';
import type { InputChecker } from '../helpers/validation';
import type { StoraRequest } from '../transport';
import { storaApiAnswer } from '../transport';
import type { RetrySettings } from '../transport/retryPolicy';
import type { PreparedPost } from './operation';

/**
 * The one POST path of the actions on records (reserve a unit, overlock a contact's units, set
 * base prices): prepared with its key option, sent under the key the router gave it.
 */
export interface PreparedAction extends PreparedPost {
	retry: RetrySettings;
}

/** Options of an action: its Idempotency Key, in the action's words, and the reliability knobs. */
export const actionOptions = (subject: string, record: string, repeat?: string): INodeProperties =>
	optionsCollection([idempotencyKeyOptionFor(subject, record, repeat)], false);

export function prepareAction(
	ctx: IExecuteFunctions,
	check: InputChecker,
	keySpace: PostOperation,
	path: string,
	body: IDataObject,
): PreparedAction {
	const { retry, options } = readOptions(ctx, check.itemIndex);
	return {
		post: { path, body, userKey: readUserKey(check, keySpace, options.idempotencyKey) },
		retry,
	};
}

/** How an action's answer is read: its object, the stamp of what the POST did, the output. */
export interface ActionAnswer {
	/** The object the answer must hold, e.g. `unit`. */
	key: string;
	madeAt?: StoraRequest['madeAt'];
	output?: (answer: IDataObject, body: IDataObject) => IDataObject;
}

/** Sends the action; its output is flagged `fromEarlierRun` when the answer is Stora's replay of an earlier run's. */
export async function postAction(
	ctx: IExecuteFunctions,
	{ post, retry }: PreparedAction,
	itemIndex: number,
	{ key, madeAt, output = (answer) => answer }: ActionAnswer,
): Promise<IDataObject> {
	const { body, fromEarlierRun } = await storaApiAnswer.call(
		ctx,
		{
			method: 'POST',
			path: post.path,
			body: post.body,
			idempotency: post.key,
			expect: { [key]: 'object' },
			madeAt,
		},
		{ itemIndex, retry },
	);
	const json = output(body[key] as IDataObject, body);
	return fromEarlierRun ? markEarlierRun(json) : json;
}

/** A record's picker value for an action that cannot go without it, checked before anything is sent. */
export function requiredRecordId(
	ctx: IExecuteFunctions,
	check: InputChecker,
	record: Pick<RecordKind, 'resource' | 'displayName' | 'noun' | 'prefix'>,
	why: string,
): string {
	const value = ctx.getNodeParameter(locatorName(record as RecordKind), check.itemIndex, '', {
		extractValue: true,
	});
	if (value === undefined || value === null || String(value).trim() === '') {
		check.fail(
			`${record.displayName} ID`,
			value ?? '',
			`${why}: pick ${record.noun} from the list, or give its ID (${record.prefix}…).`,
		);
	}
	return check.id(`${record.displayName} ID`, value, record.prefix);
}
