'use strict';
/**
 * The node in n8n's editor, in headless Debian chromium: sign in, open example 1, open the Stora
 * node for Create and (in example 2) for Get Many, run "Execute step" on the Get Many and on a Get
 * (example 2 cut down to its manual trigger and its Stora node, switched to Get of a seeded order);
 * then version 2 (example 4): the Site picker, Contact → Existing Contact with its contact picker,
 * Order → Update's Update Fields and Line Item → Create's unit type, and the Line Item picker of a
 * seeded draft; the Stora Trigger of example 6 (its Events and its production URL). Saves screenshots
 * to docs/images/ for the README. Asserts what a user must see.
 */
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { startStack, stopStack, loadExamples, loadSandboxModule, STORA_CREDENTIAL_ID, STORA_CREDENTIAL_NAME } = require('./lib/stack');
const { OWNER } = require('./lib/n8n');
const { SCREENSHOTS_DIR } = require('./lib/paths');
const { launchBrowser, signIn, browserSkipReason } = require('./lib/browser');
const { withStoraGet } = require('./lib/workflows');

const EX1_ID = 'storaBookAndPay1';
const EX2_ID = 'storaChaseUnpaid';
const EX4_ID = 'storaFixDraft004';
const EX6_ID = 'storaNewBooking6';
const EX7_ID = 'storaLiftOverlk7';
const EX9_ID = 'storaChatQuote09';
const GET_ID = 'e2eEditorStoraGet';
const LINE_ITEM_ID = 'e2eEditorLineItem';
const STORA_TYPE = 'n8n-nodes-stora.stora';
const TRIGGER_TYPE = 'n8n-nodes-stora.storaTrigger';

const skip = browserSkipReason();

/** Test-only: a manual trigger and a version 2 Line Item → Update of `orderId`, its Line Item not picked yet. */
const lineItemWorkflow = (orderId) => ({
	id: LINE_ITEM_ID,
	name: 'e2e: Line Item picker in the editor',
	nodes: [
		{ id: 'e2e-li-1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'e2e-li-2',
			name: 'Change a line item',
			type: STORA_TYPE,
			typeVersion: 2,
			position: [220, 0],
			parameters: {
				resource: 'lineItem',
				operation: 'update',
				orderId: { __rl: true, mode: 'id', value: orderId },
				lineItemId: { __rl: true, mode: 'list', value: '' },
				updateFields: { quantity: 2 },
				options: {},
			},
			credentials: { storaApi: { id: STORA_CREDENTIAL_ID, name: STORA_CREDENTIAL_NAME } },
		},
	],
	connections: { Start: { main: [[{ node: 'Change a line item', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	active: false,
	pinData: {},
});

describe('the Stora node in n8n’s editor (headless chromium)', { skip, timeout: 300_000 }, () => {
	let stack;
	let browser;
	let page;
	const shots = [];

	before(async () => {
		const { SEED } = loadSandboxModule();
		const ex2 = loadExamples().find((e) => e.workflow.id === EX2_ID).workflow;
		stack = await startStack({
			name: 'editor',
			extraWorkflows: [
				withStoraGet(ex2, {
					id: GET_ID,
					name: 'e2e: Stora Get in the editor',
					trigger: 'Run it now',
					node: 'Unpaid website orders',
					rename: 'Get order',
					orderId: SEED.orders.finalized,
				}),
				lineItemWorkflow(SEED.orders.draftReady),
			],
		});
		browser = await launchBrowser();
		page = await browser.context.newPage();
		page.setDefaultTimeout(30_000);
		// leaving a workflow changed in the panel (a version 2 test switches Contact): leave without saving
		page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
		await fsp.mkdir(SCREENSHOTS_DIR, { recursive: true });
	}, { timeout: 180_000 });

	after(async () => {
		if (browser) await browser.close();
		await stopStack(stack);
		if (shots.length) process.stdout.write(`# screenshots: ${shots.join(', ')}\n`);
	});

	/** Waits until no finite animation (a dropdown fading in) is running, so a screenshot is not half-drawn. */
	const settled = () =>
		page.waitForFunction(() =>
			document
				.getAnimations()
				.every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
		);

	const shoot = async (name, options = {}) => {
		const file = path.join(SCREENSHOTS_DIR, name);
		await page.screenshot({ path: file, ...options });
		shots.push(path.relative(path.resolve(SCREENSHOTS_DIR, '..', '..'), file));
	};

	/** The text shown in a parameter's input (options, string, dateTime…) inside `scope`. */
	const inputValues = (scope, parameter) =>
		page.$$eval(`${scope} [data-test-id=parameter-input-${parameter}] input, ${scope} [data-test-id=parameter-input-${parameter}] textarea`, (els) =>
			els.map((e) => e.value),
		);

	const openNode = async (name) => {
		await page.dblclick(`[data-test-id=canvas-node][data-node-name="${name}"]`);
		await page.waitForSelector('[data-test-id=ndv]');
		await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-parameters]');
	};

	const closeNode = async () => {
		await page.click('[data-test-id=ndv-close-button]');
		await page.waitForSelector('[data-test-id=ndv]', { state: 'hidden' });
	};

	it('signs in and shows example 1 with the Stora nodes and their icon on the canvas', async () => {
		await signIn(page, stack.n8n.url, OWNER);
		await page.goto(`${stack.n8n.url}/workflow/${EX1_ID}`);
		await page.waitForSelector(`[data-test-id=canvas-node][data-node-type="${STORA_TYPE}"]`);
		await page.waitForLoadState('networkidle').catch(() => {});

		const storaNodes = await page.$$eval(`[data-test-id=canvas-node][data-node-type="${STORA_TYPE}"]`, (els) =>
			els.map((e) => {
				const img = e.querySelector('img');
				return {
					name: e.getAttribute('data-node-name'),
					text: e.innerText,
					icon: img ? img.getAttribute('src') : null,
					iconLoaded: img ? img.complete && img.naturalWidth > 0 : false,
				};
			}),
		);
		assert.deepEqual(storaNodes.map((n) => n.name), ['Create order', 'Validate order', 'Finalize order']);
		for (const n of storaNodes) {
			assert.match(n.icon, /^\/icons\/n8n-nodes-stora\/.*stora\.svg$/, `${n.name} shows the Stora icon`);
			assert.ok(n.iconLoaded, `${n.name}: the icon image loaded`);
		}
		assert.match(storaNodes[0].text, /create: order/i, 'the subtitle names the operation');
		const icon = await fetch(`${stack.n8n.url}${storaNodes[0].icon}`, { headers: { cookie: stack.n8n.cookie } });
		assert.equal(icon.status, 200);
		assert.match(icon.headers.get('content-type'), /svg/);

		const allNames = await page.$$eval('[data-test-id=canvas-node]', (els) => els.map((e) => e.getAttribute('data-node-name')));
		for (const name of ['Booking details', 'Ready to finalize?', 'Email the payment link', 'Email staff the problems']) {
			assert.ok(allNames.includes(name), `canvas shows "${name}"`);
		}
		await shoot('editor-workflow.png');
	});

	it('Create: the operations list, the credential, Line Items with catalogue names, Metadata', async () => {
		stack.sandbox.clearRequests();
		await openNode('Create order');

		// the credential and dropdowns filled from the sandbox through the credential
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'resource'), ['Order']);
		const credential = await page.$eval('[data-test-id=node-credentials-select] input', (e) => e.value);
		assert.equal(credential, 'Stora sandbox');
		await page.waitForFunction(
			() => document.querySelector('[data-test-id=parameter-input-siteId] input')?.value === 'Camden',
		);

		// the resources
		await page.click('[data-test-id=ndv] [data-test-id=parameter-input-resource]');
		await page.locator('.el-select-dropdown__item:visible').first().waitFor();
		const resources = (await page.locator('.el-select-dropdown__item:visible').allInnerTexts()).map((t) => t.split('\n')[0].trim());
		assert.deepEqual(resources, [
			'Contact',
			'Contract',
			'Credit Note',
			'Deal',
			'Deal Stage',
			'Identity Verification',
			'Invoice',
			'Line Item',
			'Note',
			'Order',
			'Product',
			'Protection Level',
			'Site',
			'Subscription',
			'Task',
			'Tenancy',
			'Timeline Event',
			'Unit',
			'Unit Allocation',
			'Unit Type',
		]);
		await page.keyboard.press('Escape');
		await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });

		// the operations list
		await page.click('[data-test-id=ndv] [data-test-id=parameter-input-operation]');
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor();
		const operations = (await options.allInnerTexts()).map((t) => t.split('\n')[0].trim());
		for (const op of ['Create', 'Finalize', 'Get', 'Get Many', 'Update', 'Validate']) {
			assert.ok(operations.includes(op), `operations list shows ${op}: ${operations}`);
		}
		const createText = (await options.allInnerTexts()).find((t) => t.startsWith('Create'));
		assert.match(createText, /create and finalize it in one call/);
		await shoot('editor-create-operations.png');
		await page.keyboard.press('Escape');

		// Line Items: three entries, the catalogue names resolved through the node's dropdowns
		const lineItems = '[data-test-id=fixed-collection-lineItems]';
		// scroll so that "Line Items Input" and the "Line Items" heading are at the top of the panel
		await page.$eval('[data-test-id=parameter-input-lineItemsInputMode]', (e) => e.scrollIntoView({ block: 'start' }));
		await page.waitForFunction(
			(sel) => [...document.querySelectorAll(`${sel} [data-test-id=parameter-input-unitTypeId] input`)].every((i) => i.value === 'Locker (15 sq ft)'),
			lineItems,
		);
		assert.deepEqual(await inputValues(lineItems, 'type'), ['Unit Type', 'Protection', 'Security Deposit']);
		assert.deepEqual(await inputValues(lineItems, 'unitTypeId'), ['Locker (15 sq ft)', 'Locker (15 sq ft)']);
		assert.equal((await inputValues(lineItems, 'protectionLevelId'))[0].includes('2,500'), true);
		const lineItemsLabel = await page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => e.innerText);
		assert.match(lineItemsLabel, /Line Items/);
		assert.match(lineItemsLabel, /Add Line Item/);
		await shoot('editor-create-line-items.png');

		// Metadata under Additional Fields
		const metadata = '[data-test-id=fixed-collection-metadata]';
		await page.$eval(metadata, (e) => e.scrollIntoView({ block: 'center' }));
		assert.deepEqual(await inputValues(metadata, 'key'), ['source', 'external_id']);
		assert.match(lineItemsLabel, /Metadata/);
		assert.match(lineItemsLabel, /Add Metadata/);

		// the dropdowns asked the sandbox, with the credential's token
		const paths = stack.sandbox.requests.map((r) => r.path);
		for (const p of ['/2025-09/sites', '/2025-09/unit_types', '/2025-09/protection_levels']) {
			assert.ok(paths.includes(p), `the editor loaded ${p} from Stora: ${paths}`);
		}
		assert.ok(stack.sandbox.requests.every((r) => r.headers.authorization === `Bearer ${stack.sandbox.token}`));
		await closeNode();
	});

	it('Get Many: Filters in the panel, "Execute step" runs it and shows the orders in the output table', async () => {
		await page.goto(`${stack.n8n.url}/workflow/${EX2_ID}`);
		await page.waitForSelector(`[data-test-id=canvas-node][data-node-type="${STORA_TYPE}"]`);
		await openNode('Unpaid website orders');

		const params = await page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => e.innerText);
		for (const label of ['Return All', 'Filters', 'Created Before', 'Metadata', 'Status']) {
			assert.ok(params.includes(label), `the panel shows "${label}"`);
		}
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'operation'), ['Get Many']);
		const status = await page.$eval('[data-test-id=parameter-input-status]', (e) => e.innerText);
		assert.match(status, /Finalized/);

		stack.sandbox.clearRequests();
		await page.click('[data-test-id=ndv] [data-test-id=node-execute-button]');
		await page.waitForSelector('[data-test-id=output-panel] [data-test-id=node-run-status-success]', { timeout: 60_000 });
		await page.click('[data-test-id=output-panel] [data-test-id=radio-button-table]').catch(() => {});
		await page.waitForSelector('[data-test-id=output-panel] table');

		const seeded = stack.SEED.orders.finalized;
		const expected = stack.sandbox.listOrders().filter(
			(o) => o.status === 'finalized' && o.metadata.source === 'website' && Date.parse(o.created_at) < Date.now() - 2 * 86_400_000,
		);
		assert.deepEqual(expected.map((o) => o.id), [seeded]);
		const output = await page.$eval('[data-test-id=output-panel]', (e) => e.innerText);
		assert.match(output, /1 item/);
		for (const column of ['id', 'status', 'payment_url', 'contact', 'metadata']) {
			assert.ok(new RegExp(`(^|\\n)${column}(\\n|\\t|$)`).test(output), `the table has a "${column}" column`);
		}
		assert.ok(output.includes(seeded), 'the table shows the order ID');
		assert.ok(output.includes(expected[0].payment_url), 'the table shows the payment URL');
		assert.ok(output.includes('jane.smith@example.com'), 'the expanded contact is shown');

		// "Execute step" sent the one request the filters describe
		const lists = stack.sandbox.requests.filter((r) => r.path === '/2025-09/orders');
		assert.equal(lists.length, 1);
		assert.equal(lists[0].query.status, 'finalized');
		assert.deepEqual(lists[0].query.metadata, { source: 'website' });
		assert.equal(lists[0].query.expand, 'contact');
		await shoot('editor-get-many-output.png');
		await closeNode();
	});

	it('Get: the order ID in the panel, "Execute step" runs it and shows that order in the output', async () => {
		await page.goto(`${stack.n8n.url}/workflow/${GET_ID}`);
		await page.waitForSelector(`[data-test-id=canvas-node][data-node-type="${STORA_TYPE}"]`);
		const canvas = await page.$eval('[data-test-id=canvas-node][data-node-name="Get order"]', (e) => e.innerText);
		assert.match(canvas, /get: order/i, 'the subtitle names the operation');
		await openNode('Get order');

		const seeded = stack.SEED.orders.finalized;
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'resource'), ['Order']);
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'operation'), ['Get']);
		const credential = await page.$eval('[data-test-id=node-credentials-select] input', (e) => e.value);
		assert.equal(credential, 'Stora sandbox');
		const mode = await page.$eval('[data-test-id=ndv] [data-test-id=rlc-mode-selector] input', (e) => e.value);
		assert.equal(mode, 'By ID');
		const orderId = await page.$eval('[data-test-id=ndv] input[data-test-id=rlc-input]', (e) => e.value);
		assert.equal(orderId, seeded);

		stack.sandbox.clearRequests();
		await page.click('[data-test-id=ndv] [data-test-id=node-execute-button]');
		await page.waitForSelector('[data-test-id=output-panel] [data-test-id=node-run-status-success]', { timeout: 60_000 });
		await page.click('[data-test-id=output-panel] [data-test-id=radio-button-table]').catch(() => {});
		await page.waitForSelector('[data-test-id=output-panel] table');

		const order = stack.sandbox.listOrders().find((o) => o.id === seeded);
		assert.equal(order.status, 'finalized');
		const output = await page.$eval('[data-test-id=output-panel]', (e) => e.innerText);
		assert.match(output, /1 item/);
		// the one row of the table, by column: that order, its status, payment URL and expanded contact
		const row = await page.$eval('[data-test-id=output-panel] table', (table) => {
			const head = [...table.querySelectorAll('thead th')].map((th) => th.innerText.trim().split('\n')[0].trim());
			const cells = [...table.querySelectorAll('tbody tr')[0].querySelectorAll('td')].map((td) => td.innerText.trim());
			return Object.fromEntries(head.map((h, i) => [h, cells[i]]));
		});
		assert.equal(row.id, seeded, `the "id" column shows the order: ${JSON.stringify(row)}`);
		assert.equal(row.status, 'finalized', 'the "status" column shows its status');
		assert.equal(row.payment_url, order.payment_url, 'the "payment_url" column shows its payment URL');
		assert.match(row.contact, /jane\.smith@example\.com/, 'the expanded contact is shown');

		// "Execute step" sent one request: that order, with the example's "Expand: Contact"
		const gets = stack.sandbox.requests.filter((r) => r.path.startsWith('/2025-09/orders'));
		assert.deepEqual(gets.map((r) => `${r.method} ${r.path}`), [`GET /2025-09/orders/${seeded}`]);
		assert.equal(gets[0].query.expand, 'contact');
		assert.equal(gets[0].headers.authorization, `Bearer ${stack.sandbox.token}`);

		// the screenshot: the Schema view with the order's objects folded, so its id and status show together
		const schema = '[data-test-id=output-panel] [data-test-id=run-data-schema-item]';
		await page.click('[data-test-id=output-panel] [data-test-id=radio-button-schema]');
		await page.waitForSelector(`${schema} [data-path=".id"]`);
		const expanded = page
			.locator(schema)
			.filter({ has: page.locator('[data-test-id=run-data-schema-node-name][data-nest-level="0"]') })
			.locator('.toggle:has(.collapse-icon:not(.collapsed))');
		for (let i = 0; i < 30 && (await expanded.count()); i++) await expanded.first().click();
		await page.$eval('[data-test-id=output-panel] .vue-recycle-scroller', (e) => e.scrollTo(0, 0));
		await page.waitForSelector(`${schema} [data-path=".id"]`);
		await page.waitForFunction(() =>
			[...document.querySelectorAll('[data-test-id=output-panel] .collapse-icon')].every((e) => e.getAnimations().length === 0),
		);
		const field = (name) =>
			page.$eval(`${schema}:has([data-path=".${name}"]) [data-test-id=run-data-schema-item-value]`, (e) => e.innerText.trim());
		assert.equal(await field('id'), seeded);
		assert.equal(await field('status'), 'finalized');
		const panel = await page.locator('[data-test-id=output-panel]').boundingBox();
		for (const name of ['id', 'status']) {
			const box = await page.locator(`${schema}:has([data-path=".${name}"])`).boundingBox();
			assert.ok(box.y >= panel.y && box.y + box.height <= panel.y + panel.height, `the "${name}" row is on screen`);
		}
		await shoot('editor-get-output.png');
		await closeNode();
	});
	/**
	 * The entries of the open resource-locator list (From List). n8n always lists the chosen entry first,
	 * whatever the search; `{ unselected: true }` leaves it out, so what the search found remains.
	 */
	const rlcItems = ({ unselected = false } = {}) =>
		page.$$eval(
			'[data-test-id=rlc-item]',
			(els, skipSelected) =>
				els
					.filter((e) => e.offsetParent !== null && !(skipSelected && /(^|\s)_selected_/.test(e.className)))
					.map((e) => e.innerText.trim()),
			unselected,
		);
	const waitForRlcItems = async (expected, options = {}) => {
		const started = Date.now();
		let items;
		while (Date.now() - started < 15_000) {
			items = await rlcItems(options);
			if (JSON.stringify(items) === JSON.stringify(expected)) return;
			await new Promise((r) => setTimeout(r, 200));
		}
		assert.deepEqual(items, expected);
	};
	const searchRlc = async (text) => {
		const search = page.locator('input[data-test-id=rlc-search]:visible, [data-test-id=rlc-search]:visible input').first();
		await search.fill(text);
	};
	const pickOption = async (parameter, label) => {
		await page.click(`[data-test-id=ndv] [data-test-id=parameter-input-${parameter}]`);
		const option = page.locator('.el-select-dropdown__item:visible', { hasText: label }).first();
		await option.waitFor();
		await option.click();
	};

	it('version 2 Create (example 4): the Site picker lists the sandbox’s sites by name, and search filters them', async () => {
		await page.goto(`${stack.n8n.url}/workflow/${EX4_ID}`);
		await page.waitForSelector(`[data-test-id=canvas-node][data-node-type="${STORA_TYPE}"]`);
		const storaNodes = await page.$$eval(`[data-test-id=canvas-node][data-node-type="${STORA_TYPE}"]`, (els) => els.map((e) => e.getAttribute('data-node-name')));
		assert.deepEqual(storaNodes.sort(), ['Add the unit', 'Create draft order', 'Finalize order', 'Set the move-in date', 'Validate again', 'Validate order']);

		stack.sandbox.clearRequests();
		await openNode('Create draft order');
		const site = '[data-test-id=ndv] [data-test-id=resource-locator-siteId]';
		assert.equal(await page.$eval(`${site} [data-test-id=rlc-mode-selector] input`, (e) => e.value), 'From list');
		assert.equal(await page.$eval(`${site} [data-test-id=rlc-input]`, (e) => e.value ?? e.innerText), 'Camden · London');
		const params = await page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => e.innerText);
		for (const label of ['Site', 'Contact', 'Line Items', 'Finalize Immediately', 'Simplify']) {
			assert.ok(params.includes(label), `the panel shows "${label}"`);
		}
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'contactMode'), ['New Contact']);

		// From List: every site by name (and city), from Stora through the credential
		await page.click(`${site} [data-test-id=rlc-input]`);
		await waitForRlcItems(['Camden · London', 'Leeds Central · Leeds']);
		assert.ok(stack.sandbox.requests.some((r) => r.path === '/2025-09/sites'), 'the picker read the sites from Stora');
		await settled();
		await shoot('editor-create-v2-pickers.png');
		// search filters them (by name or city, any case); n8n keeps the chosen Camden on top of every search
		await searchRlc('leeds');
		await waitForRlcItems(['Leeds Central · Leeds'], { unselected: true });
		await waitForRlcItems(['Camden · London', 'Leeds Central · Leeds']);
		await searchRlc('LONDON');
		await waitForRlcItems([], { unselected: true });
		await searchRlc('Central');
		await waitForRlcItems(['Leeds Central · Leeds'], { unselected: true });
		await page.keyboard.press('Escape');
		assert.equal(await page.$eval(`${site} [data-test-id=rlc-input]`, (e) => e.value ?? e.innerText), 'Camden · London', 'the choice stays');
	});

	it('version 2 Create: Contact → Existing Contact shows the contact picker, which searches through Stora', async () => {
		// (the panel of "Create draft order" is still open)
		await pickOption('contactMode', 'Existing Contact');
		const contact = '[data-test-id=ndv] [data-test-id=resource-locator-contactId]';
		await page.waitForSelector(contact);
		assert.equal(await page.$('[data-test-id=ndv] [data-test-id=parameter-input-fullName]'), null, 'the inline contact fields are gone');
		const params = await page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => e.innerText);
		assert.match(params, /Sent as contact: \{id\}/, 'the hint says how the contact is sent');

		stack.sandbox.clearRequests();
		await page.click(`${contact} [data-test-id=rlc-input]`);
		// every contact by name, with email and phone, A to Z
		const label = (c) => [c.full_name, c.email, c.phone_number].filter(Boolean).join(' · ');
		const contacts = [...stack.sandbox.store.contacts].sort((a, b) => a.full_name.localeCompare(b.full_name));
		await waitForRlcItems(contacts.map(label));
		const jane = contacts.find((c) => c.id === stack.SEED.contacts.jane);
		await searchRlc('smith');
		await waitForRlcItems([label(jane)]);
		// the search is Stora's own (GET /contacts?search=…), not a filter over one page
		const searches = stack.sandbox.requests.filter((r) => r.path === '/2025-09/contacts' && r.query.search);
		assert.ok(searches.some((r) => r.query.search === 'smith'), JSON.stringify(stack.sandbox.requests.map((r) => [r.path, r.query])));
		await settled();
		await shoot('editor-existing-contact.png');

		await page.locator('[data-test-id=rlc-item]:visible').first().click();
		assert.match(await page.$eval(`${contact} [data-test-id=rlc-input]`, (e) => e.value ?? e.innerText), /^Jane Smith/);
		await closeNode();
	});

	it('Order → Update (example 4’s "Set the move-in date"): Update Fields with Starts At, and the fields that can be added', async () => {
		await openNode('Set the move-in date');
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'resource'), ['Order']);
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'operation'), ['Update']);
		const params = await page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => e.innerText);
		assert.match(params, /Stora changes only draft orders/);
		assert.match(params, /Update Fields/);
		assert.match(params, /Starts At/);
		assert.ok(params.includes("{{ $('Booking details').item.json.move_in_date }}"), 'Starts At comes from the booking details');

		// Update Fields' "Add Field" (the first collection of the panel; Options is the second)
		await page.locator('[data-test-id=ndv] [data-test-id=collection-parameter-add]').first().click();
		const menu = page.locator('.el-select-dropdown__item:visible');
		await menu.first().waitFor();
		const fields = (await menu.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		for (const field of [
			'Billing Period',
			'Booking Confirmation Email',
			'Contract Template',
			'Coupon',
			'Metadata',
			'Metadata (JSON)',
			'Move-In Day Email',
			'Payment Method',
			'Purchase Order Number',
			'Remove Metadata Keys',
			'Start Immediately',
		]) {
			assert.ok(fields.includes(field), `Add Field offers "${field}": ${fields}`);
		}
		await settled();
		await shoot('editor-update-fields.png');
		await page.keyboard.press('Escape');
		await closeNode();
	});

	it('Line Item → Create (example 4’s "Add the unit") shows its unit type by name; Line Item → Update’s picker lists the order’s line items', async () => {
		await openNode('Add the unit');
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'resource'), ['Line Item']);
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'operation'), ['Create']);
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'type'), ['Unit Type']);
		await page.waitForFunction(() => document.querySelector('[data-test-id=ndv] [data-test-id=parameter-input-unitTypeId] input')?.value === 'Small (35 sq ft)');
		await closeNode();

		// a seeded draft with four line items, its Line Item not picked yet
		await page.goto(`${stack.n8n.url}/workflow/${LINE_ITEM_ID}`);
		await page.waitForSelector(`[data-test-id=canvas-node][data-node-type="${STORA_TYPE}"]`);
		stack.sandbox.clearRequests();
		await openNode('Change a line item');
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'resource'), ['Line Item']);
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'operation'), ['Update']);
		const lineItem = '[data-test-id=ndv] [data-test-id=resource-locator-lineItemId]';
		await page.click(`${lineItem} [data-test-id=rlc-input]`);
		await page.waitForFunction(() => [...document.querySelectorAll('[data-test-id=rlc-item]')].filter((e) => e.offsetParent !== null).length === 4);
		const items = await rlcItems();
		const order = stack.sandbox.listOrders().find((o) => o.id === stack.SEED.orders.draftReady);
		assert.deepEqual(items.map((t) => t.split(' · ').pop()), order.line_items.map((l) => l.id), 'each line item of the order, by ID');
		assert.match(items[0], /^Locker \(15 sq ft\) · unit_type × 1 · £/);
		assert.ok(items.some((t) => /^Cover up to £2,500\.00 · protection × 1/.test(t)), JSON.stringify(items));
		assert.ok(items.some((t) => / · product × 2 · /.test(t)), JSON.stringify(items));
		assert.ok(items.some((t) => /^Locker \(15 sq ft\) · security_deposit × 1/.test(t)), JSON.stringify(items));
		assert.ok(
			stack.sandbox.requests.some((r) => r.path === `/2025-09/orders/${order.id}` && /line_items\.item/.test(String(r.query.expand))),
			'the picker read the order with its line items’ items',
		);
		await settled();
		await shoot('editor-line-item-picker.png');
		await page.keyboard.press('Escape');
		await closeNode();
	});

	it('Unit → Remove Overlock (example 7) and Unit → Get Many with its Filters (example 9) in the panel', async () => {
		await page.goto(`${stack.n8n.url}/workflow/${EX7_ID}`);
		await page.waitForSelector(`[data-test-id=canvas-node][data-node-name="Remove the overlock"]`);
		await openNode('Remove the overlock');
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'resource'), ['Unit']);
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'operation'), ['Remove Overlock']);
		let params = await page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => e.innerText);
		assert.match(params, /Removes the overlock from every overlocked unit of the contact/, 'the notice says what it does');
		assert.ok(params.includes('Contact'), params);
		await settled();
		await shoot('editor-remove-overlock.png');
		await closeNode();

		await page.goto(`${stack.n8n.url}/workflow/${EX9_ID}`);
		await page.waitForSelector(`[data-test-id=canvas-node][data-node-name="Free units at the site"]`);
		await openNode('Free units at the site');
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'resource'), ['Unit']);
		assert.deepEqual(await inputValues('[data-test-id=ndv]', 'operation'), ['Get Many']);
		params = await page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => e.innerText);
		for (const label of ['Return All', 'Filters', 'Site IDs', 'Statuses', 'Available']) {
			assert.ok(params.includes(label), `the panel shows "${label}":\n${params}`);
		}
		await settled();
		await shoot('editor-unit-filters.png');
		await closeNode();
	});

	it('Stora Trigger (example 6): Events with Order Created, the credential, and the production URL Stora is given', async () => {
		const trigger = loadExamples().find((e) => e.workflow.id === EX6_ID).workflow.nodes.find((n) => n.type === TRIGGER_TYPE);
		await page.goto(`${stack.n8n.url}/workflow/${EX6_ID}`);
		await page.waitForSelector(`[data-test-id=canvas-node][data-node-type="${TRIGGER_TYPE}"]`);
		const canvas = await page.$eval(`[data-test-id=canvas-node][data-node-name="${trigger.name}"]`, (e) => e.innerText);
		assert.match(canvas, /order\.created/, 'the subtitle names the event');
		stack.sandbox.clearRequests();
		await openNode(trigger.name);

		// (n8n shows no Authentication dropdown while the chosen credential type is the default one)
		const credential = await page.$eval('[data-test-id=node-credentials-select] input', (e) => e.value);
		assert.equal(credential, 'Stora sandbox');
		const events = await page.$eval('[data-test-id=ndv] [data-test-id=parameter-input-events]', (e) => e.innerText);
		assert.deepEqual(events.split('\n').map((t) => t.trim()).filter(Boolean), ['Order Created'], 'Events: Order Created only');
		const params = await page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => e.innerText);
		for (const label of ['Credential to connect with', 'Events', 'Other Event Types', 'Options']) {
			assert.ok(params.includes(label), `the panel shows "${label}"`);
		}
		assert.match(params, /registers a webhook endpoint in Stora/, 'the notice says what activating does');

		// the Webhook URLs section: the production URL is the one activation registers at Stora
		const webhooks = '[data-test-id=ndv] .webhooks';
		const shownUrl = (url) =>
			page.waitForFunction(([sel, u]) => document.querySelector(`${sel} .webhook-url`)?.innerText.trim() === u, [webhooks, url]);
		await page.click(`${webhooks} .clickable.headline`);
		await shownUrl(`${stack.n8n.url}/webhook-test/${trigger.webhookId}/webhook`);
		await page.click(`${webhooks} [data-test-id=radio-button-production]`);
		await shownUrl(`${stack.n8n.url}/webhook/${trigger.webhookId}/webhook`);
		const urls = await page.$eval(webhooks, (e) => e.innerText);
		assert.match(urls, /Production URL/);
		assert.match(urls, /POST/);
		// opening the panel registers nothing at Stora (only activating or "Listen for test event" does)
		assert.deepEqual(stack.sandbox.requests.filter((r) => r.path.includes('webhook_endpoints')), []);
		await settled();
		await shoot('editor-trigger.png');
		await closeNode();
	});
});
