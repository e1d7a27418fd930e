/**
 * Stora Polling Trigger, Order Status Reached: orders listed in the chosen status within the
 * look-back window, through n8n-core's PollContext (test/helpers/poll.ts) against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORDERS = '/2025-09/orders';
const completed = { event: 'orderStatus', orderStatus: 'completed', lookBackDays: 60 };

const addOrder = (partial: IDataObject = {}) =>
	t.sandbox.addOrder(partial) as IDataObject & { id: string };
/** A finalized order (waiting for payment) created `daysAgo` days ago. */
const finalized = (daysAgo: number, partial: IDataObject = {}) =>
	addOrder({ status: 'finalized', created_at: Date.now() - daysAgo * DAY, ...partial });
const pay = (order: { id: string }) => t.sandbox.completeCheckout(order.id);
const orderReads = () => t.requests().filter((request) => request.path === ORDERS);

describe('Stora Polling Trigger: Order Status Reached', () => {
	it('activation remembers the orders already in that status and emits nothing', async () => {
		const host = await start(completed);
		await expect(host.activate()).resolves.toEqual({ emitted: null });
		await expect(host.poll()).resolves.toEqual({ emitted: null });
		expect(Object.keys(pollStateOf(host.savedStaticData())!.emitted)).toContain(
			SEED.orders.completed,
		);
		expect(host.executions).toEqual([]);
	});

	it('emits an order created before activation once it is paid, once', async () => {
		const early = finalized(10);
		const other = finalized(3);
		const host = await start(completed);
		await host.activate();
		pay(early);
		expect(idsOf(await host.poll())).toEqual([early.id]);
		expect(idsOf(await host.poll())).toBeNull();
		pay(other);
		expect(idsOf(await host.poll())).toEqual([other.id]);
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('emits two orders created in the same second that reach the status together, both', async () => {
		const second = Date.now() - DAY;
		const z = addOrder({ id: 'order_zzzzzzzzzzzzzzzz', status: 'finalized', created_at: second });
		const a = addOrder({ id: 'order_aaaaaaaaaaaaaaaa', status: 'finalized', created_at: second });
		const host = await start(completed);
		await host.activate();
		pay(z);
		pay(a);
		expect(idsOf(await host.poll())).toEqual([a.id, z.id]);
	});

	it('window boundary: an order created before the look-back window that is paid now is not seen', async () => {
		const outside = finalized(61);
		const inside = finalized(59);
		const host = await start(completed);
		await host.activate();
		pay(outside);
		pay(inside);
		t.sandbox.clearRequests();
		expect(idsOf(await host.poll())).toEqual([inside.id]);
		const [read] = orderReads();
		expect(listQuery(read.query, 'status')).toEqual(['completed']);
		expect(read.query).toMatchObject({ sort_by: 'created_at', limit: '100' });
		const after = Date.parse(String(read.query.created_after));
		expect(Math.abs(after - (Date.now() - 60 * DAY))).toBeLessThan(HOUR);
	});

	it('costs one request per 100 orders in that status within the window', async () => {
		const base = Date.now();
		t.sandbox.addOrders(250, (i) => ({
			status: 'completed',
			created_at: base - 30 * DAY + i * 1000,
		}));
		t.sandbox.addOrders(300, (i) => ({
			status: 'completed',
			created_at: base - 90 * DAY + i * 1000,
		}));
		const host = await start(completed);
		await host.activate();
		t.sandbox.clearRequests();
		await host.poll();
		// 250 + the seeded completed order: 3 pages; the 300 older ones are never read.
		expect(orderReads()).toHaveLength(3);
	});

	it('a poll that fails on its second page emits nothing and changes no state; the next emits all', async () => {
		const base = Date.now() - 5 * DAY;
		t.sandbox.addOrders(150, (i) => ({ status: 'finalized', created_at: base + i * 1000 }));
		const waiting = t.sandbox.listOrders().filter((order) => order.status === 'finalized');
		const host = await start(completed);
		await host.activate();
		for (const order of waiting) pay(order as { id: string });
		const before = host.liveStaticData();
		t.sandbox.faults.add(rateLimitedPastBudget(ORDERS, { every: 2 }));
		const failed = await host.poll();
		expect(failed).toMatchObject({ emitted: null, error: expect.any(Error) });
		expect(host.liveStaticData()).toEqual(before);
		t.sandbox.faults.clear();
		const caughtUp = await host.poll();
		expect(new Set(idsOf(caughtUp))).toEqual(new Set(waiting.map((order) => order.id)));
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('Include Existing: activation emits the orders that reached the status since that date', async () => {
		const now = Date.now();
		const recent = addOrder({
			status: 'completed',
			created_at: now - 10 * DAY,
			updated_at: now - 2 * HOUR,
		});
		const host = await start({
			...completed,
			options: { includeExistingSince: new Date(now - DAY).toISOString() },
		});
		const first = await host.activate();
		expect(idsOf(first)).toEqual([recent.id]);
		expect(idsOf(first)).not.toContain(SEED.orders.completed);
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('a restart (new process, saved static data) emits nothing twice', async () => {
		const early = finalized(10);
		const host = await start(completed);
		await host.activate();
		pay(early);
		expect(idsOf(await host.poll())).toEqual([early.id]);
		host.restart({ newProcess: true });
		await expect(host.activate('init')).resolves.toEqual({ emitted: null });
		expect(idsOf(await host.poll())).toBeNull();
		const later = finalized(2);
		pay(later);
		expect(idsOf(await host.poll())).toEqual([later.id]);
	});

	it('abandoned: emits an order when it is abandoned', async () => {
		const order = finalized(4);
		const host = await start({ ...completed, orderStatus: 'abandoned' });
		await host.activate();
		t.sandbox.abandonOrder(order.id);
		expect(idsOf(await host.poll())).toEqual([order.id]);
	});

	it('filters: site, and an order not really in that status (Stora ignoring the filter) is not emitted', async () => {
		const camden = finalized(3, { site: { id: SEED.sites.camden } });
		const leeds = finalized(3, { site: { id: SEED.sites.leeds } });
		const stillWaiting = finalized(2, { site: { id: SEED.sites.leeds } });
		const host = await start({ ...completed, filters: { siteIds: [SEED.sites.leeds] } });
		await host.activate();
		pay(camden);
		pay(leeds);
		const listed = t.sandbox
			.listOrders()
			.filter((order) => [camden.id, leeds.id, stillWaiting.id].includes(String(order.id)));
		t.sandbox.faults.add(onePageOf(ORDERS, 'orders', listed));
		expect(idsOf(await host.poll())).toEqual([leeds.id]);
		expect(idsOf(await host.poll())).toBeNull();
	});

	describe('Fetch Test Event (manual)', () => {
		it('returns the newest order in that status and leaves the state as it was', async () => {
			const host = await start(completed);
			await host.activate();
			const saved = host.savedStaticData();
			const newest = addOrder({ status: 'completed', created_at: Date.now() - HOUR });
			addOrder({ status: 'finalized', created_at: Date.now() });
			const manual = await host.fetchTestEvent();
			expect(manual.items?.map((order) => order.id)).toEqual([newest.id]);
			expect(nodeDataOf(manual.staticData)).toEqual(nodeDataOf(saved));
			// Not remembered: the next poll emits it.
			expect(idsOf(await host.poll())).toEqual([newest.id]);
		});

		it('says so when no order is in that status', async () => {
			const host = await start({ ...completed, filters: { siteIds: [SEED.sites.leeds] } });
			const manual = await host.fetchTestEvent();
			expect(manual.items).toBeNull();
			expect(manual.error?.message).toMatch(/no matching/i);
		});
	});
});
