/**
 * An order is money: retries and re-runs must never create a second order.
 */
import { SEED } from '../../sandbox';
import { connect, items, noOpNode } from '../helpers/engine';
import { useSandbox } from '../engine/sandbox';

const t = useSandbox({ seedOrders: false });

const create = {
	resource: 'order',
	operation: 'create',
	siteId: SEED.sites.camden,
	contact: { email: 'form@example.com' },
};
const post = { method: 'POST', path: '/2025-09/orders' } as const;

describe('idempotency keys', () => {
	it('a re-run of the workflow with a user-supplied key creates no second order', async () => {
		const parameters = { ...create, options: { idempotencyKey: '={{ $json.submissionId }}' } };
		const inputItems = items({ submissionId: 'form-7731' });
		const first = await t.run(parameters, { inputItems, executionId: 'execution-1' });
		const second = await t.run(parameters, { inputItems, executionId: 'execution-2' });

		expect(t.sandbox.listOrders()).toHaveLength(1);
		expect(second.json('Stora')[0].id).toBe(first.json('Stora')[0].id);
		expect(t.requests().map((request) => [request.idempotencyKey, request.replayed])).toEqual([
			['create:form-7731', false],
			['create:form-7731', true],
		]);
	});

	it('without a user key, a re-run is a new execution and a new order (the key is per execution)', async () => {
		await t.run(create, { executionId: 'execution-1' });
		await t.run(create, { executionId: 'execution-2' });
		expect(t.sandbox.listOrders()).toHaveLength(2);
	});

	it('n8n’s "Retry On Fail" re-runs the node with the same keys: the lost answer is replayed, not re-created', async () => {
		// The order is stored, but the answer never arrives; the transport may not retry (Max Retries 0).
		t.sandbox.faults.add({ ...post, type: 'reset', afterProcessing: true });
		const result = await t.run(
			{ ...create, options: { maxRetries: 0 } },
			{ node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);

		expect(result.status).toBe('success');
		expect(t.sandbox.listOrders()).toHaveLength(1);
		const [first, second] = t.requests();
		expect(second.idempotencyKey).toBe(first.idempotencyKey);
		expect([first.status, second.status, second.replayed]).toEqual([0, 201, true]);
		expect(result.json('Stora')[0].id).toBe(t.sandbox.listOrders()[0].id);
	});

	it('a node that runs twice in one execution (two inputs, or a loop) uses new keys for its second run', async () => {
		const result = await t.run(create, {
			extraNodes: [noOpNode('Form A'), noOpNode('Form B')],
			connections: connect(['Form A', 'Stora'], ['Form B', 'Stora']),
		});
		expect(result.runData.Stora).toHaveLength(2);
		expect(t.sandbox.listOrders()).toHaveLength(2);
		expect(new Set(t.requests().map((request) => request.idempotencyKey)).size).toBe(2);
	});

	it('Finalize retries under its key too: a lost answer is replayed, the order finalized once', async () => {
		const order = t.sandbox.addOrder({
			billing_period: 'monthly',
			starts_at: 'now',
			contact: { id: SEED.contacts.john },
			line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } }],
		});
		t.sandbox.faults.add({
			method: 'POST',
			path: `/2025-09/orders/${order.id}/finalize`,
			type: 'reset',
			afterProcessing: true,
		});
		const result = await t.run({
			resource: 'order',
			operation: 'finalize',
			orderId: { __rl: true, mode: 'id', value: order.id },
		});
		expect(result.status).toBe('success');
		expect(result.json('Stora')[0].status).toBe('finalized');
		expect(t.requests().map((request) => [request.status, request.replayed])).toEqual([
			[0, false],
			[200, true],
		]);
	});
});

describe('what is never retried, and when retrying stops', () => {
	it('a 4xx other than 429 is sent once', async () => {
		const result = await t.run({ ...create, finalizeImmediately: true });
		expect(result.status).toBe('error');
		expect(t.requests()).toHaveLength(1);
		expect(t.requests()[0].status).toBe(422);
	});

	it('a rate limit that does not lift ends in an error naming the limit, after Max Retries', async () => {
		t.sandbox.faults.add({ ...post, type: 'status', status: 429, times: 10 });
		const result = await t.run({ ...create, options: { maxRetries: 2 } });
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as { httpCode: string; description: string };
		expect(error.httpCode).toBe('429');
		expect(error.description).toContain(
			"Stora's rate limit of 10 requests per window was still exceeded after 3 attempts",
		);
		expect(t.requests()).toHaveLength(3);
		expect(t.sandbox.listOrders()).toHaveLength(0);
	});

	it('a wait longer than Max Retry Wait is not waited: the node stops at once and says so', async () => {
		t.sandbox.faults.add({
			...post,
			type: 'status',
			status: 429,
			headers: { 'Retry-After': '3600' },
		});
		const result = await t.run({ ...create, options: { maxRetryWaitSeconds: 5 } });
		expect(result.status).toBe('error');
		expect((result.nodeError('Stora') as unknown as { httpCode: string }).httpCode).toBe('429');
		expect(t.requests()).toHaveLength(1);
	});

	it('a request that never answers is abandoned after the timeout and retried', async () => {
		t.sandbox.faults.add({ method: 'GET', path: '/2025-09/orders', type: 'delay', delayMs: 2500 });
		const result = await t.run({
			resource: 'order',
			operation: 'getAll',
			limit: 5,
			options: { timeoutSeconds: 1 },
		});
		expect(result.status).toBe('success');
		expect(t.requests().filter((request) => request.method === 'GET')).toHaveLength(2);
		await t.sandbox.idle();
	});
});
