import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, simplifyFields } from '../../descriptions/common';
import { readRecordId, recordLocator } from '../../descriptions/records';
import { readOptions } from '../../helpers/options';
import { wantsSimplified } from '../../helpers/simplify';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import type { Operation } from '../operation';
import type { PlainResourceSpec } from './spec';
import { outputOf } from './spec';

interface PreparedGet {
	id: string;
	retry: RetrySettings;
	simplify: boolean;
}

/** Get: one record by its picker's ID, the prefix checked before anything is sent. */
export function getOperation(spec: PlainResourceSpec): Operation<PreparedGet> {
	const { record } = spec;
	return {
		description: updateDisplayOptions(
			{ show: { resource: [record.resource], operation: ['get'] } },
			[
				recordLocator(record),
				...(spec.simplify ? simplifyFields : []),
				optionsCollection([], false),
			],
		),
		prepare(this: IExecuteFunctions, itemIndex: number): PreparedGet {
			const check = new InputChecker(this, itemIndex);
			return {
				id: readRecordId(this, check, record),
				retry: readOptions(this, itemIndex).retry,
				simplify: wantsSimplified(this, itemIndex),
			};
		},
		async execute(this: IExecuteFunctions, { id, retry, simplify }, itemIndex) {
			const body = await storaApiRequest.call(
				this,
				{ method: 'GET', path: `${record.path}/${id}`, expect: { [record.single]: 'object' } },
				{ itemIndex, retry },
			);
			return outputOf(spec, body[record.single] as IDataObject, simplify);
		},
	};
}
