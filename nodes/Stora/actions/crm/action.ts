import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RecordKind } from '../../descriptions/records';
import { readRecordId, recordLocator } from '../../descriptions/records';
import type { PostOperation } from '../../helpers/idempotency';
import { InputChecker } from '../../helpers/validation';
import type { Operation } from '../operation';
import type { PreparedAction } from '../recordPost';
import { actionOptions, postAction, prepareAction } from '../recordPost';

interface ActionSpec {
	record: RecordKind;
	/** The operation's value, e.g. `win`. */
	operation: string;
	/** The path after the record's, e.g. `win`, or `open` for a task's Reopen. */
	suffix: string;
	keySpace: PostOperation;
	/** What the Idempotency Key option calls one POST, e.g. "win of the deal". */
	subject: string;
	/** The record's picker, when not the plain `recordLocator`. */
	locator?: INodeProperties;
	fields?: INodeProperties[];
	/** The body from the fields, each checked; `{}` when the action takes none. */
	body?(ctx: IExecuteFunctions, check: InputChecker): IDataObject;
}

/**
 * A POST on one record (win, lose, reopen): idempotent under its own key space, and its answer
 * flagged `fromEarlierRun` when the record's `updated_at` predates this run's first sending.
 */
export function recordAction(spec: ActionSpec): Operation<PreparedAction> {
	const { record } = spec;
	return {
		keySpace: spec.keySpace,
		description: updateDisplayOptions(
			{ show: { resource: [record.resource], operation: [spec.operation] } },
			[
				spec.locator ?? recordLocator(record),
				...(spec.fields ?? []),
				actionOptions(spec.subject, spec.subject),
			],
		),
		prepare(this: IExecuteFunctions, itemIndex: number): PreparedAction {
			const check = new InputChecker(this, itemIndex);
			const id = readRecordId(this, check, record);
			const body = spec.body ? spec.body(this, check) : {};
			return prepareAction(this, check, spec.keySpace, `${record.path}/${id}/${spec.suffix}`, body);
		},
		async execute(this: IExecuteFunctions, prepared, itemIndex) {
			return await postAction(this, prepared, itemIndex, {
				key: record.single,
				madeAt: 'updated_at',
			});
		},
	};
}
