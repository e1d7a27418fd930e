/**
 * Contract: every example answer on Stora's Orders doc pages (`../shared/stora-docs/*.txt`) goes through the
 * node's parsing and output unchanged. A tiny server answers each route with its page's example verbatim (no
 * sandbox in between), and the node runs through n8n-core's engine with Simplify off (version 2) and as
 * version 1 outputs by default.
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow, storaNode } from '../helpers/engine';
import { docResponses, type DocExample } from './docExamples';
import { type DocServer, type DocRoute, startDocServer } from './docServer';

const examples = docResponses();
const examplesOf = (page: string) => examples.filter((e) => e.page === page);
const single = (e: DocExample) => e.body.order as IDataObject;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const ORDER_PATH = /^\/2025-09\/orders\/order_[0-9a-z]+$/;
const route = (method: string, path: RegExp, status: number, example: DocExample): DocRoute => ({ method, path, status, example });

interface Case {
	page: string;
	route: (e: DocExample) => DocRoute;
	parameters: (e: DocExample) => IDataObject;
	/** What the node must output for the example: the answer's records as they are. */
	expected: (e: DocExample) => IDataObject[];
}

const CASES: Case[] = [
	{
		page: 'retrieve-an-order',
		route: (e) => route('GET', ORDER_PATH, 200, e),
		parameters: (e) => ({ resource: 'order', operation: 'get', orderId: byId(single(e).id as string) }),
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
		parameters: (e) => ({ resource: 'order', operation: 'create', siteId: (single(e).site as IDataObject).id }),
		expected: (e) => [single(e)],
	},
	{
		page: 'finalize-an-order',
		route: (e) => route('POST', /^\/2025-09\/orders\/order_[0-9a-z]+\/finalize$/, 200, e),
		parameters: (e) => ({ resource: 'order', operation: 'finalize', orderId: byId(single(e).id as string) }),
		expected: (e) => [single(e)],
	},
	{
		page: 'validate-an-order',
		route: (e) => route('GET', /^\/2025-09\/orders\/order_[0-9a-z]+\/validate$/, 200, e),
		parameters: (e) => ({ resource: 'order', operation: 'validate', orderId: byId(single(e).id as string) }),
		expected: (e) => [{ valid: true, order: single(e) }],
	},
];

describe('Stora doc examples', () => {
	it('every doc page has at least one example answer, and each is covered below', () => {
		const pages = [...new Set(examples.map((e) => e.page))].sort();
		expect(pages).toEqual(CASES.map((c) => c.page).sort());
	});
});

describe.each(CASES)('$page: the doc example comes out of the node unchanged', (c) => {
	let server: DocServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	const cases = examplesOf(c.page).flatMap((example, index) =>
		[
			{ version: 1, simplify: undefined },
			{ version: 2, simplify: false },
		].map((v) => ({ ...v, example, index })),
	);

	it.each(cases)('example $index, node version $version', async ({ version, simplify, example }) => {
		server = await startDocServer([c.route(example)]);
		const parameters = { ...c.parameters(example), ...(simplify === undefined ? {} : { simplify }) };
		const result = await runWorkflow({
			nodes: [storaNode(parameters, { typeVersion: version })],
			credentials: { storaApi: { accessToken: 'doc-token', baseUrl: server.url, requestsPerSecond: 1000, requestsPerMinute: 100000 } },
		});
		expect(result.error?.message).toBeUndefined();
		expect(server.requests.map((r) => r.method)).toEqual([c.route(example).method]);
		expect(result.json('Stora')).toEqual(c.expected(example));
	});
});
