#!/usr/bin/env node
'use strict';
/**
 * One command to see n8n-nodes-stora work (`npm start`):
 *   installs what is missing (the package's dev dependencies, a real n8n 2.8.4 in e2e/node_modules),
 *   builds the package if its sources changed, starts the Stora sandbox, a local SMTP sink and n8n on
 *   127.0.0.1 with the package loaded, an owner account, the "Stora sandbox" credential and the example
 *   workflows (the one-call checkout, the new-booking trigger, the booking-paid polling trigger, the invoice-paid
 *   overlock trigger, the chat quote and the enquiry and call webhooks active, the polling one every 10 seconds
 *   instead of every minute), then prints the editor URL and login and the commands that try them. Emails the
 *   workflows send are printed here, with their attachments. Ctrl-C stops everything it started.
 *
 * Options:
 *   --port <n>          n8n's port (default 5678, or a free one if taken); also N8N_DEMO_PORT
 *   --sandbox-port <n>  the Stora sandbox's port (default 4010, or a free one); also STORA_SANDBOX_PORT
 *   --verbose           print n8n's own log
 *   --exit-when-ready   start everything, print, check the login works, stop (used by the e2e tests)
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const E2E_DIR = __dirname;
const REPO_ROOT = path.resolve(E2E_DIR, '..');

function parseArgs(argv) {
	const args = { verbose: false, exitWhenReady: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--verbose') args.verbose = true;
		else if (a === '--exit-when-ready') args.exitWhenReady = true;
		else if (a === '--port') args.port = Number(argv[++i]);
		else if (a === '--sandbox-port') args.sandboxPort = Number(argv[++i]);
		else if (a === '--help' || a === '-h') args.help = true;
		else throw new Error(`unknown option ${a} (try --help)`);
	}
	args.port ??= process.env.N8N_DEMO_PORT ? Number(process.env.N8N_DEMO_PORT) : undefined;
	args.sandboxPort ??= process.env.STORA_SANDBOX_PORT ? Number(process.env.STORA_SANDBOX_PORT) : undefined;
	return args;
}

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (line) => say(`\x1b[2m▸ ${line}\x1b[0m`);

function run(cmd, args, cwd) {
	step(`${cmd} ${args.join(' ')}${cwd === REPO_ROOT ? '' : `  (in ${path.relative(REPO_ROOT, cwd)})`}`);
	const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function portFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

async function pickPort(wanted, fallback) {
	const { getFreePort } = require('./lib/ports');
	if (wanted) return wanted;
	return (await portFree(fallback)) ? fallback : getFreePort();
}

const POLLING_TRIGGER = 'n8n-nodes-stora.storaPollingTrigger';
/** The demo's poll time: every 10 seconds (n8n takes no `*` in the seconds field), so that a payment shows soon. */
// One Poll Time per ten seconds (n8n 2.41 refuses a seconds field that is not one number).
const DEMO_POLL_TIMES = {
	item: [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })),
};

/** An example as the demo imports it: its polling triggers poll every 10 seconds. */
function withDemoPollTimes(workflow) {
	if (!workflow.nodes.some((n) => n.type === POLLING_TRIGGER)) return workflow;
	return {
		...workflow,
		nodes: workflow.nodes.map((n) => (n.type === POLLING_TRIGGER ? { ...n, parameters: { ...n.parameters, pollTimes: DEMO_POLL_TIMES } } : n)),
	};
}

function payCurl(sandboxUrl) {
	return `curl -s -X POST ${sandboxUrl}/__sandbox/orders/ORDER_ID/complete`;
}

/** The commands that overlock a tenant's units through Stora's API, then have Stora deliver invoice.paid for them. */
function overlockCurls(sandbox, contactId) {
	return [
		`curl -s -X POST ${sandbox.url}/2025-09/units/overlock -H 'authorization: Bearer ${sandbox.token}' -H 'idempotency-key: demo-overlock-${Date.now()}' -H 'content-type: application/json' -d '{"contact_id":"${contactId}"}'`,
		`curl -s -X POST ${sandbox.url}/__sandbox/events -H 'content-type: application/json' -d '{"type":"invoice.paid","contact_id":"${contactId}"}'`,
	];
}

function chatCurl(chatUrl) {
	const body = JSON.stringify({ action: 'sendMessage', sessionId: 'demo', chatInput: 'How much is a unit?' });
	return `curl -s -X POST ${chatUrl} -H 'content-type: application/json' -d '${body}'`;
}

function enquiryCurl(n8nUrl, SEED) {
	const body = JSON.stringify({
		full_name: 'Robin Fox',
		email: 'robin.fox@example.com',
		phone_number: '+447700900222',
		site_id: SEED.sites.camden,
		unit_type_id: SEED.unitTypes.camdenMedium,
		move_in_date: new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10),
		message: 'Do you have a garage-sized unit next month?',
		enquiry_id: `enq_${Math.floor(Date.now() / 1000)}`,
	});
	return `curl -s -X POST ${n8nUrl}/webhook/stora-enquiry -H 'content-type: application/json' -d '${body}'`;
}

/** A call from a seeded contact (Jane Smith's number), as a phone system would post it. */
function callCurl(n8nUrl) {
	const id = `call_${Math.floor(Date.now() / 1000)}`;
	const body = JSON.stringify({
		call_id: id,
		phone_number: '+447700900123',
		direction: 'Inbound',
		duration_minutes: 6,
		agent: 'Alex',
		recording_url: `https://phone.example.com/calls/${id}`,
	});
	return `curl -s -X POST ${n8nUrl}/webhook/stora-call -H 'content-type: application/json' -d '${body}'`;
}

function bookingCurl(n8nUrl, SEED) {
	const body = JSON.stringify({
		full_name: 'Sam Lee',
		email: 'sam.lee@example.com',
		phone_number: '+447700900111',
		site_id: SEED.sites.camden,
		unit_type_id: SEED.unitTypes.camdenSmall,
		move_in_date: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
		external_id: `web_${Math.floor(Date.now() / 1000)}`,
	});
	return `curl -s -X POST ${n8nUrl}/webhook/stora-checkout -H 'content-type: application/json' -d '${body}'`;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		const lines = fs.readFileSync(__filename, 'utf8').split('\n');
		say(lines.slice(3, lines.indexOf(' */')).map((l) => l.replace(/^ \*/, '')).join('\n'));
		return;
	}
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (major < 20 || (major === 20 && minor < 19)) {
		throw new Error(`Node ${process.versions.node}: n8n 2.8.4 needs Node >= 20.19`);
	}

	// 1. the package's own dependencies and build
	if (!fs.existsSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc'))) {
		run('npm', ['ci'], REPO_ROOT);
	}
	const { buildIfNeeded } = require('./lib/build');
	buildIfNeeded({ log: step });

	// 2. a real n8n, installed once into e2e/node_modules
	run('bash', [path.join(E2E_DIR, 'install.sh')], E2E_DIR);

	// 3. sandbox + SMTP sink + n8n
	const processes = require('./lib/processes');
	const { startStack, stopStack } = require('./lib/stack');
	const { OWNER } = require('./lib/n8n');
	const n8nPort = await pickPort(args.port, 5678);
	const sandboxPort = await pickPort(args.sandboxPort, 4010);
	step('starting the Stora sandbox, an SMTP sink and n8n');
	let stack;
	let stopping;
	const stop = async () => {
		if (!stopping) {
			say('\nStopping n8n, the sandbox and the SMTP sink…');
			stopping = stopStack(stack);
		}
		await stopping;
	};
	processes.onShutdown(stop);
	stack = await startStack({
		name: 'demo',
		n8nPort,
		sandbox: { port: sandboxPort },
		editExamples: withDemoPollTimes,
		log: (line) => step(line),
		onLog: (entry) => {
			if (args.verbose) say(`\x1b[2m[n8n] ${entry.message}\x1b[0m`);
			else if (entry.level === 'error') say(`\x1b[31m[n8n] ${entry.message}\x1b[0m`);
		},
	});
	const { n8n, sandbox, smtp, SEED } = stack;
	await n8n.activate('storaCheckout001');
	// registers its webhook endpoint at the sandbox, which then delivers order.created to n8n
	await n8n.activate('storaNewBooking6');
	// polls the sandbox every 10 seconds for orders paid since its last look
	await n8n.activate('storaPaidCode012');
	// registers its endpoint for invoice.paid: a paid invoice lifts the overlock on the tenant's units
	await n8n.activate('storaLiftOverlk7');
	// n8n's hosted chat: a quote, then a booking
	await n8n.activate('storaChatQuote09');
	const chatTrigger = stack.examples
		.find((e) => e.workflow.id === 'storaChatQuote09')
		.workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	const chatUrl = `${n8n.url}/webhook/${chatTrigger.webhookId}/chat`;
	const { storaClient } = require('./lib/stora-client');
	const tenant = await storaClient(sandbox, { client: 'demo' }).tenantWithOccupiedUnit();
	// the CRM examples answer their webhooks (a website's enquiry form, a phone system)
	await n8n.activate('storaEnquiryDl10');
	await n8n.activate('storaCallEvent11');

	// print every email the workflows send
	const printed = new Set();
	const printMail = () => {
		for (const m of smtp.messages) {
			if (printed.has(m)) continue;
			printed.add(m);
			say(`\n\x1b[36m✉  email to ${m.envelopeTo.join(', ')}: ${m.subject}\x1b[0m`);
			say(m.text.trim().split('\n').map((l) => `   │ ${l}`).join('\n'));
			for (const a of m.attachments || []) say(`   📎 ${a.filename} (${a.contentType}, ${a.content.length} bytes)`);
		}
	};
	const mailTimer = setInterval(printMail, 300);

	const bold = (s) => `\x1b[1m${s}\x1b[0m`;
	say('');
	say(bold('n8n with n8n-nodes-stora is running'));
	say(`  Editor:   ${bold(n8n.url)}`);
	say(`  Login:    ${bold(OWNER.email)}  /  ${bold(OWNER.password)}`);
	say(`  Stora:    sandbox at ${sandbox.url} (token "${sandbox.token}"), used by the "Stora sandbox" credential`);
	say(`  Email:    sent through the "Local SMTP sink" credential and printed below`);
	say('');
	say('  Example workflows (Overview in the editor):');
	for (const { workflow } of stack.examples) say(`    - ${workflow.name}  ${n8n.url}/workflow/${workflow.id}`);
	say('');
	say('  Open "Stora: book and send the payment link" and click "Execute workflow": the email with the');
	say('  payment link appears below. "Stora: one-call checkout" is active; book through it with:');
	say(`    ${bookingCurl(n8n.url, SEED)}`);
	say('  "Stora: new booking → tell the site team" is active too: every order created (by that curl or');
	say('  by any workflow) reaches it as a signed order.created webhook, and its email to the site team');
	say('  appears below.');
	say('  "Stora: booking paid → email the access code" is active as well, polling Stora every 10 seconds (no');
	say('  webhook: Stora sends none when an order is paid). Pay a booking as its customer would at Stora’s');
	say('  checkout (ORDER_ID: the order_id the curl above answered):');
	say(`    ${payCurl(sandbox.url)}`);
	say('  and within 10 seconds the customer’s email with the access code appears below.');
	say('  "Stora: invoice paid → lift the overlock" is active: overlock a tenant’s units (Stora’s API), then have');
	say('  Stora deliver invoice.paid for that tenant; the site team’s email naming the units appears below:');
	for (const line of overlockCurls(sandbox, tenant.contactId)) say(`    ${line}`);
	say('  "Stora: quote and book from a chat message" is active: chat with it at');
	say(`    ${bold(chatUrl)}`);
	say('  (ask anything for a quote; "book <unit type ID> <YYYY-MM-DD> <name> <email>" books), or:');
	say(`    ${chatCurl(chatUrl)}`);
	say('  Open "Stora: email new invoices as PDF" and click "Execute workflow": each recent invoice is emailed');
	say('  to accounting with Stora’s PDF attached (listed below); a second run sends nothing again.');
	say('  "Stora: enquiry → contact, deal and task" is active: a website enquiry becomes a lead, a deal on');
	say('  the first pipeline stage and a call-back task for the site manager (it answers with their IDs):');
	say(`    ${enquiryCurl(n8n.url, SEED)}`);
	say('  "Stora: call → timeline event" is active: a call your phone system posts lands on the caller’s');
	say('  timeline in Stora:');
	say(`    ${callCurl(n8n.url)}`);
	say(`  See what Stora holds: curl -s ${sandbox.url}/__sandbox/crm`);
	say('');
	say(`  Stop with ${bold('Ctrl-C')}.`);

	if (args.exitWhenReady) {
		// prove the printed login works, then stop as Ctrl-C would
		const { N8n } = require('./lib/n8n');
		const probe = Object.assign(Object.create(N8n.prototype), { url: n8n.url, cookie: undefined });
		await probe.login(OWNER);
		const workflows = await probe.rest('GET', '/workflows');
		say(`[exit-when-ready] login ok, ${workflows.length} workflows visible`);
		clearInterval(mailTimer);
		await stop();
		return;
	}
	await new Promise(() => {}); // until Ctrl-C
}

main().catch((err) => {
	process.stderr.write(`\n${err.stack || err.message}\n`);
	process.exit(1);
});
