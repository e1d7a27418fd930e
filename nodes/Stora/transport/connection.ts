import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { secureBaseUrl } from './baseUrl';
import type { Pacer } from './pacer';
import { pacerFor } from './pacer';
import type { StoraContext } from './request';

export type CredentialType = 'storaApi' | 'storaOAuth2Api';

export interface Connection {
	baseUrl: string;
	pacer: Pacer;
	credentialType: CredentialType;
	/** OAuth2: the stored credential, to hand n8n with the token emptied when it must be renewed. */
	oauth?: { data: ICredentialDataDecryptedObject; expiresAt: number };
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

export async function connect(
	this: StoraContext,
	itemIndex: number | undefined,
): Promise<Connection> {
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
	const limits = {
		perSecond: Math.max(1, Number(credentials.requestsPerSecond) || 10),
		perMinute: Math.max(1, Number(credentials.requestsPerMinute) || 60),
	};
	const oauth =
		credentialType === 'storaOAuth2Api'
			? { data: credentials, expiresAt: Number(credentials.expiresAt) || 0 }
			: undefined;
	// The rate limit belongs to the token, or to the OAuth client whose tokens come and go, so
	// executions using the same one share one pacer.
	const holder = oauth ? `client:${String(credentials.clientId)}` : String(credentials.accessToken);
	const tokenKey = createHash('sha256').update(`${baseUrl}\n${holder}`).digest('hex');
	return { baseUrl, pacer: pacerFor(tokenKey, limits), credentialType, oauth };
}

/**
 * Empties the stored OAuth token when it is missing, about to expire, or was just refused: n8n
 * then fetches a new one (the credential's preAuthentication), stores it, and sends with it.
 */
export function renewalOf(this: StoraContext, connection: Connection, refused: boolean) {
	const { oauth } = connection;
	if (!oauth) return undefined;
	const token = oauth.data.oauthAccessToken;
	const due = !token || oauth.expiresAt <= Date.now();
	if (!due && !refused) return undefined;
	const stored = this.getNode().credentials?.[connection.credentialType];
	return {
		credentialsDecrypted: {
			id: stored?.id ?? '',
			name: stored?.name ?? '',
			type: connection.credentialType,
			data: { ...oauth.data, oauthAccessToken: '' },
		},
	};
}

/** The Base URL the credential points at (checked as every request checks it). */
export async function storaBaseUrl(this: StoraContext): Promise<string> {
	return (await connect.call(this, undefined)).baseUrl;
}
