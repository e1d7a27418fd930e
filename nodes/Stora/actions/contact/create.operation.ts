import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	additionalFields,
	idempotencyKeyOptionFor,
	metadataFields,
	optionsCollection,
	simplifyFields,
} from '../../descriptions/common';
import { markEarlierRun } from '../../helpers/earlierRun';
import {
	findEarlierField,
	foundRecord,
	lookingFirst,
	wantsFindEarlier,
} from '../../helpers/findEarlier';
import { readUserKey } from '../../helpers/idempotency';
import { metadataOf } from '../../helpers/metadata';
import { readOptions } from '../../helpers/options';
import { contactOutput } from '../../helpers/simplify';
import { InputChecker } from '../../helpers/validation';
import { storaApiRequest } from '../../transport';
import type { PreparedPost } from '../operation';
import { contactBody, contactEmailField, contactFieldOptions } from '../order/create/contact';
import type { ContactCall } from './shared';
import { contactCallOf, requestContact } from './shared';

const properties: INodeProperties[] = [
	{
		...contactEmailField,
		required: true,
		description:
			'The contact’s email address, e.g. jane@example.com. Stora refuses an email that another contact already has.',
	},
	additionalFields(
		[
			...contactFieldOptions.filter((field) => field.name !== 'email'),
			...metadataFields('contact'),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	),
	...simplifyFields,
	findEarlierField(
		'Find Existing Contact',
		'Whether to look for a contact with this email first and return it (unchanged, marked fromEarlierRun) instead of creating one: a re-run days later, after Stora has forgotten the idempotency key, gets the contact the first run made',
		'Create',
	),
	optionsCollection([idempotencyKeyOptionFor('contact', 'contact')], false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

interface PreparedCreate extends PreparedPost, ContactCall {
	email: string;
	findEarlier: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCreate {
	const check = new InputChecker(this, itemIndex);
	const raw = this.getNodeParameter('email', itemIndex, '') as unknown;
	const email = check.email('Email', typeof raw === 'string' ? raw : String(raw ?? ''));
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = contactBody(check, { ...fields, email }, '') ?? {};
	const metadata = metadataOf(check, fields);
	if (metadata) body.metadata = metadata;
	const userKey = readUserKey(
		check,
		'contact',
		readOptions(this, itemIndex).options.idempotencyKey,
	);
	return {
		post: { path: '/contacts', body, userKey },
		...contactCallOf(this, itemIndex),
		email,
		findEarlier: wantsFindEarlier(this, itemIndex),
	};
}

/**
 * The contact with this email, or undefined. Contacts have no documented metadata filter, but
 * List Contacts filters on whole email addresses; the contact returned must have this email
 * itself (compared without case), so a Stora that matched loosely or ignored the filter makes
 * the node create as it would without the option. The oldest first, should Stora keep two.
 */
async function findContactByEmail(
	ctx: IExecuteFunctions,
	{ email, retry }: PreparedCreate,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const response = await storaApiRequest.call(
		ctx,
		{
			method: 'GET',
			path: '/contacts',
			qs: { email, limit: 1, sort_by: 'created_at', sort_direction: 'ASC' },
			expect: { contacts: 'array' },
		},
		{ itemIndex, retry },
	);
	return foundRecord(
		response.contacts as unknown[],
		(contact) =>
			typeof contact.email === 'string' && contact.email.toLowerCase() === email.toLowerCase(),
	);
}

/** One POST under the key the router gave it; Stora answers 201 with the new contact. */
export async function execute(
	this: IExecuteFunctions,
	prepared: PreparedCreate,
	itemIndex: number,
): Promise<IDataObject> {
	const { path, body, key } = prepared.post;
	const existing = prepared.findEarlier
		? await lookingFirst(
				this,
				itemIndex,
				'Find Existing Contact',
				'GET /contacts (scope public.contact:read)',
				() => findContactByEmail(this, prepared, itemIndex),
			)
		: undefined;
	if (existing) return markEarlierRun(contactOutput(existing, prepared.simplify));
	return await requestContact.call(
		this,
		{ method: 'POST', path, body, idempotency: key },
		prepared,
		itemIndex,
	);
}

export const keySpace = 'contact';
