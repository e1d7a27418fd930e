'use strict';

const { requireScopes } = require('./auth');
const { objectBody, throwIfInvalid, findOr404, touch } = require('./handlers');
const { validateMetadata, mergeMetadata } = require('./metadata');
const { listParam, checkEnumList } = require('./query');
const { randomId, isoSeconds } = require('./ids');
const { publicRecord } = require('./render');
const { single } = require('./respond');
const { SEED } = require('./seed');
const { BodyReader, assignRead, RESOURCE_COLLECTIONS } = require('./crm-input');

/** @typedef {import('./orders').HandlerContext} HandlerContext */
/** @typedef {import('./orders').HandlerResult} HandlerResult */

const WRITE = 'public.task:write';
/** `open` is documented; `completed` is the sandbox's word for the state `/open` undoes. */
const TASK_STATUSES = ['open', 'completed'];
const FIELDS = ['title', 'description', 'due_at', 'site', 'assignee', 'metadata', 'resource'];
const ANY_RESOURCE = Object.keys(RESOURCE_COLLECTIONS);

/**
 * The fields of a create or update body; null clears all but `title`.
 * @param {BodyReader} r
 * @param {boolean} create
 */
function taskFields(r, create) {
	return {
		title: create || r.body.title !== undefined ? r.string('title', { required: true }) : undefined,
		description: r.string('description', { nullable: true }),
		due_at: r.time('due_at', { nullable: true }),
		site: r.ref('site', 'sites', 'Site', { nullable: true }),
		assignee: r.staff('assignee', { nullable: true }),
		resource: r.resource('resource', ANY_RESOURCE, { nullable: true }),
	};
}

/**
 * @param {HandlerContext} ctx
 * @param {any} task
 * @param {number} [status]
 * @returns {HandlerResult}
 */
function answer(ctx, task, status = 200) {
	return { status, body: single('task', publicRecord(task), ctx.requestId) };
}

/**
 * POST /2025-09/tasks (201): `title` required; a new task is `open`.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function createTask(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(FIELDS);
	const fields = taskFields(r, true);
	const meta = validateMetadata(r.body.metadata);
	throwIfInvalid([...r.details, ...meta.details]);
	const t = isoSeconds(ctx.now());
	const task = ctx.store.insert('tasks', {
		id: randomId('task_'),
		assignee: fields.assignee ?? null,
		completed_at: null,
		created_at: t,
		creator: { id: SEED.application },
		description: fields.description ?? null,
		due_at: fields.due_at ?? null,
		metadata: meta.metadata,
		resource: fields.resource ?? null,
		site: fields.site ?? null,
		status: 'open',
		title: fields.title,
		updated_at: t,
	});
	return answer(ctx, task, 201);
}

/**
 * PATCH /2025-09/tasks/{id}: only what is sent changes.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function updateTask(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const task = findOr404(ctx, 'tasks', 'Task', 'task_id');
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only(FIELDS);
	const fields = taskFields(r, false);
	const meta = mergeMetadata(task.metadata, r.body.metadata);
	throwIfInvalid([...r.details, ...meta.details]);
	assignRead(task, fields);
	task.metadata = meta.metadata;
	touch(ctx, task);
	return answer(ctx, task);
}

/**
 * POST /2025-09/tasks/{id}/open (no body): a completed task is open again; an open one is
 * answered unchanged.
 * @param {HandlerContext} ctx
 * @returns {HandlerResult}
 */
function openTask(ctx) {
	requireScopes(ctx.scopes, [WRITE]);
	const task = findOr404(ctx, 'tasks', 'Task', 'task_id');
	const r = new BodyReader(objectBody(ctx), ctx.store);
	r.only([]);
	throwIfInvalid(r.details);
	if (task.status !== 'open') {
		task.status = 'open';
		task.completed_at = null;
		touch(ctx, task);
	}
	return answer(ctx, task);
}

/**
 * Marks a task completed (the control API's stand-in for Stora's UI: no endpoint completes one).
 * @param {import('./store').Store} store
 * @param {string} id
 * @param {number} now
 */
function completeTask(store, id, now) {
	const task = store.find('tasks', id);
	if (!task) throw new Error(`no task ${id}`);
	task.status = 'completed';
	task.completed_at = isoSeconds(now);
	task.updated_at = task.completed_at;
	return publicRecord(task);
}

/**
 * GET /2025-09/tasks filters (the docs' list cannot be read: the sandbox's choice): `status`,
 * `resource_id` (comma lists).
 * @param {Record<string, any>} q
 * @returns {(t: any) => boolean}
 */
function taskFilter(q) {
	const statuses = checkEnumList(listParam(q, 'status'), 'status', TASK_STATUSES);
	const resources = listParam(q, 'resource_id');
	return (t) =>
		(!statuses || statuses.length === 0 || statuses.includes(t.status)) &&
		(!resources || resources.length === 0 || (t.resource !== null && resources.includes(t.resource.id)));
}

module.exports = { TASK_STATUSES, createTask, updateTask, openTask, completeTask, taskFilter };
