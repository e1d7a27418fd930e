import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

const idOf = (value: unknown) => ((value as IDataObject | null | undefined)?.id as string) ?? null;

const ORDER_TOTALS = ['total', 'subtotal', 'total_discount', 'tax', 'one_time_total'];

/** Whether the item asks for the simplified output (Simplify; off when the operation has none). */
export function wantsSimplified(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return ctx.getNodeParameter('simplify', itemIndex, false) === true;
}

/**
 * The order fields a workflow uses: ids of its site and contact, its dates, payment link,
 * metadata, and each total as its amount in minor units and its formatted text.
 */
export function simplifyOrder(order: IDataObject): IDataObject {
	const simple: IDataObject = {
		id: order.id,
		status: order.status,
		site_id: idOf(order.site),
		contact_id: idOf(order.contact),
		starts_at: order.starts_at ?? null,
		payment_url: order.payment_url ?? null,
	};
	for (const name of ORDER_TOTALS) {
		const money = order[name] as IDataObject | null | undefined;
		simple[name] = money?.amount ?? null;
		simple[`${name}_formatted`] = money?.formatted ?? null;
	}
	simple.currency = (order.total as IDataObject | null | undefined)?.currency ?? null;
	simple.metadata = order.metadata ?? {};
	simple.created_at = order.created_at ?? null;
	return simple;
}

/** An order as the node outputs it: in full, or simplified. */
export function orderOutput(order: IDataObject, simplify: boolean): IDataObject {
	return simplify ? simplifyOrder(order) : order;
}

const CONTACT_FIELDS = ['id', 'full_name', 'email', 'phone_number', 'type', 'status', 'metadata'];

export function simplifyContact(contact: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const name of CONTACT_FIELDS) simple[name] = contact[name] ?? null;
	simple.metadata = contact.metadata ?? {};
	simple.created_at = contact.created_at ?? null;
	return simple;
}

/** A contact as the node outputs it: in full, or simplified. */
export function contactOutput(contact: IDataObject, simplify: boolean): IDataObject {
	return simplify ? simplifyContact(contact) : contact;
}

type Money = { amount?: unknown; currency?: unknown; formatted?: unknown } | null | undefined;

const INVOICE_TOTALS = ['total', 'amount_due', 'amount_paid'];
const INVOICE_DATES = [
	'period_start',
	'period_end',
	'finalized_at',
	'paid_at',
	'voided_at',
	'created_at',
];

/** An invoice's number, status, links and each total in minor units with its formatted text. */
export function simplifyInvoice(invoice: IDataObject): IDataObject {
	const simple: IDataObject = {
		id: invoice.id,
		number: invoice.number ?? null,
		status: invoice.status ?? null,
		contact_id: idOf(invoice.contact),
		site_id: idOf(invoice.site),
		subscription_id: idOf(invoice.subscription),
	};
	for (const name of INVOICE_TOTALS) {
		const money = invoice[name] as Money;
		simple[name] = money?.amount ?? null;
		simple[`${name}_formatted`] = money?.formatted ?? null;
	}
	const currency = INVOICE_TOTALS.map((name) => (invoice[name] as Money)?.currency).find(Boolean);
	simple.currency = currency ?? null;
	for (const name of INVOICE_DATES) simple[name] = invoice[name] ?? null;
	return simple;
}

/** A subscription's links, billing period, cancellation and dates. */
export function simplifySubscription(subscription: IDataObject): IDataObject {
	const period = subscription.current_period as IDataObject | null | undefined;
	return {
		id: subscription.id,
		contact_id: idOf(subscription.contact),
		site_id: idOf(subscription.site),
		tenancy_id: idOf(subscription.tenancy),
		order_id: idOf(subscription.order),
		billing_period: subscription.billing_period ?? null,
		cancelled: subscription.cancelled ?? null,
		cancellation_reason: subscription.cancellation_reason ?? null,
		starts_at: subscription.starts_at ?? null,
		ends_at: subscription.ends_at ?? null,
		current_period_starts_at: period?.starts_at ?? null,
		current_period_ends_at: period?.ends_at ?? null,
		created_at: subscription.created_at ?? null,
	};
}

/** A unit type's price entry: Stora's `{billing_period, price: Money}`, or `{billing_period, amount}`. */
function priceOf(entry: IDataObject): IDataObject {
	const money = (entry.price ?? entry) as Money;
	return {
		billing_period: entry.billing_period ?? null,
		amount: money?.amount ?? null,
		formatted: money?.formatted ?? null,
	};
}

/** A unit type's name, site, status, size and prices (minor units), for a quote. */
export function simplifyUnitType(unitType: IDataObject): IDataObject {
	const prices = Array.isArray(unitType.prices) ? (unitType.prices as IDataObject[]) : [];
	return {
		id: unitType.id,
		name: unitType.name ?? null,
		slug: unitType.slug ?? null,
		site_id: idOf(unitType.site),
		status: unitType.status ?? null,
		size_description: unitType.size_description ?? null,
		prices: prices.map(priceOf),
		security_deposit: (unitType.security_deposit as Money)?.amount ?? null,
		promotion_id: idOf(unitType.promotion),
		created_at: unitType.created_at ?? null,
	};
}
