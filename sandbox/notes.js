'use strict';

const { requireScopes } = require('./auth');
const { objectBody, throwIfInvalid, findOr404, touch } = require('./handlers');
const { validateMetadata, mergeMetadata } = require('./metadata');
const { listParam } = require('./query');
const { randomId, isoSeconds } = require('./ids');
const { publicRecord } = require('./render');
const { single } = require('./respond');
const { SEED } = require('./seed');
const { BodyReader, assignRead } = require('./crm-input');

/** @typedef {import('./orders').HandlerContext} HandlerContext */
/** @typedef {import('./orders').HandlerResult} HandlerResult */

const WRITE = 'public.note:write';
/** What a note may be on: the list's `resource_id` says "unit, contact, subscription, or task". */
const NOTE_RESOURCES = ['unit_', 'con_', 'sub_', 'task_'];

/**
 * @param {BodyReader} r
 * @param {boolean} create `content` and `resource` required
 */
function noteFields(r, create) {
	return {
		content: create || r.body.content !== undefined ? r.string('content', { required: true }) : undefined,
		resource: r.resource('resource', NOTE_RESOURCES, { required: create }),
	};
}

/**
 * @param {HandlerContext} ctx
 * @param {any} note
 * @param {number} [status]
 * @returns {HandlerResult}
 */
function answer(ctx, note, status = 200) {
	return { status, body: single('note', publicRecord(note), ctx.requestId) };
}

/**
 * POST /2025-09/notes (201): `content` and `resource` required.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function createNote(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(['content', 'resource', 'metadata']);
	const fields = noteFields(r, true);
	const meta = validateMetadata(r.body.metadata);
	throwIfInvalid([...r.details, ...meta.details]);
	const t = isoSeconds(ctx.now());
	const note = ctx.store.insert('notes', {
		id: randomId('note_'),
		content: fields.content,
		created_at: t,
		creator: { id: SEED.application },
		metadata: meta.metadata,
		resource: fields.resource,
		updated_at: t,
	});
	return answer(ctx, note, 201);
}

/**
 * PATCH /2025-09/notes/{id}: `content`, `resource`, `metadata`, each only when sent.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function updateNote(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const note = findOr404(ctx, 'notes', 'Note', 'note_id');
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(['content', 'resource', 'metadata']);
	const fields = noteFields(r, false);
	const meta = mergeMetadata(note.metadata, r.body.metadata);
	throwIfInvalid([...r.details, ...meta.details]);
	assignRead(note, fields);
	note.metadata = meta.metadata;
	touch(ctx, note);
	return answer(ctx, note);
}

/**
 * DELETE /2025-09/notes/{id}: 200 `{success: {message}}` as a line item's delete answers (the docs
 * show no answer); a second delete is a 404.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function deleteNote(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const note = findOr404(ctx, 'notes', 'Note', 'note_id');
	ctx.store.notes.splice(ctx.store.notes.indexOf(note), 1);
	return { status: 200, body: single('success', { message: 'Note deleted successfully.' }, ctx.requestId) };
}

/**
 * GET /2025-09/notes: `resource_id` (comma list).
 * @param {Record<string, any>} q
 * @returns {(n: any) => boolean}
 */
function noteFilter(q) {
	const ids = listParam(q, 'resource_id');
	return (n) => !ids || ids.length === 0 || ids.includes(n.resource.id);
}

module.exports = { createNote, updateNote, deleteNote, noteFilter };
