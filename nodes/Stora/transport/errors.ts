import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

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
	idempotencyKey?: string;
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

function whatToDo(
	status: number,
	error: StoraErrorBody,
	context: RequestContext,
): string | undefined {
	if (status === 401) {
		return 'Check the Access Token in the Stora API credential: it may be mistyped, expired or revoked. Generate a new one in Stora BackOffice under Settings → Public API.';
	}
	if (status === 403) {
		return 'The access token lacks a scope this request needs: public.order:read to get, list and validate orders, public.order:write to create and finalize them, and the read scope of every expanded resource (e.g. public.contact:read to expand contact). Edit the token’s scopes in Stora BackOffice.';
	}
	if (status === 404 && error.code !== 'invalid_endpoint' && /\/orders\/[^/]+/.test(context.path)) {
		return 'Check the order ID: no order with this ID exists for this token’s operator.';
	}
	if (status === 404) {
		return 'Check the Base URL in the Stora API credential.';
	}
	return undefined;
}

function titleFor(status: number, error: StoraErrorBody, context: RequestContext): string {
	if (status === 401) return 'Stora rejected the access token';
	if (status === 403) return 'The access token is not allowed to do this';
	if (status === 404 && error.code !== 'invalid_endpoint' && /\/orders\/[^/]+/.test(context.path)) {
		return 'Order not found';
	}
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
	if (context.idempotencyKey) lines.push(`Idempotency key: ${context.idempotencyKey}`);
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
		idempotencyKey: context.idempotencyKey,
		problems,
		storaCode: error.code,
		storaMessage: error.message,
	});
	return apiError;
}

/** No usable response arrived (timeout, reset connection, unreadable body). */
export function noResponseError(
	node: INode,
	cause: { code?: string; message?: string },
	context: RequestContext,
	attempts: number,
): NodeApiError {
	const lines = [
		`${context.method} ${context.path} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${cause.code ?? cause.message ?? 'no response'}.`,
	];
	if (context.idempotencyKey) {
		lines.push(
			`Every attempt carried the idempotency key ${context.idempotencyKey}, so no duplicate order was created; but Stora may have stored the order. Re-run within 24 hours with the same key (the "Idempotency Key" option) to get its answer, or check the orders in Stora before creating it again.`,
		);
	}
	const apiError = new NodeApiError(
		node,
		{ message: cause.message ?? 'No response', code: cause.code ?? null } as JsonObject,
		{
			message: 'Stora did not answer',
			description: lines.join('\n'),
			itemIndex: context.itemIndex,
		},
	);
	Object.assign(apiError.context, { idempotencyKey: context.idempotencyKey });
	return apiError;
}
