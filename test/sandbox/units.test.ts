import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, rawRequest } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const U = SEED.units;
const T = SEED.tenancies;

describe('sandbox: units and their state', () => {
	const t = sandboxPerFile({
		tokens: { 'unit-read': ['public.unit:read'], 'tenancy-read': ['public.tenancy:read'] },
	});

	const get = (path: string, token?: string) => call(t.sb.url, 'GET', `/2025-09${path}`, { token });
	const post = (path: string, body?: unknown, headers?: Record<string, string>, token?: string) =>
		call(t.sb.url, 'POST', `/2025-09${path}`, { body, headers, token });
	const ids = (res: { body: Json }, key = 'units') => res.body[key].map((r: Json) => r.id).sort();

	describe('list and show', () => {
		it('seeds each unit type with units in mixed states', async () => {
			const res = await get('/units?limit=100');
			expect(res.status).toBe(200);
			const units: Json[] = res.body.units;
			expect(units).toHaveLength(Object.keys(U).length);
			for (const typeId of Object.values(SEED.unitTypes)) {
				expect(units.filter((u) => u.unit_type.id === typeId).length).toBeGreaterThanOrEqual(2);
			}
			expect(new Set(units.map((u) => u.status))).toEqual(
				new Set(['available', 'reserved', 'occupied', 'overlocked', 'unavailable']),
			);
			expect(Object.keys(units[0])).toEqual([
				'id',
				'reference_id',
				'status',
				'site',
				'unit_type',
				'unit_allocation',
				'created_at',
				'updated_at',
			]);
		});

		it('filters by site_id, unit_type_id and status; `overlock` and `overlocked` find the same units', async () => {
			expect(ids(await get('/units?status=overlock'))).toEqual([U.leedsLargeOverlocked]);
			expect(ids(await get('/units?status=overlocked'))).toEqual([U.leedsLargeOverlocked]);
			const lockers = await get(
				`/units?unit_type_id=${SEED.unitTypes.camdenLocker}&status=available`,
			);
			expect(ids(lockers)).toEqual([U.camdenLockerA, U.camdenLockerB].sort());
			expect(lockers.body.meta.pagination.count).toBe(2);
			const leeds = await get(
				`/units?site_id=${SEED.sites.leeds}&status=reserved,occupied,overlock`,
			);
			expect(ids(leeds)).toEqual([U.leedsLargeOverlocked]);
			expect(ids(await get(`/units?status[]=reserved&status[]=occupied`))).toEqual(
				[U.camdenLockerReserved, U.camdenSmallOccupied].sort(),
			);
		});

		it('answers 422 for an unknown status, ignores unknown parameters, needs public.unit:read', async () => {
			const bad = await get('/units?status=lost');
			expect(bad.status).toBe(422);
			expect(bad.body.error.details[0].pointer).toBe('/status');
			expect((await get('/units?created_after=2030-01-01&colour=red')).body.units).toHaveLength(
				Object.keys(U).length,
			);
			expect((await get('/units', 'tenancy-read')).status).toBe(403);
			expect((await get(`/units/${U.camdenLockerA}`, 'unit-read')).body.unit.id).toBe(
				U.camdenLockerA,
			);
			expect((await get('/units/unit_doesnotexist00')).status).toBe(404);
		});
	});

	describe('reserve', () => {
		it('reserves an available unit for a tenancy: unit, allocation and tenancy change together', async () => {
			const res = await post(`/units/${U.camdenLockerA}/reserve`, { tenancy_id: T.sam });
			expect(res.status).toBe(200);
			expect(res.body.unit).toMatchObject({
				id: U.camdenLockerA,
				status: 'reserved',
				unit_allocation: { id: expect.stringMatching(/^alloc_/) },
			});
			const allocationId = res.body.unit.unit_allocation.id;
			const allocation = (await get(`/unit_allocations/${allocationId}`)).body.unit_allocation;
			expect(allocation).toMatchObject({
				tenancy: { id: T.sam },
				unit: { id: U.camdenLockerA },
				granted_access_at: null,
			});
			expect(allocation.reserved_at).toEqual(expect.any(String));
			expect((await get(`/tenancies/${T.sam}`)).body.tenancy.unit_allocations).toContainEqual({
				id: allocationId,
			});
			expect(t.sb.unitStatus(U.camdenLockerA)).toBe('reserved');
		});

		it('refuses a unit that is not available with 409 conflict, Stora-style, and changes nothing', async () => {
			const res = await post(`/units/${U.camdenSmallOccupied}/reserve`, { tenancy_id: T.sam });
			expect(res.status).toBe(409);
			expect(res.body.error).toMatchObject({ code: 'conflict', details: [{ pointer: '/status' }] });
			expect(res.body.error.message).toContain(`Unit \`${U.camdenSmallOccupied}\` is occupied`);
			expect(res.body.error.message).toContain('only an available unit can be reserved');
			expect(t.sb.unitStatus(U.camdenSmallOccupied)).toBe('occupied');
			expect(
				(await post(`/units/${U.camdenSmallUnavailable}/reserve`, { tenancy_id: T.sam })).status,
			).toBe(409);
		});

		it('needs a tenancy: 422 without tenancy_id, 404 for an unknown one, 403 without public.unit:write', async () => {
			const missing = await post(`/units/${U.camdenLockerA}/reserve`, {});
			expect(missing.status).toBe(422);
			expect(missing.body.error.details).toEqual([
				{ message: expect.any(String), pointer: '/tenancy_id' },
			]);
			const unknown = await post(`/units/${U.camdenLockerA}/reserve`, {
				tenancy_id: 'ten_doesnotexist000',
			});
			expect(unknown.status).toBe(404);
			expect(unknown.body.error.details[0].pointer).toBe('/tenancy_id');
			expect(
				(
					await post(
						`/units/${U.camdenLockerA}/reserve`,
						{ tenancy_id: T.sam },
						undefined,
						'unit-read',
					)
				).status,
			).toBe(403);
			expect((await post('/units/unit_doesnotexist00/reserve', { tenancy_id: T.sam })).status).toBe(
				404,
			);
			expect(t.sb.unitStatus(U.camdenLockerA)).toBe('available');
		});
	});

	describe('grant access', () => {
		it('grants access to a unit reserved for the same tenancy (move-in day)', async () => {
			const res = await post(`/units/${U.camdenLockerReserved}/grant_access`, {
				tenancy_id: T.priya,
			});
			expect(res.status).toBe(200);
			expect(res.body.unit).toMatchObject({
				status: 'occupied',
				unit_allocation: { id: SEED.unitAllocations.priyaLocker },
			});
			const allocation = (await get(`/unit_allocations/${SEED.unitAllocations.priyaLocker}`)).body
				.unit_allocation;
			expect(allocation.granted_access_at).toEqual(expect.any(String));
			expect(allocation.reserved_at).toEqual(expect.any(String));
		});

		it('allocates an available unit on the spot', async () => {
			const res = await post(`/units/${U.leedsSmallA}/grant_access`, { tenancy_id: T.sam });
			expect(res.body.unit.status).toBe('occupied');
			const allocation = (await get(`/unit_allocations/${res.body.unit.unit_allocation.id}`)).body
				.unit_allocation;
			expect(allocation).toMatchObject({ reserved_at: null, tenancy: { id: T.sam } });
		});

		it('refuses a unit reserved for another tenancy with 409 naming that tenancy', async () => {
			const res = await post(`/units/${U.camdenLockerReserved}/grant_access`, {
				tenancy_id: T.sam,
			});
			expect(res.status).toBe(409);
			expect(res.body.error.code).toBe('conflict');
			expect(res.body.error.message).toContain(`reserved for another tenancy (\`${T.priya}\`)`);
			expect(t.sb.unitStatus(U.camdenLockerReserved)).toBe('reserved');
			expect(
				(await post(`/units/${U.leedsLargeOverlocked}/grant_access`, { tenancy_id: T.sam })).status,
			).toBe(409);
		});
	});

	describe('deallocate', () => {
		it('frees an occupied unit: allocation gone, tenancy no longer lists it', async () => {
			const res = await post(`/units/${U.camdenSmallOccupied}/deallocate`);
			expect(res.status).toBe(200);
			expect(res.body.unit).toMatchObject({ status: 'available', unit_allocation: null });
			expect((await get(`/unit_allocations/${SEED.unitAllocations.priyaSmall}`)).status).toBe(404);
			expect((await get(`/tenancies/${T.priya}`)).body.tenancy.unit_allocations).toEqual([
				{ id: SEED.unitAllocations.priyaLocker },
			]);
			// the happy path closes: available → reserved → occupied → available
			expect(
				(await post(`/units/${U.camdenSmallOccupied}/reserve`, { tenancy_id: T.sam })).body.unit
					.status,
			).toBe('reserved');
			expect(
				(await post(`/units/${U.camdenSmallOccupied}/grant_access`, { tenancy_id: T.sam })).body
					.unit.status,
			).toBe('occupied');
			expect((await post(`/units/${U.camdenSmallOccupied}/deallocate`)).body.unit.status).toBe(
				'available',
			);
		});

		it('answers 409 for a unit allocated to nobody', async () => {
			const res = await post(`/units/${U.camdenLockerA}/deallocate`);
			expect(res.status).toBe(409);
			expect(res.body.error.message).toContain('nothing to deallocate');
		});
	});

	describe('overlock and remove overlock by contact', () => {
		it("overlocks the contact's occupied units only, and lifts it again", async () => {
			const res = await post('/units/overlock', { contact_id: SEED.contacts.priya });
			expect(res.status).toBe(200);
			expect(res.body).toEqual({
				success: { message: '1 unit overlocked.' },
				meta: {
					request_id: expect.any(String),
					unit_ids: [U.camdenSmallOccupied],
					curies: expect.any(Array),
				},
			});
			expect(t.sb.unitStatus(U.camdenSmallOccupied)).toBe('overlocked');
			expect(t.sb.unitStatus(U.camdenLockerReserved)).toBe('reserved');
			expect(ids(await get(`/units?status=overlock&site_id=${SEED.sites.camden}`))).toEqual([
				U.camdenSmallOccupied,
			]);
			const lifted = await post('/units/remove_overlock', { contact_id: SEED.contacts.priya });
			expect(lifted.body.meta.unit_ids).toEqual([U.camdenSmallOccupied]);
			expect(t.sb.unitStatus(U.camdenSmallOccupied)).toBe('occupied');
		});

		it("lifts the seeded overlock on Sam's unit; a contact with nothing to change gets unit_ids []", async () => {
			expect(
				(await post('/units/remove_overlock', { contact_id: SEED.contacts.sam })).body.meta
					.unit_ids,
			).toEqual([U.leedsLargeOverlocked]);
			const none = await post('/units/overlock', { contact_id: SEED.contacts.john });
			expect(none.status).toBe(200);
			expect(none.body.meta.unit_ids).toEqual([]);
		});

		it('needs contact_id (422) naming a known contact (404)', async () => {
			expect((await post('/units/overlock', {})).body.error.details[0].pointer).toBe('/contact_id');
			expect(
				(await post('/units/remove_overlock', { contact_id: 'con_doesnotexist000' })).status,
			).toBe(404);
		});
	});

	describe('idempotency', () => {
		it('a repeated key replays the first answer: one allocation, not two', async () => {
			const key = { 'Idempotency-Key': 'reserve-once' };
			const first = await post(`/units/${U.leedsLockerA}/reserve`, { tenancy_id: T.sam }, key);
			const again = await post(`/units/${U.leedsLockerA}/reserve`, { tenancy_id: T.sam }, key);
			expect(again.status).toBe(200);
			expect(again.body).toEqual(first.body);
			expect(
				t.sb.store.unit_allocations.filter((a: Json) => a.unit.id === U.leedsLockerA),
			).toHaveLength(1);
		});

		it('an answer lost after processing, then the retry with the same key: one overlock', async () => {
			const path = '/2025-09/units/overlock';
			t.sb.faults.add({ method: 'POST', path, type: 'reset', afterProcessing: true });
			const lost = await rawRequest(
				t.sb.url,
				'POST',
				path,
				{ contact_id: SEED.contacts.priya },
				{ 'Idempotency-Key': 'lock-1' },
			);
			expect(lost.error).toBeDefined();
			expect(t.sb.unitStatus(U.camdenSmallOccupied)).toBe('overlocked');
			const retry = await post(
				'/units/overlock',
				{ contact_id: SEED.contacts.priya },
				{ 'Idempotency-Key': 'lock-1' },
			);
			expect(retry.body.meta.unit_ids).toEqual([U.camdenSmallOccupied]);
		});
	});

	it('control API: unitStatus, setUnitStatus, listUnits and their routes', async () => {
		expect(t.sb.setUnitStatus(U.leedsLockerB, 'unavailable').status).toBe('unavailable');
		expect(t.sb.listUnits().find((u: Json) => u.id === U.leedsLockerB)?.status).toBe('unavailable');
		expect(() => t.sb.setUnitStatus(U.leedsLockerB, 'overlock')).toThrow(
			/unit status must be one of/,
		);
		expect(() => t.sb.unitStatus('unit_nope')).toThrow(/no unit/);
		const routed = await call(t.sb.url, 'POST', `/__sandbox/units/${U.leedsLockerB}/status`, {
			body: { status: 'repossessed' },
			token: null,
		});
		expect(routed.body.status).toBe('repossessed');
		expect((await call(t.sb.url, 'GET', '/__sandbox/units', { token: null })).body).toHaveLength(
			Object.keys(U).length,
		);
	});
});
