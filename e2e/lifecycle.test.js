'use strict';
/**
 * Examples 4 and 5 (Stora node version 2) in a real n8n 2.8.4 against the Stora sandbox and a local
 * SMTP sink, through `n8n execute` (the server runs only to serve the node's description): a draft fixed with Line Item → Create and Order → Update before it
 * is finalized, and a booking for a contact found by email or created first. Each run checks the
 * exact requests Stora received, the bodies that matter, the finalized order and the customer's email.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startStack, stopStack, loadExamples, loadSandboxModule } = require('./lib/stack');
const { nodeOutput } = require('./lib/n8n');
const { withBookingDetails, withNodeParameters, checkNodeParameters } = require('./lib/workflows');

const EX4_ID = 'storaFixDraft004';
const EX4_COMPLETE_ID = 'storaFixDraftOk4';
const EX4_NO_EMAIL_ID = 'storaFixDraftNo4';
const EX5_ID = 'storaFindOrBook5';
const EX5_EXISTING_ID = 'storaFindOrBkEx5';
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('examples 4 and 5 (version 2): a booking’s life in a real n8n', { timeout: 600_000 }, () => {
	/** @type {Awaited<ReturnType<typeof startStack>>} */
	let stack;
	let sandbox;
	let smtp;
	let n8n;
	let SEED;

	before(async () => {
		const examples = loadExamples();
		const ex4 = examples.find((e) => e.workflow.id === EX4_ID).workflow;
		const ex5 = examples.find((e) => e.workflow.id === EX5_ID).workflow;
		const seed = loadSandboxModule().SEED;
		stack = await startStack({
			name: 'lifecycle',
			extraWorkflows: [
				// example 4 when the draft is already complete: Create sends the date and the unit itself
				withBookingDetails(
					withNodeParameters(ex4, {
						id: EX4_COMPLETE_ID,
						name: 'e2e: example 4 with a complete draft',
						node: 'Create draft order',
						parameters: {
							startsAt: '={{ $json.move_in_date }}',
							lineItems: { lineItem: [{ type: 'unit_type', unitTypeId: seed.unitTypes.camdenMedium, quantity: 1 }] },
						},
					}),
					{
						id: EX4_COMPLETE_ID,
						name: 'e2e: example 4 with a complete draft',
						fields: { full_name: 'Dana Complete', email: 'dana.complete@example.com', move_in_date: '2031-02-03', external_id: 'web_1051' },
					},
				),
				// example 4 for a booking without an email: the fix is not enough
				withBookingDetails(ex4, {
					id: EX4_NO_EMAIL_ID,
					name: 'e2e: example 4 without an email',
					fields: { full_name: 'Noel Noemail', email: '', external_id: 'web_1052' },
				}),
				// example 5 for a customer Stora already has (seeded Jane Smith)
				withBookingDetails(ex5, {
					id: EX5_EXISTING_ID,
					name: 'e2e: example 5 for an existing contact',
					fields: { full_name: 'Jane Smith', email: 'jane.smith@example.com', phone_number: '+447700900999', external_id: 'web_1061' },
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
	const execute = async (id) => {
		sandbox.clearRequests();
		smtp.reset();
		const { run, stderr } = await n8n.execute(id);
		assert.equal(run.status, 'success', `execution failed: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`);
		const reqs = apiRequests();
		assert.ok(reqs.every((r) => r.headers.authorization === `Bearer ${sandbox.token}`));
		return { run, reqs };
	};
	const storedOrder = (id) => sandbox.listOrders().find((o) => o.id === id);
	/** The one email the sink got: to `to`, about `order`, with its payment_url. */
	const assertPaymentEmail = (order, to, greeting) => {
		assert.equal(smtp.messages.length, 1, JSON.stringify(smtp.messages.map((m) => m.envelopeTo)));
		const [mail] = smtp.messages;
		assert.deepEqual(mail.envelopeTo, [to]);
		assert.ok(mail.subject.includes(order.id), mail.subject);
		assert.ok(mail.text.includes(order.payment_url), mail.text);
		assert.ok(mail.text.includes(`Hello ${greeting},`), mail.text);
		assert.ok(mail.text.includes(`Move-in: ${order.starts_at}`), mail.text);
		return mail;
	};

	it('examples 4 and 5 are saved with Stora node version 2 and use only its parameters', async () => {
		const res = await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie } });
		const node = (await res.json()).find((n) => n.name === 'n8n-nodes-stora.stora');
		const problems = [];
		const seen = [];
		for (const { file, workflow } of loadExamples().filter((e) => [EX4_ID, EX5_ID].includes(e.workflow.id))) {
			for (const n of workflow.nodes.filter((x) => x.type === 'n8n-nodes-stora.stora')) {
				seen.push(`${file.slice(0, 1)}:${n.parameters.resource}.${n.parameters.operation}`);
				assert.equal(n.typeVersion, 2, `${file} / ${n.name}`);
				assert.deepEqual(n.credentials, { storaApi: { id: 'storaSandboxCred', name: 'Stora sandbox' } });
				problems.push(...checkNodeParameters(node.properties, n.parameters, `${file} / ${n.name}: `, 2));
			}
		}
		assert.deepEqual(problems, []);
		assert.deepEqual(seen, [
			'4:order.create',
			'4:order.validate',
			'4:lineItem.create',
			'4:order.update',
			'4:order.validate',
			'4:order.finalize',
			'5:contact.getAll',
			'5:contact.create',
			'5:order.create',
		]);
		const find = loadExamples().find((e) => e.workflow.id === EX5_ID).workflow.nodes.find((n) => n.name === 'Find the contact');
		assert.equal(find.alwaysOutputData, true, 'an empty Get Many still continues');
	});

	describe('4. Fix a draft', () => {
		it('adds the missing unit type and move-in date to the draft Validate refused, validates again, finalizes and emails the payment_url', async () => {
			const { run, reqs } = await execute(EX4_ID);
			const created = nodeOutput(run, 'Create draft order')[0];
			assert.match(created.id, /^order_[0-9a-z]{16}$/);
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

			// the draft: an inline contact, no move-in date, no line items (simplified output: id, status, contact_id…)
			const body = reqs[0].body;
			assert.deepEqual(body.site, { id: SEED.sites.camden }, 'the Site picker’s value');
			assert.equal(body.starts_at, undefined);
			assert.equal(body.line_items, undefined);
			assert.deepEqual(body.contact, { full_name: 'Morgan Lee', email: 'morgan.lee@example.com', phone_number: '+447700900654', type: 'domestic', source: 'booking' });
			assert.deepEqual(body.metadata, { source: 'website', external_id: 'web_1050' });
			assert.equal(created.status, 'draft');
			assert.equal(created.starts_at, null);
			assert.equal(created.payment_url, null);
			assert.match(created.contact_id, /^con_/);
			assert.equal(created.total, 0);

			// Validate: not ready, with both problems, so the IF took the false branch
			const validated = nodeOutput(run, 'Validate order')[0];
			assert.equal(validated.valid, false);
			assert.equal(validated.order_id, created.id);
			assert.deepEqual(validated.problems.map((p) => p.pointer), ['/starts_at', '/line_items']);
			assert.deepEqual(nodeOutput(run, 'Ready to finalize?', 0), []);
			assert.equal(nodeOutput(run, 'Ready to finalize?', 1).length, 1);

			// the fix: one unit type line item (idempotent POST), then Starts At from the booking details
			assert.deepEqual(reqs[2].body, { type: 'unit_type', quantity: 1, item: { id: SEED.unitTypes.camdenSmall } });
			assert.match(reqs[2].headers['idempotency-key'], /\S/);
			const lineItem = nodeOutput(run, 'Add the unit')[0];
			assert.match(lineItem.id, /^olitm_/);
			assert.equal(lineItem.price.formatted, '£69.99');
			const moveIn = nodeOutput(run, 'Booking details')[0].move_in_date;
			assert.match(moveIn, /^\d{4}-\d{2}-\d{2}$/);
			assert.deepEqual(reqs[3].body, { starts_at: `${moveIn}T00:00:00Z` }, 'Update sends only Starts At');
			const updated = nodeOutput(run, 'Set the move-in date')[0];
			assert.equal(updated.starts_at, `${moveIn}T00:00:00Z`);
			assert.equal(updated.total_formatted, '£69.99', 'the new line item is in the total');
			assert.equal(nodeOutput(run, 'Validate again')[0].valid, true);

			// finalized, with the cancel URL; the email has its payment_url
			assert.deepEqual(reqs[5].body, { finalize: { cancel_redirect_url: 'https://example.com/booking/cancelled' } });
			assert.notEqual(reqs[5].headers['idempotency-key'], reqs[0].headers['idempotency-key']);
			const finalized = nodeOutput(run, 'Finalize order')[0];
			const stored = storedOrder(created.id);
			assert.equal(stored.status, 'finalized');
			assert.equal(stored.starts_at, `${moveIn}T00:00:00Z`);
			assert.deepEqual(stored.line_items.map((l) => l.id), [lineItem.id]);
			assert.match(stored.payment_url, /^http:\/\/127\.0\.0\.1:\d+\/checkout\/order_/);
			assert.deepEqual(
				{ id: finalized.id, status: finalized.status, payment_url: finalized.payment_url, total_formatted: finalized.total_formatted },
				{ id: created.id, status: 'finalized', payment_url: stored.payment_url, total_formatted: '£69.99' },
			);
			const mail = assertPaymentEmail(finalized, 'morgan.lee@example.com', 'Morgan Lee');
			assert.ok(mail.text.includes('First payment: £69.99'), mail.text);
		});

		it('finalizes a draft that is already complete straight away (true branch): no line item, no update', async () => {
			const { run, reqs } = await execute(EX4_COMPLETE_ID);
			const created = nodeOutput(run, 'Create draft order')[0];
			const orderPath = `/2025-09/orders/${created.id}`;
			assert.deepEqual(summary(reqs), ['POST /2025-09/orders', `GET ${orderPath}/validate`, `POST ${orderPath}/finalize`]);
			assert.equal(reqs[0].body.starts_at, '2031-02-03T00:00:00Z');
			assert.deepEqual(reqs[0].body.line_items, [{ type: 'unit_type', quantity: 1, item: { id: SEED.unitTypes.camdenMedium } }]);
			assert.equal(nodeOutput(run, 'Validate order')[0].valid, true);
			for (const node of ['Add the unit', 'Set the move-in date', 'Validate again']) {
				assert.equal(nodeOutput(run, node), undefined, `${node} did not run`);
			}
			const finalized = nodeOutput(run, 'Finalize order')[0];
			assert.equal(finalized.id, created.id, 'Finalize found the draft through $(…).item on this branch too');
			assert.equal(storedOrder(created.id).status, 'finalized');
			assert.equal(finalized.payment_url, storedOrder(created.id).payment_url);
			assertPaymentEmail(finalized, 'dana.complete@example.com', 'Dana Complete');
		});
		it('stops at Finalize with Stora’s problem when the fix is not enough (a booking without an email), and emails nobody', async () => {
			sandbox.clearRequests();
			smtp.reset();
			const { run } = await n8n.execute(EX4_NO_EMAIL_ID);
			assert.equal(run.status, 'error');
			const error = run.data.resultData.error;
			assert.equal(error.node.name, 'Finalize order');
			assert.match(error.description, /\/contact\/email: The contact has no email address\./);
			const created = nodeOutput(run, 'Create draft order')[0];
			const orderPath = `/2025-09/orders/${created.id}`;
			assert.deepEqual(summary(apiRequests()), [
				'POST /2025-09/orders',
				`GET ${orderPath}/validate`,
				`POST ${orderPath}/line_items`,
				`PATCH ${orderPath}`,
				`GET ${orderPath}/validate`,
				`POST ${orderPath}/finalize`,
			]);
			assert.deepEqual(nodeOutput(run, 'Validate again')[0].problems, [{ message: 'The contact has no email address.', pointer: '/contact/email' }]);
			assert.equal(storedOrder(created.id).status, 'draft', 'the draft stays a draft');
			assert.equal(smtp.messages.length, 0);
		});
	});

	describe('5. Find or create the contact, then book', () => {
		it('a new customer: Get Many finds nobody, Contact Create makes them, the order is booked for that contact and finalized', async () => {
			const contactsBefore = sandbox.store.contacts.length;
			const { run, reqs } = await execute(EX5_ID);
			assert.deepEqual(summary(reqs), ['GET /2025-09/contacts', 'POST /2025-09/contacts', 'POST /2025-09/orders']);
			assert.deepEqual(reqs.map((r) => r.status), [200, 201, 201]);

			// the lookup: that email, one contact at most
			assert.equal(reqs[0].query.email, 'chris.taylor@example.com');
			assert.equal(reqs[0].query.limit, '1');
			assert.deepEqual(nodeOutput(run, 'Find the contact'), [{}], '"Always Output Data" passed on an empty item');
			assert.deepEqual(nodeOutput(run, 'Contact found?', 0), []);

			// the new contact, then the order for it
			assert.deepEqual(reqs[1].body, { full_name: 'Chris Taylor', email: 'chris.taylor@example.com', phone_number: '+447700900321', type: 'domestic', source: 'booking' });
			assert.match(reqs[1].headers['idempotency-key'], /\S/);
			const contact = nodeOutput(run, 'Create the contact')[0];
			assert.match(contact.id, /^con_[0-9a-z]{16}$/);
			assert.equal(sandbox.store.contacts.length, contactsBefore + 1);
			assert.deepEqual(nodeOutput(run, 'The contact'), [contact]);

			const body = reqs[2].body;
			assert.deepEqual(body.contact, { id: contact.id }, 'Contact: Existing Contact, by ID');
			assert.deepEqual(body.site, { id: SEED.sites.camden });
			assert.match(body.starts_at, ISO_SECONDS);
			assert.deepEqual(body.line_items.map((l) => [l.type, l.item.id]), [
				['unit_type', SEED.unitTypes.camdenSmall],
				['security_deposit', SEED.unitTypes.camdenSmall],
			]);
			assert.deepEqual(body.finalize, { cancel_redirect_url: 'https://example.com/booking/cancelled' });
			assert.deepEqual(body.metadata, { source: 'website', external_id: 'web_1060' });

			const order = nodeOutput(run, 'Create and finalize order')[0];
			const stored = storedOrder(order.id);
			assert.equal(stored.status, 'finalized');
			assert.equal(stored.contact.id, contact.id);
			assert.equal(order.contact_id, contact.id);
			assert.equal(order.payment_url, stored.payment_url);
			assert.match(order.payment_url, /^http:\/\/127\.0\.0\.1:\d+\/checkout\/order_/);
			assertPaymentEmail(order, 'chris.taylor@example.com', 'Chris Taylor');
		});

		it('an existing customer: Get Many finds the seeded contact, no Contact Create, the order is that contact’s', async () => {
			const contactsBefore = sandbox.store.contacts.length;
			const { run, reqs } = await execute(EX5_EXISTING_ID);
			assert.deepEqual(summary(reqs), ['GET /2025-09/contacts', 'POST /2025-09/orders']);
			assert.equal(reqs[0].query.email, 'jane.smith@example.com');
			const found = nodeOutput(run, 'Find the contact');
			assert.equal(found.length, 1);
			assert.equal(found[0].id, SEED.contacts.jane);
			assert.equal(found[0].full_name, 'Jane Smith');
			assert.equal(nodeOutput(run, 'Create the contact'), undefined, 'Contact Create did not run');
			assert.equal(sandbox.store.contacts.length, contactsBefore, 'no contact was created');

			assert.deepEqual(reqs[1].body.contact, { id: SEED.contacts.jane });
			assert.deepEqual(reqs[1].body.metadata, { source: 'website', external_id: 'web_1061' });
			const order = nodeOutput(run, 'Create and finalize order')[0];
			const stored = storedOrder(order.id);
			assert.equal(stored.status, 'finalized');
			assert.equal(stored.contact.id, SEED.contacts.jane);
			assert.equal(order.payment_url, stored.payment_url);
			assertPaymentEmail(order, 'jane.smith@example.com', 'Jane Smith');
		});
	});
});
