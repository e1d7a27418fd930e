'use strict';

const { requireScopes } = require('./auth');
const { objectBody, throwIfInvalid, findOr404, touch } = require('./handlers');
const { isObject } = require('./order-input');
const { timeRange } = require('./query');
const { randomId, isoSeconds } = require('./ids');
const { publicRecord } = require('./render');
const { single } = require('./respond');
const { SEED } = require('./seed');
const { BodyReader, assignRead } = require('./crm-input');

/** @typedef {import('./orders').HandlerContext} HandlerContext */
/** @typedef {import('./orders').HandlerResult} HandlerResult */

const WRITE = 'public.timeline_event:write';
const FIELDS = ['source', 'template', 'contact', 'site', 'description', 'external', 'variables'];
const URL_PATTERN = /^https?:\/\/\S+$/i;

/**
 * `external{id, url}`: the record in the caller's system; both strings, `url` an http(s) URL.
 * @param {BodyReader} r
 * @returns {{ id: string | null, url: string | null } | null | undefined}
 */
function externalInput(r) {
	const v = r.body.external;
	if (v === undefined || v === null) return v;
	if (!isObject(v)) return r.fail('external', 'value at `/external` is not an object');
	const before = r.details.length;
	for (const k of Object.keys(v)) {
		if (k !== 'id' && k !== 'url') r.details.push({ message: `unknown property \`${k}\` is not allowed`, pointer: `/external/${k}` });
	}
	for (const k of ['id', 'url']) {
		if (v[k] !== undefined && v[k] !== null && typeof v[k] !== 'string') r.details.push({ message: `value at \`/external/${k}\` is not a string`, pointer: `/external/${k}` });
	}
	if (typeof v.url === 'string' && !URL_PATTERN.test(v.url)) r.details.push({ message: 'value at `/external/url` does not match format: uri', pointer: '/external/url' });
	return r.details.length === before ? { id: v.id ?? null, url: v.url ?? null } : undefined;
}

/**
 * `variables`: an object of string, number or boolean values; on update it is merged into the
 * event's variables (null removes a key).
 * @param {BodyReader} r
 * @param {Record<string, any>} current
 * @returns {Record<string, any> | undefined}
 */
function variablesInput(r, current) {
	const v = r.body.variables;
	if (v === undefined) return undefined;
	if (v === null) return {};
	if (!isObject(v)) return r.fail('variables', 'value at `/variables` is not an object');
	const before = r.details.length;
	const out = { ...current };
	for (const [k, value] of Object.entries(v)) {
		if (value === null) delete out[k];
		else if (['string', 'number', 'boolean'].includes(typeof value)) out[k] = value;
		else r.details.push({ message: `value at \`/variables/${k}\` must be a string, number or boolean`, pointer: `/variables/${k}` });
	}
	return r.details.length === before ? out : undefined;
}

/**
 * 422 details for each predefined variable of the template that `variables` lacks (custom ones are
 * not enforced, catalogue §2.14).
 * @param {any} template
 * @param {Record<string, any>} variables
 */
function missingPredefined(template, variables) {
	return template.variables.predefined
		.filter((/** @type {string} */ name) => variables[name] === undefined || variables[name] === null || variables[name] === '')
		.map((/** @type {string} */ name) => ({
			message: `the template \`${template.name}\` requires the variable \`${name}\``,
			pointer: `/variables/${name}`,
		}));
}

/**
 * @param {BodyReader} r
 * @param {boolean} create `source` and `template` required
 * @param {Record<string, any>} currentVariables
 */
function eventFields(r, create, currentVariables) {
	return {
		source: r.ref('source', 'timeline_sources', 'Source', { required: create }),
		template: r.ref('template', 'timeline_templates', 'Template', { required: create }),
		contact: r.ref('contact', 'contacts', 'Contact', { nullable: true }),
		site: r.ref('site', 'sites', 'Site', { nullable: true }),
		description: r.string('description', { nullable: true }),
		external: externalInput(r),
		variables: variablesInput(r, currentVariables),
	};
}

/**
 * @param {HandlerContext} ctx
 * @param {any} event
 * @param {number} [status]
 * @returns {HandlerResult}
 */
function answer(ctx, event, status = 200) {
	return { status, body: single('event', publicRecord(event), ctx.requestId) };
}

/**
 * POST /2025-09/timeline/events (201): `source` and `template` required, and every predefined
 * variable of the template.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function createEvent(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(FIELDS);
	const fields = eventFields(r, true, {});
	throwIfInvalid(r.details);
	const variables = fields.variables ?? {};
	throwIfInvalid(missingPredefined(ctx.store.find('timeline_templates', /** @type {any} */ (fields.template).id), variables));
	const t = isoSeconds(ctx.now());
	const event = ctx.store.insert('timeline_events', {
		id: randomId('aevt_'),
		contact: fields.contact ?? null,
		created_at: t,
		creator: { id: SEED.application },
		description: fields.description ?? null,
		external: fields.external ?? null,
		invoice: null,
		site: fields.site ?? null,
		source: fields.source,
		subscription: null,
		template: fields.template,
		tenancy: null,
		unit: null,
		unit_type: null,
		updated_at: t,
		variables,
	});
	return answer(ctx, event, 201);
}

/**
 * PATCH /2025-09/timeline/events/{id}: only what is sent changes; `variables` merge into the
 * event's, and the (possibly new) template's predefined ones must still be there.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function updateEvent(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const event = findOr404(ctx, 'timeline_events', 'Event', 'event_id');
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(FIELDS);
	const fields = eventFields(r, false, event.variables);
	throwIfInvalid(r.details);
	const template = ctx.store.find('timeline_templates', (fields.template || event.template).id);
	throwIfInvalid(missingPredefined(template, fields.variables ?? event.variables));
	assignRead(event, fields);
	touch(ctx, event);
	return answer(ctx, event);
}

/**
 * GET /2025-09/timeline/templates: `created_after` / `created_before`.
 * @param {Record<string, any>} q
 * @returns {(t: any) => boolean}
 */
function templateFilter(q) {
	const created = timeRange(q, 'created');
	return (t) => created(t.created_at);
}

module.exports = { createEvent, updateEvent, templateFilter, missingPredefined };
