import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { RecordKind } from '../descriptions/records';
import { RECORDS } from '../descriptions/records';
import { storaApiRequest, storaApiRequestAllItems } from '../transport';
import { EDITOR_RETRY_SETTINGS } from '../transport/retryPolicy';

const retry = EDITOR_RETRY_SETTINGS;

const PAGE_SIZE = 50;

function label(order: IDataObject): string {
	const total = (order.total as IDataObject | null)?.formatted;
	const created = typeof order.created_at === 'string' ? order.created_at.slice(0, 10) : '';
	return [order.id, order.status, total, created].filter(Boolean).join(' · ');
}

const matches = (name: string, query: string) => name.toLowerCase().includes(query.toLowerCase());

/** A list a picker pages through, as Stora's lists have no text search. */
export interface PagedList {
	path: string;
	single: string;
	list: string;
	prefix: string;
	qs?: IDataObject;
	label: (record: IDataObject) => string;
	/** False where Stora has no show endpoint: a typed ID is then matched on the page. */
	showable?: boolean;
}

/**
 * A page of the list at a time; the typed filter matches the label (and ID) on the page shown,
 * and an exact ID is looked up directly.
 */
async function searchPaged(
	ctx: ILoadOptionsFunctions,
	list: PagedList,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const resultOf = (record: IDataObject) => ({
		name: list.label(record),
		value: String(record.id),
	});
	const query = (filter ?? '').trim();
	if (list.showable !== false && new RegExp(`^${list.prefix}[A-Za-z0-9]+$`).test(query)) {
		try {
			const body = await storaApiRequest.call(
				ctx,
				{ method: 'GET', path: `${list.path}/${query}`, expect: { [list.single]: 'object' } },
				{ retry },
			);
			return { results: [resultOf(body[list.single] as IDataObject)] };
		} catch {
			return { results: [] };
		}
	}
	const page = Number(paginationToken) || 1;
	const body = await storaApiRequest.call(
		ctx,
		{
			method: 'GET',
			path: list.path,
			qs: { page, limit: PAGE_SIZE, ...list.qs },
			expect: { [list.list]: 'array' },
		},
		{ retry },
	);
	const next = ((body.meta as IDataObject | undefined)?.pagination as IDataObject | undefined)
		?.next;
	const results = (body[list.list] as IDataObject[])
		.map(resultOf)
		.filter((result) => matches(`${result.name} ${result.value}`, query));
	return { results, paginationToken: next ? String(next) : undefined };
}

/** A picker's method over a paged list. */
export function pagedPicker(list: PagedList) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchPaged(this, list, filter, paginationToken);
	};
}

/** Recent orders, newest first, for the Order picker, labelled by ID, status, total and date. */
export const searchOrders = pagedPicker({
	path: '/orders',
	single: 'order',
	list: 'orders',
	prefix: 'order_',
	qs: { sort_by: 'created_at', sort_direction: 'DESC' },
	label,
});

/** A catalogue list (sites, coupons, contract templates) has no text search: match the names. */
async function searchCatalogue(
	ctx: ILoadOptionsFunctions,
	resource: string,
	label: (record: IDataObject) => string,
	filter?: string,
): Promise<INodeListSearchResult> {
	const records = await storaApiRequestAllItems.call(
		ctx,
		{ path: `/${resource}`, property: resource, qs: {} },
		{ retry },
	);
	const results = records
		.map((record) => ({ name: label(record), value: String(record.id) }))
		.filter((result) => matches(`${result.name} ${result.value}`, (filter ?? '').trim()))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export async function searchSites(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchCatalogue(
		this,
		'sites',
		(site) => {
			const city = (site.address as IDataObject | undefined)?.city;
			return [site.name ?? site.id, city].filter(Boolean).join(' · ');
		},
		filter,
	);
}

export async function searchCoupons(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchCatalogue(
		this,
		'coupons',
		(coupon) =>
			[coupon.name ?? coupon.id, coupon.code ? `code ${String(coupon.code)}` : undefined]
				.filter(Boolean)
				.join(' · '),
		filter,
	);
}

export async function searchContractTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchCatalogue(
		this,
		'contract_templates',
		(template) => String(template.name ?? template.id),
		filter,
	);
}

function contactLabel(contact: IDataObject): string {
	return (
		[contact.full_name, contact.email, contact.phone_number].filter(Boolean).join(' · ') ||
		String(contact.id)
	);
}

/** Contacts through Stora's own search (name, email or phone), a page at a time. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const query = (filter ?? '').trim();
	if (/^con_[A-Za-z0-9]+$/.test(query)) {
		try {
			const body = await storaApiRequest.call(
				this,
				{ method: 'GET', path: `/contacts/${query}`, expect: { contact: 'object' } },
				{ retry },
			);
			const contact = body.contact as IDataObject;
			return { results: [{ name: contactLabel(contact), value: String(contact.id) }] };
		} catch {
			return { results: [] };
		}
	}
	const page = Number(paginationToken) || 1;
	const qs: IDataObject = { page, limit: PAGE_SIZE, sort_by: 'full_name', sort_direction: 'ASC' };
	if (query !== '') qs.search = query;
	const body = await storaApiRequest.call(
		this,
		{ method: 'GET', path: '/contacts', qs, expect: { contacts: 'array' } },
		{ retry },
	);
	const next = ((body.meta as IDataObject | undefined)?.pagination as IDataObject | undefined)
		?.next;
	const results = (body.contacts as IDataObject[]).map((contact) => ({
		name: contactLabel(contact),
		value: String(contact.id),
	}));
	return { results, paginationToken: next ? String(next) : undefined };
}

function lineItemLabel(lineItem: IDataObject): string {
	const item = (lineItem.item ?? {}) as IDataObject;
	const cover = (item.cover_level as IDataObject | undefined)?.formatted;
	const itemName = item.name ?? (cover ? `Cover up to ${String(cover)}` : item.id);
	const total = (lineItem.total as IDataObject | undefined)?.formatted;
	return [
		itemName,
		`${String(lineItem.type)} × ${String(lineItem.quantity ?? 1)}`,
		total,
		lineItem.id,
	]
		.filter(Boolean)
		.join(' · ');
}

/** The chosen order's line items, with the names of what they book. */
export async function searchLineItems(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const orderId = this.getCurrentNodeParameter('orderId', { extractValue: true });
	if (typeof orderId !== 'string' || !/^order_[A-Za-z0-9]+$/.test(orderId)) return { results: [] };
	const body = await storaApiRequest.call(
		this,
		{
			method: 'GET',
			path: `/orders/${orderId}`,
			qs: { expand: 'line_items,line_items.item' },
			expect: { order: 'object' },
		},
		{ retry },
	);
	const lineItems = ((body.order as IDataObject).line_items ?? []) as IDataObject[];
	const results = lineItems
		.map((lineItem) => ({ name: lineItemLabel(lineItem), value: String(lineItem.id) }))
		.filter((result) => matches(result.name, (filter ?? '').trim()));
	return { results };
}

/** What names a record in a picker: its name, number or reference, else its cover (protection levels). */
function recordName(record: IDataObject): unknown {
	const cover = (record.cover_level as IDataObject | null | undefined)?.formatted;
	return (
		record.name ??
		record.number ??
		record.reference_id ??
		(cover ? `Cover up to ${String(cover)}` : undefined)
	);
}

function recordLabel(record: IDataObject): string {
	const created = typeof record.created_at === 'string' ? record.created_at.slice(0, 10) : '';
	const name = recordName(record);
	return [name, record.status, created, name ? undefined : record.id]
		.filter(Boolean)
		.map(String)
		.join(' · ');
}

/**
 * A record's picker, a page at a time in Stora's order, labelled by name or number, status and
 * date. Credit notes have no documented show endpoint: a typed ID is matched on the page.
 */
function recordSearch(record: RecordKind) {
	return pagedPicker({ ...record, label: recordLabel, showable: record !== RECORDS.creditNote });
}

export const searchUnits = recordSearch(RECORDS.unit);
export const searchUnitAllocations = recordSearch(RECORDS.unitAllocation);
export const searchTenancies = recordSearch(RECORDS.tenancy);
export const searchSubscriptions = recordSearch(RECORDS.subscription);
export const searchInvoices = recordSearch(RECORDS.invoice);
export const searchCreditNotes = recordSearch(RECORDS.creditNote);
export const searchContracts = recordSearch(RECORDS.contract);
export const searchUnitTypes = recordSearch(RECORDS.unitType);
export const searchProtectionLevels = recordSearch(RECORDS.protectionLevel);
export const searchProducts = recordSearch(RECORDS.product);
