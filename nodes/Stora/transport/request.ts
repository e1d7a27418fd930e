import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { IdempotencyKey } from '../helpers/idempotency';
import { API_VERSION } from './baseUrl';
import type { Connection } from './connection';
import { connectionOf } from './connection';
import type { FailedResponse, RequestContext } from './errors';
import {
	noResponseError,
	replayAdvice,
	requestIdOf,
	retypable,
	storaApiError,
	subjectOf,
	unsureSentence,
} from './errors';
import { refusalAdvice } from './subjects';
import type { NetworkFailure, RetrySettings } from './retryPolicy';
import {
	DEFAULT_RETRY_SETTINGS,
	backoffDelay,
	isTransientNetworkError,
	networkFailureOf,
	rateLimitDelay,
} from './retryPolicy';
import type { AnswerTiming } from './replay';
import { firstSending, predatesRequest, recordOf, saysReplayed, seenBefore } from './replay';
import type { TokenFailure } from './tokenFailure';
import { tokenFailureOf, tokenVerdict } from './tokenFailure';
import type { CredentialUse } from './tokenRenewal';
import { credentialFor, renewalDone } from './tokenRenewal';
import { abortableSleep } from './wait';

/** Operations, the editor's pickers, the trigger's activation hooks and the polling trigger's polls. */
export type StoraContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions;

export interface StoraRequest {
	method: IHttpRequestMethods;
	/** Path after the API version, e.g. `/orders`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Required on POST: every attempt of one logical request carries the same key. */
	idempotency?: IdempotencyKey;
	/**
	 * What a 2xx answer must hold, e.g. `{ order: 'object' }` or `{ orders: 'array' }`. An answer
	 * without it is treated like an unreadable one: retried (a POST under its key), then an error.
	 */
	expect?: Record<string, 'object' | 'array'>;
	/**
	 * On a POST, the timestamp of the answer's record that marks what the POST did: `created_at`
	 * (the default) for a create, `updated_at` for a finalize, or a function that finds it in the
	 * record. Older than the request, the record is from an earlier run.
	 */
	madeAt?: 'created_at' | 'updated_at' | ((record: IDataObject) => unknown);
	/**
	 * A file instead of JSON, e.g. an invoice's PDF: sent as the Accept header, and the 2xx
	 * answer's bytes are the result (`storaApiFile`). An error answer is still Stora's JSON.
	 */
	accept?: 'application/pdf';
}

/** A 2xx answer, and whether it is Stora's stored answer to the same key sent by an earlier run. */
export interface StoraAnswer {
	body: IDataObject;
	fromEarlierRun: boolean;
}

export interface CallOptions {
	itemIndex?: number;
	retry?: RetrySettings;
}

/** The execution's cancel signal (editor requests have none). */
function cancelSignalOf(ctx: StoraContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

export function isCancelled(ctx: StoraContext): boolean {
	return cancelSignalOf(ctx)?.aborted === true;
}

interface FullResponse extends FailedResponse {
	body: unknown;
}

const bytesOf = (body: unknown): Buffer | undefined => {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	return undefined;
};

/** An error answer to a file request arrives as bytes: Stora's JSON error when it parses, else the text. */
function errorBodyOf(body: unknown): unknown {
	const bytes = bytesOf(body);
	if (bytes === undefined) return body;
	const text = bytes.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

type Attempt =
	| { response: FullResponse; token?: string }
	| { networkError: NetworkFailure }
	| { tokenFailure: TokenFailure };

async function sendOnce(
	this: StoraContext,
	connection: Connection,
	request: StoraRequest,
	retry: RetrySettings,
	refused?: Attempt,
): Promise<Attempt> {
	const refusedToken = refused && 'token' in refused ? refused.token : undefined;
	let ticket: number;
	let credential: CredentialUse | undefined;
	do {
		// One request renews an OAuth client's token at a time; the others wait and take its token.
		const renewalFailure = await renewalDone(connection);
		if (renewalFailure) return { tokenFailure: renewalFailure };
		// Counted by the pacer as it is sent: the credential is already read, nothing comes between.
		ticket = await connection.pacer.acquire(cancelSignalOf(this));
		credential = credentialFor(connection, refusedToken);
		// A renewal began during the pacer's wait: this slot goes unused.
		if (!credential) connection.pacer.answered(ticket);
	} while (!credential);
	let tokenFailure: TokenFailure | undefined;
	let answerHeaders: IDataObject | undefined;
	try {
		const options = {
			method: request.method,
			baseURL: connection.baseUrl,
			url: `/${API_VERSION}${request.path}`,
			qs: request.qs,
			body: request.body,
			headers: {
				...(request.idempotency ? { 'Idempotency-Key': request.idempotency.header } : {}),
				...(request.accept ? { Accept: request.accept } : {}),
			},
			json: request.accept === undefined,
			...(request.accept ? { encoding: 'arraybuffer' as const } : {}),
			timeout: retry.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			connection.credentialType,
			options,
			credential.options,
		)) as FullResponse;
		answerHeaders = response.headers ?? {};
		const failed = response.statusCode < 200 || response.statusCode >= 300;
		const body = request.accept && failed ? errorBodyOf(response.body) : response.body;
		return { response: { ...response, body, headers: answerHeaders }, token: credential.token() };
	} catch (error) {
		tokenFailure = tokenFailureOf(error);
		if (tokenFailure) return { tokenFailure };
		// Only the code and message are kept: the wrapped request config holds the token.
		return { networkError: networkFailureOf(error) };
	} finally {
		credential.sent(tokenFailure);
		connection.pacer.answered(ticket, answerHeaders);
	}
}

function isJsonObject(body: unknown): body is IDataObject {
	return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** Why a 2xx answer to a file request is not the file, or undefined when it is. */
function fileProblem(response: FullResponse, accept: string): string | undefined {
	const bytes = bytesOf(response.body);
	if (bytes === undefined || bytes.length === 0) return 'Stora’s answer has no file in it';
	const type = String(response.headers['content-type'] ?? '').toLowerCase();
	if (type.includes('json')) return `Stora answered with JSON, not the ${accept} asked for`;
	return undefined;
}

/** Why a 2xx body is not the answer asked for, or undefined when it is. */
function shapeProblem(response: FullResponse, request: StoraRequest): string | undefined {
	if (request.accept) return fileProblem(response, request.accept);
	const { body } = response;
	const { expect } = request;
	if (!isJsonObject(body)) return 'Stora sent a response that is not JSON';
	for (const [property, kind] of Object.entries(expect ?? {})) {
		const value = body[property];
		const fits = kind === 'array' ? Array.isArray(value) : isJsonObject(value);
		if (!fits) return `Stora’s answer has no ${property} ${kind === 'array' ? 'list' : 'object'}`;
	}
	return undefined;
}

const isEmptyBody = (body: unknown) =>
	body === undefined || body === null || (typeof body === 'string' && body.trim() === '');

/** What to do after one attempt: return its body, try again after a delay, or fail. */
type Verdict =
	| { body: IDataObject | Buffer; headers: IDataObject }
	| { retryIn: number; rateLimited: boolean; failure: () => Error }
	| { failure: () => Error };

interface AttemptState {
	attempt: number;
	waitedMs: number;
	/** Whether an earlier attempt may have reached Stora without its answer reaching the node. */
	mayHaveActed: boolean;
	/** When this execution first sent the key: a record made for it is no older. */
	sentAt: number;
	/** Whether an earlier call in this execution sent the key (n8n's Retry On Fail). */
	sentBefore: boolean;
}

/** Why a POST's error answer may be Stora's stored one, or undefined when nothing says so. */
function replayReason(
	response: FullResponse,
	state: AttemptState,
): 'replayed' | 'sentBefore' | 'earlierAttempt' | undefined {
	const requestId = requestIdOf(response);
	// A request ID seen again (in this process) is the same answer: Stora replayed it.
	const idSeen = requestId !== undefined && seenBefore(requestId);
	if (saysReplayed(response.headers) || idSeen) return 'replayed';
	if (state.sentBefore) return 'sentBefore';
	return state.mayHaveActed ? 'earlierAttempt' : undefined;
}

function judge(
	this: StoraContext,
	outcome: Attempt,
	request: StoraRequest,
	context: RequestContext,
	state: AttemptState,
): Verdict {
	// Only a failure needs the node (n8n copies it on every getNode()).
	const node = () => this.getNode();
	if ('tokenFailure' in outcome)
		return tokenVerdict(outcome.tokenFailure, node, context, state.attempt, state.mayHaveActed);
	const attempts = state.attempt + 1;
	if ('networkError' in outcome) {
		state.mayHaveActed = true;
		const failure = () => noResponseError(node(), outcome.networkError, context, attempts);
		if (isCancelled(this) || !isTransientNetworkError(outcome.networkError.code)) {
			return { failure };
		}
		return { retryIn: backoffDelay(state.attempt), rateLimited: false, failure };
	}

	const { response } = outcome;
	const status = response.statusCode;
	if (status >= 200 && status < 300) {
		// A DELETE may answer 204 with no body at all: the deletion is the answer.
		if (request.method === 'DELETE' && !request.expect && isEmptyBody(response.body)) {
			return { body: {}, headers: response.headers };
		}
		const problem = shapeProblem(response, request);
		if (problem === undefined)
			return { body: response.body as IDataObject | Buffer, headers: response.headers };
		// Stora acted on it; only its answer is unusable.
		state.mayHaveActed = true;
		const unreadable = { code: 'INCOMPLETE_ANSWER', message: problem };
		return {
			retryIn: backoffDelay(state.attempt),
			rateLimited: false,
			failure: () => noResponseError(node(), unreadable, context, attempts),
		};
	}
	if (status === 429) {
		const limit = response.headers['ratelimit-limit'];
		return {
			retryIn: rateLimitDelay(response.headers, state.attempt),
			rateLimited: true,
			failure: () =>
				storaApiError(
					node(),
					response,
					context,
					`Stora's rate limit${limit ? ` of ${String(limit)} requests per window` : ''} was still exceeded after ${attempts} attempts and ${Math.round(state.waitedMs / 1000)} s of waiting. Lower "Requests per Second" / "Requests per Minute" in the credential to match your plan, or raise "Max Retry Wait" in the node's options.`,
				),
		};
	}

	if (status === 404 && request.method === 'DELETE' && state.mayHaveActed) {
		// The answer to an earlier attempt was lost; this one finds the record gone: it was deleted.
		return { body: { deletedByEarlierAttempt: true }, headers: response.headers };
	}
	const reason = context.idempotency ? replayReason(response, state) : undefined;
	const replayed = reason === 'replayed';
	if (status >= 500) state.mayHaveActed = true;
	const key = retypable(context) ? context.idempotency : undefined;
	const advice = [
		status >= 500 && key ? unsureSentence(context.path) : undefined,
		key
			? replayAdvice(key, status, reason, subjectOf(context.path), refusalOf(context, status))
			: undefined,
	]
		.filter(Boolean)
		.join('\n');
	const failure = () => storaApiError(node(), response, context, advice || undefined);
	// A GET's 5xx is retried; a POST's only until Stora replays it: then it is the stored answer.
	if (status >= 500 && !(context.idempotency && replayed)) {
		return { retryIn: backoffDelay(state.attempt), rateLimited: false, failure };
	}
	return { failure };
}

/** Whether an error answer is Stora refusing an action on a record (not a key still in use). */
const refusalOf = (context: RequestContext, status: number) =>
	(status === 409 || status === 422) && refusalAdvice(context.method, context.path) !== undefined;

/** The execution a request belongs to (editor and trigger requests have none). */
function executionIdOf(ctx: StoraContext): string | undefined {
	return 'getExecutionId' in ctx ? ctx.getExecutionId() : undefined;
}

/**
 * Whether a POST's 2xx answer is Stora's stored answer to the key sent by an earlier run: its
 * record predates this execution's first sending of the key, or Stora says it replayed it and
 * nothing this execution sent could have made it (otherwise the replay is of its own attempt).
 */
function fromEarlierRun(
	request: StoraRequest,
	verdict: { body: IDataObject; headers: IDataObject },
	state: AttemptState,
): boolean {
	if (request.method !== 'POST') return false;
	const record = recordOf(verdict.body, request.expect);
	const timing: AnswerTiming = {
		sentAt: state.sentAt,
		receivedAt: Date.now(),
		date: verdict.headers.date,
	};
	const madeAt = request.madeAt ?? 'created_at';
	const stamp = typeof madeAt === 'function' ? record && madeAt(record) : record?.[madeAt];
	if (predatesRequest(stamp, timing)) return true;
	return saysReplayed(verdict.headers) && !state.mayHaveActed && !state.sentBefore;
}

/**
 * The only door to Stora. Paces requests under the token's rate limits and retries what is
 * safe to retry:
 * - 429: waits for the window to reset, then sends the same request again;
 * - no response, an unreadable one or one without the object asked for: retries; a POST always
 *   with the same idempotency key, so Stora answers a retry with its stored first response
 *   instead of creating a second order;
 * - 5xx: a GET is retried; a POST is retried under the same key only until Stora replays the
 *   same error, which means the error is the stored answer for that key;
 * - any other 4xx: never retried.
 * Retrying stops after Max Retries, or before a wait that would pass Max Retry Wait. Cancelling
 * the execution ends every wait at once and sends nothing more.
 */
export async function storaApiAnswer(
	this: StoraContext,
	request: StoraRequest,
	options: CallOptions = {},
): Promise<StoraAnswer> {
	const { body, fromEarlierRun } = await answerOf.call(this, request, options);
	if (Buffer.isBuffer(body)) {
		throw new NodeOperationError(this.getNode(), 'A file request needs storaApiFile', {
			itemIndex: options.itemIndex,
		});
	}
	return { body, fromEarlierRun };
}

/**
 * A file from Stora, e.g. an invoice's PDF: a GET with the Accept header of its type, paced and
 * retried as every request is. The bytes come back exactly as Stora sent them, never empty.
 */
export async function storaApiFile(
	this: StoraContext,
	request: StoraRequest & { accept: NonNullable<StoraRequest['accept']> },
	options: CallOptions = {},
): Promise<Buffer> {
	return (await answerOf.call(this, request, options)).body as Buffer;
}

async function answerOf(
	this: StoraContext,
	request: StoraRequest,
	options: CallOptions,
): Promise<{ body: IDataObject | Buffer; fromEarlierRun: boolean }> {
	const { itemIndex } = options;
	const retry = options.retry ?? DEFAULT_RETRY_SETTINGS;
	if (request.method === 'POST' && !request.idempotency) {
		throw new NodeOperationError(this.getNode(), 'A POST to Stora needs an idempotency key', {
			itemIndex,
		});
	}
	const connection = await connectionOf.call(this, itemIndex);
	const context: RequestContext = {
		method: request.method,
		path: request.path,
		itemIndex,
		idempotency: request.idempotency,
		credentialType: connection.credentialType,
		accept: request.accept,
	};

	const sending = request.idempotency
		? firstSending(executionIdOf(this), request.idempotency.header, Date.now())
		: { sentAt: Date.now(), before: false };
	const state: AttemptState = {
		attempt: 0,
		waitedMs: 0,
		mayHaveActed: false,
		sentAt: sending.sentAt,
		sentBefore: sending.before,
	};
	let tokenRefused = false;
	for (; ; state.attempt++) {
		let outcome = await sendOnce.call(this, connection, request, retry);
		if (
			connection.oauth &&
			!tokenRefused &&
			'response' in outcome &&
			outcome.response.statusCode === 401
		) {
			// An OAuth token Stora no longer takes (expired early, revoked): once, a new one.
			// Stora checks the token before the idempotency key, so a POST is safe to send again.
			tokenRefused = true;
			outcome = await sendOnce.call(this, connection, request, retry, outcome);
		}
		const verdict = judge.call(this, outcome, request, context, state);
		if ('body' in verdict) {
			const { body, headers } = verdict;
			const earlier = !Buffer.isBuffer(body) && fromEarlierRun(request, { body, headers }, state);
			return { body, fromEarlierRun: earlier };
		}
		if (
			!('retryIn' in verdict) ||
			state.attempt >= retry.maxRetries ||
			state.waitedMs + verdict.retryIn > retry.maxRetryWaitMs
		) {
			throw verdict.failure();
		}
		// Stora counts the limit per token: every request with this token waits out the window.
		if (verdict.rateLimited) connection.pacer.rateLimited(Date.now() + verdict.retryIn);
		await abortableSleep(verdict.retryIn, cancelSignalOf(this));
		state.waitedMs += verdict.retryIn;
	}
}

/** `storaApiAnswer`'s body: for requests whose answer cannot be a replay, or where that does not matter. */
export async function storaApiRequest(
	this: StoraContext,
	request: StoraRequest,
	options: CallOptions = {},
): Promise<IDataObject> {
	return (await storaApiAnswer.call(this, request, options)).body;
}
