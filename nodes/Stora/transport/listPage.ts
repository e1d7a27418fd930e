import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallOptions, StoraContext } from './request';
import { storaApiRequest } from './request';

/** Stops a server that keeps announcing a next page from looping forever (100,000 orders). */
export const MAX_PAGES = 1000;
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
	 * it needs (e.g. newest first, back to what it has seen). Such a list is read one page at a time.
	 */
	until?: (page: IDataObject[]) => boolean;
	/**
	 * How many pages may be under way at once. Unset: one in version 1 nodes, pickers and
	 * triggers; in version 2+ nodes, Options → In Flight, or the credential's per-second limit.
	 */
	pagesInFlight?: number;
}

export type CursorField = 'created_at' | 'updated_at';

/** The filters bounding a cursor field: `created_at` → `created_after` / `created_before`. */
export const boundsOf = (field: CursorField) => {
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

export const asInteger = (value: unknown): number | undefined => {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
};

export const paginationOf = (body: IDataObject) =>
	((body.meta as IDataObject | undefined)?.pagination ?? {}) as IDataObject;

/**
 * Whether more records follow this page: `next`, else `page < pages`. A short page is the last;
 * a full page that says neither is an answer the node cannot go on from, and stopping there
 * would return a partial list as if it were whole.
 */
export function morePagesAfter(
	ctx: StoraContext,
	body: IDataObject,
	page: number,
	received: number,
	pageSize: number,
	itemIndex: number | undefined,
): boolean {
	const pagination = paginationOf(body);
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
export function pageRecordsOf(
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

/** One page of the list: `qs` holds page, limit and any window. */
export async function fetchPage(
	ctx: StoraContext,
	list: ListRequest,
	qs: IDataObject,
	options: CallOptions,
): Promise<{ body: IDataObject; records: IDataObject[] }> {
	const body = await storaApiRequest.call(
		ctx,
		{
			method: 'GET',
			path: list.path,
			qs,
			// With a fallback the key is checked here: the transport can expect only one.
			expect: list.fallbackProperty ? undefined : { [list.property]: 'array' },
		},
		options,
	);
	return { body, records: pageRecordsOf(ctx, body, list, options.itemIndex) };
}

export function tooManyPages(ctx: StoraContext, itemIndex: number | undefined) {
	return new NodeOperationError(ctx.getNode(), `Stopped after ${MAX_PAGES} pages`, {
		description: `Stora kept announcing more pages after ${MAX_PAGES} requests. Narrow the filters, or set a Limit.`,
		itemIndex,
	});
}

export const idOf = (record: IDataObject) =>
	typeof record?.id === 'string' ? record.id : undefined;
