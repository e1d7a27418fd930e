import type { IDataObject } from 'n8n-workflow';

/**
 * What one poll makes of the records it read, as pure functions: what to emit and the state the
 * next poll starts from. Nothing here reads the clock or calls Stora.
 */

/** How late Stora may commit a record stamped before a poll that did not see it. */
export const OVERLAP_MS = 5 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Kept in the node's static data under `pollState`. */
export interface PollState {
	v: 1;
	/** The event and its settings; another fingerprint starts afresh. */
	fingerprint: string;
	/** The newest timestamp read, for the events that follow a cursor. */
	cursor?: string;
	/** Each emitted record's key → its timestamp, by which it is pruned. */
	emitted: Record<string, string>;
	/** Keys of emitted records without a timestamp → when they were emitted. */
	undated?: Record<string, string>;
}

/** How an event's records are told apart and placed in time. */
export interface Reading {
	key(record: IDataObject): string;
	/** Milliseconds since the epoch; undefined when the record has no usable timestamp. */
	time(record: IDataObject): number | undefined;
}

export interface PollOutcome {
	emit: IDataObject[];
	state: PollState;
}

export interface Step {
	now: number;
	/** Records before this time count as read by an earlier poll. */
	from: number;
	/** Whether a new record is emitted; false only remembers it (the first poll). */
	emits?: (record: IDataObject) => boolean;
	/** Whether a record is one the user asked for (filters Stora may have ignored). */
	wanted?: (record: IDataObject) => boolean;
}

const iso = (time: number) => new Date(time).toISOString();
/** A stored timestamp in milliseconds; none or an unreadable one is before everything. */
const timeOf = (text: string | undefined) => {
	const time = text === undefined ? NaN : Date.parse(text);
	return Number.isNaN(time) ? -Infinity : time;
};

/** The stored state when it is this version's and for the same settings, else undefined. */
export function storedState(stored: unknown, fingerprint: string): PollState | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const state = stored as PollState;
	if (state.v !== 1 || state.fingerprint !== fingerprint) return undefined;
	if (typeof state.emitted !== 'object' || state.emitted === null) return undefined;
	if (state.cursor !== undefined && Number.isNaN(Date.parse(state.cursor))) return undefined;
	return state;
}

/** Deterministic text of the settings that decide which records an event emits. */
export function fingerprintOf(settings: unknown): string {
	const sorted = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(sorted);
		if (typeof value !== 'object' || value === null) return value;
		const entries = Object.entries(value as IDataObject)
			.filter(([, entry]) => entry !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return Object.fromEntries(entries.map(([key, entry]) => [key, sorted(entry)]));
	};
	return JSON.stringify(sorted(settings));
}

/** Oldest first, records sharing a second by ID; records without a timestamp last. */
export function oldestFirst(records: IDataObject[], reading: Reading): IDataObject[] {
	const order = (record: IDataObject) => reading.time(record) ?? Infinity;
	const id = (record: IDataObject) => String(record.id ?? reading.key(record));
	return [...records].sort((a, b) => {
		const byTime = order(a) - order(b);
		if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
		return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
	});
}

/** The newest record, or undefined when there is none. */
export function newestOf(records: IDataObject[], reading: Reading): IDataObject | undefined {
	const dated = oldestFirst(records, reading).filter((r) => reading.time(r) !== undefined);
	return dated[dated.length - 1] ?? records[0];
}

interface Taken {
	emit: IDataObject[];
	emitted: Record<string, string>;
	undated: Record<string, string>;
	newest: number;
}

/** The wanted records not read before, oldest first, each remembered under its key. */
function takeNew(previous: PollState, records: IDataObject[], reading: Reading, step: Step): Taken {
	const emitted = { ...previous.emitted };
	const undated = { ...(previous.undated ?? {}) };
	const emit: IDataObject[] = [];
	let newest = -Infinity;
	for (const record of oldestFirst(records, reading)) {
		const time = reading.time(record);
		if (time !== undefined) newest = Math.max(newest, time);
		if (step.wanted && !step.wanted(record)) continue;
		const key = reading.key(record);
		if (key in emitted || key in undated) continue;
		if (time === undefined) undated[key] = iso(step.now);
		else if (time < step.from) continue;
		else emitted[key] = iso(time);
		if (!step.emits || step.emits(record)) emit.push(record);
	}
	return { emit, emitted, undated, newest };
}

const keptFrom = (keys: Record<string, string>, from: number) =>
	Object.fromEntries(Object.entries(keys).filter(([, time]) => timeOf(time) >= from));

function stateOf(
	previous: PollState,
	emitted: Record<string, string>,
	undated: Record<string, string>,
	cursor?: string,
): PollState {
	const state: PollState = { v: 1, fingerprint: previous.fingerprint, emitted };
	if (cursor !== undefined) state.cursor = cursor;
	if (Object.keys(undated).length > 0) state.undated = undated;
	return state;
}

/**
 * For events read since a cursor (created, updated): the cursor moves to the newest timestamp
 * read, and only keys within the overlap before it are kept: older records are not asked for
 * again. Undated keys are kept for `undatedKeepMs`.
 */
export function cursorStep(
	previous: PollState,
	records: IDataObject[],
	reading: Reading,
	step: Step & { undatedKeepMs: number },
): PollOutcome {
	const taken = takeNew(previous, records, reading, step);
	const newest = Math.max(timeOf(previous.cursor), taken.newest);
	const cursor = Number.isFinite(newest) ? iso(newest) : previous.cursor;
	const floor = timeOf(cursor) - OVERLAP_MS;
	return {
		emit: taken.emit,
		state: stateOf(
			previous,
			keptFrom(taken.emitted, floor),
			keptFrom(taken.undated, step.now - step.undatedKeepMs),
			cursor,
		),
	};
}

/**
 * For events read as "every record in a set within the look-back window" (a status reached, an
 * invoice paid): keys are kept while their record is within the window (`step.from`).
 */
export function windowStep(
	previous: PollState,
	records: IDataObject[],
	reading: Reading,
	step: Step,
) {
	const taken = takeNew(previous, records, reading, step);
	return {
		emit: taken.emit,
		state: stateOf(
			previous,
			keptFrom(taken.emitted, step.from),
			keptFrom(taken.undated, step.from),
		),
	};
}

/**
 * For a list read newest first: a `until` for the pager that stops after the first page that
 * reaches back before `fromOf(newest read so far)`. It stops only while every page read has
 * come newest first: a Stora that does not honour the sort is read to the last page.
 */
export function newestFirstStop(
	reading: Reading,
	fromOf: (newestRead: number) => number,
): (page: IDataObject[]) => boolean {
	let previous = Infinity;
	let newest = -Infinity;
	let sorted = true;
	return (page) => {
		const times = page.map((record) => reading.time(record)).filter((t) => t !== undefined);
		for (const time of times) {
			if (time > previous) sorted = false;
			previous = time;
			newest = Math.max(newest, time);
		}
		const from = fromOf(newest);
		return sorted && times.some((time) => time < from);
	};
}
