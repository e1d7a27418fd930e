'use strict';

const { stableId, isoSeconds } = require('./ids');
const { money } = require('./money');

/**
 * Seed records of what happens after the booking: units, who holds them (allocations and
 * tenancies), subscriptions and billing documents (credit notes, contracts). Built from the seed
 * ids (`SEED` of seed.js) and the clock at start; field orders follow catalogue §2.2–§2.9.
 */

const DAY = 86_400_000;
const UNITS_TIME = Date.parse('2024-01-20T09:00:00Z');

/**
 * @param {any} SEED
 * @returns {[key: string, reference: string, unitType: string, site: string, status: string][]}
 */
function unitRows(SEED) {
	const U = SEED.units;
	const T = SEED.unitTypes;
	const c = SEED.sites.camden;
	const l = SEED.sites.leeds;
	return [
		[U.camdenLockerA, 'L01', T.camdenLocker, c, 'available'],
		[U.camdenLockerB, 'L02', T.camdenLocker, c, 'available'],
		[U.camdenLockerReserved, 'L03', T.camdenLocker, c, 'reserved'],
		[U.camdenSmallOccupied, 'S01', T.camdenSmall, c, 'occupied'],
		[U.camdenSmallA, 'S02', T.camdenSmall, c, 'available'],
		[U.camdenSmallUnavailable, 'S03', T.camdenSmall, c, 'unavailable'],
		[U.camdenMediumA, 'M01', T.camdenMedium, c, 'available'],
		[U.camdenMediumB, 'M02', T.camdenMedium, c, 'available'],
		[U.leedsLockerA, 'L01', T.leedsLocker, l, 'available'],
		[U.leedsLockerB, 'L02', T.leedsLocker, l, 'available'],
		[U.leedsSmallA, 'S01', T.leedsSmall, l, 'available'],
		[U.leedsSmallUnavailable, 'S02', T.leedsSmall, l, 'unavailable'],
		[U.leedsLargeOverlocked, 'G01', T.leedsLarge, l, 'overlocked'],
		[U.leedsLargeA, 'G02', T.leedsLarge, l, 'available'],
	];
}

/**
 * The seed's allocations: [id, unit, tenancy, days ago reserved, days ago access granted (null: not yet)].
 * @param {any} SEED
 * @returns {[string, string, string, number, number | null][]}
 */
function allocationRows(SEED) {
	const A = SEED.unitAllocations;
	return [
		[A.priyaSmall, SEED.units.camdenSmallOccupied, SEED.tenancies.priya, 14, 13],
		[A.priyaLocker, SEED.units.camdenLockerReserved, SEED.tenancies.priya, 2, null],
		[A.samLarge, SEED.units.leedsLargeOverlocked, SEED.tenancies.sam, 200, 199],
	];
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function units(SEED, baseMs) {
	const allocationOf = new Map(allocationRows(SEED).map(([id, unit, , reservedDays]) => [unit, { id, reservedDays }]));
	return unitRows(SEED).map(([id, reference, unitType, site, status], i) => {
		const allocation = allocationOf.get(id);
		const created = isoSeconds(UNITS_TIME + i * 3_600_000);
		return {
			id,
			reference_id: reference,
			status,
			site: { id: site },
			unit_type: { id: unitType },
			unit_allocation: allocation ? { id: allocation.id } : null,
			created_at: created,
			updated_at: allocation ? isoSeconds(baseMs - allocation.reservedDays * DAY) : created,
		};
	});
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function unitAllocations(SEED, baseMs) {
	const at = (/** @type {number} */ days) => isoSeconds(baseMs - days * DAY);
	return allocationRows(SEED).map(([id, unit, tenancy, reservedDays, grantedDays]) => ({
		id,
		created_at: at(reservedDays),
		granted_access_at: grantedDays === null ? null : at(grantedDays),
		reserved_at: at(reservedDays),
		tenancy: { id: tenancy },
		unit: { id: unit },
		updated_at: at(grantedDays ?? reservedDays),
	}));
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function tenancies(SEED, baseMs) {
	const at = (/** @type {number} */ days) => isoSeconds(baseMs - days * DAY);
	const allocationsOf = (/** @type {string} */ tenancy) =>
		allocationRows(SEED)
			.filter((a) => a[2] === tenancy)
			.map(([id]) => ({ id }));
	return [
		{
			id: SEED.tenancies.sam,
			contact: { id: SEED.contacts.sam },
			created_at: at(200),
			ends_at: null,
			order: null,
			site: { id: SEED.sites.leeds },
			starts_at: at(199),
			subscription: { id: SEED.subscriptions.sam },
			unit_allocations: allocationsOf(SEED.tenancies.sam),
			updated_at: at(30),
		},
		{
			id: SEED.tenancies.priya,
			contact: { id: SEED.contacts.priya },
			created_at: at(14),
			ends_at: null,
			order: { id: SEED.orders.completed },
			site: { id: SEED.sites.camden },
			starts_at: at(13),
			subscription: { id: SEED.subscriptions.priya },
			unit_allocations: allocationsOf(SEED.tenancies.priya),
			updated_at: at(2),
		},
	];
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function subscriptions(SEED, baseMs) {
	const at = (/** @type {number} */ days) => isoSeconds(baseMs - days * DAY);
	const line = (/** @type {string} */ type, /** @type {string} */ item, /** @type {number} */ amount, /** @type {number} */ days) => ({
		created_at: at(days),
		item: { id: item },
		price: money(amount),
		quantity: 1,
		type,
		updated_at: at(days),
	});
	const record = (/** @type {Record<string, any>} */ s) => ({
		id: s.id,
		billing_period: s.billing_period,
		cancellation_reason: s.cancellation_reason ?? null,
		cancelled: Boolean(s.cancelled),
		contact: { id: s.contact },
		created_at: at(s.createdDays),
		current_period: s.current_period,
		ends_at: s.ends_at ?? null,
		line_items: s.line_items,
		order: s.order ? { id: s.order } : null,
		site: { id: s.site },
		starts_at: at(s.startsDays),
		stripe_subscription_id: stableId('sub_', `stripe ${s.id}`),
		stripe_subscription_schedule_id: null,
		tenancy: s.tenancy ? { id: s.tenancy } : null,
		updated_at: at(s.updatedDays ?? s.createdDays),
	});
	const period = (/** @type {number} */ startDays, /** @type {number} */ lengthDays) => ({ starts_at: at(startDays), ends_at: at(startDays - lengthDays) });
	return [
		record({
			id: SEED.subscriptions.priyaEarlier,
			billing_period: 'monthly',
			cancellation_reason: 'moved_out',
			cancelled: true,
			contact: SEED.contacts.priya,
			createdDays: 120,
			startsDays: 120,
			ends_at: at(60),
			updatedDays: 60,
			current_period: period(90, 30),
			line_items: [line('unit_type', SEED.unitTypes.camdenLocker, 1999, 120)],
			site: SEED.sites.camden,
		}),
		record({
			id: SEED.subscriptions.sam,
			billing_period: 'weekly',
			contact: SEED.contacts.sam,
			createdDays: 200,
			startsDays: 199,
			current_period: period(3, 7),
			line_items: [line('unit_type', SEED.unitTypes.leedsLarge, 3461, 200), line('protection', SEED.protectionLevels.cover1000, 115, 200)],
			site: SEED.sites.leeds,
			tenancy: SEED.tenancies.sam,
		}),
		record({
			id: SEED.subscriptions.priya,
			billing_period: 'monthly',
			contact: SEED.contacts.priya,
			createdDays: 14,
			startsDays: 13,
			current_period: period(13, 30),
			line_items: [
				line('unit_type', SEED.unitTypes.camdenSmall, 6999, 14),
				line('protection', SEED.protectionLevels.cover2500, 999, 14),
				line('custom_product', SEED.products.climateControl, 1999, 14),
			],
			order: SEED.orders.completed,
			site: SEED.sites.camden,
			tenancy: SEED.tenancies.priya,
		}),
	];
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function creditNotes(SEED, baseMs) {
	const at = (/** @type {number} */ days) => isoSeconds(baseMs - days * DAY);
	const note = (/** @type {Record<string, any>} */ n) => {
		const tax = Math.round((n.amount * 20) / 120);
		return {
			id: n.id,
			contact: { id: n.contact },
			created_at: at(n.days),
			invoice: { id: n.invoice },
			line_items: [
				{
					amount: money(n.amount),
					description: n.description,
					discount_total: money(0),
					price: money(n.amount),
					quantity: 1,
					tax: money(tax),
					type: 'invoice_line_item',
				},
			],
			number: n.number,
			reason: n.reason,
			site: { id: n.site },
			status: 'issued',
			subtotal: money(n.amount - tax),
			total: money(n.amount),
			type: n.type,
		};
	};
	return [
		note({
			id: SEED.creditNotes.johnVoided,
			contact: SEED.contacts.john,
			days: 7,
			invoice: SEED.invoices.voided,
			amount: 3461,
			description: 'Large (100 sq ft)',
			number: 'ABC-363-CN-1',
			reason: 'order_change',
			site: SEED.sites.leeds,
			type: 'pre_payment',
		}),
		note({
			id: SEED.creditNotes.priyaRefund,
			contact: SEED.contacts.priya,
			days: 12,
			invoice: SEED.invoices.paid,
			amount: 2000,
			description: 'Small (35 sq ft)',
			number: 'ABC-361-CN-1',
			reason: 'other',
			site: SEED.sites.camden,
			type: 'post_payment',
		}),
	];
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function contracts(SEED, baseMs) {
	const at = (/** @type {number} */ days) => isoSeconds(baseMs - days * DAY);
	const links = (/** @type {string} */ id) => ({ 'sf:show_contract': { href: `/contracts/${id}`, title: 'Show contract' } });
	const C = SEED.contracts;
	return [
		{
			id: C.voided,
			_links: {},
			contact: { id: SEED.contacts.sam },
			contract_template: { id: SEED.contractTemplates.business },
			created_at: at(201),
			name: 'Business storage agreement',
			sent_at: at(201),
			signed_at: null,
			status: 'voided',
			tenancy: { id: SEED.tenancies.sam },
			updated_at: at(200),
		},
		{
			id: C.signed,
			_links: links(C.signed),
			contact: { id: SEED.contacts.priya },
			contract_template: { id: SEED.contractTemplates.standard },
			created_at: at(14),
			name: 'Standard storage agreement',
			sent_at: at(14),
			signed_at: at(13),
			status: 'signed',
			tenancy: { id: SEED.tenancies.priya },
			updated_at: at(13),
		},
		{
			id: C.pending,
			_links: links(C.pending),
			contact: { id: SEED.contacts.jane },
			contract_template: { id: SEED.contractTemplates.standard },
			created_at: at(5),
			name: 'Standard storage agreement',
			sent_at: at(5),
			signed_at: null,
			status: 'pending',
			tenancy: null,
			updated_at: at(5),
		},
	];
}

/**
 * The occupancy and billing-document collections of the seed.
 * @param {any} SEED
 * @param {number} baseMs
 */
function occupancySeed(SEED, baseMs) {
	return {
		units: units(SEED, baseMs),
		unit_allocations: unitAllocations(SEED, baseMs),
		tenancies: tenancies(SEED, baseMs),
		subscriptions: subscriptions(SEED, baseMs),
		credit_notes: creditNotes(SEED, baseMs),
		contracts: contracts(SEED, baseMs),
	};
}

module.exports = { occupancySeed };
