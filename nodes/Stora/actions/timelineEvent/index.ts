import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { recordLocator } from '../../descriptions/records';
import { recordUpdate } from '../crm/update';
import type { Operation } from '../operation';
import type { PlainResource } from '../plain/plainResource';
import { create } from './create.operation';
import { eventFieldOptions, eventFieldsBody, pairsOf } from './fields';

const record = CRM_RECORDS.timelineEvent;

/** By ID only: Stora lists no events to pick from. */
const eventLocator: INodeProperties = (() => {
	const locator = recordLocator(record, {
		description: 'The event’s ID (aevt_…), e.g. from the output of the Create that made it',
	});
	return {
		...locator,
		default: { mode: 'id', value: '' },
		modes: (locator.modes ?? []).filter((mode) => mode.name === 'id'),
	};
})();

const update = recordUpdate({
	record,
	locator: eventLocator,
	about: 'Variables are sent as given; Stora’s docs do not say whether those left out are kept.',
	fields: eventFieldOptions(true),
	body(check, fields) {
		const variables = pairsOf(check, fields, 'Variable');
		const body: IDataObject = eventFieldsBody(check, fields);
		if (Object.keys(variables).length > 0) body.variables = variables;
		return body;
	},
});

const operations: Record<string, Operation<unknown>> = { create, update };

/** Events are written only: Stora documents no list or show of them. */
export const timelineEvent: PlainResource = {
	option: { name: record.displayName, value: record.resource },
	description: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [record.resource] } },
			options: [
				{
					name: 'Create',
					value: 'create',
					action: 'Create a timeline event',
					description:
						'Show something from another tool (a call, an email) on a contact’s timeline',
				},
				{
					name: 'Update',
					value: 'update',
					action: 'Update a timeline event',
					description: 'Change an event’s description, link, site or variables',
				},
			],
			default: 'create',
		},
		...create.description,
		...update.description,
	],
	operations,
};
