import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	idempotencyKeyOptionFor,
	metadataFields,
	optionsCollection,
	simplifyFields,
} from '../../descriptions/common';
import { readUserKey } from '../../helpers/idempotency';
import { metadataOf } from '../../helpers/metadata';
import { readOptions } from '../../helpers/options';
import { InputChecker } from '../../helpers/validation';
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
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...contactFieldOptions.filter((field) => field.name !== 'email'),
			...metadataFields('contact'),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	...simplifyFields,
	optionsCollection([idempotencyKeyOptionFor('contact', 'contact')], false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

interface PreparedCreate extends PreparedPost, ContactCall {}

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
	return { post: { path: '/contacts', body, userKey }, ...contactCallOf(this, itemIndex) };
}

/** One POST under the key the router gave it; Stora answers 201 with the new contact. */
export async function execute(
	this: IExecuteFunctions,
	prepared: PreparedCreate,
	itemIndex: number,
): Promise<IDataObject> {
	const { path, body, key } = prepared.post;
	return await requestContact.call(
		this,
		{ method: 'POST', path, body, idempotency: key },
		prepared,
		itemIndex,
	);
}

export const keySpace = 'contact';
