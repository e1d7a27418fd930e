import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../operation';
import { RESOURCE_ACTIONS } from '../resourceActions';
import { getOperation } from './get';
import { getAllOperation } from './getAll';
import type { PlainResourceSpec } from './spec';
import { pluralOf } from './spec';

/** A plain resource as the node uses it: its Resource option, its fields and its operations. */
export interface PlainResource {
	option: INodePropertyOptions;
	description: INodeProperties[];
	operations: Record<string, Operation<unknown>>;
}

/**
 * Get and Get Many from the spec, plus the actions registered for the resource in
 * RESOURCE_ACTIONS, in one Operation list sorted by name.
 */
export function plainResource(spec: PlainResourceSpec): PlainResource {
	const { record } = spec;
	const reads: Array<{ option: INodePropertyOptions; operation: Operation<unknown> }> = [];
	if (spec.get !== false) {
		reads.push({
			option: {
				name: 'Get',
				value: 'get',
				action: `Get ${record.noun}`,
				description: `Retrieve ${record.noun} by ID`,
			},
			operation: getOperation(spec) as Operation<unknown>,
		});
	}
	reads.push({
		option: {
			name: 'Get Many',
			value: 'getAll',
			action: `Get many ${pluralOf(record)}`,
			description: spec.listDescription,
		},
		operation: getAllOperation(spec) as Operation<unknown>,
	});
	const all = [...reads, ...(spec.actions ?? []), ...(RESOURCE_ACTIONS[record.resource] ?? [])];
	const options = all.map((entry) => entry.option).sort((a, b) => a.name.localeCompare(b.name));
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [record.resource] } },
		options,
		default: String(reads[0].option.value),
	};
	return {
		option: { name: record.displayName, value: record.resource },
		description: [operationProperty, ...all.flatMap((entry) => entry.operation.description)],
		operations: Object.fromEntries(
			all.map((entry) => [String(entry.option.value), entry.operation]),
		),
	};
}
