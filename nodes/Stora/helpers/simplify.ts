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
