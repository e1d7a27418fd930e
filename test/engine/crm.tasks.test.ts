import type { INodeType } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { STORA_NODE_TYPE, loadPackage } from '../helpers/engine';
import { byId, crmRecord, queryParameter } from '../helpers/crm';
import { useSandbox } from './sandbox';

const t = useSandbox();

const task = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'task',
	operation,
	...parameters,
});
const taskNow = (id: unknown) => crmRecord(t.sandbox, 'tasks', id)!;

describe('Task → Create', () => {
	it('posts the title and the fields given; Due At is read in the workflow’s time zone', async () => {
		const result = await t.run(
			task('create', {
				title: 'Call Jane back',
				additionalFields: {
					description: 'About a 50 sq ft unit',
					dueAt: '2026-12-08T09:00:00',
					assigneeId: SEED.staff.camdenManager,
					siteId: byId(SEED.sites.camden),
					resourceId: SEED.contacts.jane,
					metadata: { metadataValues: [{ key: 'enquiry_id', value: 'web-77' }] },
				},
			}),
			{ settings: { timezone: 'America/New_York' } },
		);
		expect(result.status).toBe('success');
		const [request] = t.requests();
		expect(request).toMatchObject({ method: 'POST', path: '/2025-09/tasks' });
		expect(request.body).toEqual({
			title: 'Call Jane back',
			description: 'About a 50 sq ft unit',
			due_at: '2026-12-08T14:00:00Z',
			site: { id: SEED.sites.camden },
			assignee: { id: SEED.staff.camdenManager },
			resource: { id: SEED.contacts.jane },
			metadata: { enquiry_id: 'web-77' },
		});
		expect(request.idempotencyKey).toMatch(/^n8n-task_create-[0-9a-f]{32}$/);
		expect(result.json('Stora')[0]).toMatchObject({ title: 'Call Jane back', status: 'open' });
	});

	it('a title alone is enough', async () => {
		const result = await t.run(task('create', { title: 'Tidy the office' }));
		expect(result.status).toBe('success');
		expect(t.requests()[0].body).toEqual({ title: 'Tidy the office' });
	});
});

describe('Task → Get Many, Update, Reopen', () => {
	it('Get Many pages through the tasks, Additional Query Parameters sent as given', async () => {
		const result = await t.run(
			task('getAll', {
				limit: 10,
				filters: queryParameter('status', 'completed'),
			}),
		);
		expect(result.json('Stora').map((record) => record.id)).toEqual([SEED.tasks.checkLock]);
		expect(t.requests()[0]).toMatchObject({
			method: 'GET',
			path: '/2025-09/tasks',
			query: { page: '1', limit: '10', status: 'completed' },
		});
	});

	it('Update sends only what was set; Remove Description sends null', async () => {
		const result = await t.run(
			task('update', {
				taskId: byId(SEED.tasks.callJane),
				updateFields: { title: 'Call Jane (again)', removeDescription: true },
			}),
		);
		expect(result.status).toBe('success');
		expect(t.requests()[0]).toMatchObject({
			method: 'PATCH',
			path: `/2025-09/tasks/${SEED.tasks.callJane}`,
			body: { title: 'Call Jane (again)', description: null },
		});
		expect(taskNow(SEED.tasks.callJane)).toMatchObject({
			title: 'Call Jane (again)',
			description: null,
		});
	});

	it('Reopen: POST /tasks/{id}/open, completed → open, under a task_reopen key', async () => {
		expect(taskNow(SEED.tasks.checkLock).status).toBe('completed');
		const result = await t.run(task('reopen', { taskId: byId(SEED.tasks.checkLock) }));
		expect(result.json('Stora')[0]).toMatchObject({ id: SEED.tasks.checkLock, status: 'open' });
		expect(t.requests()[0]).toMatchObject({
			method: 'POST',
			path: `/2025-09/tasks/${SEED.tasks.checkLock}/open`,
		});
		expect(t.requests()[0].idempotencyKey).toMatch(/^n8n-task_reopen-[0-9a-f]{32}$/);
		expect(taskNow(SEED.tasks.checkLock).status).toBe('open');
	});

	it('offers no Complete, Get or Delete, and says so', async () => {
		const { nodeTypes } = await loadPackage();
		const node = nodeTypes[STORA_NODE_TYPE] as INodeType;
		const operation = node.description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('task'),
		)!;
		expect((operation.options ?? []).map((o) => ('value' in o ? o.value : ''))).toEqual([
			'create',
			'getAll',
			'reopen',
			'update',
		]);
		const notice = node.description.properties.find((p) => p.name === 'taskNotice')!;
		expect(notice.displayName).toMatch(/no endpoint to complete, show or delete a task/);
	});
});
