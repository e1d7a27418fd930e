import type { IDataObject } from 'n8n-workflow';

import { header, resetTimeOf } from './rateLimitHeaders';

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

/** The editor waits for dropdowns and searches: a short budget, so a failing Stora shows at once. */
export const EDITOR_RETRY_SETTINGS: RetrySettings = {
	maxRetries: 1,
	maxRetryWaitMs: 2_000,
	timeoutMs: 10_000,
};

const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/** Exponential backoff with full jitter: attempt 0 waits up to 0.5 s, then 1 s, 2 s, … */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** After a reset, a margin (so the window has really rolled over) and a spread (so that
 * several n8n processes on one token do not all come back in the same instant). */
export function afterReset(random: () => number = Math.random): number {
	return 100 + Math.round(random() * 400);
}

/**
 * How long to wait after a 429: `Retry-After` (seconds or an HTTP date) when present, else
 * until `RateLimit-Reset` (Stora's documented header), else backoff.
 */
export function rateLimitDelay(headers: IDataObject, attempt: number, now = Date.now()): number {
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const resetAt = resetTimeOf(headers, now);
	if (resetAt !== undefined) return Math.max(0, resetAt - now) + afterReset();
	return backoffDelay(attempt);
}

/** A request that got no usable answer: the network error's code and its own words. */
export interface NetworkFailure {
	code?: string;
	message: string;
}

const ERROR_CODE = /^(E[A-Z0-9_]{2,}|ERR_[A-Z0-9_]+|UND_ERR_[A-Z0-9_]+|[A-Z0-9_]*CERT[A-Z0-9_]*)$/;

/**
 * Reads a failed request's code from what n8n hands the node. n8n 2.x wraps the axios error in a
 * NodeApiError that drops it as `cause` but keeps its code as `httpCode` and its message in
 * `messages`; older versions keep the `cause`. A code found nowhere is read from the message.
 */
export function networkFailureOf(error: unknown): NetworkFailure {
	const wrapped = (error ?? {}) as {
		cause?: { code?: unknown; message?: unknown };
		code?: unknown;
		httpCode?: unknown;
		messages?: unknown;
		message?: unknown;
	};
	const messages = Array.isArray(wrapped.messages) ? wrapped.messages.map(String) : [];
	const message = String(wrapped.cause?.message ?? messages[0] ?? wrapped.message ?? 'no answer')
		.split('\n')[0]
		.trim();
	const candidates = [wrapped.cause?.code, wrapped.code, wrapped.httpCode];
	let code = candidates.find(
		(candidate): candidate is string => typeof candidate === 'string' && ERROR_CODE.test(candidate),
	);
	if (code === undefined) {
		code = [message, ...messages]
			.map((text) => /\b(E[A-Z]{3,}[A-Z_]*|ERR_[A-Z_]+)\b/.exec(text)?.[1])
			.find((found) => found !== undefined);
	}
	return { code, message };
}

/**
 * Failures worth another attempt: the connection failed or broke, or no answer came in time, so
 * the request may or may not have reached Stora. Anything else (a bad certificate, an unknown
 * host, a cancelled execution, an error without a code) is not retried.
 */
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ENETDOWN',
	'ERR_BAD_RESPONSE',
	'ERR_STREAM_PREMATURE_CLOSE',
	'UND_ERR_SOCKET',
]);

export function isTransientNetworkError(code: string | undefined): boolean {
	return code !== undefined && TRANSIENT_CODES.has(code);
}

const EXPLANATIONS: Record<string, string> = {
	ECONNREFUSED: 'Stora refused the connection (is the Base URL right, and is Stora up?)',
	ECONNRESET: 'the connection was closed before Stora answered',
	ERR_BAD_RESPONSE: 'the connection broke while Stora’s answer was arriving',
	ECONNABORTED: 'no answer arrived within the timeout',
	ETIMEDOUT: 'no answer arrived within the timeout',
	ENOTFOUND: 'the host name in the Base URL could not be found',
	EPROTO: 'no secure (TLS) connection could be made: check the Base URL’s scheme and port',
	EAI_AGAIN: 'the host name in the Base URL could not be looked up (DNS)',
};

/** The failure in an operator's words, with its code. */
export function explainNetworkFailure(failure: NetworkFailure): string {
	const explanation = failure.code === undefined ? undefined : EXPLANATIONS[failure.code];
	if (explanation) return `${explanation} (${failure.code})`;
	return failure.code === undefined ? failure.message : `${failure.message} (${failure.code})`;
}
