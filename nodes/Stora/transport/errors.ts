import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { IdempotencyKey } from '../helpers/idempotency';
import type { NetworkFailure } from './retryPolicy';
import { explainNetworkFailure } from './retryPolicy';
import { mayHaveDone, recordOfPath, refusalAdvice, scopeOf, subjectOf } from './subjects';

export { subjectOf, unsureSentence } from './subjects';

export interface StoraProblem {
	message: string;
	pointer?: string;
}

/** Stora's error body: `{ error: { code, type, message, details[], links[], request_id } }`. */
export interface StoraErrorBody {
	code?: string;
	type?: string;
	message?: string;
	details?: StoraProblem[];
	request_id?: string;
}

export interface FailedResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

export interface RequestContext {
	method: string;
	path: string;
	itemIndex?: number;
	idempotency?: IdempotencyKey;
	/** Which credential sent it, for the wording of 401/403 advice (Access Token when unset). */
	credentialType?: 'storaApi' | 'storaOAuth2Api';
	/** The file type asked for, e.g. `application/pdf`, when not JSON. */
	accept?: string;
}

function storaErrorOf(body: unknown): StoraErrorBody {
	if (body && typeof body === 'object' && 'error' in body) {
		const error = (body as { error: unknown }).error;
		if (error && typeof error === 'object') return error as StoraErrorBody;
	}
	return {};
}

function problemsOf(error: StoraErrorBody): StoraProblem[] {
	if (!Array.isArray(error.details)) return [];
	return error.details
		.filter((detail) => detail && typeof detail.message === 'string')
		.map((detail) => ({ message: detail.message, pointer: detail.pointer }));
}

export function requestIdOf(response: FailedResponse): string | undefined {
	const fromBody = storaErrorOf(response.body).request_id;
	const fromHeader = response.headers['x-request-id'];
	return fromBody ?? (typeof fromHeader === 'string' ? fromHeader : undefined);
}

/** Which record a 404 on this path means is missing, or undefined for a list or unknown path. */
function missingRecord(error: StoraErrorBody, path: string): string | undefined {
	if (error.code === 'invalid_endpoint') return undefined;
	const pointers = problemsOf(error).map((problem) => problem.pointer);
	if (/^\/orders\/[^/]+\/line_items\/[^/]+/.test(path)) {
		return pointers.includes('/order_id') ? 'order' : 'line item';
	}
	// Overlocking names its contact in the body; reserving and granting access name a tenancy.
	if (/^\/units\/(overlock|remove_overlock)$/.test(path)) return 'contact';
	if (/^\/units\/[^/]+\/(reserve|grant_access)$/.test(path) && pointers.includes('/tenancy_id')) {
		return 'tenancy';
	}
	return recordOfPath(path);
}

/** The scopes a 403 may be missing, for either credential. */
const SCOPES_NEEDED =
	'public.order:read to get, list and validate orders and list line items, public.order:write to create, update and finalize them and change line items, public.contact:read / public.contact:write for contacts, public.webhook_endpoint:read / public.webhook_endpoint:write for the Stora Trigger, and the read scope of every expanded resource (e.g. public.contact:read to expand contact)';

/** What to do about a 401 or 403, in the words of the credential in use. */
const AUTH_ADVICE = {
	storaApi: {
		401: 'Check the Access Token in the Stora API credential: it may be mistyped, expired or revoked. Generate a new one in Stora BackOffice under Settings → Public API.',
		403: `The access token lacks a scope this request needs: ${SCOPES_NEEDED}. Edit the token’s scopes in Stora BackOffice.`,
	},
	storaOAuth2Api: {
		401: 'Stora refused the token the Stora OAuth2 API credential had just obtained (a refused token is replaced once, and the new one was refused too). Check in Stora BackOffice that the OAuth application of the credential’s Client ID is still enabled and allowed to use the Public API.',
		403: `The OAuth2 token lacks a scope this request needs: ${SCOPES_NEEDED}. Add it to the Scopes field of the Stora OAuth2 API credential; the OAuth application in Stora BackOffice must be allowed it too.`,
	},
} as const;

function credentialName(context: RequestContext): string {
	return context.credentialType === 'storaOAuth2Api' ? 'Stora OAuth2 API' : 'Stora API';
}

function whatToDo(
	status: number,
	error: StoraErrorBody,
	context: RequestContext,
): string | undefined {
	if (status === 401) return AUTH_ADVICE[context.credentialType ?? 'storaApi'][status];
	if (status === 403) {
		const scope = scopeOf(context.method, context.path);
		const advice = AUTH_ADVICE[context.credentialType ?? 'storaApi'][status];
		return scope ? `This request needs the ${scope} scope. ${advice}` : advice;
	}
	if (status === 406 && context.accept) {
		return 'Stora makes PDFs of invoices, credit notes and signed contracts only.';
	}
	if (status === 409 || status === 422) {
		const refusal = refusalAdvice(context.method, context.path);
		if (refusal) return refusal;
	}
	const missing = status === 404 ? missingRecord(error, context.path) : undefined;
	if (missing) {
		return `Check the ${missing} ID: no ${missing} with this ID exists for this token’s operator${missing === 'line item' ? ' on this order' : ''}.`;
	}
	if (status === 404) {
		return `Check the Base URL in the ${credentialName(context)} credential.`;
	}
	return undefined;
}

function titleFor(status: number, error: StoraErrorBody, context: RequestContext): string {
	if (status === 401) return 'Stora rejected the access token';
	if (status === 403) return 'The access token is not allowed to do this';
	if (status === 406 && context.accept) return 'Stora has no PDF for this record';
	const missing = status === 404 ? missingRecord(error, context.path) : undefined;
	if (missing) return `${missing.charAt(0).toUpperCase()}${missing.slice(1)} not found`;
	return error.message ?? `Stora answered with HTTP ${status}`;
}

/** Builds the error users see: Stora's message, every detail with its pointer, the request id. */
export function storaApiError(
	node: INode,
	response: FailedResponse,
	context: RequestContext,
	extraAdvice?: string,
): NodeApiError {
	const error = storaErrorOf(response.body);
	const problems = problemsOf(error);
	const requestId = requestIdOf(response);
	const lines: string[] = [];
	const title = titleFor(response.statusCode, error, context);
	if (error.message && error.message !== title) lines.push(error.message);
	for (const problem of problems) {
		lines.push(problem.pointer ? `${problem.pointer}: ${problem.message}` : problem.message);
	}
	const advice = whatToDo(response.statusCode, error, context);
	if (advice) lines.push(advice);
	if (extraAdvice) lines.push(extraAdvice);
	if (context.idempotency && retypable(context)) lines.push(keyLine(context.idempotency));
	if (requestId) lines.push(`Stora request ID: ${requestId}`);

	// Only Stora's error object travels with the error: never the request, whose headers carry the token.
	const apiError = new NodeApiError(node, { error } as unknown as JsonObject, {
		message: title,
		description: lines.join('\n'),
		httpCode: String(response.statusCode),
		itemIndex: context.itemIndex,
	});
	Object.assign(apiError.context, {
		requestId,
		idempotencyKey: context.idempotency?.typed,
		problems,
		storaCode: error.code,
		storaMessage: error.message,
	});
	return apiError;
}

/** No usable response arrived (timeout, broken connection, unreadable or incomplete body). */
export function noResponseError(
	node: INode,
	failure: NetworkFailure,
	context: RequestContext,
	attempts: number,
): NodeApiError {
	const lines = [
		`${context.method} ${context.path} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${explainNetworkFailure(failure)}.`,
	];
	if (context.idempotency && retypable(context)) {
		lines.push(
			`Every attempt carried the same idempotency key, so Stora acted on this request at most once; but it may have ${mayHaveDone(context.path)}. To get Stora’s answer, run it again within 24 hours with this key; check the ${subjectOf(context.path)} in Stora before sending it any other way.`,
			keyLine(context.idempotency),
		);
	}
	const apiError = new NodeApiError(
		node,
		// The code stays out of the response: n8n would replace the message with its own words.
		{ message: failure.message } as JsonObject,
		{
			message: 'Stora did not answer',
			description: lines.join('\n'),
			itemIndex: context.itemIndex,
		},
	);
	Object.assign(apiError.context, {
		idempotencyKey: context.idempotency?.typed,
		networkCode: failure.code,
	});
	return apiError;
}

/** Whether the request comes from an operation with an Idempotency Key option (the trigger has none). */
export function retypable(context: RequestContext): boolean {
	return subjectOf(context.path) !== 'webhook endpoint';
}

/** The key as it must be typed into the option to get Stora's answer to this request again. */
function keyLine(key: IdempotencyKey): string {
	const sent = key.header === key.typed ? '' : ` (sent to Stora as ${key.header})`;
	return `Idempotency key: ${key.typed}${sent}. Typed into Options → Idempotency Key, it sends this request again under the same key.`;
}

/** Why an error answer may be Stora's stored one (see `replayAdvice`). */
export type ReplayReason = 'replayed' | 'sentBefore' | 'earlierAttempt';

/**
 * What a POST's error answer may be: Stora keeps the first answer to each key for 24 hours,
 * errors included, and replays it without saying so. Said only with a reason: the answer is a
 * replay (a replay header, or a request ID seen before), or the key was sent before in this
 * execution or by an earlier attempt. Never on a 401 or 403: Stora checks the token and its
 * scopes before the key.
 */
export function replayAdvice(
	key: IdempotencyKey,
	status: number,
	reason: ReplayReason | undefined,
	subject = 'order',
	refusal = false,
): string | undefined {
	if (status === 401 || status === 403) return undefined;
	if (reason === 'replayed') {
		return `Stora answered with its stored response to key ${key.typed}: this is the answer to the first request with this key. To send changed data, use a new key; check the ${subject} in Stora first.`;
	}
	if (status === 409 && !refusal) {
		return `Stora refused the request under key ${key.typed}: a request with the same key may still be in progress, so the ${subject} may exist. Check the ${subject} in Stora, or run it again with the same key in a minute to get Stora’s answer, before sending it any other way.`;
	}
	if (reason === undefined) return undefined;
	const when =
		reason === 'sentBefore'
			? `Key ${key.typed} was already sent in this execution (an earlier try of this node)`
			: `An earlier attempt with key ${key.typed} may have reached Stora`;
	return `${when}, so this may be Stora’s stored response to that first request, not to the data just sent: Stora replays the first answer to a key, errors included. To send changed data (or after fixing the ${subject}), use a new key in Options → Idempotency Key; check the ${subject} in Stora first.`;
}
