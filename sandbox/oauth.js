'use strict';

const { randomBytes } = require('node:crypto');

/**
 * POST /oauth2/token, the client-credentials grant (stora-api.md §1.3): a JSON body
 * `{ grant_type, client_id, client_secret, scope }` answered with
 * `{ access_token, token_type, expires_in, scope, created_at, refresh_token: null }`.
 * Stora's docs don't show its errors: the sandbox answers them as RFC 6749 does
 * (`{ error, error_description }`, 400 or 401). Issued tokens join the token table with the
 * scopes granted (those asked for that the client holds) and stop working after `ttlSeconds`.
 * A client with `revokeEarlier: true` keeps only its newest token (as a Stora that revokes a
 * client's earlier tokens would): requests with the others get 401. `failNext` makes the token
 * endpoint answer an outage (network drops and slow answers are the generic `reset`/`delay`
 * faults on `/oauth2/token`); `tokenRequests` counts every request to it.
 */
class OAuthClients {
	/**
	 * @param {Record<string, { secret: string, scopes: string[], revokeEarlier?: boolean }>} clients
	 * @param {number} ttlSeconds
	 * @param {() => number} now
	 */
	constructor(clients, ttlSeconds, now) {
		this.clients = clients;
		this.ttlSeconds = ttlSeconds;
		this.now = now;
		/** @type {Map<string, number>} token → expiry (epoch ms) */
		this.expiries = new Map();
		/** every token issued, for the token scan */
		this.issued = [];
		/** @type {Map<string, string>} client id → its newest token (for revokeEarlier) */
		this.newest = new Map();
		/** every request to the token endpoint, answered or not */
		this.tokenRequests = 0;
		/** @type {{ status: number, remaining: number, error: string } | null} */
		this.outage = null;
	}

	/**
	 * The next `times` token requests get `status` (default 500) with an RFC 6749 `error` (default `server_error`).
	 * @param {{ status?: number, times?: number, error?: string }} [spec]
	 */
	failNext({ status = 500, times = 1, error = 'server_error' } = {}) {
		this.outage = { status, remaining: times, error };
	}

	/**
	 * @param {{ value: any, valid: boolean }} json the parsed body
	 * @param {Map<string, Set<string>>} tokens the sandbox's token table
	 * @returns {{ status: number, body: Record<string, any> }}
	 */
	grant(json, tokens) {
		const body =
			json.valid && json.value && typeof json.value === 'object' ? json.value : undefined;
		const fail = (status, error, description) => ({
			status,
			body: { error, error_description: description },
		});
		this.tokenRequests++;
		if (this.outage && this.outage.remaining > 0) {
			this.outage.remaining--;
			return fail(
				this.outage.status,
				this.outage.error,
				`Scripted token endpoint answer (${this.outage.error}).`,
			);
		}
		if (!body) return fail(400, 'invalid_request', 'The request body must be JSON.');
		if (body.grant_type !== 'client_credentials') {
			return fail(
				400,
				'unsupported_grant_type',
				'The authorization grant type is not supported by the authorization server.',
			);
		}
		const client = this.clients[body.client_id];
		if (!client || client.secret !== body.client_secret) {
			return fail(
				401,
				'invalid_client',
				'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
			);
		}
		const asked = String(body.scope ?? '')
			.split(/\s+/)
			.filter(Boolean);
		const refused = asked.filter((scope) => !client.scopes.includes(scope));
		if (refused.length > 0) {
			return fail(
				400,
				'invalid_scope',
				`The requested scope is invalid, unknown, or malformed: ${refused.join(' ')}.`,
			);
		}
		const granted = asked.length > 0 ? asked : client.scopes;
		const token = `oauth-${randomBytes(16).toString('hex')}`;
		tokens.set(token, new Set(granted));
		const earlier = this.newest.get(body.client_id);
		if (client.revokeEarlier && earlier !== undefined) tokens.delete(earlier);
		this.newest.set(body.client_id, token);
		this.expiries.set(token, this.now() + this.ttlSeconds * 1000);
		this.issued.push(token);
		return {
			status: 200,
			body: {
				access_token: token,
				token_type: 'Bearer',
				expires_in: this.ttlSeconds,
				scope: granted.join(' '),
				created_at: Math.floor(this.now() / 1000),
				refresh_token: null,
			},
		};
	}

	/** @param {string} token */
	expired(token) {
		const expiry = this.expiries.get(token);
		return expiry !== undefined && this.now() >= expiry;
	}
}

module.exports = { OAuthClients };
