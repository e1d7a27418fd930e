import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { InputChecker } from '../../../helpers/validation';

const choices = (values: string[]) =>
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
const USE_CASES = [
	'business_needs',
	'more_space',
	'moving_home',
	'other',
	'refurb',
	'travelling',
];

const text = (displayName: string, name: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
});

const pick = (
	displayName: string,
	name: string,
	values: string[],
	defaultValue: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	options: choices(values),
	default: defaultValue,
});

export const contactField: INodeProperties = {
	displayName: 'Contact',
	name: 'contact',
	type: 'collection',
	placeholder: 'Add Contact Field',
	default: {},
	description:
		'The customer’s details; Stora creates the contact with the order. Whether Stora reuses an existing contact with the same email is not documented: to book for a contact that exists, choose Existing Contact.',
	options: [
		text('Address Line 1', 'addressLine1', 'e.g. 123 Main St'),
		text('Address Line 2', 'addressLine2', 'e.g. Apt 4B'),
		text('City', 'city', 'e.g. London'),
		text('Country Code', 'countryAlpha2', 'e.g. GB'),
		text('Email', 'email', 'name@email.com'),
		text('Full Name', 'fullName', 'e.g. John Doe'),
		pick('Marketing Source', 'marketingSource', MARKETING_SOURCES, 'other'),
		text('Phone Number', 'phoneNumber', 'e.g. +447525920754'),
		text('Postal Code', 'postalCode', 'e.g. NW1 8AB'),
		pick('Source', 'source', CONTACT_SOURCES, 'booking'),
		text('State', 'state', 'e.g. CA'),
		text('Tax ID', 'taxId', 'e.g. GB123456789'),
		pick('Type', 'type', CONTACT_TYPES, 'domestic'),
		pick('Use Case', 'useCase', USE_CASES, 'more_space'),
	],
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

/** The inline `contact` object of a new order, or undefined when no contact field is set. */
export function contactBody(check: InputChecker, contact: IDataObject): IDataObject | undefined {
	const body: IDataObject = {};
	for (const [field, key] of FIELDS) {
		if (nonEmpty(contact[field])) body[key] = String(contact[field]).trim();
	}
	if (nonEmpty(contact.email)) body.email = check.email('Contact Email', String(contact.email));
	if (contact.type !== undefined)
		body.type = check.oneOf('Contact Type', contact.type, CONTACT_TYPES);
	if (contact.source !== undefined) {
		body.source = check.oneOf('Contact Source', contact.source, CONTACT_SOURCES);
	}
	if (contact.marketingSource !== undefined) {
		body.marketing_source = check.oneOf(
			'Contact Marketing Source',
			contact.marketingSource,
			MARKETING_SOURCES,
		);
	}
	if (contact.useCase !== undefined) {
		body.use_case = check.oneOf('Contact Use Case', contact.useCase, USE_CASES);
	}

	const address: IDataObject = {};
	for (const [field, key] of ADDRESS_FIELDS) {
		if (nonEmpty(contact[field])) address[key] = String(contact[field]).trim();
	}
	if (nonEmpty(contact.countryAlpha2)) {
		const country = String(contact.countryAlpha2).trim();
		if (!/^[A-Za-z]{2}$/.test(country)) {
			check.fail(
				'Contact Country Code',
				contact.countryAlpha2,
				'A country code is two letters (ISO 3166-1 alpha-2), e.g. GB.',
			);
		}
		address.country_alpha2 = country.toUpperCase();
	}
	if (Object.keys(address).length > 0) body.address = address;
	return Object.keys(body).length > 0 ? body : undefined;
}
