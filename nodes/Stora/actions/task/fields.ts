import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { metadataFields } from '../../descriptions/common';
import { RECORDS } from '../../descriptions/records';
import { metadataOf, metadataPatchOf } from '../../helpers/metadata';
import type { InputChecker } from '../../helpers/validation';
import {
	assigneeField,
	assigneeRef,
	clearable,
	definedEntries,
	nested,
	optionalRef,
	optionalText,
	resourceId,
	removeSwitch,
	resourceIdField,
	siteLocator,
} from '../crm/fields';

export const titleField: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	placeholder: 'e.g. Call Jane Roe back about a 50 sq ft unit',
	description: 'What is to be done, as Stora’s task list shows it',
};

/** A task's optional fields, shared by Create and Update, sorted by name. */
export function taskFieldOptions(update: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		assigneeField('the task'),
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'More about the task (Stora may show HTML in it)',
		},
		{
			displayName: 'Due At',
			name: 'dueAt',
			type: 'dateTime',
			default: '',
			description:
				'When the task is due, e.g. 2025-03-04T09:00:00 (read in the workflow’s time zone when it has none), or {{ $now.plus(1, "day") }}',
		},
		resourceIdField('the task'),
		siteLocator('the task'),
		...metadataFields('task', update),
	];
	if (update) {
		fields.push(
			{ ...titleField, description: 'The task’s new title' },
			removeSwitch('Remove Description', 'removeDescription', 'the task’s description'),
		);
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function taskFieldsBody(
	check: InputChecker,
	fields: IDataObject,
	update: boolean,
): IDataObject {
	const description = optionalText(fields.description);
	const resource = optionalText(fields.resourceId);
	const given: IDataObject = {
		description: update
			? clearable(check, fields, 'removeDescription', description, 'Description')
			: description,
		due_at:
			optionalText(fields.dueAt) === undefined ? undefined : check.dateTime('Due At', fields.dueAt),
		site: optionalRef(check, RECORDS.site, nested(fields, RECORDS.site)),
		assignee: assigneeRef(check, fields.assigneeId),
		resource:
			resource === undefined ? undefined : { id: resourceId(check, 'Resource ID', resource) },
		metadata: update ? metadataPatchOf(check, fields) : metadataOf(check, fields),
	};
	if (update) given.title = optionalText(fields.title);
	return definedEntries(given);
}
