import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const ORDER_ID_PATTERN = '^order_[A-Za-z0-9]+$';

/** The order picker shared by Get, Validate and Finalize. */
export const orderIdLocator: INodeProperties = {
	displayName: 'Order',
	name: 'orderId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The order to use',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an order...',
			typeOptions: { searchListMethod: 'searchOrders', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. order_942ae99a1fdc940e',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: ORDER_ID_PATTERN,
						errorMessage: 'An order ID starts with "order_", e.g. order_942ae99a1fdc940e',
					},
				},
			],
		},
	],
};

const expandChoices: INodePropertyOptions[] = [
	{ name: 'Contact', value: 'contact', description: 'Needs the public.contact:read scope' },
	{ name: 'Contract Template', value: 'contract_template' },
	{ name: 'Coupon', value: 'coupon' },
	{ name: 'Line Items', value: 'line_items' },
	{
		name: 'Line Items With Their Unit Type, Protection or Product',
		value: 'line_items.item',
	},
	{ name: 'Site', value: 'site' },
];

const expandOption: INodeProperties = {
	displayName: 'Expand',
	name: 'expand',
	type: 'multiOptions',
	options: expandChoices,
	default: [],
	description:
		'Related records to include in full instead of as an ID. Each needs its read scope on the token.',
};

const reliabilityOptions: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: 5,
		description:
			'How many times one request is retried after a rate limit (429), a timeout, a dropped connection or a server error',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 300,
		description:
			'The longest one request may spend waiting between retries before the node gives up',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'How long to wait for Stora to answer one request before retrying it',
	},
];

export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.submissionId }}',
	description:
		'A value unique to this booking, such as a form submission ID. Stora answers a repeat of the same key within 24 hours with its first answer (errors included) instead of acting twice. Empty: a key derived from the workflow, the node, the request and the input item, so re-running the same booking (Retry On Fail, retrying the execution, an AI Agent’s retry) never creates a second order. Set it when the booking data can change between tries (e.g. contains {{ $now }}), or to book identical orders in separate runs. A key printed in an error can be pasted here as it is. Two items of one run may not share a key.',
};

/** Key/value pairs, as n8n's core nodes collect headers and query parameters. */
export function keyValuePairs(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Metadata' },
		default: {},
		placeholder: 'Add Metadata',
		description,
		options: [
			{
				displayName: 'Metadata',
				name: 'metadataValues',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'e.g. external_id',
						description: 'Lowercase letters, digits and . _ : - (at most 40 characters).',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. abc_123',
					},
				],
			},
		],
	};
}

/** Each operation's Options collection: its own extras, then expand and the reliability knobs. */
export function optionsCollection(extras: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...extras, expandOption, ...reliabilityOptions],
	};
}

export const cancelRedirectUrlField: INodeProperties = {
	displayName: 'Cancel Redirect URL',
	name: 'cancelRedirectUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://your-site.com/booking/cancelled',
	description:
		'Where Stora’s checkout sends the customer if they cancel or go back. Leave empty for Stora’s default.',
};
