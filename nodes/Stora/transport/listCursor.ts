import type { IDataObject } from 'n8n-workflow';

import type { CursorField, ListRequest } from './listPage';
import {
	MAX_PAGE_SIZE,
	boundsOf,
	fetchPage,
	idOf,
	morePagesAfter,
	pageSizeFor,
	tooManyPages,
	MAX_PAGES,
} from './listPage';
import type { CallOptions, StoraContext } from './request';

const SECOND = 1000;
export const isoSeconds = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The window for the next request, after a page: records at or before the oldest second seen
 * (newest first), or at or after the newest (oldest first). The boundary second is asked for
 * again, so records sharing it are not lost; the id dedupe drops the ones already returned.
 * Undefined when the page gives no usable cursor, or when the window would not shrink (a whole
 * page within one second): then the next page number of the same window is asked for.
 */
function nextWindow(
	records: IDataObject[],
	descending: boolean,
	qs: IDataObject,
	field: CursorField,
) {
	const bounds = boundsOf(field);
	const times = records.map((record) => Date.parse(String(record[field] ?? '')));
	if (times.length === 0 || times.some(Number.isNaN)) return undefined;
	const seconds = times.map((time) => Math.floor(time / SECOND) * SECOND);
	const boundary = descending ? Math.min(...seconds) : Math.max(...seconds);
	if (seconds.every((second) => second === boundary)) return undefined;
	const overlap = seconds.filter((second) => second === boundary).length;
	if (descending) {
		const before = boundary + SECOND;
		const userBefore = Date.parse(String(qs[bounds.before] ?? ''));
		return {
			window: {
				[bounds.before]: isoSeconds(
					Number.isNaN(userBefore) ? before : Math.min(before, userBefore),
				),
			},
			overlap,
		};
	}
	const userAfter = Date.parse(String(qs[bounds.after] ?? ''));
	return {
		window: {
			[bounds.after]: isoSeconds(
				Number.isNaN(userAfter) ? boundary : Math.max(boundary, userAfter),
			),
		},
		overlap,
	};
}

function shrinks(
	current: IDataObject,
	next: IDataObject,
	descending: boolean,
	field: CursorField,
): boolean {
	const bounds = boundsOf(field);
	const bound = descending ? bounds.before : bounds.after;
	if (current[bound] === undefined) return true;
	const [from, to] = [Date.parse(String(current[bound])), Date.parse(String(next[bound]))];
	return descending ? to < from : to > from;
}

/**
 * Fetches pages one after another until `limit` records are collected or no page follows. A
 * page that fails is retried by storaApiRequest, never skipped; a record seen before (the list
 * shifted while paging, or the cursor's boundary second asked for again) is returned only once.
 * `first` is page 1's answer when it has been fetched already.
 */
export async function pagesOneByOne(
	ctx: StoraContext,
	list: ListRequest,
	options: CallOptions,
	first?: { body: IDataObject; records: IDataObject[] },
): Promise<IDataObject[]> {
	const { limit } = list;
	const descending = list.qs.sort_direction !== 'ASC';
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let window: IDataObject = {};
	let page = 1;
	let pageSize = pageSizeFor(limit);
	for (let requests = 0; ; requests++) {
		if (requests >= MAX_PAGES) throw tooManyPages(ctx, options.itemIndex);
		const { body, records: pageRecords } =
			requests === 0 && first
				? first
				: await fetchPage(ctx, list, { ...list.qs, ...window, page, limit: pageSize }, options);
		for (const record of pageRecords) {
			const id = idOf(record);
			if (id !== undefined && seen.has(id)) continue;
			if (id !== undefined) seen.add(id);
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
		const received = pageRecords.length;
		if (list.until?.(pageRecords)) return records;
		if (!morePagesAfter(ctx, body, page, received, pageSize, options.itemIndex)) return records;

		const field = list.timeCursor;
		let cursor = field ? nextWindow(pageRecords, descending, list.qs, field) : undefined;
		// The window only ever shrinks; one that would not (a server ignoring it) pages on instead.
		if (cursor && field && !shrinks(window, cursor.window, descending, field)) cursor = undefined;
		if (cursor) {
			window = cursor.window;
			page = 1;
		} else {
			page += 1;
		}
		// Ask for the records still wanted plus the boundary records that will come back again.
		const wanted =
			limit === undefined ? MAX_PAGE_SIZE : limit - records.length + (cursor?.overlap ?? 0);
		if (cursor || limit === undefined) pageSize = Math.min(MAX_PAGE_SIZE, wanted);
	}
}
