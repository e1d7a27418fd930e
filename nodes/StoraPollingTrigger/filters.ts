import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	contactFilterOptions,
	contactFilterQuery,
} from '../Stora/actions/contact/getAll.operation';
import { orderFilterOptions, orderFilterQuery } from '../Stora/actions/order/getAll.operation';
import type { InputChecker } from '../Stora/helpers/validation';
import type { PolledEvent } from './events';

/** Get Many's filter fields, those the trigger offers, in Get Many's wording. */
const pick = (options: INodeProperties[], names: string[]) =>
	options.filter((option) => names.includes(option.name));

const ORDER_CREATED_FILTERS = ['metadata', 'siteIds', 'status'];
const ORDER_STATUS_FILTERS = ['metadata', 'siteIds'];
const CONTACT_FILTERS = ['source', 'status', 'type'];

const filtersFor = (events: string[], options: INodeProperties[]): INodeProperties => ({
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	displayOptions: { show: { event: events } },
	options,
});

export const filterProperties: INodeProperties[] = [
	filtersFor(['orderCreated'], pick(orderFilterOptions, ORDER_CREATED_FILTERS)),
	filtersFor(['orderStatus'], pick(orderFilterOptions, ORDER_STATUS_FILTERS)),
	filtersFor(['contactCreated', 'contactUpdated'], pick(contactFilterOptions, CONTACT_FILTERS)),
];

const only = (filters: IDataObject, names: string[]) =>
	Object.fromEntries(Object.entries(filters).filter(([name]) => names.includes(name)));

/** The event's filters as the list's query parameters, as Get Many sends them. */
export function filterQuery(
	check: InputChecker,
	event: PolledEvent,
	filters: IDataObject,
): IDataObject {
	if (event.value === 'orderCreated')
		return orderFilterQuery(check, only(filters, ORDER_CREATED_FILTERS));
	if (event.value === 'orderStatus')
		return orderFilterQuery(check, only(filters, ORDER_STATUS_FILTERS));
	if (event.resource === 'contact')
		return contactFilterQuery(check, only(filters, CONTACT_FILTERS));
	return {};
}

/** Where a list filter's field is on the record, when not under the filter's own name. */
const RECORD_FIELDS: Record<string, (record: IDataObject) => unknown> = {
	site_id: (record) =>
		record.site === undefined ? undefined : ((record.site as IDataObject | null)?.id ?? null),
};

/** Contacts' enum filters match a field without a value with "unspecified". */
const UNSPECIFIED = 'unspecified';

/**
 * Whether a record passes the filters sent to Stora, checked on the fields the record carries:
 * a Stora that ignored a filter must not start workflows for other records.
 */
export function matchesQuery(record: IDataObject, qs: IDataObject): boolean {
	return Object.entries(qs).every(([name, wanted]) => {
		const metadataKey = /^metadata\[(.+)\]$/.exec(name)?.[1];
		if (metadataKey !== undefined) {
			const metadata = record.metadata as IDataObject | null | undefined;
			return metadata === undefined || metadata?.[metadataKey] === wanted;
		}
		const field = RECORD_FIELDS[name];
		const value = field ? field(record) : record[name];
		if (value === undefined) return true;
		const values = String(wanted).split(',');
		return values.includes(value === null ? UNSPECIFIED : String(value));
	});
}
