import type { INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { callNodeMethod } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox({ seedOrders: true });

const loadOptions = async (method: string, parameters = {}) =>
	await callNodeMethod<INodePropertyOptions[]>('loadOptions', method, {
		parameters,
		credentials: { storaApi: t.credentials },
	});

const searchOrders = async (filter?: string, paginationToken?: string) =>
	await callNodeMethod<INodeListSearchResult>('listSearch', 'searchOrders', {
		credentials: { storaApi: t.credentials },
		args: [filter, paginationToken],
	});

describe('dropdowns', () => {
	it('lists sites by name', async () => {
		const sites = await loadOptions('getSites');
		expect(sites.map((site) => site.value).sort()).toEqual(
			[SEED.sites.camden, SEED.sites.leeds].sort(),
		);
		expect(sites.map((site) => site.name)).toEqual([...sites.map((site) => site.name)].sort());
		expect(t.requests()[0]).toMatchObject({
			method: 'GET',
			path: '/2025-09/sites',
			query: { page: '1', limit: '100' },
		});
	});

	it('lists the unit types of the chosen site only', async () => {
		const unitTypes = await loadOptions('getUnitTypes', { siteId: SEED.sites.leeds });
		expect(unitTypes.map((unitType) => unitType.value).sort()).toEqual(
			[SEED.unitTypes.leedsLocker, SEED.unitTypes.leedsSmall, SEED.unitTypes.leedsLarge].sort(),
		);
		// Stora's docs don't document site_id on /unit_types: the node filters locally.
		expect(t.requests()[0].query.site_id).toBeUndefined();
	});

	it('filters unit types by a site picked in a version 2 site picker', async () => {
		const unitTypes = await loadOptions('getUnitTypes', {
			siteId: { __rl: true, mode: 'list', value: SEED.sites.camden },
		});
		expect(unitTypes.map((unitType) => unitType.value).sort()).toEqual(
			[SEED.unitTypes.camdenLocker, SEED.unitTypes.camdenSmall, SEED.unitTypes.camdenMedium].sort(),
		);
	});

	it('on Line Item → Create, which has no Site, lists the unit types and products of the order’s site', async () => {
		const lineItemCreate = {
			resource: 'lineItem',
			operation: 'create',
			orderId: { __rl: true, mode: 'list', value: SEED.orders.leedsDraft },
		};
		const unitTypes = await loadOptions('getUnitTypes', lineItemCreate);
		expect(unitTypes.map((unitType) => unitType.value).sort()).toEqual(
			[SEED.unitTypes.leedsLocker, SEED.unitTypes.leedsSmall, SEED.unitTypes.leedsLarge].sort(),
		);
		expect(t.requests().map(({ method, path }) => `${method} ${path}`)).toEqual([
			`GET /2025-09/orders/${SEED.orders.leedsDraft}`,
			'GET /2025-09/unit_types',
		]);
		const products = await loadOptions('getProducts', {
			...lineItemCreate,
			type: 'product',
			orderId: { __rl: true, mode: 'id', value: SEED.orders.draftReady },
		});
		expect(products.map((product) => product.value)).toEqual(
			expect.arrayContaining([SEED.products.padlock, SEED.products.climateControl]),
		);
		expect(products.map((product) => product.value)).not.toContain(SEED.products.movingBoxes);
	});

	it('names protection levels by their cover, since they have no name', async () => {
		const levels = await loadOptions('getProtectionLevels');
		expect(levels).toContainEqual({
			name: 'Cover up to £1,000.00',
			value: SEED.protectionLevels.cover1000,
		});
	});

	it('lists products, coupons and contract templates', async () => {
		const products = await loadOptions('getProducts', { siteId: SEED.sites.camden });
		expect(products.map((product) => product.value)).toEqual(
			expect.arrayContaining([SEED.products.padlock, SEED.products.climateControl]),
		);
		expect(products.map((product) => product.value)).not.toContain(SEED.products.movingBoxes);
		const coupons = await loadOptions('getCoupons');
		expect(coupons.map((coupon) => coupon.value).sort()).toEqual(
			[SEED.coupons.halfPrice, SEED.coupons.tenPoundsOff].sort(),
		);
		const templates = await loadOptions('getContractTemplates');
		expect(templates.map((template) => template.value).sort()).toEqual(
			[SEED.contractTemplates.standard, SEED.contractTemplates.business].sort(),
		);
	});
});

describe('order search (the Order picker)', () => {
	it('lists recent orders, newest first, with status, total and date', async () => {
		const { results } = await searchOrders();
		expect(results.length).toBe(t.sandbox.listOrders().length);
		expect(results[0].name).toMatch(/^order_[0-9a-z]+ · \w+ · £[\d,.]+ · \d{4}-\d\d-\d\d$/);
		expect(t.requests()[0].query).toMatchObject({ sort_by: 'created_at', sort_direction: 'DESC' });
	});

	it('filters by what is typed', async () => {
		const { results } = await searchOrders('finalized');
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((result) => result.name.includes('finalized'))).toBe(true);
	});

	it('looks up an exact order ID directly', async () => {
		const { results } = await searchOrders(SEED.orders.completed);
		expect(results).toEqual([
			{ name: expect.stringContaining(SEED.orders.completed), value: SEED.orders.completed },
		]);
		expect(t.requests()[0].path).toBe(`/2025-09/orders/${SEED.orders.completed}`);
	});

	it('pages with the pagination token', async () => {
		for (let i = 0; i < 60; i++) t.sandbox.addOrder({});
		const first = await searchOrders();
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await searchOrders(undefined, first.paginationToken as string);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((result) => result.value)).size).toBe(
			t.sandbox.listOrders().length,
		);
	});
});

describe('the editor does not wait on a failing Stora', () => {
	it('a dropdown whose list keeps failing gives up after one retry, with Stora’s error', async () => {
		t.sandbox.faults.add({
			method: 'GET',
			path: '/2025-09/sites',
			type: 'status',
			status: 503,
			times: 10,
		});
		await expect(loadOptions('getSites')).rejects.toMatchObject({ httpCode: '503' });
		expect(t.requests()).toHaveLength(2);
	});

	it('the order search gives up after one retry, not five', async () => {
		t.sandbox.faults.add({ method: 'GET', path: '/2025-09/orders', type: 'reset', times: 10 });
		await expect(searchOrders()).rejects.toMatchObject({ message: 'Stora did not answer' });
		expect(t.requests()).toHaveLength(2);
	});
});
