'use strict';
/**
 * Example 6 (the Stora Trigger) in a real n8n (2.8.4, or the version compat/run.js points the e2e layer at),
 * with the Stora sandbox as Stora's webhook sender.
 * Activating the workflow registers one webhook endpoint for n8n's production URL; an order booked
 * through example 3's webhook makes Stora deliver order.created, which runs example 6 once and emails
 * the site team; forged deliveries get a 401 and start nothing, a redelivery is acknowledged and
 * starts nothing; after an n8n restart the same endpoint (its secret kept in the workflow's static
 * data, in n8n's database) still works; deactivating disables it, activating again registers a new one.
 * Executions are counted through n8n's REST API, waiting by polling.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startStack, stopStack, loadExamples } = require('./lib/stack');

const EX3_ID = 'storaCheckout001';
const EX6_ID = 'storaNewBooking6';
const TRIGGER_TYPE = 'n8n-nodes-stora.storaTrigger';
const SITE_TEAM = 'site-team@example.com';
const FORGERIES = ['wrong_secret', 'stale', 'tampered_body', 'future', 'missing_header', 'malformed_header'];
const { N8N_VERSION } = require('./lib/paths');
const { waitFor } = require('./lib/wait');
const [MAJOR, MINOR] = N8N_VERSION.split('.').map(Number);
/** n8n ≥ 2.10 keeps a published workflow's webhooks over a restart without re-running the trigger's checkExists. */
const RESTART_SENDS_NOTHING = MAJOR > 2 || (MAJOR === 2 && MINOR >= 10);

describe('example 6: the Stora Trigger in a real n8n', { timeout: 600_000 }, () => {
	/** @type {Awaited<ReturnType<typeof startStack>>} */
	let stack;
	let sandbox;
	let smtp;
	let n8n;
	let SEED;
	let trigger;
	let productionUrl;
	/** The endpoint the first activation registered, and the first order's order.created event. */
	let first;
	let firstEvent;

	before(async () => {
		stack = await startStack({
			name: 'trigger',
			// Stora's retry delays (1 min, 5 min, …) scaled to 60 ms, 300 ms, …; as in Stora's reference, the
			// sandbox has no enable or delete: a retired endpoint stays, disabled
			sandbox: { webhookRetryScale: 0.001 },
		});
		({ sandbox, smtp, n8n, SEED } = stack);
		trigger = loadExamples().find((e) => e.workflow.id === EX6_ID).workflow.nodes.find((n) => n.type === TRIGGER_TYPE);
		productionUrl = `${n8n.url}/webhook/${trigger.webhookId}/webhook`;
		// example 3 books the orders whose order.created example 6 receives
		await n8n.activate(EX3_ID);
	}, { timeout: 180_000 });

	after(async () => {
		await stopStack(stack);
	});

	const summary = (reqs) => reqs.map((r) => `${r.method} ${r.path} ${r.status}`);
	const endpointRequests = () => sandbox.requests.filter((r) => r.path.startsWith('/2025-09/webhook_endpoints'));
	const enabled = () => sandbox.webhooks.endpoints().filter((e) => e.status === 'enabled');
	const deliveriesOf = (eventId) => sandbox.webhooks.deliveries().filter((d) => d.event_id === eventId);

	/** Example 6's executions as n8n's REST API lists them (newest first). */
	const executions = async () => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: EX6_ID }));
		return (await n8n.rest('GET', `/executions?filter=${filter}&limit=100`)).results;
	};
	/** Waits until example 6 has `count` executions, all finished, then checks there are exactly `count`. */
	const expectExecutions = async (count) => {
		let list;
		await waitFor(async () => {
			list = await executions();
			return list.length >= count && list.every((e) => !['new', 'running', 'waiting'].includes(e.status));
		}, `${count} finished executions of example 6`);
		assert.equal(list.length, count, JSON.stringify(list.map((e) => [e.id, e.status, e.mode])));
		for (const e of list) {
			assert.equal(e.status, 'success', `execution ${e.id}: ${e.status}`);
			assert.equal(e.mode, 'webhook');
		}
		return list;
	};

	/** Books an order through example 3's webhook; resolves its order.created event once delivered. */
	const book = async (externalId) => {
		const res = await n8n.webhook('stora-checkout', {
			body: {
				full_name: 'Sam Lee',
				email: 'sam.lee@example.com',
				phone_number: '+447700900111',
				site_id: SEED.sites.camden,
				unit_type_id: SEED.unitTypes.camdenSmall,
				move_in_date: '2030-01-15',
				external_id: externalId,
			},
		});
		assert.equal(res.status, 200, JSON.stringify(res.body));
		const event = sandbox.webhooks.events().find((e) => e.type === 'order.created' && e.data.order.id === res.body.order_id);
		assert.ok(event, `Stora recorded order.created for ${res.body.order_id}`);
		await sandbox.webhooks.idle();
		return event;
	};

	/** Emails sent for `event` (the email names the event it came from). */
	const about = (event) => (m) => m.text.includes(`Stora event ${event.id} (`);
	/** The site team's email for `event`: exactly one, naming its order. */
	const assertSiteTeamEmail = async (event) => {
		const order = event.data.order;
		const [mail] = await smtp.waitFor((m) => m.envelopeTo.includes(SITE_TEAM) && about(event)(m));
		assert.equal(smtp.messages.filter(about(event)).length, 1, JSON.stringify(smtp.messages.map((m) => [m.envelopeTo, m.subject])));
		assert.deepEqual(mail.envelopeTo, [SITE_TEAM]);
		assert.equal(mail.subject, `New booking: order ${order.id} (finalized)`);
		for (const line of [
			`Order: ${order.id}`,
			'Status: finalized',
			`Contact: ${order.contact.id}`,
			`Site: ${SEED.sites.camden}`,
			`Total: ${order.total.formatted}`,
			`Created: ${order.created_at}`,
			`Stora event ${event.id} (order.created)`,
		]) {
			assert.ok(mail.text.includes(line), `the email says "${line}":\n${mail.text}`);
		}
	};

	it('activating example 6 registers one enabled endpoint at Stora for n8n’s production URL, for order.created', async () => {
		sandbox.clearRequests();
		const wf = await n8n.activate(EX6_ID);
		assert.equal(wf.active, true);

		const all = sandbox.webhooks.endpoints();
		assert.equal(all.length, 1, JSON.stringify(all));
		[first] = all;
		assert.equal(first.status, 'enabled');
		assert.equal(first.url, productionUrl);
		assert.deepEqual(first.event_types, ['order.created']);
		assert.equal(first.api_version, '2025-09');
		const { n8n_activation: activation, ...owner } = first.metadata;
		assert.deepEqual(owner, { created_by: 'n8n', n8n_workflow_id: EX6_ID, n8n_node_id: trigger.id, n8n_webhook: 'production' });
		assert.match(activation, /^[0-9a-f-]{36}$/, 'each activation marks its endpoint');
		// Stora's documented answers (`endpoint` / `endpoints`) were read: no request failed
		assert.deepEqual(endpointRequests().filter((r) => r.status >= 400).map((r) => `${r.method} ${r.path} ${r.status}`), []);

		const posts = endpointRequests().filter((r) => r.method === 'POST' && r.path === '/2025-09/webhook_endpoints');
		assert.deepEqual(summary(posts), ['POST /2025-09/webhook_endpoints 201'], 'one registration');
		assert.ok(posts[0].headers['idempotency-key'], 'the registration has an Idempotency-Key');
		assert.equal(posts[0].headers.authorization, `Bearer ${sandbox.token}`);
	});

	it('an order booked through example 3 runs example 6 once and emails the site team about that order', async () => {
		smtp.reset();
		firstEvent = await book('web_6001');
		const [delivery, ...more] = deliveriesOf(firstEvent.id);
		assert.deepEqual(more, [], 'one delivery attempt: n8n answered it');
		assert.equal(delivery.endpoint_id, first.id);
		assert.equal(delivery.url, productionUrl);
		assert.equal(delivery.signature_ok, true);
		assert.equal(delivery.status, 200);
		// the booking's other event (contact.created) is not subscribed
		assert.deepEqual([...new Set(sandbox.webhooks.deliveries().map((d) => d.event_type))], ['order.created']);

		await expectExecutions(1);
		await assertSiteTeamEmail(firstEvent);
		assert.equal(smtp.to(SITE_TEAM).length, 1);
	});

	it('forged deliveries are refused with 401 and start nothing; one refused as stale runs once when Stora sends it signed afresh', async () => {
		const before = n8n.serverLog.length;
		const forged = {};
		for (const forgery of FORGERIES) {
			const { event, deliveries } = await sandbox.webhooks.forge({ forgery });
			forged[forgery] = event;
			assert.deepEqual(
				deliveries.map((d) => [d.endpoint_id, d.signature_ok, d.status]),
				[[first.id, false, 401]],
				`${forgery}: ${JSON.stringify(deliveries)}`,
			);
		}
		// n8n logged why (at warn), and the delivery log holds each refusal
		// (n8n writes the log line after answering: poll the log until all six are there)
		const refusalsSoFar = () => n8n.serverLog.slice(before).filter((e) => /^Stora Trigger refused a delivery/.test(e.message));
		await waitFor(() => refusalsSoFar().length >= FORGERIES.length, `${FORGERIES.length} refusals in n8n's log`, 10_000).catch(() => {});
		const refusals = refusalsSoFar();
		// in any order: n8n 1.x writes its log through a file, and lines written after answering may swap
		const why = (e) => `${e.level}: ${e.message.replace('Stora Trigger refused a delivery: ', '')}`;
		assert.deepEqual(refusals.map(why).sort(), [
			'warn: signature does not match',
			'warn: signature timestamp outside the tolerance',
			'warn: signature does not match',
			'warn: signature timestamp outside the tolerance',
			'warn: missing signature header',
			'warn: malformed signature header',
		].sort());
		for (const event of Object.values(forged)) assert.deepEqual(deliveriesOf(event.id).map((d) => d.status), [401]);
		await expectExecutions(1);

		// a refusal does not use up the event: the stale one, delivered again with a fresh signature, runs
		const { deliveries } = await sandbox.webhooks.replay(forged.stale.id);
		assert.deepEqual(deliveries.map((d) => [d.signature_ok, d.status]), [[true, 200]]);
		await expectExecutions(2);
	});

	it('a redelivery of the real event is acknowledged with 200 and starts nothing', async () => {
		const { event, deliveries } = await sandbox.webhooks.replay(firstEvent.id);
		assert.equal(event.id, firstEvent.id);
		assert.deepEqual(deliveries.map((d) => [d.endpoint_id, d.attempt, d.signature_ok, d.status]), [[first.id, 2, true, 200]]);
		await expectExecutions(2);
		assert.equal(smtp.messages.filter(about(firstEvent)).length, 1, 'no second email');
	});

	it('after an n8n restart: the same single endpoint, no new registration, and deliveries still verify (the secret is in n8n’s database)', async (t) => {
		await n8n.stop({ keepUserFolder: true });
		assert.deepEqual(enabled().map((e) => e.id), [first.id], 'stopping n8n leaves the endpoint alone');
		sandbox.clearRequests();
		await n8n.start();
		await n8n.login();
		// n8n puts the active workflows' webhooks back after it is ready, each version logging it its own way
		// (2.8: "Activated workflow …", 1.85: "… => Started", 2.41: nothing): wait until n8n says both are active
		// and serves both production webhooks (an OPTIONS request to a webhook n8n has is 204, else 404)
		for (const [id, webhookPath] of [[EX3_ID, 'stora-checkout'], [EX6_ID, `${trigger.webhookId}/webhook`]]) {
			await waitFor(async () => (await n8n.rest('GET', `/workflows/${id}`)).active === true, `${id} active after the restart`);
			await waitFor(async () => (await n8n.webhook(webhookPath, { method: 'OPTIONS' })).status === 204, `n8n to serve /webhook/${webhookPath} again`);
		}
		// what the trigger's checkExists sent, if this n8n runs it at startup: n8n 2.8 and 1.85 do (one GET of
		// the stored endpoint), n8n 2.41 keeps published workflows' webhooks and sends nothing. Never a registration.
		const checked = [`GET /2025-09/webhook_endpoints/${first.id} 200`];
		const sent = await waitFor(() => (endpointRequests().length ? summary(endpointRequests()) : undefined), 'the endpoint check', 5_000).catch(() => []);
		await new Promise((r) => setTimeout(r, 300)); // nothing more follows it
		const allowed = RESTART_SENDS_NOTHING ? [[], checked] : [checked];
		t.diagnostic(`n8n ${N8N_VERSION} on restart sent Stora: ${JSON.stringify(summary(endpointRequests()))}`);
		assert.ok(
			allowed.some((a) => JSON.stringify(a) === JSON.stringify(summary(endpointRequests()))),
			`on restart n8n ${N8N_VERSION} sent ${JSON.stringify(summary(endpointRequests()))} (first: ${JSON.stringify(sent)}); expected ${allowed.map((a) => JSON.stringify(a)).join(' or ')}: it checked the endpoint, registered nothing`,
		);
		assert.deepEqual(sandbox.webhooks.endpoints().map((e) => [e.id, e.status]), [[first.id, 'enabled']]);

		// the first event again: still recognised as received (kept in the static data), nothing runs
		const replay = await sandbox.webhooks.replay(firstEvent.id);
		assert.deepEqual(replay.deliveries.map((d) => d.status), [200]);
		await expectExecutions(2);

		// a new order runs example 6 once
		const event = await book('web_6002');
		assert.deepEqual(deliveriesOf(event.id).map((d) => [d.endpoint_id, d.signature_ok, d.status]), [[first.id, true, 200]]);
		await expectExecutions(3);
		await assertSiteTeamEmail(event);
	});

	it('deactivating disables the endpoint (Stora documents no delete); a failed activation leaves nothing enabled; activating again registers exactly one new enabled endpoint', async (t) => {
		sandbox.clearRequests();
		const wf = await n8n.rest('POST', `/workflows/${EX6_ID}/deactivate`, {});
		assert.equal(wf.active, false);
		const [retired] = sandbox.webhooks.endpoints();
		assert.equal(sandbox.webhooks.endpoints().length, 1);
		assert.equal(retired.id, first.id);
		assert.equal(retired.status, 'disabled');
		assert.ok(retired.disabled_at, 'disabled_at is set');
		const reqs = summary(endpointRequests());
		assert.ok(reqs.includes(`POST /2025-09/webhook_endpoints/${first.id}/disable 200`), reqs.join('\n'));
		assert.deepEqual(endpointRequests().filter((r) => r.method === 'DELETE'), [], 'no DELETE: Stora documents none');

		// while inactive, Stora delivers nothing and nothing runs
		const unheard = await book('web_6003');
		assert.deepEqual(deliveriesOf(unheard.id), []);
		await expectExecutions(3);

		// Stora stores the endpoint, then answers 500 (and replays that answer to the node's retries)
		sandbox.faults.add({ method: 'POST', path: '/2025-09/webhook_endpoints', type: 'status', status: 500, afterProcessing: true });
		const versionId = (await n8n.rest('GET', `/workflows/${EX6_ID}`)).versionId;
		const failed = await n8n.rest('POST', `/workflows/${EX6_ID}/activate`, { versionId }, { raw: true });
		t.diagnostic(`a failed activation: n8n answered ${failed.status} ${JSON.stringify(failed.body).slice(0, 600)}`);
		const half = sandbox.webhooks.endpoints().filter((e) => e.id !== first.id);
		assert.equal(half[0].status, 'disabled', 'what the failed activation stored is disabled again');
		if (failed.status < 400) {
			// n8n 2.41 retries the trigger's activation and publishes the workflow (it answers 200): the failed
			// attempt's endpoint is disabled, at most the retry's is enabled; unpublish to go on
			t.diagnostic('this n8n retried the activation and published the workflow');
			assert.ok(enabled().length <= 1, JSON.stringify(sandbox.webhooks.endpoints()));
			await n8n.rest('POST', `/workflows/${EX6_ID}/deactivate`, {});
			assert.deepEqual(enabled(), []);
		} else {
			assert.deepEqual(half.map((e) => e.status), ['disabled']);
			assert.deepEqual(enabled(), []);
			// n8n shows the error's description (which starts with its message) or, where it does not take the
			// error for a NodeApiError, its message: Stora's own, either way
			assert.match(JSON.stringify(failed.body), /An unexpected internal error occurred/);
			assert.equal((await n8n.rest('GET', `/workflows/${EX6_ID}`)).active, false);
		}

		sandbox.clearRequests();
		await n8n.activate(EX6_ID);
		const now = enabled();
		assert.equal(now.length, 1, JSON.stringify(sandbox.webhooks.endpoints()));
		assert.ok(![first.id, half[0].id].includes(now[0].id));
		assert.equal(now[0].url, productionUrl);
		assert.deepEqual(now[0].event_types, ['order.created']);
		const all = sandbox.webhooks.endpoints();
		assert.deepEqual(all.slice(0, 2).map((e) => [e.id, e.status]), [[first.id, 'disabled'], [half[0].id, 'disabled']]);
		assert.deepEqual([all.at(-1).id, enabled().map((e) => e.id)], [now[0].id, [now[0].id]]);
		assert.equal(endpointRequests().filter((r) => r.method === 'POST' && r.path === '/2025-09/webhook_endpoints').length, 1);

		// and the new endpoint's secret verifies
		const event = await book('web_6004');
		assert.deepEqual(deliveriesOf(event.id).map((d) => [d.endpoint_id, d.signature_ok, d.status]), [[now[0].id, true, 200]]);
		await expectExecutions(4);
		await assertSiteTeamEmail(event);
	});

	it('n8n logged no error, and no warning about the package but the refusals', () => {
		// warnings: those about the package (naming stora) fail, but the trigger's refusals above; n8n's own
		// (deprecations of its settings, the Python runner it has no venv for, …) are not the package's.
		// errors: every one fails, but n8n's own startup notices
		const HOST_NOTICE = /^\s*There (is a|are) deprecations? related to|^\s*Failed to start Python task runner/;
		const problems = n8n
			.logEntries(['warn', 'error'])
			.filter((e) => !/^Stora Trigger refused a delivery/.test(e.message))
			.filter((e) => /stora/i.test(e.message) || (e.level === 'error' && !HOST_NOTICE.test(e.message)));
		assert.deepEqual(problems.map((e) => `${e.level}: ${e.message}`), []);
	});
});
