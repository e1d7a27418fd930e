/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * An answer is checked before it is trusted: a 2xx without the order, or a page without its
 * list or a way to go on, is never a success; and Return All returns every order that matches
 * the filter throughout the run, even while other clients change orders under it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeParameters } from 'n8n-workflow';

import { sleep } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { runWorkflow, storaNode } from '../helpers/engine';
import { FAST_LIMITS, useSandbox } from '../engine/sandbox';

const t = useSandbox({ seedOrders: false });

const create = {
	resource: 'order',
	operation: 'create',
	siteId: SEED.sites.camden,
	contact: { email: 'shape@example.com' },
};
const post = { method: 'POST', path: '/2025-09/orders' } as const;
const getMany = { resource: 'order', operation: 'getAll', returnAll: true };
const START = Date.parse('2026-01-01T00:00:00Z');

describe('a 2xx without the object asked for', () => {
	it('Create: retried under the same key, and the stored order comes back', async () => {
		// Stora stores the order, but its answer has no `order`.
		t.sandbox.faults.add({ ...post, type: 'malformed', body: { meta: {} }, afterProcessing: true });
		const result = await t.run(create);
		expect(result.status).toBe('success');
		expect(t.sandbox.listOrders()).toHaveLength(1);
		expect(result.json('Stora')[0].id).toBe(t.sandbox.listOrders()[0].id);
		const [first, second] = t.requests();
		expect(second).toMatchObject({ idempotencyKey: first.idempotencyKey, replayed: true });
	});

	it('Create: an answer that never holds the order is an error, never an empty success', async () => {
		t.sandbox.faults.add({ ...post, type: 'status', status: 201, body: { meta: {} }, times: 10 });
		const result = await t.run({ ...create, options: { maxRetries: 2 } });
		expect(result.status).toBe('error');
		const error = result.nodeError('Stora') as unknown as { message: string; description: string };
		expect(error.message).toBe('Stora did not answer');
		expect(error.description).toContain(
			'POST /orders failed after 3 attempts: Stora’s answer has no order object',
		);
		expect(error.description).toMatch(/Idempotency key: n8n-create-/);
		expect(new Set(t.requests().map((request) => request.idempotencyKey)).size).toBe(1);
	});

	it('Finalize: an answer without the order is retried under its key', async () => {
		const order = t.sandbox.addOrder({
			billing_period: 'monthly',
			starts_at: 'now',
			contact: { id: SEED.contacts.john },
			line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } }],
		});
		const path = `/2025-09/orders/${order.id}/finalize`;
		t.sandbox.faults.add({
			method: 'POST',
			path,
			type: 'malformed',
			body: {},
			afterProcessing: true,
		});
		const result = await t.run({
			resource: 'order',
			operation: 'finalize',
			orderId: { __rl: true, mode: 'id', value: order.id },
		});
		expect(result.status).toBe('success');
		expect(result.json('Stora')[0]).toMatchObject({ id: order.id, status: 'finalized' });
		expect(t.requests().map((request) => request.replayed)).toEqual([false, true]);
	});

	it('Get Many: a page without its list is asked for again, not taken as the end', async () => {
		for (let i = 0; i < 150; i++) t.sandbox.addOrder({ created_at: START + i * 1000 });
		t.sandbox.faults.add({
			method: 'GET',
			path: '/2025-09/orders',
			type: 'malformed',
			body: { meta: {} },
		});
		const result = await t.run(getMany);
		expect(result.status).toBe('success');
		expect(result.json('Stora')).toHaveLength(150);
	});
});

describe('Get Many against a server whose pagination is incomplete', () => {
	/** A list of `total` orders, a second apart, that pages by `page`/`limit` and describes its pages with `meta(page, pages)`. */
	async function withServer(
		total: number,
		meta: (page: number, pages: number) => Record<string, unknown>,
		test: (baseUrl: string) => Promise<void>,
	) {
		const server = createServer((request, response) => {
			const query = new URL(request.url ?? '/', 'http://x').searchParams;
			const page = Number(query.get('page'));
			const limit = Number(query.get('limit'));
			const ids = Array.from({ length: total }, (_, i) => total - 1 - i).slice(
				(page - 1) * limit,
				page * limit,
			);
			response.setHeader('content-type', 'application/json');
			response.end(
				JSON.stringify({
					// The same created_at: the cursor cannot move, so page numbers are used.
					orders: ids.map((n) => ({ id: `order_${n}`, created_at: '2026-01-01T00:00:00Z' })),
					meta: { pagination: meta(page, Math.ceil(total / limit)) },
				}),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			await test(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	}
	const run = async (baseUrl: string) =>
		await runWorkflow({
			nodes: [storaNode(getMany)],
			credentials: { storaApi: { accessToken: 'pagesleft', baseUrl, ...FAST_LIMITS } },
		});

	it('no `next`, but `pages`: goes on while page < pages', async () => {
		await withServer(
			250,
			(page, pages) => ({ page, pages }),
			async (baseUrl) => {
				const result = await run(baseUrl);
				expect(result.status).toBe('success');
				expect(result.json('Stora')).toHaveLength(250);
			},
		);
	});

	it('`next` that is not a page number, but `pages`: goes on while page < pages', async () => {
		await withServer(
			250,
			(page, pages) => ({ page, pages, next: 'soon' }),
			async (baseUrl) => {
				const result = await run(baseUrl);
				expect(result.json('Stora')).toHaveLength(250);
			},
		);
	});

	it('a full page with neither `next` nor `pages`: an error, not 100 of 250 orders as success', async () => {
		await withServer(
			250,
			(page) => ({ page }),
			async (baseUrl) => {
				const result = await run(baseUrl);
				expect(result.status).toBe('error');
				expect(result.nodeError('Stora')?.message).toBe(
					'Stora’s list answer cannot be paged further',
				);
			},
		);
	});

	it('a short page with neither: the last page', async () => {
		await withServer(
			40,
			(page) => ({ page }),
			async (baseUrl) => {
				const result = await run(baseUrl);
				expect(result.status).toBe('success');
				expect(result.json('Stora')).toHaveLength(40);
			},
		);
	});
});

describe('Return All while another client changes orders', () => {
	const drafts = () => t.sandbox.listOrders().filter((order) => order.status === 'draft');

	async function whileListing(change: () => void, parameters: INodeParameters) {
		// The second page is held back until the change is made: the change lands between pages.
		t.sandbox.faults.add({
			method: 'GET',
			path: '/2025-09/orders',
			type: 'delay',
			delayMs: 400,
			every: 2,
			times: 1,
		});
		const running = t.run(parameters);
		while (!t.requests().some((request) => request.status === 200)) {
			await sleep(5);
		}
		change();
		return await running;
	}

	it('drafts finalized under a newest-first listing of drafts: every draft that stayed one is returned', async () => {
		for (let i = 0; i < 250; i++) t.sandbox.addOrder({ created_at: START + i * 1000 });
		const result = await whileListing(
			() => {
				// The 50 newest drafts, all on the first page, are finalized by someone else.
				for (const order of t.sandbox.store.orders.slice(200)) order.status = 'finalized';
			},
			{ ...getMany, filters: { status: ['draft'] } },
		);
		expect(result.status).toBe('success');
		const returned = new Set(result.json('Stora').map((order) => order.id));
		expect(drafts().filter((order) => !returned.has(order.id))).toEqual([]);
		expect(returned.size).toBe(250);
	});

	it('oldest first, the same', async () => {
		for (let i = 0; i < 250; i++) t.sandbox.addOrder({ created_at: START + i * 1000 });
		const result = await whileListing(
			() => {
				for (const order of t.sandbox.store.orders.slice(0, 50)) order.status = 'finalized';
			},
			{ ...getMany, filters: { status: ['draft'] }, options: { sortDirection: 'ASC' } },
		);
		const returned = new Set(result.json('Stora').map((order) => order.id));
		expect(drafts().filter((order) => !returned.has(order.id))).toEqual([]);
	});

	it('orders sharing a second across a page boundary are each returned once', async () => {
		// 250 orders, five to a second: every page ends inside a second.
		for (let i = 0; i < 250; i++)
			t.sandbox.addOrder({ created_at: START + Math.floor(i / 5) * 1000 });
		const result = await t.run(getMany);
		const ids = result.json('Stora').map((order) => order.id);
		expect(ids).toHaveLength(250);
		expect(new Set(ids).size).toBe(250);
	});

	it('combined with the user’s own Created Before: the cursor never reaches past it', async () => {
		for (let i = 0; i < 250; i++) t.sandbox.addOrder({ created_at: START + i * 1000 });
		const result = await t.run({
			...getMany,
			filters: { createdBefore: new Date(START + 200_000).toISOString() },
		});
		expect(result.json('Stora')).toHaveLength(200);
		for (const request of t.requests()) {
			expect(Date.parse(String(request.query.created_before))).toBeLessThanOrEqual(START + 200_000);
		}
	});
});
