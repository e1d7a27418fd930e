'use strict';

const { isoSeconds } = require('./ids');

/**
 * Seed records of the sales pipeline (catalogue §2.10–§2.15): deal stages, deals, tasks, notes,
 * timeline sources, templates and events, identity verifications. Built from the seed ids (`SEED`
 * of seed.js) and the clock at start; fields in the order of the catalogue's object lists.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const PIPELINE_TIME = Date.parse('2024-01-10T09:00:00Z');

/**
 * Stages: created viewing, new, quoted (so a list by created_at is not the position order).
 * @param {any} SEED
 */
function dealStages(SEED) {
	const S = SEED.dealStages;
	/** @type {[string, string, number][]} */
	const rows = [
		[S.viewingBooked, 'Viewing booked', 2],
		[S.newEnquiry, 'New enquiry', 1],
		[S.quoteSent, 'Quote sent', 3],
	];
	return rows.map(([id, name, position], i) => ({
		id,
		created_at: isoSeconds(PIPELINE_TIME + i * HOUR),
		name,
		position,
		updated_at: isoSeconds(PIPELINE_TIME + i * HOUR),
	}));
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function deals(SEED, baseMs) {
	const at = (/** @type {number} */ days) => isoSeconds(baseMs - days * DAY);
	const D = SEED.deals;
	/** Field order as the catalogue lists a deal's (value_estimate is added when shown). */
	const deal = (/** @type {any} */ d, /** @type {number} */ createdDays, /** @type {number} */ updatedDays) => ({
		id: d.id,
		assignee: d.assignee,
		contact: d.contact,
		created_at: at(createdDays),
		creator: { id: SEED.staff.sales },
		line_items: d.line_items,
		lost_reason: d.lost_reason,
		metadata: d.metadata || {},
		name: d.name,
		note: d.note,
		site: d.site,
		stage: d.stage,
		starts_at: d.starts_at,
		status: d.status,
		updated_at: at(updatedDays),
	});
	return [
		deal(
			{
				id: D.samLost,
				assignee: { id: SEED.staff.leedsManager },
				contact: { id: SEED.contacts.sam },
				line_items: [{ item: { id: SEED.unitTypes.leedsLarge }, quantity: 1, type: 'unit_type' }],
				lost_reason: 'price_concerns',
				name: 'Sam Taylor - second unit',
				note: null,
				site: { id: SEED.sites.leeds },
				stage: { id: SEED.dealStages.quoteSent },
				starts_at: null,
				status: 'lost',
			},
			40,
			20,
		),
		deal(
			{
				id: D.johnWon,
				assignee: { id: SEED.staff.leedsManager },
				contact: { id: SEED.contacts.john },
				line_items: [{ item: { id: SEED.unitTypes.leedsLarge }, quantity: 1, type: 'unit_type' }],
				lost_reason: null,
				name: 'John Doe - large unit',
				note: null,
				site: { id: SEED.sites.leeds },
				stage: { id: SEED.dealStages.quoteSent },
				starts_at: at(25),
				status: 'won',
			},
			30,
			25,
		),
		deal(
			{
				id: D.priyaOpen,
				assignee: null,
				contact: { id: SEED.contacts.priya },
				line_items: [
					{ item: { id: SEED.unitTypes.camdenLocker }, quantity: 1, type: 'unit_type' },
					{ item: { id: SEED.protectionLevels.cover2500 }, quantity: 1, type: 'protection' },
				],
				lost_reason: null,
				metadata: { campaign: 'spring' },
				name: 'Priya Patel - extra locker',
				note: null,
				site: { id: SEED.sites.camden },
				stage: { id: SEED.dealStages.newEnquiry },
				starts_at: null,
				status: 'open',
			},
			5,
			5,
		),
		deal(
			{
				id: D.janeOpen,
				assignee: { id: SEED.staff.leedsManager },
				contact: { id: SEED.contacts.jane },
				line_items: [{ item: { id: SEED.unitTypes.leedsSmall }, quantity: 1, type: 'unit_type' }],
				lost_reason: null,
				name: 'Jane Smith - small unit',
				note: 'About £50 a month',
				site: { id: SEED.sites.leeds },
				stage: { id: SEED.dealStages.viewingBooked },
				starts_at: at(-10),
				status: 'open',
			},
			3,
			1,
		),
	];
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function tasks(SEED, baseMs) {
	const at = (/** @type {number} */ days) => isoSeconds(baseMs - days * DAY);
	return [
		{
			id: SEED.tasks.checkLock,
			assignee: { id: SEED.staff.camdenManager },
			completed_at: at(6),
			created_at: at(9),
			creator: { id: SEED.staff.camdenManager },
			description: '<p>The lock on S03 is stiff: check it before the unit is let again.</p>',
			due_at: at(7),
			metadata: {},
			resource: { id: SEED.units.camdenSmallUnavailable },
			site: { id: SEED.sites.camden },
			status: 'completed',
			title: 'Check lock on S03',
			updated_at: at(6),
		},
		{
			id: SEED.tasks.callJane,
			assignee: { id: SEED.staff.leedsManager },
			completed_at: null,
			created_at: at(2),
			creator: { id: SEED.staff.sales },
			description: null,
			due_at: at(-1),
			metadata: {},
			resource: { id: SEED.contacts.jane },
			site: { id: SEED.sites.leeds },
			status: 'open',
			title: 'Call Jane about her viewing',
			updated_at: at(2),
		},
	];
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function notes(SEED, baseMs) {
	const at = (/** @type {number} */ days) => isoSeconds(baseMs - days * DAY);
	/** @type {[string, string, string, number][]} */
	const rows = [
		[SEED.notes.doorSticks, 'The door of S03 sticks in cold weather.', SEED.units.camdenSmallUnavailable, 8],
		[SEED.notes.priyaAccess, 'Prefers morning access.', SEED.contacts.priya, 4],
		[SEED.notes.janeCallback, 'Jane asked for a callback after 5pm.', SEED.tasks.callJane, 1],
	];
	return rows.map(([id, content, resource, days]) => ({
		id,
		content,
		created_at: at(days),
		creator: { id: SEED.staff.sales },
		metadata: {},
		resource: { id: resource },
		updated_at: at(days),
	}));
}

/**
 * @param {any} SEED
 */
function timelineSources(SEED) {
	return [
		{
			id: SEED.timelineSources.email,
			created_at: isoSeconds(PIPELINE_TIME),
			global: true,
			name: 'Email',
			updated_at: isoSeconds(PIPELINE_TIME),
			website_url: null,
		},
		{
			id: SEED.timelineSources.phoneSystem,
			created_at: isoSeconds(PIPELINE_TIME + DAY),
			global: false,
			name: 'Phone system',
			updated_at: isoSeconds(PIPELINE_TIME + DAY),
			website_url: 'https://phone.example.com',
		},
	];
}

/**
 * Template variables: `predefined` names the variables the template requires on create, `custom`
 * those it shows when sent (the docs give the two lists, not their items: the sandbox uses names).
 * @param {any} SEED
 */
function timelineTemplates(SEED) {
	return [
		{
			id: SEED.timelineTemplates.emailSent,
			created_at: isoSeconds(PIPELINE_TIME),
			global: true,
			message: 'Email sent: {{ subject }}',
			name: 'Email sent',
			updated_at: isoSeconds(PIPELINE_TIME),
			variables: { custom: [], predefined: ['subject'] },
		},
		{
			id: SEED.timelineTemplates.callLogged,
			created_at: isoSeconds(PIPELINE_TIME + DAY),
			global: false,
			message:
				'{{ direction }} call, {{ duration }} minutes{% if agent %} with {{ agent }}{% endif %}{% if global_context %} ({{ contact.full_name }}){% endif %}',
			name: 'Call logged',
			updated_at: isoSeconds(PIPELINE_TIME + DAY),
			variables: { custom: ['agent'], predefined: ['direction', 'duration'] },
		},
	];
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function timelineEvents(SEED, baseMs) {
	const t = isoSeconds(baseMs - 2 * DAY);
	return [
		{
			id: SEED.timelineEvents.priyaCall,
			contact: { id: SEED.contacts.priya },
			created_at: t,
			creator: { id: SEED.application },
			description: 'Asked about a second locker',
			external: { id: 'call-1001', url: 'https://phone.example.com/calls/call-1001' },
			invoice: null,
			site: { id: SEED.sites.camden },
			source: { id: SEED.timelineSources.phoneSystem },
			subscription: null,
			template: { id: SEED.timelineTemplates.callLogged },
			tenancy: null,
			unit: null,
			unit_type: null,
			updated_at: t,
			variables: { agent: 'Alex', direction: 'Inbound', duration: '4' },
		},
	];
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function identityVerifications(SEED, baseMs) {
	const at = (/** @type {number} */ days) => isoSeconds(baseMs - days * DAY);
	const V = SEED.identityVerifications;
	/** @type {[string, string, string, string | null, number, number][]} */
	const rows = [
		[V.priyaSucceeded, SEED.contacts.priya, 'succeeded', null, 15, 15],
		[V.janeFailed, SEED.contacts.jane, 'failed', 'document_expired', 4, 4],
		[V.janeProcessing, SEED.contacts.jane, 'processing', null, 1, 1],
	];
	return rows.map(([id, contact, status, errorCode, created, updated]) => ({
		id,
		contact: { id: contact },
		created_at: at(created),
		error_code: errorCode,
		status,
		updated_at: at(updated),
	}));
}

/**
 * @param {any} SEED
 * @param {number} baseMs
 */
function crmSeed(SEED, baseMs) {
	return {
		deal_stages: dealStages(SEED),
		deals: deals(SEED, baseMs),
		tasks: tasks(SEED, baseMs),
		notes: notes(SEED, baseMs),
		timeline_sources: timelineSources(SEED),
		timeline_templates: timelineTemplates(SEED),
		timeline_events: timelineEvents(SEED, baseMs),
		identity_verifications: identityVerifications(SEED, baseMs),
	};
}

module.exports = { crmSeed };
