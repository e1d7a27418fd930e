import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { InputChecker } from '../../../helpers/validation';

/**
 * A contact's fields, as an order's inline contact (order Create) and the Contact resource
 * (Create, Update) take them, and the one builder of Stora's body from them.
 */

/** Options of a contact enum: "Local authority" for `local_authority`, sorted by name. */
export const contactChoices = (values: readonly string[]): INodePropertyOptions[] =>
	values
		.map((value) => ({
			name: (value.charAt(0).toUpperCase() + value.slice(1)).replace(/_/g, ' '),
			value,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));

const CONTACT_TYPES = ['charity', 'company', 'domestic', 'local_authority', 'student'];
const CONTACT_SOURCES = [
	'booking',
	'external_enquiry',
	'import',
	'incomplete_booking',
	'other',
	'phone',
	'popup',
	'pre_open',
	'price_interest',
	'quotation_request',
	'registered_interest',
	'walkin',
];
const MARKETING_SOURCES = [
	'email',
	'facebook_marketplace',
	'google_search',
	'other',
	'other_online_search',
	'radio',
	'received_leaflet',
	'recommendation',
	'seen_advert',
	'seen_building_signs',
	'social_media',
	'used_before',
];
const USE_CASES = ['business_needs', 'more_space', 'moving_home', 'other', 'refurb', 'travelling'];

export interface ContactEnum {
	displayName: string;
	/** The parameter's name. */
	name: string;
	/** Stora's key, in a body and as a Get Many filter. */
	key: string;
	values: readonly string[];
	/** What the field is, for its description (the values are appended). */
	about: string;
	default: string;
}

/** The enum fields of a contact, in the order the body builder checks them. */
export const CONTACT_ENUMS: readonly ContactEnum[] = [
	{
		displayName: 'Type',
		name: 'type',
		key: 'type',
		values: CONTACT_TYPES,
		about: 'What kind of customer the contact is',
		default: 'domestic',
	},
	{
		displayName: 'Source',
		name: 'source',
		key: 'source',
		values: CONTACT_SOURCES,
		about: 'How the contact reached the business',
		default: 'booking',
	},
	{
		displayName: 'Marketing Source',
		name: 'marketingSource',
		key: 'marketing_source',
		values: MARKETING_SOURCES,
		about: 'How the contact heard of the business',
		default: 'other',
	},
	{
		displayName: 'Use Case',
		name: 'useCase',
		key: 'use_case',
		values: USE_CASES,
		about: 'What the contact needs storage for',
		default: 'more_space',
	},
];

/** "one of: a, b or c", for a description an AI Agent reads. */
export const valuesText = (values: readonly string[]) =>
	`${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;

const text = (
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description,
});

const pick = ({ default: defaultValue, ...field }: ContactEnum): INodeProperties => ({
	displayName: field.displayName,
	name: field.name,
	type: 'options',
	options: contactChoices(field.values),
	default: defaultValue,
	description: `${field.about}: ${valuesText(field.values)}`,
});

export const contactEmailField = text(
	'Email',
	'email',
	'name@email.com',
	'The contact’s email address, e.g. jane@example.com',
);

/** Every contact field, sorted by name; Email among them. */
export const contactFieldOptions: INodeProperties[] = [
	text('Address Line 1', 'addressLine1', 'e.g. 123 Main St', 'First line of the street address'),
	text('Address Line 2', 'addressLine2', 'e.g. Apt 4B', 'Second line of the street address'),
	text('City', 'city', 'e.g. London', 'The town or city of the address'),
	text(
		'Country Code',
		'countryAlpha2',
		'e.g. GB',
		'The country of the address as a two-letter ISO 3166-1 alpha-2 code, e.g. GB or US',
	),
	contactEmailField,
	text('Full Name', 'fullName', 'e.g. John Doe', 'The contact’s first and last name'),
	text(
		'Phone Number',
		'phoneNumber',
		'e.g. +447525920754',
		'In international format with the country code, e.g. +447525920754',
	),
	text('Postal Code', 'postalCode', 'e.g. NW1 8AB', 'The postcode or ZIP code of the address'),
	text('State', 'state', 'e.g. CA', 'The state, county or region of the address, if any'),
	text('Tax ID', 'taxId', 'e.g. GB123456789', 'The contact’s tax or VAT number'),
	...CONTACT_ENUMS.map(pick),
].sort((a, b) => a.displayName.localeCompare(b.displayName));

export const contactField: INodeProperties = {
	displayName: 'Contact Details',
	name: 'contact',
	type: 'collection',
	placeholder: 'Add Contact Field',
	default: {},
	description:
		'The customer’s details; Stora creates the contact with the order. Whether Stora reuses an existing contact with the same email is not documented: to book for a contact that exists, choose Existing Contact.',
	options: contactFieldOptions,
};

const FIELDS: Array<[string, string]> = [
	['fullName', 'full_name'],
	['phoneNumber', 'phone_number'],
	['taxId', 'tax_id'],
];
const ADDRESS_FIELDS: Array<[string, string]> = [
	['addressLine1', 'line_1'],
	['addressLine2', 'line_2'],
	['city', 'city'],
	['postalCode', 'postal_code'],
	['state', 'state'],
];

const nonEmpty = (value: unknown) => (typeof value === 'string' ? value.trim() : '') !== '';

/**
 * A contact's body from its fields, or undefined when no field is set: an order's inline
 * `contact` (errors name "Contact Email", …), or the body of the contact endpoints with
 * `label` '' (errors name "Email", …). Blank text fields are left out.
 */
export function contactBody(
	check: InputChecker,
	contact: IDataObject,
	label = 'Contact ',
): IDataObject | undefined {
	const body: IDataObject = {};
	for (const [field, key] of FIELDS) {
		if (nonEmpty(contact[field])) body[key] = String(contact[field]).trim();
	}
	if (nonEmpty(contact.email)) body.email = check.email(`${label}Email`, String(contact.email));
	for (const field of CONTACT_ENUMS) {
		const value = contact[field.name];
		if (value !== undefined) {
			body[field.key] = check.oneOf(`${label}${field.displayName}`, value, field.values);
		}
	}

	const address: IDataObject = {};
	for (const [field, key] of ADDRESS_FIELDS) {
		if (nonEmpty(contact[field])) address[key] = String(contact[field]).trim();
	}
	if (nonEmpty(contact.countryAlpha2)) {
		const country = String(contact.countryAlpha2).trim();
		if (!/^[A-Za-z]{2}$/.test(country)) {
			check.fail(
				`${label}Country Code`,
				contact.countryAlpha2,
				'A country code is two letters (ISO 3166-1 alpha-2), e.g. GB.',
			);
		}
		address.country_alpha2 = country.toUpperCase();
	}
	if (Object.keys(address).length > 0) body.address = address;
	return Object.keys(body).length > 0 ? body : undefined;
}
