import type { INodeListSearchResult, ResourceMapperFields } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { callNodeMethod } from '../helpers/engine';
import { byId, crmRecord } from '../helpers/crm';
import { useSandbox } from './sandbox';

const t = useSandbox();

const { phoneSystem } = SEED.timelineSources;
const { callLogged, emailSent } = SEED.timelineTemplates;

/** The Variables mapper as the editor saves it after loading the template's fields. */
const mapped = (value: Record<string, string>, required = ['direction', 'duration']) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: required.map((id) => ({
		id,
		displayName: id,
		required: true,
		defaultMatch: false,
		display: true,
		type: 'string',
		canBeUsedToMatch: false,
	})),
});

const createEvent = (parameters: Record<string, unknown> = {}) => ({
	resource: 'timelineEvent',
	operation: 'create',
	timelineSourceId: byId(phoneSystem),
	timelineTemplateId: byId(callLogged),
	contactId: byId(SEED.contacts.jane),
	variables: mapped({ direction: 'Inbound', duration: '6' }),
	...parameters,
});

describe('Timeline Event → Create', () => {
	it('posts source, template, contact, the mapped and custom variables and external, under a timeline_event key', async () => {
		const result = await t.run(
			createEvent({
				additionalFields: {
					description: 'Asked about prices',
					externalId: 'call-2002',
					externalUrl: 'https://phone.example.com/calls/call-2002',
					siteId: byId(SEED.sites.camden),
					customVariables: { variable: [{ name: 'agent', value: 'Alex' }] },
				},
			}),
		);
		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect(request).toMatchObject({ method: 'POST', path: '/2025-09/timeline/events' });
		expect(request.body).toEqual({
			source: { id: phoneSystem },
			template: { id: callLogged },
			contact: { id: SEED.contacts.jane },
			site: { id: SEED.sites.camden },
			description: 'Asked about prices',
			external: { id: 'call-2002', url: 'https://phone.example.com/calls/call-2002' },
			variables: { direction: 'Inbound', duration: '6', agent: 'Alex' },
		});
		expect(request.idempotencyKey).toMatch(/^n8n-timeline_event-[0-9a-f]{32}$/);
		const [event] = result.json('Stora');
		expect(event.id).toMatch(/^aevt_/);
		expect(crmRecord(t.sandbox, 'timeline_events', event.id)).toMatchObject({
			variables: { direction: 'Inbound', duration: '6', agent: 'Alex' },
		});
	});

	it('a required variable left empty is refused before sending, naming it', async () => {
		const result = await t.run(
			createEvent({ variables: mapped({ direction: 'Inbound', duration: '' }) }),
		);
		expect(result.nodeError('Stora')?.message).toBe('Invalid Variable "duration" "" [item 0]');
		expect(t.requests()).toEqual([]);
	});

	it('Stora’s 422 for a missing predefined variable (a mapper saved before the template changed) carries its details', async () => {
		const result = await t.run(createEvent({ variables: mapped({ direction: 'Inbound' }, []) }));
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as { description: string };
		expect(error.description).toMatch(/duration/);
		expect(t.requests()).toHaveLength(1);
	});
});

describe('Timeline Event → Update', () => {
	it('patches only what was set', async () => {
		const id = SEED.timelineEvents.priyaCall;
		const result = await t.run({
			resource: 'timelineEvent',
			operation: 'update',
			timelineEventId: byId(id),
			updateFields: {
				description: 'Asked about a second locker (called back)',
				customVariables: { variable: [{ name: 'duration', value: '7' }] },
			},
		});
		expect(result.status).toBe('success');
		expect(t.requests()[0]).toMatchObject({
			method: 'PATCH',
			path: `/2025-09/timeline/events/${id}`,
			body: {
				description: 'Asked about a second locker (called back)',
				variables: { duration: '7' },
			},
		});
		expect(crmRecord(t.sandbox, 'timeline_events', id)).toMatchObject({
			variables: { agent: 'Alex', direction: 'Inbound', duration: '7' },
		});
	});
});

describe('Timeline pickers and the Variables mapper', () => {
	const credentials = () => ({ storaApi: t.credentials });
	const onCreate = { resource: 'timelineEvent', operation: 'create' };

	it('the Variables mapper shows the chosen template’s predefined variables, all required', async () => {
		const { fields } = await callNodeMethod<ResourceMapperFields>(
			'resourceMapping',
			'getTimelineTemplateVariables',
			{
				credentials: credentials(),
				parameters: { ...onCreate, timelineTemplateId: byId(callLogged) },
			},
		);
		expect(fields.map(({ id, required }) => [id, required])).toEqual([
			['direction', true],
			['duration', true],
		]);
		expect(t.requests()[0].path).toBe(`/2025-09/timeline/templates/${callLogged}`);
		const none = await callNodeMethod<ResourceMapperFields>(
			'resourceMapping',
			'getTimelineTemplateVariables',
			{ credentials: credentials(), parameters: { ...onCreate, timelineTemplateId: byId('') } },
		);
		expect(none.fields).toEqual([]);
		expect(t.requests()).toHaveLength(1);
	});

	it('sources and templates are listed by name', async () => {
		const sources = await callNodeMethod<INodeListSearchResult>(
			'listSearch',
			'searchTimelineSources',
			{
				credentials: credentials(),
				args: ['phone'],
			},
		);
		expect(sources.results.map((result) => result.value)).toEqual([phoneSystem]);
		const templates = await callNodeMethod<INodeListSearchResult>(
			'listSearch',
			'searchTimelineTemplates',
			{ credentials: credentials(), args: [''] },
		);
		expect(templates.results.map((result) => result.value).sort()).toEqual(
			[callLogged, emailSent].sort(),
		);
	});
});
