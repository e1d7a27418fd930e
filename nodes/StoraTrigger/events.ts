import type { IHookFunctions, INodePropertyOptions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

interface StoraEventType {
	name: string;
	value: string;
	description: string;
	/** The key of the record under the event's `data` (Stora's reference, event by event). */
	dataKey: string;
}

/** The event types Stora's reference documents (stora-api-catalogue.md §3.2). */
const EVENT_TYPES: StoraEventType[] = [
	{
		name: 'Contact Churned',
		value: 'contact.churned',
		description: 'A contact churned: they stopped being a customer',
		dataKey: 'contact',
	},
	{
		name: 'Contact Created',
		value: 'contact.created',
		description: 'A contact was added, in BackOffice, on the storefront or through the API',
		dataKey: 'contact',
	},
	{
		name: 'Contact Updated',
		value: 'contact.updated',
		description: 'A contact’s details changed',
		dataKey: 'contact',
	},
	{
		name: 'Credit Note Created',
		value: 'credit_note.created',
		description: 'A credit note was issued',
		dataKey: 'credit_note',
	},
	{
		name: 'Deal Lost',
		value: 'deal.lost',
		description: 'A deal in the sales pipeline was marked lost (with its lost_reason)',
		dataKey: 'deal',
	},
	{
		name: 'Deal Updated',
		value: 'deal.updated',
		description: 'A deal in the sales pipeline changed: its stage, assignee or details',
		dataKey: 'deal',
	},
	{
		name: 'Identity Verification Processing',
		value: 'identity_verification.processing',
		description: 'A contact’s identity verification was submitted and is being checked',
		dataKey: 'identity_verification',
	},
	{
		name: 'Identity Verification Succeeded',
		value: 'identity_verification.succeeded',
		description: 'A contact’s identity verification passed',
		dataKey: 'identity_verification',
	},
	{
		name: 'Invoice Created',
		value: 'invoice.created',
		description: 'An invoice was issued to a contact',
		dataKey: 'invoice',
	},
	{
		name: 'Invoice Paid',
		value: 'invoice.paid',
		description: 'An invoice was paid',
		dataKey: 'invoice',
	},
	{
		name: 'Order Created',
		value: 'order.created',
		description: 'A new order was created, on the storefront, in BackOffice or through the API',
		dataKey: 'order',
	},
	{
		name: 'Protection Level Created',
		value: 'protection_level.created',
		description: 'A protection level (insurance cover) was added',
		dataKey: 'protection_level',
	},
	{
		name: 'Unit Updated',
		value: 'unit.updated',
		description: 'A unit changed, e.g. its status (occupied, available, overlocked)',
		dataKey: 'unit',
	},
];

export const EVENT_OPTIONS: INodePropertyOptions[] = EVENT_TYPES.map(
	({ name, value, description }) => ({ name, value, description }),
);

/** `data.order` for order.created, …; for a type not documented, the part before the dot. */
export function dataKeyOf(type: string): string {
	return EVENT_TYPES.find((known) => known.value === type)?.dataKey ?? type.split('.')[0];
}

/** What an event type looks like: `resource.action`, lowercase, e.g. `subscription.started`. */
const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Other Event Types as typed: comma-separated (space-separated types, which earlier versions
 * took, still are). Returns each type with the text the user typed for it.
 */
function typedEventTypes(ctx: IHookFunctions | IWebhookFunctions): Map<string, string> {
	const other = String(ctx.getNodeParameter('otherEventTypes', '') ?? '');
	const typed = new Map<string, string>();
	for (const piece of other.split(/[,\n]/)) {
		const text = piece.trim();
		if (!text) continue;
		const words = text.split(/\s+/);
		if (!words.every((word) => EVENT_TYPE.test(word))) {
			throw new NodeOperationError(ctx.getNode(), `"${text}" is not a Stora event type`, {
				description: `Other Event Types has "${text}". It takes Stora event names separated by commas, written resource.action in lowercase, e.g. subscription.started, unit.occupied; the documented ones are in Events.`,
			});
		}
		for (const word of words) typed.set(word, words.length > 1 ? word : text);
	}
	return typed;
}

export interface ChosenEventTypes {
	/** Sorted, without repeats: what the endpoint subscribes to. */
	types: string[];
	/** For a type from Other Event Types, the text the user typed. */
	typedAs: Map<string, string>;
}

/** The Events list and Other Event Types, checked, without repeats, in a stable order. */
export function chosenEvents(ctx: IHookFunctions | IWebhookFunctions): ChosenEventTypes {
	const listed = ctx.getNodeParameter('events', []) as string[];
	const typedAs = typedEventTypes(ctx);
	const types = [...new Set([...listed, ...typedAs.keys()])].sort();
	if (types.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event', {
			description:
				'Pick the Stora events that start this workflow in Events, or type them in Other Event Types.',
		});
	}
	return { types, typedAs };
}

export function chosenEventTypes(ctx: IHookFunctions | IWebhookFunctions): string[] {
	return chosenEvents(ctx).types;
}
