'use strict';

const { allocate, divRoundHalfEven, divRoundHalfUp } = require('./money');

/** VAT is included in every recurring price: excluding-tax = total × 100/120. */
const VAT_PERCENT = 20;

/**
 * Whether a stored line item is billed every period (true) or once (false).
 * @param {{ type: string, item: { id: string } }} line
 * @param {import('./store').Store} store
 */
function isRecurring(line, store) {
	if (line.type === 'security_deposit') return false;
	if (line.type === 'product') {
		const product = store.find('products', line.item.id);
		return !product || product.charge_type === 'recurring';
	}
	return true;
}

/**
 * The catalogue unit price of a line item for a billing period (monthly when the order has none).
 * @param {string} type line item type
 * @param {any} item the catalogue record (unit type, protection level or product)
 * @param {string | null} billingPeriod
 * @returns {number}
 */
function cataloguePrice(type, item, billingPeriod) {
	if (type === 'security_deposit') return item.security_deposit.amount;
	const prices = item.prices || [];
	if (type === 'product' && item.charge_type === 'one_time') return prices[0] ? prices[0].price.amount : 0;
	const period = billingPeriod || 'monthly';
	const entry = prices.find((p) => p.billing_period === period) || prices.find((p) => p.billing_period === 'monthly');
	return entry ? entry.price.amount : 0;
}

/**
 * Computes every amount of an order from its line items (see README "Money and totals"):
 * the coupon discount is taken from the recurring subtotal (percentage rounded half up) and
 * spread over recurring lines by largest remainder; each recurring line's excluding-tax amount is
 * its total × 100/120 rounded half to even; one-time lines (deposits, one_time products) carry no
 * discount and no tax.
 * @param {any} order stored order record
 * @param {import('./store').Store} store
 */
function priceOrder(order, store) {
	const lines = order.line_items.map((line) => {
		const gross = line.price.amount * line.quantity;
		return { line, gross, recurring: isRecurring(line, store), discount: 0, total: gross, tax: 0, excl: gross };
	});
	const recurring = lines.filter((l) => l.recurring);
	const subtotal = recurring.reduce((a, l) => a + l.gross, 0);
	const coupon = order.coupon ? store.find('coupons', order.coupon.id) : null;
	let discount = 0;
	if (coupon && coupon.type === 'percentage') discount = divRoundHalfUp(subtotal * coupon.percent, 100);
	if (coupon && coupon.type === 'amount') discount = Math.min(coupon.amount.amount, subtotal);
	const shares = allocate(
		discount,
		recurring.map((l) => l.gross),
	);
	recurring.forEach((l, i) => {
		l.discount = shares[i];
		l.total = l.gross - l.discount;
		l.excl = divRoundHalfEven(l.total * 100, 100 + VAT_PERCENT);
		l.tax = l.total - l.excl;
	});
	const tax = recurring.reduce((a, l) => a + l.tax, 0);
	const oneTime = lines.filter((l) => !l.recurring).reduce((a, l) => a + l.total, 0);
	return {
		lines,
		subtotal,
		discount,
		total: subtotal - discount,
		tax,
		totalExcludingTax: subtotal - discount - tax,
		oneTimeTotal: oneTime,
	};
}

module.exports = { VAT_PERCENT, isRecurring, cataloguePrice, priceOrder };
