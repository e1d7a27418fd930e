/**
 * One booking, one order, beyond Stora's 24-hour idempotency window (issue 22). The sandbox's
 * `expireIdempotencyKeys()` forgets every key as 24 hours would; the orders stay.
 */
import type { IDataObject, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items, loadPackage, STORA_NODE_TYPE, storaNode } from '../helpers/engine';
import { useSandbox } from './sandbox';

const t = useSandbox({
	seedOrders: false,
	tokens: { 'write-only': ['public.order:write', 'public.contact:write'] },
});

const v2 = { typeVersion: 2 };
const v3 = { typeVersion: 3 };
/** Every run of a saved workflow has the same node id; the harness gives each run a new one. */
const savedNode = (version: { typeVersion: number }) => ({ id: 'create-order-node', ...version });

const booking = {
	resource: 'order',
	operation: 'create',
	siteId: SEED.sites.camden,
	contact: { fullName: '={{ $json.name }}', email: '={{ $json.email }}' },
};
const readyBooking = {
	...booking,
	startImmediately: true,
	lineItems: {
		lineItem: [{ type: 'unit_type', unitTypeId: SEED.unitTypes.camdenSmall, quantity: 1 }],
	},
};
const ada = items({ name: 'Ada Lovelace', email: 'ada@example.com' });
const grace = items({ name: 'Grace Hopper', email: 'grace@example.com' });

const httpCodeOf = (error: unknown) => (error as { httpCode?: string } | undefined)?.httpCode;
const orders = () => t.sandbox.listOrders();
const calls = () => t.requests().map((request) => `${request.method} ${request.path}`);
/** The runs to come are more than 24 hours later: Stora has forgotten every key. */
const dayLater = () => {
	t.sandbox.expireIdempotencyKeys();
	t.sandbox.clearRequests();
};

describe('node versions', () => {
	const parametersOf = async (parameters: IDataObject, typeVersion: number) => {
		const { description } = (await loadPackage()).nodeTypes[STORA_NODE_TYPE] as INodeType;
		const node = storaNode(parameters as never, { typeVersion });
		return NodeHelpers.getNodeParameters(
			description.properties,
			node.parameters,
			true,
			false,
			node,
			description,
		);
	};

	it('version 3 is the default for new nodes; versions 1 and 2 stay', async () => {
		const { description } = (await loadPackage()).nodeTypes[STORA_NODE_TYPE] as INodeType;
		expect(description.version).toEqual([1, 2, 3]);
		expect(description.defaultVersion).toBe(3);
	});

	it.each([
		['order', 'create'],
		['order', 'finalize'],
		['contact', 'create'],
	])(
		'%s %s: Find Earlier is on by default in version 3, absent before',
		async (resource, operation) => {
			expect(await parametersOf({ resource, operation }, 3)).toMatchObject({ findEarlier: true });
			for (const version of [1, 2]) {
				expect(await parametersOf({ resource, operation }, version)).not.toHaveProperty(
					'findEarlier',
				);
			}
		},
	);

	it('version 3 keeps version 2’s pickers and Simplify on by default', async () => {
		const parameters = await parametersOf({ resource: 'order', operation: 'create' }, 3);
		expect(parameters).toMatchObject({ siteId: { mode: 'list' }, simplify: true });
	});
});

describe('Create (version 3): the order carries its booking key, and a re-run finds it', () => {
	it('a re-run after Stora forgot the key returns the first order, flagged, and sends no POST', async () => {
		const first = await t.run(booking, { node: savedNode(v3), inputItems: ada });
		expect(first.status).toBe('success');
		expect(calls()).toEqual(['GET /2025-09/orders', 'POST /2025-09/orders']);
		const [lookup, post] = t.requests();
		expect(lookup.query).toMatchObject({
			limit: '1',
			metadata: { n8n_booking_key: post.idempotencyKey },
		});
		expect(post.body?.metadata).toEqual({ n8n_booking_key: post.idempotencyKey });
		expect(first.json('Stora')[0]).not.toHaveProperty('fromEarlierRun');

		dayLater();
		const again = await t.run(booking, { node: savedNode(v3), inputItems: ada });
		expect(again.status).toBe('success');
		expect(calls()).toEqual(['GET /2025-09/orders']);
		expect(orders()).toHaveLength(1);
		const [earlier] = again.json('Stora');
		expect(earlier).toMatchObject({ id: first.json('Stora')[0].id, fromEarlierRun: true });
		expect(earlier.metadata).toEqual({ n8n_booking_key: post.idempotencyKey });
	});

	it('different bookings are different orders, also a day later', async () => {
		await t.run(booking, { node: savedNode(v3), inputItems: ada });
		dayLater();
		const other = await t.run(booking, { node: savedNode(v3), inputItems: grace });
		expect(other.json('Stora')[0]).not.toHaveProperty('fromEarlierRun');
		expect(calls()).toEqual(['GET /2025-09/orders', 'POST /2025-09/orders']);
		expect(orders()).toHaveLength(2);
		const markers = orders().map((order) => (order.metadata as IDataObject).n8n_booking_key);
		expect(new Set(markers).size).toBe(2);
	});

	it('identical items of one run stay separate orders, and re-running them a day later books none', async () => {
		const twins = items(
			{ name: 'Twin', email: 'twin@example.com' },
			{ name: 'Twin', email: 'twin@example.com' },
		);
		await t.run(booking, { node: savedNode(v3), inputItems: twins });
		dayLater();
		const again = await t.run(booking, { node: savedNode(v3), inputItems: twins });
		expect(orders()).toHaveLength(2);
		expect(again.json('Stora').map((order) => order.fromEarlierRun)).toEqual([true, true]);
		expect(new Set(again.json('Stora').map((order) => order.id)).size).toBe(2);
	});

	it('Finalize Immediately: a re-run returns the one finalized order with its payment link', async () => {
		const first = await t.run(
			{ ...readyBooking, finalizeImmediately: true },
			{ node: savedNode(v3), inputItems: ada },
		);
		expect(first.json('Stora')[0].status).toBe('finalized');
		dayLater();
		const again = await t.run(
			{ ...readyBooking, finalizeImmediately: true },
			{ node: savedNode(v3), inputItems: ada },
		);
		expect(calls()).toEqual(['GET /2025-09/orders']);
		expect(orders()).toHaveLength(1);
		expect(again.json('Stora')[0]).toMatchObject({
			id: first.json('Stora')[0].id,
			status: 'finalized',
			payment_url: first.json('Stora')[0].payment_url,
			fromEarlierRun: true,
		});
	});

	it('Finalize Immediately finds the booking as a draft: finalizes it under a key of its own, then a re-run only finds it', async () => {
		const options = { idempotencyKey: 'booking-ref-77' };
		await t.run({ ...readyBooking, options }, { node: savedNode(v3), inputItems: ada });
		expect(orders()[0].status).toBe('draft');
		dayLater();
		const finalizing = { ...readyBooking, finalizeImmediately: true, options };
		const result = await t.run(finalizing, { node: savedNode(v3), inputItems: ada });
		const draftId = orders()[0].id;
		expect(calls()).toEqual(['GET /2025-09/orders', `POST /2025-09/orders/${draftId}/finalize`]);
		expect(t.requests()[1].idempotencyKey).toBe('finalize:booking-ref-77');
		expect(result.json('Stora')[0]).toMatchObject({
			id: draftId,
			status: 'finalized',
			payment_url: `${t.sandbox.url}/checkout/${draftId}`,
			fromEarlierRun: true,
		});
		expect(orders()).toHaveLength(1);

		dayLater();
		await t.run(finalizing, { node: savedNode(v3), inputItems: ada });
		expect(calls()).toEqual(['GET /2025-09/orders']);
	});

	it('a default key finalizes a found draft under a finalize key derived from it', async () => {
		const finalizing = { ...readyBooking, finalizeImmediately: true };
		await t.run(finalizing, { node: savedNode(v3), inputItems: ada });
		const createKey = t.requests()[1].idempotencyKey;
		t.sandbox.reset();
		// The booking's order, found as a draft.
		const draft = t.sandbox.addOrder({
			contact: { id: SEED.contacts.jane },
			billing_period: 'monthly',
			starts_at: 'now',
			line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } }],
			metadata: { n8n_booking_key: createKey },
		});
		const result = await t.run(finalizing, { node: savedNode(v3), inputItems: ada });
		expect(calls()).toEqual(['GET /2025-09/orders', `POST /2025-09/orders/${draft.id}/finalize`]);
		const finalizeKey = t.requests()[1].idempotencyKey;
		expect(finalizeKey).toMatch(/^n8n-finalize-[0-9a-f]{32}$/);
		expect(result.json('Stora')[0]).toMatchObject({
			id: draft.id,
			status: 'finalized',
			fromEarlierRun: true,
		});

		// Without Finalize Immediately, a draft found is returned as it is.
		t.sandbox.reset();
		const plain = await t.run(readyBooking, { node: savedNode(v3), inputItems: ada });
		const plainKey = t.requests()[1].idempotencyKey;
		t.sandbox.reset();
		const other = t.sandbox.addOrder({ metadata: { n8n_booking_key: plainKey } });
		const found = await t.run(readyBooking, { node: savedNode(v3), inputItems: ada });
		expect(plain.status).toBe('success');
		expect(calls()).toEqual(['GET /2025-09/orders']);
		expect(found.json('Stora')[0]).toMatchObject({
			id: other.id,
			status: 'draft',
			fromEarlierRun: true,
		});
	});

	it('your own key is the marker: a booking reference reused a week later is still one order', async () => {
		const byReference = (name: string) =>
			t.run(
				{ ...booking, options: { idempotencyKey: '={{ $json.reference }}' } },
				{
					node: savedNode(v3),
					inputItems: items({ reference: 'BK-2041', name, email: 'ref@example.com' }),
				},
			);
		const first = await byReference('Ada Lovelace');
		expect(t.requests()[1].body?.metadata).toEqual({ n8n_booking_key: 'create:BK-2041' });
		dayLater();
		// A week later the form sends the same reference with the name corrected.
		const weekLater = await byReference('Ada King');
		expect(orders()).toHaveLength(1);
		expect(weekLater.json('Stora')[0]).toMatchObject({
			id: first.json('Stora')[0].id,
			fromEarlierRun: true,
		});
		expect(calls()).toEqual(['GET /2025-09/orders']);
	});

	it('keeps your own metadata beside the marker', async () => {
		await t.run(
			{
				...booking,
				additionalFields: { metadataJson: '{"source":"website","external_id":"web_9"}' },
			},
			{ node: savedNode(v3), inputItems: ada },
		);
		const post = t.requests()[1];
		expect(post.body?.metadata).toEqual({
			source: 'website',
			external_id: 'web_9',
			n8n_booking_key: post.idempotencyKey,
		});
	});

	it('an order found without the marker it was asked for is not taken: the node creates', async () => {
		// A Stora that ignored the filter would answer with any order.
		const stranger = t.sandbox.addOrder({ metadata: { n8n_booking_key: 'someone-else' } });
		t.sandbox.faults.add({
			method: 'GET',
			path: '/2025-09/orders',
			type: 'status',
			status: 200,
			body: { orders: [stranger], meta: { pagination: { page: 1, pages: 1 } } },
		});
		const result = await t.run(booking, { node: savedNode(v3), inputItems: ada });
		expect(calls()).toEqual(['GET /2025-09/orders', 'POST /2025-09/orders']);
		expect(result.json('Stora')[0].id).not.toBe(stranger.id);
		expect(result.json('Stora')[0]).not.toHaveProperty('fromEarlierRun');
	});

	it('an earlier order without a readable ID stops the item: nothing is created', async () => {
		await t.run(booking, { node: savedNode(v3), inputItems: ada });
		const marker = t.requests()[1].idempotencyKey;
		dayLater();
		t.sandbox.faults.add({
			method: 'GET',
			path: '/2025-09/orders',
			type: 'status',
			status: 200,
			body: { orders: [{ id: '../contacts', metadata: { n8n_booking_key: marker } }], meta: {} },
		});
		const result = await t.run(booking, { node: savedNode(v3), inputItems: ada });
		expect(result.nodeError('Stora')?.message).toBe(
			'Stora listed an earlier order for this booking without a readable ID ("../contacts")',
		);
		expect(calls()).toEqual(['GET /2025-09/orders']);
		expect(orders()).toHaveLength(1);
	});

	it('with Find Earlier Order off, version 3 still marks the order but books again a day later', async () => {
		const off = { ...booking, findEarlier: false };
		await t.run(off, { node: savedNode(v3), inputItems: ada });
		expect(calls()).toEqual(['POST /2025-09/orders']);
		expect(t.requests()[0].body?.metadata).toHaveProperty('n8n_booking_key');
		dayLater();
		await t.run(off, { node: savedNode(v3), inputItems: ada });
		expect(orders()).toHaveLength(2);
	});
});

describe('a look-up Stora refuses stops the item before anything is sent', () => {
	it.each([
		['Create', booking, 'Find Earlier Order sends GET /orders'],
		[
			'Contact Create',
			{ resource: 'contact', operation: 'create', email: 'ada@example.com' },
			'Find Existing Contact sends GET /contacts',
		],
	])('%s without the read scope', async (_, parameters, explanation) => {
		const result = await t.run(parameters, {
			node: v3,
			inputItems: ada,
			credentials: { accessToken: 'write-only' },
		});
		const error = result.nodeError('Stora') as unknown as { message: string; description: string };
		expect(error.message).toBe('The access token is not allowed to do this');
		expect(error.description).toContain(explanation);
		expect(error.description).toContain('nothing was created or changed');
		expect(t.requests().map((request) => request.method)).toEqual(['GET']);
	});
});

describe('Create: bad metadata is refused before anything is sent (version 3)', () => {
	it('n8n_booking_key as your own key', async () => {
		const result = await t.run(
			{ ...booking, additionalFields: { metadataJson: '{"n8n_booking_key":"mine"}' } },
			{ node: v3, inputItems: ada },
		);
		const error = result.nodeError('Stora') as unknown as { message: string; description: string };
		expect(error.message).toBe('Invalid Metadata key "n8n_booking_key" [item 0]');
		expect(error.description).toContain('Options → Idempotency Key');
		expect(t.requests()).toHaveLength(0);
	});

	it('20 keys of your own leave no room for the marker', async () => {
		const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v']));
		const result = await t.run(
			{ ...booking, additionalFields: { metadataJson: JSON.stringify(twenty) } },
			{ node: v3, inputItems: ada },
		);
		expect(result.nodeError('Stora')?.description).toContain('give at most 19 of your own');
		expect(t.requests()).toHaveLength(0);
	});
});

describe('version 2 and 1: today’s behaviour', () => {
	it('version 2 sends no marker and no lookup, and books a second order a day later', async () => {
		await t.run(booking, { node: savedNode(v2), inputItems: ada });
		expect(calls()).toEqual(['POST /2025-09/orders']);
		expect(t.requests()[0].body).not.toHaveProperty('metadata');
		dayLater();
		await t.run(booking, { node: savedNode(v2), inputItems: ada });
		expect(calls()).toEqual(['POST /2025-09/orders']);
		expect(orders()).toHaveLength(2);
	});

	it('version 3 sends the same idempotency key as version 2 for the same booking', async () => {
		await t.run(booking, { node: savedNode(v2), inputItems: ada });
		const v2Key = t.requests()[0].idempotencyKey;
		t.sandbox.reset();
		await t.run(booking, { node: savedNode(v3), inputItems: ada });
		expect(t.requests()[1].idempotencyKey).toBe(v2Key);
	});

	it('version 1 keeps taking 20 metadata keys of its own, n8n_booking_key among them', async () => {
		const twenty = Object.fromEntries(
			Array.from({ length: 19 }, (_, i) => [`k${i}`, 'v']).concat([['n8n_booking_key', 'mine']]),
		);
		const result = await t.run(
			{ ...booking, additionalFields: { metadataJson: JSON.stringify(twenty) } },
			{ inputItems: ada },
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0].body?.metadata).toEqual(twenty);
	});
});

describe('Finalize (version 3): an order already finalized is returned, not finalized again', () => {
	const finalize = (orderId: string, version = v3) =>
		t.run(
			{
				resource: 'order',
				operation: 'finalize',
				orderId: { __rl: true, mode: 'id', value: orderId },
			},
			{ node: version },
		);
	const readyDraft = () =>
		t.sandbox.addOrder({
			contact: { id: SEED.contacts.jane },
			billing_period: 'monthly',
			starts_at: 'now',
			line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } }],
		});

	it('a re-run after Stora forgot the key returns the finalized order with its payment link', async () => {
		const draft = readyDraft();
		const first = await finalize(draft.id);
		expect(calls()).toEqual([
			`GET /2025-09/orders/${draft.id}`,
			`POST /2025-09/orders/${draft.id}/finalize`,
		]);
		expect(first.json('Stora')[0]).not.toHaveProperty('fromEarlierRun');
		dayLater();
		const again = await finalize(draft.id);
		expect(again.status).toBe('success');
		expect(calls()).toEqual([`GET /2025-09/orders/${draft.id}`]);
		expect(again.json('Stora')[0]).toMatchObject({
			id: draft.id,
			status: 'finalized',
			payment_url: `${t.sandbox.url}/checkout/${draft.id}`,
			fromEarlierRun: true,
		});
	});

	it('a completed (paid) order is returned too', async () => {
		const paid = t.sandbox.addOrder({ status: 'completed' });
		const result = await finalize(paid.id);
		expect(calls()).toEqual([`GET /2025-09/orders/${paid.id}`]);
		expect(result.json('Stora')[0]).toMatchObject({ id: paid.id, fromEarlierRun: true });
	});

	it('version 2 sends the Finalize, and Stora refuses it once the key is forgotten', async () => {
		const draft = readyDraft();
		await finalize(draft.id, v2);
		dayLater();
		const again = await finalize(draft.id, v2);
		expect(calls()).toEqual([`POST /2025-09/orders/${draft.id}/finalize`]);
		expect(again.status).toBe('error');
		expect(httpCodeOf(again.nodeError('Stora'))).toBe('409');
	});
});

describe('Contact Create (version 3): a contact with the same email is returned', () => {
	const createContact = (email: string, version = v3) =>
		t.run(
			{ resource: 'contact', operation: 'create', email, additionalFields: { fullName: 'Ada' } },
			{ node: version },
		);

	it('a re-run after Stora forgot the key returns the contact the first run made', async () => {
		const first = await createContact('ada@example.com');
		expect(calls()).toEqual(['GET /2025-09/contacts', 'POST /2025-09/contacts']);
		expect(t.requests()[0].query).toMatchObject({ email: 'ada@example.com', limit: '1' });
		dayLater();
		const again = await createContact('Ada@Example.com');
		expect(calls()).toEqual(['GET /2025-09/contacts']);
		expect(again.json('Stora')[0]).toMatchObject({
			id: first.json('Stora')[0].id,
			fromEarlierRun: true,
		});
	});

	it('a contact found with another email is not taken: the node creates', async () => {
		t.sandbox.faults.add({
			method: 'GET',
			path: '/2025-09/contacts',
			type: 'status',
			status: 200,
			body: { contacts: [{ id: SEED.contacts.jane, email: 'jane.smith@example.com' }], meta: {} },
		});
		const result = await createContact('new@example.com');
		expect(calls()).toEqual(['GET /2025-09/contacts', 'POST /2025-09/contacts']);
		expect(result.json('Stora')[0].id).not.toBe(SEED.contacts.jane);
	});

	it('version 2 creates, and Stora refuses an email it already has', async () => {
		await createContact('ada@example.com', v2);
		dayLater();
		const again = await createContact('ada@example.com', v2);
		expect(calls()).toEqual(['POST /2025-09/contacts']);
		expect(httpCodeOf(again.nodeError('Stora'))).toBe('422');
	});
});
