import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

import { TOKEN_FAILURE, secureBaseUrl } from '../nodes/Stora/transport/baseUrl';
import { TOKEN_REASONS, tokenAnswerKind } from '../nodes/Stora/transport/tokenFailure';
import { connectionProperties, listOneOrder } from './common';

/** The scopes the Stora node uses: orders, and the lists behind its dropdowns and Expand. */
const NODE_SCOPES = [
	'public.order:read',
	'public.order:write',
	'public.site:read',
	'public.unit_type:read',
	'public.protection_level:read',
	'public.product:read',
	'public.coupon:read',
	'public.contract_template:read',
	'public.contact:read',
].join(' ');

/** Stora's OAuth errors are not documented: RFC 6749's `{error, error_description}` or Stora's own `{error: {message}}`. */
function oauthErrorText(body: unknown): string | undefined {
	const { error, error_description: description } = (body ?? {}) as IDataObject;
	if (typeof description === 'string') return description;
	if (typeof error === 'string') return error;
	const message = (error as IDataObject | undefined)?.message;
	return typeof message === 'string' ? message : undefined;
}

/** Why the token endpoint gave no token, in the words the node tells apart (transport/tokenFailure). */
function reasonOf(status: number, body: IDataObject): string {
	const text = oauthErrorText(body) ?? `HTTP ${status}`;
	const kind = tokenAnswerKind(status, body.error, text);
	if (kind === 'unavailable') {
		const answer = status >= 200 && status < 300 ? 'an answer without access_token' : text;
		return `${TOKEN_REASONS.unavailable} (HTTP ${status}: ${answer})`;
	}
	if (kind === 'scopes') {
		return `${TOKEN_REASONS.scopes} (check the Scopes field against the application’s scopes): ${text}`;
	}
	if (kind === 'request') return `${TOKEN_REASONS.request} (HTTP ${status}): ${text}`;
	return `${TOKEN_REASONS.client}: ${text}`;
}

export class StoraOAuth2Api implements ICredentialType {
	name = 'storaOAuth2Api';

	displayName = 'Stora OAuth2 API';

	icon: Icon = { light: 'file:../icons/stora.svg', dark: 'file:../icons/stora.dark.svg' };

	documentationUrl = 'https://github.com/stora-community/n8n-nodes-stora#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: 'Of an OAuth application created in Stora BackOffice',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Scopes',
			name: 'scope',
			type: 'string',
			default: NODE_SCOPES,
			description:
				'Space-separated. The default is what the Stora node’s order operations use; the application must be allowed all of them. Add public.contact:write to create or update contacts, and public.webhook_endpoint:read public.webhook_endpoint:write for the Stora Trigger.',
		},
		...connectionProperties,
		{
			displayName: 'Access Token',
			name: 'oauthAccessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: 0,
		},
		{
			displayName: 'Scopes Asked For',
			name: 'askedScope',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * The client-credentials grant with the JSON body Stora documents (n8n's OAuth2 credential
	 * sends a form body). n8n calls this when the token is empty, or after a 401, and stores the
	 * result; the node also empties the token once `expiresAt` (shortly before Stora's expiry) has passed.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = secureBaseUrl(credentials.baseUrl as string | undefined);
		if (baseUrl === undefined) {
			throw new ApplicationError(
				`${TOKEN_FAILURE}: the Base URL must use https:// (plain http only for localhost), so the client secret is not sent in clear text`,
			);
		}
		let response: { statusCode: number; body: unknown };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}/oauth2/token`,
				body: {
					grant_type: 'client_credentials',
					client_id: credentials.clientId,
					client_secret: credentials.clientSecret,
					scope: credentials.scope,
				},
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 30_000,
			})) as { statusCode: number; body: unknown };
		} catch (error) {
			// Only the error's own words: the request it carries holds the client secret.
			throw new ApplicationError(
				`${TOKEN_FAILURE}: ${TOKEN_REASONS.unavailable} (no answer: ${String((error as Error).message).split('\n')[0]})`,
			);
		}
		const body = (response.body ?? {}) as IDataObject;
		if (
			response.statusCode < 200 ||
			response.statusCode >= 300 ||
			typeof body.access_token !== 'string'
		) {
			throw new ApplicationError(`${TOKEN_FAILURE}: ${reasonOf(response.statusCode, body)}`);
		}
		const lifetimeMs = (Number(body.expires_in) > 0 ? Number(body.expires_in) : 7200) * 1000;
		// Renewed a little before Stora's expiry (a minute, or a tenth of a short lifetime).
		return {
			oauthAccessToken: body.access_token,
			// A token asked for other scopes than the field's now is replaced (see the node's connection).
			askedScope: credentials.scope ?? '',
			expiresAt: Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 10),
		};
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.oauthAccessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = listOneOrder;
}
