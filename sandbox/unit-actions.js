'use strict';

const { ApiError } = require('./errors');
const { requireScopes } = require('./auth');
const { findOr404, objectBody, touch } = require('./handlers');
const { randomId, isoSeconds } = require('./ids');
const { publicRecord } = require('./render');
const { single, CURIES } = require('./respond');

/** @typedef {import('./orders').HandlerContext} HandlerContext */
/** @typedef {import('./orders').HandlerResult} HandlerResult */

const WRITE = 'public.unit:write';

/**
 * A required `*_id` string of the body pointing at a stored record: 422 when missing or not a
 * string, 404 when no such record (the sandbox's choice: the docs give neither).
 * @param {HandlerContext} ctx
 * @param {string} field e.g. "tenancy_id"
 * @param {string} collection
 * @param {string} label e.g. "Tenancy"
 * @returns {any}
 */
function bodyRecord(ctx, field, collection, label) {
	const id = objectBody(ctx)[field];
	if (typeof id !== 'string' || id === '') {
		throw new ApiError('invalid_content', undefined, [{ message: `\`${field}\` is required and must be a string`, pointer: `/${field}` }]);
	}
	const record = ctx.store.find(collection, id);
	if (!record) {
		throw new ApiError('resource_not_found', `${label} \`${id}\` was not found.`, [
			{ message: `no ${label.toLowerCase()} with id \`${id}\``, pointer: `/${field}` },
		]);
	}
	return record;
}

/**
 * 409 `conflict`: the unit's state forbids the action.
 * @param {any} unit
 * @param {string} message what is wrong and what to do
 * @param {string} expected
 */
function conflict(unit, message, expected) {
	return new ApiError('conflict', message, [{ message: `unit status is \`${unit.status}\`, expected ${expected}`, pointer: '/status' }]);
}

/**
 * @param {HandlerContext} ctx
 * @param {any} unit
 */
function allocationOf(ctx, unit) {
	return unit.unit_allocation ? ctx.store.find('unit_allocations', unit.unit_allocation.id) : null;
}

/**
 * A new allocation of `unit` to `tenancy` (reserved, or straight to access when `granted`).
 * @param {HandlerContext} ctx
 * @param {any} unit
 * @param {any} tenancy
 * @param {boolean} granted
 */
function allocate(ctx, unit, tenancy, granted) {
	const t = isoSeconds(ctx.now());
	const allocation = ctx.store.insert('unit_allocations', {
		id: randomId('alloc_'),
		created_at: t,
		granted_access_at: granted ? t : null,
		reserved_at: granted ? null : t,
		tenancy: { id: tenancy.id },
		unit: { id: unit.id },
		updated_at: t,
	});
	unit.unit_allocation = { id: allocation.id };
	tenancy.unit_allocations.push({ id: allocation.id });
	touch(ctx, tenancy);
	return allocation;
}

/**
 * @param {HandlerContext} ctx
 * @param {any} unit
 * @returns {HandlerResult}
 */
function unitAnswer(ctx, unit) {
	touch(ctx, unit);
	return { status: 200, body: single('unit', publicRecord(unit), ctx.requestId) };
}

/**
 * POST /2025-09/units/{id}/reserve `{tenancy_id}`: an available unit becomes `reserved` for the tenancy.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function reserveUnit(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const unit = findOr404(ctx, 'units', 'Unit', 'unit_id');
	const tenancy = bodyRecord(ctx, 'tenancy_id', 'tenancies', 'Tenancy');
	if (unit.status !== 'available') {
		const holder = allocationOf(ctx, unit);
		const who = holder ? ` ${unit.status === 'reserved' ? 'for' : 'by'} tenancy \`${holder.tenancy.id}\`` : '';
		throw conflict(unit, `Unit \`${unit.id}\` is ${unit.status}${who}: only an available unit can be reserved. Choose an available unit, or deallocate this one first.`, '`available`');
	}
	allocate(ctx, unit, tenancy, false);
	unit.status = 'reserved';
	return unitAnswer(ctx, unit);
}

/**
 * POST /2025-09/units/{id}/grant_access `{tenancy_id}`: the tenancy gets access now (`occupied`).
 * An available unit is allocated on the spot; a reserved one must be reserved for this tenancy.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function grantAccess(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const unit = findOr404(ctx, 'units', 'Unit', 'unit_id');
	const tenancy = bodyRecord(ctx, 'tenancy_id', 'tenancies', 'Tenancy');
	const held = allocationOf(ctx, unit);
	if (unit.status === 'reserved' && held && held.tenancy.id !== tenancy.id) {
		throw conflict(
			unit,
			`Unit \`${unit.id}\` is reserved for another tenancy (\`${held.tenancy.id}\`): access can only be granted to the tenancy it is reserved for. Deallocate it first, or grant access to that tenancy.`,
			'`available`, or `reserved` for this tenancy',
		);
	}
	if (unit.status === 'available') {
		allocate(ctx, unit, tenancy, true);
	} else if (unit.status === 'reserved' && held) {
		held.granted_access_at = isoSeconds(ctx.now());
		touch(ctx, held);
	} else {
		throw conflict(unit, `Unit \`${unit.id}\` is ${unit.status}: access can be granted only to an available unit or one reserved for this tenancy.`, '`available` or `reserved`');
	}
	unit.status = 'occupied';
	return unitAnswer(ctx, unit);
}

/**
 * POST /2025-09/units/{id}/deallocate: the unit's allocation ends (the allocation record is
 * removed, from its tenancy too) and the unit is `available`.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function deallocateUnit(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const unit = findOr404(ctx, 'units', 'Unit', 'unit_id');
	const held = allocationOf(ctx, unit);
	if (!held) throw conflict(unit, `Unit \`${unit.id}\` is ${unit.status} and allocated to no tenancy: there is nothing to deallocate.`, '`reserved`, `occupied` or `overlocked`');
	const store = ctx.store;
	store.unit_allocations.splice(store.unit_allocations.indexOf(held), 1);
	const tenancy = store.find('tenancies', held.tenancy.id);
	if (tenancy) {
		tenancy.unit_allocations = tenancy.unit_allocations.filter((/** @type {{ id: string }} */ a) => a.id !== held.id);
		touch(ctx, tenancy);
	}
	unit.status = 'available';
	unit.unit_allocation = null;
	return unitAnswer(ctx, unit);
}

/**
 * The units allocated to a contact's tenancies.
 * @param {import('./store').Store} store
 * @param {string} contactId
 */
function unitsOfContact(store, contactId) {
	const tenancyIds = new Set(store.tenancies.filter((t) => t.contact && t.contact.id === contactId).map((t) => t.id));
	return store.unit_allocations
		.filter((a) => tenancyIds.has(a.tenancy.id))
		.map((a) => store.find('units', a.unit.id))
		.filter(Boolean);
}

/**
 * POST /2025-09/units/overlock and /remove_overlock `{contact_id}`: every unit of the contact in
 * state `from` moves to `to`. A contact with no such unit gets the same success, `unit_ids: []`.
 * @param {string} from
 * @param {string} to
 * @param {(n: number) => string} message
 * @returns {(ctx: HandlerContext) => HandlerResult}
 */
function overlockChange(from, to, message) {
	return (ctx) => {
		requireScopes(ctx.scopes, [WRITE]);
		const contact = bodyRecord(ctx, 'contact_id', 'contacts', 'Contact');
		const changed = unitsOfContact(ctx.store, contact.id).filter((u) => u.status === from);
		for (const unit of changed) {
			unit.status = to;
			touch(ctx, unit);
		}
		const unitIds = changed.map((u) => u.id);
		return { status: 200, body: { success: { message: message(unitIds.length) }, meta: { request_id: ctx.requestId, unit_ids: unitIds, curies: CURIES } } };
	};
}

const overlockUnits = overlockChange('occupied', 'overlocked', (n) => `${n} unit${n === 1 ? '' : 's'} overlocked.`);
const removeOverlock = overlockChange('overlocked', 'occupied', (n) => `Overlock removed from ${n} unit${n === 1 ? '' : 's'}.`);

module.exports = { reserveUnit, grantAccess, deallocateUnit, overlockUnits, removeOverlock, unitsOfContact };
