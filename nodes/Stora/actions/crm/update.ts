import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import type { RecordKind } from '../../descriptions/records';
import { readRecordId } from '../../descriptions/records';
import { readOptions } from '../../helpers/options';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import type { Operation } from '../operation';

interface UpdateSpec {
	record: RecordKind;
	/** The record's picker (By ID only where Stora has no list). */
	locator: INodeProperties;
	/** What Update Fields says above its fields. */
	about: string;
	fields: INodeProperties[];
	/** The PATCH body from Update Fields, each field checked; only what the user set. */
	body(check: InputChecker, fields: IDataObject): IDataObject;
}

interface PreparedUpdate {
	id: string;
	body: IDataObject;
	retry: RetrySettings;
}

/** Update: `PATCH <path>/{id}` with only the fields given, refused before sending when none is. */
export function recordUpdate(spec: UpdateSpec): Operation<PreparedUpdate> {
	const { record } = spec;
	return {
		description: updateDisplayOptions(
			{ show: { resource: [record.resource], operation: ['update'] } },
			[
				spec.locator,
				{
					displayName: 'Update Fields',
					name: 'updateFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					description: `${spec.about} Only the fields added here are sent; everything else on the ${record.displayName.toLowerCase()} stays as it is`,
					options: spec.fields,
				},
				optionsCollection([], false),
			],
		),
		prepare(this: IExecuteFunctions, itemIndex: number): PreparedUpdate {
			const check = new InputChecker(this, itemIndex);
			const id = readRecordId(this, check, record);
			const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
			const body = spec.body(check, fields);
			if (Object.keys(body).length === 0) {
				check.fail(
					'Update Fields',
					fields,
					'Nothing to update: add at least one field under Update Fields (a blank text field is not sent).',
				);
			}
			return { id, body, retry: readOptions(this, itemIndex).retry };
		},
		async execute(this: IExecuteFunctions, { id, body, retry }, itemIndex) {
			const answer = await storaApiRequest.call(
				this,
				{
					method: 'PATCH',
					path: `${record.path}/${id}`,
					body,
					expect: { [record.single]: 'object' },
				},
				{ itemIndex, retry },
			);
			return answer[record.single] as IDataObject;
		},
	};
}
