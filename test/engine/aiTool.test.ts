/**
 * The Stora node as an AI Agent's tool (`usableAsTool`), on n8n 2.8's own tool path: the
 * `storaTool` type n8n makes of the node, the tool n8n-core offers the model (its schema made
 * from the `$fromAI()` placeholders), and the tool calls run by n8n-core: as AI Agent v3 runs
 * them (`engine`: an EngineRequest, the tool node executed by WorkflowExecute with the call's
 * arguments as its input item) and as older agents do (`langchain`: the LangChain tool's
 * `invoke`). Only the model is scripted: the calls and their arguments are the test's.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import type { AgentToolOptions, ToolCall } from '../helpers/engine';
import { runAgentTool, storaNode } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox();

const VIAS = ['engine', 'langchain'] as const;

/** A Stora tool node as the editor adds one to an agent: version 2, named after its action. */
const toolNode = (name: string, parameters: INode['parameters']) =>
	storaNode(parameters, { name, typeVersion: 2 });

const callTool = async (via: AgentToolOptions['via'], node: INode, calls: ToolCall[]) =>
	await runAgentTool({ via, toolNode: node, calls, credentials: { storaApi: t.credentials } });

const LIMIT = 'How many orders to return, at most';
const STATUS = 'Only orders in this status: draft, finalized, completed or abandoned';

const getMany = (status: string) =>
	toolNode('Get many orders in Stora', {
		resource: 'order',
		operation: 'getAll',
		limit: `={{ $fromAI('limit', '${LIMIT}', 'number') }}`,
		filters: { status },
	});

/** The orders Stora holds in a status, newest first. */
const ordersIn = (status: string) =>
	t.sandbox
		.listOrders()
		.filter((order) => order.status === status)
		.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));

describe.each(VIAS)('Get Many as an AI tool (%s)', (via) => {
	it('offers limit and status with their descriptions, and lists the orders the model asked for', async () => {
		// Status is a multi-select: the placeholder's text is its one entry.
		const node = getMany(`={{ [$fromAI('status', '${STATUS}', 'string')] }}`);
		const { tools, calls, run } = await callTool(via, node, [
			{ args: { limit: 2, status: 'draft' } },
		]);

		expect(run.status).toBe('success');
		expect(tools).toHaveLength(1);
		const [tool] = tools;
		expect(tool.name).toBe('Get_many_orders_in_Stora');
		expect(tool.description).toBe('Get many orders in Stora');
		expect(tool.schema).toMatchObject({
			type: 'object',
			properties: {
				limit: { type: 'number', description: LIMIT },
				status: { type: 'string', description: STATUS },
			},
		});
		expect(Object.keys(tool.schema.properties ?? {}).sort()).toEqual(['limit', 'status']);
		expect([...(tool.schema.required ?? [])].sort()).toEqual(['limit', 'status']);

		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/2025-09/orders');
		expect(request.query).toEqual({
			page: '1',
			limit: '2',
			status: 'draft',
			sort_by: 'created_at',
			sort_direction: 'DESC',
		});

		expect(calls).toHaveLength(1);
		expect(calls[0].error).toBeUndefined();
		const orders = calls[0].response as IDataObject[];
		expect(orders.map((order) => order.id)).toEqual(
			ordersIn('draft')
				.slice(0, 2)
				.map((order) => order.id),
		);
		expect(orders.every((order) => order.status === 'draft')).toBe(true);
	});

	// The editor's "Let the model define this parameter" button writes a multi-select's
	// placeholder as `'string'` (n8n's fromAIOverride.utils: every type but boolean, number and
	// json is a string), so the model's status arrives as text, not as a list.
	it('takes Status as the editor’s button writes it: a string placeholder', async () => {
		const node = getMany(
			`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Status', \`${STATUS}\`, 'string') }}`,
		);
		const { calls, run } = await callTool(via, node, [{ args: { limit: 2, Status: 'draft' } }]);
		expect(run.status).toBe('success');
		expect(calls[0].error).toBeUndefined();
		expect(t.requests()[0]?.query.status).toBe('draft');
	});
});

const SITE = 'The Stora site ID (site_…) the booking is for';
const NAME = 'The customer’s full name';
const EMAIL = 'The customer’s email address';

const createOrder = toolNode('Create an order in Stora', {
	resource: 'order',
	operation: 'create',
	siteId: { __rl: true, mode: 'id', value: `={{ $fromAI('siteId', '${SITE}', 'string') }}` },
	contact: {
		fullName: `={{ $fromAI('fullName', '${NAME}', 'string') }}`,
		email: `={{ $fromAI('email', '${EMAIL}', 'string') }}`,
	},
});

const jane = { siteId: SEED.sites.camden, fullName: 'Jane Roe', email: 'jane.roe@example.com' };
const sam = { siteId: SEED.sites.leeds, fullName: 'Sam Poe', email: 'sam.poe@example.com' };

describe.each(VIAS)('Create as an AI tool (%s)', (via) => {
	it('offers the site, name and email, and posts what the model gave', async () => {
		const { tools, calls, run } = await callTool(via, createOrder, [{ args: jane }]);

		expect(run.status).toBe('success');
		expect(tools[0].name).toBe('Create_an_order_in_Stora');
		expect(tools[0].description).toBe('Create an order in Stora');
		expect(tools[0].schema.properties).toEqual({
			siteId: { type: 'string', description: SITE },
			fullName: { type: 'string', description: NAME },
			email: { type: 'string', description: EMAIL },
		});

		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/2025-09/orders');
		expect(request.body).toEqual({
			site: { id: SEED.sites.camden },
			billing_period: 'monthly',
			payment_method: 'card',
			contact: { full_name: 'Jane Roe', email: 'jane.roe@example.com' },
		});
		expect(request.headers['idempotency-key']).toMatch(/^n8n-create-[0-9a-f]{32}$/);

		const [order] = calls[0].response as IDataObject[];
		expect(order.id).toMatch(/^order_/);
		expect(order.status).toBe('draft');
		expect(t.sandbox.listOrders().map((o) => o.id)).toContain(order.id);
	});

	it('a repeated call (new tool call id) sends the same key and gets the same order; other arguments get their own', async () => {
		const before = t.sandbox.listOrders().length;
		const first = await callTool(via, createOrder, [
			{ id: 'call_a1', args: jane },
			{ id: 'call_a2', args: jane },
			{ id: 'call_b1', args: sam },
		]);
		// The agent runs again (a new execution, the same chat message) and repeats the call.
		const again = await callTool(via, createOrder, [{ id: 'call_z9', args: jane }]);

		expect(first.run.status).toBe('success');
		expect(again.run.status).toBe('success');
		// Order-independent: the engine runs one turn's calls last first.
		const posts = t.requests().filter((request) => request.method === 'POST');
		const postsFor = (name: string) =>
			posts.filter((post) => (post.body?.contact as IDataObject).full_name === name);
		expect(posts).toHaveLength(4);
		const janes = postsFor('Jane Roe');
		const sams = postsFor('Sam Poe');
		expect(janes).toHaveLength(3);
		expect(sams).toHaveLength(1);
		const janeKey = janes[0].idempotencyKey;
		expect(janeKey).toMatch(/^n8n-create-[0-9a-f]{32}$/);
		expect(janes.map((post) => post.idempotencyKey)).toEqual([janeKey, janeKey, janeKey]);
		expect(janes.map((post) => post.replayed)).toEqual([false, true, true]);
		expect(sams[0].idempotencyKey).toMatch(/^n8n-create-[0-9a-f]{32}$/);
		expect(sams[0].idempotencyKey).not.toBe(janeKey);
		expect(sams[0].replayed).toBe(false);

		const orderOf = (call: { response?: unknown }) => (call.response as IDataObject[])[0].id;
		const byId = Object.fromEntries(first.calls.map((call) => [call.id, orderOf(call)]));
		expect(byId.call_a2).toBe(byId.call_a1);
		expect(orderOf(again.calls[0])).toBe(byId.call_a1);
		expect(byId.call_b1).not.toBe(byId.call_a1);
		// Stora stored one order for Jane and one for Sam.
		expect(t.sandbox.listOrders()).toHaveLength(before + 2);
	});

	// AI Agent v3 (`engine`) gives the tool node the agent's input item merged with the call's
	// arguments (n8n-core's requests-response.ts: `{ ...agentInput, ...action.input, toolCallId }`):
	// a new chat message must not make the same call a new booking.
	it(
		'the same call in a later chat turn (another chat message) sends the same key',
		async () => {
			const chat = (chatInput: string) => ({
				sessionId: 'session-1',
				action: 'sendMessage',
				chatInput,
			});
			for (const chatInput of ['Book Camden for Jane Roe', 'Did that work? Please try again']) {
				const { run } = await runAgentTool({
					via,
					toolNode: createOrder,
					calls: [{ args: jane }],
					agentInput: chat(chatInput),
					credentials: { storaApi: t.credentials },
				});
				expect(run.status).toBe('success');
			}
			const [first, second] = t.requests();
			expect(second.idempotencyKey).toBe(first.idempotencyKey);
			expect(second.replayed).toBe(true);
		},
	);
});
