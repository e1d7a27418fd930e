import type { IDataObject } from 'n8n-workflow';

import { isoSeconds, pagesOneByOne } from './listCursor';
import type { CursorField, ListRequest } from './listPage';
import {
	MAX_PAGES,
	boundsOf,
	fetchPage,
	idOf,
	morePagesAfter,
	pageSizeFor,
	tooManyPages,
} from './listPage';
import type { CallOptions, StoraContext } from './request';

/*
 * Why a parallel read returns every record once, in Stora's order, while records enter or leave
 * the filter during the run (e.g. drafts created, and others finalized, while listing drafts):
 *
 * Pages 2…N are fetched by number, many at once, so each page is a snapshot of a different
 * moment and a record can slip between two pages: at page a's moment it was after page a's last
 * record La (records before it left the filter: it moved up), and at page b's moment (b the next
 * page holding records) it was before page b's first record Fb. Paging by number is all that
 * can go wrong; the order itself (by created_at, which never changes) holds for every record at
 * every moment. So a record that matched throughout and is on no page has a created_at between
 * Fb's and La's, both included, for some such a and b with page a full (only a full page can
 * have records after it); or it is after the last page holding records, which is full.
 *
 * For lists with a time cursor (created_at) the node then sweeps each such gap: every record in
 * the seconds from Fb's to La's (created_after is inclusive, created_before exclusive, so the
 * window is [second of Fb, second of La + 1 s)), read on the cursor one page after another, and
 * past the last full page to the end. A record that matched throughout is in one of those
 * sweeps, since a sweep is made after both of its pages, and within a sweep the cursor itself
 * loses nothing (records leaving cannot move later records onto its earlier pages). Records
 * are then laid out page 1, gap 1–2, page 2, … and each id is kept the first time only:
 * nothing twice. A gap's records are kept only if their time lies between La's and Fb's, so
 * the layout stays in Stora's order (a page's records are at or after La, the gap's between,
 * the next page's at or before Fb). Records that entered or left during the run may or may not
 * be returned, as with any read that is not instant.
 *
 * Lists without a time cursor are read by page number only, as one page after another would be:
 * Stora gives them no filter to look between pages with. Each record at most once (the id
 * dedupe); the pages are read closer together in time than one by one.
 */

interface Page {
	body: IDataObject;
	records: IDataObject[];
}

/** Runs `count` tasks, at most `width` at once, started in order; after a failure none start, and the earliest failure is thrown. */
export async function inParallel<T>(
	count: number,
	width: number,
	run: (index: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array<T>(count);
	const failures = new Map<number, unknown>();
	let next = 0;
	const lane = async () => {
		while (next < count && failures.size === 0) {
			const index = next++;
			try {
				results[index] = await run(index);
			} catch (error) {
				failures.set(index, error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
	if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
	return results;
}

const timeOf = (record: IDataObject, field: CursorField) => Date.parse(String(record[field] ?? ''));
const SECOND = 1000;
const floorSecond = (time: number) => Math.floor(time / SECOND) * SECOND;

/** The user's bound on the cursor field, as a time; undefined when unset. */
function userBound(qs: IDataObject, name: string): number | undefined {
	const time = Date.parse(String(qs[name] ?? ''));
	return Number.isNaN(time) ? undefined : time;
}

/**
 * Every record with the cursor field in [from, to] (times; undefined: open), within the user's
 * own bounds, read on the cursor one page after another. `enough` stops it early.
 */
async function sweep(
	ctx: StoraContext,
	list: ListRequest,
	field: CursorField,
	range: { from?: number; to?: number },
	options: CallOptions,
	enough?: (page: IDataObject[]) => boolean,
): Promise<IDataObject[]> {
	const bounds = boundsOf(field);
	const qs = { ...list.qs };
	const userAfter = userBound(qs, bounds.after);
	const userBefore = userBound(qs, bounds.before);
	let after = range.from === undefined ? userAfter : floorSecond(range.from);
	if (after !== undefined && userAfter !== undefined) after = Math.max(after, userAfter);
	let before = range.to === undefined ? userBefore : floorSecond(range.to) + SECOND;
	if (before !== undefined && userBefore !== undefined) before = Math.min(before, userBefore);
	if (after !== undefined && before !== undefined && after >= before) return [];
	if (after !== undefined) qs[bounds.after] = isoSeconds(after);
	if (before !== undefined) qs[bounds.before] = isoSeconds(before);
	const found = await pagesOneByOne(
		ctx,
		{ ...list, qs, limit: undefined, until: enough, pagesInFlight: 1 },
		options,
	);
	return found.filter((record) => {
		const time = timeOf(record, field);
		return (
			(range.from === undefined || time >= range.from) &&
			(range.to === undefined || time <= range.to)
		);
	});
}

/** Appends records not seen before: the first time an id is met is the one kept. */
function collector(limit: number | undefined) {
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	const add = (page: IDataObject[]) => {
		for (const record of page) {
			const id = idOf(record);
			if (id !== undefined && seen.has(id)) continue;
			if (id !== undefined) seen.add(id);
			records.push(record);
		}
	};
	const full = () => limit !== undefined && records.length >= limit;
	return { records, seen, add, full };
}

/**
 * Reads pages 2…`pages` (page 1 is `first`) `width` at a time, then, on a time cursor, sweeps
 * the gaps between them (see above). Undefined when a record has no readable cursor time: the
 * caller then reads the list one page after another.
 */
export async function pagesInParallel(
	ctx: StoraContext,
	list: ListRequest,
	options: CallOptions,
	first: Page,
	pages: number,
	width: number,
): Promise<IDataObject[] | undefined> {
	const { limit, timeCursor: field } = list;
	const pageSize = pageSizeFor(limit);
	const rest = await inParallel(pages - 1, width, (index) =>
		fetchPage(ctx, list, { ...list.qs, page: index + 2, limit: pageSize }, options),
	);
	const fetched = [first, ...rest];
	if (
		field &&
		fetched.some((page) => page.records.some((record) => Number.isNaN(timeOf(record, field))))
	) {
		return undefined;
	}
	const holding = fetched.filter((page) => page.records.length > 0);
	const full = (page: Page) => page.records.length >= pageSize;
	const lastPage = fetched[fetched.length - 1];
	const morePages = morePagesAfter(
		ctx,
		lastPage.body,
		pages,
		lastPage.records.length,
		pageSize,
		options.itemIndex,
	);

	const gaps = field
		? await inParallel(holding.length - 1, width, async (index) => {
				const [a, b] = [holding[index], holding[index + 1]];
				if (!full(a)) return [];
				const [la, fb] = [
					timeOf(a.records[a.records.length - 1], field),
					timeOf(b.records[0], field),
				];
				return await sweep(
					ctx,
					list,
					field,
					{ from: Math.min(la, fb), to: Math.max(la, fb) },
					options,
				);
			})
		: [];
	const out = collector(limit);
	holding.forEach((page, index) => {
		out.add(page.records);
		if (index < gaps.length) out.add(gaps[index]);
	});

	// Past the last page holding records, when it is full and pages were empty after it or more follow.
	const last = holding[holding.length - 1];
	const tailOpen = field
		? last !== undefined && full(last) && (last !== lastPage || morePages)
		: morePages;
	if (tailOpen && !out.full()) {
		out.add(await tailOf(ctx, list, options, last, pages, out));
	}
	return limit === undefined ? out.records : out.records.slice(0, limit);
}

/** The records after the last page: on the cursor from its last record, else by the page numbers after it. */
async function tailOf(
	ctx: StoraContext,
	list: ListRequest,
	options: CallOptions,
	last: Page,
	pages: number,
	out: ReturnType<typeof collector>,
): Promise<IDataObject[]> {
	const { limit, timeCursor: field } = list;
	const wanted = limit === undefined ? Infinity : limit - out.records.length;
	const counted = new Set(out.seen);
	let fresh = 0;
	const enough = (page: IDataObject[]) => {
		for (const id of page.map(idOf)) {
			if (id !== undefined && !counted.has(id)) {
				counted.add(id);
				fresh++;
			}
		}
		return fresh >= wanted;
	};
	if (field) {
		const lastTime = timeOf(last.records[last.records.length - 1], field);
		const descending = list.qs.sort_direction !== 'ASC';
		return await sweep(
			ctx,
			list,
			field,
			descending ? { to: lastTime } : { from: lastTime },
			options,
			enough,
		);
	}
	const pageSize = pageSizeFor(limit);
	const records: IDataObject[] = [];
	for (let page = pages + 1; ; page++) {
		if (page > MAX_PAGES) throw tooManyPages(ctx, options.itemIndex);
		const next = await fetchPage(ctx, list, { ...list.qs, page, limit: pageSize }, options);
		records.push(...next.records);
		if (enough(next.records)) return records;
		if (!morePagesAfter(ctx, next.body, page, next.records.length, pageSize, options.itemIndex)) {
			return records;
		}
	}
}
