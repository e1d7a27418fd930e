import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { pickedId } from '../helpers/picked';
import { storaApiRequest, storaApiRequestAllItems } from '../transport';
import { EDITOR_RETRY_SETTINGS } from '../transport/retryPolicy';

/** The whole list, page after page: a dropdown shows every record. */
async function list(ctx: ILoadOptionsFunctions, resource: string): Promise<IDataObject[]> {
	return await storaApiRequestAllItems.call(
		ctx,
		{ path: `/${resource}`, property: resource, qs: {} },
		{ retry: EDITOR_RETRY_SETTINGS },
	);
}

const asSiteId = (value: unknown) =>
	typeof value === 'string' && value.startsWith('site_') ? value : undefined;

/**
 * The chosen site: a dropdown's ID (version 1) or a picker's (version 2); where the node has no
 * Site (Line Item → Create), the site of the chosen order.
 */
async function currentSiteId(ctx: ILoadOptionsFunctions): Promise<string | undefined> {
	if (ctx.getCurrentNodeParameter('siteId') !== undefined) {
		return asSiteId(pickedId(ctx.getCurrentNodeParameter('siteId', { extractValue: true })));
	}
	if (ctx.getCurrentNodeParameter('orderId') === undefined) return undefined;
	const orderId = ctx.getCurrentNodeParameter('orderId', { extractValue: true });
	if (typeof orderId !== 'string' || !/^order_[A-Za-z0-9]+$/.test(orderId)) return undefined;
	const body = await storaApiRequest.call(
		ctx,
		{ method: 'GET', path: `/orders/${orderId}`, expect: { order: 'object' } },
		{ retry: EDITOR_RETRY_SETTINGS },
	);
	return asSiteId(((body.order as IDataObject).site as IDataObject | null)?.id);
}

/**
 * Stora's docs don't document a `site_id` filter on these lists, so the whole list is read and
 * filtered here: a record of another site is left out, one without a site is kept.
 */
async function listForSite(ctx: ILoadOptionsFunctions, resource: string): Promise<IDataObject[]> {
	const siteId = await currentSiteId(ctx);
	const records = await list(ctx, resource);
	return records.filter((record) => {
		const site = record.site as IDataObject | null | undefined;
		return !siteId || !site?.id || site.id === siteId;
	});
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

const money = (value: unknown) => ((value as IDataObject | null)?.formatted as string) ?? '';

export async function getSites(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const sites = await list(this, 'sites');
	return sites
		.map((site) => ({
			name: String(site.name ?? site.id),
			value: String(site.id),
			description: ((site.address as IDataObject | undefined)?.city as string) ?? undefined,
		}))
		.sort(byName);
}

export async function getUnitTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const unitTypes = await listForSite(this, 'unit_types');
	return unitTypes
		.map((unitType) => ({
			name: String(unitType.name ?? unitType.id),
			value: String(unitType.id),
			description: [unitType.size_description, unitType.status].filter(Boolean).join(' · '),
		}))
		.sort(byName);
}

export async function getProtectionLevels(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const levels = await list(this, 'protection_levels');
	// Protection levels have no name: they are known by the cover they give.
	return levels.map((level) => ({
		name: money(level.cover_level) ? `Cover up to ${money(level.cover_level)}` : String(level.id),
		value: String(level.id),
	}));
}

export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const products = await listForSite(this, 'products');
	return products
		.map((product) => ({
			name: String(product.name ?? product.id),
			value: String(product.id),
			description: product.charge_type === 'one_time' ? 'One-time charge' : 'Recurring charge',
		}))
		.sort(byName);
}

export async function getCoupons(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const coupons = await list(this, 'coupons');
	return coupons
		.map((coupon) => ({
			name: String(coupon.name ?? coupon.code ?? coupon.id),
			value: String(coupon.id),
			description: coupon.code ? `Code ${String(coupon.code)}` : undefined,
		}))
		.sort(byName);
}

export async function getContractTemplates(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const templates = await list(this, 'contract_templates');
	return templates
		.map((template) => ({ name: String(template.name ?? template.id), value: String(template.id) }))
		.sort(byName);
}
