import type { IDataObject } from 'n8n-workflow';

/**
 * Telling Stora's replay of a stored answer from a fresh one. Stora replays the first answer to
 * an Idempotency-Key for 24 hours without documenting a header that says so; the record in the
 * answer shows it: a record made for this request cannot be older than the request.
 */

/** Timestamps of a fresh record may run this far behind the answer's `Date` beyond rounding. */
export const CLOCK_MARGIN_MS = 2000;
/** Without a `Date` header the skew between the clocks is unknown: only a large gap counts. */
export const UNKNOWN_SKEW_MARGIN_MS = 5 * 60 * 1000;
/** Stora's timestamps and `Date` are whole seconds. */
const ROUNDING_MS = 1000;

export interface AnswerTiming {
	/** When this execution first sent the key (local clock, ms). */
	sentAt: number;
	/** When the answer arrived (local clock, ms). */
	receivedAt: number;
	/** The answer's `Date` header. */
	date?: unknown;
}

const timeOf = (value: unknown): number | undefined => {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
};

/**
 * Whether a record stamped `stamp` (Stora's clock) was made before the request was sent. On
 * Stora's clock the request arrived no earlier than `Date` less the round trip; a fresh record is
 * stamped no earlier than that, less the rounding of both to the second.
 */
export function predatesRequest(stamp: unknown, timing: AnswerTiming): boolean {
	const stampedAt = timeOf(stamp);
	if (stampedAt === undefined) return false;
	const date = timeOf(timing.date);
	const roundTrip = Math.max(0, timing.receivedAt - timing.sentAt);
	if (date === undefined) {
		return stampedAt + ROUNDING_MS + UNKNOWN_SKEW_MARGIN_MS < timing.sentAt;
	}
	return stampedAt + ROUNDING_MS + CLOCK_MARGIN_MS < date - ROUNDING_MS - roundTrip;
}

/** The record of a 2xx answer: its first expected object, e.g. `order` of `{ order, meta }`. */
export function recordOf(
	body: IDataObject,
	expect: Record<string, 'object' | 'array'> | undefined,
): IDataObject | undefined {
	const name = Object.entries(expect ?? {}).find(([, kind]) => kind === 'object')?.[0];
	const record = name === undefined ? undefined : body[name];
	return record && typeof record === 'object' && !Array.isArray(record)
		? (record as IDataObject)
		: undefined;
}

/** Whether the answer says it is a replay (Stripe's header; Stora's docs name none). */
export const saysReplayed = (headers: IDataObject): boolean =>
	String(headers['idempotent-replayed']).toLowerCase() === 'true';

const MAX_EXECUTIONS = 1000;
const MAX_ERROR_IDS = 10000;

/** Per execution, when each key was first sent: n8n's Retry On Fail runs the node again in it. */
const keysSent = new Map<string, Map<string, number>>();

/**
 * When this execution first sent the key, noting `now` if it had not: the moment a record made
 * for it cannot predate. `before` says whether an earlier call in this execution sent it.
 */
export function firstSending(
	executionId: string | undefined,
	header: string,
	now: number,
): { sentAt: number; before: boolean } {
	if (executionId === undefined) return { sentAt: now, before: false };
	let keys = keysSent.get(executionId);
	if (!keys) {
		if (keysSent.size >= MAX_EXECUTIONS) keysSent.delete(keysSent.keys().next().value!);
		keys = new Map();
		keysSent.set(executionId, keys);
	}
	const sentAt = keys.get(header);
	if (sentAt !== undefined) return { sentAt, before: true };
	keys.set(header, now);
	return { sentAt: now, before: false };
}

/** Request IDs of POST error answers seen by this process: one seen again is a replay. */
const errorIdsSeen = new Set<string>();

export function seenBefore(requestId: string): boolean {
	if (errorIdsSeen.has(requestId)) return true;
	if (errorIdsSeen.size >= MAX_ERROR_IDS) errorIdsSeen.delete(errorIdsSeen.values().next().value!);
	errorIdsSeen.add(requestId);
	return false;
}
