'use strict';
/**
 * Examples 10 (enquiry → contact, deal and task) and 11 (call → timeline event) in a real n8n 2.8.4
 * with the packed package, through their activated production webhooks, against the Stora sandbox:
 * the exact requests Stora received, what it stored, and that a repeated enquiry or call changes
 * nothing (their idempotency keys come from the enquiry's and the call's IDs).
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startStack, stopStack } = require('./lib/stack');

const EX10_ID = 'storaEnquiryDl10';
const EX11_ID = 'storaCallEvent11';
const TIME_ZONE = 'Europe/London'; // lib/n8n.js sets it as n8n's GENERIC_TIMEZONE

/** The date (yyyy-mm-dd) `days` after today in the workflow's time zone. */
function dateInTimeZone(days) {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
	const d = new Date(`${today}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

describe('CRM examples in a real n8n', { timeout: 600_000 }, () => {
	/** @type {Awaited<ReturnType<typeof startStack>>} */
	let stack;
	let sandbox;
	let n8n;
	let SEED;

	before(async () => {
		stack = await startStack({ name: 'crm' });
		({ sandbox, n8n, SEED } = stack);
		for (const id of [EX10_ID, EX11_ID]) assert.equal((await n8n.activate(id)).active, true, `${id} is active`);
	}, { timeout: 180_000 });

	after(async () => {
		await stopStack(stack);
	});

	const summary = () => sandbox.requests.map((r) => `${r.method} ${r.path}`);
	const post = (path) => sandbox.requests.find((r) => r.method === 'POST' && r.path === `/2025-09${path}`);

	describe('10. Enquiry → contact, deal and task', () => {
		const enquiry = (enquiryId, extra = {}) => ({
			full_name: 'Morgan Blake',
			email: 'morgan.blake@example.com',
			phone_number: '+447700900555',
			site_id: SEED.sites.camden,
			unit_type_id: SEED.unitTypes.camdenSmall,
			move_in_date: '2030-02-01',
			message: 'Do you have a small unit from February?',
			enquiry_id: enquiryId,
			...extra,
		});
		let first;

		it('creates the lead, a deal on the first stage with the unit type asked about, and a task for the site manager due tomorrow', async () => {
			sandbox.clearRequests();
			const res = await n8n.webhook('stora-enquiry', { body: enquiry('enq_1001') });
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.deepEqual(summary(), [
				'GET /2025-09/contacts',
				'POST /2025-09/contacts',
				'POST /2025-09/deals',
				'POST /2025-09/tasks',
			]);
			assert.ok(sandbox.requests.every((r) => r.status >= 200 && r.status < 300), JSON.stringify(sandbox.requests.map((r) => r.status)));
			assert.equal(sandbox.requests[0].query.email, 'morgan.blake@example.com');

			const contact = post('/contacts');
			assert.equal(contact.body.email, 'morgan.blake@example.com');
			assert.equal(contact.body.full_name, 'Morgan Blake');
			const contactId = res.body.contact_id;
			assert.match(contactId, /^con_[0-9a-z]{16}$/);

			const deal = post('/deals');
			assert.equal(deal.headers['idempotency-key'], 'deal_create:enq_1001');
			assert.deepEqual(deal.body, {
				name: 'Morgan Blake – website enquiry',
				contact: { id: contactId },
				stage: { id: SEED.dealStages.newEnquiry },
				site: { id: SEED.sites.camden },
				starts_at: '2030-02-01T00:00:00Z',
				line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall }, quantity: 1 }],
				metadata: { source: 'website', enquiry_id: 'enq_1001' },
			});

			const task = post('/tasks');
			assert.equal(task.headers['idempotency-key'], 'task_create:enq_1001');
			const { due_at: dueAt, ...taskRest } = task.body;
			assert.deepEqual(taskRest, {
				title: 'Call Morgan Blake about their enquiry',
				description: `Do you have a small unit from February?\n\nPhone: +447700900555\nDeal: ${res.body.deal_id}`,
				site: { id: SEED.sites.camden },
				assignee: { id: SEED.staff.camdenManager },
				resource: { id: contactId },
			});
			// tomorrow 10:00 in the workflow's time zone (London: 09:00 or 10:00 UTC)
			assert.match(dueAt, new RegExp(`^${dateInTimeZone(1)}T(09|10):00:00(\\.000)?(Z|[+-]\\d{2}:\\d{2})$`));

			const stored = sandbox.crmRecords();
			const storedDeal = stored.deals.find((d) => d.id === res.body.deal_id);
			assert.equal(storedDeal.status, 'open');
			assert.equal(storedDeal.value_estimate, '£69.99 per month');
			const storedTask = stored.tasks.find((t) => t.id === res.body.task_id);
			assert.equal(storedTask.status, 'open');
			assert.deepEqual(res.body, {
				contact_id: contactId,
				returning_customer: false,
				deal_id: storedDeal.id,
				task_id: storedTask.id,
				task_due_at: storedTask.due_at,
			});
			first = res.body;
		});

		it('answers the same enquiry posted again with the same contact, deal and task, storing nothing new', async () => {
			assert.ok(first, 'the first enquiry ran');
			const before = sandbox.crmRecords();
			sandbox.clearRequests();
			const res = await n8n.webhook('stora-enquiry', { body: enquiry('enq_1001') });
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.deepEqual(summary(), ['GET /2025-09/contacts', 'POST /2025-09/deals', 'POST /2025-09/tasks'], 'the contact is found, not created');
			assert.equal(post('/deals').replayed, true);
			assert.equal(post('/tasks').replayed, true);
			assert.deepEqual({ ...res.body, returning_customer: false }, first);
			assert.equal(res.body.returning_customer, true);
			const after = sandbox.crmRecords();
			assert.equal(after.deals.length, before.deals.length);
			assert.equal(after.tasks.length, before.tasks.length);
		});

		it('opens the deal on the contact Stora already has for a returning customer, and assigns the Leeds manager', async () => {
			sandbox.clearRequests();
			const jane = { full_name: 'Jane Smith', email: 'jane.smith@example.com', site_id: SEED.sites.leeds, unit_type_id: SEED.unitTypes.leedsLocker };
			const contacts = (await (await fetch(`${sandbox.url}/2025-09/contacts?email=${encodeURIComponent(jane.email)}`, { headers: { Authorization: `Bearer ${sandbox.token}` } })).json()).contacts;
			assert.deepEqual(contacts.map((c) => c.id), [SEED.contacts.jane], 'the seed has Jane under this email');
			sandbox.clearRequests();
			const res = await n8n.webhook('stora-enquiry', { body: enquiry('enq_1002', jane) });
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.deepEqual(summary(), ['GET /2025-09/contacts', 'POST /2025-09/deals', 'POST /2025-09/tasks']);
			assert.equal(res.body.contact_id, SEED.contacts.jane);
			assert.equal(res.body.returning_customer, true);
			assert.deepEqual(post('/deals').body.contact, { id: SEED.contacts.jane });
			assert.deepEqual(post('/tasks').body.assignee, { id: SEED.staff.leedsManager });
			assert.notEqual(res.body.deal_id, first.deal_id);
		});
	});

	describe('11. Call → timeline event', () => {
		const call = (callId, extra = {}) => ({
			call_id: callId,
			phone_number: '+447700900123', // Jane's
			direction: 'Inbound',
			duration_minutes: 4,
			agent: 'Alex',
			recording_url: `https://phone.example.com/calls/${callId}`,
			...extra,
		});
		let eventId;

		it('finds the caller and puts the call on their timeline: source, template, its variables and the link back', async () => {
			sandbox.clearRequests();
			const res = await n8n.webhook('stora-call', { body: call('call_9001') });
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.deepEqual(summary(), ['GET /2025-09/contacts', 'POST /2025-09/timeline/events']);
			assert.equal(sandbox.requests[0].query.search, '+447700900123');
			const event = post('/timeline/events');
			assert.equal(event.status, 201);
			assert.equal(event.headers['idempotency-key'], 'timeline_event:call_9001');
			// the mapper keeps an expression's number a number: Stora's variables are free key/values
			assert.deepEqual(event.body, {
				source: { id: SEED.timelineSources.phoneSystem },
				template: { id: SEED.timelineTemplates.callLogged },
				contact: { id: SEED.contacts.jane },
				description: 'Inbound call with Alex',
				external: { id: 'call_9001', url: 'https://phone.example.com/calls/call_9001' },
				variables: { direction: 'Inbound', duration: 4, agent: 'Alex' },
			});
			const stored = sandbox.crmRecords().timeline_events.filter((e) => e.external && e.external.id === 'call_9001');
			assert.equal(stored.length, 1);
			assert.deepEqual(res.body, { logged: true, event_id: stored[0].id, contact_id: SEED.contacts.jane });
			eventId = stored[0].id;
		});

		it('logs a call delivered twice once (idempotency key = the call ID)', async () => {
			assert.ok(eventId, 'the first call ran');
			sandbox.clearRequests();
			const res = await n8n.webhook('stora-call', { body: call('call_9001') });
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.equal(res.body.event_id, eventId);
			assert.equal(post('/timeline/events').replayed, true);
			assert.equal(sandbox.crmRecords().timeline_events.filter((e) => e.external && e.external.id === 'call_9001').length, 1);
		});

		it('answers an unknown number without logging anything', async () => {
			sandbox.clearRequests();
			const res = await n8n.webhook('stora-call', { body: call('call_9002', { phone_number: '+441134960000' }) });
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.deepEqual(res.body, { logged: false, reason: 'No Stora contact has the phone number +441134960000' });
			assert.deepEqual(summary(), ['GET /2025-09/contacts']);
		});

		it('refuses a call without the template’s required variable before sending anything to Stora', async () => {
			sandbox.clearRequests();
			const res = await n8n.webhook('stora-call', { body: call('call_9003', { direction: '' }) });
			assert.deepEqual(summary(), ['GET /2025-09/contacts'], 'no event was sent');
			// the run stops at Log the call: no Respond node answers (n8n 2.8 then answers 200 with no body)
			assert.notEqual(res.body && res.body.logged, true, JSON.stringify(res.body));
		});
	});
});
