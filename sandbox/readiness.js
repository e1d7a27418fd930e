'use strict';

/**
 * What stops an order from being finalized (empty when it is ready). Pointers refer to the
 * order's fields, as a create body would carry them.
 * @param {{ billing_period: string | null, starts_at: string | null, line_items: { type: string }[] }} order
 * @param {{ email?: string | null } | null} contact the order's contact record (or inline fields)
 * @returns {{ message: string, pointer: string }[]}
 */
function readinessProblems(order, contact) {
	const problems = [];
	if (!order.billing_period) problems.push({ message: 'The order has no billing period.', pointer: '/billing_period' });
	if (!order.starts_at) problems.push({ message: 'The order has no start date.', pointer: '/starts_at' });
	if (!contact) problems.push({ message: 'The order has no contact.', pointer: '/contact' });
	else if (!contact.email) problems.push({ message: 'The contact has no email address.', pointer: '/contact/email' });
	if (!order.line_items.some((l) => l.type === 'unit_type')) {
		problems.push({ message: 'The order needs at least one line item of type unit_type.', pointer: '/line_items' });
	}
	return problems;
}

const NOT_READY_MESSAGE = 'The order is not ready to be finalized.';

module.exports = { readinessProblems, NOT_READY_MESSAGE };
