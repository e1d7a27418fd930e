import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	cancelRedirectUrlField,
	idempotencyKeyOption,
	metadataFields,
	optionsCollection,
} from '../../descriptions/common';
import { readUserKey } from '../../helpers/idempotency';
import { readOptions } from '../../helpers/options';
import { metadataOf } from '../../helpers/metadata';
import { InputChecker } from '../../helpers/validation';
import { contactBody, contactField } from './create/contact';
import {
	lineItemsField,
	lineItemsFromFields,
	lineItemsFromJson,
	lineItemsInputModeField,
	lineItemsJsonField,
} from './create/lineItems';
import { finalizeObject } from './finalize.operation';
import type { PreparedOrderPost } from './postOrder';
import { postOrder } from './postOrder';

const BILLING_PERIODS = [
	'every_four_weeks',
	'every_six_months',
	'every_three_months',
	'monthly',
	'weekly',
	'yearly',
];
export const PAYMENT_METHODS = ['bacs_debit', 'card', 'sepa_debit'];

const properties: INodeProperties[] = [
	{
		displayName: 'Site Name or ID',
		name: 'siteId',
		type: 'options',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		typeOptions: { loadOptionsMethod: 'getSites' },
		required: true,
		default: '',
	},
	{
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
	},
	{
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'options',
		options: [
			{ name: 'Bacs Direct Debit', value: 'bacs_debit' },
			{ name: 'Card', value: 'card' },
			{ name: 'SEPA Direct Debit', value: 'sepa_debit' },
		],
		default: 'card',
	},
	{
		displayName: 'Start Immediately',
		name: 'startImmediately',
		type: 'boolean',
		default: false,
		description: 'Whether the order starts as soon as it is paid, instead of on a date',
	},
	{
		displayName: 'Starts At',
		name: 'startsAt',
		type: 'dateTime',
		displayOptions: { show: { startImmediately: [false] } },
		default: '',
		description: 'The move-in date. Empty: set it later, before finalizing.',
	},
	contactField,
	lineItemsInputModeField,
	lineItemsField,
	lineItemsJsonField,
	{
		displayName: 'Finalize Immediately',
		name: 'finalizeImmediately',
		type: 'boolean',
		default: false,
		description:
			'Whether to finalize the order in the same call and return its payment URL. If it is not ready, Stora stores nothing and the node reports why.',
	},
	{ ...cancelRedirectUrlField, displayOptions: { show: { finalizeImmediately: [true] } } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Booking Confirmation Email',
				name: 'bookingConfirmationEmail',
				type: 'boolean',
				default: true,
				description: 'Whether Stora emails the customer a booking confirmation',
			},
			{
				displayName: 'Contract Template Name or ID',
				name: 'contractTemplateId',
				type: 'options',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				typeOptions: { loadOptionsMethod: 'getContractTemplates' },
				default: '',
			},
			{
				displayName: 'Coupon Name or ID',
				name: 'couponId',
				type: 'options',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				typeOptions: { loadOptionsMethod: 'getCoupons' },
				default: '',
			},
			...metadataFields('order'),
			{
				displayName: 'Move-In Day Email',
				name: 'moveInDayEmail',
				type: 'boolean',
				default: true,
				description: 'Whether Stora emails the customer on their move-in day',
			},
			{
				displayName: 'Purchase Order Number',
				name: 'purchaseOrderNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. PO123456',
			},
		],
	},
	optionsCollection([idempotencyKeyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

function emailsOf(fields: IDataObject): IDataObject | undefined {
	const emails: IDataObject = {};
	if (typeof fields.bookingConfirmationEmail === 'boolean') {
		emails.booking_confirmation = fields.bookingConfirmationEmail;
	}
	if (typeof fields.moveInDayEmail === 'boolean') emails.move_in_day = fields.moveInDayEmail;
	return Object.keys(emails).length > 0 ? emails : undefined;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedOrderPost {
	const check = new InputChecker(this, itemIndex);
	const parameter = <T>(name: string, fallback: T) =>
		this.getNodeParameter(name, itemIndex, fallback) as T;
	const fields = parameter<IDataObject>('additionalFields', {});

	const body: IDataObject = {
		site: { id: check.id('Site ID', parameter('siteId', ''), 'site_') },
		billing_period: check.oneOf(
			'Billing Period',
			parameter('billingPeriod', 'monthly'),
			BILLING_PERIODS,
		),
		payment_method: check.oneOf(
			'Payment Method',
			parameter('paymentMethod', 'card'),
			PAYMENT_METHODS,
		),
	};
	if (parameter('startImmediately', false)) {
		body.starts_at = 'now';
	} else if (parameter<unknown>('startsAt', '')) {
		body.starts_at = check.dateTime('Starts At', parameter('startsAt', ''));
	}
	const contact = contactBody(check, parameter<IDataObject>('contact', {}));
	if (contact) body.contact = contact;

	const lineItems =
		parameter<string>('lineItemsInputMode', 'fields') === 'json'
			? lineItemsFromJson(check, parameter<unknown>('lineItemsJson', '[]'))
			: lineItemsFromFields(
					check,
					(parameter<IDataObject>('lineItems', {}).lineItem as IDataObject[]) ?? [],
				);
	if (lineItems.length > 0) body.line_items = lineItems;

	if (fields.couponId) body.coupon = { id: check.id('Coupon ID', fields.couponId, 'cpn_') };
	if (fields.contractTemplateId) {
		body.contract_template = {
			id: check.id('Contract Template ID', fields.contractTemplateId, 'ctpl_'),
		};
	}
	if (typeof fields.purchaseOrderNumber === 'string' && fields.purchaseOrderNumber.trim() !== '') {
		body.purchase_order_number = fields.purchaseOrderNumber.trim();
	}
	const emails = emailsOf(fields);
	if (emails) body.emails = emails;
	const metadata = metadataOf(check, fields);
	if (metadata) body.metadata = metadata;
	if (parameter('finalizeImmediately', false)) {
		body.finalize = finalizeObject(check, parameter('cancelRedirectUrl', ''));
	}

	const { expand, retry, options } = readOptions(this, itemIndex);
	const userKey = readUserKey(check, 'create', options.idempotencyKey);
	return { post: { path: '/orders', body, userKey }, expand, retry };
}

export const execute = postOrder;
export const keySpace = 'create';
