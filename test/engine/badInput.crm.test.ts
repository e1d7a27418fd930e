import type { INode } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { items } from '../helpers/engine';
import { byId } from '../helpers/crm';
import { expectRefusedBeforeAnyRequest, useSandbox } from './sandbox';

/** An ID from an expression: n8n's own checks (the picker's regex, required fields) never see it. */
const mapped = (value: string) => byId(`={{ ${JSON.stringify(value)} }}`);

const t = useSandbox();

const dealCreate = {
	resource: 'deal',
	operation: 'create',
	name: 'A deal',
	contactId: byId(SEED.contacts.jane),
	dealStageId: byId(SEED.dealStages.newEnquiry),
};
const onDeal = (operation: string) => ({
	resource: 'deal',
	operation,
	dealId: byId(SEED.deals.janeOpen),
});
const taskCreate = { resource: 'task', operation: 'create', title: 'A task' };
const noteCreate = {
	resource: 'note',
	operation: 'create',
	content: 'A note',
	resourceId: SEED.contacts.jane,
};
const eventCreate = {
	resource: 'timelineEvent',
	operation: 'create',
	timelineSourceId: byId(SEED.timelineSources.phoneSystem),
	timelineTemplateId: byId(SEED.timelineTemplates.callLogged),
	variables: { mappingMode: 'defineBelow', value: { direction: 'In', duration: '1' } },
};
const dealKey = `n8n-deal_create-${'0'.repeat(32)}`;

/**
 * Values that reach the node through expressions or By ID (mapped data, an AI Agent's
 * $fromAI): [what the user did wrong, parameters, the exact message, what the description says].
 */
const cases: Array<[string, INode['parameters'], string, RegExp]> = [
	[
		'Deal Create: no name',
		{ ...dealCreate, name: '={{ $json.none }}' },
		'Invalid Name "" [item 0]',
		/required/,
	],
	[
		'Deal Create: a deal ID as the contact',
		{ ...dealCreate, contactId: mapped(SEED.deals.janeOpen) },
		`Invalid Contact ID "${SEED.deals.janeOpen}" [item 0]`,
		/starts with "con_"/,
	],
	[
		'Deal Create: no stage',
		{ ...dealCreate, dealStageId: mapped('') },
		'Invalid Stage ID "" [item 0]',
		/starts with "dstg_"/,
	],
	[
		'Deal Create: an assignee that is not a staff ID',
		{ ...dealCreate, additionalFields: { assigneeId: 'user_123' } },
		'Invalid Assignee ID "user_123" [item 0]',
		/starts with "staff_"/,
	],
	[
		'Deal Create: a protection level as the unit type',
		{
			...dealCreate,
			additionalFields: {
				lineItems: { unitType: { unitTypeId: byId(SEED.protectionLevels.cover1000), quantity: 1 } },
			},
		},
		`Invalid Unit Type ID "${SEED.protectionLevels.cover1000}" [item 0]`,
		/starts with "utype_"/,
	],
	[
		'Deal Create: a quantity of 0',
		{
			...dealCreate,
			additionalFields: {
				lineItems: { unitType: { unitTypeId: byId(SEED.unitTypes.leedsSmall), quantity: 0 } },
			},
		},
		'Invalid Quantity 0 [item 0]',
		/whole number of 1 or more/,
	],
	[
		'Deal Create: a move-in date that is not a date',
		{ ...dealCreate, additionalFields: { startsAt: '={{ "soon" }}' } },
		'Invalid Move-In Date "soon" [item 0]',
		/date and time/,
	],
	[
		'Deal Create: a site ID from another record',
		{ ...dealCreate, additionalFields: { siteId: byId(SEED.unitTypes.leedsSmall) } },
		`Invalid Site ID "${SEED.unitTypes.leedsSmall}" [item 0]`,
		/starts with "site_"/,
	],
	[
		'Deal Create: a key another node made',
		{ ...taskCreate, options: { idempotencyKey: dealKey } },
		`Invalid Idempotency Key "${dealKey}" [item 0]`,
		/Deal → Create node; a Task → Create node cannot reuse it/,
	],
	[
		'Deal Update: nothing to update',
		{ ...onDeal('update'), updateFields: {} },
		'Invalid Update Fields {} [item 0]',
		/Nothing to update/,
	],
	[
		'Deal Update: an assignee both set and removed',
		{ ...onDeal('update'), updateFields: { assigneeId: SEED.staff.sales, removeAssignee: true } },
		`Invalid Assignee ID {"assigneeId":"${SEED.staff.sales}","removeAssignee":true} [item 0]`,
		/both set and removed/,
	],
	[
		'Deal Win: a task ID',
		{ ...onDeal('win'), dealId: mapped(SEED.tasks.callJane) },
		`Invalid Deal ID "${SEED.tasks.callJane}" [item 0]`,
		/starts with "deal_"/,
	],
	[
		'Deal Lose: no reason',
		{ ...onDeal('lose'), lostReason: '={{ $json.reason }}' },
		'Invalid Lost Reason "" [item 0]',
		/price_concerns/,
	],
	[
		'Deal Lose: a reason as words',
		{ ...onDeal('lose'), lostReason: '={{ "Too expensive" }}' },
		'Invalid Lost Reason "Too expensive" [item 0]',
		/lowercase words joined by _/,
	],
	[
		'Deal Reopen: a stage ID from another record',
		{ ...onDeal('reopen'), additionalFields: { dealStageId: byId(SEED.deals.samLost) } },
		`Invalid Stage ID "${SEED.deals.samLost}" [item 0]`,
		/starts with "dstg_"/,
	],
	[
		'Task Create: no title',
		{ ...taskCreate, title: '  ' },
		'Invalid Title "  " [item 0]',
		/required/,
	],
	[
		'Task Create: a due time that is not a date',
		{ ...taskCreate, additionalFields: { dueAt: '={{ "tomorrow" }}' } },
		'Invalid Due At "tomorrow" [item 0]',
		/date and time/,
	],
	[
		'Task Create: a resource that is no Stora ID',
		{ ...taskCreate, additionalFields: { resourceId: 'jane@example.com' } },
		'Invalid Resource ID "jane@example.com" [item 0]',
		/ID of a Stora record/,
	],
	[
		'Task Update: a note ID as the task',
		{
			resource: 'task',
			operation: 'update',
			taskId: mapped(SEED.notes.doorSticks),
			updateFields: { title: 'x' },
		},
		`Invalid Task ID "${SEED.notes.doorSticks}" [item 0]`,
		/starts with "task_"/,
	],
	[
		'Task Reopen: no task',
		{ resource: 'task', operation: 'reopen', taskId: mapped('') },
		'Invalid Task ID "" [item 0]',
		/starts with "task_"/,
	],
	[
		'Note Create: no content',
		{ ...noteCreate, content: '={{ "" }}' },
		'Invalid Content "" [item 0]',
		/required/,
	],
	[
		'Note Create: no resource',
		{ ...noteCreate, resourceId: '={{ "" }}' },
		'Invalid Resource ID "" [item 0]',
		/required/,
	],
	[
		'Note Create: a resource that is no Stora ID',
		{ ...noteCreate, resourceId: '12345' },
		'Invalid Resource ID "12345" [item 0]',
		/ID of a Stora record/,
	],
	[
		'Note Delete: a task ID as the note',
		{ resource: 'note', operation: 'delete', noteId: mapped(SEED.tasks.callJane) },
		`Invalid Note ID "${SEED.tasks.callJane}" [item 0]`,
		/starts with "note_"/,
	],
	[
		'Note Get Many: a bad resource ID in the filter',
		{
			resource: 'note',
			operation: 'getAll',
			filters: { resourceIds: `${SEED.contacts.jane}, nope` },
		},
		'Invalid Resource ID "nope" [item 0]',
		/ID of a Stora record/,
	],
	[
		'Timeline Event Create: a template ID as the source',
		{ ...eventCreate, timelineSourceId: mapped(SEED.timelineTemplates.callLogged) },
		`Invalid Source ID "${SEED.timelineTemplates.callLogged}" [item 0]`,
		/starts with "tsrc_"/,
	],
	[
		'Timeline Event Create: a source ID as the template',
		{ ...eventCreate, timelineTemplateId: mapped(SEED.timelineSources.email) },
		`Invalid Template ID "${SEED.timelineSources.email}" [item 0]`,
		/starts with "aetpl_"/,
	],
	[
		'Timeline Event Create: an external URL that is not a URL',
		{ ...eventCreate, additionalFields: { externalUrl: 'phone system' } },
		'Invalid External URL "phone system" [item 0]',
		/http\(s\) URL/,
	],
	[
		'Timeline Event Create: a custom variable that is also predefined',
		{
			...eventCreate,
			additionalFields: { customVariables: { variable: [{ name: 'duration', value: '2' }] } },
		},
		'Invalid Custom Variable name "duration" [item 0]',
		/give it once/,
	],
	[
		'Timeline Event Update: an event ID from another record',
		{
			resource: 'timelineEvent',
			operation: 'update',
			timelineEventId: mapped(SEED.deals.janeOpen),
			updateFields: { description: 'x' },
		},
		`Invalid Timeline Event ID "${SEED.deals.janeOpen}" [item 0]`,
		/starts with "aevt_"/,
	],
	[
		'Identity Verification Get Many: a deal ID as the contact',
		{
			resource: 'identityVerification',
			operation: 'getAll',
			filters: { contactIds: SEED.deals.janeOpen },
		},
		`Invalid Contact ID "${SEED.deals.janeOpen}" [item 0]`,
		/starts with "con_"/,
	],
	[
		'Identity Verification Get Many: a status as words',
		{
			resource: 'identityVerification',
			operation: 'getAll',
			filters: { statuses: '={{ "Succeeded" }}' },
		},
		'Invalid Status "Succeeded" [item 0]',
		/lowercase word/,
	],
];

describe('CRM resources: bad input is reported before any request is sent', () => {
	it.each(cases)('%s', async (_, parameters, message, description) => {
		await expectRefusedBeforeAnyRequest(t, parameters, message, description);
	});
});

describe('CRM resources: one bad item among good ones', () => {
	const inputItems = items({ title: 'Call Jane' }, { title: '' }, { title: 'Call Sam' });
	const perItem = { ...taskCreate, title: '={{ $json.title }}' };

	it('Task Create without Continue on Fail: nothing is sent', async () => {
		const result = await t.run(perItem, { inputItems });
		expect(result.nodeError('Stora')?.message).toBe('Invalid Title "" [item 1]');
		expect(t.requests()).toEqual([]);
	});

	it('Task Create with Continue on Fail: the bad item is an error item, the others are created', async () => {
		const result = await t.run(perItem, { inputItems, node: { onError: 'continueRegularOutput' } });
		expect(result.status).toBe('success');
		const output = result.output('Stora');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json).toEqual({
			error: {
				message: 'Invalid Title "" [item 1]',
				description: 'Title is required: give it some text.',
			},
		});
		expect(t.requests().map((request) => request.body?.title)).toEqual(['Call Jane', 'Call Sam']);
	});
});
