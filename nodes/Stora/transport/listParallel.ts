import type { IDataObject } from 'n8n-workflow';

import { isoSeconds, pagesOneByOne } from './listCursor';
import type { CursorField, ListRequest } from './listPage';
import {
	MAX_PAGES,
	MAX_PAGE_SIZE,
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
 * On a time cursor (created_at, which never changes), the list is read in chunks c1, c2, … by
 * page number and limit, chosen so that each chunk starts a few records (OVERLAP) before the one
 * before it ends, all fetched at once: each is a snapshot of a different moment. Newest first
 * (oldest first: mirrored), let Φk be the oldest of the chunks' last records' times up to ck
 * (the frontier). Claim: every record R that matched throughout with a time strictly newer than
 * Φk is laid out by then. c1 holds everything newer than its last record. Step: where c(k+1)'s
 * first record F is strictly newer than Φk, R with a time at or before Φk is strictly older than
 * F, so after F in c(k+1)'s snapshot, and in c(k+1) unless its time is at or before c(k+1)'s last
 * record's too: the claim holds for Φ(k+1). Where not (more records left the filter between the
 * two moments than the overlap, or F shares the frontier's time), the gap is swept on the
 * cursor: every record with a time from F's to Φk, both included (created_after is inclusive,
 * created_before exclusive: [second of one, second of the other + 1 s)), read one page after
 * another, where records leaving cannot lose others; R older than F is in c(k+1) as before.
 * After the last chunk, when it is full (more may follow) or the next one came back empty, the
 * rest is swept the same way from the frontier on. A chunk that is short ends the list.
 *
 * Records are laid out c1, then of each next chunk only those at or after the frontier (the rest
 * were returned already, or entered during the run), the gap's sweep before it; each id is kept
 * the first time only, so nothing twice; and the layout is sorted by time as Stora's order is.
 * Records that entered or left during the run may or may not be returned, as with any read that
 * is not instant. The overlap costs a few requests in a hundred; a sweep one request per gap
 * that moved.
 *
 * Lists without a time cursor are read by page number only, as one page after another would be:
 * Stora gives them no filter to look between pages with. Each record at most once (the id
 * dedupe); the pages are read closer together in time than one by one.
 */

/** Records a chunk repeats of the one before it: that many may leave the filter between them. */
const OVERLAP = 4;
/** The smallest chunk the planner uses to make chunks overlap. */
const MIN_CHUNK = 50;

export interface Chunk {
	page: number;
	limit: number;
}

/**
 * Chunks after a first page of `firstSize` records until `reach` records are covered: on a time
 * cursor each repeats OVERLAP or more records of the one before it and reaches as far as the page
 * arithmetic allows (a chunk's offset, (page − 1) × limit, is a multiple of its limit; about 18
 * requests more per hundred pages); otherwise pages 2, 3 … of `firstSize`. Undefined when the
 * list would need more than MAX_PAGES requests.
 */
export function chunksAfterFirst(
	firstSize: number,
	reach: number,
	overlapping: boolean,
): Chunk[] | undefined {
	const chunks: Chunk[] = [];
	for (let end = firstSize; end < reach; ) {
		if (chunks.length >= MAX_PAGES) return undefined;
		let best = { page: chunks.length + 2, limit: firstSize, end: end + firstSize };
		for (let limit = MAX_PAGE_SIZE; overlapping && limit >= MIN_CHUNK; limit--) {
			const offset = limit * Math.floor((end - OVERLAP) / limit);
			if (limit === MAX_PAGE_SIZE || offset + limit > best.end) {
				best = { page: offset / limit + 1, limit, end: offset + limit };
			}
		}
		if (best.end <= end) return undefined;
		chunks.push({ page: best.page, limit: best.limit });
		end = best.end;
	}
	return chunks;
}

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

interface Fetched extends Page {
	chunk: Chunk;
}

/**
 * Reads the chunks after page 1 (`first`) `width` at a time, then, on a time cursor, sweeps the
 * gaps the chunks did not close (see above). Undefined when a record has no readable cursor
 * time: the caller then reads the list one page after another.
 */
export async function pagesInParallel(
	ctx: StoraContext,
	list: ListRequest,
	options: CallOptions,
	first: Page,
	chunks: Chunk[],
	width: number,
): Promise<IDataObject[] | undefined> {
	const { limit, timeCursor: field } = list;
	const rest = await inParallel(chunks.length, width, async (index) => ({
		...(await fetchPage(ctx, list, { ...list.qs, ...chunks[index] }, options)),
		chunk: chunks[index],
	}));
	const fetched: Fetched[] = [{ ...first, chunk: { page: 1, limit: pageSizeFor(limit) } }, ...rest];
	if (!field) return await byPageNumber(ctx, list, options, fetched);
	if (fetched.some((page) => page.records.some((record) => Number.isNaN(timeOf(record, field))))) {
		return undefined;
	}
	const descending = list.qs.sort_direction !== 'ASC';
	/** Whether time `a` comes before time `b` in Stora's order. */
	const earlier = (a: number, b: number) => (descending ? a > b : a < b);
	const lastTime = (page: Page) => timeOf(page.records[page.records.length - 1], field);
	const full = (page: Fetched) => page.records.length >= page.chunk.limit;

	const parts: IDataObject[][] = [first.records];
	const gaps: Array<{ part: number; from: number; to: number }> = [];
	// The time laid out furthest so far: everything that matched throughout and comes strictly
	// before it in Stora's order is laid out already.
	let frontier = lastTime(first);
	let tailAfter: number | undefined;
	let index = 0;
	for (; index < fetched.length - 1; index++) {
		const [a, b] = [fetched[index], fetched[index + 1]];
		if (!full(a)) break;
		if (b.records.length === 0) {
			tailAfter = frontier;
			break;
		}
		const f = timeOf(b.records[0], field);
		const x = frontier;
		if (!earlier(f, x)) {
			gaps.push({ part: parts.length, from: Math.min(f, x), to: Math.max(f, x) });
			parts.push([]);
		}
		parts.push(b.records.filter((record) => !earlier(timeOf(record, field), x)));
		if (earlier(frontier, lastTime(b))) frontier = lastTime(b);
	}
	const last = fetched[index];
	if (index === fetched.length - 1 && full(last)) {
		const { page, limit: size } = last.chunk;
		if (morePagesAfter(ctx, last.body, page, last.records.length, size, options.itemIndex)) {
			tailAfter = frontier;
		}
	}
	const swept = await inParallel(gaps.length, width, (gap) =>
		sweep(ctx, list, field, { from: gaps[gap].from, to: gaps[gap].to }, options),
	);
	gaps.forEach((gap, gapIndex) => (parts[gap.part] = swept[gapIndex]));

	const out = collector(limit);
	for (const part of parts) out.add(part);
	if (tailAfter !== undefined && !out.full()) {
		const range = descending ? { to: tailAfter } : { from: tailAfter };
		out.add(await sweep(ctx, list, field, range, options, enoughFor(out, limit)));
	}
	return limit === undefined ? out.records : out.records.slice(0, limit);
}

/** Pages by number, in order, each id once; past the last, one by one while more follow. */
async function byPageNumber(
	ctx: StoraContext,
	list: ListRequest,
	options: CallOptions,
	fetched: Fetched[],
): Promise<IDataObject[]> {
	const { limit } = list;
	const out = collector(limit);
	for (const page of fetched) out.add(page.records);
	const last = fetched[fetched.length - 1];
	const { page, limit: size } = last.chunk;
	if (
		!out.full() &&
		morePagesAfter(ctx, last.body, page, last.records.length, size, options.itemIndex)
	) {
		out.add(await pagesAfter(ctx, list, options, page, enoughFor(out, limit)));
	}
	return limit === undefined ? out.records : out.records.slice(0, limit);
}

/** Stops a read once it has brought `limit` less what `out` holds of records `out` has not seen. */
function enoughFor(out: ReturnType<typeof collector>, limit: number | undefined) {
	const wanted = limit === undefined ? Infinity : limit - out.records.length;
	const counted = new Set(out.seen);
	let fresh = 0;
	return (page: IDataObject[]) => {
		for (const id of page.map(idOf)) {
			if (id !== undefined && !counted.has(id)) {
				counted.add(id);
				fresh++;
			}
		}
		return fresh >= wanted;
	};
}

/** The pages after page `after`, one by one, while more follow (the list grew during the run). */
async function pagesAfter(
	ctx: StoraContext,
	list: ListRequest,
	options: CallOptions,
	after: number,
	enough: (page: IDataObject[]) => boolean,
): Promise<IDataObject[]> {
	const pageSize = pageSizeFor(list.limit);
	const records: IDataObject[] = [];
	for (let page = after + 1; ; page++) {
		if (page > MAX_PAGES) throw tooManyPages(ctx, options.itemIndex);
		const next = await fetchPage(ctx, list, { ...list.qs, page, limit: pageSize }, options);
		records.push(...next.records);
		if (enough(next.records)) return records;
		if (!morePagesAfter(ctx, next.body, page, next.records.length, pageSize, options.itemIndex)) {
			return records;
		}
	}
}
