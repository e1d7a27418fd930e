import { SEED } from '../../sandbox';
import { byId, crmRecord } from '../helpers/crm';
import { useSandbox } from './sandbox';

const t = useSandbox();

const note = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'note',
	operation,
	...parameters,
});

describe('Note', () => {
	it('Create posts content, resource and metadata under a note_create key', async () => {
		const result = await t.run(
			note('create', {
				content: 'Called Jane: she will visit on Saturday',
				resourceId: SEED.contacts.jane,
				additionalFields: { metadata: { metadataValues: [{ key: 'call_id', value: 'c-1' }] } },
			}),
		);
		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect(request).toMatchObject({ method: 'POST', path: '/2025-09/notes' });
		expect(request.body).toEqual({
			content: 'Called Jane: she will visit on Saturday',
			resource: { id: SEED.contacts.jane },
			metadata: { call_id: 'c-1' },
		});
		expect(request.idempotencyKey).toMatch(/^n8n-note_create-[0-9a-f]{32}$/);
		const [output] = result.json('Stora');
		expect(crmRecord(t.sandbox, 'notes', output.id)).toMatchObject({
			resource: { id: SEED.contacts.jane },
		});
	});

	it('Get Many by resource IDs: resource_id as one comma-separated value', async () => {
		const result = await t.run(
			note('getAll', {
				returnAll: true,
				filters: { resourceIds: `${SEED.contacts.priya}, ${SEED.tasks.callJane}` },
			}),
		);
		expect(
			result
				.json('Stora')
				.map((record) => record.id)
				.sort(),
		).toEqual([SEED.notes.priyaAccess, SEED.notes.janeCallback].sort());
		expect(t.requests()[0].query).toEqual({
			page: '1',
			limit: '100',
			resource_id: `${SEED.contacts.priya},${SEED.tasks.callJane}`,
		});
	});

	it('Update patches only what was set; metadata keys are merged and removed', async () => {
		const result = await t.run(
			note('update', {
				noteId: byId(SEED.notes.doorSticks),
				updateFields: { content: 'S03 door fixed', removeMetadataKeys: 'old_key' },
			}),
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0]).toMatchObject({
			method: 'PATCH',
			path: `/2025-09/notes/${SEED.notes.doorSticks}`,
			body: { content: 'S03 door fixed', metadata: { old_key: null } },
		});
		expect(crmRecord(t.sandbox, 'notes', SEED.notes.doorSticks)?.content).toBe('S03 door fixed');
	});

	it('Delete outputs { deleted, id }; the note is gone', async () => {
		const result = await t.run(note('delete', { noteId: byId(SEED.notes.priyaAccess) }));
		expect(result.json('Stora')).toEqual([{ deleted: true, id: SEED.notes.priyaAccess }]);
		expect(t.requests().map(({ method, path }) => `${method} ${path}`)).toEqual([
			`DELETE /2025-09/notes/${SEED.notes.priyaAccess}`,
		]);
		expect(crmRecord(t.sandbox, 'notes', SEED.notes.priyaAccess)).toBeUndefined();
	});

	it('a DELETE whose answer was lost still ends as deleted', async () => {
		t.sandbox.faults.add({ method: 'DELETE', type: 'reset', afterProcessing: true });
		const result = await t.run(note('delete', { noteId: byId(SEED.notes.doorSticks) }));
		expect(result.json('Stora')).toEqual([{ deleted: true, id: SEED.notes.doorSticks }]);
		expect(t.requests().map(({ status }) => status)).toEqual([0, 404]);
	});

	// Stora's docs show no answer to a note's DELETE: an empty 204 must end as deleted too.
	it('a DELETE answered with an empty 204 ends as deleted', async () => {
		t.sandbox.faults.add({
			method: 'DELETE',
			type: 'status',
			status: 204,
			body: '',
			afterProcessing: true,
		});
		const result = await t.run(note('delete', { noteId: byId(SEED.notes.janeCallback) }));
		expect(result.json('Stora')).toEqual([{ deleted: true, id: SEED.notes.janeCallback }]);
		expect(crmRecord(t.sandbox, 'notes', SEED.notes.janeCallback)).toBeUndefined();
	});
});
