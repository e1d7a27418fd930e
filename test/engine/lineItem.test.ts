import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { useSandbox } from './sandbox';

// replayHeader: a run again within a second is flagged only by Stora's replay header (the record is
// not older than the `Date`); here it leads to the check on the order. The docs-faithful case (no
// header, Stora's clock moved) is test/reliability/replays.test.ts.
const t = useSandbox({ replayHeader: true });

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

type Money = { amount: number };
type PublicOrder = {
	id: string;
	status: string;
	total: Money;
	one_time_total: Money;
	line_items: Array<{ id: string }>;
};
type NodeErrorView = { message: string; description: string; httpCode?: string };

/** A fresh draft at Camden (the sandbox's default site) with these line items. */
function draftWith(lines: IDataObject[] = [], extra: IDataObject = {}) {
	const order = t.sandbox.addOrder({ line_items: lines, ...extra }) as PublicOrder;
	return { orderId: order.id, lineItemIds: order.line_items.map((line) => line.id) };
}

/** The order as the sandbox `box` has it now. */
const orderIn = (box: typeof t, orderId: string) =>
	box.sandbox.listOrders().find((order) => order.id === orderId) as PublicOrder;
/** The order as Stora has it now. */
const orderNow = (orderId: string) => orderIn(t, orderId);

const small = { type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } };
const padlocks = { type: 'product', item: { id: SEED.products.padlock }, quantity: 2 };

const lineItem = (operation: string, orderId: string, extra: INodeParameters = {}) => ({
	resource: 'lineItem',
	operation,
	orderId: byId(orderId),
	...extra,
});

const errorOf = (result: Awaited<ReturnType<typeof t.run>>) =>
	result.nodeError('Stora') as unknown as NodeErrorView;

describe('Line Item → Get Many', () => {
	it('outputs one item per line item, each paired with the input item of its order', async () => {
		const first = draftWith([small, padlocks]);
		const second = draftWith([small]);
		const result = await t.run(lineItem('getAll', '={{ $json.orderId }}'), {
			inputItems: items({ orderId: first.orderId }, { orderId: second.orderId }),
		});
		expect(result.status).toBe('success');
		expect(t.requests().map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{
				method: 'GET',
				path: `/2025-09/orders/${first.orderId}/line_items`,
				query: { page: '1', limit: '50' },
			},
			{
				method: 'GET',
				path: `/2025-09/orders/${second.orderId}/line_items`,
				query: { page: '1', limit: '50' },
			},
		]);
		const output = result.output('Stora');
		expect(output.map((item) => item.json.id).sort()).toEqual(
			[...first.lineItemIds, ...second.lineItemIds].sort(),
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
		const padlockLine = output.find((item) => item.json.type === 'product')?.json;
		expect(padlockLine).toMatchObject({
			quantity: 2,
			item: { id: SEED.products.padlock },
			price: { amount: 999 },
		});
		expect(padlockLine).not.toHaveProperty('meta');
	});

	it('Return All pages by page number until the last page', async () => {
		const lines = Array.from({ length: 130 }, () => small);
		const { orderId, lineItemIds } = draftWith(lines);
		const result = await t.run(lineItem('getAll', orderId, { returnAll: true }));
		expect(t.requests().map((request) => request.query)).toEqual([
			{ page: '1', limit: '100' },
			{ page: '2', limit: '100' },
		]);
		const ids = result.json('Stora').map((line) => line.id);
		expect(ids).toHaveLength(130);
		expect(new Set(ids)).toEqual(new Set(lineItemIds));
	});

	it('Limit 2 is one request for two line items', async () => {
		const { orderId } = draftWith([small, small, padlocks]);
		const result = await t.run(lineItem('getAll', orderId, { limit: 2 }));
		expect(t.requests().map((request) => request.query)).toEqual([{ page: '1', limit: '2' }]);
		expect(result.json('Stora')).toHaveLength(2);
	});

	it('Expand → Item sends expand=item and outputs what each line item books', async () => {
		const result = await t.run(
			lineItem('getAll', SEED.orders.draftReady, { options: { expand: ['item'] } }),
		);
		expect(t.requests()[0].query).toEqual({ page: '1', limit: '50', expand: 'item' });
		const unit = result.json('Stora').find((line) => line.type === 'unit_type');
		expect(unit?.item).toMatchObject({
			id: SEED.unitTypes.camdenLocker,
			name: 'Locker (15 sq ft)',
		});
	});

	it('an order without line items outputs nothing, and that is a success', async () => {
		const result = await t.run(lineItem('getAll', SEED.orders.draftEmpty));
		expect(result.status).toBe('success');
		expect(result.json('Stora')).toEqual([]);
	});

	it('says "Order not found" for an unknown order', async () => {
		const result = await t.run(lineItem('getAll', 'order_0000000000000000'));
		expect(errorOf(result)).toMatchObject({ message: 'Order not found', httpCode: '404' });
	});
});

describe('Line Item → Create', () => {
	it('run again with the same input: the line item comes back flagged, checked on the order', async () => {
		const { orderId } = draftWith();
		const parameters = lineItem('create', orderId, {
			type: 'unit_type',
			unitTypeId: SEED.unitTypes.camdenSmall,
		});
		const saved = { node: { id: 'saved-line-item-node' } };
		const [first] = (await t.run(parameters, saved)).json('Stora');
		expect(first).not.toHaveProperty('fromEarlierRun');
		const [again] = (await t.run(parameters, saved)).json('Stora');
		expect(again).toMatchObject({ id: first.id, fromEarlierRun: true });
		expect(t.requests().map(({ method, replayed }) => [method, replayed])).toEqual([
			['POST', false],
			['POST', true],
			['GET', false],
		]);
		expect(orderNow(orderId).line_items.map((l) => l.id)).toEqual([first.id]);
	});

	it('If Replayed Line Item Is Gone with an unknown value is refused before any request', async () => {
		const { orderId } = draftWith();
		const result = await t.run(
			lineItem('create', orderId, {
				type: 'unit_type',
				unitTypeId: SEED.unitTypes.camdenSmall,
				options: { ifReplayedGone: '={{ "retry" }}' },
			}),
		);
		expect(result.status).toBe('error');
		expect(errorOf(result).message).toContain('If Replayed Line Item Is Gone');
		expect(t.requests()).toHaveLength(0);
	});

	it('adds a unit type with quantity 1, under a line_item key, and outputs the line item', async () => {
		const { orderId } = draftWith();
		expect(orderNow(orderId).total.amount).toBe(0);
		const result = await t.run(
			lineItem('create', orderId, { type: 'unit_type', unitTypeId: SEED.unitTypes.camdenSmall }),
			{ node: { typeVersion: 2 } },
		);
		expect(result.status).toBe('success');
		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/2025-09/orders/${orderId}/line_items`);
		expect(request.rawQuery).toBe('');
		expect(request.idempotencyKey).toMatch(/^n8n-line_item-[0-9a-f]{32}$/);
		expect(request.body).toEqual({
			type: 'unit_type',
			item: { id: SEED.unitTypes.camdenSmall },
			quantity: 1,
		});
		const [line] = result.json('Stora');
		expect(line).toMatchObject({
			type: 'unit_type',
			quantity: 1,
			item: { id: SEED.unitTypes.camdenSmall },
			price: { amount: 6999 },
		});
		expect(line.id).toMatch(/^olitm_/);
		expect(line).not.toHaveProperty('meta');
		expect(result.output('Stora')[0].pairedItem).toEqual({ item: 0 });
		expect(orderNow(orderId).line_items.map((l) => l.id)).toEqual([line.id]);
		expect(orderNow(orderId).total.amount).toBe(6999);
	});

	it.each([
		[
			'protection',
			{ type: 'protection', protectionLevelId: SEED.protectionLevels.cover1000 },
			{ type: 'protection', item: { id: SEED.protectionLevels.cover1000 }, quantity: 1 },
		],
		[
			'a product at a price of its own, twice',
			{
				type: 'product',
				productId: SEED.products.padlock,
				quantity: 2,
				setPrice: true,
				price: 500,
			},
			{ type: 'product', item: { id: SEED.products.padlock }, quantity: 2, price: { amount: 500 } },
		],
		[
			'a security deposit (of a unit type)',
			{ type: 'security_deposit', unitTypeId: SEED.unitTypes.camdenLocker },
			{ type: 'security_deposit', item: { id: SEED.unitTypes.camdenLocker }, quantity: 1 },
		],
	])('adds %s', async (_, parameters, body) => {
		const { orderId } = draftWith();
		const result = await t.run(lineItem('create', orderId, parameters));
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual(body);
		expect(result.json('Stora')[0]).toMatchObject(body);
	});

	it('a price of its own changes the order’s totals by that price', async () => {
		const { orderId } = draftWith();
		await t.run(
			lineItem('create', orderId, {
				type: 'product',
				productId: SEED.products.padlock,
				quantity: 3,
				setPrice: true,
				price: 250,
			}),
		);
		expect(orderNow(orderId).one_time_total.amount).toBe(750);
	});

	it('the same item run again reuses its key: Stora replays the first line item, adding none', async () => {
		const { orderId } = draftWith();
		const parameters = lineItem('create', orderId, {
			type: 'unit_type',
			unitTypeId: SEED.unitTypes.camdenSmall,
		});
		// The same workflow and node, in a new execution.
		const node = { id: 'line-item-node' };
		const first = await t.run(parameters, { executionId: 'first', node });
		const again = await t.run(parameters, { executionId: 'again', node });
		const [a, b] = t.requests();
		expect(b.idempotencyKey).toBe(a.idempotencyKey);
		expect(b.replayed).toBe(true);
		expect(again.json('Stora')[0].id).toBe(first.json('Stora')[0].id);
		expect(orderNow(orderId).line_items).toHaveLength(1);
	});

	it('different line items of one run get different keys, identical ones too', async () => {
		const { orderId } = draftWith();
		const result = await t.run(
			lineItem('create', orderId, {
				type: '={{ $json.type }}',
				unitTypeId: '={{ $json.id }}',
				productId: '={{ $json.id }}',
			}),
			{
				inputItems: items(
					{ type: 'unit_type', id: SEED.unitTypes.camdenSmall },
					{ type: 'product', id: SEED.products.padlock },
					{ type: 'product', id: SEED.products.padlock },
				),
			},
		);
		expect(result.status).toBe('success');
		const keys = t.requests().map((request) => request.idempotencyKey);
		expect(new Set(keys).size).toBe(3);
		expect(result.output('Stora').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(orderNow(orderId).line_items).toHaveLength(3);
	});

	it('Options → Idempotency Key is sent as line_item:<key>, also when pasted with its prefix', async () => {
		const { orderId } = draftWith();
		const parameters = (key: string) =>
			lineItem('create', orderId, {
				type: 'unit_type',
				unitTypeId: SEED.unitTypes.camdenSmall,
				options: { idempotencyKey: key },
			});
		await t.run(parameters('req-42'));
		await t.run(parameters('line_item:req-42'));
		expect(t.requests().map((request) => request.idempotencyKey)).toEqual([
			'line_item:req-42',
			'line_item:req-42',
		]);
		expect(orderNow(orderId).line_items).toHaveLength(1);
	});

	it('Expand → Item returns what the line item books', async () => {
		const { orderId } = draftWith();
		const result = await t.run(
			lineItem('create', orderId, {
				type: 'product',
				productId: SEED.products.padlock,
				options: { expand: ['item'] },
			}),
		);
		expect(t.requests()[0].query).toEqual({ expand: 'item' });
		expect((result.json('Stora')[0].item as { name?: string }).name).toBeDefined();
	});

	it('keeps Stora’s 422 for an item of another site: the order is still a draft', async () => {
		const { orderId } = draftWith();
		const result = await t.run(
			lineItem('create', orderId, { type: 'unit_type', unitTypeId: SEED.unitTypes.leedsSmall }),
		);
		const error = errorOf(result);
		expect(error.httpCode).toBe('422');
		expect(error.message).not.toContain('no longer a draft');
		expect(error.description).toContain('/item/id');
		// The POST, then one look at the order to tell what Stora refused.
		expect(t.requests().map((request) => request.method)).toEqual(['POST', 'GET']);
		expect(orderNow(orderId).line_items).toHaveLength(0);
	});

	it('says "Order not found" for an unknown order', async () => {
		const result = await t.run(
			lineItem('create', 'order_0000000000000000', {
				type: 'unit_type',
				unitTypeId: SEED.unitTypes.camdenSmall,
			}),
		);
		expect(errorOf(result)).toMatchObject({ message: 'Order not found', httpCode: '404' });
	});
});

describe('Line Item → Update', () => {
	it('changes the quantity only, with no idempotency key, and outputs the line item', async () => {
		const { orderId, lineItemIds } = draftWith([small]);
		const result = await t.run(
			lineItem('update', orderId, {
				lineItemId: byId(lineItemIds[0]),
				updateFields: { quantity: 3 },
			}),
		);
		expect(result.status).toBe('success');
		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect(request.method).toBe('PATCH');
		expect(request.path).toBe(`/2025-09/orders/${orderId}/line_items/${lineItemIds[0]}`);
		expect(request.rawQuery).toBe('');
		expect(request.idempotencyKey).toBeUndefined();
		expect(request.body).toEqual({ quantity: 3 });
		expect(result.json('Stora')[0]).toMatchObject({
			id: lineItemIds[0],
			quantity: 3,
			price: { amount: 6999 },
		});
		expect(orderNow(orderId).total.amount).toBe(3 * 6999);
	});

	it('changes the price only, in minor units, for a line item picked from the list', async () => {
		const { orderId, lineItemIds } = draftWith([small]);
		const result = await t.run(
			lineItem('update', orderId, {
				lineItemId: fromList(lineItemIds[0]),
				updateFields: { price: 1234 },
			}),
		);
		expect(t.requests()[0].body).toEqual({ price: { amount: 1234 } });
		expect(result.json('Stora')[0]).toMatchObject({ quantity: 1, price: { amount: 1234 } });
		expect(orderNow(orderId).total.amount).toBe(1234);
	});

	it('changes both, with Expand → Item', async () => {
		const { orderId, lineItemIds } = draftWith([padlocks]);
		const result = await t.run(
			lineItem('update', orderId, {
				lineItemId: byId(lineItemIds[0]),
				updateFields: { quantity: 4, price: 0 },
				options: { expand: ['item'] },
			}),
		);
		expect(t.requests()[0].body).toEqual({ quantity: 4, price: { amount: 0 } });
		expect(t.requests()[0].query).toEqual({ expand: 'item' });
		expect(result.json('Stora')[0]).toMatchObject({
			quantity: 4,
			price: { amount: 0 },
			item: { id: SEED.products.padlock, name: expect.any(String) },
		});
		expect(orderNow(orderId).one_time_total.amount).toBe(0);
	});

	it('says "Line item not found" for a line item of another order', async () => {
		const { orderId } = draftWith([small]);
		const other = draftWith([small]);
		const result = await t.run(
			lineItem('update', orderId, {
				lineItemId: byId(other.lineItemIds[0]),
				updateFields: { quantity: 2 },
			}),
		);
		const error = errorOf(result);
		expect(error).toMatchObject({ message: 'Line item not found', httpCode: '404' });
		expect(error.description).toContain('Check the line item ID');
		expect(orderNow(other.orderId).total.amount).toBe(6999);
	});
});

describe('Line Item → Delete', () => {
	it('deletes the line item and outputs { deleted: true, id }', async () => {
		const { orderId, lineItemIds } = draftWith([small, padlocks]);
		const result = await t.run(
			lineItem('delete', orderId, { lineItemId: fromList(lineItemIds[1]) }),
		);
		expect(result.status).toBe('success');
		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect(request.method).toBe('DELETE');
		expect(request.path).toBe(`/2025-09/orders/${orderId}/line_items/${lineItemIds[1]}`);
		expect(request.rawQuery).toBe('');
		expect(request.body).toBeUndefined();
		expect(request.idempotencyKey).toBeUndefined();
		expect(result.json('Stora')).toEqual([{ deleted: true, id: lineItemIds[1] }]);
		expect(result.output('Stora')[0].pairedItem).toEqual({ item: 0 });
		expect(orderNow(orderId).line_items.map((line) => line.id)).toEqual([lineItemIds[0]]);
		expect(orderNow(orderId).one_time_total.amount).toBe(0);
	});

	it('a DELETE whose answer was lost still ends as deleted: the retry’s 404 is that deletion', async () => {
		const { orderId, lineItemIds } = draftWith([small]);
		t.sandbox.faults.add({ method: 'DELETE', type: 'reset', afterProcessing: true });
		const result = await t.run(lineItem('delete', orderId, { lineItemId: byId(lineItemIds[0]) }));
		expect(result.status).toBe('success');
		expect(t.requests().map(({ method, status }) => [method, status])).toEqual([
			['DELETE', 0],
			['DELETE', 404],
		]);
		expect(result.json('Stora')).toEqual([{ deleted: true, id: lineItemIds[0] }]);
		expect(orderNow(orderId).line_items).toEqual([]);
	});

	it('a 2xx without Stora’s documented `success` object still counts as deleted, not retried', async () => {
		const { orderId, lineItemIds } = draftWith([small]);
		t.sandbox.faults.add({
			method: 'DELETE',
			type: 'status',
			status: 200,
			body: { meta: {} },
			afterProcessing: true,
		});
		const result = await t.run(lineItem('delete', orderId, { lineItemId: byId(lineItemIds[0]) }));
		expect(result.json('Stora')).toEqual([{ deleted: true, id: lineItemIds[0] }]);
		expect(t.requests()).toHaveLength(1);
	});

	// A 2xx whose body is unusable still means Stora deleted it: the retry's 404 is the proof.
	it.each([
		['a truncated 200', { type: 'malformed', afterProcessing: true } as const],
		['an empty 204', { type: 'status', status: 204, body: '', afterProcessing: true } as const],
	])('a DELETE answered with %s ends as deleted', async (_, fault) => {
		const { orderId, lineItemIds } = draftWith([small]);
		t.sandbox.faults.add({ method: 'DELETE', ...fault });
		const result = await t.run(lineItem('delete', orderId, { lineItemId: byId(lineItemIds[0]) }));
		expect(result.json('Stora')).toEqual([{ deleted: true, id: lineItemIds[0] }]);
	});

	it('an empty 204 is the deletion itself: not asked again', async () => {
		const { orderId, lineItemIds } = draftWith([small]);
		t.sandbox.faults.add({
			method: 'DELETE',
			type: 'status',
			status: 204,
			body: '',
			afterProcessing: true,
		});
		const result = await t.run(lineItem('delete', orderId, { lineItemId: byId(lineItemIds[0]) }));
		expect(result.json('Stora')).toEqual([{ deleted: true, id: lineItemIds[0] }]);
		expect(t.requests()).toHaveLength(1);
	});

	it('says "Line item not found" for a line item that does not exist', async () => {
		const { orderId } = draftWith([small]);
		const result = await t.run(
			lineItem('delete', orderId, { lineItemId: byId('olitm_0000000000000000') }),
		);
		const error = errorOf(result);
		expect(error).toMatchObject({ message: 'Line item not found', httpCode: '404' });
		expect(t.requests()).toHaveLength(1);
		expect(orderNow(orderId).line_items).toHaveLength(1);
	});

	it('says "Order not found" for an unknown order', async () => {
		const result = await t.run(
			lineItem('delete', 'order_0000000000000000', {
				lineItemId: byId('olitm_0000000000000000'),
			}),
		);
		expect(errorOf(result)).toMatchObject({ message: 'Order not found', httpCode: '404' });
	});
});

/** Create, Update and Delete on a finalized order, whose line items Stora no longer changes. */
const refusals: Array<[string, string, (orderId: string, lineItemId: string) => INodeParameters]> =
	[
		[
			'Create',
			'POST',
			(orderId) =>
				lineItem('create', orderId, { type: 'product', productId: SEED.products.padlock }),
		],
		[
			'Update',
			'PATCH',
			(orderId, lineItemId) =>
				lineItem('update', orderId, {
					lineItemId: byId(lineItemId),
					updateFields: { quantity: 2 },
				}),
		],
		[
			'Delete',
			'DELETE',
			(orderId, lineItemId) => lineItem('delete', orderId, { lineItemId: byId(lineItemId) }),
		],
	];

function describeRefusals(status: number, box: typeof t) {
	it.each(refusals)(
		'%s says the order is no longer a draft, keeping Stora’s message',
		async (_, method, parameters) => {
			const order = box.sandbox.addOrder({
				status: 'finalized',
				line_items: [small],
			}) as PublicOrder;
			const before = JSON.stringify(orderIn(box, order.id));
			const result = await box.run(parameters(order.id, order.line_items[0].id));
			expect(result.status).toBe('error');
			const error = errorOf(result);
			expect(error.message).toBe(`Order ${order.id} is no longer a draft (it is finalized)`);
			expect(error.httpCode).toBe(String(status));
			expect(error.description).toContain('only while the order is a draft');
			expect(error.description).toContain('/status');
			expect(error.description).toMatch(/Stora request ID: [0-9a-f-]{36}/);
			// The change, then one look at the order to tell what Stora refused.
			expect(box.requests().map((request) => [request.method, request.status])).toEqual([
				[method, status],
				['GET', 200],
			]);
			expect(JSON.stringify(orderIn(box, order.id))).toBe(before);
		},
	);
}

describe('a finalized order, refused with 409 (the sandbox’s default)', () => {
	describeRefusals(409, t);
});

describe('a finalized order, refused with 422 (startSandbox({ notDraftStatus: 422 }))', () => {
	describeRefusals(422, useSandbox({ notDraftStatus: 422 }));
});

describe('Continue on Fail', () => {
	it('a refused item becomes an error item and the other items still run', async () => {
		const draft = draftWith([small]);
		const finalized = t.sandbox.addOrder({
			status: 'finalized',
			line_items: [small],
		}) as PublicOrder;
		const result = await t.run(
			{
				resource: 'lineItem',
				operation: 'update',
				orderId: byId('={{ $json.orderId }}'),
				lineItemId: byId('={{ $json.lineItemId }}'),
				updateFields: { quantity: 2 },
			},
			{
				node: { onError: 'continueRegularOutput' },
				inputItems: items(
					{ orderId: finalized.id, lineItemId: finalized.line_items[0].id },
					{ orderId: draft.orderId, lineItemId: draft.lineItemIds[0] },
				),
			},
		);
		expect(result.status).toBe('success');
		const [failed, updated] = result.output('Stora');
		expect((failed.json.error as { message: string }).message).toBe(
			`Order ${finalized.id} is no longer a draft (it is finalized)`,
		);
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(updated.json).toMatchObject({ id: draft.lineItemIds[0], quantity: 2 });
		expect(updated.pairedItem).toEqual({ item: 1 });
	});
});
