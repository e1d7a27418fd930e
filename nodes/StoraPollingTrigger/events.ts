import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { CursorField } from '../Stora/transport';
import type { Reading } from './pollState';

/**
 * How each event is polled:
 * - `cursor`: records created (or updated) since the newest one read, oldest first;
 * - `status`: every order in the chosen status created within the look-back window;
 * - `invoiceCreated`: invoices newest first, back to the newest one read;
 * - `invoicePaid`: every invoice within the look-back window, newest first.
 */
export type PollKind = 'cursor' | 'status' | 'invoiceCreated' | 'invoicePaid';
export type Resource = 'order' | 'contact' | 'invoice';

export interface PolledEvent {
	value: string;
	name: string;
	description: string;
	kind: PollKind;
	resource: Resource;
	/** The list's path and its key in the answer. */
	path: string;
	property: string;
	/** The timestamps that place a record in time, the first one set wins. */
	timeFields: string[];
	/** The field the list is sorted (and, for cursor events, filtered and paged) by. */
	sortBy: CursorField;
	/** Invoices' list filters are not documented: they are read by page number. */
	pagedByTime: boolean;
	/**
	 * Window events: when a record reached what the event is about (an order's status, an
	 * invoice's payment), for Include Existing Since and for which is newest.
	 */
	reachedFields?: string[];
	/** A record's key in the emitted set: its ID, or ID and version for updates. */
	key: (record: IDataObject) => string;
}

const idOf = (record: IDataObject) => String(record.id ?? '');

const ORDERS = {
	resource: 'order',
	path: '/orders',
	property: 'orders',
	pagedByTime: true,
} as const;
const CONTACTS = {
	resource: 'contact',
	path: '/contacts',
	property: 'contacts',
	pagedByTime: true,
} as const;
const INVOICES = {
	resource: 'invoice',
	path: '/invoices',
	property: 'invoices',
	pagedByTime: false,
	// The docs' example invoice has `created_at: null`.
	timeFields: ['created_at', 'finalized_at'],
	sortBy: 'created_at',
	key: idOf,
} as const;

export const POLLED_EVENTS: PolledEvent[] = [
	{
		value: 'orderCreated',
		name: 'Order Created',
		description: 'An order is created',
		kind: 'cursor',
		...ORDERS,
		timeFields: ['created_at'],
		sortBy: 'created_at',
		key: idOf,
	},
	{
		value: 'orderStatus',
		name: 'Order Status Reached',
		description: 'An order is finalized, completed (paid) or abandoned',
		kind: 'status',
		...ORDERS,
		timeFields: ['created_at'],
		// Orders carry no time of reaching a status: their last change is the nearest.
		reachedFields: ['updated_at', 'created_at'],
		sortBy: 'created_at',
		key: idOf,
	},
	{
		value: 'contactCreated',
		name: 'Contact Created',
		description: 'A contact is created',
		kind: 'cursor',
		...CONTACTS,
		timeFields: ['created_at'],
		sortBy: 'created_at',
		key: idOf,
	},
	{
		value: 'contactUpdated',
		name: 'Contact Updated',
		description: 'A contact is changed',
		kind: 'cursor',
		...CONTACTS,
		timeFields: ['updated_at'],
		sortBy: 'updated_at',
		// Each change is its own record: the same contact changed again is emitted again.
		key: (record) => `${idOf(record)}@${String(record.updated_at ?? '')}`,
	},
	{
		value: 'invoiceCreated',
		name: 'Invoice Created',
		description: 'An invoice is created',
		kind: 'invoiceCreated',
		...INVOICES,
		timeFields: [...INVOICES.timeFields],
	},
	{
		value: 'invoicePaid',
		name: 'Invoice Paid',
		description: 'An invoice is paid',
		kind: 'invoicePaid',
		...INVOICES,
		timeFields: [...INVOICES.timeFields],
		reachedFields: ['paid_at'],
	},
];

export const EVENT_OPTIONS: INodePropertyOptions[] = POLLED_EVENTS.map(
	({ name, value, description }) => ({ name, value, description }),
);

/** Events by their kind, for the parameters shown with them. */
export const eventsOf = (...kinds: PollKind[]) =>
	POLLED_EVENTS.filter((event) => kinds.includes(event.kind)).map((event) => event.value);
export const eventsFor = (resource: Resource) =>
	POLLED_EVENTS.filter((event) => event.resource === resource).map((event) => event.value);

export function polledEvent(value: unknown): PolledEvent | undefined {
	return POLLED_EVENTS.find((event) => event.value === value);
}

/** The first parseable of a record's time fields, in milliseconds. */
export function timeIn(record: IDataObject, fields: string[]): number | undefined {
	for (const field of fields) {
		const value = record[field];
		const time = typeof value === 'string' ? Date.parse(value) : NaN;
		if (!Number.isNaN(time)) return time;
	}
	return undefined;
}

/** The event's records placed by their timestamp, or with `reached` by when they reached it. */
export const readingOf = (event: PolledEvent, reached = false): Reading => ({
	key: event.key,
	time: (record) =>
		timeIn(record, reached ? (event.reachedFields ?? event.timeFields) : event.timeFields),
});
