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

/** Every run of a saved workflow has the same node id; the harness gives each run a new one. */
const savedNode = { id: 'create-order-node' };

const lostAnswer = () => t.sandbox.faults.add({ ...post, type: 'reset', afterProcessing: true });

describe('default keys: one booking, one key, in every n8n that runs it', () => {
	// An imported workflow keeps its node ids, and every new n8n database counts executions from 1.
	const sameWorkflowElsewhere = { executionId: '1', node: savedNode };

	it('the same workflow in two n8n databases books two customers as two orders', async () => {
		const test = await t.run(
			{ ...create, contact: { email: 'tester@example.com' } },
			sameWorkflowElsewhere,
		);
		const production = await t.run(
			{ ...create, contact: { email: 'customer@example.com' } },
			sameWorkflowElsewhere,
		);

		expect(t.sandbox.listOrders()).toHaveLength(2);
		expect(t.requests().map((request) => request.replayed)).toEqual([false, false]);
		expect(production.json('Stora')[0].id).not.toBe(test.json('Stora')[0].id);
		const keys = t.requests().map((request) => request.idempotencyKey);
		expect(keys[0]).not.toBe(keys[1]);
	});

	it('two bookings that send the same body (blank drafts) are told apart by the items they came from', async () => {
		const blankDraft = { resource: 'order', operation: 'create', siteId: SEED.sites.camden };
		await t.run(blankDraft, { ...sameWorkflowElsewhere, inputItems: items({ lead: 'lead-1' }) });
		await t.run(blankDraft, { ...sameWorkflowElsewhere, inputItems: items({ lead: 'lead-2' }) });
		expect(t.sandbox.listOrders()).toHaveLength(2);
		expect(t.requests().map((request) => request.replayed)).toEqual([false, false]);
	});

	it('n8n’s Retry of a failed execution sends the booking under the same key: its order comes back, none is created', async () => {
		const inputItems = items({ email: 'retry@example.com' });
		const parameters = {
			...create,
			contact: { email: '={{ $json.email }}' },
			options: { maxRetries: 0 },
		};
		lostAnswer();
		const failed = await t.run(parameters, { inputItems, executionId: '41', node: savedNode });
		expect(failed.status).toBe('error');
		const retried = await t.run(parameters, { inputItems, executionId: '42', node: savedNode });

		expect(retried.status).toBe('success');
		expect(t.sandbox.listOrders()).toHaveLength(1);
		expect(retried.json('Stora')[0].id).toBe(t.sandbox.listOrders()[0].id);
		const [first, second] = t.requests();
		expect(second.idempotencyKey).toBe(first.idempotencyKey);
		expect(second.replayed).toBe(true);
	});

	it('an AI Agent’s retry of the tool (a new run of the node, a new tool call id) reuses the key', async () => {
		lostAnswer();
		const asked = { request: 'book a small unit for ai@example.com' };
		const result = await t.run(
			{ ...create, contact: { email: 'ai@example.com' }, options: { maxRetries: 0 } },
			{
				node: { onError: 'continueRegularOutput' },
				extraNodes: [noOpNode('First try'), noOpNode('Second try')],
				connections: connect(['First try', 'Stora'], ['Second try', 'Stora']),
				inputItems: items({ ...asked, toolCallId: 'call_1' }),
			},
		);
		// The harness feeds both tries the same item; n8n gives each tool call its own id.
		expect(result.runData.Stora).toHaveLength(2);
		const [first, second] = t.requests();
		expect(second.idempotencyKey).toBe(first.idempotencyKey);
		expect(second.replayed).toBe(true);
		expect(t.sandbox.listOrders()).toHaveLength(1);
	});

	it('a tool call id is not part of the key: two tries with different ids are one booking', async () => {
		const parameters = { ...create, contact: { email: 'ai@example.com' } };
		const tries = ['call_1', 'call_2'].map((toolCallId) => items({ q: 'book', toolCallId }));
		await t.run(parameters, { inputItems: tries[0], node: savedNode });
		await t.run(parameters, { inputItems: tries[1], node: savedNode });
		expect(t.sandbox.listOrders()).toHaveLength(1);
		expect(t.requests()[1].replayed).toBe(true);
	});

	it('identical items of one run are separate bookings, and running them again books nothing new', async () => {
		const twins = items({ email: 'twin@example.com' }, { email: 'twin@example.com' });
		const parameters = { ...create, contact: { email: '={{ $json.email }}' } };
		await t.run(parameters, { inputItems: twins, executionId: '1', node: savedNode });
		await t.run(parameters, { inputItems: twins, executionId: '2', node: savedNode });
		expect(t.sandbox.listOrders()).toHaveLength(2);
		expect(t.requests().map((request) => request.replayed)).toEqual([false, false, true, true]);
	});

	it('n8n’s "Retry On Fail" re-runs the node with the same keys: the lost answer is replayed, not re-created', async () => {
		// The order is stored, but the answer never arrives; the transport may not retry (Max Retries 0).
		lostAnswer();
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

	it('a loop whose passes send different bookings books each', async () => {
		const result = await t.run(
			{ ...create, contact: { email: "={{ 'pass' + $runIndex + '@example.com' }}" } },
			{
				extraNodes: [noOpNode('Form A'), noOpNode('Form B')],
				connections: connect(['Form A', 'Stora'], ['Form B', 'Stora']),
			},
		);
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

describe('user keys', () => {
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

	const sharedKeyItems = items(
		{ email: 'a@example.com', key: 'same' },
		{ email: 'b@example.com', key: 'other' },
		{ email: 'c@example.com', key: 'same' },
	);
	const keyedCreate = {
		...create,
		contact: { email: '={{ $json.email }}' },
		options: { idempotencyKey: '={{ $json.key }}' },
	};

	it('two items with the same key are rejected before any request, naming both items', async () => {
		const result = await t.run(keyedCreate, { inputItems: sharedKeyItems });
		expect(result.status).toBe('error');
		expect(result.nodeError('Stora')?.message).toBe(
			'Invalid Idempotency Key "same" [item 0]: item 2 has the same key',
		);
		expect(t.requests()).toHaveLength(0);
	});

	it('with Continue on Fail, both items sharing a key fail and the others are booked', async () => {
		const result = await t.run(keyedCreate, {
			inputItems: sharedKeyItems,
			node: { onError: 'continueRegularOutput' },
		});
		const output = result.json('Stora');
		expect((output[0].error as { message: string }).message).toContain('item 2 has the same key');
		expect((output[2].error as { message: string }).message).toContain('item 0 has the same key');
		expect(output[1].status).toBe('draft');
		expect(t.requests().map((request) => request.idempotencyKey)).toEqual(['create:other']);
	});

	it('the key an error prints, typed into the option, gets Stora’s answer: nothing is created twice', async () => {
		lostAnswer();
		const failed = await t.run({ ...create, options: { maxRetries: 0 } });
		const error = failed.nodeError('Stora') as unknown as {
			description: string;
			context: { idempotencyKey: string };
		};
		const printed = /Idempotency key: (\S+)\./.exec(error.description)?.[1] ?? '';
		expect(printed).toMatch(/^n8n-create-[0-9a-f]{32}$/);
		expect(error.context.idempotencyKey).toBe(printed);

		const again = await t.run({ ...create, options: { idempotencyKey: printed } });
		expect(again.status).toBe('success');
		expect(t.sandbox.listOrders()).toHaveLength(1);
		expect(t.requests()[1]).toMatchObject({ idempotencyKey: printed, replayed: true });
	});

	it('a user key is printed as typed, and pasting the header form does not prefix it twice', async () => {
		lostAnswer();
		const failed = await t.run({ ...create, options: { idempotencyKey: 'form-9', maxRetries: 0 } });
		const description = (failed.nodeError('Stora') as unknown as { description: string })
			.description;
		expect(description).toContain('Idempotency key: form-9 (sent to Stora as create:form-9).');

		await t.run({ ...create, options: { idempotencyKey: 'create:form-9' } });
		expect(t.requests().map((request) => request.idempotencyKey)).toEqual([
			'create:form-9',
			'create:form-9',
		]);
		expect(t.sandbox.listOrders()).toHaveLength(1);
	});

	it('a key that is not printable ASCII is sent as its hash, the same for the same key', async () => {
		const parameters = { ...create, options: { idempotencyKey: '王小明 🎉 预订' } };
		const first = await t.run(parameters);
		const second = await t.run(parameters);
		expect([first.status, second.status]).toEqual(['success', 'success']);
		const [a, b] = t.requests();
		expect(a.idempotencyKey).toMatch(/^create:sha256-[0-9a-f]{64}$/);
		expect([a.status, b.idempotencyKey, b.replayed]).toEqual([201, a.idempotencyKey, true]);
		expect(t.sandbox.listOrders()).toHaveLength(1);
	});

	it('a stored error replayed for corrected data says it is the first answer, and what to do', async () => {
		const options = { idempotencyKey: 'booking-77' };
		const first = await t.run({ ...create, finalizeImmediately: true, options });
		const corrected = await t.run({
			...create,
			billingPeriod: 'monthly',
			startImmediately: true,
			contact: { email: 'fixed@example.com', fullName: 'Fixed Booking' },
			lineItems: {
				lineItem: [{ type: 'unit_type', unitTypeId: SEED.unitTypes.camdenSmall, quantity: 1 }],
			},
			finalizeImmediately: true,
			options,
		});
		expect(t.requests().map((request) => [request.status, request.replayed])).toEqual([
			[422, false],
			[422, true],
		]);
		const description = (error: unknown) => (error as { description: string }).description;
		// The first answer: nothing says it is a stored one, so no caveat.
		expect(description(first.nodeError('Stora'))).not.toContain('stored response');
		// The replay (the sandbox marks it Idempotent-Replayed, as Stripe does; Stora's docs are silent).
		expect(description(corrected.nodeError('Stora'))).toContain(
			'Stora answered with its stored response to key booking-77: this is the answer to the first request with this key. To send changed data, use a new key; check the order in Stora first.',
		);
	});

	it('a server error Stora replays is reported as its stored answer to the key', async () => {
		t.sandbox.faults.add({ ...post, type: 'status', status: 500, afterProcessing: true });
		const result = await t.run({ ...create, options: { idempotencyKey: 'booking-500' } });
		expect(t.requests().map((request) => [request.status, request.replayed])).toEqual([
			[500, false],
			[500, true],
		]);
		expect((result.nodeError('Stora') as unknown as { description: string }).description).toContain(
			'Stora answered with its stored response to key booking-500: this is the answer to the first request with this key. To send changed data, use a new key; check the order in Stora first.',
		);
	});

	it('a 409 on a POST says the order may exist (the same key may still be in flight)', async () => {
		t.sandbox.faults.add({ ...post, type: 'status', status: 409 });
		const result = await t.run(create);
		expect(t.requests()).toHaveLength(1);
		expect((result.nodeError('Stora') as unknown as { description: string }).description).toMatch(
			/a request with the same key may still be in progress, so the order may exist/,
		);
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
