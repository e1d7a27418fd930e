'use strict';

/**
 * @param {string} s
 */
function escapeHtml(s) {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The stand-in for Stora's hosted checkout behind `payment_url`.
 * @param {any} order stored order record, or null
 * @returns {{ status: number, html: string }}
 */
function checkoutPage(order) {
	if (!order) {
		return { status: 404, html: '<!doctype html><title>Not found</title><p>No such order in the Stora sandbox.</p>' };
	}
	const cancel = order._cancelRedirectUrl
		? `<p><a href="${escapeHtml(order._cancelRedirectUrl)}">Cancel and go back</a></p>`
		: '';
	return {
		status: 200,
		html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Checkout ${escapeHtml(order.id)} (Stora sandbox)</title></head>
<body>
<h1>Stora sandbox checkout</h1>
<p>Order <code>${escapeHtml(order.id)}</code> is <strong>${escapeHtml(order.status)}</strong>.</p>
<p>This page stands in for Stora's hosted checkout; no payment is taken.</p>
${cancel}
</body></html>
`,
	};
}

module.exports = { checkoutPage };
