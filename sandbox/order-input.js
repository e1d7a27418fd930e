'use strict';

const { BILLING_PERIODS } = require('./seed');
const { validateMetadata } = require('./metadata');

const PAYMENT_METHODS = ['card', 'bacs_debit', 'sepa_debit'];
const LINE_ITEM_TYPES = ['unit_type', 'protection', 'product', 'security_deposit'];
const CONTACT_ENUMS = {
	type: ['domestic', 'company', 'student', 'charity', 'local_authority'],
	source: [
		'pre_open',
		'incomplete_booking',
		'registered_interest',
		'price_interest',
		'quotation_request',
		'booking',
		'popup',
		'external_enquiry',
		'phone',
		'walkin',
		'import',
		'other',
	],
	marketing_source: [
		'used_before',
		'recommendation',
		'received_leaflet',
		'seen_building_signs',
		'seen_advert',
		'facebook_marketplace',
		'google_search',
		'other_online_search',
		'social_media',
		'email',
		'radio',
		'other',
	],
	use_case: ['business_needs', 'moving_home', 'more_space', 'refurb', 'travelling', 'other'],
};
const CONTACT_STRINGS = ['full_name', 'email', 'phone_number', 'tax_id', 'company_registration_number'];
const ADDRESS_FIELDS = ['line_1', 'line_2', 'city', 'postal_code', 'state', 'country_alpha2'];
const TOP_LEVEL = [
	'site',
	'billing_period',
	'payment_method',
	'purchase_order_number',
	'starts_at',
	'emails',
	'coupon',
	'contract_template',
	'contact',
	'finalize',
	'metadata',
	'line_items',
];
const ID_PREFIX = { unit_type: 'utype_', security_deposit: 'utype_', protection: 'plvl_', product: 'prod_' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** @typedef {{ message: string, pointer: string }} Detail */

/**
 * @param {unknown} v
 * @returns {v is Record<string, any>}
 */
function isObject(v) {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Adds a detail for every key of `obj` not in `allowed`.
 * @param {Record<string, any>} obj
 * @param {string[]} allowed
 * @param {string} base
 * @param {Detail[]} details
 */
function rejectUnknown(obj, allowed, base, details) {
	for (const k of Object.keys(obj)) {
		if (!allowed.includes(k)) details.push({ message: `unknown property \`${k}\` is not allowed`, pointer: `${base}/${k}` });
	}
}

/**
 * A `{id}` reference to an existing record.
 * @param {any} value
 * @param {string} pointer
 * @param {string} collection
 * @param {string} label
 * @param {import('./store').Store} store
 * @param {Detail[]} details
 * @param {boolean} required
 * @returns {any} the record, or null
 */
function reference(value, pointer, collection, label, store, details, required) {
	if (value === undefined || value === null) {
		if (required) details.push({ message: `value at \`${pointer}\` is required`, pointer });
		return null;
	}
	if (!isObject(value)) {
		details.push({ message: `value at \`${pointer}\` is not an object`, pointer });
		return null;
	}
	rejectUnknown(value, ['id'], pointer, details);
	if (value.id === undefined || value.id === null) {
		details.push({ message: `value at \`${pointer}/id\` is required`, pointer: `${pointer}/id` });
		return null;
	}
	if (typeof value.id !== 'string') {
		details.push({ message: `value at \`${pointer}/id\` is not a string`, pointer: `${pointer}/id` });
		return null;
	}
	const record = store.find(collection, value.id);
	if (!record) details.push({ message: `${label} \`${value.id}\` does not exist`, pointer: `${pointer}/id` });
	return record;
}

/**
 * @param {any} value
 * @param {string} pointer
 * @param {string[]} allowed
 * @param {Detail[]} details
 */
function enumValue(value, pointer, allowed, details) {
	if (!allowed.includes(value)) {
		details.push({ message: `value at \`${pointer}\` is not one of: ${allowed.join(', ')}`, pointer });
		return false;
	}
	return true;
}

/**
 * @param {any} contact
 * @param {import('./store').Store} store
 * @param {Detail[]} details
 * @returns {{ existing: any } | { fields: Record<string, any> } | null}
 */
function contactInput(contact, store, details) {
	if (contact === undefined || contact === null) return null;
	if (!isObject(contact)) {
		details.push({ message: 'value at `/contact` is not an object', pointer: '/contact' });
		return null;
	}
	if (contact.id !== undefined) {
		for (const k of Object.keys(contact)) {
			if (k !== 'id') details.push({ message: `property \`${k}\` is not allowed together with \`id\``, pointer: `/contact/${k}` });
		}
		const existing = reference(contact, '/contact', 'contacts', 'contact', store, details, true);
		return existing ? { existing } : null;
	}
	rejectUnknown(contact, [...CONTACT_STRINGS, ...Object.keys(CONTACT_ENUMS), 'address'], '/contact', details);
	/** @type {Record<string, any>} */
	const fields = {};
	for (const k of CONTACT_STRINGS) {
		const v = contact[k];
		if (v === undefined || v === null) continue;
		if (typeof v !== 'string') details.push({ message: `value at \`/contact/${k}\` is not a string`, pointer: `/contact/${k}` });
		else fields[k] = v;
	}
	if (typeof fields.email === 'string' && !EMAIL.test(fields.email)) {
		details.push({ message: 'value at `/contact/email` does not match format: email', pointer: '/contact/email' });
	}
	for (const [k, allowed] of Object.entries(CONTACT_ENUMS)) {
		const v = contact[k];
		if (v === undefined || v === null) continue;
		if (enumValue(v, `/contact/${k}`, allowed, details)) fields[k] = v;
	}
	const address = contact.address;
	if (address !== undefined && address !== null) {
		if (!isObject(address)) {
			details.push({ message: 'value at `/contact/address` is not an object', pointer: '/contact/address' });
		} else {
			rejectUnknown(address, ADDRESS_FIELDS, '/contact/address', details);
			/** @type {Record<string, string | null>} */
			const a = {};
			for (const k of ADDRESS_FIELDS) {
				const v = address[k];
				if (v === undefined || v === null) a[k] = null;
				else if (typeof v !== 'string') details.push({ message: `value at \`/contact/address/${k}\` is not a string`, pointer: `/contact/address/${k}` });
				else a[k] = v;
			}
			if (typeof a.country_alpha2 === 'string' && !/^[A-Z]{2}$/.test(a.country_alpha2)) {
				details.push({
					message: 'value at `/contact/address/country_alpha2` is not an ISO 3166-1 alpha-2 code',
					pointer: '/contact/address/country_alpha2',
				});
			}
			fields.address = a;
		}
	}
	return { fields };
}

/**
 * @param {any} items
 * @param {any} site the order's site record (null when invalid)
 * @param {import('./store').Store} store
 * @param {Detail[]} details
 */
function lineItemsInput(items, site, store, details) {
	if (items === undefined || items === null) return [];
	if (!Array.isArray(items)) {
		details.push({ message: 'value at `/line_items` is not an array', pointer: '/line_items' });
		return [];
	}
	return items.map((li, i) => {
		const base = `/line_items/${i}`;
		if (!isObject(li)) {
			details.push({ message: `value at \`${base}\` is not an object`, pointer: base });
			return null;
		}
		rejectUnknown(li, ['type', 'item', 'quantity', 'price'], base, details);
		let typeOk = false;
		if (li.type === undefined || li.type === null) {
			details.push({ message: `value at \`${base}/type\` is required`, pointer: `${base}/type` });
		} else typeOk = enumValue(li.type, `${base}/type`, LINE_ITEM_TYPES, details);
		let itemId = null;
		if (!isObject(li.item)) {
			details.push({ message: `value at \`${base}/item\` ${li.item === undefined ? 'is required' : 'is not an object'}`, pointer: `${base}/item` });
		} else {
			rejectUnknown(li.item, ['id'], `${base}/item`, details);
			const p = `${base}/item/id`;
			if (typeof li.item.id !== 'string') {
				details.push({ message: `value at \`${p}\` ${li.item.id === undefined ? 'is required' : 'is not a string'}`, pointer: p });
			} else if (typeOk) {
				const type = /** @type {keyof typeof ID_PREFIX} */ (li.type);
				const target = store.lineItemTarget(type, li.item.id);
				if (!li.item.id.startsWith(ID_PREFIX[type])) {
					details.push({ message: `value at \`${p}\` must be a ${ID_PREFIX[type]}… id for a ${type} line item`, pointer: p });
				} else if (!target) {
					details.push({ message: `item \`${li.item.id}\` does not exist`, pointer: p });
				} else if (target.site && site && target.site.id !== site.id) {
					details.push({ message: `item \`${li.item.id}\` belongs to site \`${target.site.id}\`, not to the order's site`, pointer: p });
				} else {
					itemId = li.item.id;
				}
			}
		}
		let quantity = 1;
		if (li.quantity !== undefined && li.quantity !== null) {
			if (!Number.isInteger(li.quantity) || li.quantity < 1) {
				details.push({ message: `value at \`${base}/quantity\` must be an integer >= 1`, pointer: `${base}/quantity` });
			} else quantity = li.quantity;
		}
		let price = null;
		if (li.price !== undefined && li.price !== null) {
			if (!isObject(li.price)) {
				details.push({ message: `value at \`${base}/price\` is not an object`, pointer: `${base}/price` });
			} else {
				rejectUnknown(li.price, ['amount'], `${base}/price`, details);
				const a = li.price.amount;
				if (a === undefined || a === null) {
					details.push({ message: `value at \`${base}/price/amount\` is required`, pointer: `${base}/price/amount` });
				} else if (!Number.isInteger(a) || a < 0) {
					details.push({ message: `value at \`${base}/price/amount\` must be an integer >= 0`, pointer: `${base}/price/amount` });
				} else price = { amount: a };
			}
		}
		return { type: li.type, item: { id: itemId }, quantity, price };
	});
}

/**
 * A `finalize` object: `{ cancel_redirect_url? }` with an http(s) URL.
 * @param {any} value
 * @param {Detail[]} details
 * @returns {{ cancel_redirect_url: string | null } | null}
 */
function finalizeInput(value, details) {
	if (!isObject(value)) {
		details.push({ message: 'value at `/finalize` is not an object', pointer: '/finalize' });
		return null;
	}
	rejectUnknown(value, ['cancel_redirect_url'], '/finalize', details);
	const url = value.cancel_redirect_url;
	if (url === undefined || url === null) return { cancel_redirect_url: null };
	const p = '/finalize/cancel_redirect_url';
	let ok = typeof url === 'string';
	if (ok) {
		try {
			ok = ['http:', 'https:'].includes(new URL(url).protocol);
		} catch {
			ok = false;
		}
	}
	if (!ok) {
		details.push({ message: `value at \`${p}\` does not match format: uri (http or https)`, pointer: p });
		return null;
	}
	return { cancel_redirect_url: url };
}

/**
 * Validates a create-order body. Returns every problem found (one detail each) and, when there
 * are none, the normalized input.
 * @param {any} body
 * @param {import('./store').Store} store
 */
function validateCreateOrder(body, store) {
	/** @type {Detail[]} */
	const details = [];
	rejectUnknown(body, TOP_LEVEL, '', details);
	const site = reference(body.site, '/site', 'sites', 'site', store, details, true);

	let billingPeriod = null;
	if (body.billing_period !== undefined && body.billing_period !== null) {
		if (enumValue(body.billing_period, '/billing_period', BILLING_PERIODS, details)) billingPeriod = body.billing_period;
	}
	let paymentMethod = 'card';
	if (body.payment_method !== undefined && body.payment_method !== null) {
		if (enumValue(body.payment_method, '/payment_method', PAYMENT_METHODS, details)) paymentMethod = body.payment_method;
	}
	let purchaseOrderNumber = null;
	if (body.purchase_order_number !== undefined && body.purchase_order_number !== null) {
		if (typeof body.purchase_order_number !== 'string') {
			details.push({ message: 'value at `/purchase_order_number` is not a string', pointer: '/purchase_order_number' });
		} else purchaseOrderNumber = body.purchase_order_number;
	}
	let startsAt = null;
	if (body.starts_at !== undefined && body.starts_at !== null) {
		const v = body.starts_at;
		if (v === 'now') startsAt = 'now';
		else if (typeof v === 'string' && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))) {
			startsAt = new Date(Date.parse(v)).toISOString().replace(/\.000Z$/, 'Z');
		} else {
			details.push({ message: 'value at `/starts_at` does not match format: date-time, and is not `now`', pointer: '/starts_at' });
		}
	}
	const emails = { booking_confirmation: true, move_in_day: true };
	if (body.emails !== undefined && body.emails !== null) {
		if (!isObject(body.emails)) details.push({ message: 'value at `/emails` is not an object', pointer: '/emails' });
		else {
			rejectUnknown(body.emails, Object.keys(emails), '/emails', details);
			for (const k of /** @type {(keyof typeof emails)[]} */ (Object.keys(emails))) {
				const v = body.emails[k];
				if (v === undefined || v === null) continue;
				if (typeof v !== 'boolean') details.push({ message: `value at \`/emails/${k}\` is not a boolean`, pointer: `/emails/${k}` });
				else emails[k] = v;
			}
		}
	}
	const coupon = reference(body.coupon, '/coupon', 'coupons', 'coupon', store, details, false);
	const contractTemplate = reference(body.contract_template, '/contract_template', 'contract_templates', 'contract template', store, details, false);
	const contact = contactInput(body.contact, store, details);
	const lineItems = lineItemsInput(body.line_items, site, store, details);
	const { metadata, details: metaDetails } = validateMetadata(body.metadata, '/metadata');
	details.push(...metaDetails);
	const finalize = body.finalize === undefined || body.finalize === null ? null : finalizeInput(body.finalize, details);

	return {
		details,
		input: {
			site,
			billingPeriod,
			paymentMethod,
			purchaseOrderNumber,
			startsAt,
			emails,
			coupon,
			contractTemplate,
			contact,
			lineItems,
			metadata,
			finalize,
		},
	};
}

module.exports = { PAYMENT_METHODS, LINE_ITEM_TYPES, CONTACT_ENUMS, isObject, finalizeInput, validateCreateOrder };
