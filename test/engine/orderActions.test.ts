import { SEED } from '../../sandbox';
import { connect, items, noOpNode } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox({ tokens: { 'read-only': ['public.order:read'] } });

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

describe('Get', () => {
	it('gets an order by ID, with expand', async () => {
		const result = await t.run({
			resource: 'order',
			operation: 'get',
			orderId: byId(SEED.orders.draftReady),
			options: { expand: ['contact', 'line_items'] },
		});
		expect(result.status).toBe('success');
		expect(t.requests()).toHaveLength(1);
		expect(t.requests()[0].method).toBe('GET');
		expect(t.requests()[0].path).toBe(`/2025-09/orders/${SEED.orders.draftReady}`);
		expect(t.requests()[0].query).toEqual({ expand: 'contact,line_items' });
		const [order] = result.json('Stora');
		expect(order.id).toBe(SEED.orders.draftReady);
		expect((order.contact as { email?: string }).email).toBeDefined();
	});

	it('takes an order picked from the list', async () => {
		const result = await t.run({
			resource: 'order',
			operation: 'get',
			orderId: fromList(SEED.orders.finalized),
		});
		expect(result.json('Stora')[0].status).toBe('finalized');
	});

	it('says "Order not found" with what to do, the status and the request ID', async () => {
		const result = await t.run({
			resource: 'order',
			operation: 'get',
			orderId: byId('order_0000000000000000'),
		});
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as {
			message: string;
			description: string;
			httpCode: string;
		};
		expect(error.message).toBe('Order not found');
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('Check the order ID');
		expect(error.description).toMatch(/Stora request ID: [0-9a-f-]{36}/);
	});

	it('says what to do about a rejected token', async () => {
		const result = await t.run(
			{ resource: 'order', operation: 'get', orderId: byId(SEED.orders.draftReady) },
			{ credentials: { accessToken: 'wrong-token' } },
		);
		const error = result.nodeError('Stora') as unknown as {
			message: string;
			description: string;
			httpCode: string;
		};
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('Stora rejected the access token');
		expect(error.description).toContain('Generate a new one in Stora BackOffice');
	});
});

describe('Validate', () => {
	const validate = (orderId: string) => ({
		resource: 'order',
		operation: 'validate',
		orderId: byId(orderId),
	});

	it('outputs valid: true with the order when it is ready', async () => {
		const result = await t.run(validate(SEED.orders.draftReady));
		expect(t.requests()[0].path).toBe(`/2025-09/orders/${SEED.orders.draftReady}/validate`);
		expect(t.requests()[0].method).toBe('GET');
		const [output] = result.json('Stora');
		expect(output.valid).toBe(true);
		expect((output.order as { id: string }).id).toBe(SEED.orders.draftReady);
	});

	it('outputs valid: false with every problem and the request ID when it is not ready', async () => {
		const result = await t.run(validate(SEED.orders.draftEmpty));
		expect(result.status).toBe('success');
		const [output] = result.json('Stora');
		expect(output).toEqual({
			valid: false,
			order_id: SEED.orders.draftEmpty,
			message: 'The order is not ready to be finalized.',
			problems: expect.arrayContaining([
				expect.objectContaining({ pointer: '/billing_period' }),
				expect.objectContaining({ pointer: '/starts_at' }),
				expect.objectContaining({ pointer: '/contact' }),
				expect.objectContaining({ pointer: '/line_items' }),
			]),
			request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(result.output('Stora')[0].pairedItem).toEqual({ item: 0 });
	});

	it('lets an IF-style branch route ready and not-ready orders (one item each)', async () => {
		const result = await t.run(
			{ resource: 'order', operation: 'validate', orderId: byId('={{ $json.id }}') },
			{ inputItems: items({ id: SEED.orders.draftReady }, { id: SEED.orders.draftEmpty }) },
		);
		expect(result.json('Stora').map((output) => output.valid)).toEqual([true, false]);
	});

	it('keeps a missing order an error', async () => {
		const result = await t.run(validate('order_0000000000000000'));
		expect(result.status).toBe('error');
		expect(result.nodeError('Stora')?.message).toBe('Order not found');
	});

	it('keeps a conflict (order already finalized) an error', async () => {
		const result = await t.run(validate(SEED.orders.finalized));
		expect(result.status).toBe('error');
		expect((result.nodeError('Stora') as unknown as { httpCode: string }).httpCode).toBe('409');
	});
});

describe('Finalize', () => {
	const finalize = (orderId: string, extra = {}) => ({
		resource: 'order',
		operation: 'finalize',
		orderId: byId(orderId),
		...extra,
	});

	it('finalizes a ready order and outputs its payment URL', async () => {
		const result = await t.run(
			finalize(SEED.orders.draftReady, { cancelRedirectUrl: 'https://shop.example/cancel' }),
		);
		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/2025-09/orders/${SEED.orders.draftReady}/finalize`);
		expect(request.body).toEqual({
			finalize: { cancel_redirect_url: 'https://shop.example/cancel' },
		});
		expect(request.idempotencyKey).toMatch(/^n8n-finalize-[0-9a-f]{32}$/);
		const [order] = result.json('Stora');
		expect(order.status).toBe('finalized');
		expect(order.payment_url).toBe(`${t.sandbox.url}/checkout/${SEED.orders.draftReady}`);
	});

	it('sends an empty finalize object without a cancel URL', async () => {
		await t.run(finalize(SEED.orders.draftReady));
		expect(t.requests()[0].body).toEqual({ finalize: {} });
	});

	it('reports a second finalize as a conflict with Stora’s message', async () => {
		const result = await t.run(finalize(SEED.orders.finalized));
		const error = result.nodeError('Stora') as unknown as { httpCode: string; description: string };
		expect(error.httpCode).toBe('409');
		expect(error.description).toContain('/status');
	});

	it('says which scope is missing for a read-only token', async () => {
		const result = await t.run(finalize(SEED.orders.draftReady), {
			credentials: { accessToken: 'read-only' },
		});
		const error = result.nodeError('Stora') as unknown as {
			httpCode: string;
			message: string;
			description: string;
		};
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe('The access token is not allowed to do this');
		expect(error.description).toContain('public.order:write');
	});
});

describe('Continue on Fail', () => {
	it('turns a failed item into an error item and runs the others', async () => {
		const result = await t.run(
			{ resource: 'order', operation: 'get', orderId: byId('={{ $json.id }}') },
			{
				node: { onError: 'continueRegularOutput' },
				inputItems: items(
					{ id: SEED.orders.draftReady },
					{ id: 'order_0000000000000000' },
					{ id: SEED.orders.finalized },
				),
			},
		);
		expect(result.status).toBe('success');
		const output = result.json('Stora');
		expect(output[0].id).toBe(SEED.orders.draftReady);
		expect(output[1]).toEqual({
			error: {
				message: 'Order not found',
				description: expect.stringContaining('Check the order ID'),
				httpCode: '404',
				requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				problems: [
					{ message: `no order with id \`order_0000000000000000\``, pointer: '/order_id' },
				],
			},
		});
		expect(output[2].id).toBe(SEED.orders.finalized);
		expect(result.output('Stora').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('sends failed items to the error output', async () => {
		const result = await t.run(
			{ resource: 'order', operation: 'get', orderId: byId('={{ $json.id }}') },
			{
				node: { onError: 'continueErrorOutput' },
				inputItems: items({ id: SEED.orders.draftReady }, { id: 'order_0000000000000000' }),
				extraNodes: [noOpNode('Success'), noOpNode('Failure')],
				connections: connect(['Stora', 'Success', 0], ['Stora', 'Failure', 1]),
			},
		);
		expect(result.json('Success').map((order) => order.id)).toEqual([SEED.orders.draftReady]);
		const failures = result.json('Failure');
		expect(failures).toHaveLength(1);
		// n8n merges the failed item's input into what goes to the error output.
		expect(failures[0]).toMatchObject({
			id: 'order_0000000000000000',
			error: { message: 'Order not found', httpCode: '404' },
		});
	});
});
