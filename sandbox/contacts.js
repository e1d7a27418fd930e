'use strict';

const { requireScopes } = require('./auth');
const { objectBody, throwIfInvalid, findOr404, touch } = require('./handlers');
const { validateMetadata, mergeMetadata } = require('./metadata');
const { CONTACT_ENUMS, CONTACT_KEYS, contactFieldsInput, rejectUnknown } = require('./order-input');
const { listParam, stringParam, checkEnumList, timeRange } = require('./query');
const { publicRecord } = require('./render');
const { single } = require('./respond');

const CONTACT_STATUSES = ['lead', 'customer', 'churned'];
/** Contact fields a PATCH may not clear with null. */
const NOT_NULLABLE = ['email'];

/** @typedef {import('./orders').HandlerContext} HandlerContext */
/** @typedef {import('./orders').HandlerResult} HandlerResult */

/**
 * GET /contacts filters: `email` (comma list, case-insensitive exact), `search` (case-insensitive
 * substring of full_name, email or phone_number), `type`, `source`, `marketing_source`, `use_case`
 * (comma lists; `unspecified` matches null), `status`, and the created/updated date ranges.
 * @param {Record<string, any>} q
 * @returns {(c: any) => boolean}
 */
function contactFilter(q) {
	const emails = (listParam(q, 'email') || []).map((e) => e.toLowerCase());
	const search = (stringParam(q, 'search') || '').toLowerCase();
	const enums = Object.entries(CONTACT_ENUMS).map(([k, allowed]) => ({
		k,
		values: checkEnumList(listParam(q, k), k, [...allowed, 'unspecified']) || [],
	}));
	const statuses = checkEnumList(listParam(q, 'status'), 'status', CONTACT_STATUSES) || [];
	const created = timeRange(q, 'created');
	const updated = timeRange(q, 'updated');
	return (c) =>
		(!emails.length || (typeof c.email === 'string' && emails.includes(c.email.toLowerCase()))) &&
		(!search || [c.full_name, c.email, c.phone_number].some((v) => typeof v === 'string' && v.toLowerCase().includes(search))) &&
		enums.every(({ k, values }) => !values.length || values.includes(c[k] ?? 'unspecified')) &&
		(!statuses.length || statuses.includes(c.status)) &&
		created(c.created_at) &&
		updated(c.updated_at);
}

/**
 * Validates a create (no `current`) or update body. Email is required on create, can't be cleared
 * on update, and must not belong to another contact (case-insensitive).
 * @param {Record<string, any>} body
 * @param {import('./store').Store} store
 * @param {any} [current] the stored contact being updated
 */
function contactBody(body, store, current) {
	/** @type {{ message: string, pointer: string }[]} */
	const details = [];
	rejectUnknown(body, [...CONTACT_KEYS, 'metadata'], '', details);
	const fields = contactFieldsInput(body, '', details);
	for (const k of NOT_NULLABLE) {
		if (current && body[k] === null) details.push({ message: `value at \`/${k}\` cannot be null`, pointer: `/${k}` });
	}
	if (!current && (body.email === undefined || body.email === null)) {
		details.push({ message: 'value at `/email` is required', pointer: '/email' });
	}
	if (typeof fields.email === 'string' && !details.some((d) => d.pointer === '/email')) {
		const other = store.findContactByEmail(fields.email);
		if (other && other !== current) details.push({ message: 'Email has already been taken', pointer: '/email' });
	}
	const meta = current ? mergeMetadata(current.metadata, body.metadata) : validateMetadata(body.metadata);
	details.push(...meta.details);
	if (!current || body.metadata !== undefined) fields.metadata = meta.metadata;
	return { details, fields };
}

/**
 * POST /2025-09/contacts (201): a new `lead` with no tenancies.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function createContact(ctx) {
	requireScopes(ctx.scopes, ['public.contact:write']);
	const { details, fields } = contactBody(objectBody(ctx), ctx.store);
	throwIfInvalid(details);
	const contact = ctx.store.createContact(fields);
	ctx.webhooks.emitContact(contact.id);
	return { status: 201, body: single('contact', publicRecord(contact), ctx.requestId) };
}

/**
 * PATCH /2025-09/contacts/{id}: only the fields sent change; null clears; metadata merge-patched.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function updateContact(ctx) {
	requireScopes(ctx.scopes, ['public.contact:write']);
	const contact = findOr404(ctx, 'contacts', 'Contact', 'contact_id');
	const { details, fields } = contactBody(objectBody(ctx), ctx.store, contact);
	throwIfInvalid(details);
	Object.assign(contact, fields);
	touch(ctx, contact);
	return { status: 200, body: single('contact', publicRecord(contact), ctx.requestId) };
}

module.exports = { CONTACT_STATUSES, contactFilter, createContact, updateContact };
