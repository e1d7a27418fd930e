import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

interface LocatorSpec {
	displayName: string;
	name: string;
	/** e.g. "an order", for the description and errors. */
	noun: string;
	searchListMethod: string;
	/** The ID prefix, e.g. `order_`. */
	prefix: string;
	example: string;
	required?: boolean;
	description?: string;
	hint?: string;
}

/**
 * A record picker as n8n's own nodes have: From List (searchable, the default) or By ID,
 * checked against the ID's prefix.
 */
export function resourceLocator(spec: LocatorSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: spec.required ?? true,
		description: spec.description ?? `The ${spec.displayName.toLowerCase()} to use`,
		...(spec.hint ? { hint: spec.hint } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${spec.noun}...`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${spec.example}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^${spec.prefix}[A-Za-z0-9]+$`,
							errorMessage: `The ID of ${spec.noun} starts with "${spec.prefix}", e.g. ${spec.example}`,
						},
					},
				],
			},
		],
	};
}

/** The order picker shared by every operation on one order and its line items. */
export const orderIdLocator = resourceLocator({
	displayName: 'Order',
	name: 'orderId',
	noun: 'an order',
	searchListMethod: 'searchOrders',
	prefix: 'order_',
	example: 'order_942ae99a1fdc940e',
	description: 'The order to use: pick a recent one, or give its ID (order_…)',
});

export const contactIdLocator = resourceLocator({
	displayName: 'Contact',
	name: 'contactId',
	noun: 'a contact',
	searchListMethod: 'searchContacts',
	prefix: 'con_',
	example: 'con_0ac0514ed0711462',
	description: 'The contact: search by name, email or phone, or give its ID (con_…)',
});

/** The node versions that have version 2's fields (pickers, Simplify on by default). */
export const SINCE_VERSION_2 = [2, 3];

/**
 * Simplify, as n8n's nodes have it. Version 1 outputs Stora's records in full by default, as it
 * did before the switch existed; version 2 on outputs the fields a workflow uses.
 */
export const simplifyFields: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		displayOptions: { show: { '@version': [1] } },
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions: { show: { '@version': SINCE_VERSION_2 } },
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
];

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

export const MAX_IN_FLIGHT = 100;

const reliabilityOptions: INodeProperties[] = [
	{
		displayName: 'In Flight',
		name: 'inFlight',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_IN_FLIGHT },
		default: 10,
		description:
			'How many items may have a request to Stora under way at once, all within the credential’s rate limits. When not set: as many as the credential’s Requests per Second (at most 100), which keeps a distant Stora busy up to its limit; version 1 nodes send one at a time. 1 sends one at a time. Output keeps the input order.',
	},
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

/**
 * Options → Idempotency Key, in the words of what the POST is: `subject` (what the user sends,
 * e.g. "booking"), `record` (what Stora makes of it, e.g. "order") and, where sending the same
 * again on purpose makes sense, `repeat` (e.g. "book identical orders").
 */
export function idempotencyKeyOptionFor(
	subject: string,
	record: string,
	repeat?: string,
): INodeProperties {
	return {
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.submissionId }}',
		description: `A value unique to this ${subject}, such as a form submission ID. Stora answers a repeat of the same key within 24 hours with its first answer (errors included) instead of acting twice. Empty: a key derived from the workflow, the node, the request and the input item, so re-running the same ${subject} (Retry On Fail, retrying the execution, an AI Agent’s retry) never creates a second ${record}. Set it when the ${subject} data can change between tries (e.g. contains {{ $now }})${repeat ? `, or to ${repeat} in separate runs` : ''}. A key printed in an error can be pasted here as it is. Two items of one run may not share a key.`,
	};
}

export const idempotencyKeyOption = idempotencyKeyOptionFor(
	'booking',
	'order',
	'book identical orders',
);

/** Get Many's Return All and Limit, as n8n's nodes have them. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
];

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

/** A Create's or an action's optional fields, read as `additionalFields`. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/**
 * Each operation's Options collection: its own extras, then Expand (the order's relations by
 * default; other choices, or none, for other records) and the reliability knobs.
 */
export function optionsCollection(
	extras: INodeProperties[] = [],
	expand: INodePropertyOptions[] | false = expandChoices,
): INodeProperties {
	const expandField = expand === false ? [] : [{ ...expandOption, options: expand }];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...extras, ...expandField, ...reliabilityOptions],
	};
}

/**
 * Metadata as key/value pairs and as JSON (for a mapped object), read by `metadataOf`. With
 * `patch`, a third field lists keys to remove, read by `metadataPatchOf`.
 */
export function metadataFields(noun: string, patch = false): INodeProperties[] {
	const fields: INodeProperties[] = [
		keyValuePairs(
			'metadata',
			'Metadata',
			patch
				? `Key/value pairs to add to the ${noun}’s metadata or change; keys not listed stay as they are`
				: `Your own key/value pairs to store on the ${noun}, e.g. a CRM ID`,
		),
		{
			displayName: 'Metadata (JSON)',
			name: 'metadataJson',
			type: 'json',
			default: '{}',
			description:
				'Metadata as a JSON object of text values, e.g. mapped from an earlier node. Key/value pairs above override its keys.',
		},
	];
	if (patch) {
		fields.push({
			displayName: 'Remove Metadata Keys',
			name: 'removeMetadataKeys',
			type: 'string',
			default: '',
			placeholder: 'e.g. external_id, campaign',
			description: `Metadata keys to delete from the ${noun} (comma-separated)`,
		});
	}
	return fields;
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
