import { createHash } from 'crypto';
import type { ICredentialsDecrypted } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { secureBaseUrl } from './baseUrl';
import type { Pacer, RateLimits } from './pacer';
import { pacerFor, shareOf } from './pacer';
import type { StoraContext } from './request';
import type { OAuthClient } from './tokenRenewal';
import { oauthClientOf } from './tokenRenewal';

export type CredentialType = 'storaApi' | 'storaOAuth2Api';

export interface Connection {
	baseUrl: string;
	pacer: Pacer;
	/** The credential's Requests per Second / per Minute, this process's share of them. */
	limits: RateLimits;
	credentialType: CredentialType;
	/** The credential as read once, handed to n8n with every request so it is not read again. */
	credential: ICredentialsDecrypted;
	/** OAuth2: when the stored token runs out, and its client's renewals in this process. */
	oauth?: { expiresAt: number; client: OAuthClient };
}

/** The node's Authentication parameter (Access Token when unset, as in workflows saved before it). */
function credentialTypeOf(ctx: StoraContext): CredentialType {
	const authentication =
		'getInputData' in ctx
			? ctx.getNodeParameter('authentication', 0, 'accessToken')
			: 'getCurrentNodeParameter' in ctx
				? (ctx.getCurrentNodeParameter('authentication') ??
					ctx.getNodeParameter('authentication', 'accessToken'))
				: ctx.getNodeParameter('authentication', 'accessToken');
	return authentication === 'oAuth2' ? 'storaOAuth2Api' : 'storaApi';
}

async function connect(this: StoraContext, itemIndex: number | undefined): Promise<Connection> {
	const credentialType = credentialTypeOf(this);
	const credentials = await this.getCredentials(credentialType, itemIndex);
	const baseUrl = secureBaseUrl(credentials.baseUrl as string | undefined);
	if (baseUrl === undefined) {
		throw new NodeOperationError(this.getNode(), 'The Base URL must use https://', {
			description:
				'The Stora credential’s Base URL sends secrets over plain http to a host that is not this machine. Use https:// (plain http is accepted only for localhost, 127.0.0.1 and [::1]).',
			itemIndex,
		});
	}
	const processes = Number(credentials.processes) || 1;
	const limits = shareOf(
		{
			perSecond: Number(credentials.requestsPerSecond) || 10,
			perMinute: Number(credentials.requestsPerMinute) || 60,
		},
		processes,
	);
	const oauth =
		credentialType === 'storaOAuth2Api'
			? {
					expiresAt: Number(credentials.expiresAt) || 0,
					client: oauthClientOf(baseUrl, credentials),
				}
			: undefined;
	// The rate limit belongs to the token, or to the OAuth client whose tokens come and go, so
	// executions using the same one share one pacer.
	const holder = oauth ? `client:${String(credentials.clientId)}` : String(credentials.accessToken);
	const tokenKey = createHash('sha256').update(`${baseUrl}\n${holder}`).digest('hex');
	const stored = this.getNode().credentials?.[credentialType];
	return {
		baseUrl,
		pacer: pacerFor(tokenKey, limits, processes),
		limits,
		credentialType,
		credential: {
			id: stored?.id ?? '',
			name: stored?.name ?? '',
			type: credentialType,
			data: credentials,
		},
		oauth,
	};
}

/** One connection per node execution (or editor request): its requests share it. */
const connections = new WeakMap<StoraContext, Promise<Connection>>();

/**
 * The credential is read, decrypted and checked once per node execution, not for every request
 * or page: every request hands n8n the same decrypted credential.
 */
export async function connectionOf(
	this: StoraContext,
	itemIndex: number | undefined,
): Promise<Connection> {
	let connection = connections.get(this);
	if (!connection) {
		connection = connect.call(this, itemIndex);
		connections.set(this, connection);
		connection.catch(() => connections.delete(this));
	}
	return await connection;
}

/**
 * Forgets the context's connection: n8n gives every poll of an active workflow the same context,
 * so each poll lets go of it and the next one reads the credential afresh (a rotated token).
 */
export function releaseConnection(this: StoraContext): void {
	connections.delete(this);
}

/** The Base URL the credential points at (checked as every request checks it). */
export async function storaBaseUrl(this: StoraContext): Promise<string> {
	return (await connectionOf.call(this, undefined)).baseUrl;
}

/** The rate limits the credential gives (read as every request reads them). */
export async function storaRateLimits(this: StoraContext): Promise<RateLimits> {
	return (await connectionOf.call(this, undefined)).limits;
}
