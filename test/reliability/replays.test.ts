/**
 * A replay says so: Stora answers a key sent again within 24 hours with its stored first answer,
 * and its docs name no header that says so. Here a proxy plays Stora as documented (no replay
 * header, `Date` from Stora's clock) and moves Stora's clock as the hours between runs would.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import type { ClockProxy } from '../helpers/clockProxy';
import { shiftableClock, startClockProxy } from '../helpers/clockProxy';
import { useSandbox } from '../engine/sandbox';

const HOUR = 60 * 60 * 1000;
const clock = shiftableClock();
// replayHeader: the proxy decides per test whether Stora's answer keeps the replay header.
const t = useSandbox({
	now: clock.now,
	replayHeader: true,
	tokens: { 'orders-only': ['public.order:read'] },
});

let proxy: ClockProxy;
beforeAll(async () => {
	proxy = await startClockProxy(() => t.sandbox.url, clock);
});
afterAll(async () => await proxy.close());
beforeEach(() => {
	proxy.shift = 0;
	proxy.replayHeader = false;
});

/** A saved workflow: every run has the same node id, so the same input sends the same key. */
const saved = { node: { id: 'saved-node' } };
const viaProxy = (extra: IDataObject = {}) => ({
	...saved,
	credentials: { baseUrl: proxy.url },
	...extra,
});

const create = {
	resource: 'order',
	operation: 'create',
	siteId: SEED.sites.camden,
	contact: { email: 'replay@example.com' },
};

const outputOf = async (parameters: INodeParameters, extra: IDataObject = {}) => {
	const result = await t.run(parameters, viaProxy(extra));
	expect(result.status).toBe('success');
	return result.json('Stora')[0];
};

describe('an answer from an earlier run is flagged fromEarlierRun', () => {
	it('Create run again an hour later: the first order comes back flagged, Simplify on and off', async () => {
		const first = await outputOf(create);
		expect(first).not.toHaveProperty('fromEarlierRun');
		proxy.shift = HOUR;
		const again = await outputOf(create);
		expect(again).toMatchObject({ id: first.id, fromEarlierRun: true });
		const full = await outputOf({ ...create, simplify: false });
		expect(full).toMatchObject({ id: first.id, line_items: [], fromEarlierRun: true });
		expect(t.sandbox.listOrders()).toHaveLength(SEED_ORDERS + 1);
	});

	it('a fresh record is not flagged whichever way Stora’s clock is off (10 minutes behind or ahead)', async () => {
		proxy.shift = -10 * 60 * 1000;
		expect(await outputOf(create)).not.toHaveProperty('fromEarlierRun');
		proxy.shift = 10 * 60 * 1000;
		expect(
			await outputOf({ ...create, contact: { email: 'ahead@example.com' } }),
		).not.toHaveProperty('fromEarlierRun');
	});

	it('a replay header alone says so, when nothing this run sent could have made the record', async () => {
		proxy.replayHeader = true;
		await outputOf(create);
		expect(await outputOf(create)).toMatchObject({ fromEarlierRun: true });
	});

	it('the node’s own retry after a lost answer is not an earlier run, replay header or not', async () => {
		proxy.replayHeader = true;
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'reset',
			afterProcessing: true,
		});
		const order = await outputOf(create);
		expect(t.requests().map((request) => request.replayed)).toEqual([false, true]);
		expect(order).not.toHaveProperty('fromEarlierRun');
	});

	it('n8n’s Retry On Fail in the same execution is not an earlier run either', async () => {
		proxy.replayHeader = true;
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'reset',
			afterProcessing: true,
		});
		const order = await outputOf(
			{ ...create, options: { maxRetries: 0 } },
			{ node: { id: 'saved-node', retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } },
		);
		expect(t.requests().map((request) => request.replayed)).toEqual([false, true]);
		expect(order).not.toHaveProperty('fromEarlierRun');
	});

	it('Finalize: a days-old draft finalized now is fresh; the same finalize an hour later is flagged', async () => {
		const finalize = {
			resource: 'order',
			operation: 'finalize',
			orderId: { __rl: true, mode: 'id', value: SEED.orders.draftReady },
		};
		const first = await outputOf(finalize);
		expect(first).toMatchObject({ status: 'finalized' });
		expect(first).not.toHaveProperty('fromEarlierRun');
		proxy.shift = HOUR;
		expect(await outputOf(finalize)).toMatchObject({
			id: SEED.orders.draftReady,
			fromEarlierRun: true,
		});
	});

	it('Contact Create run again an hour later returns the first contact flagged', async () => {
		const contact = { resource: 'contact', operation: 'create', email: 'again@example.com' };
		const first = await outputOf(contact);
		expect(first).not.toHaveProperty('fromEarlierRun');
		proxy.shift = HOUR;
		expect(await outputOf(contact)).toMatchObject({ id: first.id, fromEarlierRun: true });
	});
});

describe('Line Item → Create: a replayed line item is checked on the order', () => {
	const addSmall = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'lineItem',
		operation: 'create',
		orderId: { __rl: true, mode: 'id', value: SEED.orders.draftEmpty },
		type: 'unit_type',
		unitTypeId: SEED.unitTypes.camdenSmall,
		quantity: 1,
		...extra,
	});
	const linesOnOrder = () =>
		(
			t.sandbox.listOrders().find((order) => order.id === SEED.orders.draftEmpty) as {
				line_items: Array<{ id: string }>;
			}
		).line_items.map((line) => line.id);
	const deleteLine = async (id: string) =>
		await t.run({
			resource: 'lineItem',
			operation: 'delete',
			orderId: { __rl: true, mode: 'id', value: SEED.orders.draftEmpty },
			lineItemId: { __rl: true, mode: 'id', value: id },
		});

	it('still on the order: output flagged, nothing added', async () => {
		const first = await outputOf(addSmall());
		proxy.shift = HOUR;
		t.sandbox.clearRequests();
		expect(await outputOf(addSmall())).toMatchObject({ id: first.id, fromEarlierRun: true });
		expect(t.requests().map((request) => request.method)).toEqual(['POST', 'GET']);
		expect(linesOnOrder()).toEqual([first.id]);
	});

	it('deleted since: fails saying so and what to do, and adds nothing', async () => {
		const first = await outputOf(addSmall());
		await deleteLine(String(first.id));
		proxy.shift = HOUR;
		const result = await t.run(addSmall(), viaProxy());
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as { message: string; description: string };
		expect(error.message).toBe(
			`Line item ${String(first.id)} was deleted from order ${SEED.orders.draftEmpty} since an earlier run added it`,
		);
		expect(error.description).toContain('set a new key in Options → Idempotency Key');
		expect(error.description).toContain('If Replayed Line Item Is Gone → Add It Again');
		expect(linesOnOrder()).toEqual([]);
	});

	it('deleted since, with Add It Again: added once more under a derived key, and only once', async () => {
		const options = { options: { ifReplayedGone: 'addAgain' } };
		const first = await outputOf(addSmall(options));
		await deleteLine(String(first.id));
		proxy.shift = HOUR;
		t.sandbox.clearRequests();
		const again = await outputOf(addSmall(options));
		expect(again.id).not.toBe(first.id);
		expect(again).not.toHaveProperty('fromEarlierRun');
		const posts = t.requests().filter((request) => request.method === 'POST');
		expect(posts).toHaveLength(2);
		expect(posts[1].idempotencyKey).toMatch(/^n8n-line_item-[0-9a-f]{32}$/);
		expect(posts[1].idempotencyKey).not.toBe(posts[0].idempotencyKey);
		expect(linesOnOrder()).toEqual([again.id]);

		proxy.shift = 2 * HOUR;
		const third = await outputOf(addSmall(options));
		expect(third).toMatchObject({ id: again.id, fromEarlierRun: true });
		expect(linesOnOrder()).toEqual([again.id]);
	});
});

describe('the stored-answer caveat only with a reason', () => {
	const caveat = /stored response/;
	const notReady = { ...create, finalizeImmediately: true };
	const descriptionOf = (result: Awaited<ReturnType<typeof t.run>>) =>
		(result.nodeError('Stora') as unknown as { description: string }).description;

	it('a first-attempt 422 has none', async () => {
		const result = await t.run(notReady, viaProxy());
		expect(t.requests().map((request) => request.status)).toEqual([422]);
		expect(descriptionOf(result)).not.toMatch(caveat);
	});

	it('a 403 has none, even on a second try in the same execution', async () => {
		const credentials = { baseUrl: proxy.url, accessToken: 'orders-only' };
		const retrying = { id: 'saved-node', retryOnFail: true, maxTries: 2, waitBetweenTries: 1 };
		const result = await t.run(create, { node: retrying, credentials });
		expect(t.requests().map((request) => request.status)).toEqual([403, 403]);
		expect(descriptionOf(result)).not.toMatch(caveat);
	});

	it('the same 422 sent again (same request ID, no header): Stora’s stored answer', async () => {
		await t.run(notReady, viaProxy());
		const again = await t.run(notReady, viaProxy());
		expect(descriptionOf(again)).toContain('Stora answered with its stored response to key');
	});

	it('a second try in the same execution (Retry On Fail) after a lost answer says it may be stored', async () => {
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'reset',
			afterProcessing: true,
		});
		const result = await t.run(
			{ ...notReady, options: { maxRetries: 0 } },
			viaProxy({ node: { id: 'saved-node', retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } }),
		);
		expect(t.requests().map((request) => request.status)).toEqual([0, 422]);
		expect(descriptionOf(result)).toMatch(
			/was already sent in this execution \(an earlier try of this node\), so this may be Stora’s stored response/,
		);
	});

	it('an earlier attempt of the same request that may have reached Stora says it may be stored', async () => {
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/orders',
			type: 'reset',
			afterProcessing: true,
		});
		const result = await t.run(notReady, viaProxy());
		expect(t.requests().map((request) => request.status)).toEqual([0, 422]);
		expect(descriptionOf(result)).toMatch(/An earlier attempt with key \S+ may have reached Stora/);
	});
});

const SEED_ORDERS = Object.keys(SEED.orders).length;
