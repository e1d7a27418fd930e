import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const D = SEED.deals;
const S = SEED.dealStages;
const C = SEED.contacts;
const STAFF = SEED.staff;

describe('sandbox: the sales pipeline (deals, stages, tasks, notes, timeline, identity verifications)', () => {
	const t = sandboxPerFile({
		tokens: {
			'deal-read': ['public.deal:read'],
			'read-only': ['public.deal:read', 'public.deal_stage:read', 'public.task:read', 'public.note:read', 'public.identity_verification:read'],
			'event-write': ['public.timeline_event:write'],
		},
	});

	const api = (method: string, path: string, body?: unknown, options: { token?: string; key?: string } = {}) =>
		call(t.sb.url, method, `/2025-09${path}`, {
			body,
			token: options.token,
			headers: options.key ? { 'Idempotency-Key': options.key } : undefined,
		});
	const get = (path: string, token?: string) => api('GET', path, undefined, { token });
	const ids = (res: { body: Json }, key: string) => res.body[key].map((r: Json) => r.id);
	const detailPointers = (res: { body: Json }) => res.body.error.details.map((d: Json) => d.pointer);

	describe('deal stages', () => {
		it('lists `stages` with the documented fields; sort_by=position orders the pipeline; no show endpoint', async () => {
			const res = await get('/deals/stages');
			expect(res.status).toBe(200);
			expect(Object.keys(res.body.stages[0])).toEqual(['id', 'created_at', 'name', 'position', 'updated_at']);
			// newest first by default: not the position order, so a picker must ask for (or sort by) position
			expect(ids(res, 'stages')).toEqual([S.quoteSent, S.newEnquiry, S.viewingBooked]);
			expect(ids(await get('/deals/stages?sort_by=position&sort_direction=ASC'), 'stages')).toEqual([S.newEnquiry, S.viewingBooked, S.quoteSent]);
			expect((await get(`/deals/stages/${S.newEnquiry}`)).body.error.code).toBe('invalid_endpoint');
			expect((await get('/deals/stages', 'deal-read')).status).toBe(403);
		});
	});

	describe('deals: list and show', () => {
		it('shows a deal in the documented shape with a value estimate; 404 for an unknown one; needs public.deal:read', async () => {
			const res = await get(`/deals/${D.janeOpen}`, 'deal-read');
			expect(res.status).toBe(200);
			expect(Object.keys(res.body.deal)).toEqual([
				'id', 'assignee', 'contact', 'created_at', 'creator', 'line_items', 'lost_reason', 'metadata', 'name', 'note', 'site', 'stage',
				'starts_at', 'status', 'updated_at', 'value_estimate',
			]);
			expect(res.body.deal).toMatchObject({
				contact: { id: C.jane },
				stage: { id: S.viewingBooked },
				line_items: [{ item: { id: SEED.unitTypes.leedsSmall }, quantity: 1, type: 'unit_type' }],
				status: 'open',
				value_estimate: '£49.99 per month',
			});
			expect((await get('/deals/deal_doesnotexist0000')).status).toBe(404);
			expect((await get(`/deals/${D.janeOpen}`, 'event-write')).status).toBe(403);
		});

		it('shows a deleted stage as the docs do: the full stage without an id, named "… - (Deleted)"; it cannot be chosen', async () => {
			const { deals } = t.sb.deleteDealStage(S.viewingBooked);
			expect(deals.map((d: Json) => d.id)).toEqual([D.janeOpen]);
			const listed = (await get('/deals?status=open')).body.deals.find((d: Json) => d.id === D.janeOpen);
			expect(listed.stage).toEqual({ created_at: expect.any(String), name: 'Viewing booked - (Deleted)', position: 2, updated_at: expect.any(String) });
			expect((await get(`/deals/${D.janeOpen}`)).body.deal.stage).not.toHaveProperty('id');
			expect(ids(await get('/deals/stages'), 'stages')).not.toContain(S.viewingBooked);
			const refused = await api('POST', '/deals', { name: 'x', contact: { id: C.john }, stage: { id: S.viewingBooked } });
			expect(detailPointers(refused)).toEqual(['/stage/id']);
			expect((await call(t.sb.url, 'DELETE', `/__sandbox/deal_stages/${S.viewingBooked}`)).status).toBe(404);
			expect((await call(t.sb.url, 'DELETE', `/__sandbox/deal_stages/${S.quoteSent}`)).body.deals.map((d: Json) => d.id).sort()).toEqual([D.johnWon, D.samLost].sort());
		});

		it('lists every deal; the sandbox filters by status, contact_id and stage_id and ignores other parameters', async () => {
			expect(ids(await get('/deals'), 'deals')).toHaveLength(4);
			expect(ids(await get('/deals?status=open'), 'deals').sort()).toEqual([D.janeOpen, D.priyaOpen].sort());
			expect(ids(await get(`/deals?contact_id=${C.sam}`), 'deals')).toEqual([D.samLost]);
			expect(ids(await get(`/deals?stage_id=${S.quoteSent}&status=won,lost`), 'deals').sort()).toEqual([D.johnWon, D.samLost].sort());
			expect(ids(await get('/deals?colour=red'), 'deals')).toHaveLength(4);
			expect((await get('/deals?status=closed')).status).toBe(422);
		});
	});

	describe('deals: create and update', () => {
		it('creates an open deal (201) on the first stage by position when none is given', async () => {
			const res = await api('POST', '/deals', { name: 'Web enquiry', contact: { id: C.john }, line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } }] });
			expect(res.status).toBe(201);
			expect(res.body.deal).toMatchObject({
				id: expect.stringMatching(/^deal_[0-9a-z]{16}$/),
				assignee: null,
				creator: { id: SEED.application },
				line_items: [{ item: { id: SEED.unitTypes.camdenSmall }, quantity: 1, type: 'unit_type' }],
				lost_reason: null,
				site: null,
				stage: { id: S.newEnquiry },
				status: 'open',
				value_estimate: '£69.99 per month',
			});
			const full = await api('POST', '/deals', {
				name: 'Full',
				contact: { id: C.jane },
				stage: { id: S.quoteSent },
				assignee: { id: STAFF.leedsManager },
				site: { id: SEED.sites.leeds },
				note: '£50 a month',
				starts_at: '2026-12-20T10:00:00+01:00',
				metadata: { enquiry: 'web-1' },
				line_items: [
					{ type: 'unit_type', item: { id: SEED.unitTypes.leedsSmall }, quantity: 2 },
					{ type: 'protection', item: { id: SEED.protectionLevels.cover1000 } },
				],
			});
			expect(full.status).toBe(201);
			expect(full.body.deal).toMatchObject({ stage: { id: S.quoteSent }, assignee: { id: STAFF.leedsManager }, starts_at: '2026-12-20T09:00:00Z', metadata: { enquiry: 'web-1' } });
		});

		it('refuses a deal without name or contact, with unknown staff, stage or line item, or two line items of one type (422, nothing stored)', async () => {
			const missing = await api('POST', '/deals', {});
			expect(missing.status).toBe(422);
			expect(detailPointers(missing)).toEqual(expect.arrayContaining(['/name', '/contact']));
			const bad = await api('POST', '/deals', {
				name: 'x',
				contact: { id: C.john },
				stage: { id: 'dstg_doesnotexist0000' },
				assignee: { id: 'staff_nobody0000000000' },
				line_items: [
					{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall } },
					{ type: 'unit_type', item: { id: SEED.unitTypes.camdenLocker } },
				],
			});
			expect(bad.status).toBe(422);
			expect(detailPointers(bad)).toEqual(expect.arrayContaining(['/stage/id', '/assignee/id', '/line_items/1/type']));
			expect((await api('POST', '/deals', { name: 'x', contact: { id: C.john }, line_items: [{ type: 'product', item: { id: SEED.products.padlock } }] })).status).toBe(422);
			expect((await api('POST', '/deals', { name: ' ', contact: { id: C.john } })).status).toBe(422);
			expect(ids(await get('/deals'), 'deals')).toHaveLength(4);
			expect((await api('POST', '/deals', { name: 'x', contact: { id: C.john } }, { token: 'deal-read' })).status).toBe(403);
		});

		it('updates only what is sent: line_items replace the set, [] removes all, null removes assignee, site, note and starts_at', async () => {
			const path = `/deals/${D.janeOpen}`;
			const replaced = await api('PATCH', path, { line_items: [{ type: 'protection', item: { id: SEED.protectionLevels.cover5000 } }] });
			expect(replaced.status).toBe(200);
			expect(replaced.body.deal.line_items).toEqual([{ item: { id: SEED.protectionLevels.cover5000 }, quantity: 1, type: 'protection' }]);
			expect(replaced.body.deal).toMatchObject({ name: 'Jane Smith - small unit', assignee: { id: STAFF.leedsManager }, note: 'About £50 a month' });
			const cleared = await api('PATCH', path, { assignee: null, site: null, note: null, starts_at: null, line_items: [] });
			expect(cleared.body.deal).toMatchObject({ assignee: null, site: null, note: null, starts_at: null, line_items: [], value_estimate: null });
			const renamed = await api('PATCH', path, { name: 'Jane - bigger unit', metadata: { source: 'phone' } });
			expect(renamed.body.deal).toMatchObject({ name: 'Jane - bigger unit', metadata: { source: 'phone' }, stage: { id: S.viewingBooked }, status: 'open' });
			const dated = await api('PATCH', path, { starts_at: '2027-01-05' });
			expect(dated.body.deal.starts_at).toBe('2027-01-05');
		});

		it('refuses an update the docs do not list (stage, contact), a null name, or a second line item of a type', async () => {
			const path = `/deals/${D.janeOpen}`;
			const stage = await api('PATCH', path, { stage: { id: S.quoteSent } });
			expect(stage.status).toBe(422);
			expect(detailPointers(stage)).toEqual(['/stage']);
			expect((await api('PATCH', path, { name: null })).status).toBe(422);
			const twice = await api('PATCH', path, {
				line_items: [
					{ type: 'protection', item: { id: SEED.protectionLevels.cover1000 } },
					{ type: 'protection', item: { id: SEED.protectionLevels.cover5000 } },
				],
			});
			expect(detailPointers(twice)).toEqual(['/line_items/1/type']);
			expect((await get(path)).body.deal.line_items).toHaveLength(1);
			expect((await api('PATCH', '/deals/deal_doesnotexist0000', { name: 'x' })).status).toBe(404);
		});
	});

	describe('deals: win, lose, reopen', () => {
		it('open → won → open → lost → open; the lost reason is kept while lost; reopen takes a stage and an assignee', async () => {
			const id = D.priyaOpen;
			const won = await api('POST', `/deals/${id}/win`);
			expect(won.status).toBe(200);
			expect(won.body.deal.status).toBe('won');
			expect((await api('POST', `/deals/${id}/reopen`)).body.deal).toMatchObject({ status: 'open', stage: { id: S.newEnquiry } });
			const lost = await api('POST', `/deals/${id}/lose`, { lost_reason: 'chose_competitor' });
			expect(lost.body.deal).toMatchObject({ status: 'lost', lost_reason: 'chose_competitor' });
			const reopened = await api('POST', `/deals/${id}/reopen`, { stage: { id: S.quoteSent }, assignee: { id: STAFF.camdenManager } });
			expect(reopened.body.deal).toMatchObject({ status: 'open', lost_reason: null, stage: { id: S.quoteSent }, assignee: { id: STAFF.camdenManager } });
		});

		it('answers 409 for a transition the status forbids', async () => {
			for (const [path, body] of [
				[`/deals/${D.johnWon}/win`, undefined],
				[`/deals/${D.samLost}/lose`, { lost_reason: 'price_concerns' }],
				[`/deals/${D.janeOpen}/reopen`, undefined],
			] as const) {
				const res = await api('POST', path, body);
				expect(res.status).toBe(409);
				expect(res.body.error.code).toBe('conflict');
				expect(res.body.error.details[0].pointer).toBe('/status');
			}
		});

		it('lose needs a lost_reason: a documented one, or one shaped like them (the docs cut the list)', async () => {
			const missing = await api('POST', `/deals/${D.janeOpen}/lose`, {});
			expect(missing.status).toBe(422);
			expect(detailPointers(missing)).toEqual(['/lost_reason']);
			expect((await api('POST', `/deals/${D.janeOpen}/lose`, { lost_reason: 'Too expensive!' })).status).toBe(422);
			expect((await api('POST', `/deals/${D.janeOpen}/lose`, { lost_reason: 'unknown_reason', note: 'x' })).status).toBe(422);
			const cut = await api('POST', `/deals/${D.janeOpen}/lose`, { lost_reason: 'contract_terms' });
			expect(cut.body.deal).toMatchObject({ status: 'lost', lost_reason: 'contract_terms' });
		});

		it('replays an action under the same Idempotency-Key instead of doing it again', async () => {
			const first = await api('POST', `/deals/${D.janeOpen}/lose`, { lost_reason: 'price_concerns' }, { key: 'lose-1' });
			const again = await api('POST', `/deals/${D.janeOpen}/lose`, { lost_reason: 'price_concerns' }, { key: 'lose-1' });
			expect(again.status).toBe(200);
			expect(again.text).toBe(first.text);
			expect((await api('POST', `/deals/${D.janeOpen}/lose`, { lost_reason: 'price_concerns' }, { key: 'lose-2' })).status).toBe(409);
			const create = { name: 'Once', contact: { id: C.john } };
			const a = await api('POST', '/deals', create, { key: 'deal-1' });
			const b = await api('POST', '/deals', create, { key: 'deal-1' });
			expect(b.body.deal.id).toBe(a.body.deal.id);
			expect(ids(await get('/deals'), 'deals')).toHaveLength(5);
		});

		it('sends deal.lost and deal.updated to subscribed endpoints, relations expanded', async () => {
			await api('POST', '/webhook_endpoints', { url: 'http://127.0.0.1:9/hook', event_types: ['deal.lost', 'deal.updated'] });
			await api('POST', `/deals/${D.janeOpen}/lose`, { lost_reason: 'better_deal_elsewhere' });
			const events = t.sb.webhooks.events();
			const lost = events.find((e: Json) => e.type === 'deal.lost');
			expect(lost?.data.deal).toMatchObject({ id: D.janeOpen, lost_reason: 'better_deal_elsewhere', contact: { id: C.jane, email: expect.any(String) }, stage: { name: 'Viewing booked' } });
		});
	});

	describe('tasks', () => {
		it('creates an open task (201): title required; resource any record; due_at normalized to UTC', async () => {
			const res = await api('POST', '/tasks', {
				title: 'Call back',
				description: '<p>About the locker</p>',
				due_at: '2026-12-08T09:00:00+01:00',
				site: { id: SEED.sites.camden },
				assignee: { id: STAFF.camdenManager },
				resource: { id: SEED.deals.priyaOpen },
				metadata: { ticket: '42' },
			});
			expect(res.status).toBe(201);
			expect(Object.keys(res.body.task)).toEqual([
				'id', 'assignee', 'completed_at', 'created_at', 'creator', 'description', 'due_at', 'metadata', 'resource', 'site', 'status', 'title', 'updated_at',
			]);
			expect(res.body.task).toMatchObject({ status: 'open', completed_at: null, due_at: '2026-12-08T08:00:00Z', resource: { id: SEED.deals.priyaOpen } });
			const bad = await api('POST', '/tasks', { description: 'x', resource: { id: 'zzz_0000000000000000' } });
			expect(bad.status).toBe(422);
			expect(detailPointers(bad)).toEqual(expect.arrayContaining(['/title', '/resource/id']));
			expect((await api('POST', '/tasks', { title: 'x', due_at: '08/12/2026' })).status).toBe(422);
			expect((await api('POST', '/tasks', { title: 'x', resource: { id: 'con_doesnotexist0000' } })).status).toBe(422);
		});

		it('updates only what is sent (null clears description, due_at, assignee, resource) and reopens a completed task', async () => {
			const path = `/tasks/${SEED.tasks.callJane}`;
			const res = await api('PATCH', path, { title: 'Call Jane today', description: null, due_at: null, assignee: null });
			expect(res.body.task).toMatchObject({ title: 'Call Jane today', description: null, due_at: null, assignee: null, resource: { id: C.jane } });
			expect((await api('PATCH', path, { title: null })).status).toBe(422);
			const opened = await api('POST', `/tasks/${SEED.tasks.checkLock}/open`);
			expect(opened.body.task).toMatchObject({ status: 'open', completed_at: null });
			// already open: the same task, unchanged
			expect((await api('POST', path + '/open')).body.task.status).toBe('open');
			t.sb.completeTask(SEED.tasks.callJane);
			expect(ids(await get('/tasks?status=completed'), 'tasks')).toEqual([SEED.tasks.callJane]);
		});

		it('lists tasks (filters status, resource_id); no show, complete or delete endpoint; scopes', async () => {
			expect(ids(await get('/tasks'), 'tasks')).toHaveLength(2);
			expect(ids(await get(`/tasks?resource_id=${C.jane}`), 'tasks')).toEqual([SEED.tasks.callJane]);
			expect((await get(`/tasks/${SEED.tasks.callJane}`)).body.error.code).toBe('invalid_endpoint');
			expect((await api('POST', `/tasks/${SEED.tasks.callJane}/complete`)).body.error.code).toBe('invalid_endpoint');
			expect((await api('DELETE', `/tasks/${SEED.tasks.callJane}`)).body.error.code).toBe('invalid_endpoint');
			expect((await get('/tasks', 'read-only')).status).toBe(200);
			expect((await api('POST', '/tasks', { title: 'x' }, { token: 'read-only' })).status).toBe(403);
		});
	});

	describe('notes', () => {
		it('creates (content and resource required; a unit, contact, subscription or task), updates, lists by resource_id, deletes', async () => {
			const created = await api('POST', '/notes', { content: 'Called, no answer', resource: { id: C.john }, metadata: { call: 'c-1' } });
			expect(created.status).toBe(201);
			expect(Object.keys(created.body.note)).toEqual(['id', 'content', 'created_at', 'creator', 'metadata', 'resource', 'updated_at']);
			const id = created.body.note.id;
			const missing = await api('POST', '/notes', {});
			expect(detailPointers(missing).sort()).toEqual(['/content', '/resource']);
			expect((await api('POST', '/notes', { content: 'x', resource: { id: D.janeOpen } })).status).toBe(422);
			const updated = await api('PATCH', `/notes/${id}`, { content: 'Called twice' });
			expect(updated.body.note).toMatchObject({ content: 'Called twice', resource: { id: C.john }, metadata: { call: 'c-1' } });
			expect(ids(await get(`/notes?resource_id=${C.john},${SEED.tasks.callJane}`), 'notes').sort()).toEqual([id, SEED.notes.janeCallback].sort());
			const deleted = await api('DELETE', `/notes/${id}`);
			expect(deleted.status).toBe(200);
			expect(deleted.body.success.message).toEqual(expect.any(String));
			expect((await api('DELETE', `/notes/${id}`)).status).toBe(404);
			expect((await get(`/notes/${SEED.notes.priyaAccess}`)).body.error.code).toBe('invalid_endpoint');
			expect((await api('DELETE', `/notes/${SEED.notes.priyaAccess}`, undefined, { token: 'read-only' })).status).toBe(403);
		});
	});

	describe('timeline', () => {
		it('lists sources (global and operator ones) and templates; shows a template; scopes per list', async () => {
			const sources = await get('/timeline/sources');
			expect(Object.keys(sources.body.sources[0])).toEqual(['id', 'created_at', 'global', 'name', 'updated_at', 'website_url']);
			expect(sources.body.sources.map((s: Json) => s.global).sort()).toEqual([false, true]);
			const templates = await get('/timeline/templates');
			expect(ids(templates, 'templates')).toHaveLength(2);
			const one = await get(`/timeline/templates/${SEED.timelineTemplates.callLogged}`);
			expect(one.body.template).toMatchObject({ name: 'Call logged', variables: { custom: ['agent'], predefined: ['direction', 'duration'] } });
			expect(Object.keys(one.body.template)).toEqual(['id', 'created_at', 'global', 'message', 'name', 'updated_at', 'variables']);
			expect(ids(await get('/timeline/templates?created_after=2024-01-10T12:00:00Z'), 'templates')).toEqual([SEED.timelineTemplates.callLogged]);
			expect((await get('/timeline/sources', 'event-write')).status).toBe(403);
			expect((await get('/timeline/templates', 'event-write')).status).toBe(403);
		});

		it('creates an event (201, wrapper `event`) when every predefined variable is given; custom ones are optional', async () => {
			const body = {
				source: { id: SEED.timelineSources.phoneSystem },
				template: { id: SEED.timelineTemplates.callLogged },
				contact: { id: C.jane },
				site: { id: SEED.sites.leeds },
				description: 'Inbound call',
				external: { id: 'call-2002', url: 'https://phone.example.com/calls/call-2002' },
				variables: { direction: 'Inbound', duration: 7, topic: 'prices' },
			};
			const res = await api('POST', '/timeline/events', body, { token: 'event-write' });
			expect(res.status).toBe(201);
			expect(Object.keys(res.body.event)).toEqual([
				'id', 'contact', 'created_at', 'creator', 'description', 'external', 'invoice', 'site', 'source', 'subscription', 'template', 'tenancy',
				'unit', 'unit_type', 'updated_at', 'variables',
			]);
			expect(res.body.event).toMatchObject({ id: expect.stringMatching(/^aevt_/), variables: { direction: 'Inbound', duration: 7, topic: 'prices' } });
			const missing = await api('POST', '/timeline/events', { ...body, variables: { direction: 'Inbound', duration: '' } });
			expect(missing.status).toBe(422);
			expect(detailPointers(missing)).toEqual(['/variables/duration']);
			const none = await api('POST', '/timeline/events', { contact: { id: C.jane } });
			expect(detailPointers(none).sort()).toEqual(['/source', '/template']);
			expect((await api('POST', '/timeline/events', { ...body, external: { id: 'x', url: 'not a url' } })).status).toBe(422);
			expect((await api('POST', '/timeline/events', body, { token: 'read-only' })).status).toBe(403);
		});

		it('updates an event: variables merge (null removes a custom one); a predefined one cannot go; no list or show', async () => {
			const path = `/timeline/events/${SEED.timelineEvents.priyaCall}`;
			const res = await api('PATCH', path, { description: 'Second locker: quoted', variables: { duration: '6', agent: null } });
			expect(res.status).toBe(200);
			expect(res.body.event).toMatchObject({ description: 'Second locker: quoted', variables: { direction: 'Inbound', duration: '6' } });
			expect(res.body.event.variables).not.toHaveProperty('agent');
			const dropped = await api('PATCH', path, { variables: { direction: null } });
			expect(detailPointers(dropped)).toEqual(['/variables/direction']);
			expect((await api('PATCH', path, { template: { id: SEED.timelineTemplates.emailSent } })).status).toBe(422);
			expect((await api('PATCH', path, { template: { id: SEED.timelineTemplates.emailSent }, variables: { subject: 'Quote' } })).status).toBe(200);
			expect((await get('/timeline/events')).body.error.code).toBe('invalid_endpoint');
			expect((await get(path)).body.error.code).toBe('invalid_endpoint');
			expect((await api('PATCH', '/timeline/events/aevt_doesnotexist0000', { description: 'x' })).status).toBe(404);
		});
	});

	describe('identity verifications', () => {
		it('lists (contact_id and status as `[]`, repeated or comma lists) and shows; needs public.identity_verification:read', async () => {
			const V = SEED.identityVerifications;
			const all = await get('/identity_verifications');
			expect(Object.keys(all.body.identity_verifications[0])).toEqual(['id', 'contact', 'created_at', 'error_code', 'status', 'updated_at']);
			expect(ids(all, 'identity_verifications')).toHaveLength(3);
			expect(ids(await get(`/identity_verifications?contact_id[]=${C.jane}&status[]=failed`), 'identity_verifications')).toEqual([V.janeFailed]);
			expect(ids(await get(`/identity_verifications?status=succeeded,processing`), 'identity_verifications').sort()).toEqual([V.priyaSucceeded, V.janeProcessing].sort());
			expect(ids(await get('/identity_verifications?status=requires_input'), 'identity_verifications')).toEqual([]);
			const one = await get(`/identity_verifications/${V.janeFailed}`, 'read-only');
			expect(one.body.identity_verification).toMatchObject({ status: 'failed', error_code: 'document_expired', contact: { id: C.jane } });
			expect((await get('/identity_verifications', 'deal-read')).status).toBe(403);
		});
	});
});
