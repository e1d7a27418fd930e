/**
 * A quote for an AI Agent (issue 19): the bookable unit types of a site with their prices (Unit
 * Type → Get Many) and how many units of a type are available (Unit → Get Many), each as a tool
 * on n8n-core's tool path, as `aiTool.test.ts` runs the order tools. Only the model is scripted.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import type { AgentToolOptions, ToolCall } from '../helpers/engine';
import { runAgentTool, storaNode } from '../helpers/engine';
import { API, storaList } from '../helpers/resources';
import { useSandbox } from './sandbox';

const t = useSandbox();

const VIAS = ['engine', 'langchain'] as const;

const toolNode = (name: string, parameters: INode['parameters']) =>
	storaNode(parameters, { name, typeVersion: 2 });

const callTool = async (via: AgentToolOptions['via'], node: INode, calls: ToolCall[]) =>
	await runAgentTool({ via, toolNode: node, calls, credentials: { storaApi: t.credentials } });

const SITE = 'The Stora site ID (site_…) the customer asks about';
const UNIT_TYPE = 'The unit type ID (utype_…) to count available units of';

const unitTypesOfSite = toolNode('Get the unit types of a site', {
	resource: 'unitType',
	operation: 'getAll',
	returnAll: true,
	// Stora's docs list the unit types' filters incompletely: the site goes as an Additional Query Parameter.
	filters: {
		additionalQuery: {
			parameters: [{ key: 'site_id', value: `={{ $fromAI('siteId', '${SITE}', 'string') }}` }],
		},
	},
});

const availableUnits = toolNode('Get the available units of a unit type', {
	resource: 'unit',
	operation: 'getAll',
	returnAll: true,
	filters: {
		unitTypeIds: `={{ $fromAI('unitTypeId', '${UNIT_TYPE}', 'string') }}`,
		statuses: ['available'],
	},
});

describe.each(VIAS)('A quote through the AI Agent’s tools (%s)', (via) => {
	it('Unit Type → Get Many: the site’s unit types, simplified, with their prices in minor units', async () => {
		const { tools, calls, run } = await callTool(via, unitTypesOfSite, [
			{ args: { siteId: SEED.sites.camden } },
		]);
		expect(run.status).toBe('success');
		expect(tools).toHaveLength(1);
		expect(tools[0].name).toBe('Get_the_unit_types_of_a_site');
		expect(tools[0].schema.properties).toEqual({ siteId: { type: 'string', description: SITE } });

		expect(t.requests().map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', `${API}/unit_types`, { page: '1', limit: '100', site_id: SEED.sites.camden }],
		]);
		expect(calls).toHaveLength(1);
		expect(calls[0].error).toBeUndefined();
		const unitTypes = calls[0].response as IDataObject[];
		const camden = await storaList(
			t.sandbox,
			'/unit_types',
			'unit_types',
			`site_id=${SEED.sites.camden}`,
		);
		expect(unitTypes.map((unitType) => unitType.id)).toEqual(camden.map((unitType) => unitType.id));
		expect(unitTypes.map((unitType) => unitType.id)).toEqual(
			expect.arrayContaining([
				SEED.unitTypes.camdenLocker,
				SEED.unitTypes.camdenSmall,
				SEED.unitTypes.camdenMedium,
			]),
		);
		const small = unitTypes.find((unitType) => unitType.id === SEED.unitTypes.camdenSmall);
		expect(small).toMatchObject({ site_id: SEED.sites.camden, name: 'Small (35 sq ft)' });
		expect(small?.prices).toContainEqual({
			billing_period: 'monthly',
			amount: 6999,
			formatted: expect.any(String),
		});
		// Simplified: no Stripe ids for the model to wade through.
		expect(JSON.stringify(unitTypes)).not.toContain('stripe');
	});

	it('Unit → Get Many: how many units of the type are available', async () => {
		const { tools, calls, run } = await callTool(via, availableUnits, [
			{ id: 'call_small', args: { unitTypeId: SEED.unitTypes.camdenSmall } },
			{ id: 'call_locker', args: { unitTypeId: SEED.unitTypes.camdenLocker } },
		]);
		expect(run.status).toBe('success');
		expect(tools[0].schema.properties).toEqual({
			unitTypeId: { type: 'string', description: UNIT_TYPE },
		});
		const queries = t.requests().map((r) => r.query);
		expect(queries).toHaveLength(2);
		expect(queries).toEqual(
			expect.arrayContaining([
				{ page: '1', limit: '100', unit_type_id: SEED.unitTypes.camdenSmall, status: 'available' },
				{ page: '1', limit: '100', unit_type_id: SEED.unitTypes.camdenLocker, status: 'available' },
			]),
		);
		const byCall = Object.fromEntries(
			calls.map((call) => [call.id, (call.response as IDataObject[]).map((unit) => unit.id)]),
		);
		// Camden small: S02 available (S01 occupied, S03 unavailable); Camden lockers: L01, L02 (L03 reserved).
		expect(byCall.call_small).toEqual([SEED.units.camdenSmallA]);
		expect([...(byCall.call_locker as string[])].sort()).toEqual(
			[SEED.units.camdenLockerA, SEED.units.camdenLockerB].sort(),
		);
		for (const call of calls) {
			expect((call.response as IDataObject[]).every((unit) => unit.status === 'available')).toBe(
				true,
			);
		}
	});

	it('a unit type ID the model made up is a clear error naming it, and nothing is sent', async () => {
		const { calls, run } = await callTool(via, availableUnits, [
			{ args: { unitTypeId: 'small-35' } },
		]);
		const toolError =
			calls[0]?.error ?? run.nodeError('Get the available units of a unit type')?.message ?? '';
		expect(toolError).toContain('Invalid Unit Type ID "small-35"');
		expect(t.requests()).toEqual([]);
	});
});
