/**
 * Stora Polling Trigger, Order Created: n8n-core's PollContext in a small n8n of this process
 * (test/helpers/poll.ts: static data saved after activation and when a poll emits, as n8n does)
 * against the sandbox over real HTTP.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import {
	idsOf,
	listQuery,
	nodeDataOf,
	onePageOf,
	pollHosts,
	pollStateOf,
	rateLimitedPastBudget,
} from '../helpers/poll';
import { useSandbox } from './sandbox';

const t = useSandbox();
const start = pollHosts(() => t.credentials);

const MINUTE = 60_000;
const ORDERS = '/2025-09/orders';
const orderId = (body: string) => `order_${body.padEnd(16, '0')}`;
const addOrder = (partial: IDataObject = {}) =>
	t.sandbox.addOrder(partial) as IDataObject & { id: string };
const orderReads = () => t.requests().filter((request) => request.path === ORDERS);

const failPastBudget = (extra: IDataObject = {}) =>
	t.sandbox.faults.add(rateLimitedPastBudget(ORDERS, extra));

describe('Stora Polling Trigger: Order Created', () => {
	it('activation emits nothing and saves where it stands; later polls emit new orders once', async () => {
		const host = await start({ event: 'orderCreated' });
		await expect(host.activate()).resolves.toEqual({ emitted: null });
		expect(host.executions).toEqual([]);
		expect(pollStateOf(host.savedStaticData())).toBeDefined();
		await expect(host.poll()).resolves.toEqual({ emitted: null });

		const first = addOrder();
		const second = addOrder({ created_at: Date.now() + 1000 });
		expect(idsOf(await host.poll())).toEqual([first.id, second.id]);
		expect(idsOf(await host.poll())).toBeNull();
		const third = addOrder();
		expect(idsOf(await host.poll())).toEqual([third.id]);
		expect(idsOf(await host.poll())).toBeNull();
		expect(host.executions.map((items) => items.map((order) => order.id))).toEqual([
			[first.id, second.id],
			[third.id],
		]);
		expect(host.errors).toEqual([]);
	});

	it('asks Stora for the orders since its cursor, oldest first, 100 a page', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		t.sandbox.clearRequests();
		addOrder();
		await host.poll();
		const [read] = orderReads();
		expect(read.query).toMatchObject({
			sort_by: 'created_at',
			sort_direction: 'ASC',
			limit: '100',
			created_after: expect.any(String),
		});
		// The cursor less the 5 minutes' overlap, never later than now.
		const after = Date.parse(String(read.query.created_after));
		expect(after).toBeLessThanOrEqual(Date.now() - 5 * MINUTE + 1000);
	});

	it('emits two orders of the same second both, ordered by id, and a third of that second later', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const second = Date.now();
		const z = addOrder({ id: orderId('zz'), created_at: second });
		const a = addOrder({ id: orderId('aa'), created_at: second });
		expect(idsOf(await host.poll())).toEqual([a.id, z.id]);
		// Committed in that same second, after the poll.
		const m = addOrder({ id: orderId('mm'), created_at: second });
		expect(idsOf(await host.poll())).toEqual([m.id]);
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('emits 150 orders of one second (more than a page) each once', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const second = Date.now();
		t.sandbox.addOrders(150, () => ({ created_at: second }));
		const emitted = idsOf(await host.poll())!;
		expect(emitted).toHaveLength(150);
		expect(new Set(emitted).size).toBe(150);
		expect(emitted).toEqual([...emitted].sort());
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('emits an order Stora commits late with a timestamp before the last one emitted (within 5 minutes)', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const now = Date.now();
		const newest = addOrder({ created_at: now });
		expect(idsOf(await host.poll())).toEqual([newest.id]);
		const late = addOrder({ created_at: now - 2 * MINUTE });
		expect(idsOf(await host.poll())).toEqual([late.id]);
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('keeps only the keys within the overlap, so its state does not grow', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const now = Date.now();
		const old = addOrder({ created_at: now - 4 * MINUTE });
		const newer = addOrder({ created_at: now + 10 * MINUTE });
		expect(idsOf(await host.poll())).toEqual([old.id, newer.id]);
		const state = pollStateOf(host.savedStaticData())!;
		expect(Object.keys(state.emitted)).toEqual([newer.id]);
		expect(Date.parse(String(state.cursor))).toBe(Date.parse(String(newer.created_at)));
	});

	it('a poll that fails on its second page emits nothing, changes no state, and the next catches up', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const base = Date.now();
		t.sandbox.addOrders(150, (i) => ({ created_at: base + i * 1000 }));
		const before = host.liveStaticData();
		failPastBudget({ every: 2 });
		const failed = await host.poll();
		expect(failed.emitted).toBeNull();
		expect(failed.error).toBeDefined();
		expect(host.errors).toHaveLength(1);
		expect(host.executions).toEqual([]);
		expect(host.liveStaticData()).toEqual(before);
		t.sandbox.faults.clear();

		const after = await host.poll();
		expect(after.emitted).toHaveLength(150);
		const created = after.emitted!.map((order) => Date.parse(String(order.created_at)));
		expect(created).toEqual([...created].sort((x, y) => x - y));
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('while Stora is down (503 after every retry) emits nothing, then catches up', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const order = addOrder();
		const before = host.liveStaticData();
		t.sandbox.faults.add({ method: 'GET', path: ORDERS, type: 'status', status: 503, times: 100 });
		const failed = await host.poll();
		expect(failed).toMatchObject({ emitted: null, error: expect.any(Error) });
		expect(host.liveStaticData()).toEqual(before);
		t.sandbox.faults.clear();
		expect(idsOf(await host.poll())).toEqual([order.id]);
	}, 90_000);

	it('a catch-up over several pages waits out a 429 within the budget instead of failing', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const base = Date.now();
		t.sandbox.addOrders(250, (i) => ({ created_at: base + i * 1000 }));
		t.sandbox.faults.add({
			method: 'GET',
			path: ORDERS,
			type: 'status',
			status: 429,
			headers: { 'Retry-After': '1' },
			every: 2,
		});
		const caughtUp = await host.poll();
		expect(caughtUp.error).toBeUndefined();
		expect(caughtUp.emitted).toHaveLength(250);
		expect(orderReads().filter((request) => request.status === 429)).toHaveLength(1);
	});

	it('bad input fails the activation with the field and value, before any request', async () => {
		const host = await start({
			event: 'orderCreated',
			options: { includeExistingSince: 'last tuesday' },
		});
		t.sandbox.clearRequests();
		await expect(host.activate()).rejects.toThrow(/Include Existing Since "last tuesday"/);
		expect(t.requests()).toEqual([]);
	});

	it('outputs orders simplified as the Stora node does, or in full with Simplify off', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const order = addOrder({ site: { id: SEED.sites.leeds } });
		const [simple] = (await host.poll()).emitted!;
		expect(simple).toMatchObject({
			id: order.id,
			site_id: SEED.sites.leeds,
			created_at: order.created_at,
		});
		expect(simple.site).toBeUndefined();
		host.setParameters({ event: 'orderCreated', simplify: false });
		await host.activate('update');
		const next = addOrder({ site: { id: SEED.sites.leeds } });
		const [full] = (await host.poll()).emitted!;
		expect(full).toMatchObject({ id: next.id, site: { id: SEED.sites.leeds } });
	});

	it('a failed activation poll fails the activation and saves nothing', async () => {
		const host = await start({ event: 'orderCreated' });
		failPastBudget();
		await expect(host.activate()).rejects.toThrow(/problem activating/);
		expect(host.savedStaticData()).toEqual({});
	});

	it('Include Existing: the first poll emits the orders created since that date, then only new ones', async () => {
		const now = Date.now();
		const before = addOrder({ created_at: now - 3 * 60 * MINUTE });
		const since = addOrder({ created_at: now - 30 * MINUTE });
		const host = await start({
			event: 'orderCreated',
			options: { includeExistingSince: new Date(now - 60 * MINUTE).toISOString() },
		});
		const first = await host.activate();
		expect(idsOf(first)).toEqual([since.id]);
		expect(idsOf(first)).not.toContain(before.id);
		expect(idsOf(await host.poll())).toBeNull();
		const next = addOrder();
		expect(idsOf(await host.poll())).toEqual([next.id]);
	});

	it('a restart (new process, saved static data) emits nothing twice and catches up what came meanwhile', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const first = addOrder();
		expect(idsOf(await host.poll())).toEqual([first.id]);
		await host.poll();

		host.restart({ newProcess: true });
		await expect(host.activate('init')).resolves.toEqual({ emitted: null });
		expect(idsOf(await host.poll())).toBeNull();

		const meanwhile = addOrder();
		host.restart({ newProcess: true });
		expect(idsOf(await host.activate('init'))).toEqual([meanwhile.id]);
		expect(idsOf(await host.poll())).toBeNull();
		expect(host.executions.flat().map((order) => order.id)).toEqual([first.id, meanwhile.id]);
	});

	it('a restart that lost the state of polls that emitted nothing still emits each order once', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		await host.poll();
		await host.poll();
		const order = addOrder();
		host.restart({ newProcess: true });
		expect(idsOf(await host.activate('init'))).toEqual([order.id]);
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('activated again by the user after a deactivation, emits nothing from the time it was off', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const first = addOrder();
		expect(idsOf(await host.poll())).toEqual([first.id]);
		host.deactivate();
		addOrder();
		await expect(host.activate('activate')).resolves.toEqual({ emitted: null });
		expect(idsOf(await host.poll())).toBeNull();
		const next = addOrder();
		expect(idsOf(await host.poll())).toEqual([next.id]);
	});

	it('an edit that keeps the event and filters (Simplify) goes on from where it was', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const first = addOrder();
		expect(idsOf(await host.poll())).toEqual([first.id]);
		const meanwhile = addOrder();
		host.setParameters({ event: 'orderCreated', simplify: false });
		expect(idsOf(await host.activate('update'))).toEqual([meanwhile.id]);
	});

	it('a poll that starts while the previous one is still reading emits nothing twice', async () => {
		const host = await start({ event: 'orderCreated' });
		await host.activate();
		const order = addOrder();
		t.sandbox.faults.add({ method: 'GET', path: ORDERS, type: 'delay', delayMs: 1500 });
		const slow = host.poll();
		await sleep(300);
		const overlapping = await host.poll();
		expect(idsOf(await slow)).toEqual([order.id]);
		expect(overlapping.emitted).toBeNull();
		expect(host.executions).toHaveLength(1);
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('starts afresh when its filters are edited (no history of the new filter)', async () => {
		const host = await start({ event: 'orderCreated', filters: { status: ['draft'] } });
		await host.activate();
		addOrder({ status: 'finalized' });
		host.setParameters({ event: 'orderCreated', filters: { status: ['finalized'] } });
		await expect(host.activate('update')).resolves.toEqual({ emitted: null });
		const next = addOrder({ status: 'finalized' });
		expect(idsOf(await host.poll())).toEqual([next.id]);
	});

	describe('filters', () => {
		it('site: asks Stora for that site and emits only its orders', async () => {
			const host = await start({ event: 'orderCreated', filters: { siteIds: [SEED.sites.leeds] } });
			await host.activate();
			t.sandbox.clearRequests();
			addOrder({ site: { id: SEED.sites.camden } });
			const leeds = addOrder({ site: { id: SEED.sites.leeds } });
			expect(idsOf(await host.poll())).toEqual([leeds.id]);
			expect(listQuery(orderReads()[0].query, 'site_id')).toEqual([SEED.sites.leeds]);
		});

		it('status and metadata: sent to Stora and met by every order emitted', async () => {
			const host = await start({
				event: 'orderCreated',
				filters: {
					status: ['finalized', 'completed'],
					metadata: { metadataValues: [{ key: 'source', value: 'website' }] },
				},
			});
			await host.activate();
			t.sandbox.clearRequests();
			addOrder({ status: 'draft', metadata: { source: 'website' } });
			addOrder({ status: 'finalized', metadata: { source: 'phone' } });
			const wanted = addOrder({ status: 'finalized', metadata: { source: 'website' } });
			expect(idsOf(await host.poll())).toEqual([wanted.id]);
			const { query } = orderReads()[0];
			expect(listQuery(query, 'status').sort()).toEqual(['completed', 'finalized']);
			expect(query.metadata).toEqual({ source: 'website' });
		});

		it('a Stora that ignores the filters starts no workflow for other orders', async () => {
			const host = await start({
				event: 'orderCreated',
				filters: { siteIds: [SEED.sites.leeds], status: ['finalized'] },
			});
			await host.activate();
			const camden = addOrder({ site: { id: SEED.sites.camden }, status: 'finalized' });
			const draft = addOrder({ site: { id: SEED.sites.leeds }, status: 'draft' });
			const wanted = addOrder({ site: { id: SEED.sites.leeds }, status: 'finalized' });
			const all = t.sandbox
				.listOrders()
				.filter((order) => [camden.id, draft.id, wanted.id].includes(String(order.id)));
			t.sandbox.faults.add(onePageOf(ORDERS, 'orders', all));
			expect(idsOf(await host.poll())).toEqual([wanted.id]);
		});
	});

	describe('Fetch Test Event (manual)', () => {
		it('returns the newest matching order and leaves the state as it was', async () => {
			const host = await start({
				event: 'orderCreated',
				filters: { siteIds: [SEED.sites.camden] },
			});
			await host.activate();
			const saved = host.savedStaticData();
			addOrder({ site: { id: SEED.sites.camden }, created_at: Date.now() - MINUTE });
			const newest = addOrder({ site: { id: SEED.sites.camden } });
			addOrder({ site: { id: SEED.sites.leeds }, created_at: Date.now() + 1000 });

			const manual = await host.fetchTestEvent();
			expect(manual.error).toBeUndefined();
			expect(manual.items?.map((order) => order.id)).toEqual([newest.id]);
			expect(nodeDataOf(manual.staticData)).toEqual(nodeDataOf(saved));
			expect(host.savedStaticData()).toEqual(saved);
			// The cursor did not move: the next poll emits both Camden orders.
			expect(await host.poll()).toMatchObject({ emitted: expect.any(Array) });
			expect(host.executions[0]).toHaveLength(2);
		});

		it('before activation: the newest order, and no state written', async () => {
			const host = await start({ event: 'orderCreated' });
			const newest = addOrder({ created_at: Date.now() + 1000 });
			const manual = await host.fetchTestEvent();
			expect(manual.items?.map((order) => order.id)).toEqual([newest.id]);
			expect(pollStateOf(manual.staticData)).toBeUndefined();
		});

		it('says so when no order matches', async () => {
			const host = await start({
				event: 'orderCreated',
				filters: { metadata: { metadataValues: [{ key: 'external_id', value: 'none_such' }] } },
			});
			const manual = await host.fetchTestEvent();
			expect(manual.items).toBeNull();
			expect(manual.error?.message).toMatch(/no matching/i);
		});
	});
});
