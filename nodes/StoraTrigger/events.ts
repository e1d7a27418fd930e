import type { IHookFunctions, INodePropertyOptions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The event types Stora's docs confirm (stora-api.md §9); its full list is not published. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Contact Created',
		value: 'contact.created',
		description: 'A contact was added',
	},
	{
		name: 'Credit Note Created',
		value: 'credit_note.created',
		description: 'A credit note was issued',
	},
	{
		name: 'Invoice Paid',
		value: 'invoice.paid',
		description: 'An invoice was paid',
	},
	{
		name: 'Order Created',
		value: 'order.created',
		description: 'A new order was created, on the storefront, in BackOffice or through the API',
	},
	{
		name: 'Protection Level Created',
		value: 'protection_level.created',
		description: 'A protection level was added',
	},
];

/** What an event type looks like: `resource.action`, lowercase, e.g. `subscription.started`. */
const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** The Events list and Other Event Types, checked, without repeats, in a stable order. */
export function chosenEventTypes(ctx: IHookFunctions | IWebhookFunctions): string[] {
	const listed = ctx.getNodeParameter('events', []) as string[];
	const other = String(ctx.getNodeParameter('otherEventTypes', '') ?? '');
	const typed = other
		.split(/[\s,]+/)
		.map((type) => type.trim())
		.filter(Boolean);
	for (const type of typed) {
		if (!EVENT_TYPE.test(type)) {
			throw new NodeOperationError(ctx.getNode(), `"${type}" is not a Stora event type`, {
				description:
					'Other Event Types takes Stora event names separated by commas, written resource.action in lowercase, e.g. subscription.started, unit.occupied.',
			});
		}
	}
	const types = [...new Set([...listed, ...typed])].sort();
	if (types.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event', {
			description:
				'Pick the Stora events that start this workflow in Events, or type them in Other Event Types.',
		});
	}
	return types;
}
