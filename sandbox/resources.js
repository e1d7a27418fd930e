'use strict';

const { ApiError } = require('./errors');
const { requireScopes } = require('./auth');
const { parsePaging, sortRecords, paginate } = require('./pagination');
const { listParam, checkEnumList } = require('./query');
const { wantsPdf, pdfResult, noPdf } = require('./pdf');
const { contactFilter } = require('./contacts');
const { publicRecord } = require('./render');
const { single, list } = require('./respond');
const { renderDeal, dealFilter } = require('./deals');
const { taskFilter } = require('./tasks');
const { noteFilter } = require('./notes');
const { templateFilter } = require('./timeline');

/**
 * @typedef {object} ResourceDef
 * @property {string} singular the single record's key, e.g. `unit_allocation`
 * @property {string} scope the read scope
 * @property {string[]} sortFields
 * @property {(q: Record<string, any>, store: import('./store').Store) => (r: any) => boolean} [filter] reads (and
 *   validates) the query once and returns the test of a record; other parameters are ignored
 * @property {(r: any) => string[]} [pdf] the lines of the record's PDF (`Accept: application/pdf`); absent: 406
 * @property {(r: any) => string | null} [noPdf] why this record has no PDF (406), null when it has one
 * @property {string} [path] the URL path after the version (default: the collection name)
 * @property {string} [listKey] the list's wrapper key (default: the collection name)
 * @property {boolean} [noShow] the docs give the collection no show endpoint
 * @property {(r: any, store: import('./store').Store) => any} [render] the public shape (default: the record)
 */

/**
 * The plain resources, as data: collection name → how its list and show behave.
 * @type {Record<string, ResourceDef>}
 */
const RESOURCES = {
	sites: { singular: 'site', scope: 'public.site:read', sortFields: ['created_at'] },
	unit_types: { singular: 'unit_type', scope: 'public.unit_type:read', sortFields: ['created_at'], filter: bySite },
	protection_levels: { singular: 'protection_level', scope: 'public.protection_level:read', sortFields: ['created_at'] },
	products: { singular: 'product', scope: 'public.product:read', sortFields: ['created_at'], filter: bySite },
	coupons: { singular: 'coupon', scope: 'public.coupon:read', sortFields: ['created_at'] },
	contract_templates: { singular: 'contract_template', scope: 'public.contract_template:read', sortFields: ['created_at'] },
	contacts: {
		singular: 'contact',
		scope: 'public.contact:read',
		sortFields: ['created_at', 'updated_at', 'full_name'],
		filter: contactFilter,
	},
	units: { singular: 'unit', scope: 'public.unit:read', sortFields: ['created_at'], filter: unitFilter },
	// the docs show no read scope for allocations (catalogue §1): the sandbox asks the units' one
	unit_allocations: { singular: 'unit_allocation', scope: 'public.unit:read', sortFields: ['created_at'], filter: allocationFilter },
	tenancies: { singular: 'tenancy', scope: 'public.tenancy:read', sortFields: ['created_at'] },
	subscriptions: { singular: 'subscription', scope: 'public.subscription:read', sortFields: ['created_at'] },
	credit_notes: {
		singular: 'credit_note',
		scope: 'public.credit_note:read',
		sortFields: ['created_at'],
		pdf: (r) => [`Credit note ${r.number}`, r.id, `Invoice ${r.invoice ? r.invoice.id : '-'}`, `Total ${r.total.formatted}`],
	},
	contracts: {
		singular: 'contract',
		scope: 'public.contract:read',
		sortFields: ['created_at'],
		pdf: (r) => [r.name, r.id, `Signed ${r.signed_at}`],
		noPdf: (r) => (r.status === 'signed' ? null : `Contract \`${r.id}\` is ${r.status}: only signed contracts can be downloaded as PDF.`),
	},
	// before deals: `/deals/stages` is not a deal's show
	deal_stages: {
		singular: 'stage',
		scope: 'public.deal_stage:read',
		sortFields: ['created_at', 'updated_at', 'position'],
		path: 'deals/stages',
		listKey: 'stages',
		noShow: true,
		filter: () => (stage) => !stage._deleted,
	},
	deals: { singular: 'deal', scope: 'public.deal:read', sortFields: ['created_at', 'updated_at'], filter: dealFilter, render: renderDeal },
	tasks: { singular: 'task', scope: 'public.task:read', sortFields: ['created_at', 'updated_at'], filter: taskFilter, noShow: true },
	notes: { singular: 'note', scope: 'public.note:read', sortFields: ['created_at', 'updated_at'], filter: noteFilter, noShow: true },
	timeline_sources: {
		singular: 'source',
		scope: 'public.timeline_source:read',
		sortFields: ['created_at', 'updated_at'],
		path: 'timeline/sources',
		listKey: 'sources',
		noShow: true,
	},
	timeline_templates: {
		singular: 'template',
		scope: 'public.timeline_template:read',
		sortFields: ['created_at', 'updated_at'],
		filter: templateFilter,
		path: 'timeline/templates',
		listKey: 'templates',
	},
	identity_verifications: {
		singular: 'identity_verification',
		scope: 'public.identity_verification:read',
		sortFields: ['created_at', 'updated_at'],
		filter: identityVerificationFilter,
	},
};

/**
 * Identity verifications: `contact_id` and `status` (`contact_id[]=…`, repeated or comma lists; the
 * status enum is cut in the docs, so any value is taken and unknown ones match nothing).
 * @param {Record<string, any>} q
 * @returns {(r: any) => boolean}
 */
function identityVerificationFilter(q) {
	const contacts = listParam(q, 'contact_id');
	const statuses = listParam(q, 'status');
	return (v) => (!contacts || contacts.length === 0 || contacts.includes(v.contact.id)) && (!statuses || statuses.length === 0 || statuses.includes(v.status));
}

/** Unit statuses the list filter takes: the docs' literal `overlock` and the guides' state `overlocked` are one state. */
const UNIT_STATUS_FILTER = ['available', 'reserved', 'occupied', 'overlock', 'overlocked', 'repossessed', 'unavailable'];

/**
 * Units: `site_id`, `unit_type_id`, `status` (comma lists; `overlock` finds `overlocked` units).
 * @param {Record<string, any>} q
 * @returns {(r: any) => boolean}
 */
function unitFilter(q) {
	const site = bySite(q);
	const types = listParam(q, 'unit_type_id');
	const statuses = checkEnumList(listParam(q, 'status'), 'status', UNIT_STATUS_FILTER)?.map((s) => (s === 'overlock' ? 'overlocked' : s));
	return (u) => site(u) && (!types || types.length === 0 || types.includes(u.unit_type.id)) && (!statuses || statuses.length === 0 || statuses.includes(u.status));
}

/**
 * Unit allocations: `contact_id` and `site_id` (through the tenancy and the unit), `tenancy_id`, `unit_id`.
 * @param {Record<string, any>} q
 * @param {import('./store').Store} store
 * @returns {(r: any) => boolean}
 */
function allocationFilter(q, store) {
	const wanted = ['contact_id', 'tenancy_id', 'unit_id', 'site_id'].map((name) => listParam(q, name));
	const [contacts, tenancies, units, sites] = wanted.map((ids) => (ids && ids.length ? ids : null));
	return (a) => {
		const tenancy = store.find('tenancies', a.tenancy.id);
		const unit = store.find('units', a.unit.id);
		return (
			(!contacts || (tenancy && contacts.includes(tenancy.contact.id))) &&
			(!tenancies || tenancies.includes(a.tenancy.id)) &&
			(!units || units.includes(a.unit.id)) &&
			(!sites || (unit && sites.includes(unit.site.id)))
		);
	};
}

/**
 * `site_id` filter (comma list).
 * @param {Record<string, any>} q
 * @returns {(r: any) => boolean}
 */
function bySite(q) {
	const ids = listParam(q, 'site_id');
	return (record) => !ids || ids.length === 0 || (record.site && ids.includes(record.site.id));
}

/**
 * GET /2025-09/{collection}
 * @param {string} collection
 * @returns {(ctx: import('./orders').HandlerContext) => import('./orders').HandlerResult}
 */
function listHandler(collection) {
	const def = RESOURCES[collection];
	return (ctx) => {
		requireScopes(ctx.scopes, [def.scope]);
		const paging = parsePaging(ctx.query, def.sortFields);
		const test = def.filter ? def.filter(ctx.query, ctx.store) : () => true;
		const all = /** @type {any[]} */ (/** @type {any} */ (ctx.store)[collection]);
		const matching = all.filter(test);
		const { items, pagination } = paginate(sortRecords(matching, paging.sortBy, paging.direction), paging.page, paging.limit);
		const render = def.render || publicRecord;
		return { status: 200, body: list(def.listKey || collection, items.map((r) => render(r, ctx.store)), pagination, ctx.requestId) };
	};
}

/**
 * GET /2025-09/{collection}/{id}
 * @param {string} collection
 * @returns {(ctx: import('./orders').HandlerContext) => import('./orders').HandlerResult}
 */
function showHandler(collection) {
	const def = RESOURCES[collection];
	return (ctx) => {
		requireScopes(ctx.scopes, [def.scope]);
		const record = ctx.store.find(collection, ctx.params[0]);
		if (!record) throw new ApiError('resource_not_found', `${def.singular.replace(/_/g, ' ')} \`${ctx.params[0]}\` was not found.`);
		if (def.pdf && wantsPdf(ctx.accept)) {
			const refusal = def.noPdf ? def.noPdf(record) : null;
			if (refusal) throw noPdf(refusal);
			return pdfResult(def.pdf(record));
		}
		return { status: 200, body: single(def.singular, (def.render || publicRecord)(record, ctx.store), ctx.requestId) };
	};
}

module.exports = { RESOURCES, listHandler, showHandler };
