'use strict';
/**
 * The Stora Polling Trigger in a real n8n (2.8.4, or the version compat/run.js points the e2e layer at), on
 * plain http and localhost: nothing for Stora to reach. Two workflows are active, each polling every 10
 * seconds (Poll Times → Custom; n8n refuses a `*` in the seconds field):
 *   - example 12 (Order Status Reached: completed → Get the booking → Site access codes → Email the access
 *     code), as shipped but for its poll time;
 *   - a test workflow on Order Created that emails the operator each new order.
 * Orders are created and paid (`POST /__sandbox/orders`, `POST /__sandbox/orders/{id}/complete`) between
 * polls: each change runs its workflow once, activation emits no history, a failed poll starts nothing (n8n
 * records it as a failed execution with Stora's message) and the next catches up, and after a restart of n8n
 * (static data kept in n8n's database) what changed while it was down runs once, nothing runs twice, and it
 * polls on. Executions are counted through n8n's REST API.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
	startStack,
	stopStack,
	loadExamples,
	STORA_CREDENTIAL_ID,
	STORA_CREDENTIAL_NAME,
} = require('./lib/stack');
const { sleep, waitFor } = require('./lib/wait');
const { withNodeParameters } = require('./lib/workflows');
const { parse: parseFlatted } = require('flatted');

const EX12_ID = 'storaPaidCode012';
const PAID_ID = 'storaPaidCode10s';
const CREATED_ID = 'storaPollCreated';
const TRIGGER_NODE = 'Booking paid in Stora';
const POLLING_TYPE = 'n8n-nodes-stora.storaPollingTrigger';
const OPERATOR = 'ops@example.com';
/**
 * Six Poll Times, one per ten seconds of the minute: n8n 2.41 refuses a custom cron whose seconds field is not
 * one number ("The polling interval is too short"), older n8n refuses a `*` there.
 */
const EVERY_10_SECONDS = {
	item: [0, 10, 20, 30, 40, 50].map((second) => ({
		mode: 'custom',
		cronExpression: `${second} * * * * *`,
	})),
};

/** Order Created → an email to the operator naming the order. */
function orderCreatedWorkflow() {
	return {
		id: CREATED_ID,
		name: 'e2e: Stora Polling Trigger, order created',
		nodes: [
			{
				id: `${CREATED_ID}-trigger`,
				name: 'New order in Stora',
				type: POLLING_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: EVERY_10_SECONDS,
					event: 'orderCreated',
					filters: {},
					options: {},
				},
				credentials: { storaApi: { id: STORA_CREDENTIAL_ID, name: STORA_CREDENTIAL_NAME } },
			},
			{
				id: `${CREATED_ID}-email`,
				name: 'Email the operator',
				type: 'n8n-nodes-base.emailSend',
				typeVersion: 2.1,
				position: [220, 0],
				parameters: {
					fromEmail: 'n8n@example.com',
					toEmail: OPERATOR,
					subject: '=Order created: {{ $json.id }} ({{ $json.status }})',
					emailFormat: 'text',
					text: '=Order {{ $json.id }} was created at {{ $json.created_at }}.',
					options: { appendAttribution: false },
				},
				credentials: { smtp: { id: 'e2eLocalSmtpSink', name: 'Local SMTP sink' } },
				webhookId: `${CREATED_ID}-email`,
			},
		],
		connections: {
			'New order in Stora': { main: [[{ node: 'Email the operator', type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

describe(
	'the Stora Polling Trigger in a real n8n (example 12 and Order Created, polling every 10 s)',
	{ timeout: 300_000 },
	() => {
		/** @type {Awaited<ReturnType<typeof startStack>>} */
		let stack;
		let sandbox;
		let smtp;
		let n8n;
		let SEED;

		before(
			async () => {
				const ex12 = loadExamples().find((e) => e.workflow.id === EX12_ID).workflow;
				stack = await startStack({
					name: 'polling',
					extraWorkflows: [
						withNodeParameters(ex12, {
							id: PAID_ID,
							name: 'e2e: example 12, polling every 10 s',
							node: TRIGGER_NODE,
							parameters: { pollTimes: EVERY_10_SECONDS },
						}),
						orderCreatedWorkflow(),
					],
				});
				({ sandbox, smtp, n8n, SEED } = stack);
			},
			{ timeout: 180_000 },
		);

		after(async () => {
			await stopStack(stack);
		});

		/** The list requests of one trigger's polls (example 12's ask for status=completed) that arrived after `since`. */
		const pollRequests = (workflowId, since = 0) =>
			sandbox.requests.filter(
				(r) =>
					r.method === 'GET' &&
					r.path === '/2025-09/orders' &&
					r.receivedAt > since &&
					// (`status=completed`, or `status[]=completed` parsed as an array)
					([].concat(r.query.status ?? []).join(',') === 'completed') === (workflowId === PAID_ID),
			);
		/** Resolves once both triggers have polled after `since` and what they emitted has had time to start. */
		const bothPolledAfter = async (since) => {
			for (const id of [PAID_ID, CREATED_ID])
				await waitFor(() => pollRequests(id, since).length > 0, `a poll of ${id}`, 25_000);
			await sleep(2_000);
		};

		const executions = async (workflowId) => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			return (await n8n.rest('GET', `/executions?filter=${filter}&limit=100`)).results;
		};
		/** The failed polls each workflow has had so far (n8n records each as a failed execution). */
		const failedPolls = { [PAID_ID]: 0, [CREATED_ID]: 0 };
		/**
		 * Waits until the workflow has `count` successful executions and none unfinished, then checks there are
		 * exactly `count`, and as many failed ones as it had failed polls.
		 */
		const expectExecutions = async (workflowId, count) => {
			let list;
			const succeeded = () => list.filter((e) => e.status === 'success');
			await waitFor(async () => {
				list = await executions(workflowId);
				return (
					succeeded().length >= count &&
					list.every((e) => !['new', 'running', 'waiting'].includes(e.status))
				);
			}, `${count} successful executions of ${workflowId}`);
			const summary = JSON.stringify(list.map((e) => [e.id, e.status, e.mode]));
			assert.equal(succeeded().length, count, `${workflowId}: ${summary}`);
			assert.equal(
				list.length - count,
				failedPolls[workflowId],
				`${workflowId}'s failed executions: ${summary}`,
			);
			for (const e of list) {
				assert.ok(
					['success', 'error'].includes(e.status),
					`${workflowId} execution ${e.id}: ${e.status}`,
				);
				assert.equal(e.mode, 'trigger');
			}
			return list;
		};
		const expectCounts = async (paid, created) => {
			await expectExecutions(PAID_ID, paid);
			await expectExecutions(CREATED_ID, created);
		};

		/** An order as a storefront books it: finalized, awaiting payment, created now. */
		const book = async (
			externalId,
			contact,
			site = SEED.sites.camden,
			unitType = SEED.unitTypes.camdenSmall,
		) => {
			const res = await fetch(`${sandbox.url}/__sandbox/orders`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					status: 'finalized',
					contact: { id: contact },
					site: { id: site },
					line_items: [{ type: 'unit_type', item: { id: unitType }, quantity: 1 }],
					starts_at: '2030-03-01T00:00:00Z',
					metadata: { source: 'website', external_id: externalId },
				}),
			});
			assert.equal(res.status, 201);
			return res.json();
		};
		/** What paying at Stora's checkout does: the order becomes completed (Stora sends no event for it). */
		const pay = async (orderId) => {
			const res = await fetch(`${sandbox.url}/__sandbox/orders/${orderId}/complete`, {
				method: 'POST',
			});
			assert.equal(res.status, 200, await res.clone().text());
			assert.equal((await res.json()).status, 'completed');
		};

		/** The order with its contact, site and unit type, read from the sandbox (as example 12 reads it). */
		const booking = async (orderId) => {
			const res = await fetch(
				`${sandbox.url}/2025-09/orders/${orderId}?expand=contact,site,line_items.item`,
				{
					headers: { authorization: `Bearer ${sandbox.token}` },
				},
			);
			return (await res.json()).order;
		};
		const ACCESS_CODES = () => ({ [SEED.sites.camden]: '2580#', [SEED.sites.leeds]: '1397#' });
		/** Example 12's email for a paid order: exactly one, to its contact, with its unit, site and access code. */
		const assertAccessCodeEmail = async (orderId) => {
			const order = await booking(orderId);
			const about = (m) => m.subject.includes(`(${orderId})`);
			const [mail] = await smtp.waitFor(about);
			assert.equal(
				smtp.messages.filter(about).length,
				1,
				JSON.stringify(smtp.messages.map((m) => [m.envelopeTo, m.subject])),
			);
			assert.deepEqual(mail.envelopeTo, [order.contact.email]);
			assert.equal(
				mail.subject,
				`Your storage at ${order.site.name} is ready: your access code (${orderId})`,
			);
			const unit = order.line_items.find((l) => l.type === 'unit_type').item.name;
			for (const line of [
				`Hello ${order.contact.full_name},`,
				`Order: ${orderId}`,
				`Unit: ${unit}`,
				`Site: ${order.site.name}, ${order.site.address.line_1}, ${order.site.address.city}, ${order.site.address.postal_code}`,
				`Move-in: ${order.starts_at.slice(0, 10)}`,
				`Access code: ${ACCESS_CODES()[order.site.id]}`,
			]) {
				assert.ok(mail.text.includes(line), `the email says "${line}":\n${mail.text}`);
			}
		};
		const createdEmails = () => smtp.to(OPERATOR).map((m) => m.subject);

		let activatedAt;
		let newOrder;
		let laterOrder;
		let failOrder;

		it('activating runs a first poll that emits nothing, although Stora holds completed and recent orders', async () => {
			assert.ok(
				sandbox.listOrders().some((o) => o.status === 'completed'),
				'the seed has a completed order',
			);
			sandbox.clearRequests();
			activatedAt = Date.now();
			for (const id of [PAID_ID, CREATED_ID]) {
				assert.equal((await n8n.activate(id)).active, true);
				// n8n 2.41 publishes after the REST call returns (its first poll with it)
				await n8n.publicationSettled(id);
			}
			// the first poll ran at activation: Stora was asked, through the credential
			for (const id of [PAID_ID, CREATED_ID])
				assert.ok(pollRequests(id, activatedAt).length > 0, `${id} polled at activation`);
			assert.ok(
				sandbox.requests.every((r) => r.status === 200),
				JSON.stringify(sandbox.requests.map((r) => [r.path, r.status])),
			);
			assert.ok(
				sandbox.requests.every((r) => r.headers.authorization === `Bearer ${sandbox.token}`),
			);
			const [paidPoll] = pollRequests(PAID_ID, activatedAt);
			const windowStart = Date.parse(paidPoll.query.created_after);
			assert.ok(
				Math.abs(windowStart - (activatedAt - 60 * 86_400_000)) < 120_000,
				`the 60-day look-back: created_after ${paidPoll.query.created_after}`,
			);

			// and the polls every 10 seconds after it start nothing either
			await bothPolledAfter(Date.now());
			await expectCounts(0, 0);
			assert.deepEqual(smtp.messages, []);
		});

		it('a new order runs Order Created once; paying an order created before activation runs example 12 once and emails the customer the access code', async () => {
			newOrder = await book('web_12001', SEED.contacts.priya);
			await pay(SEED.orders.finalized);

			await expectCounts(1, 1);
			assert.deepEqual(createdEmails(), [`Order created: ${newOrder.id} (finalized)`]);
			await assertAccessCodeEmail(SEED.orders.finalized);
		});

		it('paying that new order and booking another between polls: one more run of each, nothing twice', async () => {
			laterOrder = await book(
				'web_12002',
				SEED.contacts.john,
				SEED.sites.leeds,
				SEED.unitTypes.leedsSmall,
			);
			await pay(newOrder.id);

			await expectCounts(2, 2);
			assert.deepEqual(
				createdEmails().sort(),
				[
					`Order created: ${newOrder.id} (finalized)`,
					`Order created: ${laterOrder.id} (finalized)`,
				].sort(),
			);
			await assertAccessCodeEmail(newOrder.id);

			// the next polls find nothing new
			await bothPolledAfter(Date.now());
			await expectCounts(2, 2);
			assert.equal(smtp.messages.length, 4, JSON.stringify(smtp.messages.map((m) => m.subject)));
		});

		it('a failed poll (Stora answers 401) starts nothing and n8n records it as a failed execution; the next poll catches up', async (t) => {
			// the next list request of each trigger fails; the booking's Get is another path
			sandbox.faults.add({
				method: 'GET',
				path: '/2025-09/orders',
				type: 'status',
				status: 401,
				times: 2,
			});
			failedPolls[PAID_ID] = 1;
			failedPolls[CREATED_ID] = 1;
			// booked and paid at once, before either trigger reads Stora again
			failOrder = await book('web_12004', SEED.contacts.sam);
			await pay(failOrder.id);
			await waitFor(() => sandbox.faults.pending().length === 0, 'the two failed polls', 25_000);

			await expectCounts(3, 3);
			for (const id of [PAID_ID, CREATED_ID]) {
				const [failed] = (await executions(id)).filter((e) => e.status === 'error');
				// (n8n serves an execution's data as `flatted` text)
				const { error, lastNodeExecuted } = parseFlatted(
					(await n8n.rest('GET', `/executions/${failed.id}`)).data,
				).resultData;
				t.diagnostic(
					`${id}'s failed poll, as n8n recorded it: ${lastNodeExecuted}: ${error.message} | ${error.description}`,
				);
				assert.equal(lastNodeExecuted, id === PAID_ID ? TRIGGER_NODE : 'New order in Stora');
				// the transport's error, with Stora's own message
				assert.match(error.message, /^Stora rejected the access token/);
				assert.match(error.description, /The access token is invalid\./);
			}
			await assertAccessCodeEmail(failOrder.id);
			assert.ok(
				createdEmails().includes(`Order created: ${failOrder.id} (completed)`),
				createdEmails().join('\n'),
			);
			assert.equal(smtp.messages.length, 6, JSON.stringify(smtp.messages.map((m) => m.subject)));
		});

		it('an n8n restart: what changed while n8n was down runs once after it (the state is in n8n’s database), nothing runs twice, polling goes on', async () => {
			await n8n.stop({ keepUserFolder: true });
			// while n8n is down, a booking is paid and another made: a state lost with the process would take
			// them as history at the next start and never emit them
			await pay(laterOrder.id);
			const downOrder = await book('web_12003', SEED.contacts.jane);
			const restartedAt = Date.now();
			await n8n.start();
			await n8n.login();
			for (const id of [PAID_ID, CREATED_ID]) {
				await waitFor(
					async () => (await n8n.rest('GET', `/workflows/${id}`)).active === true,
					`${id} active after the restart`,
				);
			}
			await expectCounts(4, 4);
			await assertAccessCodeEmail(laterOrder.id);
			assert.ok(
				createdEmails().includes(`Order created: ${downOrder.id} (finalized)`),
				createdEmails().join('\n'),
			);
			// the polls after it start nothing: what was emitted before and at the restart is not emitted again
			await bothPolledAfter(restartedAt);
			await bothPolledAfter(Date.now());
			await expectCounts(4, 4);
			assert.equal(smtp.messages.length, 8, JSON.stringify(smtp.messages.map((m) => m.subject)));

			await pay(downOrder.id);
			await expectCounts(5, 4);
			await assertAccessCodeEmail(downOrder.id);
			assert.equal(smtp.messages.length, 9, JSON.stringify(smtp.messages.map((m) => m.subject)));
		});

		it('every poll was a plain GET of orders (no webhook registered), and n8n logged no error or warning about the package', () => {
			assert.deepEqual(sandbox.webhooks.endpoints(), [], 'nothing registered at Stora');
			const other = sandbox.requests.filter(
				(r) => !(r.method === 'GET' && r.path.startsWith('/2025-09/orders')),
			);
			assert.deepEqual(
				other.map((r) => `${r.method} ${r.path}`),
				[],
			);
			// but the two failed polls
			const refused = sandbox.requests
				.filter((r) => r.status !== 200)
				.map((r) => `${r.method} ${r.path} ${r.status}`);
			assert.deepEqual(refused, ['GET /2025-09/orders 401', 'GET /2025-09/orders 401']);
			const HOST_NOTICE =
				/^\s*There (is a|are) deprecations? related to|^\s*Failed to start Python task runner/;
			const problems = n8n
				.logEntries(['warn', 'error'])
				.filter(
					(e) => /stora/i.test(e.message) || (e.level === 'error' && !HOST_NOTICE.test(e.message)),
				);
			assert.deepEqual(
				problems.map((e) => `${e.level}: ${e.message}`),
				[],
			);
		});
	},
);
