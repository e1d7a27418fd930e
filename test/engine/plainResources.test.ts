import type { IDataObject, INodeListSearchResult, INodeType } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { STORA_NODE_TYPE, callNodeMethod, loadPackage } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const v3 = { node: { typeVersion: 3 } };

describe('plain resources (built from a spec)', () => {
	it('Get reads one record at its path and outputs it whole where there is no Simplify', async () => {
		const result = await t.run({
			resource: 'site',
			operation: 'get',
			siteId: byId(SEED.sites.leeds),
		});
		expect(result.json('Stora').map((record) => record.id)).toEqual([SEED.sites.leeds]);
		expect(result.json('Stora')[0]).toHaveProperty('address');
		expect(t.requests().map(({ method, path }) => `${method} ${path}`)).toEqual([
			`GET /2025-09/sites/${SEED.sites.leeds}`,
		]);
	});

	it('Get Many pages by page number, with no sort and no guessed filter, and simplifies unit types', async () => {
		const result = await t.run({ resource: 'unitType', operation: 'getAll', returnAll: true }, v3);
		const output = result.json('Stora');
		expect(output.length).toBe(6);
		expect(Object.keys(output[0]).sort()).toEqual(
			[
				'created_at',
				'id',
				'name',
				'prices',
				'promotion_id',
				'security_deposit',
				'site_id',
				'size_description',
				'slug',
				'status',
			].sort(),
		);
		expect((output[0].prices as IDataObject[])[0]).toEqual({
			billing_period: expect.any(String),
			amount: expect.any(Number),
			formatted: expect.any(String),
		});
		expect(t.requests()[0].query).toEqual({ page: '1', limit: '100' });
	});

	it('Version 1 outputs the record whole by default; Additional Query Parameters are sent as given', async () => {
		const result = await t.run(
			{
				resource: 'invoice',
				operation: 'getAll',
				limit: 2,
				filters: {
					additionalQuery: {
						parameters: [
							{ key: 'status', value: 'paid' },
							{ key: '', value: '' },
						],
					},
				},
			},
			{ node: { typeVersion: 1 } },
		);
		expect(result.json('Stora')[0]).toHaveProperty('line_items');
		expect(t.requests()[0].query).toEqual({ page: '1', limit: '2', status: 'paid' });
	});

	it('checks every ID of a filter for its prefix before sending anything', async () => {
		const result = await t.run({
			resource: 'unit',
			operation: 'getAll',
			filters: { siteIds: `${SEED.sites.camden}, utype_123` },
		});
		expect(result.nodeError('Stora')?.message).toBe('Invalid Site ID "utype_123" [item 0]');
		expect(t.requests()).toEqual([]);
	});

	it('lists the resources alphabetically, each picker backed by a search method', async () => {
		const { nodeTypes } = await loadPackage();
		const node = nodeTypes[STORA_NODE_TYPE] as INodeType;
		const resources = node.description.properties.find((p) => p.name === 'resource')!;
		const names = (resources.options ?? []).map((o) => ('name' in o ? String(o.name) : ''));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(names).toHaveLength(20);
		const methods = node.methods?.listSearch ?? {};
		const searches = node.description.properties.flatMap((p) =>
			(p.modes ?? []).map((mode) => mode.typeOptions?.searchListMethod).filter(Boolean),
		);
		expect(searches.filter((name) => !(String(name) in methods))).toEqual([]);
	});

	it('a record’s picker matches the typed text on a page and looks an exact ID up directly', async () => {
		const search = async (filter: string) =>
			await callNodeMethod<INodeListSearchResult>('listSearch', 'searchUnitTypes', {
				credentials: { storaApi: t.credentials },
				args: [filter],
			});
		const { results } = await search('large');
		expect(results.map((result) => result.value)).toEqual([SEED.unitTypes.leedsLarge]);
		expect(results[0].name).toMatch(/^Large \(100 sq ft\) · bookable · \d{4}-\d\d-\d\d$/);
		const exact = await search(SEED.unitTypes.camdenSmall);
		expect(exact.results.map((result) => result.value)).toEqual([SEED.unitTypes.camdenSmall]);
		expect(t.requests().map(({ path, query }) => [path, query])).toEqual([
			['/2025-09/unit_types', { page: '1', limit: '50' }],
			[`/2025-09/unit_types/${SEED.unitTypes.camdenSmall}`, {}],
		]);
	});
});
