import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { storaApiRequest } from '../transport';
import { EDITOR_RETRY_SETTINGS } from '../transport/retryPolicy';

const retry = EDITOR_RETRY_SETTINGS;

const PAGE_SIZE = 50;

function label(order: IDataObject): string {
	const total = (order.total as IDataObject | null)?.formatted;
	const created = typeof order.created_at === 'string' ? order.created_at.slice(0, 10) : '';
	return [order.id, order.status, total, created].filter(Boolean).join(' · ');
}

/**
 * Recent orders, newest first, for the Order picker. Stora's list has no text search, so the
 * typed filter matches the label (ID, status, total, date) on the page shown; an exact order ID
 * is looked up directly.
 */
export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const query = (filter ?? '').trim();
	if (/^order_[A-Za-z0-9]+$/.test(query)) {
		try {
			const body = await storaApiRequest.call(
				this,
				{ method: 'GET', path: `/orders/${query}`, expect: { order: 'object' } },
				{ retry },
			);
			const order = body.order as IDataObject;
			return { results: [{ name: label(order), value: String(order.id) }] };
		} catch {
			return { results: [] };
		}
	}
	const page = Number(paginationToken) || 1;
	const body = await storaApiRequest.call(
		this,
		{
			method: 'GET',
			path: '/orders',
			qs: { page, limit: PAGE_SIZE, sort_by: 'created_at', sort_direction: 'DESC' },
			expect: { orders: 'array' },
		},
		{ retry },
	);
	const orders = body.orders as IDataObject[];
	const next = ((body.meta as IDataObject | undefined)?.pagination as IDataObject | undefined)
		?.next;
	const results = orders
		.map((order) => ({ name: label(order), value: String(order.id) }))
		.filter((result) => result.name.toLowerCase().includes(query.toLowerCase()));
	return { results, paginationToken: next ? String(next) : undefined };
}
