'use strict';

const { ApiError } = require('./errors');
const { requireScopes } = require('./auth');
const { objectBody, throwIfInvalid, findOr404, touch } = require('./handlers');
const { validateMetadata, mergeMetadata } = require('./metadata');
const { isObject } = require('./order-input');
const { cataloguePrice } = require('./pricing');
const { money } = require('./money');
const { listParam, checkEnumList } = require('./query');
const { randomId, isoSeconds } = require('./ids');
const { publicRecord } = require('./render');
const { single } = require('./respond');
const { SEED } = require('./seed');
const { BodyReader, assignRead } = require('./crm-input');

/** @typedef {import('./orders').HandlerContext} HandlerContext */
/** @typedef {import('./orders').HandlerResult} HandlerResult */

const WRITE = 'public.deal:write';
const DEAL_STATUSES = ['open', 'won', 'lost'];
/** The documented values (catalogue §2.10: the enum is cut after `contract…`; the example shows `price_concerns`). */
const LOST_REASONS = ['accessibility_concern', 'better_deal_elsewhere', 'chose_competitor', 'price_concerns'];
/** Values the docs cut off are taken when they look like the documented ones. */
const LOST_REASON_SHAPE = /^[a-z][a-z0-9_]*$/;
const LINE_TYPES = { unit_type: ['unit_types', 'Unit type'], protection: ['protection_levels', 'Protection level'] };
const FIELDS = ['name', 'assignee', 'site', 'note', 'starts_at', 'metadata', 'line_items'];

/**
 * "£69.99 per month" from the line items' monthly catalogue prices; null without line items.
 * @param {any} deal
 * @param {import('./store').Store} store
 */
function valueEstimate(deal, store) {
	if (!deal.line_items.length) return null;
	let total = 0;
	for (const l of deal.line_items) {
		const target = store.lineItemTarget(l.type, l.item.id);
		total += (target ? cataloguePrice(l.type, target, 'monthly') : 0) * l.quantity;
	}
	return `${money(total).formatted} per month`;
}

/**
 * A deal's `stage`: the `{id}` stub, or, once the stage is deleted, the full stage without an id,
 * named "… - (Deleted)" (catalogue §2.10).
 * @param {{ id: string }} ref
 * @param {import('./store').Store} store
 */
function renderStage(ref, store) {
	const stage = store.find('deal_stages', ref.id);
	if (!stage || !stage._deleted) return { id: ref.id };
	return { created_at: stage.created_at, name: `${stage.name} - (Deleted)`, position: stage.position, updated_at: stage.updated_at };
}

/**
 * The public deal: its record plus `value_estimate`.
 * @param {any} deal
 * @param {import('./store').Store} store
 */
function renderDeal(deal, store) {
	return { ...publicRecord(deal), stage: renderStage(deal.stage, store), value_estimate: valueEstimate(deal, store) };
}

/**
 * `stage{id}`: a stage of the pipeline (a deleted one does not exist).
 * @param {BodyReader} r
 */
function stageInput(r) {
	const stage = r.ref('stage', 'deal_stages', 'Stage');
	if (stage && r.store.find('deal_stages', stage.id)._deleted) {
		r.details.push({ message: `Stage \`${stage.id}\` does not exist`, pointer: '/stage/id' });
		return undefined;
	}
	return stage;
}

/**
 * `line_items`: at most one per type; `quantity` an integer ≥ 1 (default 1).
 * @param {BodyReader} r
 * @returns {any[] | undefined}
 */
function lineItemsInput(r) {
	const v = r.body.line_items;
	if (v === undefined) return undefined;
	if (!Array.isArray(v)) return r.fail('line_items', 'value at `/line_items` is not an array');
	const seen = new Set();
	const out = [];
	const before = r.details.length;
	v.forEach((li, i) => {
		const p = `/line_items/${i}`;
		if (!isObject(li)) return r.details.push({ message: `value at \`${p}\` is not an object`, pointer: p });
		for (const k of Object.keys(li)) {
			if (!['type', 'item', 'quantity'].includes(k)) r.details.push({ message: `unknown property \`${k}\` is not allowed`, pointer: `${p}/${k}` });
		}
		const target = /** @type {Record<string, string[]>} */ (LINE_TYPES)[li.type];
		if (!target) return r.details.push({ message: `value at \`${p}/type\` is not one of: ${Object.keys(LINE_TYPES).join(', ')}`, pointer: `${p}/type` });
		if (seen.has(li.type)) return r.details.push({ message: `only one line item of type \`${li.type}\` is allowed`, pointer: `${p}/type` });
		seen.add(li.type);
		const item = isObject(li.item) && typeof li.item.id === 'string' ? r.store.find(target[0], li.item.id) : null;
		if (!item) return r.details.push({ message: `${target[1]} \`${isObject(li.item) ? li.item.id : li.item}\` does not exist`, pointer: `${p}/item/id` });
		const quantity = li.quantity ?? 1;
		if (!Number.isInteger(quantity) || quantity < 1) return r.details.push({ message: `value at \`${p}/quantity\` must be an integer >= 1`, pointer: `${p}/quantity` });
		out.push({ item: { id: item.id }, quantity, type: li.type });
	});
	return r.details.length === before ? out : undefined;
}

/**
 * The fields shared by create and update (null removes assignee, site, note, starts_at).
 * @param {BodyReader} r
 * @param {boolean} create `name` required
 */
function dealFields(r, create) {
	return {
		name: create || r.body.name !== undefined ? r.string('name', { required: true }) : undefined,
		assignee: r.staff('assignee', { nullable: true }),
		site: r.ref('site', 'sites', 'Site', { nullable: true }),
		note: r.string('note', { nullable: true }),
		starts_at: r.time('starts_at', { nullable: true, dateAllowed: true }),
		line_items: lineItemsInput(r),
	};
}

/** The first stage by position. */
function firstStage(/** @type {import('./store').Store} */ store) {
	return store.deal_stages.filter((s) => !s._deleted).sort((a, b) => a.position - b.position)[0];
}

/**
 * @param {HandlerContext} ctx
 * @param {any} deal
 * @param {number} [status]
 * @returns {HandlerResult}
 */
function answer(ctx, deal, status = 200) {
	return { status, body: single('deal', renderDeal(deal, ctx.store), ctx.requestId) };
}

/**
 * `deal.updated` (or `deal.lost`) to subscribed endpoints, the deal's relations expanded as the
 * webhook examples show them.
 * @param {HandlerContext} ctx
 * @param {string} type
 * @param {any} deal
 */
function emitDeal(ctx, type, deal) {
	const expand = (/** @type {{ id: string } | null} */ ref, /** @type {string} */ collection) =>
		ref ? publicRecord(ctx.store.find(collection, ref.id)) || { id: ref.id } : null;
	const out = renderDeal(deal, ctx.store);
	ctx.webhooks.emit(type, { deal: { ...out, contact: expand(deal.contact, 'contacts'), site: expand(deal.site, 'sites'), stage: out.stage.id ? expand(deal.stage, 'deal_stages') : out.stage } });
}

/**
 * POST /2025-09/deals (201): `name` and `contact` required; `stage` defaults to the first by position.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function createDeal(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(['contact', 'stage', ...FIELDS]);
	const fields = dealFields(r, true);
	const contact = r.ref('contact', 'contacts', 'Contact', { required: true });
	const stage = stageInput(r);
	const meta = validateMetadata(r.body.metadata);
	throwIfInvalid([...r.details, ...meta.details]);
	const t = isoSeconds(ctx.now());
	const deal = ctx.store.insert('deals', {
		id: randomId('deal_'),
		assignee: fields.assignee ?? null,
		contact,
		created_at: t,
		creator: { id: SEED.application },
		line_items: fields.line_items ?? [],
		lost_reason: null,
		metadata: meta.metadata,
		name: fields.name,
		note: fields.note ?? null,
		site: fields.site ?? null,
		stage: stage ?? { id: firstStage(ctx.store).id },
		starts_at: fields.starts_at ?? null,
		status: 'open',
		updated_at: t,
	});
	return answer(ctx, deal, 201);
}

/**
 * PATCH /2025-09/deals/{id}: only what is sent changes; `line_items` replaces the set.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function updateDeal(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const deal = findOr404(ctx, 'deals', 'Deal', 'deal_id');
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(FIELDS);
	const fields = dealFields(r, false);
	const meta = mergeMetadata(deal.metadata, r.body.metadata);
	throwIfInvalid([...r.details, ...meta.details]);
	assignRead(deal, fields);
	deal.metadata = meta.metadata;
	touch(ctx, deal);
	emitDeal(ctx, 'deal.updated', deal);
	return answer(ctx, deal);
}

/**
 * Deletes a stage as staff do in Stora's UI (no endpoint does): it leaves the stage list, and its
 * deals show it as "… - (Deleted)" without an id.
 * @param {import('./store').Store} store
 * @param {string} stageId
 */
function deleteDealStage(store, stageId) {
	const stage = store.find('deal_stages', stageId);
	if (!stage || stage._deleted) return null;
	stage._deleted = true;
	return store.deals.filter((d) => d.stage.id === stageId).map((d) => renderDeal(d, store));
}

/**
 * GET /2025-09/deals filters (the docs' list cannot be read: the sandbox's choice): `status`,
 * `contact_id`, `stage_id` (comma lists).
 * @param {Record<string, any>} q
 * @returns {(d: any) => boolean}
 */
function dealFilter(q) {
	const statuses = checkEnumList(listParam(q, 'status'), 'status', DEAL_STATUSES);
	const contacts = listParam(q, 'contact_id');
	const stages = listParam(q, 'stage_id');
	const has = (/** @type {string[] | undefined} */ ids, /** @type {string | undefined} */ id) => !ids || ids.length === 0 || (id !== undefined && ids.includes(id));
	return (d) => has(statuses, d.status) && has(contacts, d.contact && d.contact.id) && has(stages, d.stage && d.stage.id);
}

/**
 * 409 `conflict` when the deal's status is not one of `from`.
 * @param {any} deal
 * @param {string[]} from
 * @param {string} action
 */
function requireStatus(deal, from, action) {
	if (from.includes(deal.status)) return;
	throw new ApiError('conflict', `Deal \`${deal.id}\` is ${deal.status}: only ${from.join(' or ')} deals can be ${action}.`, [
		{ message: `deal status is \`${deal.status}\`, expected ${from.map((s) => `\`${s}\``).join(' or ')}`, pointer: '/status' },
	]);
}

/**
 * POST /2025-09/deals/{id}/win: open → won (no body).
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function winDeal(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const deal = findOr404(ctx, 'deals', 'Deal', 'deal_id');
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only([]);
	throwIfInvalid(r.details);
	requireStatus(deal, ['open'], 'won');
	deal.status = 'won';
	touch(ctx, deal);
	emitDeal(ctx, 'deal.updated', deal);
	return answer(ctx, deal);
}

/**
 * POST /2025-09/deals/{id}/lose `{lost_reason}` (required): open → lost.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function loseDeal(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const deal = findOr404(ctx, 'deals', 'Deal', 'deal_id');
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(['lost_reason']);
	const reason = r.string('lost_reason', { required: true });
	if (typeof reason === 'string' && !LOST_REASONS.includes(reason) && !LOST_REASON_SHAPE.test(reason)) {
		r.fail('lost_reason', `value at \`/lost_reason\` is not one of: ${LOST_REASONS.join(', ')}, …`);
	}
	throwIfInvalid(r.details);
	requireStatus(deal, ['open'], 'lost');
	deal.status = 'lost';
	deal.lost_reason = reason;
	touch(ctx, deal);
	emitDeal(ctx, 'deal.lost', deal);
	return answer(ctx, deal);
}

/**
 * POST /2025-09/deals/{id}/reopen `{stage?, assignee?}`: won or lost → open; the lost reason is cleared.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function reopenDeal(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const deal = findOr404(ctx, 'deals', 'Deal', 'deal_id');
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(['stage', 'assignee']);
	const stage = stageInput(r);
	const assignee = r.staff('assignee', { nullable: true });
	throwIfInvalid(r.details);
	requireStatus(deal, ['won', 'lost'], 'reopened');
	assignRead(deal, { stage, assignee });
	deal.status = 'open';
	deal.lost_reason = null;
	touch(ctx, deal);
	emitDeal(ctx, 'deal.updated', deal);
	return answer(ctx, deal);
}

module.exports = { DEAL_STATUSES, LOST_REASONS, renderDeal, deleteDealStage, dealFilter, createDeal, updateDeal, winDeal, loseDeal, reopenDeal };
