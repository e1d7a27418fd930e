import type { IDataObject } from 'n8n-workflow';

export interface RetrySettings {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Upper bound on all the waiting one request may do between attempts. */
	maxRetryWaitMs: number;
	timeoutMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
	maxRetries: 5,
	maxRetryWaitMs: 300_000,
	timeoutMs: 30_000,
};

const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/** Exponential backoff with full jitter: attempt 0 waits up to 0.5 s, then 1 s, 2 s, … */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * How long to wait after a 429: `Retry-After` (seconds or an HTTP date) when present, else
 * `RateLimit-Reset` (epoch seconds, Stora's documented header), else backoff.
 */
export function rateLimitDelay(headers: IDataObject, attempt: number, now = Date.now()): number {
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = Number(header(headers, 'ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) {
		// A small margin so the retry lands after the server's window has really rolled over.
		return Math.max(0, reset * 1000 - now) + 100 + Math.round(Math.random() * 150);
	}
	return backoffDelay(attempt);
}

/**
 * Network failures worth another attempt: the request may or may not have reached Stora.
 * A cancelled execution (ERR_CANCELED) is not one of them.
 */
export function isTransientNetworkError(code: string | undefined): boolean {
	return (
		code === undefined ||
		[
			'ECONNRESET',
			'ECONNABORTED',
			'ETIMEDOUT',
			'ECONNREFUSED',
			'EPIPE',
			'EAI_AGAIN',
			'ENETUNREACH',
			'EHOSTUNREACH',
			'ERR_BAD_RESPONSE',
			'ESOCKETTIMEDOUT',
		].includes(code)
	);
}
