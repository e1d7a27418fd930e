/**
 * The unit actions (Reserve, Grant Access, Deallocate, Overlock, Remove Overlock) through
 * n8n-core's engine against the sandbox: exact requests with their idempotency keys, the output,
 * the unit's state at Stora afterwards, and Stora's refusals shown with what to do.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import type { NodeErrorView } from '../helpers/resources';
import { API, byId, defaultKey, fromList, storaList, storaRecord } from '../helpers/resources';
import { useSandbox } from './sandbox';

const t = useSandbox();

const U = SEED.units;
const T = SEED.tenancies;

const unitAction = (operation: string, unitId: string, extra: INodeParameters = {}) => ({
	resource: 'unit',
	operation,
	unitId: byId(unitId),
	...extra,
});
const reserve = (unitId: string, tenancyId: string) =>
	unitAction('reserve', unitId, { tenancyId: byId(tenancyId) });
const grantAccess = (unitId: string, tenancyId: string) =>
	unitAction('grantAccess', unitId, { tenancyId: byId(tenancyId) });
const deallocate = (unitId: string) => unitAction('deallocate', unitId);
const overlock = (contactId: string) => ({
	resource: 'unit',
	operation: 'overlock',
	contactId: byId(contactId),
});
const removeOverlock = (contactId: string) => ({
	resource: 'unit',
	operation: 'removeOverlock',
	contactId: byId(contactId),
});

const unitAtStora = async (id: string) => await storaRecord(t.sandbox, '/units', id, 'unit');
const allocationsOf = async (unitId: string) =>
	await storaList(t.sandbox, '/unit_allocations', 'unit_allocations', `unit_id=${unitId}`);
const nodeError = (result: Awaited<ReturnType<typeof t.run>>) =>
	result.nodeError('Stora') as unknown as NodeErrorView;
/** Stora's error body, as the node's error keeps it. */
const storaError = (result: Awaited<ReturnType<typeof t.run>>) =>
	(result.nodeError('Stora') as unknown as { errorResponse: { error: IDataObject } }).errorResponse
		.error;
/** What to do when Stora refuses a unit action, whichever code it refuses with. */
const ADVICE = 'Check the unit’s status and allocation in Stora';

/** The saved workflow's node: the same node id in every run, as n8n keeps it. */
const savedNode = { node: { id: 'unit-action-node' } };

describe('Unit → Reserve', () => {
	it('POSTs the tenancy under a reserve key and outputs the reserved unit', async () => {
		const result = await t.run(reserve(U.camdenSmallA, T.priya));
		expect(result.status).toBe('success');
		expect(t.requests()).toHaveLength(1);
		const [request] = t.requests();
		expect([request.method, request.path, request.rawQuery]).toEqual([
			'POST',
			`${API}/units/${U.camdenSmallA}/reserve`,
			'',
		]);
		expect(request.body).toEqual({ tenancy_id: T.priya });
		expect(request.idempotencyKey).toMatch(defaultKey('unit_reserve'));
		const output = result.output('Stora');
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const unit = await unitAtStora(U.camdenSmallA);
		expect(output[0].json).toEqual(unit);
		expect(unit.status).toBe('reserved');
		const [allocation] = await allocationsOf(U.camdenSmallA);
		expect(allocation).toMatchObject({ tenancy: { id: T.priya }, unit: { id: U.camdenSmallA } });
		expect((unit.unit_allocation as IDataObject).id).toBe(allocation.id);
	});

	it('takes unit and tenancy picked from their lists', async () => {
		const result = await t.run({
			...reserve(U.leedsSmallA, T.sam),
			unitId: fromList(U.leedsSmallA),
			tenancyId: fromList(T.sam),
		});
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({ tenancy_id: T.sam });
	});

	it('the same input run again reuses the key: Stora replays, one allocation', async () => {
		const first = await t.run(reserve(U.camdenMediumA, T.priya), savedNode);
		const second = await t.run(reserve(U.camdenMediumA, T.priya), savedNode);
		expect([first.status, second.status]).toEqual(['success', 'success']);
		const [a, b] = t.requests();
		expect(b.idempotencyKey).toBe(a.idempotencyKey);
		expect(b.replayed).toBe(true);
		expect(await allocationsOf(U.camdenMediumA)).toHaveLength(1);
	});

	it('a different unit or tenancy is a different key; each item its own', async () => {
		const result = await t.run(
			{
				...reserve('', ''),
				unitId: byId('={{ $json.unit }}'),
				tenancyId: byId('={{ $json.tenancy }}'),
			},
			{
				...savedNode,
				inputItems: items(
					{ unit: U.camdenMediumA, tenancy: T.priya },
					{ unit: U.camdenMediumB, tenancy: T.priya },
					{ unit: U.leedsLockerA, tenancy: T.sam },
				),
			},
		);
		expect(result.status).toBe('success');
		const keys = t.requests().map((r) => r.idempotencyKey);
		expect(keys.every((key) => defaultKey('unit_reserve').test(key ?? ''))).toBe(true);
		expect(new Set(keys).size).toBe(3);
		expect(result.output('Stora').map((item) => [item.pairedItem, item.json.id])).toEqual([
			[{ item: 0 }, U.camdenMediumA],
			[{ item: 1 }, U.camdenMediumB],
			[{ item: 2 }, U.leedsLockerA],
		]);
	});

	it('sends the Idempotency Key option in the reserve key space', async () => {
		await t.run({ ...reserve(U.camdenLockerA, T.priya), options: { idempotencyKey: 'move-in-7' } });
		expect(t.requests()[0].idempotencyKey).toBe('unit_reserve:move-in-7');
	});

	it('an occupied unit: Stora’s refusal with its message, what to do and the request ID; nothing changes', async () => {
		const result = await t.run(reserve(U.camdenSmallOccupied, T.sam));
		expect(result.status).toBe('error');
		const error = nodeError(result);
		expect(error.httpCode).toBe('409');
		expect(t.requests()).toHaveLength(1);
		expect(t.requests()[0].status).toBe(409);
		// Stora's own message and details, then what to do about it.
		const stora = storaError(result);
		expect(stora.code).toBe('conflict');
		expect(error.message).toBe(stora.message);
		expect(error.message).toContain(U.camdenSmallOccupied);
		for (const detail of stora.details as IDataObject[]) {
			expect(error.description).toContain(
				`${detail.pointer as string}: ${detail.message as string}`,
			);
		}
		expect(error.description).toContain(ADVICE);
		expect(error.description).toContain(
			`Idempotency key: ${t.requests()[0].idempotencyKey as string}`,
		);
		expect(error.description).toContain(`Stora request ID: ${stora.request_id as string}`);
		expect((await unitAtStora(U.camdenSmallOccupied)).status).toBe('occupied');
	});

	it('Stora refusing with 422 instead of 409 (its docs give no code) gets the same advice', async () => {
		t.sandbox.faults.add({
			method: 'POST',
			path: `${API}/units/${U.camdenSmallA}/reserve`,
			type: 'status',
			status: 422,
			body: {
				error: {
					code: 'invalid_content',
					type: 'invalid_request_error',
					message: 'Unit cannot be reserved.',
					details: [{ message: 'is not available', pointer: '/status' }],
					request_id: '0b7c6a52-6d1e-4c52-9a53-8d1e4f2a7b10',
				},
			},
		});
		const result = await t.run(reserve(U.camdenSmallA, T.priya));
		const error = nodeError(result);
		expect(error.httpCode).toBe('422');
		expect(error.message).toBe('Unit cannot be reserved.');
		expect(error.description).toContain('/status: is not available');
		expect(error.description).toContain(ADVICE);
	});

	it('with Continue on Fail, a refused reservation is an error item and the next one is made', async () => {
		const result = await t.run(
			{ ...reserve('', T.priya), unitId: byId('={{ $json.unit }}') },
			{
				inputItems: items({ unit: U.camdenSmallOccupied }, { unit: U.camdenLockerB }),
				node: { onError: 'continueRegularOutput' },
			},
		);
		expect(result.status).toBe('success');
		const [refused, reserved] = result.json('Stora');
		expect((refused.error as IDataObject).httpCode).toBe('409');
		expect(reserved).toMatchObject({ id: U.camdenLockerB, status: 'reserved' });
	});
});

describe('Unit → Grant Access', () => {
	it('gives the tenancy its reserved unit: POST with the tenancy, unit occupied', async () => {
		const result = await t.run(grantAccess(U.camdenLockerReserved, T.priya));
		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect([request.method, request.path]).toEqual([
			'POST',
			`${API}/units/${U.camdenLockerReserved}/grant_access`,
		]);
		expect(request.body).toEqual({ tenancy_id: T.priya });
		expect(request.idempotencyKey).toMatch(defaultKey('unit_grant_access'));
		const unit = await unitAtStora(U.camdenLockerReserved);
		expect(unit.status).toBe('occupied');
		expect(result.json('Stora')).toEqual([unit]);
		const allocation = await storaRecord(
			t.sandbox,
			'/unit_allocations',
			SEED.unitAllocations.priyaLocker,
			'unit_allocation',
		);
		expect(allocation.granted_access_at).toEqual(expect.any(String));
	});

	it('a unit reserved for another tenancy: Stora’s refusal, nothing changes', async () => {
		const result = await t.run(grantAccess(U.camdenLockerReserved, T.sam));
		expect(result.status).toBe('error');
		const error = nodeError(result);
		expect(error.httpCode).toBe('409');
		expect(error.message).toBe(storaError(result).message);
		expect(error.message).toMatch(/reserved for another tenancy/);
		expect(error.description).toContain(ADVICE);
		expect(error.description).toMatch(/Stora request ID: [0-9a-f-]{36}/);
		expect((await unitAtStora(U.camdenLockerReserved)).status).toBe('reserved');
	});

	it('grants access to an available unit at once (no reservation needed)', async () => {
		const result = await t.run(grantAccess(U.leedsLockerB, T.sam));
		expect(result.status).toBe('success');
		expect((await unitAtStora(U.leedsLockerB)).status).toBe('occupied');
	});
});

describe('Unit → Deallocate', () => {
	it('POSTs no body under a deallocate key; the unit is available, its allocation gone', async () => {
		const result = await t.run(deallocate(U.camdenSmallOccupied));
		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect([request.method, request.path]).toEqual([
			'POST',
			`${API}/units/${U.camdenSmallOccupied}/deallocate`,
		]);
		expect(request.body ?? {}).toEqual({});
		expect(request.idempotencyKey).toMatch(defaultKey('unit_deallocate'));
		const unit = await unitAtStora(U.camdenSmallOccupied);
		expect(unit).toMatchObject({ status: 'available', unit_allocation: null });
		expect(result.json('Stora')).toEqual([unit]);
	});

	it('keys differ per unit and per action on the same unit', async () => {
		await t.run(deallocate(U.camdenSmallOccupied), savedNode);
		await t.run(deallocate(U.camdenLockerReserved), savedNode);
		await t.run(reserve(U.camdenSmallOccupied, T.priya), savedNode);
		const keys = t.requests().map((r) => r.idempotencyKey);
		expect(new Set(keys).size).toBe(3);
	});
});

describe('Unit → Overlock / Remove Overlock (by contact)', () => {
	it('Overlock: POST /units/overlock with the contact; one item with the message and unit IDs', async () => {
		const result = await t.run(overlock(SEED.contacts.priya));
		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect([request.method, request.path, request.rawQuery]).toEqual([
			'POST',
			`${API}/units/overlock`,
			'',
		]);
		expect(request.body).toEqual({ contact_id: SEED.contacts.priya });
		expect(request.idempotencyKey).toMatch(defaultKey('unit_overlock'));
		const output = result.output('Stora');
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toEqual({
			success: true,
			message: expect.any(String),
			contact_id: SEED.contacts.priya,
			unit_ids: [U.camdenSmallOccupied],
		});
		expect((output[0].json.message as string).length).toBeGreaterThan(0);
		// Only the occupied unit; the unit still reserved for her is left as it was.
		expect((await unitAtStora(U.camdenSmallOccupied)).status).toBe('overlocked');
		expect((await unitAtStora(U.camdenLockerReserved)).status).toBe('reserved');
	});

	it('Remove Overlock: POST /units/remove_overlock; the unit is occupied again', async () => {
		const result = await t.run(removeOverlock(SEED.contacts.sam));
		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect([request.method, request.path]).toEqual(['POST', `${API}/units/remove_overlock`]);
		expect(request.body).toEqual({ contact_id: SEED.contacts.sam });
		expect(request.idempotencyKey).toMatch(defaultKey('unit_remove_overlock'));
		expect(result.json('Stora')).toEqual([
			{
				success: true,
				message: expect.any(String),
				contact_id: SEED.contacts.sam,
				unit_ids: [U.leedsLargeOverlocked],
			},
		]);
		expect((await unitAtStora(U.leedsLargeOverlocked)).status).toBe('occupied');
	});

	it('a contact with no units: success with no unit IDs', async () => {
		const result = await t.run(overlock(SEED.contacts.john));
		expect(result.status).toBe('success');
		expect(result.json('Stora')).toEqual([
			expect.objectContaining({ success: true, contact_id: SEED.contacts.john, unit_ids: [] }),
		]);
	});

	it('one typed key on Overlock and Remove Overlock is two keys at Stora (each action its own space)', async () => {
		const options = { options: { idempotencyKey: 'arrears-2026-12' } };
		await t.run({ ...overlock(SEED.contacts.priya), ...options });
		await t.run({ ...removeOverlock(SEED.contacts.priya), ...options });
		expect(t.requests().map((r) => [r.path, r.idempotencyKey, r.replayed])).toEqual([
			[`${API}/units/overlock`, 'unit_overlock:arrears-2026-12', false],
			[`${API}/units/remove_overlock`, 'unit_remove_overlock:arrears-2026-12', false],
		]);
		expect((await unitAtStora(U.camdenSmallOccupied)).status).toBe('occupied');
	});

	it('an answer without meta.unit_ids is success with no unit IDs', async () => {
		t.sandbox.faults.add({
			method: 'POST',
			path: `${API}/units/overlock`,
			type: 'status',
			status: 200,
			body: { success: { message: 'Units overlocked' }, meta: { request_id: 'r-1' } },
		});
		const result = await t.run(overlock(SEED.contacts.priya));
		expect(result.json('Stora')).toEqual([
			{
				success: true,
				message: 'Units overlocked',
				contact_id: SEED.contacts.priya,
				unit_ids: [],
			},
		]);
	});

	it.each([
		['`success` is not an object', { success: true, meta: { unit_ids: [] } }],
		['no `success` at all', { unit: { id: U.camdenSmallOccupied } }],
	])('an answer whose shape is wrong (%s) is an error, not a success', async (_, body) => {
		t.sandbox.faults.add({
			method: 'POST',
			path: `${API}/units/remove_overlock`,
			type: 'status',
			status: 200,
			body,
			times: 10,
		});
		const result = await t.run({
			...removeOverlock(SEED.contacts.sam),
			options: { maxRetries: 0 },
		});
		expect(result.status).toBe('error');
	});

	it('overlock and remove overlock of one contact use different keys', async () => {
		await t.run(overlock(SEED.contacts.priya), savedNode);
		await t.run(removeOverlock(SEED.contacts.priya), savedNode);
		const [a, b] = t.requests();
		expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
	});
});

describe('Unit state through a tenancy’s life (available → reserved → occupied → overlocked → occupied → available)', () => {
	it('each action moves the unit on; Get and Get Many see the state', async () => {
		const unit = U.leedsLargeA;
		const statusAfter = async (parameters: INodeParameters) => {
			const result = await t.run(parameters);
			expect(result.status).toBe('success');
			return (await unitAtStora(unit)).status;
		};
		expect((await unitAtStora(unit)).status).toBe('available');
		expect(await statusAfter(reserve(unit, T.sam))).toBe('reserved');
		expect(await statusAfter(grantAccess(unit, T.sam))).toBe('occupied');
		expect(await statusAfter(overlock(SEED.contacts.sam))).toBe('overlocked');
		expect(await statusAfter(removeOverlock(SEED.contacts.sam))).toBe('occupied');
		expect(await statusAfter(deallocate(unit))).toBe('available');

		// The unit's Get outputs the state, and the Get Many status filter finds it there.
		const get = await t.run({ resource: 'unit', operation: 'get', unitId: byId(unit) });
		expect(get.json('Stora')[0].status).toBe('available');
		const overlocked = await t.run({
			resource: 'unit',
			operation: 'getAll',
			returnAll: true,
			filters: { statuses: ['overlock'] },
		});
		expect(overlocked.json('Stora').map((u) => u.id)).not.toContain(unit);
	});

	it('reserving a unit reserved for another tenancy is refused, and the first reservation stays', async () => {
		await t.run(reserve(U.camdenMediumB, T.priya));
		const second = await t.run(reserve(U.camdenMediumB, T.sam));
		expect(second.status).toBe('error');
		expect(nodeError(second).httpCode).toBe('409');
		const [allocation] = await allocationsOf(U.camdenMediumB);
		expect(allocation.tenancy).toEqual({ id: T.priya });
	});
});
