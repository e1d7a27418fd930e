'use strict';
/**
 * The three example workflows (examples/*.json) in a real n8n 2.8.4 with n8n-nodes-stora linked as a
 * community package, against the Stora sandbox and a local SMTP sink. Examples 1 and 2 run through
 * `n8n execute`, example 3 through its activated production webhook on the running server.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startStack, stopStack, loadExamples } = require('./lib/stack');
const { nodeOutput } = require('./lib/n8n');
const { withBookingDetails } = require('./lib/workflows');

const EX1_ID = 'storaBookAndPay1';
const EX1_INCOMPLETE_ID = 'storaBookIncompl';
const EX2_ID = 'storaChaseUnpaid';
const EX3_ID = 'storaCheckout001';
const DAY = 86_400_000;

describe('example workflows in a real n8n', { timeout: 600_000 }, () => {
	/** @type {Awaited<ReturnType<typeof startStack>>} */
	let stack;
	let sandbox;
	let smtp;
	let n8n;
	let SEED;

	before(async () => {
		const ex1 = loadExamples().find((e) => e.workflow.id === EX1_ID).workflow;
		stack = await startStack({
			name: 'examples',
			extraWorkflows: [
				withBookingDetails(ex1, {
					id: EX1_INCOMPLETE_ID,
					name: 'e2e: example 1 with an incomplete booking',
					fields: {
						full_name: 'Robin Incomplete',
						email: 'robin.incomplete@example.com',
						move_in_date: '',
						external_id: 'web_1043',
					},
				}),
			],
		});
		({ sandbox, smtp, n8n, SEED } = stack);
	}, { timeout: 180_000 });

	after(async () => {
		await stopStack(stack);
	});

	const apiRequests = () => sandbox.requests.map((r) => ({ ...r }));
	const summary = (reqs) => reqs.map((r) => `${r.method} ${r.path}`);

	describe('1. Book and send the payment link', () => {
		it('creates, validates and finalizes the order, then emails the customer that order’s payment_url', async () => {
			sandbox.clearRequests();
			smtp.reset();
			const { run, stderr } = await n8n.execute(EX1_ID);
			assert.equal(run.status, 'success', `execution failed: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`);

			const reqs = apiRequests();
			const created = nodeOutput(run, 'Create order')[0];
			assert.match(created.id, /^order_[0-9a-z]{16}$/);
			assert.deepEqual(summary(reqs), [
				'POST /2025-09/orders',
				`GET /2025-09/orders/${created.id}/validate`,
				`POST /2025-09/orders/${created.id}/finalize`,
			]);
			assert.ok(reqs.every((r) => r.status >= 200 && r.status < 300), JSON.stringify(reqs.map((r) => r.status)));
			assert.ok(reqs.every((r) => r.headers.authorization === `Bearer ${sandbox.token}`));

			// the create body: inline contact, three line items, metadata, the move-in date
			const body = reqs[0].body;
			assert.deepEqual(body.site, { id: SEED.sites.camden });
			assert.equal(body.billing_period, 'monthly');
			assert.equal(body.payment_method, 'card');
			assert.match(body.starts_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
			assert.equal(body.contact.full_name, 'Alex Morgan');
			assert.equal(body.contact.email, 'alex.morgan@example.com');
			assert.equal(body.contact.phone_number, '+447700900789');
			assert.deepEqual(
				body.line_items.map((l) => [l.type, l.item.id, l.quantity]),
				[
					['unit_type', SEED.unitTypes.camdenLocker, 1],
					['protection', SEED.protectionLevels.cover2500, 1],
					['security_deposit', SEED.unitTypes.camdenLocker, 1],
				],
			);
			assert.deepEqual(body.metadata, { source: 'website', external_id: 'web_1042' });
			assert.equal(body.finalize, undefined, 'example 1 finalizes in its own step');
			// POSTs carry an idempotency key, distinct per operation; the finalize body and expand
			assert.ok(reqs[0].headers['idempotency-key'], 'create has an Idempotency-Key');
			assert.ok(reqs[2].headers['idempotency-key'], 'finalize has an Idempotency-Key');
			assert.notEqual(reqs[0].headers['idempotency-key'], reqs[2].headers['idempotency-key']);
			assert.deepEqual(reqs[2].body, { finalize: { cancel_redirect_url: 'https://example.com/booking/cancelled' } });
			assert.equal(reqs[2].query.expand, 'contact');

			// the order is finalized in Stora and the customer got its payment_url
			const stored = sandbox.listOrders().find((o) => o.id === created.id);
			assert.equal(stored.status, 'finalized');
			assert.match(stored.payment_url, /^http:\/\/127\.0\.0\.1:\d+\/checkout\/order_/);
			assert.equal(smtp.messages.length, 1, JSON.stringify(smtp.messages.map((m) => m.envelopeTo)));
			const [mail] = smtp.messages;
			assert.deepEqual(mail.envelopeTo, ['alex.morgan@example.com']);
			assert.ok(mail.subject.includes(created.id), mail.subject);
			assert.ok(mail.text.includes(stored.payment_url), mail.text);
			assert.ok(mail.text.includes('Hello Alex Morgan'), mail.text);
			assert.equal(nodeOutput(run, 'Email staff the problems'), undefined, 'the staff branch did not run');
		});

		it('emails staff the problems Stora found when the booking is incomplete, and finalizes nothing', async () => {
			sandbox.clearRequests();
			smtp.reset();
			const { run, stderr } = await n8n.execute(EX1_INCOMPLETE_ID);
			assert.equal(run.status, 'success', `execution failed: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`);

			const reqs = apiRequests();
			const created = nodeOutput(run, 'Create order')[0];
			assert.deepEqual(summary(reqs), ['POST /2025-09/orders', `GET /2025-09/orders/${created.id}/validate`]);
			assert.equal(reqs[0].body.starts_at, undefined, 'no move-in date was sent');
			assert.equal(reqs[1].status, 422);

			const validated = nodeOutput(run, 'Validate order')[0];
			assert.equal(validated.valid, false);
			assert.deepEqual(validated.problems, [{ message: 'The order has no start date.', pointer: '/starts_at' }]);
			assert.equal(nodeOutput(run, 'Finalize order'), undefined, 'Finalize did not run');
			assert.equal(sandbox.listOrders().find((o) => o.id === created.id).status, 'draft');

			assert.equal(smtp.messages.length, 1, JSON.stringify(smtp.messages.map((m) => m.envelopeTo)));
			const [mail] = smtp.messages;
			assert.deepEqual(mail.envelopeTo, ['staff@example.com']);
			assert.ok(mail.subject.includes('Robin Incomplete'), mail.subject);
			assert.ok(mail.subject.includes(created.id), mail.subject);
			assert.ok(mail.text.includes('- The order has no start date. (/starts_at)'), mail.text);
			assert.ok(mail.text.includes('robin.incomplete@example.com'), mail.text);
			assert.equal(smtp.to('robin.incomplete@example.com').length, 0, 'the customer got nothing');
		});
	});

	describe('2. Chase unpaid orders', () => {
		it('reads every page of finalized website orders older than two days and emails each customer their payment_url', async () => {
			// 101 more unpaid website orders, 3 to 9 days old: with the seeded one, 102 matches, i.e. two pages of 100
			const contacts = [SEED.contacts.john, SEED.contacts.jane, SEED.contacts.priya];
			const emailOf = { [SEED.contacts.john]: 'john@doe.com', [SEED.contacts.jane]: 'jane.smith@example.com', [SEED.contacts.priya]: 'priya@patel.example' };
			const now = Date.now();
			for (let i = 0; i < 101; i++) {
				sandbox.addOrder({
					status: 'finalized',
					billing_period: 'monthly',
					contact: { id: contacts[i % 3] },
					site: { id: SEED.sites.camden },
					line_items: [{ type: 'unit_type', item: { id: SEED.unitTypes.camdenSmall }, quantity: 1 }],
					metadata: { source: 'website', external_id: `web_${5000 + i}` },
					starts_at: new Date(now + 7 * DAY).toISOString(),
					created_at: now - 3 * DAY - i * 3_600_000,
				});
			}
			// must NOT be chased: too recent, not from the website, not finalized
			sandbox.addOrder({ status: 'finalized', contact: { id: SEED.contacts.john }, site: { id: SEED.sites.camden }, metadata: { source: 'website' }, created_at: now - DAY });
			sandbox.addOrder({ status: 'finalized', contact: { id: SEED.contacts.john }, site: { id: SEED.sites.camden }, metadata: { source: 'phone' }, created_at: now - 4 * DAY });
			sandbox.addOrder({ status: 'completed', contact: { id: SEED.contacts.john }, site: { id: SEED.sites.camden }, metadata: { source: 'website' }, created_at: now - 4 * DAY });

			const expected = sandbox
				.listOrders()
				.filter((o) => o.status === 'finalized' && o.metadata.source === 'website' && Date.parse(o.created_at) < now - 2 * DAY);
			assert.equal(expected.length, 102);

			sandbox.clearRequests();
			smtp.reset();
			const startedAt = Date.now();
			const { run, stderr } = await n8n.execute(EX2_ID);
			assert.equal(run.status, 'success', `execution failed: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`);

			const reqs = apiRequests();
			assert.deepEqual(summary(reqs), ['GET /2025-09/orders', 'GET /2025-09/orders'], 'two pages, nothing more');
			const listed = nodeOutput(run, 'Unpaid website orders');
			for (const r of reqs) {
				assert.equal(r.status, 200);
				assert.equal(r.query.status, 'finalized');
				assert.deepEqual(r.query.metadata, { source: 'website' });
				assert.equal(r.query.expand, 'contact');
				assert.equal(r.query.limit, '100');
				assert.equal(r.query.page, '1');
			}
			// the first page is the workflow's own filter; the second starts at the second of the oldest order seen
			const before = Date.parse(reqs[0].query.created_before);
			assert.ok(Math.abs(before - (startedAt - 2 * DAY)) < 120_000, `created_before ${reqs[0].query.created_before}`);
			assert.equal(Date.parse(reqs[1].query.created_before), Date.parse(listed[99].created_at) + 1000);
			assert.equal(listed.length, 102);
			assert.equal(new Set(listed.map((o) => o.id)).size, 102);

			assert.equal(smtp.messages.length, 102);
			for (const order of expected) {
				const mails = smtp.messages.filter((m) => m.subject.includes(order.id));
				assert.equal(mails.length, 1, `one reminder for ${order.id}`);
				assert.deepEqual(mails[0].envelopeTo, [emailOf[order.contact.id]]);
				assert.ok(mails[0].text.includes(order.payment_url), mails[0].text);
			}
		});
	});

	describe('3. One-call checkout', () => {
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

		before(async () => {
			const wf = await n8n.activate(EX3_ID);
			assert.equal(wf.active, true);
		});

		it('answers the webhook with the payment_url of the order it created and finalized in one call', async () => {
			sandbox.clearRequests();
			const res = await n8n.webhook('stora-checkout', { body: booking('web_2001') });
			assert.equal(res.status, 200, JSON.stringify(res.body));

			const reqs = apiRequests();
			assert.deepEqual(summary(reqs), ['POST /2025-09/orders'], 'one request: create with finalize');
			const [post] = reqs;
			assert.equal(post.status, 201);
			assert.equal(post.headers['idempotency-key'], 'create:web_2001');
			assert.deepEqual(post.body.finalize, { cancel_redirect_url: 'https://example.com/booking/cancelled' });
			assert.equal(post.body.starts_at, '2030-01-15T00:00:00Z');
			assert.deepEqual(
				post.body.line_items.map((l) => [l.type, l.item.id]),
				[
					['unit_type', SEED.unitTypes.camdenSmall],
					['security_deposit', SEED.unitTypes.camdenSmall],
				],
			);

			const stored = sandbox.listOrders().filter((o) => o.metadata.external_id === 'web_2001');
			assert.equal(stored.length, 1);
			assert.equal(stored[0].status, 'finalized');
			assert.deepEqual(res.body, { order_id: stored[0].id, status: 'finalized', payment_url: stored[0].payment_url });
		});

		it('answers a repeated booking with the same order (idempotency key = external_id), creating nothing new', async () => {
			sandbox.clearRequests();
			const first = sandbox.listOrders().filter((o) => o.metadata.external_id === 'web_2001');
			const res = await n8n.webhook('stora-checkout', { body: booking('web_2001') });
			assert.equal(res.status, 200);
			assert.equal(res.body.order_id, first[0].id);
			assert.equal(res.body.payment_url, first[0].payment_url);
			assert.equal(sandbox.requests.length, 1);
			assert.equal(sandbox.requests[0].replayed, true);
			assert.equal(sandbox.listOrders().filter((o) => o.metadata.external_id === 'web_2001').length, 1);
		});

		it('answers 422 with Stora’s problems when the booking cannot be finalized (nothing stored)', async () => {
			sandbox.clearRequests();
			const before = sandbox.listOrders().length;
			const res = await n8n.webhook('stora-checkout', { body: booking('web_2002', { move_in_date: '' }) });
			assert.equal(res.status, 422, JSON.stringify(res.body));
			assert.deepEqual(summary(sandbox.requests), ['POST /2025-09/orders']);
			assert.equal(sandbox.requests[0].status, 422);
			assert.equal(sandbox.listOrders().length, before, 'Stora stored nothing');
			// the node's error output item is { ...input, error: { message, description, problems, … } }
			assert.equal(res.body.error, 'The order is not ready to be finalized.', JSON.stringify(res.body));
			assert.match(res.body.description, /\/starts_at: The order has no start date\./);
			// what the website needs to tell the customer what is missing
			assert.deepEqual(
				res.body.problems,
				[{ message: 'The order has no start date.', pointer: '/starts_at' }],
				`the error output item carries Stora's problems: ${JSON.stringify(res.body)}`,
			);
		});
	});
});
