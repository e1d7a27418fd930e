import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import {
	additionalFields,
	cancelRedirectUrlField,
	contactIdLocator,
	idempotencyKeyOption,
	optionsCollection,
	SINCE_VERSION_2,
	simplifyFields,
} from '../../descriptions/common';
import { asNodeError } from '../../helpers/errors';
import { findEarlierField, marksBookings, wantsFindEarlier } from '../../helpers/findEarlier';
import { readUserKey } from '../../helpers/idempotency';
import { checkOwnMetadata, metadataOf } from '../../helpers/metadata';
import { readOptions } from '../../helpers/options';
import { pickedId } from '../../helpers/picked';
import { wantsSimplified } from '../../helpers/simplify';
import { InputChecker } from '../../helpers/validation';
import { contactBody, contactField } from './create/contact';
import {
	lineItemsField,
	lineItemsFromFields,
	lineItemsFromJson,
	lineItemsInputModeField,
	lineItemsJsonField,
} from './create/lineItems';
import {
	BILLING_PERIODS,
	billingPeriodField,
	orderDetailFields,
	orderDetailsBody,
	PAYMENT_METHODS,
	paymentMethodField,
	siteDropdown,
	siteLocator,
	startImmediatelyField,
	startsAtField,
} from './fields';
import type { BookingCreate } from './earlierOrder';
import { createBookingOnce } from './earlierOrder';
import { finalizeObject } from './finalize.operation';
import { postOrder } from './postOrder';

/** A field of version 1, or of version 2 on. */
const inVersion = (version: 1 | 2, property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { show: { '@version': version === 1 ? [1] : SINCE_VERSION_2 } },
});

const additionalFieldsOf = (version: 1 | 2): INodeProperties =>
	inVersion(version, additionalFields(orderDetailFields(version, false)));

const properties: INodeProperties[] = [
	inVersion(1, siteDropdown),
	inVersion(2, siteLocator),
	billingPeriodField,
	paymentMethodField,
	startImmediatelyField,
	{ ...startsAtField, displayOptions: { show: { startImmediately: [false] } } },
	{
		displayName: 'Contact',
		name: 'contactMode',
		type: 'options',
		options: [
			{
				name: 'New Contact',
				value: 'new',
				description: 'Enter the customer’s details; Stora creates the contact with the order',
			},
			{
				name: 'Existing Contact',
				value: 'existing',
				description: 'Book for a contact that is already in Stora',
			},
		],
		default: 'new',
	},
	{ ...contactField, displayOptions: { show: { contactMode: ['new'] } } },
	{
		...contactIdLocator,
		displayOptions: { show: { contactMode: ['existing'] } },
		hint: 'Sent as <code>contact: {id}</code>. Stora’s docs don’t confirm that an order can name an existing contact; if Stora refuses it, the node says so.',
	},
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
	additionalFieldsOf(1),
	additionalFieldsOf(2),
	...simplifyFields,
	findEarlierField(
		'Find Earlier Order',
		'Whether to look for the order an earlier run made for this booking before creating one, and return it (marked fromEarlierRun) instead of a second order. Every order records its idempotency key in its metadata as n8n_booking_key; Stora forgets the key after 24 hours, this finds the order for as long as it keeps that marker.',
		'Create',
	),
	optionsCollection([idempotencyKeyOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

interface PreparedCreate extends BookingCreate {
	existingContactId?: string;
	/** Version 3 on: the order carries the booking marker (and may be looked for first). */
	marksBooking: boolean;
}

function contactOf(ctx: IExecuteFunctions, check: InputChecker): IDataObject | undefined {
	const { itemIndex } = check;
	const mode = ctx.getNodeParameter('contactMode', itemIndex, 'new') as string;
	if (check.oneOf('Contact', mode, ['new', 'existing']) === 'existing') {
		const id = ctx.getNodeParameter('contactId', itemIndex, '', { extractValue: true });
		return { id: check.id('Contact ID', id, 'con_') };
	}
	return contactBody(check, ctx.getNodeParameter('contact', itemIndex, {}) as IDataObject);
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCreate {
	const check = new InputChecker(this, itemIndex);
	const parameter = <T>(name: string, fallback: T) =>
		this.getNodeParameter(name, itemIndex, fallback) as T;
	const fields = parameter<IDataObject>('additionalFields', {});
	const siteId = this.getNodeParameter('siteId', itemIndex, '', { extractValue: true });

	const body: IDataObject = {
		site: { id: check.id('Site ID', pickedId(siteId), 'site_') },
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
	const contact = contactOf(this, check);
	if (contact) body.contact = contact;

	const lineItems =
		parameter<string>('lineItemsInputMode', 'fields') === 'json'
			? lineItemsFromJson(check, parameter<unknown>('lineItemsJson', '[]'))
			: lineItemsFromFields(
					check,
					(parameter<IDataObject>('lineItems', {}).lineItem as IDataObject[]) ?? [],
				);
	if (lineItems.length > 0) body.line_items = lineItems;

	Object.assign(body, orderDetailsBody(check, fields));
	const metadata = metadataOf(check, fields);
	const marksBooking = marksBookings(this);
	if (marksBooking) checkOwnMetadata(check, metadata);
	if (metadata) body.metadata = metadata;
	if (parameter('finalizeImmediately', false)) {
		body.finalize = finalizeObject(check, parameter('cancelRedirectUrl', ''));
	}

	const { expand, retry, options } = readOptions(this, itemIndex);
	const userKey = readUserKey(check, 'create', options.idempotencyKey);
	return {
		post: { path: '/orders', body, userKey },
		expand,
		retry,
		simplify: wantsSimplified(this, itemIndex),
		existingContactId: contact && 'id' in contact ? String(contact.id) : undefined,
		marksBooking,
		findEarlier: wantsFindEarlier(this, itemIndex),
	};
}

/**
 * Whether Stora's 4xx is about the contact: Stora's docs don't confirm `contact: {id}` on
 * create, so a refusal pointing at it is explained as such.
 */
function refusesContact(error: NodeApiError): boolean {
	const code = Number(error.httpCode);
	if (code < 400 || code >= 500 || code === 404) return false;
	const problems = ((error.context.problems as IDataObject[] | undefined) ?? []).map((problem) =>
		String(problem.pointer ?? ''),
	);
	return problems.some((pointer) => pointer === '/contact' || pointer.startsWith('/contact/'));
}

export async function execute(
	this: IExecuteFunctions,
	prepared: PreparedCreate,
	itemIndex: number,
): Promise<IDataObject> {
	try {
		if (prepared.marksBooking) return await createBookingOnce.call(this, prepared, itemIndex);
		return await postOrder.call(this, prepared, itemIndex);
	} catch (error) {
		const contactId = prepared.existingContactId;
		if (contactId && error instanceof NodeApiError && refusesContact(error)) {
			error.message = `Stora did not accept the existing contact ${contactId} on this order`;
			error.description = [
				'Stora’s docs don’t confirm that an order can name an existing contact by ID (contact: {id}), and Stora refused it here. Check the contact ID, or choose Contact → New Contact and enter the customer’s details.',
				error.description,
			]
				.filter(Boolean)
				.join('\n');
		}
		throw asNodeError(this, error, itemIndex);
	}
}

export const keySpace = 'create';
