import type { INode, IPollFunctions } from 'n8n-workflow';

import { readSettings } from '../../nodes/StoraPollingTrigger/settings';

/** The node's parameters as n8n's poll context gives them (no items: name and fallback). */
function contextWith(parameters: Record<string, unknown>): IPollFunctions {
	const node = { name: 'Stora Polling Trigger' } as INode;
	return {
		getNode: () => node,
		getTimezone: () => 'Europe/London',
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
	} as unknown as IPollFunctions;
}

const settingsOf = (parameters: Record<string, unknown>) => readSettings(contextWith(parameters));

describe('the polling trigger’s settings', () => {
	it('send the filters as Get Many does and check them on each record', () => {
		const settings = settingsOf({
			event: 'orderCreated',
			filters: {
				status: ['completed', 'finalized'],
				siteIds: ['site_14b419f1096013f1'],
				metadata: { metadataValues: [{ key: 'source', value: 'web' }] },
			},
		});
		expect(settings.filters).toEqual({
			status: 'completed,finalized',
			site_id: 'site_14b419f1096013f1',
			'metadata[source]': 'web',
		});
		expect(settings.wanted({ status: 'completed', metadata: { source: 'web' } })).toBe(true);
		expect(settings.wanted({ status: 'draft' })).toBe(false);
	});

	it('start afresh when the event, status, filters or look-back change, not for other options', () => {
		const base = { event: 'orderStatus', orderStatus: 'completed', lookBackDays: 60 };
		const fingerprint = settingsOf(base).fingerprint;
		expect(settingsOf({ ...base, simplify: false }).fingerprint).toBe(fingerprint);
		expect(
			settingsOf({ ...base, options: { includeExistingSince: '2026-01-01T00:00:00Z' } })
				.fingerprint,
		).toBe(fingerprint);
		for (const changed of [
			{ orderStatus: 'abandoned' },
			{ lookBackDays: 30 },
			{ filters: { siteIds: ['site_14b419f1096013f1'] } },
			{ event: 'orderCreated' },
		]) {
			expect(settingsOf({ ...base, ...changed }).fingerprint).not.toBe(fingerprint);
		}
		// Look Back is not an Order Created setting: changing it there keeps the state.
		expect(settingsOf({ event: 'orderCreated', lookBackDays: 5 }).fingerprint).toBe(
			settingsOf({ event: 'orderCreated' }).fingerprint,
		);
	});

	it('emit only orders really in the chosen status, and only paid invoices', () => {
		const status = settingsOf({ event: 'orderStatus', orderStatus: 'completed' });
		expect(status.wanted({ status: 'completed' })).toBe(true);
		expect(status.wanted({ status: 'finalized' })).toBe(false);
		const paid = settingsOf({ event: 'invoicePaid' });
		expect(paid.wanted({ paid_at: '2026-01-01T00:00:00Z' })).toBe(true);
		expect(paid.wanted({ paid_at: null })).toBe(false);
	});

	it('refuse bad input with the field and value before any request', () => {
		expect(() =>
			settingsOf({ event: 'contactCreated', filters: { status: ['completed'] } }),
		).toThrow('Invalid Status "completed" [item 0]');
		expect(() => settingsOf({ event: 'invoicePaid', lookBackDays: 0 })).toThrow(
			'Invalid Look Back (Days) 0',
		);
		expect(() =>
			settingsOf({ event: 'orderCreated', options: { includeExistingSince: 'soon' } }),
		).toThrow('Invalid Include Existing Since "soon"');
		expect(() => settingsOf({ event: 'orderShipped' })).toThrow('Invalid Event "orderShipped"');
	});
});
