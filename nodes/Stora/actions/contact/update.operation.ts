import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	contactIdLocator,
	metadataFields,
	optionsCollection,
	simplifyFields,
} from '../../descriptions/common';
import { metadataPatchOf } from '../../helpers/metadata';
import { InputChecker } from '../../helpers/validation';
import { contactBody, contactFieldOptions } from '../order/create/contact';
import type { ContactCall } from './shared';
import { contactCallOf, readContactId, requestContact } from './shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	[
		contactIdLocator,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description:
				'Only the fields added here are sent; everything else on the contact stays as it is. A blank text field is not sent. The address fields are sent together as one address: Stora’s docs don’t say whether address fields left out are kept, so give every address field the contact should have.',
			options: [...contactFieldOptions, ...metadataFields('contact', true)].sort((a, b) =>
				a.displayName.localeCompare(b.displayName),
			),
		},
		...simplifyFields,
		optionsCollection([], false),
	],
);

interface PreparedUpdate extends ContactCall {
	contactId: string;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedUpdate {
	const check = new InputChecker(this, itemIndex);
	const contactId = readContactId(this, check);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = contactBody(check, fields, '') ?? {};
	const metadata = metadataPatchOf(check, fields);
	if (metadata) body.metadata = metadata;
	if (Object.keys(body).length === 0) {
		check.fail(
			'Update Fields',
			fields,
			'Nothing to update: add at least one field under Update Fields (a blank text field is not sent).',
		);
	}
	return { contactId, body, ...contactCallOf(this, itemIndex) };
}

/** PATCH with only the fields given; Stora merges metadata into what it stores. */
export async function execute(
	this: IExecuteFunctions,
	prepared: PreparedUpdate,
	itemIndex: number,
): Promise<IDataObject> {
	return await requestContact.call(
		this,
		{ method: 'PATCH', path: `/contacts/${prepared.contactId}`, body: prepared.body },
		prepared,
		itemIndex,
	);
}
