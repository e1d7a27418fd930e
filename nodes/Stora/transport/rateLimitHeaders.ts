import type { IDataObject } from 'n8n-workflow';

export function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return value === undefined || value === null ? undefined : String(value);
}

/** Reset values below this are seconds from now (as in the IETF draft), not epoch seconds. */
const EPOCH_SECONDS_FLOOR = 1_000_000_000;
/** Clocks further apart than this are corrected with the answer's Date header. */
const CLOCK_SKEW_MS = 2_000;

/**
 * When the window in `RateLimit-Reset` resets, on this machine's clock. Stora documents epoch
 * seconds; a small number is read as seconds from now. When the answer's `Date` shows Stora's
 * clock more than 2 s away from this one, the reset is taken relative to that `Date` instead.
 */
export function resetTimeOf(headers: IDataObject, now: number): number | undefined {
	const reset = Number(header(headers, 'ratelimit-reset'));
	if (!Number.isFinite(reset) || reset <= 0) return undefined;
	if (reset < EPOCH_SECONDS_FLOOR) return now + reset * 1000;
	const date = Date.parse(header(headers, 'date') ?? '');
	if (!Number.isNaN(date) && Math.abs(date - now) > CLOCK_SKEW_MS) {
		return now + Math.max(0, reset * 1000 - date);
	}
	return reset * 1000;
}

/** What `RateLimit-Limit` advertises: the token's limit in a window of a second or a minute. */
export interface AdvertisedLimit {
	limit: number;
	window: 'second' | 'minute';
	resetAt: number;
}

/**
 * Seconds from Stora's clock at the answer to the reset, in whole seconds when the answer has a
 * `Date`; without one, this machine's clock less the skew it may have.
 */
function secondsToReset(headers: IDataObject, resetAt: number, now: number): number {
	const reset = Number(header(headers, 'ratelimit-reset'));
	if (reset < EPOCH_SECONDS_FLOOR) return reset;
	const date = Date.parse(header(headers, 'date') ?? '');
	if (!Number.isNaN(date)) return reset - Math.floor(date / 1000);
	return (resetAt - now - CLOCK_SKEW_MS) / 1000;
}

/**
 * A window resetting at least this many whole seconds after the answer's `Date` is a minute's.
 * Not 2: a `Date` cached from the previous second (Node's HTTP server, a proxy) makes a second's
 * window look 2 s away, and a second's limit taken as a minute's would slow everything 60-fold.
 */
const MINUTE_WINDOW_FROM_S = 3;

/**
 * Stora's reference names only `RateLimit-Limit` ("maximum requests in the current window") and
 * `RateLimit-Reset`, not which window (it limits per second and per minute). A window that resets
 * 3 s or more after the answer is not a second's: it is the minute's. One that resets sooner may
 * be either, so its limit is only taken as a bound on a second, which holds for both.
 */
export function advertisedLimitOf(headers: IDataObject, now: number): AdvertisedLimit | undefined {
	const limit = Math.floor(Number(header(headers, 'ratelimit-limit')));
	const resetAt = resetTimeOf(headers, now);
	if (!Number.isFinite(limit) || limit < 1 || resetAt === undefined || resetAt <= now) {
		return undefined;
	}
	const window =
		secondsToReset(headers, resetAt, now) >= MINUTE_WINDOW_FROM_S ? 'minute' : 'second';
	return { limit, window, resetAt };
}

/** A window Stora reported: how many requests it still takes, and when it resets. */
export interface ServerWindow {
	remaining: number;
	resetAt: number;
}

/**
 * What an answer's `RateLimit-Remaining` and `RateLimit-Reset` say (`RateLimit-Remaining` is
 * unconfirmed in Stora's docs: without it, nothing is learnt).
 */
export function serverWindowOf(headers: IDataObject, now: number): ServerWindow | undefined {
	const remaining = Number(header(headers, 'ratelimit-remaining'));
	const resetAt = resetTimeOf(headers, now);
	if (!Number.isFinite(remaining) || resetAt === undefined || resetAt <= now) return undefined;
	return { remaining: Math.max(0, Math.floor(remaining)), resetAt };
}
