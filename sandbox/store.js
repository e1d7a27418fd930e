'use strict';

const { buildSeed, NO_IDENTITY_CHECK, SEED } = require('./seed');
const { randomId, isoSeconds } = require('./ids');
const { cataloguePrice } = require('./pricing');
const { renderOrder } = require('./render');
const { OrderIndex } = require('./order-index');
const { invoiceRecord } = require('./invoice-record');
const { money } = require('./money');

/** Collections of what happens after the booking (seed-occupancy.js). */
const OCCUPANCY = ['units', 'unit_allocations', 'tenancies', 'subscriptions', 'credit_notes', 'contracts'];
/** The sales pipeline (seed-crm.js). */
const CRM = ['deal_stages', 'deals', 'tasks', 'notes', 'timeline_sources', 'timeline_templates', 'timeline_events', 'identity_verifications'];
const COLLECTIONS = ['sites', 'unit_types', 'protection_levels', 'products', 'coupons', 'contract_templates', 'contacts', 'orders', 'invoices', 'webhook_endpoints', ...OCCUPANCY, ...CRM];

/**
 * In-memory data. Records are stored close to their public JSON shape; keys starting with "_"
 * (except `_links`) are internal (`_seq` = insertion order, used to break sort ties).
 */
class Store {
	/**
	 * @param {{ now: () => number, baseUrl: string, seedOrders?: boolean, seedInvoices?: boolean }} options
	 */
	constructor({ now, baseUrl, seedOrders = true, seedInvoices = true }) {
		this.now = now;
		this.baseUrl = baseUrl;
		this.seedOrders = seedOrders;
		this.seedInvoices = seedInvoices;
		this.seedTime = now();
		this.seq = 0;
		/** @type {any[]} */ this.sites = [];
		/** @type {any[]} */ this.unit_types = [];
		/** @type {any[]} */ this.protection_levels = [];
		/** @type {any[]} */ this.products = [];
		/** @type {any[]} */ this.coupons = [];
		/** @type {any[]} */ this.contract_templates = [];
		/** @type {any[]} */ this.contacts = [];
		/** @type {any[]} */ this.orders = [];
		/** @type {any[]} */ this.invoices = [];
		/** @type {any[]} */ this.units = [];
		/** @type {any[]} */ this.unit_allocations = [];
		/** @type {any[]} */ this.tenancies = [];
		/** @type {any[]} */ this.subscriptions = [];
		/** @type {any[]} */ this.credit_notes = [];
		/** @type {any[]} */ this.contracts = [];
		/** @type {any[]} */ this.deal_stages = [];
		/** @type {any[]} */ this.deals = [];
		/** @type {any[]} */ this.tasks = [];
		/** @type {any[]} */ this.notes = [];
		/** @type {any[]} */ this.timeline_sources = [];
		/** @type {any[]} */ this.timeline_templates = [];
		/** @type {any[]} */ this.timeline_events = [];
		/** @type {any[]} */ this.identity_verifications = [];
		/** @type {any[]} webhook endpoints (none seeded; the secret is kept as `_secret`) */ this.webhook_endpoints = [];
		this.orderIndex = new OrderIndex();
		this.reset();
	}

	/** Restores the seed data (relative to the clock at start), keeping array identities. */
	reset() {
		const seed = buildSeed(this.seedTime, this.baseUrl);
		for (const name of COLLECTIONS) {
			/** @type {any[]} */ (/** @type {any} */ (this)[name]).length = 0;
		}
		this.seq = 0;
		this.orderIndex.clear();
		for (const name of COLLECTIONS) {
			if (name === 'orders' || name === 'invoices') continue;
			for (const record of /** @type {any} */ (seed)[name] || []) this.insert(name, record);
		}
		if (this.seedOrders) for (const order of seed.orders) this.insertOrder(order);
		if (this.seedInvoices) for (const invoice of seed.invoices) this.insertInvoice(invoice);
	}

	/**
	 * @param {string} collection
	 * @param {any} record
	 */
	insert(collection, record) {
		record._seq = ++this.seq;
		/** @type {any[]} */ (/** @type {any} */ (this)[collection]).push(record);
		if (collection === 'orders') this.orderIndex.add(record);
		return record;
	}

	/**
	 * The orders created in [after, before) (epoch ms, either may be undefined), as positions
	 * [lo, hi) of `records`, which is in created_at order, ties by insertion order.
	 * @param {number | undefined} after
	 * @param {number | undefined} before
	 */
	ordersCreatedBetween(after, before) {
		// store.orders is public: if orders were added or removed without insert(), start over
		if (this.orderIndex.size !== this.orders.length) this.orderIndex.rebuild(this.orders);
		return this.orderIndex.window(after, before);
	}

	/**
	 * @param {string} collection
	 * @param {string} id
	 * @returns {any}
	 */
	find(collection, id) {
		return /** @type {any[]} */ (/** @type {any} */ (this)[collection]).find((r) => r.id === id) || null;
	}

	/**
	 * @param {string} email
	 * @returns {any}
	 */
	findContactByEmail(email) {
		const e = email.toLowerCase();
		return this.contacts.find((c) => typeof c.email === 'string' && c.email.toLowerCase() === e) || null;
	}

	/**
	 * Creates a contact (status `lead`, no tenancies) from contact fields.
	 * @param {Record<string, any>} fields
	 */
	createContact(fields) {
		const t = isoSeconds(this.now());
		return this.insert('contacts', {
			id: randomId('con_'),
			full_name: null,
			email: null,
			phone_number: null,
			type: null,
			source: null,
			marketing_source: null,
			use_case: null,
			address: null,
			tax_id: null,
			company_registration_number: null,
			stripe_customer_id: null,
			tenancies_count: 0,
			metadata: {},
			status: 'lead',
			identity_check: { ...NO_IDENTITY_CHECK },
			...fields,
			created_at: t,
			updated_at: t,
		});
	}

	/**
	 * The catalogue record a line item points at (unit type for unit_type and security_deposit).
	 * @param {string} type
	 * @param {string} id
	 */
	lineItemTarget(type, id) {
		if (type === 'unit_type' || type === 'security_deposit') return this.find('unit_types', id);
		if (type === 'protection') return this.find('protection_levels', id);
		if (type === 'product') return this.find('products', id);
		return null;
	}

	/**
	 * A stored line item from input `{id?, type, item: {id}, quantity?, price?: {amount} | null}`:
	 * the catalogue price for the billing period when no price is given.
	 * @param {any} l
	 * @param {string | null} billingPeriod
	 * @param {string} at default created_at/updated_at
	 */
	newLineItem(l, billingPeriod, at) {
		const target = this.lineItemTarget(l.type, l.item.id);
		const amount =
			l.price && typeof l.price.amount === 'number' ? l.price.amount : target ? cataloguePrice(l.type, target, billingPeriod) : 0;
		return {
			id: l.id || randomId('olitm_'),
			type: l.type,
			item: { id: l.item.id },
			quantity: l.quantity ?? 1,
			price: { amount },
			created_at: l.created_at || at,
			updated_at: l.updated_at || at,
		};
	}

	/**
	 * Every stored order in its public shape (no expansions), oldest insertion first.
	 * @returns {Record<string, any>[]}
	 */
	listOrders() {
		return this.orders.map((o) => renderOrder(o, new Set(), this));
	}

	/**
	 * Stores an order record, filling defaults: line item ids, timestamps and catalogue prices
	 * for line items whose price is null/absent.
	 * @param {any} order
	 */
	insertOrder(order) {
		const t = isoSeconds(this.now());
		const created = order.created_at || t;
		const record = {
			id: order.id || randomId('order_'),
			billing_period: order.billing_period ?? null,
			contact: order.contact ?? null,
			contract_template: order.contract_template ?? null,
			coupon: order.coupon ?? null,
			created_at: created,
			email_notifications: order.email_notifications || { booking_confirmation: true, move_in_day: true },
			line_items: (order.line_items || []).map((/** @type {any} */ l) => this.newLineItem(l, order.billing_period ?? null, created)),
			metadata: order.metadata || {},
			payment_method: order.payment_method || 'card',
			payment_url: order.payment_url ?? null,
			purchase_order_number: order.purchase_order_number ?? null,
			site: order.site || { id: this.sites[0].id },
			source: order.source || 'public_api',
			starts_at: order.starts_at ?? null,
			status: order.status || 'draft',
			subscription: order.subscription ?? null,
			tenancy: order.tenancy ?? null,
			updated_at: order.updated_at || created,
			_cancelRedirectUrl: order._cancelRedirectUrl ?? null,
		};
		return this.insert('orders', record);
	}

	/**
	 * The tenancy and subscription a completed checkout starts for an order: the subscription bills
	 * the order's lines except the deposit (products as `custom_product`, as Stora's example shows).
	 * @param {any} order stored order
	 */
	startTenancy(order) {
		const t = isoSeconds(this.now());
		const tenancyId = randomId('ten_');
		const subscription = this.insert('subscriptions', {
			id: randomId('sub_'),
			billing_period: order.billing_period,
			cancellation_reason: null,
			cancelled: false,
			contact: order.contact ? { id: order.contact.id } : null,
			created_at: t,
			current_period: { starts_at: order.starts_at === 'now' || !order.starts_at ? t : order.starts_at, ends_at: null },
			ends_at: null,
			line_items: order.line_items
				.filter((/** @type {any} */ l) => l.type !== 'security_deposit')
				.map((/** @type {any} */ l) => ({
					created_at: t,
					item: { id: l.item.id },
					price: money(l.price.amount),
					quantity: l.quantity,
					type: l.type === 'product' ? 'custom_product' : l.type,
					updated_at: t,
				})),
			order: { id: order.id },
			site: { id: order.site.id },
			starts_at: order.starts_at === 'now' || !order.starts_at ? t : order.starts_at,
			stripe_subscription_id: randomId('sub_'),
			stripe_subscription_schedule_id: null,
			tenancy: { id: tenancyId },
			updated_at: t,
		});
		const tenancy = this.insert('tenancies', {
			id: tenancyId,
			contact: order.contact ? { id: order.contact.id } : null,
			created_at: t,
			ends_at: null,
			order: { id: order.id },
			site: { id: order.site.id },
			starts_at: subscription.starts_at,
			subscription: { id: subscription.id },
			unit_allocations: [],
			updated_at: t,
		});
		return { tenancy, subscription };
	}

	/**
	 * Stores an invoice built from a partial (see invoice-record.js): Priya at Camden unless given.
	 * @param {Record<string, any>} partial
	 */
	insertInvoice(partial) {
		const context = { now: this.now, count: this.invoices.length, defaultContactId: SEED.contacts.priya, defaultSiteId: this.sites[0].id };
		return this.insert('invoices', invoiceRecord(partial, context));
	}
}

module.exports = { Store, COLLECTIONS };
