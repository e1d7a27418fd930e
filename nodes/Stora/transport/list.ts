import type { IDataObject } from 'n8n-workflow';

import { storaRateLimits } from './connection';
import { pagesOneByOne } from './listCursor';
import type { ListRequest } from './listPage';
import { asInteger, fetchPage, pageSizeFor, paginationOf } from './listPage';
import { chunksAfterFirst, pagesInParallel } from './listParallel';
import { pagesInFlightOf, parallelPays } from './listPlan';
import type { CallOptions, StoraContext } from './request';

export type { CursorField, ListRequest } from './listPage';
export { MAX_PAGE_SIZE, pageSizeFor } from './listPage';

/** How many pages page 1 says the list has (`pages`, else `last`). */
function pagesAnnounced(body: IDataObject): number | undefined {
	const pagination = paginationOf(body);
	return asInteger(pagination.pages) ?? asInteger(pagination.last);
}

/**
 * Reads a list until `limit` records are collected or no page follows, each record once, in
 * Stora's order. One page at a time (a cursor on lists that have one), or, when more than one
 * page may be under way and page 1's round trip shows it would end sooner, the other pages at
 * once by number and then the gaps between them on the cursor (listParallel.ts says why that
 * loses and doubles nothing). A page that fails is retried by storaApiRequest, never skipped.
 */
export async function storaApiRequestAllItems(
	this: StoraContext,
	list: ListRequest,
	options: CallOptions = {},
): Promise<IDataObject[]> {
	const width = list.until
		? 1
		: (list.pagesInFlight ?? (await pagesInFlightOf(this, options.itemIndex)));
	if (width <= 1) return await pagesOneByOne(this, list, options);

	const pageSize = pageSizeFor(list.limit);
	const started = Date.now();
	const first = await fetchPage(this, list, { ...list.qs, page: 1, limit: pageSize }, options);
	const roundTripMs = Date.now() - started;
	const announced = pagesAnnounced(first.body);
	const reach =
		announced === undefined ? undefined : Math.min(announced * pageSize, list.limit ?? Infinity);
	const chunks =
		reach === undefined || first.records.length < pageSize
			? undefined
			: chunksAfterFirst(pageSize, reach, list.timeCursor !== undefined);
	const parallel =
		chunks !== undefined &&
		reach !== undefined &&
		parallelPays({
			pages: Math.ceil(reach / pageSize),
			requests: chunks.length + 1,
			width,
			roundTripMs,
			limits: await storaRateLimits.call(this),
		});
	if (!parallel) return await pagesOneByOne(this, list, options, first);
	return (
		(await pagesInParallel(this, list, options, first, chunks, width)) ??
		(await pagesOneByOne(this, list, options))
	);
}
