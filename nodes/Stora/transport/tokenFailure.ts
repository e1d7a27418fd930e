import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TOKEN_FAILURE } from './baseUrl';
import type { RequestContext } from './errors';
import { retypable, subjectOf } from './errors';
import { backoffDelay } from './retryPolicy';

/**
 * Why the OAuth2 credential got no token. The credential's error message says it after
 * TOKEN_FAILURE; n8n hands the node only that message.
 */
export const TOKEN_REASONS = {
	unavailable: 'Stora’s token service is unavailable',
	client: 'Stora refused the client ID or client secret',
	scopes: 'Stora refused the scopes asked for',
	request: 'Stora refused the token request',
} as const;

export type TokenFailureKind = keyof typeof TOKEN_REASONS;

export interface TokenFailure {
	kind: TokenFailureKind;
	message: string;
}

/**
 * What an answer of `/oauth2/token` without a token means. Only `invalid_client` (or a 401)
 * says the client ID or secret is wrong; a 5xx, a 429 or an unreadable 2xx is an outage,
 * retried like any transient failure.
 */
export function tokenAnswerKind(status: number, code: unknown, text: string): TokenFailureKind {
	if (status >= 500 || status === 429 || status === 408 || (status >= 200 && status < 300)) {
		return 'unavailable';
	}
	if (code === 'invalid_client' || status === 401) return 'client';
	if (code === 'invalid_scope' || /scope/i.test(text)) return 'scopes';
	return 'request';
}

/** The credential's failure in an error n8n threw (it may reword the message; it keeps the original in `messages`). */
export function tokenFailureOf(error: unknown): TokenFailure | undefined {
	const { message: reworded, messages = [] } = (error ?? {}) as {
		message?: string;
		messages?: string[];
	};
	const message = [reworded, ...messages].find((text) => text?.startsWith(TOKEN_FAILURE));
	if (message === undefined) return undefined;
	const reason = message.slice(TOKEN_FAILURE.length + 2);
	const kind = (Object.keys(TOKEN_REASONS) as TokenFailureKind[]).find((candidate) =>
		reason.startsWith(TOKEN_REASONS[candidate]),
	);
	// Any other reason (the Base URL's https rule) is not retried and blames nobody's secret.
	return { kind: kind ?? 'request', message };
}

const WHAT_TO_CHECK: Record<Exclude<TokenFailureKind, 'unavailable'>, string> = {
	client:
		'Check the Client ID and Client Secret of the Stora OAuth2 API credential against the OAuth application in Stora BackOffice.',
	scopes:
		'Check the Scopes of the Stora OAuth2 API credential against the scopes the OAuth application in Stora BackOffice is allowed.',
	request:
		'Stora’s token endpoint did not give a token (the reason is quoted above). Check the Base URL and the fields of the Stora OAuth2 API credential.',
};

/** A token failure as a verdict of the transport: an outage is retried within the budget; a refusal is not. */
export function tokenVerdict(
	failure: TokenFailure,
	node: () => INode,
	context: RequestContext,
	attempt: number,
	earlierAttemptMayHaveActed: boolean,
): { retryIn: number; rateLimited: false; failure: () => Error } | { failure: () => Error } {
	if (failure.kind !== 'unavailable') {
		const description = WHAT_TO_CHECK[failure.kind];
		return {
			failure: () =>
				new NodeOperationError(node(), failure.message, {
					description,
					itemIndex: context.itemIndex,
				}),
		};
	}
	const attempts = attempt + 1;
	const detail = failure.message.slice(TOKEN_FAILURE.length + 2 + TOKEN_REASONS.unavailable.length);
	const subject = subjectOf(context.path);
	const lines = [
		`The Stora OAuth2 API credential got no access token after ${attempts} attempt${attempts === 1 ? '' : 's'}${detail}, so ${context.method} ${context.path} was not sent${earlierAttemptMayHaveActed ? ' again' : ''}.`,
		'This is an outage of Stora’s token endpoint, not a refusal of the Client ID or Secret. Try again later; Max Retries and Max Retry Wait in the node’s options set how long the node keeps trying.',
	];
	if (earlierAttemptMayHaveActed && context.idempotency && retypable(context)) {
		lines.push(
			`An earlier attempt may have reached Stora: check the ${subject} in Stora before sending it any other way. Idempotency key: ${context.idempotency.typed}.`,
		);
	}
	return {
		retryIn: backoffDelay(attempt),
		rateLimited: false,
		failure: () =>
			new NodeOperationError(node(), TOKEN_REASONS.unavailable, {
				description: lines.join('\n'),
				itemIndex: context.itemIndex,
			}),
	};
}
