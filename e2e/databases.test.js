'use strict';
/**
 * One exported workflow in two n8n databases: the same workflow (same workflow id, same node ids),
 * imported into two fresh n8n user folders (two sqlite databases, e.g. a test n8n and a production
 * n8n) and run once in each for a different customer, creates two orders in Stora, and each customer
 * gets their own order and payment_url. Both runs are execution 1 of their database, so a default
 * Idempotency-Key built from the execution id and node id alone would be the same in both, and Stora
 * would answer the second customer with the first customer's order.
 *
 * The workflow is example 1 cut down to its trigger, "Booking details" and "Create order" (with
 * "Finalize Immediately", so the answer carries the payment_url, and the contact expanded); the two
 * imports differ only in the booking fields.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { N8n, nodeOutput } = require('./lib/n8n');
const { loadExamples, loadSandboxModule, storaCredential } = require('./lib/stack');
const { withBookingDetails } = require('./lib/workflows');

const EX1_ID = 'storaBookAndPay1';
const WF_ID = 'storaTwoDbsBook1';
const TRIGGER = 'When clicking ‘Execute workflow’';

/** The two databases and the booking each one runs. */
const DATABASES = [
	{
		name: 'db-test',
		booking: { full_name: 'Alex Morgan', email: 'alex.morgan@example.com', phone_number: '+447700900789', external_id: 'web_3001' },
	},
	{
		name: 'db-production',
		booking: { full_name: 'Jordan Blake', email: 'jordan.blake@example.com', phone_number: '+447700900456', external_id: 'web_3002' },
	},
];

/** Example 1 with `booking`, cut down to trigger → Booking details → Create order (create and finalize). */
function bookAndFinalize(ex1, booking) {
	const wf = withBookingDetails(ex1, { id: WF_ID, name: 'e2e: book and finalize (one workflow, two databases)', fields: booking });
	wf.nodes = wf.nodes.filter((n) => [TRIGGER, 'Booking details', 'Create order'].includes(n.name));
	wf.connections = { [TRIGGER]: ex1.connections[TRIGGER], 'Booking details': ex1.connections['Booking details'] };
	// the run's execution id, readable in the output (the CLI's raw output does not carry it)
	wf.nodes
		.find((n) => n.name === 'Booking details')
		.parameters.assignments.assignments.push({
			id: 'e2e-execution-id',
			name: 'n8n_execution_id',
			value: '={{ $execution.id }}',
			type: 'string',
		});
	const create = wf.nodes.find((n) => n.name === 'Create order');
	create.parameters.finalizeImmediately = true;
	create.parameters.cancelRedirectUrl = 'https://example.com/booking/cancelled';
	create.parameters.options = { expand: ['contact'] };
	return wf;
}

describe('one workflow imported into two n8n databases, one customer each', { timeout: 300_000 }, () => {
	let sandbox;
	/** @type {{ name: string, booking: Record<string, string>, workflow: object, n8n: N8n }[]} */
	let dbs = [];
	let seededOrderIds;

	before(async () => {
		sandbox = await loadSandboxModule().startSandbox({ port: 0 });
		seededOrderIds = new Set(sandbox.listOrders().map((o) => o.id));
		const ex1 = loadExamples().find((e) => e.workflow.id === EX1_ID).workflow;
		dbs = DATABASES.map((db) => ({ ...db, workflow: bookAndFinalize(ex1, db.booking), n8n: new N8n({ name: db.name }) }));
		// the two user folders are independent: migrate and import both at once
		await Promise.all(
			dbs.map(async ({ n8n, workflow }) => {
				await n8n.importCredentials([storaCredential(sandbox)]);
				await n8n.importWorkflows([workflow]);
			}),
		);
	}, { timeout: 180_000 });

	after(async () => {
		await Promise.allSettled([...dbs.map((db) => db.n8n.stop()), sandbox?.close()]);
	});

	it('creates two orders, each customer getting their own order and payment_url', async () => {
		// what makes this the same workflow: one workflow id and the same node ids in both imports
		const nodeIds = (wf) => wf.nodes.map((n) => `${n.name}=${n.id}`);
		assert.equal(dbs[0].workflow.id, dbs[1].workflow.id);
		assert.deepEqual(nodeIds(dbs[0].workflow), nodeIds(dbs[1].workflow));

		sandbox.clearRequests();
		// one after the other, as a test n8n and later a production n8n would run it
		for (const db of dbs) {
			const { run, stderr } = await db.n8n.execute(WF_ID);
			assert.equal(run.status, 'success', `${db.name}: execution failed: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`);
			db.executionId = nodeOutput(run, 'Booking details')[0].n8n_execution_id;
			db.order = nodeOutput(run, 'Create order')[0];
		}
		const [a, b] = dbs;
		assert.ok(a.executionId, 'the execution id is known');
		assert.equal(a.executionId, b.executionId, 'both runs have the same execution id (each database counts from 1)');

		// Stora got two creates and processed both: the second was not answered from the first one's key
		const posts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/2025-09/orders');
		assert.equal(posts.length, 2, JSON.stringify(sandbox.requests.map((r) => `${r.method} ${r.path}`)));
		const keys = posts.map((r) => r.headers['idempotency-key']);
		assert.deepEqual(
			dbs.map((db, i) => ({ database: db.name, orderFor: db.order.contact.email, replayed: posts[i].replayed })),
			dbs.map((db) => ({ database: db.name, orderFor: db.booking.email, replayed: false })),
		);
		assert.ok(keys.every(Boolean), 'each create has an Idempotency-Key');
		assert.notEqual(keys[0], keys[1], 'the two databases send different Idempotency-Keys');
		assert.deepEqual(posts.map((r) => r.status), [201, 201]);
		assert.deepEqual(
			posts.map((r) => r.body.contact.email),
			dbs.map((db) => db.booking.email),
		);

		// two new orders in Stora, one per customer
		const created = sandbox.listOrders().filter((o) => !seededOrderIds.has(o.id));
		assert.equal(created.length, 2, `orders created: ${JSON.stringify(created.map((o) => o.id))}`);
		assert.notEqual(a.order.id, b.order.id, 'the second database got an order of its own');

		// each run's output is its own customer's finalized order, with its own payment_url
		for (const db of dbs) {
			assert.equal(db.order.contact.email, db.booking.email, `${db.name}: the order is for ${db.booking.email}`);
			assert.equal(db.order.contact.full_name, db.booking.full_name);
			assert.deepEqual(db.order.metadata, { source: 'website', external_id: db.booking.external_id });
			const stored = created.find((o) => o.id === db.order.id);
			assert.ok(stored, `${db.name}: order ${db.order.id} is stored`);
			assert.equal(stored.status, 'finalized');
			assert.equal(sandbox.store.find('contacts', stored.contact.id).email, db.booking.email);
			assert.match(db.order.payment_url, /^http:\/\/127\.0\.0\.1:\d+\/checkout\/order_/);
			assert.equal(db.order.payment_url, stored.payment_url);
		}
		assert.notEqual(a.order.payment_url, b.order.payment_url);
	});
});
