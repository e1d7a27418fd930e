import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { API_VERSION, secureBaseUrl } from './baseUrl';
import type { FailedResponse, RequestContext } from './errors';
import { noResponseError, requestIdOf, storaApiError } from './errors';
import type { Pacer } from './pacer';
import { pacerFor } from './pacer';
import type { RetrySettings } from './retryPolicy';
import {
	DEFAULT_RETRY_SETTINGS,
	backoffDelay,
	isTransientNetworkError,
	rateLimitDelay,
} from './retryPolicy';

export type StoraContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface StoraRequest {
	method: IHttpRequestMethods;
	/** Path after the API version, e.g. `/orders`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Required on POST: every attempt of one logical request carries the same key. */
	idempotencyKey?: string;
}

export interface CallOptions {
	itemIndex?: number;
	retry?: RetrySettings;
}

interface Connection {
	baseUrl: string;
	pacer: Pacer;
}

async function connect(this: StoraContext, itemIndex: number | undefined): Promise<Connection> {
	const credentials = await this.getCredentials('storaApi', itemIndex);
	const baseUrl = secureBaseUrl(credentials.baseUrl as string | undefined);
	if (baseUrl === undefined) {
		throw new NodeOperationError(this.getNode(), 'The Base URL must use https://', {
			description:
				'The Stora API credential’s Base URL sends the access token over plain http to a host that is not this machine. Use https:// (plain http is accepted only for localhost, 127.0.0.1 and [::1]).',
			itemIndex,
		});
	}
	const limits = {
		perSecond: Math.max(1, Number(credentials.requestsPerSecond) || 10),
		perMinute: Math.max(1, Number(credentials.requestsPerMinute) || 60),
	};
	// The rate limit belongs to the token, so executions using the same token share one pacer.
	const tokenKey = createHash('sha256')
		.update(`${baseUrl}\n${String(credentials.accessToken)}`)
		.digest('hex');
	return { baseUrl, pacer: pacerFor(tokenKey, limits) };
}

interface FullResponse extends FailedResponse {
	body: unknown;
}

type Attempt = { response: FullResponse } | { networkError: { code?: string; message?: string } };

async function sendOnce(
	this: StoraContext,
	connection: Connection,
	request: StoraRequest,
	retry: RetrySettings,
): Promise<Attempt> {
	await connection.pacer.acquire();
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'storaApi', {
			method: request.method,
			baseURL: connection.baseUrl,
			url: `/${API_VERSION}${request.path}`,
			qs: request.qs,
			body: request.body,
			headers: request.idempotencyKey ? { 'Idempotency-Key': request.idempotencyKey } : {},
			json: true,
			timeout: retry.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as FullResponse;
		return { response: { ...response, headers: response.headers ?? {} } };
	} catch (error) {
		// n8n wraps the axios error; only its code and message are kept (its config holds the token).
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		return {
			networkError: {
				code: cause?.code ?? (error as { code?: string }).code,
				message: cause?.message ?? (error as Error).message,
			},
		};
	}
}

function isJsonObject(body: unknown): body is IDataObject {
	return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** What to do after one attempt: return its body, try again after a delay, or fail. */
type Verdict =
	| { body: IDataObject }
	| { retryIn: number; rateLimited: boolean; failure: () => Error }
	| { failure: () => Error };

interface AttemptState {
	attempt: number;
	waitedMs: number;
	/** The request ID of a POST's last 5xx: seeing it again means Stora replayed a stored error. */
	failedPostRequestId?: string;
}

function judge(
	this: StoraContext,
	outcome: Attempt,
	context: RequestContext,
	state: AttemptState,
): Verdict {
	const node = this.getNode();
	const attempts = state.attempt + 1;
	if ('networkError' in outcome) {
		const failure = () => noResponseError(node, outcome.networkError, context, attempts);
		// n8n's error keeps a readable message but not always the code: a cancelled execution is
		// recognised by its signal.
		const cancelled =
			'getExecutionCancelSignal' in this && this.getExecutionCancelSignal()?.aborted;
		if (cancelled || !isTransientNetworkError(outcome.networkError.code)) return { failure };
		return { retryIn: backoffDelay(state.attempt), rateLimited: false, failure };
	}

	const { response } = outcome;
	const status = response.statusCode;
	if (status >= 200 && status < 300) {
		if (isJsonObject(response.body)) return { body: response.body };
		const unreadable = { code: 'INVALID_JSON', message: 'Stora sent a response that is not JSON' };
		return {
			retryIn: backoffDelay(state.attempt),
			rateLimited: false,
			failure: () => noResponseError(node, unreadable, context, attempts),
		};
	}
	if (status === 429) {
		const limit = response.headers['ratelimit-limit'];
		return {
			retryIn: rateLimitDelay(response.headers, state.attempt),
			rateLimited: true,
			failure: () =>
				storaApiError(
					node,
					response,
					context,
					`Stora's rate limit${limit ? ` of ${String(limit)} requests per window` : ''} was still exceeded after ${attempts} attempts and ${Math.round(state.waitedMs / 1000)} s of waiting. Lower "Requests per Second" / "Requests per Minute" in the credential to match your plan, or raise "Max Retry Wait" in the node's options.`,
				),
		};
	}
	if (status >= 500) {
		const isPost = context.method === 'POST';
		const advice = isPost
			? 'Stora stores the first answer to an idempotency key, errors included, and replays it. The order may or may not have been created: check it in Stora before creating it again.'
			: undefined;
		const failure = () => storaApiError(node, response, context, advice);
		const requestId = requestIdOf(response);
		if (isPost && requestId !== undefined && requestId === state.failedPostRequestId) {
			return { failure };
		}
		if (isPost) state.failedPostRequestId = requestId;
		return { retryIn: backoffDelay(state.attempt), rateLimited: false, failure };
	}
	return { failure: () => storaApiError(node, response, context) };
}

/**
 * The only door to Stora. Paces requests under the token's rate limits and retries what is
 * safe to retry:
 * - 429: waits for the window to reset, then sends the same request again;
 * - no response or an unreadable one: retries; a POST always with the same idempotency key, so
 *   Stora answers a retry with the stored first response instead of creating a second order;
 * - 5xx: a GET is retried; a POST is retried under the same key only until Stora replays the
 *   same error, which means the error is the stored answer for that key;
 * - any other 4xx: never retried.
 * Retrying stops after Max Retries, or before a wait that would pass Max Retry Wait.
 */
export async function storaApiRequest(
	this: StoraContext,
	request: StoraRequest,
	options: CallOptions = {},
): Promise<IDataObject> {
	const { itemIndex } = options;
	const retry = options.retry ?? DEFAULT_RETRY_SETTINGS;
	if (request.method === 'POST' && !request.idempotencyKey) {
		throw new NodeOperationError(this.getNode(), 'A POST to Stora needs an idempotency key', {
			itemIndex,
		});
	}
	const connection = await connect.call(this, itemIndex);
	const context: RequestContext = {
		method: request.method,
		path: request.path,
		itemIndex,
		idempotencyKey: request.idempotencyKey,
	};

	const state: AttemptState = { attempt: 0, waitedMs: 0 };
	for (; ; state.attempt++) {
		const outcome = await sendOnce.call(this, connection, request, retry);
		const verdict = judge.call(this, outcome, context, state);
		if ('body' in verdict) return verdict.body;
		if (
			!('retryIn' in verdict) ||
			state.attempt >= retry.maxRetries ||
			state.waitedMs + verdict.retryIn > retry.maxRetryWaitMs
		) {
			throw verdict.failure();
		}
		// Stora counts the limit per token: every request with this token waits out the window.
		if (verdict.rateLimited) connection.pacer.blockUntil(Date.now() + verdict.retryIn);
		await sleep(verdict.retryIn);
		state.waitedMs += verdict.retryIn;
	}
}

/** Stops a server that keeps announcing a next page from looping forever (100,000 orders). */
const MAX_PAGES = 1000;
export const MAX_PAGE_SIZE = 100;

/**
 * The page size that fetches `limit` records in the fewest requests without over-fetching:
 * 30 → one page of 30; 150 → two pages of 75; everything → pages of 100.
 */
export function pageSizeFor(limit: number | undefined): number {
	if (limit === undefined) return MAX_PAGE_SIZE;
	const pages = Math.ceil(limit / MAX_PAGE_SIZE);
	return Math.ceil(limit / pages);
}

/**
 * Fetches pages in order until `limit` records are collected or `meta.pagination.next` is null.
 * A page that fails is retried by storaApiRequest, never skipped; a record seen on an earlier
 * page (the list shifted while paging) is returned only once.
 */
export async function storaApiRequestAllItems(
	this: StoraContext,
	path: string,
	property: string,
	qs: IDataObject,
	options: CallOptions & { limit?: number },
): Promise<IDataObject[]> {
	const { limit } = options;
	const pageSize = pageSizeFor(limit);
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let page = 1;
	for (let requests = 0; ; requests++) {
		if (requests >= MAX_PAGES) {
			throw new NodeOperationError(this.getNode(), `Stopped after ${MAX_PAGES} pages`, {
				description: `Stora kept announcing more pages after ${MAX_PAGES * pageSize} records. Narrow the filters, or set a Limit.`,
				itemIndex: options.itemIndex,
			});
		}
		const body = await storaApiRequest.call(
			this,
			{ method: 'GET', path, qs: { ...qs, page, limit: pageSize } },
			options,
		);
		const pageRecords = Array.isArray(body[property]) ? (body[property] as IDataObject[]) : [];
		for (const record of pageRecords) {
			const id = typeof record.id === 'string' ? record.id : undefined;
			if (id !== undefined && seen.has(id)) continue;
			if (id !== undefined) seen.add(id);
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
		const pagination = ((body.meta as IDataObject | undefined)?.pagination ?? {}) as IDataObject;
		const next = Number(pagination.next);
		if (pageRecords.length === 0 || !Number.isInteger(next) || next <= page) return records;
		page = next;
	}
}
