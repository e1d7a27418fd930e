/**
 * Contract: every example answer on Stora's Orders doc pages (`../shared/stora-docs/*.txt`) goes through the
 * node's parsing and output unchanged. A tiny server answers each route with its page's example verbatim (no
 * sandbox in between), and the node runs through n8n-core's engine with Simplify off (version 2) and as
 * version 1 outputs by default. The shapes the reference records for contacts and line items (no example page
 * here) go through the same way, with ID bodies that are not hex.
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow, storaNode } from '../helpers/engine';
import { docResponses, type DocExample } from './docExamples';
import { type DocServer, type DocRoute, startDocServer } from './docServer';
import { CONTACT, LINE_ITEMS, LINE_ITEMS_ORDER_ID } from './recordedShapes';

const examples = docResponses();
const examplesOf = (page: string) => examples.filter((e) => e.page === page);
const single = (e: DocExample) => e.body.order as IDataObject;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const ORDER_PATH = /^\/2025-09\/orders\/order_[0-9a-z]+$/;
const route = (method: string, path: RegExp, status: number, example: DocExample): DocRoute => ({
	method,
	path,
	status,
	example,
});

interface Case {
	page: string;
	/** The examples (default: the doc page's). */
	examples?: DocExample[];
	route: (e: DocExample) => DocRoute;
	parameters: (e: DocExample) => IDataObject;
	/** What the node must output for the example: the answer's records as they are. */
	expected: (e: DocExample) => IDataObject[];
}

const CASES: Case[] = [
	{
		page: 'retrieve-an-order',
		route: (e) => route('GET', ORDER_PATH, 200, e),
		parameters: (e) => ({
			resource: 'order',
			operation: 'get',
			orderId: byId(single(e).id as string),
		}),
		expected: (e) => [single(e)],
	},
	{
		page: 'list-all-orders',
		route: (e) => route('GET', /^\/2025-09\/orders$/, 200, e),
		parameters: () => ({ resource: 'order', operation: 'getAll', returnAll: true }),
		expected: (e) => e.body.orders as IDataObject[],
	},
	{
		page: 'create-an-order',
		route: (e) => route('POST', /^\/2025-09\/orders$/, 201, e),
		parameters: (e) => ({
			resource: 'order',
			operation: 'create',
			siteId: (single(e).site as IDataObject).id,
		}),
		expected: (e) => [single(e)],
	},
	{
		page: 'finalize-an-order',
		route: (e) => route('POST', /^\/2025-09\/orders\/order_[0-9a-z]+\/finalize$/, 200, e),
		parameters: (e) => ({
			resource: 'order',
			operation: 'finalize',
			orderId: byId(single(e).id as string),
		}),
		expected: (e) => [single(e)],
	},
	{
		page: 'validate-an-order',
		route: (e) => route('GET', /^\/2025-09\/orders\/order_[0-9a-z]+\/validate$/, 200, e),
		parameters: (e) => ({
			resource: 'order',
			operation: 'validate',
			orderId: byId(single(e).id as string),
		}),
		expected: (e) => [{ valid: true, order: single(e) }],
	},
	{
		page: CONTACT.page,
		examples: [CONTACT],
		route: (e) => route('GET', /^\/2025-09\/contacts\/con_[0-9a-z]+$/, 200, e),
		parameters: (e) => ({
			resource: 'contact',
			operation: 'get',
			contactId: byId((e.body.contact as IDataObject).id as string),
		}),
		expected: (e) => [e.body.contact as IDataObject],
	},
	{
		page: LINE_ITEMS.page,
		examples: [LINE_ITEMS],
		route: (e) =>
			route('GET', new RegExp(`^/2025-09/orders/${LINE_ITEMS_ORDER_ID}/line_items$`), 200, e),
		parameters: () => ({
			resource: 'lineItem',
			operation: 'getAll',
			orderId: byId(LINE_ITEMS_ORDER_ID),
			returnAll: true,
		}),
		expected: (e) => e.body.line_items as IDataObject[],
	},
];

describe('Stora doc examples', () => {
	it('every doc page has at least one example answer, and each is covered below', () => {
		const pages = [...new Set(examples.map((e) => e.page))].sort();
		expect(pages).toEqual(
			CASES.filter((c) => !c.examples)
				.map((c) => c.page)
				.sort(),
		);
	});
});

describe.each(CASES)('$page: the doc example comes out of the node unchanged', (c) => {
	let server: DocServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	const cases = (c.examples ?? examplesOf(c.page)).flatMap((example, index) =>
		[
			{ version: 1, simplify: undefined },
			{ version: 2, simplify: false },
		].map((v) => ({ ...v, example, index })),
	);

	it.each(cases)(
		'example $index, node version $version',
		async ({ version, simplify, example }) => {
			server = await startDocServer([c.route(example)]);
			const parameters = {
				...c.parameters(example),
				...(simplify === undefined ? {} : { simplify }),
			};
			const result = await runWorkflow({
				nodes: [storaNode(parameters, { typeVersion: version })],
				credentials: {
					storaApi: {
						accessToken: 'doc-token',
						baseUrl: server.url,
						requestsPerSecond: 1000,
						requestsPerMinute: 100000,
					},
				},
			});
			expect(result.error?.message).toBeUndefined();
			expect(server.requests.map((r) => r.method)).toEqual([c.route(example).method]);
			expect(result.json('Stora')).toStrictEqual(c.expected(example));
		},
	);
});
