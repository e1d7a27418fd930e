'use strict';
/**
 * The README's first command (`npm start` = `node e2e/demo.js`): it prints the editor URL and a login
 * that works, the examples are there, the printed curl books an order whose order.created reaches the
 * active trigger example (the site team's email is printed), the printed pay command completes it and the
 * polling example emails the customer the access code, the printed chat command gets example 9's quote, the
 * printed overlock and invoice.paid commands make example 7 email the site team, the printed enquiry and call
 * curls make a deal, a task and a timeline event, and Ctrl-C stops everything.
 */
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const net = require('node:net');
const { spawn } = require('node:child_process');
const { getFreePorts } = require('./lib/ports');
const { loadExamples } = require('./lib/stack');

const DEMO = path.join(__dirname, 'demo.js');

function canConnect(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

describe('the one-command demo (npm start)', { timeout: 300_000 }, () => {
	it('prints the editor URL and login, serves the examples, emails the site team a booking and the customer their access code once paid, and stops everything on Ctrl-C', async () => {
		const [port, sandboxPort] = await getFreePorts(2);
		const child = spawn(process.execPath, [DEMO, '--port', String(port), '--sandbox-port', String(sandboxPort)], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
		try {
			const started = Date.now();
			while (!out.includes('Stop with')) {
				if (child.exitCode !== null) assert.fail(`demo exited early:\n${out}`);
				if (Date.now() - started > 240_000) assert.fail(`demo not ready after 240 s:\n${out}`);
				await new Promise((r) => setTimeout(r, 200));
			}
			const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
			const url = /Editor:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(plain)?.[1];
			assert.equal(url, `http://127.0.0.1:${port}`);
			const [, email, password] = /Login:\s+(\S+)\s+\/\s+(\S+)/.exec(plain) || [];
			assert.ok(email && password, plain);

			// the printed login works and shows every example in examples/
			const login = await fetch(`${url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'browser-id': 'demo-test' },
				body: JSON.stringify({ emailOrLdapLoginId: email, password }),
			});
			assert.equal(login.status, 200);
			const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
			const list = await fetch(`${url}/rest/workflows`, { headers: { cookie, 'browser-id': 'demo-test' } });
			const workflows = (await list.json()).data;
			const names = workflows.map((w) => w.name).sort();
			assert.deepEqual(
				workflows.filter((w) => w.active).map((w) => w.id).sort(),
				['storaCallEvent11', 'storaChatQuote09', 'storaCheckout001', 'storaEnquiryDl10', 'storaLiftOverlk7', 'storaNewBooking6', 'storaPaidCode012'],
				'the checkout, the chat, the three trigger examples and the enquiry and call webhooks are active',
			);
			assert.deepEqual(names, loadExamples().map((e) => e.workflow.name).sort());
			assert.ok(names.includes('Stora: fix a draft, then send the payment link') && names.includes('Stora: find or create the contact, then book'), names.join(', '));
			const creds = await fetch(`${url}/rest/credentials`, { headers: { cookie, 'browser-id': 'demo-test' } });
			assert.ok((await creds.json()).data.some((c) => c.name === 'Stora sandbox' && c.type === 'storaApi'));

			// the printed curl books through the active one-call checkout
			const curl = /curl -s -X POST (\S+) -H 'content-type: application\/json' -d '(.+)'/.exec(plain);
			assert.ok(curl, 'the demo prints a curl command for the checkout webhook');
			const booked = await fetch(curl[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: curl[2] });
			assert.equal(booked.status, 200);
			const order = await booked.json();
			assert.match(order.payment_url, new RegExp(`^http://127\\.0\\.0\\.1:${sandboxPort}/checkout/order_`));
			assert.ok(await canConnect(sandboxPort));

			// the active new-booking trigger got Stora's order.created for it: the site team's email is printed
			assert.match(plain, /"Stora: new booking → tell the site team" is active too/);
			const siteMail = `email to site-team@example.com: New booking: order ${order.order_id} (`;
			const waitedFrom = Date.now();
			while (!out.replace(/\x1b\[[0-9;]*m/g, '').includes(siteMail)) {
				if (Date.now() - waitedFrom > 30_000) assert.fail(`no "${siteMail}" after 30 s:\n${out}`);
				await new Promise((r) => setTimeout(r, 200));
			}

			// the printed pay command completes that order; the polling example emails the customer the access code
			assert.match(plain, /"Stora: booking paid → email the access code" is active as well, polling Stora every 10 seconds/);
			const pay = /curl -s -X POST (\S+\/__sandbox\/orders\/)ORDER_ID(\/complete)/.exec(plain);
			assert.ok(pay, 'the demo prints a curl command to pay a booking');
			const paid = await fetch(`${pay[1]}${order.order_id}${pay[2]}`, { method: 'POST' });
			assert.equal(paid.status, 200);
			assert.equal((await paid.json()).status, 'completed');
			const paidMail = new RegExp(`email to sam\\.lee@example\\.com: Your storage at .+ is ready: your access code \\(${order.order_id}\\)`);
			const paidFrom = Date.now();
			while (!paidMail.test(out.replace(/\x1b\[[0-9;]*m/g, ''))) {
				if (Date.now() - paidFrom > 30_000) assert.fail(`no access-code email for ${order.order_id} after 30 s:\n${out}`);
				await new Promise((r) => setTimeout(r, 200));
			}
			assert.match(out.replace(/\x1b\[[0-9;]*m/g, ''), /│ Access code: 2580#/);

			// the printed chat curl gets a quote from example 9
			const chat = /curl -s -X POST (\S+\/chat) -H 'content-type: application\/json' -d '(.+)'/.exec(plain);
			assert.ok(chat, 'the demo prints a curl command for the chat');
			const quote = await fetch(chat[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: chat[2] });
			assert.equal(quote.status, 200);
			assert.match((await quote.json()).output, /^Units free at Camden now:\n- /);

			// the printed overlock and invoice.paid commands: example 7 emails the site team the units it unlocked
			const overlock = /curl -s -X POST (\S+\/units\/overlock) -H 'authorization: (Bearer \S+)' -H 'idempotency-key: (\S+)' -H 'content-type: application\/json' -d '(.+)'/.exec(plain);
			const paidEvent = /curl -s -X POST (\S+\/__sandbox\/events) -H 'content-type: application\/json' -d '(.+)'/.exec(plain);
			assert.ok(overlock && paidEvent, 'the demo prints the overlock and invoice.paid commands');
			const locked = await fetch(overlock[1], {
				method: 'POST',
				headers: { authorization: overlock[2], 'idempotency-key': overlock[3], 'content-type': 'application/json' },
				body: overlock[4],
			});
			assert.equal(locked.status, 200);
			const { meta } = await locked.json();
			assert.ok(meta.unit_ids.length >= 1);
			const sent = await fetch(paidEvent[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: paidEvent[2] });
			assert.equal(sent.status, 201);
			const liftedMail = `email to site-team@example.com: Overlock lifted: ${meta.unit_ids.length} unit(s) of contact ${JSON.parse(overlock[4]).contact_id}`;
			const liftedFrom = Date.now();
			while (!out.replace(/\x1b\[[0-9;]*m/g, '').includes(liftedMail)) {
				if (Date.now() - liftedFrom > 30_000) assert.fail(`no "${liftedMail}" after 30 s:\n${out}`);
				await new Promise((r) => setTimeout(r, 200));
			}

			// the printed enquiry and call curls: a lead, a deal and a task; an event on the caller's timeline
			const webhookCurl = (hook) => new RegExp(`curl -s -X POST (\\S+/webhook/${hook}) -H 'content-type: application/json' -d '(.+)'`).exec(plain);
			const enquiryCurl = webhookCurl('stora-enquiry');
			assert.ok(enquiryCurl, 'the demo prints a curl command for the enquiry webhook');
			const enquiry = await fetch(enquiryCurl[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: enquiryCurl[2] });
			assert.equal(enquiry.status, 200);
			const ids = await enquiry.json();
			assert.match(ids.deal_id, /^deal_/, JSON.stringify(ids));
			assert.match(ids.task_id, /^task_/, JSON.stringify(ids));
			const callCurl = webhookCurl('stora-call');
			assert.ok(callCurl, 'the demo prints a curl command for the call webhook');
			const logged = await fetch(callCurl[1], { method: 'POST', headers: { 'content-type': 'application/json' }, body: callCurl[2] });
			assert.equal(logged.status, 200);
			const event = await logged.json();
			assert.equal(event.logged, true, JSON.stringify(event));
			const crmCurl = /curl -s (\S+\/__sandbox\/crm)/.exec(plain);
			assert.ok(crmCurl, 'the demo prints where to see what Stora holds');
			const held = await (await fetch(crmCurl[1])).json();
			assert.ok(held.deals.some((d) => d.id === ids.deal_id) && held.timeline_events.some((e) => e.id === event.event_id));

			// Ctrl-C
			child.kill('SIGINT');
			const { code } = await exited;
			assert.equal(code, 130, out);
			assert.equal(await canConnect(port), false, 'n8n stopped');
			assert.equal(await canConnect(sandboxPort), false, 'the sandbox stopped');
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	});
});
