import type { IHookFunctions, INode } from 'n8n-workflow';

import { EVENT_OPTIONS, chosenEvents, dataKeyOf } from '../../nodes/StoraTrigger/events';

/** The event types Stora's reference documents (stora-api-catalogue.md §3.2) and their data keys. */
const DOCUMENTED: Record<string, string> = {
	'order.created': 'order',
	'contact.created': 'contact',
	'contact.updated': 'contact',
	'contact.churned': 'contact',
	'deal.updated': 'deal',
	'deal.lost': 'deal',
	'identity_verification.processing': 'identity_verification',
	'identity_verification.succeeded': 'identity_verification',
	'invoice.created': 'invoice',
	'invoice.paid': 'invoice',
	'credit_note.created': 'credit_note',
	'protection_level.created': 'protection_level',
	'unit.updated': 'unit',
};

/** The node's parameters as n8n's hook context gives them. */
function contextWith(parameters: Record<string, unknown>): IHookFunctions {
	const node = { name: 'Stora Trigger' } as INode;
	return {
		getNode: () => node,
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
	} as unknown as IHookFunctions;
}

describe('the Stora Trigger’s events', () => {
	it('offers the 13 documented event types, each saying what it means', () => {
		expect(EVENT_OPTIONS.map((option) => option.value).sort()).toEqual(
			Object.keys(DOCUMENTED).sort(),
		);
		for (const option of EVENT_OPTIONS) {
			expect(option.description).toMatch(/^[A-Z].{10,}/);
			expect(dataKeyOf(String(option.value))).toBe(DOCUMENTED[String(option.value)]);
		}
		// The values saved workflows hold keep working.
		for (const saved of [
			'order.created',
			'contact.created',
			'invoice.paid',
			'credit_note.created',
			'protection_level.created',
		]) {
			expect(EVENT_OPTIONS.map((option) => option.value)).toContain(saved);
		}
	});

	it('reads Other Event Types separated by commas, and by spaces as saved workflows may have them', () => {
		const chosen = chosenEvents(
			contextWith({ events: ['order.created'], otherEventTypes: 'unit.occupied, a.b c.d\n' }),
		);
		expect(chosen.types).toEqual(['a.b', 'c.d', 'order.created', 'unit.occupied']);
		expect(chosen.typedAs.get('unit.occupied')).toBe('unit.occupied');
	});

	it.each(['Order.Created', 'order created', 'order', 'order.created!'])(
		'names a mistyped Other Event Type exactly as typed: %s',
		(typed) => {
			expect(() => chosenEvents(contextWith({ otherEventTypes: ` ${typed} ` }))).toThrow(
				`"${typed}" is not a Stora event type`,
			);
		},
	);
});
