import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** Both Stora nodes connect the same two ways, chosen by the Authentication parameter. */
export const storaCredentials: INodeCredentialDescription[] = [
	{
		name: 'storaApi',
		required: true,
		displayOptions: { show: { authentication: ['accessToken'] } },
	},
	{
		name: 'storaOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Access Token', value: 'accessToken' },
		{ name: 'OAuth2 (Client Credentials)', value: 'oAuth2' },
	],
	default: 'accessToken',
};
