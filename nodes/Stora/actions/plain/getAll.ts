import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllFields, simplifyFields } from '../../descriptions/common';
import { readLimit, readOptions } from '../../helpers/options';
import { wantsSimplified } from '../../helpers/simplify';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequestAllItems } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import type { Operation } from '../operation';
import type { ListFilter } from './filters';
import { additionalQueryFilter } from './filters';
import type { PlainResourceSpec } from './spec';
import { outputOf, pluralOf } from './spec';

interface PreparedList {
	qs: IDataObject;
	limit?: number;
	retry: RetrySettings;
	simplify: boolean;
}

function filtersOf(spec: PlainResourceSpec): ListFilter[] {
	const filters = [...(spec.filters ?? [])];
	if (spec.additionalQuery) filters.push(additionalQueryFilter(pluralOf(spec.record)));
	return filters;
}

function propertiesOf(spec: PlainResourceSpec, filters: ListFilter[]): INodeProperties[] {
	const notice: INodeProperties[] = spec.notice
		? [{ displayName: spec.notice, name: 'notice', type: 'notice', default: '' }]
		: [];
	const filterCollection: INodeProperties[] =
		filters.length > 0
			? [
					{
						displayName: 'Filters',
						name: 'filters',
						type: 'collection',
						placeholder: 'Add Filter',
						default: {},
						options: filters.map((filter) => filter.property),
					},
				]
			: [];
	return [
		...notice,
		...returnAllFields,
		...filterCollection,
		...(spec.simplify ? simplifyFields : []),
		optionsCollection([], false),
	];
}

/**
 * Get Many: the list paged by page number (Stora documents no created range for these lists,
 * so the created_at cursor orders and contacts use would be a guessed filter), each record once,
 * and no sort parameter: Stora's default order.
 */
export function getAllOperation(spec: PlainResourceSpec): Operation<PreparedList> {
	const { record } = spec;
	const filters = filtersOf(spec);
	return {
		description: updateDisplayOptions(
			{ show: { resource: [record.resource], operation: ['getAll'] } },
			propertiesOf(spec, filters),
		),
		prepare(this: IExecuteFunctions, itemIndex: number): PreparedList {
			const check = new InputChecker(this, itemIndex);
			const limit = readLimit(this, check);
			const chosen =
				filters.length > 0 ? (this.getNodeParameter('filters', itemIndex, {}) as IDataObject) : {};
			const qs = Object.assign({}, ...filters.map((filter) => filter.query(check, chosen)));
			return {
				qs,
				limit,
				retry: readOptions(this, itemIndex).retry,
				simplify: wantsSimplified(this, itemIndex),
			};
		},
		async execute(this: IExecuteFunctions, { qs, limit, retry, simplify }, itemIndex) {
			const records = await storaApiRequestAllItems.call(
				this,
				{ path: record.path, property: record.list, qs, limit },
				{ itemIndex, retry },
			);
			return records.map((found) => outputOf(spec, found, simplify));
		},
	};
}
