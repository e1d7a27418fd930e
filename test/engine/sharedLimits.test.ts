/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * One token, several n8n processes (queue mode's workers): each process has its own pacer, so
 * they share Stora's limit only through the credential's "n8n Processes Sharing the Limits" and
 * what Stora's RateLimit headers tell each of them. A second process is a second copy of the
 * node's modules, as a worker loads them. The sandbox sends only the headers Stora documents
 * (`RateLimit-Limit`, `RateLimit-Reset`); the last tests add the undocumented `RateLimit-Remaining`.
 */
import type { INodeType } from 'n8n-workflow';
import { resolve } from 'node:path';

import { SEED } from '../../sandbox';
import { items, PACKAGE_ROOT } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox({ seedOrders: false, rateLimit: { perSecond: 5, perMinute: 1000 } });
const withRemaining = useSandbox({
	seedOrders: false,
	rateLimit: { perSecond: 5, perMinute: 1000, remainingHeader: true },
});

const NODE_MODULE = resolve(PACKAGE_ROOT, 'dist/nodes/Stora/Stora.node.js');

/** The Stora node as another process loads it: its own transport, pacers included. */
function anotherProcess(): Record<string, INodeType> {
	let loaded: { Stora: new () => INodeType } | undefined;
	jest.isolateModules(() => {
		loaded = jest.requireActual<{ Stora: new () => INodeType }>(NODE_MODULE);
	});
	return { 'n8n-nodes-stora.stora': new loaded!.Stora() };
}

const create = {
	resource: 'order',
	operation: 'create',
	siteId: { __rl: true, mode: 'id', value: SEED.sites.camden },
	contact: { email: '={{ $json.email }}' },
};
const oneAtATime = { ...create, options: { inFlight: 1 } };
const bookings = (who: string, count: number) =>
	items(...Array.from({ length: count }, (_, n) => ({ email: `${who}${n}@example.com` })));

const statuses = (box = t) => box.requests().map((request) => request.status);
const limited = (box = t) => statuses(box).filter((status) => status === 429);

it('two processes told they share the limits: each keeps to half, no 429, every order once', async () => {
	const shared = { requestsPerSecond: 5, requestsPerMinute: 1000, processes: 2 };
	const [first, second] = await Promise.all([
		t.run(create, {
			node: { typeVersion: 2 },
			inputItems: bookings('first', 8),
			credentials: shared,
		}),
		t.run(create, {
			node: { typeVersion: 2 },
			inputItems: bookings('second', 8),
			credentials: shared,
			nodeTypes: anotherProcess(),
		}),
	]);
	expect([first.status, second.status]).toEqual(['success', 'success']);
	expect(limited()).toEqual([]);
	expect(t.sandbox.listOrders()).toHaveLength(16);
});

it('a process whose credential allows more than Stora advertises keeps to RateLimit-Limit: no 429', async () => {
	// One at a time, so the first answer's RateLimit-Limit is known before the next is sent.
	const result = await t.run(oneAtATime, {
		node: { typeVersion: 2 },
		inputItems: bookings('advertised', 12),
		credentials: { requestsPerSecond: 100, requestsPerMinute: 1000 },
		nodeTypes: anotherProcess(),
	});
	expect(result.status).toBe('success');
	expect(t.sandbox.listOrders()).toHaveLength(12);
	expect(limited()).toEqual([]);
});

// Each 429 halves a process's pace (down to 1/16 of 5/s): on a loaded machine this can pass a minute.
it('two processes each told it is alone: every order once; after a 429 the key waits for RateLimit-Reset', async () => {
	const alone = { requestsPerSecond: 5, requestsPerMinute: 1000, processes: 1 };
	const [first, second] = await Promise.all([
		t.run(create, { node: { typeVersion: 2 }, inputItems: bookings('a', 10), credentials: alone }),
		t.run(create, {
			node: { typeVersion: 2 },
			inputItems: bookings('b', 10),
			credentials: alone,
			nodeTypes: anotherProcess(),
		}),
	]);
	expect([first.status, second.status]).toEqual(['success', 'success']);
	expect(t.sandbox.listOrders()).toHaveLength(20);
	const requests = t.requests();
	for (const [index, request] of requests.entries()) {
		if (request.status !== 429) continue;
		const reset = (Math.floor(request.receivedAt / 1000) + 1) * 1000;
		const retry = requests
			.slice(index + 1)
			.find((later) => later.idempotencyKey === request.idempotencyKey);
		expect(retry!.receivedAt).toBeGreaterThanOrEqual(reset);
	}
}, 180_000);

describe('when Stora also sends RateLimit-Remaining (not in its reference)', () => {
	it('a process is held back by it before any 429', async () => {
		const result = await withRemaining.run(oneAtATime, {
			node: { typeVersion: 2 },
			inputItems: bookings('held', 12),
			credentials: { requestsPerSecond: 100, requestsPerMinute: 1000 },
			nodeTypes: anotherProcess(),
		});
		expect(result.status).toBe('success');
		expect(withRemaining.sandbox.listOrders()).toHaveLength(12);
		expect(limited(withRemaining)).toEqual([]);
	});

	it('after another process spent the window, a process waits for the reset it was told', async () => {
		// The first process spends 4 of this second's 5 requests.
		await withRemaining.run(oneAtATime, {
			node: { typeVersion: 2 },
			inputItems: bookings('spender', 4),
			credentials: { requestsPerSecond: 100, requestsPerMinute: 1000 },
		});
		// The other has sent nothing yet: its first answer tells it what is left.
		const second = await withRemaining.run(oneAtATime, {
			node: { typeVersion: 2 },
			inputItems: bookings('late', 6),
			credentials: { requestsPerSecond: 100, requestsPerMinute: 1000 },
			nodeTypes: anotherProcess(),
		});
		expect(second.status).toBe('success');
		expect(withRemaining.sandbox.listOrders()).toHaveLength(10);
		expect(limited(withRemaining)).toEqual([]);
	});
});
