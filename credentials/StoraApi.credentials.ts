import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { connectionProperties, listOneOrder } from './common';

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
				'Generate it in Stora BackOffice under Settings → Public API. It needs the scopes public.order:read and public.order:write, plus read scopes for the dropdowns (sites, unit types, protection levels, products, coupons, contract templates), public.contact:read / public.contact:write for contacts, and public.webhook_endpoint:read / public.webhook_endpoint:write for the Stora Trigger.',
		},
		...connectionProperties,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = listOneOrder;
}
