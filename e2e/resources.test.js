'use strict';
/**
 * Examples 7, 8 and 9 (issue 19: units and access, billing documents, the catalogue) in a real n8n (2.8.4, or the
 * version compat/run.js points the e2e layer at), against the Stora sandbox and the SMTP sink:
 *   7. Invoice paid → lift the overlock: active; a signed `invoice.paid` delivery runs it once, it asks Stora to
 *      remove the overlock of the invoice's contact and emails the site team the units Stora changed;
 *   8. Email new invoices as PDF: `n8n execute`; each open or paid invoice finalized in the last 30 days is
 *      emailed to accounting with Stora's PDF attached (the bytes Stora sent), once across runs;
 *   9. Quote and book from a chat message: active; n8n's Chat Trigger (hosted chat) answers a message with the
 *      site's unit types that have a free unit, their monthly price and how many are free, and books one.
 * What Stora should hold is read from the sandbox's own API (GET with the token), not from its seed names.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startStack, stopStack, loadExamples } = require('./lib/stack');
const { nodeOutput } = require('./lib/n8n');
const { sleep, waitFor } = require('./lib/wait');
const { storaClient, VERSION: V } = require('./lib/stora-client');

const EX7_ID = 'storaLiftOverlk7';
const EX8_ID = 'storaInvoicePdf8';
const EX9_ID = 'storaChatQuote09';
const SITE_TEAM = 'site-team@example.com';
const ACCOUNTS = 'accounts@example.com';
const DAY = 86_400_000;

describe(
	'examples 7–9: units, invoices as PDF, a quote in a chat, in a real n8n',
	{ timeout: 900_000 },
	() => {
		/** @type {Awaited<ReturnType<typeof startStack>>} */
		let stack;
		let sandbox;
		let smtp;
		let n8n;
		let SEED;
		let api;
		let all;
		let tenantWithOccupiedUnit;
		const example = (id) => loadExamples().find((e) => e.workflow.id === id).workflow;

		before(
			async () => {
				stack = await startStack({ name: 'resources', sandbox: { webhookRetryScale: 0.001 } });
				({ sandbox, smtp, n8n, SEED } = stack);
				({ api, all, tenantWithOccupiedUnit } = storaClient(sandbox, {
					client: 'resources.test.js',
				}));
			},
			{ timeout: 240_000 },
		);

		after(async () => {
			await stopStack(stack);
		});

		/** What the workflows sent (not this file's own look-ups). */
		const nodeRequests = () => sandbox.requests.filter((r) => !r.headers['x-e2e-client']);
		const summary = (reqs) => reqs.map((r) => `${r.method} ${r.path}`);

		/** A workflow's executions as n8n's REST API lists them (newest first). */
		const executions = async (workflowId) => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			return (await n8n.rest('GET', `/executions?filter=${filter}&limit=100`)).results;
		};
		/** Waits until the workflow has `count` finished executions, then checks there are exactly `count`, all successful. */
		const expectExecutions = async (workflowId, count) => {
			let list;
			await waitFor(async () => {
				list = await executions(workflowId);
				return (
					list.length >= count &&
					list.every((e) => !['new', 'running', 'waiting'].includes(e.status))
				);
			}, `${count} finished executions of ${workflowId}`);
			assert.equal(list.length, count, JSON.stringify(list.map((e) => [e.id, e.status, e.mode])));
			for (const e of list) assert.equal(e.status, 'success', `execution ${e.id}: ${e.status}`);
			return list;
		};

		describe('7. Invoice paid → lift the overlock', () => {
			let trigger;
			let contactId;
			let overlocked;
			let firstEvent;

			before(async () => {
				trigger = example(EX7_ID).nodes.find((n) => n.type === 'n8n-nodes-stora.storaTrigger');
				const wf = await n8n.activate(EX7_ID);
				assert.equal(wf.active, true);
			});

			it('activating registers one enabled endpoint for invoice.paid at n8n’s production URL', () => {
				const mine = sandbox.webhooks
					.endpoints()
					.filter((e) => e.metadata?.n8n_workflow_id === EX7_ID);
				assert.equal(mine.length, 1, JSON.stringify(sandbox.webhooks.endpoints()));
				assert.equal(mine[0].status, 'enabled');
				assert.deepEqual(mine[0].event_types, ['invoice.paid']);
				assert.equal(mine[0].url, `${n8n.url}/webhook/${trigger.webhookId}/webhook`);
			});

			it('a paid invoice of a tenant whose units are overlocked: Remove Overlock for that contact, the site team emailed the units', async () => {
				// a tenant with an occupied unit, overlocked (as an operator or the reverse workflow would)
				const tenant = await tenantWithOccupiedUnit();
				contactId = tenant.contactId;
				const locked = await api('POST', '/units/overlock', { body: { contact_id: contactId } });
				overlocked = locked.meta.unit_ids;
				assert.ok(overlocked.includes(tenant.unitId), JSON.stringify(locked));
				for (const id of overlocked)
					assert.match((await api('GET', `/units/${id}`)).unit.status, /^overlock/);

				sandbox.clearRequests();
				smtp.reset();
				const { event } = await sandbox.webhooks.send({ type: 'invoice.paid', contactId });
				firstEvent = event;
				assert.equal(event.data.invoice.contact.id, contactId);
				await expectExecutions(EX7_ID, 1);

				const reqs = nodeRequests().filter((r) => r.path.startsWith(`${V}/units`));
				assert.deepEqual(summary(reqs), [`POST ${V}/units/remove_overlock`]);
				assert.deepEqual(reqs[0].body, { contact_id: contactId });
				assert.equal(reqs[0].status, 200);
				assert.ok(reqs[0].headers['idempotency-key'], 'Remove Overlock carries an Idempotency-Key');
				for (const id of overlocked)
					assert.equal((await api('GET', `/units/${id}`)).unit.status, 'occupied', id);

				const [mail] = await smtp.waitFor((m) => m.envelopeTo.includes(SITE_TEAM));
				assert.equal(smtp.messages.length, 1);
				assert.equal(
					mail.subject,
					`Overlock lifted: ${overlocked.length} unit(s) of contact ${contactId}`,
				);
				for (const line of [
					...overlocked,
					`paid invoice ${event.data.invoice.id}`,
					`Stora event ${event.id} (invoice.paid)`,
				]) {
					assert.ok(mail.text.includes(line), `the email says "${line}":\n${mail.text}`);
				}
			});

			it('a paid invoice of a tenant with nothing overlocked: the same request, Stora changes no unit, nobody is emailed', async () => {
				const contact = sandbox.addContact({ full_name: 'Paid Up', email: 'paid.up@example.com' });
				sandbox.clearRequests();
				smtp.reset();
				await sandbox.webhooks.send({ type: 'invoice.paid', contactId: contact.id });
				await expectExecutions(EX7_ID, 2);
				const reqs = nodeRequests().filter((r) => r.path.startsWith(`${V}/units`));
				assert.deepEqual(summary(reqs), [`POST ${V}/units/remove_overlock`]);
				assert.deepEqual(reqs[0].body, { contact_id: contact.id });
				await sleep(1000);
				assert.equal(smtp.messages.length, 0, JSON.stringify(smtp.messages.map((m) => m.subject)));
			});

			it('Stora delivering the first event again runs nothing', async () => {
				sandbox.clearRequests();
				smtp.reset();
				const { deliveries } = await sandbox.webhooks.replay(firstEvent.id);
				assert.equal(deliveries[0].status, 200);
				await sleep(2000);
				await expectExecutions(EX7_ID, 2);
				assert.deepEqual(
					summary(nodeRequests().filter((r) => r.path.startsWith(`${V}/units`))),
					[],
				);
				assert.equal(smtp.messages.length, 0);
			});
		});

		describe('8. Email new invoices as PDF', () => {
			/** Open or paid invoices finalized in the last 30 days, as the example's filter keeps them. */
			const due = () =>
				sandbox
					.listInvoices()
					.filter(
						(i) =>
							['open', 'paid'].includes(i.status) &&
							i.finalized_at &&
							Date.parse(i.finalized_at) > Date.now() - 30 * DAY,
					);

			const assertEmailed = async (invoices) => {
				assert.equal(
					smtp.messages.length,
					invoices.length,
					JSON.stringify(smtp.messages.map((m) => m.subject)),
				);
				for (const invoice of invoices) {
					const mails = smtp.messages.filter((m) => m.text.includes(`Invoice: ${invoice.id}`));
					assert.equal(mails.length, 1, `one email for ${invoice.id}`);
					const [mail] = mails;
					assert.deepEqual(mail.envelopeTo, [ACCOUNTS]);
					assert.equal(mail.subject, `Invoice ${invoice.number} (${invoice.status})`);
					assert.ok(mail.text.includes(`Total: ${invoice.total.formatted}`), mail.text);
					assert.equal(mail.attachments.length, 1, `one attachment for ${invoice.id}`);
					const [pdf] = mail.attachments;
					assert.equal(pdf.filename, `${invoice.number}.pdf`);
					assert.equal(pdf.contentType, 'application/pdf');
					const stora = await api('GET', `/invoices/${invoice.id}`, { accept: 'application/pdf' });
					assert.equal(stora.subarray(0, 8).toString('latin1'), '%PDF-1.4');
					assert.ok(
						pdf.content.equals(stora),
						`${invoice.id}: the attachment is Stora's PDF byte for byte`,
					);
				}
			};

			it('emails each open or paid invoice of the last 30 days to accounting with its PDF; drafts, voided and older ones are not sent', async () => {
				const expected = due();
				assert.ok(
					expected.length >= 2,
					JSON.stringify(sandbox.listInvoices().map((i) => [i.id, i.status, i.finalized_at])),
				);
				sandbox.clearRequests();
				smtp.reset();
				const { run, stderr } = await n8n.execute(EX8_ID);
				assert.equal(
					run.status,
					'success',
					`execution failed: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`,
				);

				const reqs = nodeRequests();
				const lists = reqs.filter((r) => r.path === `${V}/invoices`);
				assert.ok(lists.length >= 1, summary(reqs).join('\n'));
				for (const r of lists) {
					// Stora's docs do not list the invoice list's filters: the node sends none
					assert.deepEqual(
						Object.keys(r.query).filter((k) => !['page', 'limit'].includes(k)),
						[],
						JSON.stringify(r.query),
					);
				}
				const pdfs = reqs.filter(
					(r) => r.path !== `${V}/invoices` && /application\/pdf/.test(r.headers.accept || ''),
				);
				assert.deepEqual(
					pdfs.map((r) => r.path).sort(),
					expected.map((i) => `${V}/invoices/${i.id}`).sort(),
				);
				assert.ok(pdfs.every((r) => r.status === 200));
				assert.deepEqual(
					nodeOutput(run, 'Download the PDF')
						.map((i) => i.fileName)
						.sort(),
					expected.map((i) => `${i.number}.pdf`).sort(),
				);
				await assertEmailed(expected);
			});

			it('the next run sends nothing again; an invoice issued since is the only one sent', async () => {
				smtp.reset();
				sandbox.clearRequests();
				let { run, stderr } = await n8n.execute(EX8_ID);
				assert.equal(
					run.status,
					'success',
					`execution failed: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`,
				);
				assert.equal(smtp.messages.length, 0, JSON.stringify(smtp.messages.map((m) => m.subject)));
				assert.deepEqual(
					nodeRequests().filter((r) => /application\/pdf/.test(r.headers.accept || '')),
					[],
				);

				const fresh = sandbox.addInvoice({
					contact: { id: SEED.contacts.jane },
					site: { id: SEED.sites.camden },
					line_items: [{ description: 'Medium (50 sq ft)', price: 8999 }],
				});
				smtp.reset();
				({ run, stderr } = await n8n.execute(EX8_ID));
				assert.equal(
					run.status,
					'success',
					`execution failed: ${JSON.stringify(run.data.resultData.error)}\n${stderr}`,
				);
				await assertEmailed([sandbox.listInvoices().find((i) => i.id === fresh.id)]);
			});
		});

		describe('9. Quote and book from a chat message', () => {
			let chatPath;
			let camden;
			let freeByType;
			let types;
			const say = async (chatInput, sessionId = 'e2e-chat-1') => {
				const res = await n8n.webhook(chatPath, {
					body: { action: 'sendMessage', sessionId, chatInput },
				});
				assert.equal(res.status, 200, JSON.stringify(res.body));
				assert.equal(typeof res.body.output, 'string', JSON.stringify(res.body));
				return res.body.output;
			};
			const monthly = (type) => type.prices.find((p) => p.billing_period === 'monthly');

			before(async () => {
				const chat = example(EX9_ID).nodes.find(
					(n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger',
				);
				chatPath = `${chat.webhookId}/chat`;
				camden = SEED.sites.camden;
				const wf = await n8n.activate(EX9_ID);
				assert.equal(wf.active, true);
				types = (await all('/unit_types', 'unit_types')).filter((t) => t.site.id === camden);
				freeByType = {};
				for (const u of await all('/units', 'units', { site_id: camden, status: 'available' })) {
					freeByType[u.unit_type.id] = (freeByType[u.unit_type.id] || 0) + 1;
				}
				assert.ok(Object.keys(freeByType).length >= 1, 'Camden has a free unit');
			});

			it('serves the hosted chat page', async () => {
				const res = await fetch(`${n8n.url}/webhook/${chatPath}`);
				assert.equal(res.status, 200);
				assert.match(await res.text(), /Book a storage unit/);
			});

			it('answers a question with each Camden unit type that has a free unit, its monthly price and how many are free', async () => {
				sandbox.clearRequests();
				const output = await say('Hi, how much is a unit?');
				const reqs = nodeRequests();
				assert.ok(
					reqs.every((r) => r.method === 'GET' && r.status === 200),
					summary(reqs).join('\n'),
				);
				const typeLists = reqs.filter((r) => r.path === `${V}/unit_types`);
				const unitLists = reqs.filter((r) => r.path === `${V}/units`);
				assert.ok(typeLists.length >= 1 && unitLists.length >= 1, summary(reqs).join('\n'));
				assert.equal(typeLists.length + unitLists.length, reqs.length, summary(reqs).join('\n'));
				// no guessed filter on unit types; the documented site and status filters on units
				for (const r of typeLists)
					assert.deepEqual(
						Object.keys(r.query).filter((k) => !['page', 'limit'].includes(k)),
						[],
					);
				for (const r of unitLists) {
					assert.equal(r.query.site_id, camden);
					assert.equal(r.query.status, 'available');
				}
				assert.match(output, /^Units free at Camden now:/);
				for (const t of types) {
					const line = `- ${t.name}${t.size_description ? ` (${t.size_description})` : ''}: ${monthly(t).price.formatted} a month, ${freeByType[t.id]} free (${t.id})`;
					if (freeByType[t.id])
						assert.ok(output.includes(line), `the quote has "${line}":\n${output}`);
					else assert.ok(!output.includes(t.id), `${t.id} has no free unit:\n${output}`);
				}
				assert.match(output, /To book one, write: book <unit type ID>/);
			});

			it('books a unit type with a free unit: the order is finalized and the chat answers with its payment link; the same message again gives the same order', async () => {
				const typeId = Object.keys(freeByType)[0];
				const message = `book ${typeId} 2030-03-01 Sam Chat sam.chat@example.com`;
				sandbox.clearRequests();
				const output = await say(message);
				const reqs = nodeRequests();
				const unitCheck = reqs.find((r) => r.path === `${V}/units`);
				assert.deepEqual(
					{
						site_id: unitCheck.query.site_id,
						unit_type_id: unitCheck.query.unit_type_id,
						status: unitCheck.query.status,
						limit: unitCheck.query.limit,
					},
					{ site_id: camden, unit_type_id: typeId, status: 'available', limit: '1' },
				);
				const posts = reqs.filter((r) => r.method === 'POST');
				assert.deepEqual(summary(posts), [`POST ${V}/orders`]);
				const [post] = posts;
				assert.equal(post.status, 201);
				assert.ok(post.headers['idempotency-key']);
				assert.deepEqual(post.body.site, { id: camden });
				assert.equal(post.body.starts_at.slice(0, 10), '2030-03-01');
				assert.equal(post.body.contact.full_name, 'Sam Chat');
				assert.equal(post.body.contact.email, 'sam.chat@example.com');
				assert.deepEqual(
					post.body.line_items.map((l) => [l.type, l.item.id]),
					[
						['unit_type', typeId],
						['security_deposit', typeId],
					],
				);
				assert.equal(post.body.metadata.source, 'chat');
				assert.equal(post.body.metadata.chat_session, 'e2e-chat-1');
				const stored = sandbox.listOrders().filter((o) => o.metadata.chat_session === 'e2e-chat-1');
				assert.equal(stored.length, 1);
				assert.equal(stored[0].status, 'finalized');
				assert.ok(
					output.startsWith(
						`Booked! Order ${stored[0].id} for Sam Chat, moving in 2030-03-01 at Camden.`,
					),
					output,
				);
				assert.ok(output.includes(stored[0].payment_url), output);

				const again = await say(message);
				assert.ok(again.includes(stored[0].payment_url), again);
				assert.equal(
					sandbox.listOrders().filter((o) => o.metadata.chat_session === 'e2e-chat-1').length,
					1,
					'no second order',
				);
			});

			it('a unit type with no free unit at the site is not booked: the chat says so', async () => {
				const leeds = (await all('/unit_types', 'unit_types')).find((t) => t.site.id !== camden);
				sandbox.clearRequests();
				const before = sandbox.listOrders().length;
				const output = await say(
					`book ${leeds.id} 2030-03-01 Sam Chat sam.chat@example.com`,
					'e2e-chat-2',
				);
				assert.equal(
					output,
					`Sorry, no unit of type ${leeds.id} is free at Camden right now. Ask me for a quote to see what is.`,
				);
				assert.deepEqual(summary(nodeRequests()), [`GET ${V}/units`]);
				assert.equal(sandbox.listOrders().length, before);
			});
		});
	},
);
