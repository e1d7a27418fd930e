import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallOptions, StoraContext } from './request';
import { storaApiRequest } from './request';

/** Stops a server that keeps announcing a next page from looping forever (100,000 orders). */
const MAX_PAGES = 1000;
export const MAX_PAGE_SIZE = 100;

export interface ListRequest {
	/** e.g. `/orders` */
	path: string;
	/** The list's key in the answer, e.g. `orders`. */
	property: string;
	/** A key read when `property` is missing: a name the API may still answer with. */
	fallbackProperty?: string;
	qs: IDataObject;
	/** Records wanted; undefined for all of them. */
	limit?: number;
	/**
	 * Page on a time cursor, e.g. `created_at` (`created_before` newest first, `created_after`
	 * oldest first), instead of page numbers, so records leaving the filter while paging (a draft
	 * finalized by someone else) cannot move later records onto pages already read. Only for
	 * lists that document those filters and sort by that field (orders; contacts also by
	 * `updated_at`).
	 */
	timeCursor?: CursorField;
	/**
	 * Called with each page's records; true stops after that page: the caller has read as far as
	 * it needs (e.g. newest first, back to what it has seen).
	 */
	until?: (page: IDataObject[]) => boolean;
}

export type CursorField = 'created_at' | 'updated_at';

/** The filters bounding a cursor field: `created_at` → `created_after` / `created_before`. */
const boundsOf = (field: CursorField) => {
	const prefix = field.replace(/_at$/, '');
	return { after: `${prefix}_after`, before: `${prefix}_before` };
};

/**
 * The page size that fetches `limit` records in the fewest requests without over-fetching:
 * 30 → one page of 30; 150 → two pages of 75; everything → pages of 100.
 */
export function pageSizeFor(limit: number | undefined): number {
	if (limit === undefined) return MAX_PAGE_SIZE;
	const pages = Math.ceil(limit / MAX_PAGE_SIZE);
	return Math.ceil(limit / pages);
}

const asInteger = (value: unknown): number | undefined => {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
};

/**
 * Whether more records follow this page: `next`, else `page < pages`. A short page is the last;
 * a full page that says neither is an answer the node cannot go on from, and stopping there
 * would return a partial list as if it were whole.
 */
function morePagesAfter(
	ctx: StoraContext,
	body: IDataObject,
	page: number,
	received: number,
	pageSize: number,
	itemIndex: number | undefined,
): boolean {
	const pagination = ((body.meta as IDataObject | undefined)?.pagination ?? {}) as IDataObject;
	const next = asInteger(pagination.next);
	const pages = asInteger(pagination.pages);
	if (received === 0) return false;
	if (next !== undefined && next > page) return true;
	if (pages !== undefined) return page < pages;
	if (pagination.next === null || received < pageSize) return false;
	throw new NodeOperationError(ctx.getNode(), 'Stora’s list answer cannot be paged further', {
		description: `Page ${page} held a full page of ${received} records but neither meta.pagination.next nor meta.pagination.pages, so the node cannot tell whether more follow. It stops rather than return part of the list as if it were all of it.`,
		itemIndex,
	});
}

/** The page's records under the list's key (or its fallback); an answer with neither is refused. */
function pageRecordsOf(
	ctx: StoraContext,
	body: IDataObject,
	list: ListRequest,
	itemIndex: number | undefined,
): IDataObject[] {
	const key = [list.property, list.fallbackProperty].find(
		(name) => name !== undefined && Array.isArray(body[name]),
	);
	if (key !== undefined) return body[key] as IDataObject[];
	throw new NodeOperationError(ctx.getNode(), `Stora’s answer has no ${list.property} list`, {
		description: `GET ${list.path} answered without the ${list.property} list, so the node cannot read it.`,
		itemIndex,
	});
}

const SECOND = 1000;
const isoSeconds = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

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
 * Fetches pages in order until `limit` records are collected or no page follows. A page that
 * fails is retried by storaApiRequest, never skipped; a record seen before (the list shifted
 * while paging, or the cursor's boundary second asked for again) is returned only once.
 */
export async function storaApiRequestAllItems(
	this: StoraContext,
	list: ListRequest,
	options: CallOptions = {},
): Promise<IDataObject[]> {
	const { limit, property } = list;
	const descending = list.qs.sort_direction !== 'ASC';
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let window: IDataObject = {};
	let page = 1;
	let pageSize = pageSizeFor(limit);
	for (let requests = 0; ; requests++) {
		if (requests >= MAX_PAGES) {
			throw new NodeOperationError(this.getNode(), `Stopped after ${MAX_PAGES} pages`, {
				description: `Stora kept announcing more pages after ${MAX_PAGES} requests. Narrow the filters, or set a Limit.`,
				itemIndex: options.itemIndex,
			});
		}
		const body = await storaApiRequest.call(
			this,
			{
				method: 'GET',
				path: list.path,
				qs: { ...list.qs, ...window, page, limit: pageSize },
				// With a fallback the key is checked here: the transport can expect only one.
				expect: list.fallbackProperty ? undefined : { [property]: 'array' },
			},
			options,
		);
		const pageRecords = pageRecordsOf(this, body, list, options.itemIndex);
		for (const record of pageRecords) {
			const id = typeof record?.id === 'string' ? record.id : undefined;
			if (id !== undefined && seen.has(id)) continue;
			if (id !== undefined) seen.add(id);
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
		const received = pageRecords.length;
		if (list.until?.(pageRecords)) return records;
		if (!morePagesAfter(this, body, page, received, pageSize, options.itemIndex)) return records;

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
