'use strict';

const { money } = require('./money');
const { priceOrder } = require('./pricing');

/**
 * A record's public JSON: drops internal keys ("_seq" etc.; `_links` is public) and deep-copies.
 * @param {any} record
 * @returns {any}
 */
function publicRecord(record) {
	if (record === null || record === undefined) return null;
	/** @type {Record<string, any>} */
	const out = {};
	for (const [k, v] of Object.entries(record)) {
		if (k.startsWith('_') && k !== '_links') continue;
		out[k] = v;
	}
	return JSON.parse(JSON.stringify(out));
}

/**
 * A `{id}` stub, or the full resource when expanded.
 * @param {{ id: string } | null} ref
 * @param {string} collection
 * @param {boolean} expanded
 * @param {import('./store').Store} store
 */
function relation(ref, collection, expanded, store) {
	if (!ref) return null;
	if (!expanded) return { id: ref.id };
	return publicRecord(store.find(collection, ref.id)) || { id: ref.id };
}

/**
 * A full line item (what `expand=line_items` shows), from a priced line.
 * @param {ReturnType<typeof priceOrder>['lines'][number]} p
 * @param {boolean} expandItem
 * @param {import('./store').Store} store
 */
function renderLineItem(p, expandItem, store) {
	const collection = p.line.type === 'protection' ? 'protection_levels' : p.line.type === 'product' ? 'products' : 'unit_types';
	return {
		id: p.line.id,
		created_at: p.line.created_at,
		updated_at: p.line.updated_at,
		type: p.line.type,
		quantity: p.line.quantity,
		item: relation(p.line.item, collection, expandItem, store),
		price: money(p.line.price.amount),
		discount_total: money(p.discount),
		tax: money(p.tax),
		total: money(p.total),
		total_excluding_tax: money(p.excl),
	};
}

/**
 * Every line item of an order in full, priced in the context of the whole order (the coupon
 * discount is spread over the lines).
 * @param {any} order stored order record
 * @param {boolean} expandItem
 * @param {import('./store').Store} store
 */
function renderLineItems(order, expandItem, store) {
	return priceOrder(order, store).lines.map((/** @type {any} */ p) => renderLineItem(p, expandItem, store));
}

/**
 * The public order object (fields in the order of Stora's examples), with expansions applied.
 * @param {any} order stored order record
 * @param {Set<string>} expand
 * @param {import('./store').Store} store
 * @returns {Record<string, any>}
 */
function renderOrder(order, expand, store) {
	const priced = priceOrder(order, store);
	const lineItems = priced.lines.map((p) =>
		expand.has('line_items') ? renderLineItem(p, expand.has('line_items.item'), store) : { id: p.line.id },
	);
	return {
		id: order.id,
		billing_period: order.billing_period,
		contact: relation(order.contact, 'contacts', expand.has('contact'), store),
		contract_template: relation(order.contract_template, 'contract_templates', expand.has('contract_template'), store),
		coupon: relation(order.coupon, 'coupons', expand.has('coupon'), store),
		created_at: order.created_at,
		email_notifications: { ...order.email_notifications },
		line_items: lineItems,
		metadata: { ...order.metadata },
		one_time_total: money(priced.oneTimeTotal),
		one_time_total_excluding_tax: money(priced.oneTimeTotal),
		payment_method: order.payment_method,
		payment_url: order.payment_url,
		purchase_order_number: order.purchase_order_number,
		site: relation(order.site, 'sites', expand.has('site'), store),
		source: order.source,
		starts_at: order.starts_at,
		status: order.status,
		subscription: order.subscription ? { ...order.subscription } : null,
		subtotal: money(priced.subtotal),
		tax: money(priced.tax),
		tenancy: order.tenancy ? { ...order.tenancy } : null,
		total: money(priced.total),
		total_discount: money(priced.discount),
		total_excluding_tax: money(priced.totalExcludingTax),
		updated_at: order.updated_at,
	};
}

module.exports = { publicRecord, renderOrder, renderLineItems };
