import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { contactIdLocator } from '../../descriptions/common';
import { RECORDS, recordLocator } from '../../descriptions/records';
import type { InputChecker } from '../../helpers/validation';
import { definedEntries, locatorValue, nested, optionalRef, optionalText } from '../crm/fields';

/** Variables as name/value pairs: the template's custom ones, or any on Update. */
export const customVariablesField = (
	displayName: string,
	description: string,
): INodeProperties => ({
	displayName,
	name: 'customVariables',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Variable' },
	default: {},
	placeholder: 'Add Variable',
	description,
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. call_duration',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. 4 minutes',
				},
			],
		},
	],
});

/** The event's optional fields, shared by Create and Update, sorted by name. */
export const eventFieldOptions = (update: boolean): INodeProperties[] =>
	[
		...(update
			? [
					{
						...contactIdLocator,
						required: false,
						description: 'The contact the event is on (con_…)',
					},
					customVariablesField(
						'Variables',
						'Variables of the event’s template to change, by name, e.g. call_duration = 6 minutes',
					),
				]
			: [
					customVariablesField(
						'Custom Variables',
						'Variables beyond the template’s predefined ones, by name; Stora does not require them',
					),
				]),
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'Text shown with the event on the timeline',
		} as INodeProperties,
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			placeholder: 'e.g. call_8812',
			description: 'The ID of the record in your system the event comes from, e.g. the call’s ID',
		} as INodeProperties,
		{
			displayName: 'External URL',
			name: 'externalUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://phone.example.com/calls/8812',
			description: 'A link to that record in your system',
		} as INodeProperties,
		recordLocator(RECORDS.site, {
			required: false,
			description: 'The site the event belongs to: pick one, or give its ID (site_…)',
		}),
	].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Name/value pairs as an object, each name given once. */
export function pairsOf(check: InputChecker, fields: IDataObject, field: string): IDataObject {
	const pairs = ((fields.customVariables as IDataObject | undefined)?.variable ??
		[]) as IDataObject[];
	const variables: IDataObject = {};
	for (const pair of pairs) {
		const name = String(pair.name ?? '').trim();
		if (name === '') check.fail(`${field} name`, pair.name ?? '', 'Give each variable a name.');
		if (name in variables) check.fail(`${field} name`, name, 'Give each variable once.');
		variables[name] = (pair.value ?? '') as string;
	}
	return variables;
}

/** `external {id, url}`, each part only when given. */
function externalOf(check: InputChecker, fields: IDataObject): IDataObject | undefined {
	const id = optionalText(fields.externalId);
	const url = optionalText(fields.externalUrl);
	if (id === undefined && url === undefined) return undefined;
	return definedEntries({
		id,
		url: url === undefined ? undefined : check.httpUrl('External URL', url),
	});
}

/** The body's optional fields (not the variables of Create's mapper). */
export function eventFieldsBody(check: InputChecker, fields: IDataObject): IDataObject {
	return definedEntries({
		contact: optionalRef(check, RECORDS.contact, locatorValue(fields.contactId)),
		site: optionalRef(check, RECORDS.site, nested(fields, RECORDS.site)),
		description: optionalText(fields.description),
		external: externalOf(check, fields),
	});
}
