import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, fakeClock, LINE_ITEM_KEYS } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const clock = fakeClock(Date.parse('2025-03-01T12:00:00Z'));
const READY = SEED.orders.draftReady;
const LOCKER_LINE = 'olitm_1001cbd3d5fec937';

describe('sandbox: line items of an order', () => {
	// These tests read the replay header, which only replayHeader: true sends (Stora's docs name none).
	const t = sandboxPerFile({
		now: clock.now,
		replayHeader: true,
		tokens: { 'no-catalogue': ['public.order:read', 'public.order:write'] },
	});

	const path = (orderId: string, lineId?: string) =>
		`/2025-09/orders/${orderId}/line_items${lineId ? `/${lineId}` : ''}`;
	const listLines = (orderId: string, query = '') => call(t.sb.url, 'GET', path(orderId) + query);
	const addLine = (orderId: string, body: unknown, headers: Record<string, string> = {}) =>
		call(t.sb.url, 'POST', path(orderId), { body, headers });
	const patchLine = (orderId: string, lineId: string, body: unknown) =>
		call(t.sb.url, 'PATCH', path(orderId, lineId), { body });
	const deleteLine = (orderId: string, lineId: string) =>
		call(t.sb.url, 'DELETE', path(orderId, lineId));
	const order = async (id: string) =>
		(await call(t.sb.url, 'GET', `/2025-09/orders/${id}?expand=line_items`)).body.order as Json;
	const pointers = (res: { body: Json }) => res.body.error.details.map((d: Json) => d.pointer);

	it('lists full line items as expand=line_items renders them, with pagination', async () => {
		const res = await listLines(READY, '?sort_direction=ASC');
		expect(res.status).toBe(200);
		expect(Object.keys(res.body)).toEqual(['line_items', 'meta']);
		expect(res.body.line_items).toEqual((await order(READY)).line_items);
		for (const l of res.body.line_items) expect(Object.keys(l)).toEqual(LINE_ITEM_KEYS);
		expect(res.body.meta.pagination).toEqual({
			count: 4,
			last: 1,
			limit: 50,
			next: null,
			page: 1,
			pages: 1,
			prev: null,
		});
		const page2 = await listLines(READY, '?limit=3&page=2&sort_direction=ASC');
		expect(page2.body.line_items.map((l: Json) => l.id)).toEqual(['olitm_b202613e81c9101e']);
		expect(page2.body.meta.pagination).toMatchObject({ count: 4, pages: 2, prev: 1, next: null });
		expect((await listLines(READY, '?sort_by=quantity')).body.error.details[0].pointer).toBe(
			'/sort_by',
		);
	});

	it('expand=item gives the full catalogue item and needs the three catalogue scopes', async () => {
		const res = await listLines(READY, '?expand=item&sort_direction=ASC');
		expect(res.body.line_items[0].item).toMatchObject({
			id: SEED.unitTypes.camdenLocker,
			name: 'Locker (15 sq ft)',
		});
		expect(res.body.line_items[1].item).toMatchObject({
			id: SEED.protectionLevels.cover2500,
			cover_level: expect.any(Object),
		});
		const denied = await call(t.sb.url, 'GET', `${path(READY)}?expand=item`, {
			token: 'no-catalogue',
		});
		expect(denied.status).toBe(403);
		expect((await listLines(READY, '?expand=contact')).status).toBe(422);
	});

	it('creates a line item (201 {line_item, meta}) and the order totals follow', async () => {
		clock.advance(60_000);
		const res = await addLine(SEED.orders.draftEmpty, {
			type: 'unit_type',
			item: { id: SEED.unitTypes.camdenSmall },
		});
		expect(res.status).toBe(201);
		expect(Object.keys(res.body)).toEqual(['line_item', 'meta']);
		expect(res.body.line_item).toEqual({
			id: expect.stringMatching(/^olitm_[0-9a-z]{16}$/),
			created_at: '2025-03-01T12:01:00Z',
			updated_at: '2025-03-01T12:01:00Z',
			type: 'unit_type',
			quantity: 1,
			item: { id: SEED.unitTypes.camdenSmall },
			price: { amount: 6999, currency: 'GBP', formatted: '£69.99' },
			discount_total: { amount: 0, currency: 'GBP', formatted: '£0.00' },
			tax: { amount: 1167, currency: 'GBP', formatted: '£11.67' },
			total: { amount: 6999, currency: 'GBP', formatted: '£69.99' },
			total_excluding_tax: { amount: 5832, currency: 'GBP', formatted: '£58.32' },
		});
		const after = await order(SEED.orders.draftEmpty);
		expect(after.line_items.map((l: Json) => l.id)).toEqual([res.body.line_item.id]);
		expect(after.subtotal.amount).toBe(6999);
		expect(after.updated_at).toBe('2025-03-01T12:01:00Z');
		const priced = await addLine(SEED.orders.draftEmpty, {
			type: 'product',
			item: { id: SEED.products.padlock },
			quantity: 3,
			price: { amount: 500 },
		});
		expect(priced.body.line_item).toMatchObject({
			quantity: 3,
			price: { amount: 500 },
			total: { amount: 1500 },
		});
		expect((await order(SEED.orders.draftEmpty)).one_time_total.amount).toBe(1500);
	});

	it('validates the body like one entry of create line_items[], without the prefix', async () => {
		const res = await addLine(READY, {
			type: 'unit_type',
			item: { id: SEED.unitTypes.leedsSmall },
			quantity: 0,
			price: { amount: -1, currency: 'GBP' },
			colour: 'red',
		});
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('invalid_content');
		expect(pointers(res)).toEqual([
			'/colour',
			'/item/id',
			'/quantity',
			'/price/currency',
			'/price/amount',
		]);
		expect(pointers(await addLine(READY, { type: 'box', item: {} }))).toEqual([
			'/type',
			'/item/id',
		]);
		expect(
			pointers(
				await addLine(READY, { type: 'protection', item: { id: SEED.unitTypes.camdenSmall } }),
			),
		).toEqual(['/item/id']);
		expect((await addLine(READY, [])).status).toBe(400);
	});

	it('updates quantity and price only (200 {line_item, meta}); totals follow', async () => {
		const before = await order(READY);
		clock.advance(60_000);
		const res = await patchLine(READY, LOCKER_LINE, { quantity: 2, price: { amount: 2500 } });
		expect(res.status).toBe(200);
		expect(Object.keys(res.body)).toEqual(['line_item', 'meta']);
		expect(res.body.line_item).toMatchObject({
			id: LOCKER_LINE,
			quantity: 2,
			price: { amount: 2500 },
			updated_at: '2025-03-01T12:02:00Z',
		});
		const after = await order(READY);
		expect(after.subtotal.amount).toBe(before.subtotal.amount - 1999 + 5000);
		expect(after.total_discount.amount).toBe(Math.round(after.subtotal.amount / 2));
		expect(after.updated_at).toBe('2025-03-01T12:02:00Z');
		expect((await patchLine(READY, LOCKER_LINE, { quantity: 3 })).body.line_item.price.amount).toBe(
			2500,
		);
		const bad = await patchLine(READY, LOCKER_LINE, {
			quantity: 1.5,
			price: { amount: '1' },
			type: 'product',
		});
		expect(bad.status).toBe(422);
		expect(pointers(bad)).toEqual(['/type', '/quantity', '/price/amount']);
	});

	it('deletes a line item; the order totals follow', async () => {
		const before = await order(READY);
		const res = await deleteLine(READY, LOCKER_LINE);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			success: { message: 'Line item deleted successfully.' },
			meta: { request_id: res.headers.get('x-request-id'), curies: expect.any(Array) },
		});
		const after = await order(READY);
		expect(after.line_items.map((l: Json) => l.id)).not.toContain(LOCKER_LINE);
		expect(after.line_items).toHaveLength(before.line_items.length - 1);
		expect(after.subtotal.amount).toBe(before.subtotal.amount - 1999);
		expect((await deleteLine(READY, LOCKER_LINE)).status).toBe(404);
	});

	it('answers 404 with pointer /line_item_id for an unknown line item or one of another order', async () => {
		const other = (await order(SEED.orders.leedsDraft)).line_items[0].id;
		for (const res of [
			await patchLine(READY, 'olitm_0000000000000000', { quantity: 2 }),
			await patchLine(READY, other, { quantity: 2 }),
			await deleteLine(READY, other),
		]) {
			expect(res.status).toBe(404);
			expect(res.body.error).toMatchObject({
				code: 'resource_not_found',
				details: [{ pointer: '/line_item_id' }],
			});
		}
		const noOrder = await listLines('order_0000000000000000');
		expect(noOrder.status).toBe(404);
		expect(pointers(noOrder)).toEqual(['/order_id']);
	});

	it('changes line items of draft orders only: 409 conflict with pointer /status', async () => {
		const finalized = await order(SEED.orders.finalized);
		const lineId = finalized.line_items[0].id;
		const message = `Order \`${SEED.orders.finalized}\` is finalized: only draft orders can be changed.`;
		for (const res of [
			await addLine(SEED.orders.finalized, {
				type: 'unit_type',
				item: { id: SEED.unitTypes.leedsLarge },
			}),
			await patchLine(SEED.orders.finalized, lineId, { quantity: 2 }),
			await deleteLine(SEED.orders.finalized, lineId),
		]) {
			expect(res.status).toBe(409);
			expect(res.body.error).toMatchObject({
				code: 'conflict',
				message,
				details: [{ pointer: '/status' }],
			});
		}
		expect(await order(SEED.orders.finalized)).toEqual(finalized);
		expect((await listLines(SEED.orders.finalized)).status).toBe(200);
	});

	it('replays an idempotent line-item POST without adding a second line', async () => {
		const headers = { 'Idempotency-Key': 'line-1' };
		const body = { type: 'protection', item: { id: SEED.protectionLevels.cover1000 } };
		const first = await addLine(SEED.orders.draftEmpty, body, headers);
		const again = await addLine(SEED.orders.draftEmpty, body, headers);
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(again.text).toBe(first.text);
		expect((await order(SEED.orders.draftEmpty)).line_items).toHaveLength(1);
	});
});

describe('sandbox: line items with notDraftStatus 422', () => {
	const t = sandboxPerFile({ notDraftStatus: 422 });

	it('answers 422 invalid_content for a non-draft order', async () => {
		const res = await call(
			t.sb.url,
			'POST',
			`/2025-09/orders/${SEED.orders.completed}/line_items`,
			{
				body: { type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } },
			},
		);
		expect(res.status).toBe(422);
		expect(res.body.error).toMatchObject({
			code: 'invalid_content',
			message: `Order \`${SEED.orders.completed}\` is completed: only draft orders can be changed.`,
			details: [{ message: 'order status is `completed`, expected `draft`', pointer: '/status' }],
		});
	});
});
