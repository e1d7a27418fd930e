/**
 * Smoke tests of the in-process harness itself against the built package (dist/) and the
 * sandbox: loading, credential authentication, node settings handled by the engine, open handles.
 */
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	PACKAGE_ROOT,
	STORA_NODE_TYPE,
	connect,
	items,
	loadPackage,
	noOpNode,
	runWorkflow,
	storaNode,
	testCredentials,
} from './engine';
import { startSandbox } from '../../sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
const fast = { requestsPerSecond: 10000, requestsPerMinute: 100000 };
const credentials = () => ({
	storaApi: { accessToken: sandbox.token, baseUrl: sandbox.url, ...fast },
});
const getMany = { resource: 'order', operation: 'getAll', returnAll: true };
const noOpDescription: INodeTypeDescription = {
	displayName: 'No Op',
	name: 'noOp',
	group: ['transform'],
	version: 1,
	description: '',
	defaults: { name: 'No Op' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
};

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());

describe('loading the built package', () => {
	it('finds the Stora node, its two triggers and the credentials the way n8n names them', async () => {
		const pkg = await loadPackage();
		expect(pkg.packageName).toBe('n8n-nodes-stora');
		expect(pkg.directory).toBe(PACKAGE_ROOT);
		expect(Object.keys(pkg.nodeTypes)).toEqual([
			STORA_NODE_TYPE,
			'n8n-nodes-stora.storaTrigger',
			'n8n-nodes-stora.storaPollingTrigger',
		]);
		expect(STORA_NODE_TYPE).toBe('n8n-nodes-stora.stora');
		expect(Object.keys(pkg.credentialTypes)).toEqual(['storaApi', 'storaOAuth2Api']);
		const description = (
			pkg.nodeTypes[STORA_NODE_TYPE] as { description: { credentials?: unknown } }
		).description;
		expect(description.credentials).toEqual([
			expect.objectContaining({ name: 'storaApi' }),
			expect.objectContaining({ name: 'storaOAuth2Api' }),
		]);
	});
});

describe('running a workflow', () => {
	it('runs Get Many and signs the request with the credential’s generic authenticate block', async () => {
		const result = await runWorkflow({ nodes: [storaNode(getMany)], credentials: credentials() });

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['Start', 'Stora']);
		expect(result.json('Stora').length).toBe(sandbox.listOrders().length);
		expect(result.json('Stora').length).toBeGreaterThan(0);

		const [request] = sandbox.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/2025-09/orders');
		expect(request.headers.authorization).toBe(`Bearer ${sandbox.token}`);
		expect(result.credentials.authenticated[0]).toMatchObject({
			type: 'storaApi',
			request: { headers: expect.objectContaining({ Authorization: `Bearer ${sandbox.token}` }) },
		});
	});

	it('runs the node once per input item and passes items on to downstream nodes', async () => {
		const result = await runWorkflow({
			nodes: [storaNode({ ...getMany, returnAll: false, limit: 1 }), noOpNode('After')],
			connections: connect(['Stora', 'After']),
			credentials: credentials(),
			inputItems: items({ n: 1 }, { n: 2 }),
		});

		expect(result.status).toBe('success');
		expect(result.output('After')).toHaveLength(2);
		expect(result.output('After').map((item) => item.pairedItem)).toEqual([
			{ item: 0, input: undefined },
			{ item: 1, input: undefined },
		]);
		expect(sandbox.requests).toHaveLength(2);
	});

	it('stops with a NodeApiError when the token is refused', async () => {
		const result = await runWorkflow({
			nodes: [storaNode(getMany)],
			credentials: { storaApi: { ...credentials().storaApi, accessToken: 'wrong-token' } },
		});

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.nodeError('Stora')).toBeDefined();
		expect(() => result.output('Stora')).toThrow(/failed/);
	});

	it('honours the engine’s “On Error: Continue (using error output)” node setting', async () => {
		const result = await runWorkflow({
			nodes: [
				storaNode(getMany, { onError: 'continueErrorOutput' }),
				noOpNode('OK'),
				noOpNode('Failed'),
			],
			connections: connect(['Stora', 'OK', 0], ['Stora', 'Failed', 1]),
			credentials: { storaApi: { ...credentials().storaApi, accessToken: 'wrong-token' } },
		});

		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['Start', 'Stora', 'Failed']);
		expect(result.output('Stora', 0)).toEqual([]);
		expect(result.json('Failed')).toEqual([expect.objectContaining({ error: expect.anything() })]);
	});

	it('honours the engine’s Retry On Fail / Max Tries / Wait Between Tries node settings', async () => {
		// A 403 is not retried by the node's own transport, so every extra request is the engine's.
		sandbox.faults.add({
			method: 'GET',
			path: '/2025-09/orders',
			type: 'status',
			status: 403,
			times: 2,
		});
		const started = Date.now();
		const result = await runWorkflow({
			nodes: [storaNode(getMany, { retryOnFail: true, maxTries: 3, waitBetweenTries: 50 })],
			credentials: credentials(),
		});

		expect(result.status).toBe('success');
		expect(sandbox.requests.map((request) => request.status)).toEqual([403, 403, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(100);
	});

	it('gives nodes the execution id (given or fresh) and runs extra node types', async () => {
		const probeType: INodeType = {
			description: { ...noOpDescription, name: 'probe', displayName: 'Probe' },
			async execute(this: IExecuteFunctions) {
				return [[{ json: { executionId: this.getExecutionId() } }]];
			},
		};
		const probe = { name: 'Probe', type: 'test.probe' };
		const given = await runWorkflow({
			nodes: [probe],
			nodeTypes: { 'test.probe': probeType },
			executionId: 'exec-123',
		});
		const fresh = await runWorkflow({ nodes: [probe], nodeTypes: { 'test.probe': probeType } });

		expect(given.json('Probe')).toEqual([{ executionId: 'exec-123' }]);
		expect(fresh.json('Probe')[0].executionId).toBe(fresh.executionId);
		expect(fresh.executionId).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('the credential test', () => {
	it('passes with the sandbox token and fails with a wrong one', async () => {
		await expect(testCredentials('storaApi', credentials().storaApi)).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const refused = await testCredentials('storaApi', {
			...credentials().storaApi,
			accessToken: 'nope',
		});
		expect(refused.status).toBe('Error');
	});
});
