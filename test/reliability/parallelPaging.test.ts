/**
 * Return All and a large Limit in version 2+ read the pages after the first at once, by number,
 * then sweep the gaps between them on the created_at cursor: every order that matches throughout
 * comes back once, in Stora's order, even while others create and finalize orders during the run.
 * Version 1 still reads one page at a time.
 */
import type { INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { LoggedRequest } from '../engine/sandbox';
import { useSandbox } from '../engine/sandbox';

// The tests that meet 429s or pace have their own token: a token's pacer slows down after 429s.
const t = useSandbox({
	seedOrders: false,
	tokens: { 'paced-8': ['public.order:read'], faulty: ['public.order:read'] },
});

const getMany = { resource: 'order', operation: 'getAll', returnAll: true };
const version2 = { node: { typeVersion: 2 } };
const START = Date.parse('2026-01-01T00:00:00Z');
const list = { method: 'GET', path: '/2025-09/orders' } as const;

/** `count` drafts, oldest first, `perSecond` to a second. */
function addDrafts(count: number, perSecond = 1) {
	t.sandbox.addOrders(count, (i) => ({
		created_at: START + Math.floor(i / perSecond) * 1000,
		metadata: { n: String(i) },
	}));
}

const numbersOf = (orders: Array<Record<string, unknown>>) =>
	orders.map((order) => Number((order.metadata as { n: string }).n));
const byPageNumber = (request: LoggedRequest) =>
	request.query.created_before === undefined && request.query.created_after === undefined;
const isSorted = (times: number[], descending: boolean) =>
	times.every((time, i) => i === 0 || (descending ? times[i - 1] >= time : times[i - 1] <= time));

describe('Return All in version 2: pages at once, then the gaps between them', () => {
	it('1,000 orders: page 1, then 11 overlapping chunks together; nothing moved, so no sweep; each order once, newest first', async () => {
		addDrafts(1000);
		// Every page takes 300 ms: one after another, the chunks would arrive 300 ms apart.
		t.sandbox.faults.add({ ...list, type: 'delay', delayMs: 300, times: 12 });
		const result = await t.run(getMany, version2);
		expect(result.status).toBe('success');
		expect(numbersOf(result.json('Stora'))).toEqual(
			Array.from({ length: 1000 }, (_, i) => 999 - i),
		);

		const [first, ...others] = t.requests();
		expect(first.query).toMatchObject({ page: '1', limit: '100' });
		expect(others.every(byPageNumber)).toBe(true);
		// Each chunk starts at least 4 orders before the one before it ends: (page − 1) × limit.
		const chunks = others
			.map((request) => [Number(request.query.page), Number(request.query.limit)])
			.map(([page, limit]) => [(page - 1) * limit, page * limit])
			.sort((a, b) => a[0] - b[0]);
		expect(chunks).toHaveLength(11);
		chunks.forEach(([start], i) => {
			const previousEnd = i === 0 ? 100 : chunks[i - 1][1];
			expect(previousEnd - start).toBeGreaterThanOrEqual(4);
		});
		expect(chunks[chunks.length - 1][1]).toBeGreaterThanOrEqual(1000);
		const arrivals = others.map((request) => request.receivedAt);
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(250);
	});

	it('version 1 still reads one page at a time on the cursor', async () => {
		addDrafts(1000);
		const result = await t.run(getMany);
		expect(result.json('Stora')).toHaveLength(1000);
		expect(
			t
				.requests()
				.filter(byPageNumber)
				.map((request) => request.query.page),
		).toEqual(['1']);
	});

	it('In Flight 1 in version 2 reads one page at a time too', async () => {
		addDrafts(1000);
		await t.run({ ...getMany, options: { inFlight: 1 } }, version2);
		expect(t.requests().filter(byPageNumber)).toHaveLength(1);
	});

	it('five orders to a second, so every page ends inside a second: each once, in order', async () => {
		addDrafts(1000, 5);
		const result = await t.run(getMany, version2);
		const orders = result.json('Stora');
		expect(numbersOf(orders)).toEqual(Array.from({ length: 1000 }, (_, i) => 999 - i));
	});

	it('a Limit of 2,500 of 5,000: 25 pages at once, the newest 2,500 in order', async () => {
		addDrafts(5000);
		const result = await t.run({ ...getMany, returnAll: false, limit: 2500 }, version2);
		expect(numbersOf(result.json('Stora'))).toEqual(
			Array.from({ length: 2500 }, (_, i) => 4999 - i),
		);
		// 25 pages of 100 one by one; overlapping chunks: 29 requests, all at once.
		expect(t.requests().filter(byPageNumber)).toHaveLength(29);
	});

	it('with the user’s Created Before: no sweep reaches past it', async () => {
		addDrafts(1000);
		const createdBefore = new Date(START + 800_000).toISOString();
		const result = await t.run({ ...getMany, filters: { createdBefore } }, version2);
		expect(numbersOf(result.json('Stora'))).toEqual(Array.from({ length: 800 }, (_, i) => 799 - i));
		for (const request of t.requests()) {
			expect(Date.parse(String(request.query.created_before))).toBeLessThanOrEqual(START + 800_000);
		}
	});
});

describe('Return All in version 2 while another client creates and finalizes orders', () => {
	const drafts = () => t.sandbox.listOrders().filter((order) => order.status === 'draft');

	/**
	 * The fifth list request is held back until the change is made, so the change lands between
	 * pages already answered and one still to come.
	 */
	async function whileListing(change: () => void, parameters: INodeParameters) {
		t.sandbox.faults.add({ ...list, type: 'delay', delayMs: 500, every: 5, times: 1 });
		const running = t.run(parameters, version2);
		while (t.requests().filter((request) => request.status === 200).length < 9) await sleep(5);
		change();
		return await running;
	}

	function expectEveryDraftThatStayedOnce(
		orders: Array<Record<string, unknown>>,
		stayed: Set<string>,
		descending: boolean,
	) {
		const ids = orders.map((order) => order.id as string);
		expect(new Set(ids).size).toBe(ids.length);
		const returned = new Set(ids);
		expect([...stayed].filter((id) => !returned.has(id))).toEqual([]);
		const times = orders.map((order) => Date.parse(String(order.created_at)));
		expect(isSorted(times, descending)).toBe(true);
	}

	it('newest first: 60 of the newest drafts finalized and 30 drafts created mid-run', async () => {
		addDrafts(1000);
		const before = new Set(drafts().map((order) => order.id as string));
		const result = await whileListing(
			() => {
				for (const order of t.sandbox.store.orders.slice(-60)) order.status = 'finalized';
				for (let i = 0; i < 30; i++) t.sandbox.addOrder({ created_at: START + (2000 + i) * 1000 });
			},
			{ ...getMany, filters: { status: ['draft'] } },
		);
		expect(result.status).toBe('success');
		const stayed = new Set(
			drafts()
				.map((order) => order.id as string)
				.filter((id) => before.has(id)),
		);
		expect(stayed.size).toBe(940);
		expectEveryDraftThatStayedOnce(result.json('Stora'), stayed, true);
	});

	it('oldest first: 60 of the oldest drafts finalized and 30 old drafts appearing mid-run', async () => {
		addDrafts(1000);
		const before = new Set(drafts().map((order) => order.id as string));
		const result = await whileListing(
			() => {
				for (const order of t.sandbox.store.orders.slice(0, 60)) order.status = 'finalized';
			},
			{ ...getMany, filters: { status: ['draft'] }, options: { sortDirection: 'ASC' } },
		);
		expect(result.status).toBe('success');
		const stayed = new Set(
			drafts()
				.map((order) => order.id as string)
				.filter((id) => before.has(id)),
		);
		expect(stayed.size).toBe(940);
		expectEveryDraftThatStayedOnce(result.json('Stora'), stayed, false);
	});

	it('drafts appearing all over the list push orders onto chunks already read: none twice, still in order', async () => {
		addDrafts(1000);
		const before = new Set(drafts().map((order) => order.id as string));
		const result = await whileListing(
			() => {
				for (let i = 0; i < 500; i++) t.sandbox.addOrder({ created_at: START + i * 2000 + 500 });
			},
			{ ...getMany, filters: { status: ['draft'] } },
		);
		expect(result.status).toBe('success');
		expectEveryDraftThatStayedOnce(result.json('Stora'), before, true);
	});
});

describe('Return All in version 2: what else holds', () => {
	it('a list paged by number only (contacts): the pages after the first at once, the same records in the same order as one by one', async () => {
		for (let i = 0; i < 1000; i++) t.sandbox.addContact({ created_at: START + i * 1000 });
		const contacts = { resource: 'contact', operation: 'getAll', returnAll: true };
		const oneByOne = (await t.run(contacts)).json('Stora').map((contact) => contact.id);
		t.sandbox.clearRequests();
		t.sandbox.faults.add({
			method: 'GET',
			path: '/2025-09/contacts',
			type: 'delay',
			delayMs: 300,
			times: 11,
		});
		const parallel = (await t.run(contacts, version2)).json('Stora').map((contact) => contact.id);
		expect(parallel).toEqual(oneByOne);
		// (With the seed's few contacts: 11 pages, no sweeps.)
		expect(new Set(parallel).size).toBe(oneByOne.length);
		const pages = t.requests().map((request) => Number(request.query.page));
		expect(pages.sort((a, b) => a - b)).toEqual(
			Array.from({ length: Math.ceil(oneByOne.length / 100) }, (_, i) => i + 1),
		);
		const arrivals = t
			.requests()
			.slice(1)
			.map((request) => request.receivedAt);
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(250);
	});

	it('pages answered 429, 500, cut short or not at all are asked for again: each order once, in order', async () => {
		addDrafts(1000);
		t.sandbox.faults.add({ ...list, type: 'status', status: 429, every: 4, times: 3 });
		t.sandbox.faults.add({ ...list, type: 'status', status: 500, every: 3, times: 3 });
		t.sandbox.faults.add({ ...list, type: 'malformed', every: 5, times: 2 });
		t.sandbox.faults.add({ ...list, type: 'reset', every: 6, times: 2 });
		const result = await t.run(
			{ ...getMany, options: { maxRetries: 8 } },
			{ ...version2, credentials: { accessToken: 'faulty' } },
		);
		expect(result.status).toBe('success');
		expect(numbersOf(result.json('Stora'))).toEqual(
			Array.from({ length: 1000 }, (_, i) => 999 - i),
		);
		expect(t.sandbox.faults.pending()).toEqual([]);
	});

	it('within the credential’s limits: at 8 a second, never more than 8 requests in a second', async () => {
		addDrafts(1000);
		// 300 ms a page: 10 pages one by one take 3 s, at once (19 requests at 8 a second) about 2.
		t.sandbox.faults.add({ ...list, type: 'delay', delayMs: 300, times: 30 });
		const result = await t.run(getMany, {
			...version2,
			credentials: { accessToken: 'paced-8', requestsPerSecond: 8, requestsPerMinute: 600 },
		});
		expect(result.json('Stora')).toHaveLength(1000);
		expect(t.requests().filter(byPageNumber)).toHaveLength(12);
		const times = t.requests().map((request) => request.receivedAt);
		// Arrival times carry the way there (a new connection on a busy machine: up to ~100 ms).
		for (const time of times) {
			expect(
				times.filter((other) => other >= time && other < time + 900).length,
			).toBeLessThanOrEqual(8);
		}
	});

	it('a cancelled execution stops at once and sends nothing more', async () => {
		addDrafts(1000);
		t.sandbox.faults.add({ ...list, type: 'delay', delayMs: 1500, times: 20 });
		const result = await t.run(getMany, { ...version2, cancelAfterMs: 300 });
		expect(result.status).toBe('canceled');
		expect(Date.now() - (result.cancelledAt ?? 0)).toBeLessThan(1000);
		const sent = t.requests().length;
		await sleep(1700);
		expect(t.requests()).toHaveLength(sent);
		expect(sent).toBe(1);
	});
});
