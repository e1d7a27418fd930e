'use strict';

const { requireScopes } = require('./auth');
const { findOr404, objectBody, throwIfInvalid, touch } = require('./handlers');
const { randomId } = require('./ids');
const { money } = require('./money');
const { publicRecord } = require('./render');
const { single } = require('./respond');
const { BILLING_PERIODS } = require('./seed');

/** The records whose base prices can be set (catalogue §2.7): collection → answer key, label, write scope. */
const PRICED = {
	unit_types: { singular: 'unit_type', label: 'Unit type', param: 'unit_type_id', scope: 'public.unit_type:write' },
	protection_levels: { singular: 'protection_level', label: 'Protection level', param: 'protection_level_id', scope: 'public.protection_level:write' },
	products: { singular: 'product', label: 'Product', param: 'product_id', scope: 'public.product:write' },
};

/**
 * The body's `{<billing period>: {amount}}` entries, checked: 422 `invalid_content` naming every
 * bad entry (unknown period, amount not a non-negative integer) or an empty body.
 * @param {Record<string, any>} body
 * @returns {[string, number][]}
 */
function readPrices(body) {
	const entries = Object.entries(body);
	/** @type {{ message: string, pointer: string }[]} */
	const details = [];
	if (entries.length === 0) details.push({ message: `at least one billing period is required (one of: ${BILLING_PERIODS.join(', ')})`, pointer: '' });
	for (const [period, value] of entries) {
		if (!BILLING_PERIODS.includes(period)) {
			details.push({ message: `\`${period}\` is not a billing period (one of: ${BILLING_PERIODS.join(', ')})`, pointer: `/${period}` });
			continue;
		}
		const amount = value && typeof value === 'object' ? value.amount : undefined;
		if (!Number.isInteger(amount) || amount < 0) {
			details.push({ message: 'value must be a non-negative integer (minor units)', pointer: `/${period}/amount` });
		}
	}
	throwIfInvalid(details);
	return entries.map(([period, value]) => [period, value.amount]);
}

/**
 * POST /2025-09/{collection}/{id}/base_price: each period given gets a new price (a new
 * `stripe_price_id`), replacing that period's entry in `prices`; the other periods stay.
 * @param {keyof typeof PRICED} collection
 * @returns {(ctx: import('./orders').HandlerContext) => import('./orders').HandlerResult}
 */
function setBasePrice(collection) {
	const def = PRICED[collection];
	return (ctx) => {
		requireScopes(ctx.scopes, [def.scope]);
		const record = findOr404(ctx, collection, def.label, def.param);
		const prices = readPrices(objectBody(ctx));
		for (const [period, amount] of prices) {
			const entry = { billing_period: period, price: money(amount), stripe_price_id: randomId('price_') };
			const at = record.prices.findIndex((/** @type {any} */ p) => p.billing_period === period);
			if (at === -1) record.prices.push(entry);
			else record.prices[at] = entry;
		}
		touch(ctx, record);
		return { status: 201, body: single(def.singular, publicRecord(record), ctx.requestId) };
	};
}

module.exports = { PRICED, setBasePrice, readPrices };
