import { TOKEN_FAILURE } from '../../nodes/Stora/transport/baseUrl';
import {
	TOKEN_REASONS,
	tokenAnswerKind,
	tokenFailureOf,
} from '../../nodes/Stora/transport/tokenFailure';

describe('what an answer of Stora’s token endpoint without a token means', () => {
	it.each([
		[500, undefined, 'unavailable'],
		[502, 'server_error', 'unavailable'],
		[503, 'invalid_client', 'unavailable'],
		[429, undefined, 'unavailable'],
		[200, undefined, 'unavailable'],
		[401, undefined, 'client'],
		[401, 'invalid_client', 'client'],
		[400, 'invalid_client', 'client'],
		[400, 'invalid_scope', 'scopes'],
		[400, 'invalid_request', 'request'],
		[400, 'unsupported_grant_type', 'request'],
		[403, undefined, 'request'],
	])('HTTP %s %s: %s', (status, code, kind) => {
		expect(tokenAnswerKind(status, code, code ?? `HTTP ${status}`)).toBe(kind);
	});
});

describe('the credential’s failure as n8n hands it to the node', () => {
	const message = `${TOKEN_FAILURE}: ${TOKEN_REASONS.unavailable} (HTTP 503: server_error)`;

	it('is read from the message, or from `messages` when n8n reworded it', () => {
		expect(tokenFailureOf(new Error(message))).toEqual({ kind: 'unavailable', message });
		expect(tokenFailureOf({ message: 'UNKNOWN ERROR', messages: [message] })).toEqual({
			kind: 'unavailable',
			message,
		});
	});

	it('a reason it does not know (the Base URL rule) is not retried and blames no secret', () => {
		const baseUrl = `${TOKEN_FAILURE}: the Base URL must use https://`;
		expect(tokenFailureOf(new Error(baseUrl))?.kind).toBe('request');
	});

	it('any other error is not a token failure', () => {
		expect(tokenFailureOf(new Error('socket hang up'))).toBeUndefined();
	});
});
