import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../Stora/descriptions/authentication';
import { EVENT_OPTIONS, eventsFor, eventsOf } from './events';
import { filterProperties } from './filters';
import { DEFAULT_LOOK_BACK_DAYS } from './settings';

/** What each event costs in requests per poll, and what it cannot see. */
const NOTICES: Record<string, string> = {
	orderCreated:
		'Each poll asks Stora for the orders created since the last one: one request per 100 new orders. Status filters orders by their status when a poll reads them: an order created in another status is not emitted when it changes later (use Order Status Reached for that).',
	orderStatus:
		'Stora sends no event and offers no "changed since" filter for an order’s status, so each poll lists the orders in this status created within Look Back (Days) and emits those not emitted before: about one request per 100 such orders per poll. An order created longer ago than that which reaches the status is not seen.',
	contactCreated:
		'Each poll asks Stora for the contacts created since the last one: one request per 100 new contacts.',
	contactUpdated:
		'Each poll asks Stora for the contacts changed since the last one: one request per 100 changed contacts. A contact changed several times between two polls is emitted once, as it is then.',
	invoiceCreated:
		'Stora’s docs list no filters for invoices, so each poll reads invoices newest first until it reaches those it has seen: usually one request. After a long outage it reads back at most Look Back (Days).',
	invoicePaid:
		'Stora’s docs list no filters for invoices, so each poll reads every invoice created within Look Back (Days), newest first, and emits those paid since: about one request per 100 invoices in that time per poll. An invoice created longer ago than that which is paid is not seen.',
};

const notices: INodeProperties[] = Object.entries(NOTICES).map(([event, text]) => ({
	displayName: text,
	name: 'costNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { event: [event] } },
}));

export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: EVENT_OPTIONS,
		default: 'orderCreated',
		description: 'What in Stora starts the workflow',
	},
	...notices,
	{
		displayName: 'Order Status',
		name: 'orderStatus',
		type: 'options',
		options: [
			{ name: 'Abandoned', value: 'abandoned' },
			{ name: 'Completed (Paid)', value: 'completed', description: 'Paid; the tenancy exists' },
			{ name: 'Finalized', value: 'finalized', description: 'Waiting for the customer to pay' },
		],
		default: 'completed',
		displayOptions: { show: { event: ['orderStatus'] } },
		description: 'The status an order reaches that starts the workflow',
	},
	{
		displayName: 'Look Back (Days)',
		name: 'lookBackDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_LOOK_BACK_DAYS,
		displayOptions: { show: { event: eventsOf('status', 'invoiceCreated', 'invoicePaid') } },
		description:
			'How far back each poll reads, in days. Order Status Reached and Invoice Paid read every order in the status, or every invoice, created within this many days on each poll (one request per 100 of them) and miss records created earlier; Invoice Created reads back no further than this after an outage. Changing it starts afresh: the next poll emits nothing.',
	},
	...filterProperties,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions: { show: { event: [...eventsFor('order'), ...eventsFor('contact')] } },
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Existing Since',
				name: 'includeExistingSince',
				type: 'dateTime',
				default: '',
				description:
					'The first poll after activation emits the records since this moment instead of nothing: orders or contacts created (or changed) since then, orders that reached the status since then (by their last change), invoices created or paid since then. Empty: the first poll only notes where Stora stands.',
			},
		],
	},
];
