import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../Stora/transport';
import { readingOf } from './events';
import type { PollOutcome, PollState } from './pollState';
import { OVERLAP_MS, cursorStep, newestFirstStop, newestOf, windowStep } from './pollState';
import { listSince, newestFirstUntil, newestRecords } from './reads';
import type { Settings } from './settings';

/**
 * One poll of each kind of event: the records read from Stora and what they make of the stored
 * state. `previous` is undefined for the first poll (or after the settings changed), which
 * remembers where Stora stands and emits nothing, unless Include Existing Since is set.
 */

const fresh = (settings: Settings, cursor?: number): PollState => ({
	v: 1,
	fingerprint: settings.fingerprint,
	...(cursor === undefined ? {} : { cursor: new Date(cursor).toISOString() }),
	emitted: {},
});

const emitsNothing = () => false;

/** Records created (or updated) since the cursor, with the overlap, oldest first. */
async function cursorPoll(
	ctx: IPollFunctions,
	settings: Settings,
	previous: PollState | undefined,
	now: number,
): Promise<PollOutcome> {
	const { reading, includeExistingSince: since } = settings;
	let start = previous?.cursor === undefined ? undefined : previous;
	let from: number;
	let emits: (() => boolean) | undefined;
	if (start) {
		from = Date.parse(String(start.cursor)) - OVERLAP_MS;
	} else if (since !== undefined) {
		start = fresh(settings, since);
		from = since;
	} else {
		// Where Stora stands by its own clock: the newest record, or now when there is none.
		const [newest] = await newestRecords(ctx, settings, 1);
		const time = newest === undefined ? undefined : reading.time(newest);
		if (time === undefined) return { emit: [], state: fresh(settings, now) };
		start = fresh(settings, time);
		from = time - OVERLAP_MS;
		emits = emitsNothing;
	}
	const records = await listSince(ctx, settings, from);
	return cursorStep(start, records, reading, {
		now,
		from,
		emits,
		wanted: settings.wanted,
		undatedKeepMs: settings.lookBackMs,
	});
}

/** Invoices newest first, back to the cursor (with the overlap) and never past the window. */
async function invoiceCreatedPoll(
	ctx: IPollFunctions,
	settings: Settings,
	previous: PollState | undefined,
	now: number,
): Promise<PollOutcome> {
	const { reading, includeExistingSince: since } = settings;
	const windowStart = now - settings.lookBackMs;
	let fromOf: (newestRead: number) => number;
	let emits: (() => boolean) | undefined;
	if (previous) {
		// A first poll that found no invoice left no cursor: all after it is new.
		const cursor = previous.cursor === undefined ? -Infinity : Date.parse(previous.cursor);
		fromOf = () => Math.max(cursor - OVERLAP_MS, windowStart);
	} else if (since !== undefined) {
		fromOf = () => Math.max(since, windowStart);
	} else {
		fromOf = (newestRead) => Math.max(newestRead - OVERLAP_MS, windowStart);
		emits = emitsNothing;
	}
	const records = await newestFirstUntil(ctx, settings, newestFirstStop(reading, fromOf));
	const newest = newestOf(records, reading);
	const from = fromOf((newest && reading.time(newest)) ?? -Infinity);
	return cursorStep(previous ?? fresh(settings), records, reading, {
		now,
		from,
		emits,
		wanted: settings.wanted,
		undatedKeepMs: settings.lookBackMs,
	});
}

/** Every record of the set within the window (orders in a status, paid invoices). */
async function windowPoll(
	ctx: IPollFunctions,
	settings: Settings,
	previous: PollState | undefined,
	now: number,
): Promise<PollOutcome> {
	const { event, reading, includeExistingSince: since } = settings;
	const from = now - settings.lookBackMs;
	const records =
		event.kind === 'status'
			? await listSince(ctx, settings, from)
			: await newestFirstUntil(
					ctx,
					settings,
					newestFirstStop(reading, () => from),
				);
	const reached = readingOf(event, true);
	let emits: ((record: IDataObject) => boolean) | undefined;
	if (!previous) {
		emits =
			since === undefined ? emitsNothing : (record) => (reached.time(record) ?? -Infinity) >= since;
	}
	return windowStep(previous ?? fresh(settings), records, reading, {
		now,
		from,
		emits,
		wanted: settings.wanted,
	});
}

export async function pollOnce(
	ctx: IPollFunctions,
	settings: Settings,
	previous: PollState | undefined,
	now: number,
): Promise<PollOutcome> {
	switch (settings.event.kind) {
		case 'cursor':
			return await cursorPoll(ctx, settings, previous, now);
		case 'invoiceCreated':
			return await invoiceCreatedPoll(ctx, settings, previous, now);
		default:
			return await windowPoll(ctx, settings, previous, now);
	}
}

/** Fetch Test Event: the newest record the event would emit, or undefined. */
export async function newestMatching(
	ctx: IPollFunctions,
	settings: Settings,
	now: number,
): Promise<IDataObject | undefined> {
	const { event, wanted } = settings;
	const reached = readingOf(event, true);
	if (event.resource !== 'invoice') {
		const records = await newestRecords(ctx, settings, MAX_PAGE_SIZE);
		return newestOf(records.filter(wanted), reached);
	}
	const pastWindow = newestFirstStop(settings.reading, () => now - settings.lookBackMs);
	const records = await newestFirstUntil(
		ctx,
		settings,
		(page) => pastWindow(page) || page.some(wanted),
	);
	return newestOf(records.filter(wanted), reached);
}
