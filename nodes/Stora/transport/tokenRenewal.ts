import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import type { Connection } from './connection';
import type { TokenFailure } from './tokenFailure';

interface ObtainedToken {
	token: string;
	expiresAt: number;
}

/** What a token renewal ended with: the token, why there is none, or nothing known (try again). */
type RenewalResult = ObtainedToken | { failure?: TokenFailure };

/** One OAuth client's renewal under way in this process, and the newest token it got. */
export interface OAuthClient {
	renewing?: Promise<RenewalResult>;
	newest?: ObtainedToken;
}

/**
 * Process-wide: every execution and editor request with the same OAuth client shares one
 * renewal, and takes the newest token it got, so ten items (or ten executions) without a token
 * make one token request, not ten: a Stora that keeps only a client's newest token, or limits
 * its token endpoint, would refuse the rest. n8n stores the token with the credential as well.
 */
const clients = new Map<string, OAuthClient>();

/**
 * The secret is part of the key: two credentials of one client with different secrets (one
 * rotated, one stale) never hand each other a token or a refusal.
 */
export function oauthClientOf(baseUrl: string, credentials: ICredentialDataDecryptedObject) {
	const key = createHash('sha256')
		.update(
			[baseUrl, credentials.clientId, credentials.scope, credentials.clientSecret]
				.map(String)
				.join('\n'),
		)
		.digest('hex');
	let client = clients.get(key);
	if (!client) {
		client = {};
		clients.set(key, client);
	}
	return client;
}

/** Marks a renewal as under way; the returned function ends it with its result. */
function startRenewal(client: OAuthClient): (result: RenewalResult) => void {
	let finish: (result: RenewalResult) => void = () => {};
	const renewing = new Promise<RenewalResult>((resolve) => (finish = resolve));
	client.renewing = renewing;
	return (result) => {
		if ('token' in result) client.newest = result;
		if (client.renewing === renewing) client.renewing = undefined;
		finish(result);
	};
}

/**
 * Waits while a request of this process is fetching a new token for the same OAuth client.
 * Returns the renewal's failure when it got none: the request fails (or retries) as that one
 * did, without asking Stora again.
 */
export async function renewalDone(connection: Connection): Promise<TokenFailure | undefined> {
	let failure: TokenFailure | undefined;
	for (let renewing; (renewing = connection.oauth?.client.renewing); ) {
		const result = await renewing;
		failure = 'token' in result ? undefined : result.failure;
	}
	return failure;
}

/** The credential to send a request with, and what to do once it was sent. */
export interface CredentialUse {
	options: { credentialsDecrypted: ICredentialsDecrypted };
	/** The OAuth token it carries (known only after sending when n8n fetches a new one). */
	token(): string | undefined;
	/** Call after the request, with the credential's failure if it got no token. */
	sent(failure?: TokenFailure): void;
}

function tokenOf(credential: ICredentialsDecrypted): string {
	return String(credential.data?.oauthAccessToken ?? '');
}

/** Takes the client's newest token when it is newer than the connection's and not the one Stora just refused. */
function takeNewest(connection: Connection, refusedToken: string | undefined) {
	const { oauth, credential } = connection;
	const newest = oauth?.client.newest;
	if (!oauth || !newest || newest.token === refusedToken) return;
	if (newest.expiresAt <= oauth.expiresAt || newest.expiresAt <= Date.now()) return;
	const data = {
		...credential.data,
		oauthAccessToken: newest.token,
		expiresAt: newest.expiresAt,
		// The same client key, so the same scopes.
		askedScope: credential.data?.scope ?? '',
	};
	connection.credential = { ...credential, data };
	oauth.expiresAt = newest.expiresAt;
}

/**
 * The stored credential (or the client's newer token), or, for OAuth2 when the token is missing,
 * about to expire, asked for other scopes or the one Stora just refused, a copy with the token
 * emptied: n8n then fetches a new one (the credential's preAuthentication), stores it, and writes
 * it into the copy, which the connection then keeps. Undefined while another request renews the
 * client's token: wait (renewalDone), then ask again. Decided just before sending, after the
 * pacer's wait, so a token cannot run out in between.
 */
export function credentialFor(
	connection: Connection,
	refusedToken?: string,
): CredentialUse | undefined {
	const { oauth } = connection;
	if (oauth?.client.renewing) return undefined;
	if (oauth) takeNewest(connection, refusedToken);
	const { credential } = connection;
	const current = tokenOf(credential);
	const plain = {
		options: { credentialsDecrypted: credential },
		token: () => current,
		sent: () => {},
	};
	if (!oauth) return plain;
	const due =
		!current ||
		oauth.expiresAt <= Date.now() ||
		current === refusedToken ||
		// The Scopes field was edited since: the token still has the old ones.
		String(credential.data?.askedScope ?? '') !== String(credential.data?.scope ?? '');
	if (!due) return plain;
	const data: ICredentialDataDecryptedObject = { ...credential.data, oauthAccessToken: '' };
	const finish = startRenewal(oauth.client);
	return {
		options: { credentialsDecrypted: { ...credential, data } },
		token: () => tokenOf({ ...credential, data }) || undefined,
		sent: (failure) => {
			const token = tokenOf({ ...credential, data });
			if (!token) return finish(failure ? { failure } : {});
			const expiresAt = Number(data.expiresAt) || 0;
			connection.credential = { ...credential, data };
			oauth.expiresAt = expiresAt;
			finish({ token, expiresAt });
		},
	};
}
