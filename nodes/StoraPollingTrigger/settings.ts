import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { InputChecker } from '../Stora/helpers/validation';
import type { PolledEvent } from './events';
import { polledEvent, readingOf } from './events';
import { filterQuery, matchesQuery } from './filters';
import type { Reading } from './pollState';
import { DAY_MS, fingerprintOf } from './pollState';

export const ORDER_STATUSES = ['finalized', 'completed', 'abandoned'];
export const DEFAULT_LOOK_BACK_DAYS = 60;

/** The node's parameters, checked, as one poll uses them. */
export interface Settings {
	event: PolledEvent;
	reading: Reading;
	/** The filters as the list's query parameters. */
	filters: IDataObject;
	/** Whether a record is one the event emits: filters and status checked on the record. */
	wanted: (record: IDataObject) => boolean;
	orderStatus?: string;
	lookBackMs: number;
	/** Include Existing Since, in milliseconds. */
	includeExistingSince?: number;
	simplify: boolean;
	/** The settings that decide which records are emitted: another value starts afresh. */
	fingerprint: string;
}

const USES_LOOK_BACK = ['status', 'invoiceCreated', 'invoicePaid'];

export function readSettings(ctx: IPollFunctions): Settings {
	// Polls have no items: errors name item 0.
	const check = new InputChecker(ctx, 0);
	const value = ctx.getNodeParameter('event', 'orderCreated');
	const event = polledEvent(value);
	if (!event) {
		return check.fail('Event', value, 'Choose one of the events in the list.');
	}
	const filters = filterQuery(
		check,
		event,
		(ctx.getNodeParameter('filters', {}) ?? {}) as IDataObject,
	);
	const orderStatus =
		event.kind === 'status'
			? check.oneOf(
					'Order Status',
					ctx.getNodeParameter('orderStatus', 'completed'),
					ORDER_STATUSES,
				)
			: undefined;
	const lookBackDays = USES_LOOK_BACK.includes(event.kind)
		? check.integer(
				'Look Back (Days)',
				ctx.getNodeParameter('lookBackDays', DEFAULT_LOOK_BACK_DAYS),
				1,
			)
		: undefined;
	const options = (ctx.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const since = options.includeExistingSince
		? check.dateTime('Include Existing Since', options.includeExistingSince)
		: undefined;
	const paidOnly = event.kind === 'invoicePaid';
	return {
		event,
		reading: readingOf(event),
		filters,
		wanted: (record) =>
			matchesQuery(record, filters) &&
			(orderStatus === undefined || record.status === orderStatus) &&
			(!paidOnly || (typeof record.paid_at === 'string' && record.paid_at !== '')),
		orderStatus,
		lookBackMs: (lookBackDays ?? DEFAULT_LOOK_BACK_DAYS) * DAY_MS,
		includeExistingSince: since === undefined ? undefined : Date.parse(since),
		simplify: event.resource !== 'invoice' && ctx.getNodeParameter('simplify', true) === true,
		fingerprint: fingerprintOf({ event: event.value, orderStatus, filters, lookBackDays }),
	};
}
