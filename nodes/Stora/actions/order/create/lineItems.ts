import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { InputChecker } from '../../../helpers/validation';

export const LINE_ITEM_TYPES = ['unit_type', 'protection', 'product', 'security_deposit'] as const;
export type LineItemType = (typeof LINE_ITEM_TYPES)[number];

/** What `item.id` refers to for each type; a security deposit is charged for a unit type. */
const ITEM_PREFIX: Record<LineItemType, string> = {
	unit_type: 'utype_',
	protection: 'plvl_',
	product: 'prod_',
	security_deposit: 'utype_',
};

const ITEM_FIELD: Record<LineItemType, string> = {
	unit_type: 'unitTypeId',
	protection: 'protectionLevelId',
	product: 'productId',
	security_deposit: 'unitTypeId',
};

const itemPicker = (
	displayName: string,
	name: string,
	loadOptionsMethod: string,
	loadOptionsDependsOn: string[],
	types: LineItemType[],
): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	typeOptions: { loadOptionsMethod, loadOptionsDependsOn },
	displayOptions: { show: { type: types } },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
});

export const lineItemsInputModeField: INodeProperties = {
	displayName: 'Line Items Input',
	name: 'lineItemsInputMode',
	type: 'options',
	options: [
		{ name: 'Define Below', value: 'fields', description: 'Pick each line item in the form' },
		{
			name: 'Using JSON',
			value: 'json',
			description: 'Map an array of line items from an earlier node',
		},
	],
	default: 'fields',
};

/**
 * One line item's fields: its type, the item (a picker per type), quantity and an optional price
 * of your own. Order Create repeats them as rows; Line Item → Create has them once, and its
 * pickers follow the order (`orderId.value`) instead of the Site.
 */
export function lineItemFields(dependsOn: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Product', value: 'product', description: 'E.g. a padlock or boxes.' },
				{
					name: 'Protection',
					value: 'protection',
					description: 'Insurance cover for the unit',
				},
				{
					name: 'Security Deposit',
					value: 'security_deposit',
					description: 'The deposit of a unit type',
				},
				{ name: 'Unit Type', value: 'unit_type', description: 'The storage unit being rented' },
			],
			default: 'unit_type',
		},
		itemPicker('Unit Type Name or ID', 'unitTypeId', 'getUnitTypes', dependsOn, [
			'unit_type',
			'security_deposit',
		]),
		itemPicker(
			'Protection Level Name or ID',
			'protectionLevelId',
			'getProtectionLevels',
			dependsOn,
			['protection'],
		),
		itemPicker('Product Name or ID', 'productId', 'getProducts', dependsOn, ['product']),
		{
			displayName: 'Quantity',
			name: 'quantity',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
		},
		{
			displayName: 'Set Price',
			name: 'setPrice',
			type: 'boolean',
			default: false,
			description: 'Whether to charge a price of your own instead of the catalogue price',
		},
		{
			displayName: 'Price (Minor Units)',
			name: 'price',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			displayOptions: { show: { setPrice: [true] } },
			default: 0,
			description: 'In the smallest currency unit: 1999 is £19.99',
		},
	];
}

export const lineItemsField: INodeProperties = {
	displayName: 'Line Items',
	name: 'lineItems',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Line Item' },
	displayOptions: { show: { lineItemsInputMode: ['fields'] } },
	default: {},
	placeholder: 'Add Line Item',
	description:
		'What the customer books. Usually a unit type, plus protection, products or a security deposit.',
	options: [
		{
			displayName: 'Line Item',
			name: 'lineItem',
			values: lineItemFields(['siteId']),
		},
	],
};

export const lineItemsJsonField: INodeProperties = {
	displayName: 'Line Items (JSON)',
	name: 'lineItemsJson',
	type: 'json',
	displayOptions: { show: { lineItemsInputMode: ['json'] } },
	default:
		'[\n  {\n    "type": "unit_type",\n    "item": { "id": "utype_..." },\n    "quantity": 1\n  }\n]',
	description:
		'An array of line items in Stora’s shape: each with a type, an item (the unit type, protection level or product it refers to), a quantity and optionally a price in minor units. The README has an example.',
};

/** A line item field's name in errors, e.g. `Line item 2 quantity` or `Quantity`. */
export type FieldName = (
	part: 'type' | 'quantity' | 'item ID' | 'price',
	type?: LineItemType,
) => string;

const inRow =
	(label: string): FieldName =>
	(part) =>
		`${label} ${part}`;

function lineItem(
	check: InputChecker,
	name: FieldName,
	type: unknown,
	itemId: unknown,
	quantity: unknown,
	price: unknown,
): IDataObject {
	const checkedType = check.oneOf(name('type'), type, LINE_ITEM_TYPES);
	const body: IDataObject = {
		type: checkedType,
		quantity: check.integer(name('quantity', checkedType), quantity ?? 1, 1),
		item: { id: check.id(name('item ID', checkedType), itemId, ITEM_PREFIX[checkedType]) },
	};
	if (price !== undefined) {
		body.price = { amount: check.integer(name('price', checkedType), price, 0) };
	}
	return body;
}

/** One line item as `lineItemFields` collect it (a row of Order Create, or Line Item → Create). */
export function lineItemFromFields(
	check: InputChecker,
	entry: IDataObject,
	name: FieldName,
): IDataObject {
	const type = (entry.type ?? 'unit_type') as LineItemType;
	const itemField = ITEM_FIELD[type] ?? 'unitTypeId';
	return lineItem(
		check,
		name,
		type,
		entry[itemField],
		entry.quantity,
		entry.setPrice === true ? entry.price : undefined,
	);
}

export function lineItemsFromFields(check: InputChecker, entries: IDataObject[]): IDataObject[] {
	return entries.map((entry, index) =>
		lineItemFromFields(check, entry, inRow(`Line item ${index + 1}`)),
	);
}

export function lineItemsFromJson(check: InputChecker, value: unknown): IDataObject[] {
	const parsed = check.json('Line Items (JSON)', value);
	if (!Array.isArray(parsed)) {
		check.fail('Line Items (JSON)', parsed, 'Line Items (JSON) must be an array of line items.');
	}
	return parsed.map((raw, index) => {
		const label = `Line Items (JSON) [${index}]`;
		const entry = check.object(label, raw);
		const item = entry.item as IDataObject | undefined;
		const price = entry.price as IDataObject | number | undefined;
		return lineItem(
			check,
			inRow(label),
			entry.type,
			item?.id,
			entry.quantity,
			typeof price === 'object' && price !== null ? price.amount : price,
		);
	});
}
