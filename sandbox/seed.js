'use strict';

const { stableId, isoSeconds } = require('./ids');
const { money } = require('./money');
const { occupancySeed } = require('./seed-occupancy');
const { crmSeed } = require('./seed-crm');

/**
 * Seeded ids. Camden's catalogue, John Doe and two orders reuse the ids of Stora's doc examples,
 * so the documented example requests work verbatim against the sandbox; the rest are
 * prefix + sha256(name)[0..16].
 */
const SEED = Object.freeze({
	sites: Object.freeze({ camden: 'site_14b419f1096013f1', leeds: stableId('site_', 'Leeds Central') }),
	unitTypes: Object.freeze({
		camdenLocker: 'utype_3b3aed5cca33b11d',
		// the id examples 4 and 5 name (made when ids were hex): kept so saved copies of them still work
		camdenSmall: 'utype_8af86ba64222935e',
		camdenMedium: stableId('utype_', 'Camden Medium'),
		leedsLocker: stableId('utype_', 'Leeds Central Locker'),
		leedsSmall: stableId('utype_', 'Leeds Central Small'),
		leedsLarge: stableId('utype_', 'Leeds Central Large'),
	}),
	protectionLevels: Object.freeze({
		cover1000: stableId('plvl_', 'Cover 1000'),
		cover2500: 'plvl_851681552a608245',
		cover5000: stableId('plvl_', 'Cover 5000'),
	}),
	products: Object.freeze({
		climateControl: 'prod_c4267b529ee675bd',
		padlock: 'prod_0bc539e1087f3070',
		movingBoxes: stableId('prod_', 'Moving boxes'),
	}),
	coupons: Object.freeze({ halfPrice: 'cpn_a26d0d4c582740c1', tenPoundsOff: stableId('cpn_', 'Ten pounds off') }),
	contractTemplates: Object.freeze({ standard: 'ctpl_33ae8d0b2b371ba2', business: stableId('ctpl_', 'Business agreement') }),
	contacts: Object.freeze({
		john: 'con_0ac0514ed0711462',
		jane: stableId('con_', 'Jane Smith'),
		priya: stableId('con_', 'Priya Patel'),
		sam: stableId('con_', 'Sam Taylor'),
	}),
	orders: Object.freeze({
		draftReady: 'order_942ae99a1fdc940e',
		draftEmpty: 'order_9b4d7b10f6b3e0d4',
		finalized: stableId('order_', 'finalized order'),
		completed: stableId('order_', 'completed order'),
		abandoned: stableId('order_', 'abandoned order'),
		leedsDraft: stableId('order_', 'Leeds draft order'),
	}),
	invoices: Object.freeze({
		// the id of the docs' invoice example
		paid: 'inv_195h6kfm9ro15lof',
		open: stableId('inv_', 'open invoice'),
		voided: stableId('inv_', 'voided invoice'),
		draft: stableId('inv_', 'draft invoice'),
		oldPaid: stableId('inv_', 'old paid invoice'),
	}),
	// Units: a few per unit type, in mixed states (seed-occupancy.js says which tenancy holds which)
	units: Object.freeze({
		camdenLockerA: stableId('unit_', 'Camden L01'),
		camdenLockerB: stableId('unit_', 'Camden L02'),
		/** reserved for Priya's tenancy (move-in pending: Grant Access) */
		camdenLockerReserved: stableId('unit_', 'Camden L03'),
		/** occupied by Priya's tenancy */
		camdenSmallOccupied: stableId('unit_', 'Camden S01'),
		camdenSmallA: stableId('unit_', 'Camden S02'),
		camdenSmallUnavailable: stableId('unit_', 'Camden S03'),
		camdenMediumA: stableId('unit_', 'Camden M01'),
		camdenMediumB: stableId('unit_', 'Camden M02'),
		leedsLockerA: stableId('unit_', 'Leeds L01'),
		leedsLockerB: stableId('unit_', 'Leeds L02'),
		leedsSmallA: stableId('unit_', 'Leeds S01'),
		leedsSmallUnavailable: stableId('unit_', 'Leeds S02'),
		/** overlocked: Sam's tenancy, in arrears */
		leedsLargeOverlocked: stableId('unit_', 'Leeds G01'),
		leedsLargeA: stableId('unit_', 'Leeds G02'),
	}),
	tenancies: Object.freeze({
		/** Priya at Camden, from the completed order (the order names it) */
		priya: stableId('ten_', 'completed order'),
		/** Sam at Leeds, no order in the sandbox */
		sam: stableId('ten_', 'Sam Taylor tenancy'),
	}),
	subscriptions: Object.freeze({
		/** Priya's, from the completed order (the order and two invoices name it) */
		priya: stableId('sub_', 'completed order'),
		/** Priya's earlier, cancelled one (the old paid invoice names it) */
		priyaEarlier: stableId('sub_', 'earlier subscription'),
		sam: stableId('sub_', 'Sam Taylor subscription'),
	}),
	unitAllocations: Object.freeze({
		priyaSmall: stableId('alloc_', 'Priya Camden S01'),
		priyaLocker: stableId('alloc_', 'Priya Camden L03'),
		samLarge: stableId('alloc_', 'Sam Leeds G01'),
	}),
	creditNotes: Object.freeze({
		/** issued against the paid invoice (Priya) */
		priyaRefund: stableId('cred_', 'Priya refund'),
		/** against the voided invoice (John) */
		johnVoided: stableId('cred_', 'John voided invoice'),
	}),
	contracts: Object.freeze({
		/** Priya's tenancy: the only one with a PDF */
		signed: stableId('ctr_', 'Priya signed contract'),
		/** Jane's, sent and not signed */
		pending: stableId('ctr_', 'Jane pending contract'),
		/** Sam's, voided (empty `_links`) */
		voided: stableId('ctr_', 'Sam voided contract'),
	}),
	// CRM (seed-crm.js): staff exist only as ids (Stora lists no staff endpoint); the sandbox knows these
	staff: Object.freeze({
		camdenManager: stableId('staff_', 'Camden site manager'),
		leedsManager: stableId('staff_', 'Leeds site manager'),
		sales: stableId('staff_', 'Sales team'),
	}),
	/** the creator of what the API token makes */
	application: stableId('app_', 'Sandbox API application'),
	// listed by created_at they are viewing, new, quoted: position order is new (1), viewing (2), quoted (3)
	dealStages: Object.freeze({
		newEnquiry: stableId('dstg_', 'New enquiry'),
		viewingBooked: stableId('dstg_', 'Viewing booked'),
		quoteSent: stableId('dstg_', 'Quote sent'),
	}),
	deals: Object.freeze({
		/** Jane at Leeds, open, viewing booked, a Leeds Small unit type, assigned to the Leeds manager */
		janeOpen: stableId('deal_', 'Jane open deal'),
		/** Priya at Camden, open, new enquiry, a locker and protection, no assignee */
		priyaOpen: stableId('deal_', 'Priya open deal'),
		/** John, won */
		johnWon: stableId('deal_', 'John won deal'),
		/** Sam, lost (price_concerns) */
		samLost: stableId('deal_', 'Sam lost deal'),
	}),
	tasks: Object.freeze({
		/** open, on Jane (contact), due tomorrow, Leeds manager */
		callJane: stableId('task_', 'Call Jane'),
		/** completed, on unit Camden S03: Reopen turns it open */
		checkLock: stableId('task_', 'Check lock on S03'),
	}),
	notes: Object.freeze({
		/** on Priya (contact) */
		priyaAccess: stableId('note_', 'Priya prefers morning access'),
		/** on unit Camden S03 */
		doorSticks: stableId('note_', 'S03 door sticks'),
		/** on the Call Jane task */
		janeCallback: stableId('note_', 'Jane wants a callback'),
	}),
	timelineSources: Object.freeze({
		/** operator-specific (`global: false`) */
		phoneSystem: stableId('tsrc_', 'Phone system'),
		/** `global: true` */
		email: stableId('tsrc_', 'Email'),
	}),
	timelineTemplates: Object.freeze({
		/** predefined (required) variables `direction`, `duration`; custom `agent` */
		callLogged: stableId('aetpl_', 'Call logged'),
		/** global; predefined `subject`; no custom variables */
		emailSent: stableId('aetpl_', 'Email sent'),
	}),
	timelineEvents: Object.freeze({
		/** a call on Priya's timeline (phone system, Call logged) */
		priyaCall: stableId('aevt_', 'Priya call'),
	}),
	identityVerifications: Object.freeze({
		priyaSucceeded: stableId('idver_', 'Priya succeeded'),
		janeFailed: stableId('idver_', 'Jane failed'),
		janeProcessing: stableId('idver_', 'Jane processing'),
	}),
});

/** A contact's identity check before any attempt (catalogue §2.13: the newer contact example's `identity_check`). */
const NO_IDENTITY_CHECK = Object.freeze({ required: false, status: 'not_attempted' });

const BILLING_PERIODS = ['monthly', 'weekly', 'every_four_weeks', 'every_three_months', 'every_six_months', 'yearly'];

/**
 * Catalogue prices for all six billing periods, derived from the monthly price.
 * @param {number} monthly
 * @param {string} stripeBase
 */
function periodPrices(monthly, stripeBase) {
	/** @type {Record<string, number>} */
	const amounts = {
		monthly,
		weekly: Math.round((monthly * 12) / 52),
		every_four_weeks: Math.round((monthly * 12) / 13),
		every_three_months: monthly * 3,
		every_six_months: Math.round(monthly * 6 * 0.95),
		yearly: Math.round(monthly * 12 * 0.9),
	};
	return BILLING_PERIODS.map((p) => ({
		billing_period: p,
		price: money(amounts[p]),
		stripe_price_id: stableId('price_', `${stripeBase} ${p}`),
	}));
}

const CATALOGUE_TIME = Date.parse('2024-01-15T09:00:00Z');
const DAY = 86_400_000;

/**
 * Seed timestamps `i` hours after the catalogue time; updated `updatedHours` later still.
 * @param {number} i
 * @param {number} [updatedHours]
 */
function catalogueTimes(i, updatedHours = 0) {
	return {
		created_at: isoSeconds(CATALOGUE_TIME + i * 3_600_000),
		updated_at: isoSeconds(CATALOGUE_TIME + (i + updatedHours) * 3_600_000),
	};
}

function sites() {
	const hours = (open, close) => ({ status: 'set_hours', open, close });
	const week = {
		monday: hours('08:00', '20:00'),
		tuesday: hours('08:00', '20:00'),
		wednesday: hours('08:00', '20:00'),
		thursday: hours('08:00', '20:00'),
		friday: hours('08:00', '20:00'),
		saturday: hours('09:00', '17:00'),
		sunday: { status: 'closed', open: null, close: null },
	};
	return [
		{
			id: SEED.sites.camden,
			name: 'Camden',
			description: 'Self storage in the heart of Camden, five minutes from the tube.',
			address: { line_1: '12 Chalk Farm Road', line_2: null, city: 'London', postal_code: 'NW1 8AB' },
			phone: '+442071234567',
			opened_at: '2019-05-01T09:00:00Z',
			access_hours: week,
			directions: { google_maps_url: 'https://maps.google.com/?q=NW1+8AB' },
			images: { default: 'https://images.stora.test/sites/camden.jpg' },
			...catalogueTimes(0),
		},
		{
			id: SEED.sites.leeds,
			name: 'Leeds Central',
			description: '24-hour drive-up storage next to Leeds station.',
			address: { line_1: '4 Wellington Street', line_2: 'Unit 2', city: 'Leeds', postal_code: 'LS1 4DL' },
			phone: '+441131234567',
			opened_at: '2021-09-15T09:00:00Z',
			access_hours: Object.fromEntries(Object.keys(week).map((d) => [d, { status: 'twenty_four_hours', open: null, close: null }])),
			directions: { google_maps_url: 'https://maps.google.com/?q=LS1+4DL' },
			images: { default: 'https://images.stora.test/sites/leeds-central.jpg' },
			...catalogueTimes(1),
		},
	];
}

function unitTypes() {
	const u = SEED.unitTypes;
	const rows = [
		[u.camdenLocker, SEED.sites.camden, 'Locker (15 sq ft)', 1999, 10000, [3, 5, 3], 'a wardrobe'],
		[u.camdenSmall, SEED.sites.camden, 'Small (35 sq ft)', 6999, 10000, [7, 5, 7], 'a garden shed'],
		[u.camdenMedium, SEED.sites.camden, 'Medium (75 sq ft)', 12999, 15000, [8, 10, 7.5], 'a single garage'],
		[u.leedsLocker, SEED.sites.leeds, 'Locker (15 sq ft)', 1499, 5000, [3, 5, 3], 'a wardrobe'],
		[u.leedsSmall, SEED.sites.leeds, 'Small (35 sq ft)', 4999, 7500, [7, 5, 7], 'a garden shed'],
		[u.leedsLarge, SEED.sites.leeds, 'Large (100 sq ft)', 14999, 15000, [8, 12.5, 10], 'a large garage'],
	];
	return rows.map(([id, siteId, name, monthly, deposit, [height, length, width], like], i) => {
		const slug = name
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '');
		const siteSlug = siteId === SEED.sites.camden ? 'camden' : 'leeds-central';
		return {
			id,
			name,
			slug,
			site: { id: siteId },
			status: 'bookable',
			size_description: `${name.replace(/.*\((.*)\)/, '$1')}, about the size of ${like}`,
			dimensions: { height, length, width, measurement_unit: 'ft' },
			prices: periodPrices(monthly, id),
			security_deposit: money(deposit),
			require_security_deposit: false,
			require_insurance_coverage: false,
			promotion: null,
			dynamic_pricing: false,
			selling_points: ['Free padlock on move-in', 'CCTV monitored'],
			_links: {
				'sf:new_order': {
					href: `/sites/${siteSlug}/order/contact-details?unit_type_slug=${slug}`,
					title: 'New order',
				},
			},
			...catalogueTimes(2 + i),
		};
	});
}

function protectionLevels() {
	const p = SEED.protectionLevels;
	return [
		[p.cover1000, 100000, 499],
		[p.cover2500, 250000, 999],
		[p.cover5000, 500000, 1999],
	].map(([id, cover, monthly], i) => ({
		id,
		cover_level: money(cover),
		prices: periodPrices(monthly, id),
		public: true,
		account_code: `PROT-${cover / 100}`,
		...catalogueTimes(10 + i),
	}));
}

function products() {
	const p = SEED.products;
	return [
		{
			id: p.climateControl,
			name: 'Climate control',
			description: 'Temperature and humidity controlled storage, billed with your unit.',
			charge_type: 'recurring',
			prices: periodPrices(1999, p.climateControl),
			site: { id: SEED.sites.camden },
			category: { id: stableId('pcat_', 'Services') },
			sku: 'CLIMATE-01',
			accounting_code: '4010',
			...catalogueTimes(20),
		},
		{
			id: p.padlock,
			name: 'Disc padlock',
			description: 'Closed-shackle disc padlock with two keys.',
			charge_type: 'one_time',
			prices: [{ billing_period: 'one_time', price: money(999), stripe_price_id: stableId('price_', 'padlock') }],
			site: { id: SEED.sites.camden },
			category: { id: stableId('pcat_', 'Retail') },
			sku: 'LOCK-DISC',
			accounting_code: '4020',
			...catalogueTimes(21),
		},
		{
			id: p.movingBoxes,
			name: 'Moving boxes (pack of 10)',
			description: 'Ten double-walled medium boxes.',
			charge_type: 'one_time',
			prices: [{ billing_period: 'one_time', price: money(2499), stripe_price_id: stableId('price_', 'boxes') }],
			site: { id: SEED.sites.leeds },
			category: { id: stableId('pcat_', 'Retail') },
			sku: 'BOX-M-10',
			accounting_code: '4020',
			...catalogueTimes(22),
		},
	];
}

function coupons() {
	const noAuto = { products: false, protections: false, subscriptions: false, unit_types: false };
	return [
		{
			id: SEED.coupons.halfPrice,
			name: '50% off for 2 months',
			code: 'HALFPRICE',
			type: 'percentage',
			percent: 50,
			amount: null,
			duration: 'repeating',
			months: 2,
			billing_period: null,
			public: true,
			max_redemptions: null,
			auto_apply_to: noAuto,
			title: 'Half price for your first two months',
			...catalogueTimes(30),
		},
		{
			id: SEED.coupons.tenPoundsOff,
			name: '£10 off',
			code: 'TENOFF',
			type: 'amount',
			percent: null,
			amount: money(1000),
			duration: 'forever',
			months: null,
			billing_period: null,
			public: false,
			max_redemptions: 100,
			auto_apply_to: noAuto,
			title: '£10 off every bill',
			...catalogueTimes(31),
		},
	];
}

function contractTemplates() {
	return [
		{
			id: SEED.contractTemplates.standard,
			name: 'Standard storage agreement',
			description: 'Licence agreement for domestic customers.',
			...catalogueTimes(40),
		},
		{
			id: SEED.contractTemplates.business,
			name: 'Business storage agreement',
			description: 'Licence agreement for company customers.',
			...catalogueTimes(41),
		},
	];
}

/**
 * A contact record with Stora's field order.
 * @param {Record<string, any>} c
 */
function contactRecord(c) {
	return {
		id: c.id,
		full_name: c.full_name,
		email: c.email,
		phone_number: c.phone_number,
		type: c.type,
		source: c.source,
		marketing_source: c.marketing_source,
		use_case: c.use_case,
		address: c.address,
		tax_id: c.tax_id ?? null,
		company_registration_number: null,
		stripe_customer_id: c.stripe_customer_id,
		tenancies_count: c.tenancies_count ?? 0,
		metadata: {},
		status: c.status,
		identity_check: { ...NO_IDENTITY_CHECK },
		...c.times,
	};
}

function contacts() {
	return [
		contactRecord({
			id: SEED.contacts.john,
			full_name: 'John Doe',
			email: 'john@doe.com',
			phone_number: '+447525920754',
			type: 'company',
			source: 'walkin',
			marketing_source: 'recommendation',
			use_case: 'more_space',
			address: { line_1: '123 Main St', line_2: 'Apt 4B', city: 'Anytown', postal_code: '12345', state: 'CA', country_alpha2: 'US' },
			tax_id: '123456789',
			stripe_customer_id: 'cus_SandboxJohnDoe',
			status: 'lead',
			times: catalogueTimes(50, 24 * 30),
		}),
		contactRecord({
			id: SEED.contacts.jane,
			full_name: 'Jane Smith',
			email: 'jane.smith@example.com',
			phone_number: '+447700900123',
			type: 'domestic',
			source: 'booking',
			marketing_source: 'google_search',
			use_case: 'moving_home',
			address: { line_1: '8 Park Lane', line_2: null, city: 'Leeds', postal_code: 'LS2 9JT', state: null, country_alpha2: 'GB' },
			stripe_customer_id: 'cus_SandboxJaneSmith',
			status: 'lead',
			times: catalogueTimes(51, 24 * 10),
		}),
		contactRecord({
			id: SEED.contacts.priya,
			full_name: 'Priya Patel',
			email: 'priya@patel.example',
			phone_number: '+447700900456',
			type: 'student',
			source: 'phone',
			marketing_source: 'social_media',
			use_case: 'travelling',
			address: { line_1: '21 Camden High Street', line_2: null, city: 'London', postal_code: 'NW1 7JE', state: null, country_alpha2: 'GB' },
			stripe_customer_id: 'cus_SandboxPriyaPatel',
			tenancies_count: 1,
			status: 'customer',
			times: catalogueTimes(52, 24 * 60),
		}),
		contactRecord({
			id: SEED.contacts.sam,
			full_name: 'Sam Taylor',
			email: 'sam.taylor@example.org',
			phone_number: null,
			type: null,
			source: null,
			marketing_source: null,
			use_case: null,
			address: null,
			stripe_customer_id: 'cus_SandboxSamTaylor',
			tenancies_count: 1,
			status: 'churned',
			times: catalogueTimes(53, 24 * 90),
		}),
	];
}

/**
 * Seed order inputs (stored-record shape without `_seq`), created relative to `baseMs`.
 * Line items carry `price: null` to take the catalogue price.
 * @param {number} baseMs
 * @param {string} baseUrl
 */
function orders(baseMs, baseUrl) {
	const O = SEED.orders;
	const at = (days, minutes = 0) => isoSeconds(baseMs - days * DAY - minutes * 60_000);
	const line = (orderKey, n, type, itemId, quantity = 1, id) => ({
		id: id || stableId('olitm_', `${orderKey} ${n}`),
		type,
		item: { id: itemId },
		quantity,
		price: null,
	});
	const common = {
		contract_template: null,
		coupon: null,
		email_notifications: { booking_confirmation: true, move_in_day: true },
		metadata: {},
		payment_method: 'card',
		payment_url: null,
		purchase_order_number: null,
		source: 'public_api',
		subscription: null,
		tenancy: null,
	};
	const checkout = (id) => `${baseUrl}/checkout/${id}`;
	return [
		{
			...common,
			id: O.completed,
			billing_period: 'monthly',
			contact: { id: SEED.contacts.priya },
			site: { id: SEED.sites.camden },
			line_items: [line('completed', 0, 'unit_type', SEED.unitTypes.camdenSmall), line('completed', 1, 'security_deposit', SEED.unitTypes.camdenSmall)],
			metadata: { source: 'website', external_id: 'web_1000' },
			payment_url: checkout(O.completed),
			starts_at: at(13),
			status: 'completed',
			subscription: { id: stableId('sub_', 'completed order') },
			tenancy: { id: stableId('ten_', 'completed order') },
			created_at: at(21),
			updated_at: at(13),
		},
		{
			...common,
			id: O.abandoned,
			billing_period: 'weekly',
			contact: { id: SEED.contacts.john },
			site: { id: SEED.sites.leeds },
			line_items: [line('abandoned', 0, 'unit_type', SEED.unitTypes.leedsLarge)],
			metadata: { source: 'phone' },
			payment_url: checkout(O.abandoned),
			starts_at: at(10),
			status: 'abandoned',
			created_at: at(14),
			updated_at: at(7),
		},
		{
			...common,
			id: O.leedsDraft,
			billing_period: 'every_four_weeks',
			contact: { id: SEED.contacts.jane },
			site: { id: SEED.sites.leeds },
			line_items: [line('leedsDraft', 0, 'unit_type', SEED.unitTypes.leedsSmall), line('leedsDraft', 1, 'product', SEED.products.movingBoxes, 2)],
			metadata: { source: 'zapier', external_id: 'abc_123' },
			starts_at: 'now',
			status: 'draft',
			created_at: at(10),
			updated_at: at(10),
		},
		{
			...common,
			id: O.finalized,
			billing_period: 'monthly',
			contact: { id: SEED.contacts.jane },
			site: { id: SEED.sites.leeds },
			line_items: [line('finalized', 0, 'unit_type', SEED.unitTypes.leedsLocker), line('finalized', 1, 'protection', SEED.protectionLevels.cover1000)],
			coupon: { id: SEED.coupons.tenPoundsOff },
			metadata: { source: 'website', external_id: 'web_1001' },
			payment_url: checkout(O.finalized),
			starts_at: isoSeconds(baseMs + 3 * DAY),
			status: 'finalized',
			created_at: at(5),
			updated_at: at(5),
		},
		{
			...common,
			id: O.draftEmpty,
			billing_period: null,
			contact: null,
			site: { id: SEED.sites.camden },
			line_items: [],
			starts_at: null,
			status: 'draft',
			created_at: at(1, 5),
			updated_at: at(1, 5),
		},
		{
			...common,
			id: O.draftReady,
			billing_period: 'monthly',
			contact: { id: SEED.contacts.john },
			contract_template: { id: SEED.contractTemplates.standard },
			coupon: { id: SEED.coupons.halfPrice },
			site: { id: SEED.sites.camden },
			line_items: [
				line('draftReady', 0, 'unit_type', SEED.unitTypes.camdenLocker, 1, 'olitm_1001cbd3d5fec937'),
				line('draftReady', 1, 'protection', SEED.protectionLevels.cover2500, 1, 'olitm_260799c6b6b1a274'),
				line('draftReady', 2, 'product', SEED.products.padlock, 2, 'olitm_47eba7938308c71d'),
				line('draftReady', 3, 'security_deposit', SEED.unitTypes.camdenLocker, 1, 'olitm_b202613e81c9101e'),
			],
			purchase_order_number: 'PO987654321',
			starts_at: isoSeconds(baseMs + DAY),
			status: 'draft',
			created_at: at(1),
			updated_at: at(1),
		},
	];
}

/**
 * Seed invoice partials (see invoice-record.js), created relative to `baseMs`: Priya's for the
 * completed order's subscription (paid, then open; the paid one first for the docs' number ABC-361), an old paid one (90 days, outside a 60-day
 * window), a voided one, and a draft with no `created_at` as in the docs' example.
 * @param {number} baseMs
 */
function invoices(baseMs) {
	const I = SEED.invoices;
	const at = (/** @type {number} */ days, hours = 0) => isoSeconds(baseMs - days * DAY + hours * 3_600_000);
	const priya = { contact: { id: SEED.contacts.priya }, site: { id: SEED.sites.camden } };
	const subscription = { id: stableId('sub_', 'completed order') };
	const unit = { description: 'Small (35 sq ft)', price: 6999 };
	return [
		{ ...priya, id: I.paid, subscription, line_items: [unit, { description: 'Security deposit', price: 10000 }], created_at: at(13), paid_at: at(13, 1) },
		{ ...priya, id: I.oldPaid, subscription: { id: stableId('sub_', 'earlier subscription') }, line_items: [{ description: 'Locker (15 sq ft)', price: 1999 }], created_at: at(90), paid_at: at(90, 2) },
		{ contact: { id: SEED.contacts.john }, site: { id: SEED.sites.leeds }, id: I.voided, line_items: [{ description: 'Large (100 sq ft)', price: 3461 }], created_at: at(8), voided_at: at(7) },
		{ ...priya, id: I.open, subscription, line_items: [unit], created_at: at(3) },
		{ contact: { id: SEED.contacts.jane }, site: { id: SEED.sites.leeds }, id: I.draft, status: 'draft', line_items: [{ description: 'Locker (15 sq ft)', price: 1499 }], created_at: null, period_start: at(0) },
	];
}

/**
 * All seed collections.
 * @param {number} baseMs the clock at start; seeded orders are created in the weeks before it
 * @param {string} baseUrl the sandbox URL, for payment URLs
 */
function buildSeed(baseMs, baseUrl) {
	return {
		sites: sites(),
		unit_types: unitTypes(),
		protection_levels: protectionLevels(),
		products: products(),
		coupons: coupons(),
		contract_templates: contractTemplates(),
		contacts: contacts(),
		orders: orders(baseMs, baseUrl),
		invoices: invoices(baseMs),
		...occupancySeed(SEED, baseMs),
		...crmSeed(SEED, baseMs),
	};
}

module.exports = {
	NO_IDENTITY_CHECK,
	SEED,
	BILLING_PERIODS,
	buildSeed,
};
