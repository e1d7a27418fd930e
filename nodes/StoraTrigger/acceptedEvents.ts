import type { IDataObject } from 'n8n-workflow';

/** Stora retries a delivery for hours; an event seen again within this window starts nothing. */
export const REDELIVERY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Bounds the record kept in the workflow's static data (saved with every accepted delivery). */
export const MAX_REMEMBERED_EVENTS = 10_000;

type Accepted = Record<string, number>;

/**
 * Events accepted by this process, per trigger node (and kept apart for the editor's test URL). The workflow's static data holds the same
 * record across restarts and processes, but each delivery reads it when it arrives and saves it
 * after, so two deliveries at the same moment can each save over the other's entry: this copy
 * keeps every event this process accepted.
 */
const acceptedHere = new Map<string, Accepted>();

function pruned(accepted: Accepted, now: number): Accepted {
	let recent = Object.entries(accepted).filter(
		([, at]) => typeof at === 'number' && now - at < REDELIVERY_WINDOW_MS,
	);
	if (recent.length > MAX_REMEMBERED_EVENTS) {
		recent = recent.sort(([, a], [, b]) => b - a).slice(0, MAX_REMEMBERED_EVENTS);
	}
	return Object.fromEntries(recent);
}

/**
 * Records the event as accepted and says whether it is new: false when this trigger accepted
 * it in the last 24 hours (a redelivery), here or in any process sharing the workflow's data.
 * Synchronous from check to record, so two deliveries in one process cannot both pass.
 */
export function acceptOnce(
	staticData: IDataObject,
	scope: string,
	eventId: string,
	now: number,
): boolean {
	const stored = pruned((staticData.acceptedEvents as Accepted | undefined) ?? {}, now);
	const here = pruned(acceptedHere.get(scope) ?? {}, now);
	const known = eventId in stored || eventId in here;
	if (!known) here[eventId] = now;
	acceptedHere.set(scope, here);
	// What this process knows goes back into the shared record, repairing entries lost to a race.
	const merged = pruned({ ...stored, ...here }, now);
	staticData.acceptedEvents = merged;
	return !known;
}
