import type { INodeParameters } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { byId, crmCount, crmRecord } from '../helpers/crm';
import { useSandbox } from './sandbox';

const t = useSandbox();

interface Case {
	name: string;
	parameters: INodeParameters;
	keySpace: string;
	/** What Stora holds once the POST took effect, read after the run. */
	effect: () => unknown;
	expected: unknown;
}

const count = (collection: string) => () => crmCount(t.sandbox, collection);
const statusOf = (collection: string, id: string) => () =>
	crmRecord(t.sandbox, collection, id)?.status;
const before = (collection: string) => crmCount(t.sandbox, collection);

/** Every POST of the CRM resources, each with the effect that must happen exactly once. */
const cases = (): Case[] => [
	{
		name: 'Deal → Create',
		parameters: {
			resource: 'deal',
			operation: 'create',
			name: 'Lost answer deal',
			contactId: byId(SEED.contacts.jane),
			dealStageId: byId(SEED.dealStages.newEnquiry),
		},
		keySpace: 'deal_create',
		effect: count('deals'),
		expected: before('deals') + 1,
	},
	{
		name: 'Deal → Win',
		parameters: { resource: 'deal', operation: 'win', dealId: byId(SEED.deals.janeOpen) },
		keySpace: 'deal_win',
		effect: statusOf('deals', SEED.deals.janeOpen),
		expected: 'won',
	},
	{
		name: 'Deal → Lose',
		parameters: {
			resource: 'deal',
			operation: 'lose',
			dealId: byId(SEED.deals.priyaOpen),
			lostReason: 'price_concerns',
		},
		keySpace: 'deal_lose',
		effect: statusOf('deals', SEED.deals.priyaOpen),
		expected: 'lost',
	},
	{
		name: 'Deal → Reopen',
		parameters: { resource: 'deal', operation: 'reopen', dealId: byId(SEED.deals.samLost) },
		keySpace: 'deal_reopen',
		effect: statusOf('deals', SEED.deals.samLost),
		expected: 'open',
	},
	{
		name: 'Task → Create',
		parameters: { resource: 'task', operation: 'create', title: 'Lost answer task' },
		keySpace: 'task_create',
		effect: count('tasks'),
		expected: before('tasks') + 1,
	},
	{
		name: 'Task → Reopen',
		parameters: { resource: 'task', operation: 'reopen', taskId: byId(SEED.tasks.checkLock) },
		keySpace: 'task_reopen',
		effect: statusOf('tasks', SEED.tasks.checkLock),
		expected: 'open',
	},
	{
		name: 'Note → Create',
		parameters: {
			resource: 'note',
			operation: 'create',
			content: 'Lost answer note',
			resourceId: SEED.contacts.sam,
		},
		keySpace: 'note_create',
		effect: count('notes'),
		expected: before('notes') + 1,
	},
	{
		name: 'Timeline Event → Create',
		parameters: {
			resource: 'timelineEvent',
			operation: 'create',
			timelineSourceId: byId(SEED.timelineSources.email),
			timelineTemplateId: byId(SEED.timelineTemplates.emailSent),
			contactId: byId(SEED.contacts.sam),
			variables: { mappingMode: 'defineBelow', value: { subject: 'Welcome' } },
		},
		keySpace: 'timeline_event',
		effect: count('timeline_events'),
		expected: before('timeline_events') + 1,
	},
];

const NAMES = [
	'Deal → Create',
	'Deal → Win',
	'Deal → Lose',
	'Deal → Reopen',
	'Task → Create',
	'Task → Reopen',
	'Note → Create',
	'Timeline Event → Create',
];

describe.each(['reset', 'malformed'] as const)(
	'a POST whose answer is lost (%s): one effect, not two',
	(type) => {
		it.each(NAMES)('%s', async (name) => {
			// Built after the sandbox's reset: `expected` counts what it holds now.
			const c = cases().find((entry) => entry.name === name)!;
			t.sandbox.faults.add({ method: 'POST', type, afterProcessing: true });
			const result = await t.run(c.parameters);
			expect(result.status).toBe('success');
			const posts = t.requests().filter((request) => request.method === 'POST');
			expect(posts).toHaveLength(2);
			expect(posts[0].idempotencyKey).toMatch(new RegExp(`^n8n-${c.keySpace}-[0-9a-f]{32}$`));
			expect(posts[1].idempotencyKey).toBe(posts[0].idempotencyKey);
			expect(posts[1].replayed).toBe(true);
			expect(c.effect()).toEqual(c.expected);
			// The replay is of this run's own attempt: not flagged as an earlier run's.
			expect(result.json('Stora')[0].fromEarlierRun).toBeUndefined();
		});
	},
);
