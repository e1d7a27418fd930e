import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	keyValuePairs,
	optionsCollection,
	returnAllFields,
	simplifyFields,
} from '../../descriptions/common';
import { expandQuery, readLimit, readOptions } from '../../helpers/options';
import { orderOutput, wantsSimplified } from '../../helpers/simplify';
import { checkMetadata, InputChecker, pairsToObject } from '../../helpers/validation';
import { storaApiRequestAllItems } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';

const ORDER_STATUSES = ['draft', 'finalized', 'completed', 'abandoned'] as const;

interface Prepared {
	qs: IDataObject;
	limit?: number;
	retry: RetrySettings;
	simplify: boolean;
}

/** Get Many's filters; the polling trigger offers some of them. */
export const orderFilterOptions: INodeProperties[] = [
	{
		displayName: 'Contact IDs',
		name: 'contactIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. con_0ac0514ed0711462, con_1bd1625fe1822573',
		description: 'Only orders of these contacts (comma-separated IDs)',
	},
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description: 'Only orders created at or after this moment',
	},
	{
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
		description: 'Only orders created before this moment (not including it)',
	},
	keyValuePairs(
		'metadata',
		'Metadata',
		'Only orders whose metadata has all of these key/value pairs',
	),
	{
		displayName: 'Site Names or IDs',
		name: 'siteIds',
		type: 'multiOptions',
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		typeOptions: { loadOptionsMethod: 'getSites' },
		default: [],
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: [
			{ name: 'Abandoned', value: 'abandoned' },
			{ name: 'Completed', value: 'completed', description: 'Paid; the tenancy exists' },
			{ name: 'Draft', value: 'draft', description: 'Still editable' },
			{ name: 'Finalized', value: 'finalized', description: 'Waiting for the customer to pay' },
		],
		default: [],
		description: 'Only orders in these statuses',
	},
];

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: orderFilterOptions,
	},
	...simplifyFields,
	optionsCollection([
		{
			displayName: 'Sort Direction',
			name: 'sortDirection',
			type: 'options',
			options: [
				{ name: 'Newest First', value: 'DESC' },
				{ name: 'Oldest First', value: 'ASC' },
			],
			default: 'DESC',
			description: 'Orders are sorted by when they were created',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getAll'] } },
	properties,
);

/** A multi-select's list, or the same as comma-separated text. */
export function textList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value : String(value ?? '').split(',');
	return raw.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

function idList(check: InputChecker, field: string, value: unknown, prefix: string): string[] {
	return textList(value).map((id) => check.id(field, id, prefix));
}

/** The filters as List Orders' query parameters, each checked. */
export function orderFilterQuery(check: InputChecker, filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	// A list from the form; text ("draft,finalized") from an expression or an AI Agent's $fromAI.
	const statuses = textList(filters.status);
	if (statuses.length > 0) {
		qs.status = statuses.map((status) => check.oneOf('Status', status, ORDER_STATUSES)).join(',');
	}
	const siteIds = idList(check, 'Site ID', filters.siteIds, 'site_');
	if (siteIds.length > 0) qs.site_id = siteIds.join(',');
	const contactIds = idList(check, 'Contact ID', filters.contactIds, 'con_');
	if (contactIds.length > 0) qs.contact_id = contactIds.join(',');
	if (filters.createdAfter)
		qs.created_after = check.dateTime('Created After', filters.createdAfter);
	if (filters.createdBefore)
		qs.created_before = check.dateTime('Created Before', filters.createdBefore);
	const metadataPairs = (filters.metadata as IDataObject | undefined)?.metadataValues;
	const metadata = checkMetadata(check, 'Metadata', pairsToObject(metadataPairs as []));
	for (const [key, value] of Object.entries(metadata)) qs[`metadata[${key}]`] = value;
	return qs;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const check = new InputChecker(this, itemIndex);
	const limit = readLimit(this, check);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const { expand, retry, options } = readOptions(this, itemIndex);
	const qs: IDataObject = {
		...orderFilterQuery(check, filters),
		...expandQuery(expand),
		// Sent even when it is Stora's default: the created_at cursor depends on it.
		sort_by: 'created_at',
		sort_direction: check.oneOf('Sort Direction', options.sortDirection ?? 'DESC', ['ASC', 'DESC']),
	};
	return { qs, limit, retry, simplify: wantsSimplified(this, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	{ qs, limit, retry, simplify }: Prepared,
	itemIndex: number,
): Promise<IDataObject[]> {
	const orders = await storaApiRequestAllItems.call(
		this,
		{ path: '/orders', property: 'orders', qs, limit, timeCursor: 'created_at' },
		{ itemIndex, retry },
	);
	return orders.map((order) => orderOutput(order, simplify));
}
