import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { storaApiRequestAllItems } from '../Stora/transport';
import type { Settings } from './settings';

/** Stora's timestamps have whole seconds; an inclusive bound rounds down. */
export const isoSeconds = (time: number) =>
	new Date(Math.floor(time / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The event's list query: its filters, the chosen status, its sort. */
function queryOf(settings: Settings, direction: 'ASC' | 'DESC'): IDataObject {
	const { event, filters, orderStatus } = settings;
	return {
		...filters,
		...(orderStatus ? { status: orderStatus } : {}),
		sort_by: event.sortBy,
		sort_direction: direction,
	};
}

/** Every record of the list from `from` on (inclusive), oldest first, on the time cursor. */
export async function listSince(
	ctx: IPollFunctions,
	settings: Settings,
	from: number,
): Promise<IDataObject[]> {
	const { event } = settings;
	const after = `${event.sortBy.replace(/_at$/, '')}_after`;
	return await storaApiRequestAllItems.call(ctx, {
		path: event.path,
		property: event.property,
		qs: { ...queryOf(settings, 'ASC'), [after]: isoSeconds(from) },
		timeCursor: event.pagedByTime ? event.sortBy : undefined,
	});
}

/** The newest `limit` records of the list (newest first as Stora sorts them). */
export async function newestRecords(
	ctx: IPollFunctions,
	settings: Settings,
	limit: number,
): Promise<IDataObject[]> {
	const { event } = settings;
	return await storaApiRequestAllItems.call(ctx, {
		path: event.path,
		property: event.property,
		qs: queryOf(settings, 'DESC'),
		limit,
	});
}

/**
 * The list newest first by page number (invoices document no filters to page on), until
 * `until` says the page read reaches back far enough, or the last page.
 */
export async function newestFirstUntil(
	ctx: IPollFunctions,
	settings: Settings,
	until: (page: IDataObject[]) => boolean,
): Promise<IDataObject[]> {
	const { event } = settings;
	return await storaApiRequestAllItems.call(ctx, {
		path: event.path,
		property: event.property,
		qs: queryOf(settings, 'DESC'),
		until,
	});
}
