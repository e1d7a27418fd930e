import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { INSECURE_HTTP_URL, LOOPBACK_HTTP_URL } from '../nodes/Stora/transport/baseUrl';

/**
 * Plain http is only allowed to a loopback host (the local sandbox). For any other http:// URL
 * the test request is pointed at an address that cannot resolve, so the token never leaves in
 * clear text; the notice below says why. The node's transport refuses such a Base URL outright.
 */
const TEST_BASE_URL = `={{ /${LOOPBACK_HTTP_URL.source}/i.test($credentials.baseUrl.trim()) || /^https:\\/\\//i.test($credentials.baseUrl.trim()) ? $credentials.baseUrl.trim().replace(/\\/+$/, "") : "https://base-url-must-use-https.invalid" }}`;

export class StoraApi implements ICredentialType {
	name = 'storaApi';

	displayName = 'Stora API';

	icon: Icon = { light: 'file:../icons/stora.svg', dark: 'file:../icons/stora.dark.svg' };

	documentationUrl = 'https://github.com/stora-community/n8n-nodes-stora#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Generate it in Stora BackOffice under Settings → Public API. It needs the scopes public.order:read and public.order:write, plus read scopes for the dropdowns (sites, unit types, protection levels, products, coupons, contract templates).',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://public-api.stora.co',
			placeholder: 'e.g. https://public-api.stora.co',
			description:
				'Change only for a test environment Stora gave you, or the local sandbox. Plain http:// is accepted only for localhost.',
		},
		{
			displayName:
				'Plain http:// would send your token unencrypted. Use https://; http:// is only accepted for localhost, 127.0.0.1 and [::1].',
			name: 'insecureBaseUrlNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { baseUrl: [{ _cnd: { regex: INSECURE_HTTP_URL.source } }] } },
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description:
				'Your Stora plan’s per-second rate limit. The node paces its requests to stay under it.',
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'Your Stora plan’s per-minute rate limit. The node paces its requests to stay under it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
			url: '/2025-09/orders',
			qs: { limit: 1 },
		},
	};
}
