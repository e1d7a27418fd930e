import type { INodeProperties } from 'n8n-workflow';

import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { recordLocator } from '../../descriptions/records';
import { recordAction } from '../crm/action';
import { recordUpdate } from '../crm/update';
import { plainResource } from '../plain/plainResource';
import { create } from './create.operation';
import { taskFieldOptions, taskFieldsBody } from './fields';

const record = CRM_RECORDS.task;

const taskLocator = recordLocator(record, {
	description: 'The task: pick one from the list, or give its ID (task_…)',
});

/** Task → Reopen: `POST /tasks/{id}/open`, no body. */
const reopen = recordAction({
	record,
	operation: 'reopen',
	suffix: 'open',
	keySpace: 'task_reopen',
	subject: 'reopening of the task',
	locator: taskLocator,
});

const update = recordUpdate({
	record,
	locator: taskLocator,
	about: 'Remove Description clears the description at Stora.',
	fields: taskFieldOptions(true),
	body: (check, fields) => taskFieldsBody(check, fields, true),
});

const built = plainResource({
	record,
	get: false,
	listDescription: 'List tasks',
	additionalQuery: true,
	actions: [
		{
			option: {
				name: 'Create',
				value: 'create',
				action: 'Create a task',
				description: 'Give staff something to do, optionally due at a time and about a record',
			},
			operation: create,
		},
		{
			option: {
				name: 'Reopen',
				value: 'reopen',
				action: 'Reopen a task',
				description: 'Set a completed task open again',
			},
			operation: reopen,
		},
		{
			option: {
				name: 'Update',
				value: 'update',
				action: 'Update a task',
				description:
					'Change a task’s title, description, due time, assignee, site, record or metadata',
			},
			operation: update,
		},
	],
});

/** Shown for every task operation: what Stora's API cannot do with tasks. */
const limits: INodeProperties = {
	displayName:
		'Stora’s API has no endpoint to complete, show or delete a task: complete and delete tasks in Stora itself. Reopen sets a completed task open again.',
	name: 'taskNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { resource: ['task'] } },
};

export const task = {
	...built,
	description: [built.description[0], limits, ...built.description.slice(1)],
};
