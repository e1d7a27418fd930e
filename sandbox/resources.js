'use strict';

const { ApiError } = require('./errors');
const { requireScopes } = require('./auth');
const { parsePaging, sortRecords, paginate } = require('./pagination');
const { listParam } = require('./query');
const { contactFilter } = require('./contacts');
const { publicRecord } = require('./render');
const { single, list } = require('./respond');

/**
 * The dropdown resources: collection name → singular key, read scope, sort fields and filters.
 * `filter` reads (and validates) the query once and returns the test of a record.
 * @type {Record<string, { singular: string, scope: string, sortFields: string[], filter?: (q: Record<string, any>) => (r: any) => boolean }>}
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
};

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
		const test = def.filter ? def.filter(ctx.query) : () => true;
		const all = /** @type {any[]} */ (/** @type {any} */ (ctx.store)[collection]);
		const matching = all.filter(test);
		const { items, pagination } = paginate(sortRecords(matching, paging.sortBy, paging.direction), paging.page, paging.limit);
		return { status: 200, body: list(collection, items.map(publicRecord), pagination, ctx.requestId) };
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
		return { status: 200, body: single(def.singular, publicRecord(record), ctx.requestId) };
	};
}

module.exports = { RESOURCES, listHandler, showHandler };
