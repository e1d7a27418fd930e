'use strict';

const { listParam, badParam } = require('./query');

/** Expandable order relations and the read scopes each needs (besides public.order:read). */
const ORDER_EXPANSIONS = {
	contact: ['public.contact:read'],
	line_items: [],
	'line_items.item': ['public.unit_type:read', 'public.protection_level:read', 'public.product:read'],
	site: ['public.site:read'],
	coupon: ['public.coupon:read'],
	contract_template: ['public.contract_template:read'],
};

/**
 * Parses `expand` (comma list, repeated or `expand[]`); unknown names are a 422.
 * `line_items.item` implies `line_items`.
 * @param {Record<string, any>} query
 * @returns {Set<string>}
 */
function parseExpand(query) {
	const names = listParam(query, 'expand') || [];
	for (const n of names) {
		if (!Object.prototype.hasOwnProperty.call(ORDER_EXPANSIONS, n)) {
			throw badParam('expand', `value at \`/expand\` contains \`${n}\`, which is not one of: ${Object.keys(ORDER_EXPANSIONS).join(', ')}`);
		}
	}
	const set = new Set(names);
	if (set.has('line_items.item')) set.add('line_items');
	return set;
}

/**
 * The read scopes an expansion set needs.
 * @param {Set<string>} expand
 * @returns {string[]}
 */
function expandScopes(expand) {
	return [...expand].flatMap((n) => ORDER_EXPANSIONS[/** @type {keyof typeof ORDER_EXPANSIONS} */ (n)]);
}

module.exports = { ORDER_EXPANSIONS, parseExpand, expandScopes };
