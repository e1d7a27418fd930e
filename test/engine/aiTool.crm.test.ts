/**
 * Deal → Create and Task → Create as an AI Agent's tools, on n8n's own tool path (see
 * aiTool.test.ts): the schema the model is offered comes from the `$fromAI()` placeholders, and
 * the calls run the node with the model's arguments.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import type { AgentToolOptions, ToolCall } from '../helpers/engine';
import { runAgentTool, storaNode } from '../helpers/engine';
import { crmRecord } from '../helpers/crm';
import { useSandbox } from './sandbox';

const t = useSandbox();

const VIAS = ['engine', 'langchain'] as const;

const toolNode = (name: string, parameters: INode['parameters']) =>
	storaNode(parameters, { name, typeVersion: 3 });

const callTool = async (via: AgentToolOptions['via'], node: INode, calls: ToolCall[]) =>
	await runAgentTool({ via, toolNode: node, calls, credentials: { storaApi: t.credentials } });

const fromAI = (name: string, description: string, type = 'string') =>
	`={{ $fromAI('${name}', '${description}', '${type}') }}`;
const locatorFromAI = (name: string, description: string) => ({
	__rl: true,
	mode: 'id',
	value: fromAI(name, description),
});

const NAME = 'A short name for the deal: the customer and what they asked about';
const CONTACT = 'The Stora contact ID (con_…) of the customer';
const UNIT_TYPE = 'The Stora unit type ID (utype_…) the customer asked about';

const createDeal = toolNode('Create a deal in Stora', {
	resource: 'deal',
	operation: 'create',
	name: fromAI('name', NAME),
	contactId: locatorFromAI('contactId', CONTACT),
	dealStageId: { __rl: true, mode: 'id', value: SEED.dealStages.newEnquiry },
	additionalFields: {
		lineItems: { unitType: { unitTypeId: locatorFromAI('unitTypeId', UNIT_TYPE), quantity: 1 } },
	},
});

const TITLE = 'What the site manager is to do';
const DUE = 'When the task is due, as an ISO 8601 date and time';

const createTask = toolNode('Create a task in Stora', {
	resource: 'task',
	operation: 'create',
	title: fromAI('title', TITLE),
	additionalFields: {
		dueAt: fromAI('dueAt', DUE),
		assigneeId: SEED.staff.camdenManager,
		resourceId: fromAI('contactId', CONTACT),
	},
});

describe.each(VIAS)('Deal → Create as an AI tool (%s)', (via) => {
	it('offers name, contact and unit type, and opens the deal the model asked for once', async () => {
		const args = {
			name: 'Jane Roe – small unit',
			contactId: SEED.contacts.jane,
			unitTypeId: SEED.unitTypes.camdenSmall,
		};
		const { tools, calls, run } = await callTool(via, createDeal, [
			{ id: 'call_1', args },
			{ id: 'call_2', args },
		]);
		expect(run.status).toBe('success');
		expect(tools[0].name).toBe('Create_a_deal_in_Stora');
		expect(tools[0].schema.properties).toEqual({
			name: { type: 'string', description: NAME },
			contactId: { type: 'string', description: CONTACT },
			unitTypeId: { type: 'string', description: UNIT_TYPE },
		});
		const posts = t.requests().filter((request) => request.method === 'POST');
		expect(posts).toHaveLength(2);
		expect(posts[0].body).toEqual({
			name: 'Jane Roe – small unit',
			contact: { id: SEED.contacts.jane },
			stage: { id: SEED.dealStages.newEnquiry },
			line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall }, quantity: 1 }],
		});
		// A repeated call (a new tool call id) is the same deal.
		expect(posts[1].idempotencyKey).toBe(posts[0].idempotencyKey);
		const ids = calls.map((call) => (call.response as IDataObject[])[0].id);
		expect(ids[1]).toBe(ids[0]);
		expect(crmRecord(t.sandbox, 'deals', ids[0])).toMatchObject({ status: 'open' });
	});

	it('a contact ID the model made up is refused with the field named, nothing sent', async () => {
		const { calls, run } = await callTool(via, createDeal, [
			{
				args: { name: 'X', contactId: 'jane@example.com', unitTypeId: SEED.unitTypes.camdenSmall },
			},
		]);
		// The agent sees the error as the call's answer; n8n-core's engine path fails the tool node's run.
		const message = calls[0]?.error ?? run.nodeError(createDeal.name)?.message;
		expect(message).toMatch(/Invalid Contact ID "jane@example.com" \[item 0\]/);
		expect(t.requests()).toEqual([]);
	});
});

describe.each(VIAS)('Task → Create as an AI tool (%s)', (via) => {
	it('offers title, due time and contact, and creates the task', async () => {
		const { tools, calls, run } = await callTool(via, createTask, [
			{
				args: {
					title: 'Call Jane about the small unit',
					dueAt: '2026-12-09T10:00:00Z',
					contactId: SEED.contacts.jane,
				},
			},
		]);
		expect(run.status).toBe('success');
		expect(tools[0].name).toBe('Create_a_task_in_Stora');
		expect(tools[0].schema.properties).toEqual({
			title: { type: 'string', description: TITLE },
			dueAt: { type: 'string', description: DUE },
			contactId: { type: 'string', description: CONTACT },
		});
		const [post] = t.requests();
		expect(post.body).toEqual({
			title: 'Call Jane about the small unit',
			due_at: '2026-12-09T10:00:00Z',
			assignee: { id: SEED.staff.camdenManager },
			resource: { id: SEED.contacts.jane },
		});
		expect(post.idempotencyKey).toMatch(/^n8n-task_create-[0-9a-f]{32}$/);
		const [task] = calls[0].response as IDataObject[];
		expect(task).toMatchObject({ title: 'Call Jane about the small unit', status: 'open' });
	});
});
