'use strict';
/**
 * n8n's queue mode for real: a private Postgres and redis, n8n 2.8.4 main (EXECUTIONS_MODE=queue) and two
 * `n8n worker` processes (concurrency 1 each), the package linked as a community package, the Stora
 * sandbox and the SMTP sink. Every execution is started through a production webhook of an active
 * workflow (`n8n execute` would bypass the queue): the examples with a manual trigger get a webhook in
 * its place, examples 3 and 6 run as they are. The main's log must say "Enqueued execution N" and a
 * worker's "Worker started execution N" for each one. A booking sent twice at once lands on both
 * workers and still makes one order.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { loadExamples } = require('./lib/stack');
const { nodeOutput } = require('./lib/n8n');
const { withBookingDetails } = require('./lib/workflows');
const { startQueueStack, withWebhookTrigger } = require('./lib/queue');

const SKIP = process.env.E2E_SKIP_QUEUE === '1' ? 'E2E_SKIP_QUEUE=1' : false;
const WORKERS = 2;
const DAY = 86_400_000;
const SITE_TEAM = 'site-team@example.com';

describe('queue mode: n8n main + 2 workers on Postgres and redis', { skip: SKIP, timeout: 600_000 }, () => {
	/** @type {Awaited<ReturnType<typeof startQueueStack>>} */
	let q;
	let sandbox;
	let smtp;
	let SEED;
	const startedAt = Date.now();
	/** every webhook call the test made, with the executions it enqueued */
	const calls = [];

	const byId = (id) => loadExamples().find((e) => e.workflow.id === id).workflow;
	const summary = (reqs) => reqs.map((r) => `${r.method} ${r.path}`);

	before(async () => {
		const ex1 = byId('storaBookAndPay1');
		q = await startQueueStack({
			workers: WORKERS,
			// one job at a time per worker: two jobs in flight at once must be on two workers
			workerConcurrency: 1,
			extraWorkflows: [
				withWebhookTrigger(ex1, { id: 'queueExample1', name: 'queue: example 1', path: 'queue-example-1' }),
				withWebhookTrigger(
					withBookingDetails(ex1, {
						id: 'queueExample1b',
						name: 'queue: example 1, incomplete booking',
						fields: { full_name: 'Robin Incomplete', email: 'robin.incomplete@example.com', move_in_date: '', external_id: 'web_1043' },
					}),
					{ id: 'queueExample1b', name: 'queue: example 1, incomplete booking', path: 'queue-example-1b' },
				),
				// no schedule in the copy: only the webhook starts it
				withWebhookTrigger(byId('storaChaseUnpaid'), { id: 'queueExample2', name: 'queue: example 2', path: 'queue-example-2', drop: ['Every morning'] }),
				withWebhookTrigger(byId('storaFixDraft004'), { id: 'queueExample4', name: 'queue: example 4', path: 'queue-example-4' }),
				withWebhookTrigger(byId('storaFindOrBook5'), { id: 'queueExample5', name: 'queue: example 5', path: 'queue-example-5' }),
			],
		});
		({ sandbox, smtp, SEED } = q);
		for (const id of ['queueExample1', 'queueExample1b', 'queueExample2', 'queueExample4', 'queueExample5', 'storaCheckout001']) {
			const wf = await q.activate(id);
			assert.equal(wf.active, true, id);
		}
	}, { timeout: 300_000 });

	after(async () => {
		if (q) await q.stop();
	});

	/**
	 * POSTs `body` to a production webhook and waits until the `runs` executions it starts have started on
	 * workers and finished; resolves { res, reqs, runs, executions } (reqs: what Stora received meanwhile).
	 */
	const call = async (webhookPath, body, { runs = 1 } = {}) => {
		sandbox.clearRequests();
		smtp.reset();
		const mark = q.mark();
		const res = await q.webhook(webhookPath, { body });
		const started = await q.waitForRuns(mark, runs);
		const executions = [];
		for (const r of started) executions.push(await q.execution(r.executionId));
		calls.push({ webhookPath, runs: started });
		for (const e of executions) assert.equal(e.status, 'success', `execution ${e.id} of ${e.workflowId}: ${e.status}`);
		return { res, reqs: sandbox.requests.map((r) => ({ ...r })), runs: started, executions, run: executions[0].run };
	};
	const stored = (id) => sandbox.listOrders().find((o) => o.id === id);
	const booking = (externalId, extra = {}) => ({
		full_name: 'Sam Lee',
		email: 'sam.lee@example.com',
		phone_number: '+447700900111',
		site_id: SEED.sites.camden,
		unit_type_id: SEED.unitTypes.camdenSmall,
		move_in_date: '2030-01-15',
		external_id: externalId,
		...extra,
	});

	it('example 1 on a worker: creates, validates and finalizes the order, then emails the customer its payment_url', async () => {
		const { res, reqs, run, executions } = await call('queue-example-1', {});
		assert.equal(res.status, 200, JSON.stringify(res.body));
		assert.equal(executions[0].mode, 'webhook');
		const created = nodeOutput(run, 'Create order')[0];
		assert.match(created.id, /^order_[0-9a-z]{16}$/);
		assert.deepEqual(summary(reqs), ['POST /2025-09/orders', `GET /2025-09/orders/${created.id}/validate`, `POST /2025-09/orders/${created.id}/finalize`]);
		assert.ok(reqs.every((r) => r.status >= 200 && r.status < 300 && r.headers.authorization === `Bearer ${sandbox.token}`));
		assert.deepEqual(reqs[0].body.metadata, { source: 'website', external_id: 'web_1042' });
		assert.ok(reqs[0].headers['idempotency-key'] && reqs[2].headers['idempotency-key']);
		const order = stored(created.id);
		assert.equal(order.status, 'finalized');
		assert.equal(smtp.messages.length, 1);
		assert.deepEqual(smtp.messages[0].envelopeTo, ['alex.morgan@example.com']);
		assert.ok(smtp.messages[0].text.includes(order.payment_url), smtp.messages[0].text);
		assert.equal(nodeOutput(run, 'Email staff the problems'), undefined);
	});

	it('example 1 with an incomplete booking: staff get Stora’s problems, nothing is finalized', async () => {
		const { reqs, run } = await call('queue-example-1b', {});
		const created = nodeOutput(run, 'Create order')[0];
		assert.deepEqual(summary(reqs), ['POST /2025-09/orders', `GET /2025-09/orders/${created.id}/validate`]);
		assert.equal(reqs[1].status, 422);
		assert.equal(stored(created.id).status, 'draft');
		assert.equal(smtp.messages.length, 1);
		assert.deepEqual(smtp.messages[0].envelopeTo, ['staff@example.com']);
		assert.ok(smtp.messages[0].text.includes('- The order has no start date. (/starts_at)'), smtp.messages[0].text);
	});

	it('example 2: every page of unpaid website orders older than two days, one reminder each', async () => {
		// 101 more unpaid website orders, 3 to 9 days old (102 with the seeded one: two pages of 100), and two that don't count
		const contacts = [SEED.contacts.john, SEED.contacts.jane, SEED.contacts.priya];
		const now = Date.now();
		const order = (fields) => ({ status: 'finalized', contact: { id: SEED.contacts.john }, site: { id: SEED.sites.camden }, ...fields });
		sandbox.addOrders(101, (i) =>
			order({
				contact: { id: contacts[i % 3] },
				line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall }, quantity: 1 }],
				metadata: { source: 'website', external_id: `web_${5000 + i}` },
				created_at: now - 3 * DAY - i * 3_600_000,
			}),
		);
		sandbox.addOrders(2, (i) => order(i ? { metadata: { source: 'phone' }, created_at: now - 4 * DAY } : { metadata: { source: 'website' }, created_at: now - DAY }));
		const expected = sandbox
			.listOrders()
			.filter((o) => o.status === 'finalized' && o.metadata.source === 'website' && Date.parse(o.created_at) < now - 2 * DAY);
		assert.equal(expected.length, 102);

		const { reqs, run } = await call('queue-example-2', {});
		assert.deepEqual(summary(reqs), ['GET /2025-09/orders', 'GET /2025-09/orders'], 'two pages, nothing more');
		assert.equal(nodeOutput(run, 'Unpaid website orders').length, 102);
		assert.equal(smtp.messages.length, 102);
		for (const order of expected) {
			const mails = smtp.messages.filter((m) => m.subject.includes(order.id));
			assert.equal(mails.length, 1, `one reminder for ${order.id}`);
			assert.ok(mails[0].text.includes(order.payment_url));
		}
	});

	describe('example 3: one-call checkout', () => {
		it('answers with the payment_url of the order it created and finalized in one call', async () => {
			const { res, reqs } = await call('stora-checkout', booking('web_2001'));
			assert.equal(res.status, 200, JSON.stringify(res.body));
			assert.deepEqual(summary(reqs), ['POST /2025-09/orders']);
			assert.equal(reqs[0].headers['idempotency-key'], 'create:web_2001');
			const orders = sandbox.listOrders().filter((o) => o.metadata.external_id === 'web_2001');
			assert.equal(orders.length, 1);
			assert.deepEqual(res.body, { order_id: orders[0].id, status: 'finalized', payment_url: orders[0].payment_url });
		});

		it('answers a repeated booking with the same order, replayed by Stora', async () => {
			const first = sandbox.listOrders().find((o) => o.metadata.external_id === 'web_2001');
			const { res, reqs } = await call('stora-checkout', booking('web_2001'));
			assert.equal(res.status, 200);
			assert.equal(res.body.order_id, first.id);
			assert.equal(reqs.length, 1);
			assert.equal(reqs[0].replayed, true);
			assert.equal(sandbox.listOrders().filter((o) => o.metadata.external_id === 'web_2001').length, 1);
		});

		it('answers 422 with Stora’s problems when the booking cannot be finalized', async () => {
			const before = sandbox.listOrders().length;
			const { res } = await call('stora-checkout', booking('web_2002', { move_in_date: '' }));
			assert.equal(res.status, 422, JSON.stringify(res.body));
			assert.deepEqual(res.body.problems, [{ message: 'The order has no start date.', pointer: '/starts_at' }]);
			assert.equal(sandbox.listOrders().length, before);
		});
	});

	it('example 4 (version 2): the draft gets its unit and move-in date, is validated again, finalized and emailed', async () => {
		const { reqs, run } = await call('queue-example-4', {});
		const created = nodeOutput(run, 'Create draft order')[0];
		const orderPath = `/2025-09/orders/${created.id}`;
		assert.deepEqual(summary(reqs), [
			'POST /2025-09/orders',
			`GET ${orderPath}/validate`,
			`POST ${orderPath}/line_items`,
			`PATCH ${orderPath}`,
			`GET ${orderPath}/validate`,
			`POST ${orderPath}/finalize`,
		]);
		assert.deepEqual(reqs.map((r) => r.status), [201, 422, 201, 200, 200, 200]);
		const order = stored(created.id);
		assert.equal(order.status, 'finalized');
		assert.equal(smtp.messages.length, 1);
		assert.deepEqual(smtp.messages[0].envelopeTo, ['morgan.lee@example.com']);
		assert.ok(smtp.messages[0].text.includes(order.payment_url));
	});

	it('example 5 (version 2): a new customer’s contact is created, then the order booked for it and finalized', async () => {
		const { reqs, run } = await call('queue-example-5', {});
		assert.deepEqual(summary(reqs), ['GET /2025-09/contacts', 'POST /2025-09/contacts', 'POST /2025-09/orders']);
		const contact = nodeOutput(run, 'Create the contact')[0];
		assert.deepEqual(reqs[2].body.contact, { id: contact.id });
		const order = stored(nodeOutput(run, 'Create and finalize order')[0].id);
		assert.equal(order.status, 'finalized');
		assert.equal(order.contact.id, contact.id);
		assert.equal(smtp.messages.length, 1);
		assert.deepEqual(smtp.messages[0].envelopeTo, ['chris.taylor@example.com']);
		assert.ok(smtp.messages[0].text.includes(order.payment_url));
	});

	it('a booking sent twice at once runs on both workers and still makes one order', async () => {
		// a slow Stora keeps the first worker busy while the second job waits: it must go to the other worker
		sandbox.setOptions({ latencyMs: 1500 });
		sandbox.clearRequests();
		const mark = q.mark();
		let answers;
		try {
			answers = await Promise.all([q.webhook('stora-checkout', { body: booking('web_3001') }), q.webhook('stora-checkout', { body: booking('web_3001') })]);
		} finally {
			sandbox.setOptions({ latencyMs: 0 });
		}
		const runs = await q.waitForRuns(mark, 2);
		calls.push({ webhookPath: 'stora-checkout (twice)', runs });
		assert.equal(runs.length, 2, JSON.stringify(runs));
		assert.deepEqual(runs.map((r) => r.worker).sort(), [1, 2], `one execution on each worker: ${JSON.stringify(runs)}`);
		for (const r of runs) assert.equal((await q.execution(r.executionId)).status, 'success');

		for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));
		assert.deepEqual(answers[0].body, answers[1].body, 'both answered with the same order');
		const orders = sandbox.listOrders().filter((o) => o.metadata.external_id === 'web_3001');
		assert.equal(orders.length, 1, 'Stora stored one order');
		assert.equal(answers[0].body.order_id, orders[0].id);
		const posts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/2025-09/orders');
		assert.equal(posts.length, 2);
		assert.deepEqual(posts.map((p) => p.headers['idempotency-key']), ['create:web_3001', 'create:web_3001']);
		assert.deepEqual(posts.map((p) => Boolean(p.replayed)).sort(), [false, true], 'the second was replayed');
	});

	it('example 6 (Stora Trigger): an order booked through example 3 is delivered to the main and emailed by a worker', async () => {
		const wf = await q.activate('storaNewBooking6');
		assert.equal(wf.active, true);
		const endpoints = sandbox.webhooks.endpoints().filter((e) => e.status === 'enabled');
		assert.equal(endpoints.length, 1, JSON.stringify(endpoints));
		assert.equal(endpoints[0].url, `${q.url}/webhook/${byId('storaNewBooking6').nodes.find((n) => n.type === 'n8n-nodes-stora.storaTrigger').webhookId}/webhook`);

		smtp.reset();
		const mark = q.mark();
		const res = await q.webhook('stora-checkout', { body: booking('web_4001') });
		assert.equal(res.status, 200, JSON.stringify(res.body));
		// example 3's execution, then example 6's once Stora delivered order.created
		const runs = await q.waitForRuns(mark, 2);
		calls.push({ webhookPath: 'stora-checkout + order.created', runs });
		const executions = [];
		for (const r of runs) executions.push(await q.execution(r.executionId));
		assert.deepEqual(executions.map((e) => [e.workflowId, e.status, e.mode]), [
			['storaCheckout001', 'success', 'webhook'],
			['storaNewBooking6', 'success', 'webhook'],
		]);
		const [mail] = await smtp.waitFor((m) => m.envelopeTo.includes(SITE_TEAM));
		assert.equal(mail.subject, `New booking: order ${res.body.order_id} (finalized)`);
	});

	it('every execution was enqueued by the main and run by exactly one worker; both workers ran some', async (t) => {
		const all = q.runs();
		const ours = calls.flatMap((c) => c.runs.map((r) => r.executionId));
		assert.deepEqual(all.map((r) => r.executionId), ours, 'the main enqueued exactly the executions the webhooks started');
		for (const r of all) assert.equal(r.workers.length, 1, `execution ${r.executionId} started once: ${JSON.stringify(r)}`);
		const perWorker = q.workers.map((w) => all.filter((r) => r.worker === w.index).length);
		assert.ok(perWorker.every((n) => n > 0), `executions per worker: ${perWorker}`);
		assert.equal(q.main.serverLog.filter((l) => /^Worker started execution/.test(l.message)).length, 0, 'the main ran none itself');
		// "Last session crashed": main and workers share one user folder, so one finds another's crash.journal at start
		assert.equal(q.main.logEntries(['error']).filter((l) => !/Last session crashed/.test(l.message)).length, 0, q.main.logText());
		for (const w of q.workers) {
			assert.equal(w.logEntries(['error']).filter((l) => !/Last session crashed/.test(l.message)).length, 0, w.logText());
		}
		t.diagnostic(`${all.length} executions, per worker ${perWorker.join(' / ')}; stack up in ${q.timings.totalMs} ms (Postgres + redis ${q.timings.servicesMs} ms, import ${q.timings.importMs} ms, n8n start ${q.timings.startMs} ms); ${Date.now() - startedAt} ms so far`);
	});
});
