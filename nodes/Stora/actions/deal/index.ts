import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { plainResource } from '../plain/plainResource';
import { create } from './create.operation';
import { lose, reopen, win } from './close.operation';
import { update } from './update.operation';

export const deal = plainResource({
	record: CRM_RECORDS.deal,
	listDescription: 'List the deals of the sales pipeline',
	additionalQuery: true,
	actions: [
		{
			option: {
				name: 'Create',
				value: 'create',
				action: 'Create a deal',
				description:
					'Open a deal with a contact on a stage of the pipeline (needs public.deal:write)',
			},
			operation: create,
		},
		{
			option: {
				name: 'Lose',
				value: 'lose',
				action: 'Lose a deal',
				description: 'Mark a deal lost, with the reason',
			},
			operation: lose,
		},
		{
			option: {
				name: 'Reopen',
				value: 'reopen',
				action: 'Reopen a deal',
				description: 'Set a won or lost deal open again, optionally on a stage and assignee',
			},
			operation: reopen,
		},
		{
			option: {
				name: 'Update',
				value: 'update',
				action: 'Update a deal',
				description:
					'Change a deal’s name, assignee, site, note, move-in date, line items or metadata',
			},
			operation: update,
		},
		{
			option: { name: 'Win', value: 'win', action: 'Win a deal', description: 'Mark a deal won' },
			operation: win,
		},
	],
});
