import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactIdLocator, optionsCollection, simplifyFields } from '../../descriptions/common';
import { InputChecker } from '../../helpers/validation';
import type { ContactCall } from './shared';
import { contactCallOf, readContactId, requestContact } from './shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	[contactIdLocator, ...simplifyFields, optionsCollection([], false)],
);

interface PreparedGet extends ContactCall {
	contactId: string;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedGet {
	const contactId = readContactId(this, new InputChecker(this, itemIndex));
	return { contactId, ...contactCallOf(this, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	prepared: PreparedGet,
	itemIndex: number,
): Promise<IDataObject> {
	return await requestContact.call(
		this,
		{ method: 'GET', path: `/contacts/${prepared.contactId}` },
		prepared,
		itemIndex,
	);
}
