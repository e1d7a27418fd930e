'use strict';

const { BILLING_PERIODS } = require('./seed');
const { validateMetadata, mergeMetadata } = require('./metadata');

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
const EMAIL_KEYS = ['booking_confirmation', 'move_in_day'];
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

const CONTACT_KEYS = [...CONTACT_STRINGS, ...Object.keys(CONTACT_ENUMS), 'address'];

/**
 * Validates contact fields (strings, enums, address) under `base` (`/contact` inline in an order,
 * `""` on the contacts endpoints). Unknown keys are the caller's business. An explicit `null` is
 * kept as `null` (a PATCH clears the field; on create it equals the default).
 * @param {Record<string, any>} contact
 * @param {string} base
 * @param {Detail[]} details
 * @returns {Record<string, any>}
 */
function contactFieldsInput(contact, base, details) {
	/** @type {Record<string, any>} */
	const fields = {};
	for (const k of CONTACT_STRINGS) {
		const v = contact[k];
		if (v === undefined) continue;
		if (v === null) fields[k] = null;
		else if (typeof v !== 'string') details.push({ message: `value at \`${base}/${k}\` is not a string`, pointer: `${base}/${k}` });
		else fields[k] = v;
	}
	if (typeof fields.email === 'string' && !EMAIL.test(fields.email)) {
		details.push({ message: `value at \`${base}/email\` does not match format: email`, pointer: `${base}/email` });
	}
	for (const [k, allowed] of Object.entries(CONTACT_ENUMS)) {
		const v = contact[k];
		if (v === undefined) continue;
		if (v === null) fields[k] = null;
		else if (enumValue(v, `${base}/${k}`, allowed, details)) fields[k] = v;
	}
	const address = contact.address;
	const ap = `${base}/address`;
	if (address === null) fields.address = null;
	else if (address !== undefined) {
		if (!isObject(address)) {
			details.push({ message: `value at \`${ap}\` is not an object`, pointer: ap });
		} else {
			rejectUnknown(address, ADDRESS_FIELDS, ap, details);
			/** @type {Record<string, string | null>} */
			const a = {};
			for (const k of ADDRESS_FIELDS) {
				const v = address[k];
				if (v === undefined || v === null) a[k] = null;
				else if (typeof v !== 'string') details.push({ message: `value at \`${ap}/${k}\` is not a string`, pointer: `${ap}/${k}` });
				else a[k] = v;
			}
			if (typeof a.country_alpha2 === 'string' && !/^[A-Z]{2}$/.test(a.country_alpha2)) {
				details.push({
					message: `value at \`${ap}/country_alpha2\` is not an ISO 3166-1 alpha-2 code`,
					pointer: `${ap}/country_alpha2`,
				});
			}
			fields.address = a;
		}
	}
	return fields;
}

/**
 * An order's `contact`: `{id}` of an existing contact (refused when `contactById` is false) or
 * inline contact fields.
 * @param {any} contact
 * @param {import('./store').Store} store
 * @param {Detail[]} details
 * @param {boolean} contactById
 * @returns {{ existing: any } | { fields: Record<string, any> } | null}
 */
function contactInput(contact, store, details, contactById) {
	if (contact === undefined || contact === null) return null;
	if (!isObject(contact)) {
		details.push({ message: 'value at `/contact` is not an object', pointer: '/contact' });
		return null;
	}
	if (contact.id !== undefined) {
		if (!contactById) {
			details.push({ message: '`id` is not a permitted parameter', pointer: '/contact/id' });
			return null;
		}
		for (const k of Object.keys(contact)) {
			if (k !== 'id') details.push({ message: `property \`${k}\` is not allowed together with \`id\``, pointer: `/contact/${k}` });
		}
		const existing = reference(contact, '/contact', 'contacts', 'contact', store, details, true);
		return existing ? { existing } : null;
	}
	rejectUnknown(contact, CONTACT_KEYS, '/contact', details);
	return { fields: contactFieldsInput(contact, '/contact', details) };
}

/**
 * `quantity`: a JSON integer >= 1; `fallback` when absent or null.
 * @param {any} value
 * @param {string} pointer
 * @param {Detail[]} details
 * @param {number | null} fallback
 */
function quantityInput(value, pointer, details, fallback) {
	if (value === undefined || value === null) return fallback;
	if (!Number.isInteger(value) || value < 1) {
		details.push({ message: `value at \`${pointer}\` must be an integer >= 1`, pointer });
		return fallback;
	}
	return value;
}

/**
 * `price`: `{amount}` with an integer >= 0; null when absent or invalid.
 * @param {any} value
 * @param {string} pointer
 * @param {Detail[]} details
 * @returns {{ amount: number } | null}
 */
function priceInput(value, pointer, details) {
	if (value === undefined || value === null) return null;
	if (!isObject(value)) {
		details.push({ message: `value at \`${pointer}\` is not an object`, pointer });
		return null;
	}
	rejectUnknown(value, ['amount'], pointer, details);
	const a = value.amount;
	if (a === undefined || a === null) {
		details.push({ message: `value at \`${pointer}/amount\` is required`, pointer: `${pointer}/amount` });
	} else if (!Number.isInteger(a) || a < 0) {
		details.push({ message: `value at \`${pointer}/amount\` must be an integer >= 0`, pointer: `${pointer}/amount` });
	} else return { amount: a };
	return null;
}

/**
 * One line item input `{type, item: {id}, quantity?, price?}` at `base` (`/line_items/0` inside a
 * create body, `""` on POST /orders/{id}/line_items).
 * @param {any} li
 * @param {string} base
 * @param {any} site the order's site record (null when invalid)
 * @param {import('./store').Store} store
 * @param {Detail[]} details
 * @returns {{ type: string, item: { id: string | null }, quantity: number, price: { amount: number } | null } | null}
 */
function lineItemInput(li, base, site, store, details) {
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
	const quantity = /** @type {number} */ (quantityInput(li.quantity, `${base}/quantity`, details, 1));
	const price = priceInput(li.price, `${base}/price`, details);
	return { type: li.type, item: { id: itemId }, quantity, price };
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
	return items.map((li, i) => lineItemInput(li, `/line_items/${i}`, site, store, details));
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
 * `emails`: the booleans given (a null key is left out).
 * @param {any} value
 * @param {Detail[]} details
 * @returns {Partial<Record<'booking_confirmation' | 'move_in_day', boolean>>}
 */
function emailsInput(value, details) {
	/** @type {Record<string, boolean>} */
	const out = {};
	if (!isObject(value)) {
		details.push({ message: 'value at `/emails` is not an object', pointer: '/emails' });
		return out;
	}
	rejectUnknown(value, EMAIL_KEYS, '/emails', details);
	for (const k of EMAIL_KEYS) {
		const v = value[k];
		if (v === undefined || v === null) continue;
		if (typeof v !== 'boolean') details.push({ message: `value at \`/emails/${k}\` is not a boolean`, pointer: `/emails/${k}` });
		else out[k] = v;
	}
	return out;
}

/**
 * `starts_at`: `"now"` or an RFC 3339 date-time, normalized to UTC with second precision.
 * @param {any} v
 * @param {Detail[]} details
 * @returns {string | undefined}
 */
function startsAtInput(v, details) {
	if (v === 'now') return 'now';
	if (typeof v === 'string' && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))) {
		return new Date(Date.parse(v)).toISOString().replace(/\.000Z$/, 'Z');
	}
	details.push({ message: 'value at `/starts_at` does not match format: date-time, and is not `now`', pointer: '/starts_at' });
	return undefined;
}

/**
 * The top-level order fields shared by create and update, each parsed only when given and not
 * null (`site` also when `requireSite`). A key is missing from the result when its value was
 * absent, null or invalid (invalid ones add a detail).
 * @param {Record<string, any>} body
 * @param {import('./store').Store} store
 * @param {Detail[]} details
 * @param {{ requireSite: boolean, contactById: boolean }} options
 * @returns {Record<string, any>}
 */
function orderFieldsInput(body, store, details, { requireSite, contactById }) {
	/** @type {Record<string, any>} */
	const out = {};
	/** @param {string} k */
	const given = (k) => body[k] !== undefined && body[k] !== null;
	if (requireSite || body.site !== undefined) out.site = reference(body.site, '/site', 'sites', 'site', store, details, true);
	if (given('billing_period') && enumValue(body.billing_period, '/billing_period', BILLING_PERIODS, details)) {
		out.billing_period = body.billing_period;
	}
	if (given('payment_method') && enumValue(body.payment_method, '/payment_method', PAYMENT_METHODS, details)) {
		out.payment_method = body.payment_method;
	}
	if (given('purchase_order_number')) {
		if (typeof body.purchase_order_number !== 'string') {
			details.push({ message: 'value at `/purchase_order_number` is not a string', pointer: '/purchase_order_number' });
		} else out.purchase_order_number = body.purchase_order_number;
	}
	if (given('starts_at')) out.starts_at = startsAtInput(body.starts_at, details);
	if (given('emails')) out.emails = emailsInput(body.emails, details);
	if (given('coupon')) out.coupon = reference(body.coupon, '/coupon', 'coupons', 'coupon', store, details, false);
	if (given('contract_template')) {
		out.contract_template = reference(body.contract_template, '/contract_template', 'contract_templates', 'contract template', store, details, false);
	}
	if (given('contact')) out.contact = contactInput(body.contact, store, details, contactById);
	for (const k of Object.keys(out)) if (out[k] === undefined || out[k] === null) delete out[k];
	return out;
}

/**
 * Validates a create-order body. Returns every problem found (one detail each) and, when there
 * are none, the normalized input.
 * @param {any} body
 * @param {import('./store').Store} store
 * @param {boolean} [contactById] whether `contact: {id}` is accepted (default true)
 */
function validateCreateOrder(body, store, contactById = true) {
	/** @type {Detail[]} */
	const details = [];
	rejectUnknown(body, TOP_LEVEL, '', details);
	const f = orderFieldsInput(body, store, details, { requireSite: true, contactById });
	const site = f.site ?? null;
	const lineItems = lineItemsInput(body.line_items, site, store, details);
	const { metadata, details: metaDetails } = validateMetadata(body.metadata, '/metadata');
	details.push(...metaDetails);
	const finalize = body.finalize === undefined || body.finalize === null ? null : finalizeInput(body.finalize, details);

	return {
		details,
		input: {
			site,
			billingPeriod: f.billing_period ?? null,
			paymentMethod: f.payment_method ?? 'card',
			purchaseOrderNumber: f.purchase_order_number ?? null,
			startsAt: f.starts_at ?? null,
			emails: { booking_confirmation: true, move_in_day: true, ...f.emails },
			coupon: f.coupon ?? null,
			contractTemplate: f.contract_template ?? null,
			contact: f.contact ?? null,
			lineItems,
			metadata,
			finalize,
		},
	};
}

/** Fields a PATCH may set to null to clear them. */
const CLEARABLE = ['billing_period', 'purchase_order_number', 'starts_at', 'coupon', 'contract_template', 'contact'];

/**
 * Validates an update-order body against the stored order. `changes` holds only what the body
 * changes, in stored-record shape (`contact` is the contactInput result, null to clear it).
 * @param {Record<string, any>} body
 * @param {any} order the stored order
 * @param {import('./store').Store} store
 * @param {boolean} contactById
 */
function validateUpdateOrder(body, order, store, contactById) {
	/** @type {Detail[]} */
	const details = [];
	for (const k of Object.keys(body)) {
		if (k === 'line_items' || k === 'finalize') {
			const how = k === 'finalize' ? 'POST /orders/{order_id}/finalize' : 'the line item endpoints';
			details.push({ message: `property \`${k}\` cannot be updated; use ${how}`, pointer: `/${k}` });
		} else if (!TOP_LEVEL.includes(k)) details.push({ message: `unknown property \`${k}\` is not allowed`, pointer: `/${k}` });
		else if (body[k] === null && !CLEARABLE.includes(k) && k !== 'metadata' && k !== 'site') {
			details.push({ message: `value at \`/${k}\` cannot be null`, pointer: `/${k}` });
		}
	}
	const f = orderFieldsInput(body, store, details, { requireSite: false, contactById });
	if (f.site && f.site.id !== order.site.id) {
		for (const line of order.line_items) {
			const target = store.lineItemTarget(line.type, line.item.id);
			if (target && target.site && target.site.id !== f.site.id) {
				details.push({ message: `line item \`${line.id}\` belongs to site \`${target.site.id}\`; remove it before changing the site`, pointer: '/site/id' });
				break;
			}
		}
	}
	const { metadata, details: metaDetails } = mergeMetadata(order.metadata, body.metadata, '/metadata');
	details.push(...metaDetails);

	/** @type {Record<string, any>} */
	const changes = {};
	for (const k of CLEARABLE) if (body[k] === null) changes[k] = null;
	if (f.site) changes.site = { id: f.site.id };
	for (const k of ['billing_period', 'payment_method', 'purchase_order_number', 'starts_at', 'contact']) {
		if (k in f) changes[k] = f[k];
	}
	if (f.coupon) changes.coupon = { id: f.coupon.id };
	if (f.contract_template) changes.contract_template = { id: f.contract_template.id };
	if (f.emails) changes.email_notifications = { ...order.email_notifications, ...f.emails };
	if (body.metadata !== undefined) changes.metadata = metadata;
	return { details, changes };
}

module.exports = {
	PAYMENT_METHODS,
	LINE_ITEM_TYPES,
	CONTACT_ENUMS,
	CONTACT_KEYS,
	isObject,
	rejectUnknown,
	reference,
	contactFieldsInput,
	lineItemInput,
	quantityInput,
	priceInput,
	finalizeInput,
	validateCreateOrder,
	validateUpdateOrder,
};
