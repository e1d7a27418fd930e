'use strict';

const { randomId, isoSeconds } = require('./ids');
const { publicRecord, renderOrder } = require('./render');

/**
 * The 13 event types Stora's reference documents (stora-api-catalogue.md §3.2), each with its
 * `data` key. Endpoints may subscribe to these only.
 */
const EVENT_DATA_KEYS = {
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
const EVENT_TYPES = Object.keys(EVENT_DATA_KEYS);

/** Types whose example in Stora's reference has no `api_version` (catalogue §3.1): sent without it. */
const WITHOUT_API_VERSION = new Set([
	'identity_verification.processing',
	'identity_verification.succeeded',
	'protection_level.created',
	'invoice.created',
	'deal.updated',
]);

/** Every relation an order's webhook carries expanded (catalogue §3.1: no `{id}` stubs). */
const ORDER_EXPANSIONS = new Set([
	'contact',
	'site',
	'coupon',
	'contract_template',
	'line_items',
	'line_items.item',
]);

/**
 * Money as Stora's webhook examples show it: `{amount, formatted}`, no currency.
 * @param {number} amount minor units
 */
function webhookMoney(amount) {
	return { amount, formatted: `£${(amount / 100).toFixed(2)}` };
}

/**
 * A staff member as expanded in webhooks (`assignee`, `creator`).
 * @param {string} at ISO time
 */
function staff(at) {
	return {
		id: 'staff_sandboxsiteteam1',
		created_at: at,
		email: 'site.team@example.com',
		name: 'Site Team',
		updated_at: at,
	};
}

/**
 * @param {import('./store').Store} store
 * @param {string} collection
 * @param {string} [id] the record named, else the newest stored
 */
function stored(store, collection, id) {
	const all = /** @type {any[]} */ (/** @type {any} */ (store)[collection]);
	return id === undefined ? all[all.length - 1] : store.find(collection, id);
}

/**
 * The order as an order webhook carries it: every relation expanded.
 * @param {any} order stored order record
 * @param {import('./store').Store} store
 */
function webhookOrder(order, store) {
	return renderOrder(order, ORDER_EXPANSIONS, store);
}

/**
 * Example data for an event of `type`, built from the sandbox's records (the order or contact
 * named, else the newest), with related objects expanded as Stora's examples show them.
 * @param {string} type one of EVENT_TYPES
 * @param {import('./store').Store} store
 * @param {{ orderId?: string, contactId?: string, now: number }} spec
 * @returns {Record<string, any> | { missing: string }} `missing` names the record that isn't there
 */
function exampleData(type, store, spec) {
	const at = isoSeconds(spec.now);
	const contactRecord = stored(store, 'contacts', spec.contactId);
	const contact = publicRecord(contactRecord);
	const site = publicRecord(store.sites[0]);
	switch (type) {
		case 'order.created': {
			const order = stored(store, 'orders', spec.orderId);
			return order
				? { order: webhookOrder(order, store) }
				: { missing: spec.orderId ? `order \`${spec.orderId}\`` : 'order is stored' };
		}
		case 'contact.created':
		case 'contact.updated':
		case 'contact.churned':
			if (!contact)
				return { missing: spec.contactId ? `contact \`${spec.contactId}\`` : 'contact is stored' };
			return { contact: type === 'contact.churned' ? { ...contact, status: 'churned' } : contact };
		case 'deal.updated':
		case 'deal.lost':
			return {
				deal: {
					id: randomId('deal_'),
					assignee: staff(at),
					contact,
					created_at: at,
					creator: staff(at),
					lost_reason: type === 'deal.lost' ? 'accessibility_concern' : null,
					site,
					stage: {
						id: 'dstg_sandboxenquiry01',
						name: 'Enquiry',
						position: 1,
						created_at: at,
						updated_at: at,
					},
					status: type === 'deal.lost' ? 'lost' : 'open',
					updated_at: at,
				},
			};
		case 'identity_verification.processing':
		case 'identity_verification.succeeded':
			return {
				identity_verification: {
					id: randomId('idver_'),
					contact,
					created_at: at,
					error_code: null,
					status: type.split('.')[1],
					updated_at: at,
				},
			};
		case 'invoice.created':
		case 'invoice.paid':
			return {
				invoice: {
					id: randomId('inv_'),
					contact,
					created_at: at,
					paid_at: type === 'invoice.paid' ? at : null,
					site,
					status: type === 'invoice.paid' ? 'paid' : 'open',
					total: webhookMoney(12000),
					updated_at: at,
				},
			};
		case 'credit_note.created':
			return {
				credit_note: {
					id: randomId('cred_'),
					contact,
					created_at: at,
					invoice: { id: randomId('inv_'), contact, site, total: webhookMoney(12000) },
					total: webhookMoney(2000),
					updated_at: at,
				},
			};
		case 'protection_level.created':
			return { protection_level: publicRecord(stored(store, 'protection_levels')) };
		case 'unit.updated':
			return {
				unit: {
					id: randomId('unit_'),
					created_at: at,
					name: 'A101',
					site,
					status: 'occupied',
					unit_type: publicRecord(store.unit_types[0]),
					updated_at: at,
				},
			};
		default:
			return { missing: `example for ${type}` };
	}
}

module.exports = { EVENT_TYPES, EVENT_DATA_KEYS, WITHOUT_API_VERSION, exampleData, webhookOrder };
