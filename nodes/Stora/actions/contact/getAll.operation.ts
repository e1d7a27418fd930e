import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllFields, simplifyFields } from '../../descriptions/common';
import { readLimit } from '../../helpers/options';
import { contactOutput } from '../../helpers/simplify';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequestAllItems } from '../../transport';
import { CONTACT_ENUMS, contactChoices, valuesText } from '../order/create/contact';
import { textList } from '../order/getAll.operation';
import type { ContactCall } from './shared';
import { contactCallOf } from './shared';

const CONTACT_STATUSES = ['lead', 'customer', 'churned'] as const;
const SORT_FIELDS = ['created_at', 'updated_at', 'full_name'] as const;
/** Stora's filter value for "not set" (null) on the enum filters. */
const UNSPECIFIED = 'unspecified';

/** A multi-select filter on a contact enum, with "Unspecified" for contacts without a value. */
const enumFilter = (field: (typeof CONTACT_ENUMS)[number]): INodeProperties => ({
	displayName: field.displayName,
	name: field.name,
	type: 'multiOptions',
	options: [
		...contactChoices(field.values),
		{ name: 'Unspecified', value: UNSPECIFIED, description: 'Contacts without a value' },
	],
	default: [],
	description: `Only contacts with one of these values (${field.about.toLowerCase()}): ${valuesText([...field.values, UNSPECIFIED])}; "${UNSPECIFIED}" matches contacts without one. As text, comma-separated, e.g. ${field.values[0]},${UNSPECIFIED}.`,
});

/** Created / Updated After (inclusive) and Before (exclusive). */
const DATE_FILTERS: Array<[displayName: string, name: string, key: string, what: string]> = [
	['Created After', 'createdAfter', 'created_after', 'created at or after this moment'],
	[
		'Created Before',
		'createdBefore',
		'created_before',
		'created before this moment (not including it)',
	],
	['Updated After', 'updatedAfter', 'updated_after', 'last changed at or after this moment'],
	[
		'Updated Before',
		'updatedBefore',
		'updated_before',
		'last changed before this moment (not including it)',
	],
];

/** Get Many's filters; the polling trigger offers some of them. */
export const contactFilterOptions: INodeProperties[] = [
	...DATE_FILTERS.map(
		([displayName, name, , what]): INodeProperties => ({
			displayName,
			name,
			type: 'dateTime',
			default: '',
			description: `Only contacts ${what}, e.g. 2025-01-12T15:30:00Z (read in the workflow’s time zone when it has none)`,
		}),
	),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'e.g. jane@example.com, john@example.com',
		description:
			'Only contacts with one of these email addresses (comma-separated; exact addresses, not parts of them)',
	},
	...CONTACT_ENUMS.map(enumFilter),
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'e.g. Jane',
		description:
			'Stora’s fuzzy search on name, email or phone number, e.g. a surname, part of an email address or a phone number. Marked BETA in Stora’s docs: its matching may change.',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: [
			{ name: 'Churned', value: 'churned' },
			{ name: 'Customer', value: 'customer' },
			{ name: 'Lead', value: 'lead' },
		],
		default: [],
		description:
			'Only contacts in these statuses: lead, customer or churned. As text, comma-separated, e.g. lead,customer.',
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
		options: contactFilterOptions.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	...simplifyFields,
	optionsCollection(
		[
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Full Name', value: 'full_name' },
					{ name: 'Updated At', value: 'updated_at' },
				],
				default: 'created_at',
				description: 'What the contacts are sorted by: created_at, updated_at or full_name',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Descending', value: 'DESC', description: 'Newest first, or Z to A' },
					{ name: 'Ascending', value: 'ASC', description: 'Oldest first, or A to Z' },
				],
				default: 'DESC',
				description: 'DESC (newest first, or Z to A by name) or ASC',
			},
		],
		false,
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

interface PreparedList extends ContactCall {
	qs: IDataObject;
	limit?: number;
}

/** A comma list of allowed values, each checked; undefined when empty. */
function listQuery(
	check: InputChecker,
	field: string,
	value: unknown,
	allowed: readonly string[],
): string | undefined {
	const values = textList(value).map((entry) => check.oneOf(field, entry, allowed));
	return values.length > 0 ? values.join(',') : undefined;
}

/** The filters as List Contacts' query parameters, each checked. */
export function contactFilterQuery(check: InputChecker, filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const emails = textList(filters.email).map((email) => check.email('Email', email));
	if (emails.length > 0) qs.email = emails.join(',');
	const search = typeof filters.search === 'string' ? filters.search.trim() : '';
	if (search !== '') qs.search = search;
	for (const field of CONTACT_ENUMS) {
		const values = listQuery(check, field.displayName, filters[field.name], [
			...field.values,
			UNSPECIFIED,
		]);
		if (values) qs[field.key] = values;
	}
	const statuses = listQuery(check, 'Status', filters.status, CONTACT_STATUSES);
	if (statuses) qs.status = statuses;
	for (const [displayName, name, key] of DATE_FILTERS) {
		if (filters[name]) qs[key] = check.dateTime(displayName, filters[name]);
	}
	return qs;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedList {
	const check = new InputChecker(this, itemIndex);
	const limit = readLimit(this, check);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		...contactFilterQuery(check, filters),
		sort_by: check.oneOf('Sort By', options.sortBy ?? 'created_at', SORT_FIELDS),
		sort_direction: check.oneOf('Sort Direction', options.sortDirection ?? 'DESC', ['ASC', 'DESC']),
	};
	return { qs, limit, ...contactCallOf(this, itemIndex) };
}

/** One output item per contact, paged by page number. */
export async function execute(
	this: IExecuteFunctions,
	{ qs, limit, retry, simplify }: PreparedList,
	itemIndex: number,
): Promise<IDataObject[]> {
	const contacts = await storaApiRequestAllItems.call(
		this,
		{ path: '/contacts', property: 'contacts', qs, limit },
		{ itemIndex, retry },
	);
	return contacts.map((contact) => contactOutput(contact, simplify));
}
