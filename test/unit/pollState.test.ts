import type { IDataObject } from 'n8n-workflow';

import { POLLED_EVENTS, polledEvent, readingOf } from '../../nodes/StoraPollingTrigger/events';
import { matchesQuery } from '../../nodes/StoraPollingTrigger/filters';
import type { PollState } from '../../nodes/StoraPollingTrigger/pollState';
import {
	DAY_MS,
	OVERLAP_MS,
	cursorStep,
	fingerprintOf,
	newestFirstStop,
	storedState,
	windowStep,
} from '../../nodes/StoraPollingTrigger/pollState';

const MINUTE = 60 * 1000;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const at = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ids = (records: IDataObject[]) => records.map((record) => record.id);

const event = (value: string) => {
	const found = polledEvent(value);
	if (!found) throw new Error(value);
	return found;
};
const orders = readingOf(event('orderCreated'));
const contactsUpdated = readingOf(event('contactUpdated'));
const invoices = readingOf(event('invoiceCreated'));

const order = (id: string, time: number, extra: IDataObject = {}): IDataObject => ({
	id,
	created_at: at(time),
	...extra,
});
const start = (cursor?: number): PollState => ({
	v: 1,
	fingerprint: 'f',
	...(cursor === undefined ? {} : { cursor: new Date(cursor).toISOString() }),
	emitted: {},
});
const from = (state: PollState) => Date.parse(String(state.cursor)) - OVERLAP_MS;
const KEEP = 60 * DAY_MS;

/** One poll of a cursor event as the node runs it: from the cursor, with the overlap. */
const cursorPoll = (state: PollState, records: IDataObject[], now = T0 + 10 * MINUTE) =>
	cursorStep(state, records, orders, { now, from: from(state), undatedKeepMs: KEEP });

describe('a cursor event’s poll (created, updated)', () => {
	it('emits two records created in the same second, ties by ID, and each only once', () => {
		const first = cursorPoll(start(T0), [
			order('order_b', T0 + MINUTE),
			order('order_a', T0 + MINUTE),
		]);
		expect(ids(first.emit)).toEqual(['order_a', 'order_b']);
		expect(first.state.cursor).toBe(new Date(T0 + MINUTE).toISOString());

		// The next poll reads the same second again (inclusive created_after) plus a newer one.
		const second = cursorPoll(first.state, [
			order('order_a', T0 + MINUTE),
			order('order_b', T0 + MINUTE),
			order('order_c', T0 + MINUTE),
		]);
		expect(ids(second.emit)).toEqual(['order_c']);
	});

	it('emits oldest first whatever order Stora answered in', () => {
		const { emit } = cursorPoll(start(T0), [
			order('order_z', T0 + 3000),
			order('order_y', T0 + 1000),
			order('order_x', T0 + 2000),
		]);
		expect(ids(emit)).toEqual(['order_y', 'order_x', 'order_z']);
	});

	it('emits a record committed late within the overlap, and treats older ones as read', () => {
		const first = cursorPoll(start(T0), [order('order_a', T0 + 10 * MINUTE)]);
		const second = cursorPoll(first.state, [
			order('order_a', T0 + 10 * MINUTE),
			// Stamped 4 minutes before the newest record read, committed after that poll.
			order('order_late', T0 + 6 * MINUTE),
			// Before cursor − overlap: a Stora ignoring created_after sends it again.
			order('order_old', T0 + 4 * MINUTE),
		]);
		expect(ids(second.emit)).toEqual(['order_late']);
		expect(second.state.cursor).toBe(new Date(T0 + 10 * MINUTE).toISOString());
	});

	it('keeps only the keys within the overlap before the new cursor', () => {
		const first = cursorPoll(start(T0), [order('order_a', T0), order('order_b', T0 + 4 * MINUTE)]);
		expect(Object.keys(first.state.emitted).sort()).toEqual(['order_a', 'order_b']);
		const second = cursorPoll(first.state, [order('order_c', T0 + 6 * MINUTE)]);
		// order_a is 6 minutes before the cursor: no later poll asks for it again.
		expect(Object.keys(second.state.emitted).sort()).toEqual(['order_b', 'order_c']);
	});

	it('never moves the cursor back, and keeps it when nothing is read', () => {
		const state = start(T0 + 10 * MINUTE);
		expect(cursorPoll(state, []).state.cursor).toBe(state.cursor);
		expect(cursorPoll(state, [order('order_a', T0 + 8 * MINUTE)]).state.cursor).toBe(state.cursor);
	});

	it('on the first poll remembers without emitting, and the next poll emits only what is new', () => {
		const records = [order('order_a', T0 - MINUTE), order('order_b', T0)];
		const baseline = cursorStep(start(T0), records, orders, {
			now: T0,
			from: T0 - OVERLAP_MS,
			emits: () => false,
			undatedKeepMs: KEEP,
		});
		expect(baseline.emit).toEqual([]);
		const next = cursorPoll(baseline.state, [...records, order('order_c', T0 + MINUTE)]);
		expect(ids(next.emit)).toEqual(['order_c']);
	});

	it('moves the cursor past records the filters reject, without emitting them', () => {
		const wanted = (record: IDataObject) => record.status === 'completed';
		const { emit, state } = cursorStep(
			start(T0),
			[
				order('order_a', T0 + MINUTE, { status: 'completed' }),
				order('order_b', T0 + 2 * MINUTE, { status: 'draft' }),
			],
			orders,
			{ now: T0, from: T0 - OVERLAP_MS, wanted, undatedKeepMs: KEEP },
		);
		expect(ids(emit)).toEqual(['order_a']);
		expect(state.cursor).toBe(new Date(T0 + 2 * MINUTE).toISOString());
		expect(Object.keys(state.emitted)).toEqual(['order_a']);
	});

	it('emits each change of a contact: the key is its ID and updated_at', () => {
		const contact = (updated: number) => ({ id: 'con_a', updated_at: at(updated) });
		const step = (state: PollState, records: IDataObject[]) =>
			cursorStep(state, records, contactsUpdated, {
				now: T0,
				from: from(state),
				undatedKeepMs: KEEP,
			});
		const first = step(start(T0), [contact(T0 + MINUTE)]);
		expect(first.emit).toHaveLength(1);
		expect(step(first.state, [contact(T0 + MINUTE)]).emit).toHaveLength(0);
		expect(step(first.state, [contact(T0 + 2 * MINUTE)]).emit).toHaveLength(1);
	});

	it('emits a record without a timestamp once, and forgets it after the keep time', () => {
		const undated = { id: 'inv_undated', created_at: null, finalized_at: null };
		const first = cursorStep(start(T0), [undated], invoices, {
			now: T0,
			from: T0,
			undatedKeepMs: KEEP,
		});
		expect(ids(first.emit)).toEqual(['inv_undated']);
		const again = cursorStep(first.state, [undated], invoices, {
			now: T0 + DAY_MS,
			from: T0,
			undatedKeepMs: KEEP,
		});
		expect(again.emit).toEqual([]);
		const later = cursorStep(first.state, [], invoices, {
			now: T0 + KEEP + DAY_MS,
			from: T0,
			undatedKeepMs: KEEP,
		});
		expect(later.state.undated).toBeUndefined();
	});

	it('places an invoice by finalized_at when created_at is null (the docs’ example)', () => {
		const invoice = { id: 'inv_a', created_at: null, finalized_at: at(T0 + MINUTE) };
		const { emit, state } = cursorStep(start(T0), [invoice], invoices, {
			now: T0,
			from: T0,
			undatedKeepMs: KEEP,
		});
		expect(ids(emit)).toEqual(['inv_a']);
		expect(state.emitted).toEqual({ inv_a: new Date(T0 + MINUTE).toISOString() });
	});
});

describe('a window event’s poll (status reached, invoice paid)', () => {
	const now = T0 + 100 * DAY_MS;
	const windowStart = now - 60 * DAY_MS;
	const step = (state: PollState, records: IDataObject[], emits?: () => boolean) =>
		windowStep(state, records, orders, { now, from: windowStart, emits });

	it('emits each record of the set once, and records older than the window never', () => {
		const inside = order('order_in', windowStart + DAY_MS);
		const outside = order('order_out', windowStart - DAY_MS);
		const first = step(start(), [inside, outside]);
		expect(ids(first.emit)).toEqual(['order_in']);
		expect(step(first.state, [inside]).emit).toEqual([]);
	});

	it('on the first poll remembers every record in the set without emitting', () => {
		const records = [order('order_a', windowStart + DAY_MS), order('order_b', now - DAY_MS)];
		const baseline = step(start(), records, () => false);
		expect(baseline.emit).toEqual([]);
		expect(step(baseline.state, [...records, order('order_c', now)]).emit).toEqual([
			order('order_c', now),
		]);
	});

	it('forgets keys once their record is older than the window', () => {
		const state: PollState = {
			...start(),
			emitted: {
				order_old: new Date(windowStart - 1000).toISOString(),
				order_kept: new Date(windowStart).toISOString(),
			},
		};
		expect(Object.keys(step(state, []).state.emitted)).toEqual(['order_kept']);
	});
});

describe('the stored state', () => {
	const fingerprint = fingerprintOf({ event: 'orderCreated', filters: { status: 'completed' } });

	it('is taken up only for the same settings and version: otherwise the poll starts afresh', () => {
		const state = { v: 1, fingerprint, cursor: at(T0), emitted: {} };
		expect(storedState(state, fingerprint)).toBe(state);
		const other = fingerprintOf({ event: 'orderCreated', filters: { status: 'draft' } });
		expect(storedState(state, other)).toBeUndefined();
		expect(storedState({ ...state, v: 2 }, fingerprint)).toBeUndefined();
		expect(storedState({ ...state, emitted: null }, fingerprint)).toBeUndefined();
		expect(storedState({ ...state, cursor: 'yesterday' }, fingerprint)).toBeUndefined();
		expect(storedState(undefined, fingerprint)).toBeUndefined();
	});

	it('has a fingerprint that does not depend on the order of settings', () => {
		expect(fingerprintOf({ b: 1, a: { d: 2, c: 3 } })).toBe(
			fingerprintOf({ a: { c: 3, d: 2 }, b: 1 }),
		);
		expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
	});
});

describe('reading invoices newest first', () => {
	const invoice = (id: string, time: number) => ({ id, created_at: at(time) });
	const page = (...times: number[]) => times.map((time, i) => invoice(`inv_${i}`, time));

	it('stops after the first sorted page that reaches back before the limit', () => {
		const until = newestFirstStop(invoices, () => T0);
		expect(until(page(T0 + 3000, T0 + 2000))).toBe(false);
		expect(until(page(T0 + 1000, T0 - 1000))).toBe(true);
	});

	it('never stops on an unsorted page, nor after one', () => {
		const until = newestFirstStop(invoices, () => T0);
		// Oldest first: the newest invoices may be on the last page.
		expect(until(page(T0 - 2000, T0 + 5000))).toBe(false);
		expect(until(page(T0 - 5000, T0 - 6000))).toBe(false);
	});

	it('counts a page newer than the one before as out of order too', () => {
		const until = newestFirstStop(invoices, () => T0);
		expect(until(page(T0 + 1000))).toBe(false);
		expect(until(page(T0 + 9000, T0 - 1000))).toBe(false);
	});

	it('on the first poll, stops an overlap before the newest invoice read', () => {
		const until = newestFirstStop(invoices, (newest) => newest - OVERLAP_MS);
		expect(until(page(T0, T0 - 4 * MINUTE))).toBe(false);
		expect(until(page(T0 - 6 * MINUTE))).toBe(true);
	});

	it('does not stop on invoices without a timestamp', () => {
		const until = newestFirstStop(invoices, () => T0);
		expect(until([{ id: 'inv_a', created_at: null, finalized_at: null }])).toBe(false);
	});
});

describe('filters checked on the records Stora returns', () => {
	it('rejects a record whose field has another value, and passes one without the field', () => {
		const qs = { status: 'completed,finalized', site_id: 'site_a', 'metadata[source]': 'web' };
		const base = { status: 'completed', site: { id: 'site_a' }, metadata: { source: 'web' } };
		expect(matchesQuery(base, qs)).toBe(true);
		expect(matchesQuery({ ...base, status: 'draft' }, qs)).toBe(false);
		expect(matchesQuery({ ...base, site: { id: 'site_b' } }, qs)).toBe(false);
		expect(matchesQuery({ ...base, metadata: { source: 'zapier' } }, qs)).toBe(false);
		expect(matchesQuery({ ...base, metadata: {} }, qs)).toBe(false);
		expect(matchesQuery({ id: 'order_a' }, qs)).toBe(true);
	});

	it('matches a contact without a value with "unspecified"', () => {
		expect(matchesQuery({ type: null }, { type: 'unspecified' })).toBe(true);
		expect(matchesQuery({ type: null }, { type: 'company' })).toBe(false);
		expect(matchesQuery({ type: 'company' }, { type: 'company,student' })).toBe(true);
	});
});

describe('the events table', () => {
	it('has the six events the spec names, each on a documented list', () => {
		expect(POLLED_EVENTS.map((e) => e.value)).toEqual([
			'orderCreated',
			'orderStatus',
			'contactCreated',
			'contactUpdated',
			'invoiceCreated',
			'invoicePaid',
		]);
		for (const e of POLLED_EVENTS) expect(e.path).toBe(`/${e.property}`);
	});
});
