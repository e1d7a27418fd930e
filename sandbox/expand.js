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

/** Expandable line item relations (the line item endpoints): `item` needs what `line_items.item` needs. */
const LINE_ITEM_EXPANSIONS = { item: ORDER_EXPANSIONS['line_items.item'] };

/**
 * Parses `expand` (comma list, repeated or `expand[]`); names not in `table` are a 422.
 * `line_items.item` implies `line_items`.
 * @param {Record<string, any>} query
 * @param {Record<string, string[]>} [table] the endpoint's expansions (default: an order's)
 * @returns {Set<string>}
 */
function parseExpand(query, table = ORDER_EXPANSIONS) {
	const names = listParam(query, 'expand') || [];
	for (const n of names) {
		if (!Object.prototype.hasOwnProperty.call(table, n)) {
			throw badParam('expand', `value at \`/expand\` contains \`${n}\`, which is not one of: ${Object.keys(table).join(', ')}`);
		}
	}
	const set = new Set(names);
	if (set.has('line_items.item')) set.add('line_items');
	return set;
}

/**
 * The read scopes an expansion set needs.
 * @param {Set<string>} expand
 * @param {Record<string, string[]>} [table]
 * @returns {string[]}
 */
function expandScopes(expand, table = ORDER_EXPANSIONS) {
	return [...expand].flatMap((n) => table[n]);
}

module.exports = { ORDER_EXPANSIONS, LINE_ITEM_EXPANSIONS, parseExpand, expandScopes };
