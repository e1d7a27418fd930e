import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { metadataFields, resourceLocator } from '../../descriptions/common';
import { pickedId } from '../../helpers/picked';
import type { InputChecker } from '../../helpers/validation';

/** Fields of an order's body shared by Create and Update, and how to read them. */

export const billingPeriodField: INodeProperties = {
	displayName: 'Billing Period',
	name: 'billingPeriod',
	type: 'options',
	options: [
		{ name: 'Every Four Weeks', value: 'every_four_weeks' },
		{ name: 'Every Six Months', value: 'every_six_months' },
		{ name: 'Every Three Months', value: 'every_three_months' },
		{ name: 'Monthly', value: 'monthly' },
		{ name: 'Weekly', value: 'weekly' },
		{ name: 'Yearly', value: 'yearly' },
	],
	default: 'monthly',
	description:
		'How often the customer is charged: monthly, weekly, every_four_weeks, every_three_months, every_six_months or yearly',
};

export const paymentMethodField: INodeProperties = {
	displayName: 'Payment Method',
	name: 'paymentMethod',
	type: 'options',
	options: [
		{ name: 'Bacs Direct Debit', value: 'bacs_debit' },
		{ name: 'Card', value: 'card' },
		{ name: 'SEPA Direct Debit', value: 'sepa_debit' },
	],
	default: 'card',
	description: 'How the customer pays at Stora’s checkout: card, bacs_debit or sepa_debit',
};

/** The values Create and Update accept: the same the dropdowns offer. */
const valuesOf = (field: INodeProperties) =>
	(field.options as INodePropertyOptions[]).map((option) => String(option.value));
export const BILLING_PERIODS = valuesOf(billingPeriodField);
export const PAYMENT_METHODS = valuesOf(paymentMethodField);

export const startImmediatelyField: INodeProperties = {
	displayName: 'Start Immediately',
	name: 'startImmediately',
	type: 'boolean',
	default: false,
	description: 'Whether the order starts as soon as it is paid, instead of on a date',
};

export const startsAtField: INodeProperties = {
	displayName: 'Starts At',
	name: 'startsAt',
	type: 'dateTime',
	default: '',
	description:
		'The move-in date and time, e.g. 2025-03-04T10:00:00Z (read in the workflow’s time zone when it has none). Empty: set it later, before finalizing.',
};

const bookingConfirmationEmailField: INodeProperties = {
	displayName: 'Booking Confirmation Email',
	name: 'bookingConfirmationEmail',
	type: 'boolean',
	default: true,
	description: 'Whether Stora emails the customer a booking confirmation',
};

const moveInDayEmailField: INodeProperties = {
	displayName: 'Move-In Day Email',
	name: 'moveInDayEmail',
	type: 'boolean',
	default: true,
	description: 'Whether Stora emails the customer on their move-in day',
};

const purchaseOrderNumberField: INodeProperties = {
	displayName: 'Purchase Order Number',
	name: 'purchaseOrderNumber',
	type: 'string',
	default: '',
	placeholder: 'e.g. PO123456',
};

/** Version 1's dropdowns, kept as saved workflows have them. */
export const siteDropdown: INodeProperties = {
	displayName: 'Site Name or ID',
	name: 'siteId',
	type: 'options',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	typeOptions: { loadOptionsMethod: 'getSites' },
	required: true,
	default: '',
};

const couponDropdown: INodeProperties = {
	displayName: 'Coupon Name or ID',
	name: 'couponId',
	type: 'options',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	typeOptions: { loadOptionsMethod: 'getCoupons' },
	default: '',
};

const contractTemplateDropdown: INodeProperties = {
	displayName: 'Contract Template Name or ID',
	name: 'contractTemplateId',
	type: 'options',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	typeOptions: { loadOptionsMethod: 'getContractTemplates' },
	default: '',
};

/** Version 2's pickers. */
export const siteLocator = resourceLocator({
	displayName: 'Site',
	name: 'siteId',
	noun: 'a site',
	searchListMethod: 'searchSites',
	prefix: 'site_',
	example: 'site_14b419f1096013f1',
	description: 'The site (storage facility) the order is for: search by name, or give its ID',
});

export const couponLocator = resourceLocator({
	displayName: 'Coupon',
	name: 'couponId',
	noun: 'a coupon',
	searchListMethod: 'searchCoupons',
	prefix: 'cpn_',
	example: 'cpn_5a4d0f8a0e0e8a64',
	required: false,
	description: 'A discount to apply: search by name or code, or give its ID',
});

export const contractTemplateLocator = resourceLocator({
	displayName: 'Contract Template',
	name: 'contractTemplateId',
	noun: 'a contract template',
	searchListMethod: 'searchContractTemplates',
	prefix: 'ctpl_',
	example: 'ctpl_2b1f4e0c8d7a6b5c',
	required: false,
	description: 'The contract the customer signs: search by name, or give its ID',
});

/** Fields of Create's Additional Fields and Update's Update Fields, in the node's version. */
export function orderDetailFields(version: 1 | 2, patch: boolean): INodeProperties[] {
	const pickers =
		version === 1
			? [contractTemplateDropdown, couponDropdown]
			: [contractTemplateLocator, couponLocator];
	return [
		bookingConfirmationEmailField,
		...pickers,
		...metadataFields('order', patch),
		moveInDayEmailField,
		purchaseOrderNumberField,
	];
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * The body fields of Additional Fields / Update Fields: coupon, contract template, purchase
 * order number and emails (the answer calls them `email_notifications`). Metadata is read by
 * the caller: Create sets it, Update patches it.
 */
export function orderDetailsBody(check: InputChecker, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	const couponId = pickedId(fields.couponId);
	if (!isBlank(couponId)) body.coupon = { id: check.id('Coupon ID', couponId, 'cpn_') };
	const templateId = pickedId(fields.contractTemplateId);
	if (!isBlank(templateId)) {
		body.contract_template = { id: check.id('Contract Template ID', templateId, 'ctpl_') };
	}
	if (typeof fields.purchaseOrderNumber === 'string' && fields.purchaseOrderNumber.trim() !== '') {
		body.purchase_order_number = fields.purchaseOrderNumber.trim();
	}
	const emails: IDataObject = {};
	if (typeof fields.bookingConfirmationEmail === 'boolean') {
		emails.booking_confirmation = fields.bookingConfirmationEmail;
	}
	if (typeof fields.moveInDayEmail === 'boolean') emails.move_in_day = fields.moveInDayEmail;
	if (Object.keys(emails).length > 0) body.emails = emails;
	return body;
}
