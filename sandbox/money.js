'use strict';

const CURRENCY = 'GBP';

/**
 * Formats minor units as pounds: 123456 → "£1,234.56".
 * @param {number} amount integer minor units
 */
function formatGBP(amount) {
	const sign = amount < 0 ? '-' : '';
	const abs = Math.abs(amount);
	const pounds = Math.floor(abs / 100)
		.toString()
		.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	const pence = String(abs % 100).padStart(2, '0');
	return `${sign}£${pounds}.${pence}`;
}

/**
 * A Stora Money object.
 * @param {number} amount integer minor units
 * @returns {{ amount: number, currency: string, formatted: string }}
 */
function money(amount) {
	return { amount, currency: CURRENCY, formatted: formatGBP(amount) };
}

/**
 * Integer division rounded half to even (banker's rounding, the Ruby money gem's default).
 * @param {number} numerator non-negative integer
 * @param {number} denominator positive integer
 */
function divRoundHalfEven(numerator, denominator) {
	const q = Math.floor(numerator / denominator);
	const r2 = 2 * (numerator - q * denominator);
	if (r2 > denominator) return q + 1;
	if (r2 < denominator) return q;
	return q % 2 === 0 ? q : q + 1;
}

/**
 * Integer division rounded half up.
 * @param {number} numerator non-negative integer
 * @param {number} denominator positive integer
 */
function divRoundHalfUp(numerator, denominator) {
	return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * Splits `total` over `weights` proportionally (largest remainder; ties go to the earlier entry),
 * so the parts are integers summing exactly to `total`.
 * @param {number} total
 * @param {number[]} weights
 * @returns {number[]}
 */
function allocate(total, weights) {
	const sum = weights.reduce((a, b) => a + b, 0);
	if (sum === 0 || total === 0) return weights.map(() => 0);
	const parts = weights.map((w) => Math.floor((total * w) / sum));
	let left = total - parts.reduce((a, b) => a + b, 0);
	const order = weights
		.map((w, i) => ({ i, rem: (total * w) % sum }))
		.sort((a, b) => b.rem - a.rem || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		parts[i] += 1;
		left -= 1;
	}
	return parts;
}

module.exports = { CURRENCY, formatGBP, money, divRoundHalfEven, divRoundHalfUp, allocate };
