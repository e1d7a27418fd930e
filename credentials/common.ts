import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_BASE_URL,
	INSECURE_HTTP_URL,
	LOOPBACK_HTTP_URL,
} from '../nodes/Stora/transport/baseUrl';

/** Base URL, its plain-http warning and the plan's rate limits: the same in both credentials. */
export const connectionProperties: INodeProperties[] = [
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: DEFAULT_BASE_URL,
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
	{
		displayName: 'n8n Processes Sharing the Limits',
		name: 'processes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description:
			'How many n8n processes run workflows with this credential at the same time. In queue mode: the workers, plus the main process if it runs executions too. Each process keeps to its share (the limits above divided by this number), so together they stay under Stora’s. Whatever it is set to, Stora’s RateLimit headers and 429 answers hold every process back once the budget is spent.',
	},
];

/**
 * Plain http is only allowed to a loopback host (the local sandbox). For any other http:// URL
 * the test request is pointed at an address that cannot resolve, so the token never leaves in
 * clear text; the notice above says why. The node's transport refuses such a Base URL outright.
 */
const TEST_BASE_URL = `={{ /${LOOPBACK_HTTP_URL.source}/i.test($credentials.baseUrl.trim()) || /^https:\\/\\//i.test($credentials.baseUrl.trim()) ? $credentials.baseUrl.trim().replace(/\\/+$/, "") : "https://base-url-must-use-https.invalid" }}`;

/** Both credentials are tested by listing one order. */
export const listOneOrder: ICredentialTestRequest = {
	request: { baseURL: TEST_BASE_URL, url: '/2025-09/orders', qs: { limit: 1 } },
};
