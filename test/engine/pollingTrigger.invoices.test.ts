/**
 * Stora Polling Trigger, Invoice Created and Invoice Paid: the invoice list read newest first
 * until what was seen (its filters are not documented), through n8n-core's PollContext
 * (test/helpers/poll.ts) against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import {
	idsOf,
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
const DAY = 24 * 60 * MINUTE;
const INVOICES = '/2025-09/invoices';
const invoiceId = (body: string) => `inv_${body.padEnd(16, '0')}`;
const addInvoice = (partial: IDataObject = {}) =>
	t.sandbox.addInvoice(partial) as IDataObject & { id: string };
const pay = (invoice: { id: string }) => t.sandbox.payInvoice(invoice.id) as IDataObject;
const invoiceReads = () => t.requests().filter((request) => request.path === INVOICES);
const failPastBudget = (extra: IDataObject = {}) =>
	t.sandbox.faults.add(rateLimitedPastBudget(INVOICES, extra));

afterEach(() => t.sandbox.setOptions({ invoiceSortIgnored: false }));

describe('Stora Polling Trigger: Invoice Created', () => {
	const created = { event: 'invoiceCreated' };

	it('first poll emits nothing; new invoices once, oldest first, same second by id', async () => {
		const host = await start(created);
		await expect(host.activate()).resolves.toEqual({ emitted: null });
		await expect(host.poll()).resolves.toEqual({ emitted: null });
		const second = Date.now();
		// Inserted in id order: read newest first, Stora gives them in the other order.
		const a = addInvoice({ id: invoiceId('aa'), created_at: second });
		const z = addInvoice({ id: invoiceId('zz'), created_at: second });
		const earlier = addInvoice({ created_at: second - MINUTE });
		expect(idsOf(await host.poll())).toEqual([earlier.id, a.id, z.id]);
		expect(idsOf(await host.poll())).toBeNull();
		const m = addInvoice({ id: invoiceId('mm'), created_at: second });
		expect(idsOf(await host.poll())).toEqual([m.id]);
		const [read] = invoiceReads().slice(-1);
		expect(read.query).toMatchObject({
			sort_by: 'created_at',
			sort_direction: 'DESC',
			limit: '100',
		});
	});

	it('reads newest first only until what it has seen: one page for a few new invoices', async () => {
		const base = Date.now() - 10 * DAY;
		t.sandbox.addInvoices(250, (i) => ({ created_at: base + i * 1000 }));
		const host = await start(created);
		await host.activate();
		const fresh = [addInvoice(), addInvoice()];
		t.sandbox.clearRequests();
		expect(new Set(idsOf(await host.poll()))).toEqual(new Set(fresh.map((invoice) => invoice.id)));
		expect(invoiceReads()).toHaveLength(1);
	});

	it('after a long outage reads back no further than the look-back window', async () => {
		const host = await start({ ...created, lookBackDays: 1 });
		await host.activate();
		const base = Date.now() - 3 * DAY;
		t.sandbox.addInvoices(250, (i) => ({ created_at: base + i * 60_000 }));
		const recent = addInvoice({ created_at: Date.now() - 60 * MINUTE });
		// The saved state of a poll 30 days ago: n8n was off since.
		const saved = host.savedStaticData();
		const state = pollStateOf(saved)!;
		state.cursor = new Date(Date.now() - 30 * DAY).toISOString();
		state.emitted = {};
		host.setSavedStaticData(saved);
		host.restart({ newProcess: true });
		t.sandbox.clearRequests();
		expect(idsOf(await host.activate('init'))).toEqual([recent.id]);
		expect(invoiceReads()).toHaveLength(1);
	});

	it('an invoice with created_at null is placed by finalized_at; one with neither is emitted once', async () => {
		const host = await start(created);
		await host.activate();
		const now = Date.now();
		const byFinalized = addInvoice({ created_at: null, finalized_at: now - MINUTE });
		const dated = addInvoice({ created_at: now });
		const timeless = addInvoice({ created_at: null, finalized_at: null, status: 'draft' });
		// Oldest first: the one finalized a minute ago before the one created now; the undated last.
		expect(idsOf(await host.poll())).toEqual([byFinalized.id, dated.id, timeless.id]);
		expect(idsOf(await host.poll())).toBeNull();
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('does not rely on the sort: a page out of order with a seen invoice first still yields the new one', async () => {
		const host = await start(created);
		await host.activate();
		const seen = addInvoice({ created_at: Date.now() - MINUTE });
		expect(idsOf(await host.poll())).toEqual([seen.id]);
		const fresh = addInvoice();
		t.sandbox.setOptions({ invoiceSortIgnored: true });
		expect(idsOf(await host.poll())).toEqual([fresh.id]);
		const next = addInvoice();
		const listed = t.sandbox.listInvoices() as IDataObject[];
		const bySeen = [seen.id, fresh.id, next.id].map(
			(id) => listed.find((invoice) => invoice.id === id)!,
		);
		t.sandbox.faults.add(onePageOf(INVOICES, 'invoices', bySeen));
		expect(idsOf(await host.poll())).toEqual([next.id]);
	});

	it('a Stora that ignores the sort (oldest first) is read to its last page: the new invoice is found', async () => {
		const base = Date.now() - 10 * DAY;
		t.sandbox.addInvoices(150, (i) => ({ created_at: base + i * 1000 }));
		const host = await start(created);
		await host.activate();
		t.sandbox.setOptions({ invoiceSortIgnored: true });
		const fresh = addInvoice();
		t.sandbox.clearRequests();
		expect(idsOf(await host.poll())).toEqual([fresh.id]);
		expect(invoiceReads()).toHaveLength(2);
	});

	it('a failed poll emits nothing and changes no state; the next catches up', async () => {
		const host = await start(created);
		await host.activate();
		const base = Date.now();
		t.sandbox.addInvoices(150, (i) => ({ created_at: base - 150_000 + i * 1000 }));
		const before = host.liveStaticData();
		failPastBudget({ every: 2 });
		expect(await host.poll()).toMatchObject({ emitted: null, error: expect.any(Error) });
		expect(host.liveStaticData()).toEqual(before);
		t.sandbox.faults.clear();
		const caughtUp = await host.poll();
		expect(caughtUp.emitted).toHaveLength(150);
		const times = caughtUp.emitted!.map((invoice) => Date.parse(String(invoice.created_at)));
		expect(times).toEqual([...times].sort((x, y) => x - y));
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('Include Existing, restart and manual test', async () => {
		const now = Date.now();
		const since = addInvoice({ created_at: now - 10 * MINUTE });
		const host = await start({
			...created,
			options: { includeExistingSince: new Date(now - 60 * MINUTE).toISOString() },
		});
		const first = idsOf(await host.activate());
		// The seeded draft has no timestamp at all: emitted once, as any invoice without one.
		expect(first?.filter((id) => id !== SEED.invoices.draft)).toEqual([since.id]);
		host.restart({ newProcess: true });
		await expect(host.activate('init')).resolves.toEqual({ emitted: null });
		expect(idsOf(await host.poll())).toBeNull();
		const saved = host.savedStaticData();
		const newest = addInvoice({ created_at: now + 1000 });
		const manual = await host.fetchTestEvent();
		expect(manual.items?.map((invoice) => invoice.id)).toEqual([newest.id]);
		expect(nodeDataOf(manual.staticData)).toEqual(nodeDataOf(saved));
		expect(idsOf(await host.poll())).toEqual([newest.id]);
	});
});

describe('Stora Polling Trigger: Invoice Paid', () => {
	const paid = { event: 'invoicePaid', lookBackDays: 60 };

	it('activation remembers every invoice already paid; an invoice paid later is emitted once', async () => {
		const host = await start(paid);
		await expect(host.activate()).resolves.toEqual({ emitted: null });
		expect(Object.keys(pollStateOf(host.savedStaticData())!.emitted)).toContain(SEED.invoices.paid);
		await expect(host.poll()).resolves.toEqual({ emitted: null });
		pay({ id: SEED.invoices.open });
		expect(idsOf(await host.poll())).toEqual([SEED.invoices.open]);
		expect(idsOf(await host.poll())).toBeNull();
		const fresh = addInvoice();
		expect(idsOf(await host.poll())).toBeNull();
		pay(fresh);
		expect(idsOf(await host.poll())).toEqual([fresh.id]);
	});

	it('costs one request per 100 invoices created within the window; older ones are not read', async () => {
		const base = Date.now();
		t.sandbox.addInvoices(300, (i) => ({ created_at: base - 90 * DAY + i * 1000 }));
		t.sandbox.addInvoices(250, (i) => ({ created_at: base - 30 * DAY + i * 1000 }));
		const host = await start(paid);
		await host.activate();
		t.sandbox.clearRequests();
		await host.poll();
		// 250 + the 4 seeded invoices within 60 days: 3 pages, the third reaching past the window.
		expect(invoiceReads()).toHaveLength(3);
	});

	it('two invoices paid in the same second are both emitted', async () => {
		const a = addInvoice({ id: invoiceId('aa'), created_at: Date.now() - DAY });
		const z = addInvoice({ id: invoiceId('zz'), created_at: Date.now() - DAY });
		const host = await start(paid);
		await host.activate();
		const second = Date.now();
		t.sandbox.payInvoice(z.id, second);
		t.sandbox.payInvoice(a.id, second);
		expect(new Set(idsOf(await host.poll()))).toEqual(new Set([a.id, z.id]));
	});

	it('window boundary: an invoice created before the look-back window and paid now is not emitted', async () => {
		const outside = addInvoice({ created_at: Date.now() - 61 * DAY });
		const inside = addInvoice({ created_at: Date.now() - 59 * DAY });
		const host = await start(paid);
		await host.activate();
		pay(outside);
		pay(inside);
		expect(idsOf(await host.poll())).toEqual([inside.id]);
	});

	it('a failed poll emits nothing and changes no state; the next catches up', async () => {
		const base = Date.now() - 5 * DAY;
		t.sandbox.addInvoices(150, (i) => ({ created_at: base + i * 1000 }));
		const open = (t.sandbox.listInvoices() as Array<IDataObject & { id: string }>).filter(
			(invoice) => invoice.status === 'open' && Date.parse(String(invoice.created_at)) >= base,
		);
		const host = await start(paid);
		await host.activate();
		for (const invoice of open) pay(invoice);
		const before = host.liveStaticData();
		failPastBudget({ every: 2 });
		expect(await host.poll()).toMatchObject({ emitted: null, error: expect.any(Error) });
		expect(host.liveStaticData()).toEqual(before);
		t.sandbox.faults.clear();
		expect(new Set(idsOf(await host.poll()))).toEqual(new Set(open.map((invoice) => invoice.id)));
		expect(idsOf(await host.poll())).toBeNull();
	});

	it('Include Existing emits those paid since that date; restart and manual test', async () => {
		const now = Date.now();
		const recent = addInvoice({ created_at: now - 3 * DAY });
		t.sandbox.payInvoice(recent.id, now - 30 * MINUTE);
		const host = await start({
			...paid,
			options: { includeExistingSince: new Date(now - 60 * MINUTE).toISOString() },
		});
		expect(idsOf(await host.activate())).toEqual([recent.id]);
		host.restart({ newProcess: true });
		await expect(host.activate('init')).resolves.toEqual({ emitted: null });
		const saved = host.savedStaticData();
		const manual = await host.fetchTestEvent();
		expect(manual.items?.map((invoice) => invoice.id)).toEqual([recent.id]);
		expect(nodeDataOf(manual.staticData)).toEqual(nodeDataOf(saved));
		expect(idsOf(await host.poll())).toBeNull();
	});
});
