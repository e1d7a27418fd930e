import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { metadataFields } from '../../descriptions/common';
import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { RECORDS, recordLocator } from '../../descriptions/records';
import { metadataOf, metadataPatchOf } from '../../helpers/metadata';
import type { InputChecker } from '../../helpers/validation';
import {
	assigneeField,
	assigneeRef,
	clearable,
	definedEntries,
	nested,
	optionalRef,
	optionalText,
	removeSwitch,
	siteLocator,
} from '../crm/fields';

/** The Stage picker, ordered by position as Stora's pipeline shows it. */
export const stageLocator = (required = true): INodeProperties =>
	recordLocator(CRM_RECORDS.dealStage, {
		displayName: 'Stage',
		required,
		description: 'The pipeline stage: pick one (listed in pipeline order), or give its ID (dstg_…)',
	});

const quantityField: INodeProperties = {
	displayName: 'Quantity',
	name: 'quantity',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: 'How many the customer asked about',
};

/** At most one line item per type (Stora's rule), so each type is one optional entry. */
const lineItemsField = (update: boolean): INodeProperties => ({
	displayName: 'Line Items',
	name: 'lineItems',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Line Item',
	description: update
		? 'What the customer is interested in. Sent, it replaces the deal’s whole set of line items (at most one unit type and one protection level); not added, the line items stay as they are.'
		: 'What the customer is interested in: at most one unit type and one protection level',
	options: [
		{
			displayName: 'Unit Type',
			name: 'unitType',
			values: [
				recordLocator(RECORDS.unitType, { description: 'The unit type the customer asked about' }),
				quantityField,
			],
		},
		{
			displayName: 'Protection Level',
			name: 'protectionLevel',
			values: [
				recordLocator(RECORDS.protectionLevel, {
					description: 'The protection (insurance) level the customer asked about',
				}),
				quantityField,
			],
		},
	],
});

/** Fields of a deal shared by Create and Update, sorted by name. */
export function dealFieldOptions(update: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		assigneeField('the deal'),
		lineItemsField(update),
		{
			displayName: 'Move-In Date',
			name: 'startsAt',
			type: 'dateTime',
			default: '',
			description:
				'When the customer intends to move in (read in the workflow’s time zone when it has none), e.g. 2025-03-04',
		},
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			default: '',
			description:
				'Free text about the deal, shown as “Deal value estimate” in Stora’s BackOffice, e.g. £50 per month',
		},
		siteLocator('the deal'),
		...metadataFields('deal', update),
	];
	if (update) {
		fields.push(
			removeSwitch('Remove Assignee', 'removeAssignee', 'the deal’s assignee'),
			removeSwitch(
				'Remove All Line Items',
				'removeAllLineItems',
				'every line item',
				'null, an empty list',
			),
			removeSwitch('Remove Move-In Date', 'removeStartsAt', 'the move-in date'),
			removeSwitch('Remove Note', 'removeNote', 'the note'),
			removeSwitch('Remove Site', 'removeSite', 'the deal’s site'),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The deal’s new name',
			},
		);
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function lineItemsOf(check: InputChecker, raw: unknown): IDataObject[] | undefined {
	if (raw === undefined) return undefined;
	const chosen = check.object('Line Items', raw);
	const entries: Array<
		[string, 'unit_type' | 'protection', (typeof RECORDS)[keyof typeof RECORDS]]
	> = [
		['unitType', 'unit_type', RECORDS.unitType],
		['protectionLevel', 'protection', RECORDS.protectionLevel],
	];
	const items: IDataObject[] = [];
	for (const [name, type, record] of entries) {
		if (chosen[name] === undefined) continue;
		// A fixedCollection entry of one value, or a list of one from an expression.
		const values = [chosen[name]].flat() as IDataObject[];
		if (values.length > 1) {
			check.fail(
				'Line Items',
				chosen[name],
				`Stora takes at most one ${record.noun.slice(2)} per deal.`,
			);
		}
		const [entry] = values;
		if (!entry) continue;
		const ref = optionalRef(check, record, nested(entry, record));
		if (!ref)
			check.fail(
				`${record.displayName} ID`,
				'',
				`Pick ${record.noun} for this line item, or remove the line item.`,
			);
		const quantity = check.integer('Quantity', entry.quantity ?? 1, 1);
		items.push({ type, item: ref, quantity });
	}
	return items.length > 0 ? items : undefined;
}

/** The body's optional fields from Create's Additional Fields or Update's Update Fields. */
export function dealFieldsBody(
	check: InputChecker,
	fields: IDataObject,
	update: boolean,
): IDataObject {
	const startsAt = optionalText(fields.startsAt);
	const given: IDataObject = {
		assignee: assigneeRef(check, fields.assigneeId),
		site: optionalRef(check, RECORDS.site, nested(fields, RECORDS.site)),
		note: optionalText(fields.note),
		starts_at: startsAt === undefined ? undefined : check.dateTime('Move-In Date', fields.startsAt),
		line_items: lineItemsOf(check, fields.lineItems),
		metadata: update ? metadataPatchOf(check, fields) : metadataOf(check, fields),
	};
	if (!update) return definedEntries(given);
	return definedEntries({
		...given,
		name: optionalText(fields.name),
		assignee: clearable(check, fields, 'removeAssignee', given.assignee, 'Assignee ID'),
		site: clearable(check, fields, 'removeSite', given.site, 'Site'),
		note: clearable(check, fields, 'removeNote', given.note, 'Note'),
		starts_at: clearable(check, fields, 'removeStartsAt', given.starts_at, 'Move-In Date'),
		line_items:
			clearable(check, fields, 'removeAllLineItems', given.line_items, 'Line Items') === null
				? []
				: given.line_items,
	});
}
