/**
 * The Stora Trigger through n8n-core's HookContext and WebhookContext, in a small n8n of this
 * process (test/helpers/trigger.ts), against the sandbox's webhook endpoints and its signed
 * deliveries over real HTTP.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { SEED } from '../../sandbox';
import { runWorkflow, storaNode } from '../helpers/engine';
import type { TriggerHost, TriggerHostOptions } from '../helpers/trigger';
import { startTriggerHost } from '../helpers/trigger';
import { useSandbox } from './sandbox';

const t = useSandbox({ webhookRetryScale: 0.0001 });

const hosts: TriggerHost[] = [];
afterEach(async () => {
	await Promise.all(hosts.splice(0).map(async (host) => await host.close()));
});

async function trigger(
	parameters: IDataObject = { events: ['order.created'] },
	options: Partial<TriggerHostOptions> = {},
): Promise<TriggerHost> {
	const host = await startTriggerHost({
		parameters: parameters as TriggerHostOptions['parameters'],
		credentials: { storaApi: t.credentials },
		...options,
	});
	hosts.push(host);
	return host;
}

const endpoints = () => t.sandbox.webhooks.endpoints() as IDataObject[];
const enabled = () => endpoints().filter((endpoint) => endpoint.status === 'enabled');
const stored = (host: TriggerHost) =>
	host.savedStaticData()['node:Stora Trigger'] as { endpoint?: IDataObject } | undefined;

async function createOrder(email = 'new.booker@example.com') {
	const result = await runWorkflow({
		nodes: [
			storaNode({
				resource: 'order',
				operation: 'create',
				siteId: SEED.sites.camden,
				contact: { fullName: 'New Booker', email },
				lineItems: {
					lineItem: [{ type: 'unit_type', unitTypeId: SEED.unitTypes.camdenLocker, quantity: 1 }],
				},
			}),
		],
		credentials: { storaApi: t.credentials },
	});
	expect(result.status).toBe('success');
	await t.sandbox.webhooks.idle();
	return result.json('Stora')[0];
}

describe('Stora Trigger: activation', () => {
	it('registers one endpoint for n8n’s URL and the chosen events, and keeps its secret', async () => {
		const host = await trigger({
			events: ['order.created', 'contact.created'],
			otherEventTypes: 'deal.lost',
		});
		await host.activate();

		const [endpoint] = endpoints();
		expect(endpoints()).toHaveLength(1);
		expect(endpoint).toMatchObject({
			url: host.productionUrl,
			api_version: '2025-09',
			status: 'enabled',
			event_types: ['contact.created', 'deal.lost', 'order.created'],
			metadata: {
				created_by: 'n8n',
				n8n_webhook: 'production',
				n8n_activation: expect.stringMatching(/^[0-9a-f-]{36}$/),
			},
		});
		expect(String(endpoint.name)).toMatch(/^n8n: /);
		expect(stored(host)?.endpoint).toMatchObject({ id: endpoint.id, secret: endpoint.secret });
		const create = t.requests().find((request) => request.method === 'POST');
		expect(create?.headers['idempotency-key']).toMatch(/^n8n-webhook_endpoint-create-/);
		expect(create?.status).toBe(201);
		// Stora's documented answer: `endpoint`, not the guessed `webhook_endpoint`.
		expect(t.requests().filter((request) => request.status >= 400)).toEqual([]);
	});

	it('finds its endpoint again after a restart instead of registering another', async () => {
		const host = await trigger();
		await host.activate();
		host.restart({ newProcess: true });
		await expect(host.activate('init')).resolves.toEqual({ existed: true });
		expect(endpoints()).toHaveLength(1);
	});

	it('replaces its endpoint when the events change, leaving one enabled', async () => {
		const host = await trigger();
		await host.activate();
		const first = stored(host)?.endpoint?.id;
		host.setParameters({ events: ['order.created', 'invoice.paid'] });
		await expect(host.activate()).resolves.toEqual({ existed: false });
		expect(enabled()).toHaveLength(1);
		expect(enabled()[0]).toMatchObject({ event_types: ['invoice.paid', 'order.created'] });
		expect(endpoints().find((endpoint) => endpoint.id === first)).toMatchObject({
			status: 'disabled',
		});
		// The earlier endpoint is retired before the new one is registered.
		const writes = t.requests().filter((request) => request.method === 'POST');
		expect(writes.map((request) => request.path)).toEqual([
			'/2025-09/webhook_endpoints',
			`/2025-09/webhook_endpoints/${first}/disable`,
			'/2025-09/webhook_endpoints',
		]);
	});

	it('retires an endpoint it registered but lost track of (static data not saved)', async () => {
		const host = await trigger();
		await host.activate();
		host.setSavedStaticData({});
		await host.activate();
		expect(enabled()).toHaveLength(1);
		expect(enabled()[0].id).toBe(stored(host)?.endpoint?.id);
	});

	it('still reads an answer under the earlier guessed keys, webhook_endpoint(s)', async () => {
		const legacy = { id: 'we_legacy0000000001', secret: 'a'.repeat(64), status: 'enabled' };
		t.sandbox.faults.add({
			method: 'GET',
			path: '/2025-09/webhook_endpoints',
			type: 'status',
			status: 200,
			body: { webhook_endpoints: [], meta: { pagination: { next: null, pages: 1 } } },
			times: 10,
		});
		t.sandbox.faults.add({
			method: 'POST',
			path: '/2025-09/webhook_endpoints',
			type: 'status',
			status: 201,
			body: { webhook_endpoint: legacy, meta: {} },
		});
		const host = await trigger();
		await host.activate();
		expect(stored(host)?.endpoint).toMatchObject({ id: legacy.id, secret: legacy.secret });
		t.sandbox.faults.clear();
	});

	it('never touches endpoints of another workflow, even at the same URL', async () => {
		const other = await trigger();
		await other.activate();
		const host = await trigger();
		await host.activate();
		await host.deactivate();
		expect(enabled()).toHaveLength(1);
		expect(enabled()[0].url).toBe(other.productionUrl);
	});

	it('disables its endpoint on deactivation (Stora has no delete): it stays, disabled', async () => {
		const host = await trigger();
		await host.activate();
		const first = String(stored(host)?.endpoint?.id);
		await host.deactivate();
		expect(endpoints()).toEqual([expect.objectContaining({ id: first, status: 'disabled' })]);
		expect(stored(host)?.endpoint).toBeUndefined();
		// Activating again registers a new endpoint; the old one is never enabled again.
		await host.activate();
		expect(enabled()).toHaveLength(1);
		expect(enabled()[0].id).not.toBe(first);
		expect(t.requests().filter((request) => request.method === 'DELETE')).toEqual([]);
		expect(t.requests().filter((request) => request.path.endsWith('/enable'))).toEqual([]);
	});

	it('refuses a plain-http n8n URL when Stora is not on this machine, before sending anything', async () => {
		const host = await trigger(
			{ events: ['order.created'] },
			{
				credentials: {
					storaApi: { ...t.credentials, baseUrl: 'https://public-api.stora.invalid' },
				},
				publicUrl: 'http://n8n.example.com',
			},
		);
		await expect(host.activate()).rejects.toMatchObject({
			message: 'Stora cannot deliver events to this n8n',
			description: expect.stringContaining('WEBHOOK_URL'),
		});
	});

	it('refuses an https n8n URL on localhost when Stora is not on this machine', async () => {
		const host = await trigger(
			{ events: ['order.created'] },
			{
				credentials: {
					storaApi: { ...t.credentials, baseUrl: 'https://public-api.stora.invalid' },
				},
				publicUrl: 'https://localhost:5678',
			},
		);
		await expect(host.activate()).rejects.toMatchObject({
			description: expect.stringContaining('cannot reach'),
		});
	});

	it('asks for an event when none is chosen, and checks typed ones', async () => {
		await expect((await trigger({ events: [] })).activate()).rejects.toMatchObject({
			message: 'Choose at least one event',
		});
		await expect(
			(await trigger({ events: [], otherEventTypes: 'unit.updated, Order Created' })).activate(),
		).rejects.toMatchObject({
			message: '"Order Created" is not a Stora event type',
			description: expect.stringMatching(/^"Order Created" is not a Stora event type/),
		});
		// Only n8n's clean-up after a failed activation looked for endpoints: nothing was registered.
		expect(t.requests().filter((request) => request.method !== 'GET')).toEqual([]);
		expect(endpoints()).toEqual([]);
	});

	it('registers and disables a separate endpoint for "Listen for test event"', async () => {
		const host = await trigger();
		await host.activate();
		await host.listenForTestEvent();
		expect(enabled().map((endpoint) => endpoint.url)).toEqual([host.productionUrl, host.testUrl]);
		const { deliveries } = await t.sandbox.webhooks.send({ type: 'order.created' });
		expect(deliveries.map((delivery: IDataObject) => delivery.status)).toEqual([200, 200]);
		expect(host.deliveries.map((delivery) => delivery.test).sort()).toEqual([false, true]);
		expect(host.executions).toHaveLength(2);
		await host.stopListening();
		expect(enabled().map((endpoint) => endpoint.url)).toEqual([host.productionUrl]);
		await host.deactivate();
		expect(enabled()).toEqual([]);
	});

	it('works with the OAuth2 credential', async () => {
		const host = await trigger(
			{ authentication: 'oAuth2', events: ['order.created'] },
			{
				credentials: {
					storaOAuth2Api: {
						clientId: 'sandbox-client',
						clientSecret: 'sandbox-secret',
						scope: 'public.webhook_endpoint:read public.webhook_endpoint:write',
						baseUrl: t.sandbox.url,
						requestsPerSecond: 10000,
						requestsPerMinute: 100000,
					},
				},
				nodeCredentials: { storaOAuth2Api: { id: '2', name: 'Stora OAuth' } },
			},
		);
		await host.activate();
		expect(enabled()).toHaveLength(1);
	});
});

/** The create request: processed by Stora, then the answer fails as `fault` says. */
const createFails = (fault: IDataObject) =>
	t.sandbox.faults.add({ method: 'POST', path: '/2025-09/webhook_endpoints', ...fault } as never);

describe('Stora Trigger: a failed activation leaves nothing enabled', () => {
	it.each([
		['Stora stored it, then answered 500', { type: 'status', status: 500, afterProcessing: true }],
		[
			'Stora stored it, then answered without the endpoint',
			{ type: 'malformed', afterProcessing: true, body: '{"meta":{}}' },
		],
	])('%s: the node disables what it made', async (_, fault) => {
		createFails(fault);
		const host = await trigger();
		const error = await host.activate('activate', { n8nCleanup: false }).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		const { message, description } = error as Error & { description: string };
		// Shown where n8n displays only the description.
		expect(description.startsWith(message)).toBe(true);
		expect(description).toContain('was disabled again');
		expect(endpoints()).toHaveLength(1);
		expect(enabled()).toEqual([]);
		// Activating again works, and leaves exactly one enabled.
		await host.activate();
		expect(enabled()).toHaveLength(1);
		expect(enabled()[0].id).toBe(stored(host)?.endpoint?.id);
	});

	it('the connection is lost after Stora stored it: the node disables it', async () => {
		createFails({ type: 'reset', afterProcessing: true });
		const host = await trigger();
		const activation = host.activate('activate', { n8nCleanup: false });
		// Once Stora has stored it, the connection stays down for the create request's retries.
		while (endpoints().length === 0) await sleep(5);
		createFails({ type: 'reset', times: 10 });
		await expect(activation).rejects.toMatchObject({
			message: 'Stora did not answer',
			description: expect.stringContaining('was disabled again'),
		});
		expect(endpoints()).toHaveLength(1);
		expect(enabled()).toEqual([]);
		t.sandbox.faults.clear();
	});

	it('"Listen for test event" that fails leaves nothing either', async () => {
		createFails({ type: 'status', status: 500, afterProcessing: true });
		const host = await trigger();
		await expect(host.listenForTestEvent()).rejects.toThrow();
		expect(endpoints()).toHaveLength(1);
		expect(enabled()).toEqual([]);
		await host.listenForTestEvent();
		await host.stopListening();
		expect(enabled()).toEqual([]);
	});

	it('names an Other Event Type Stora refuses exactly as typed, and leaves nothing', async () => {
		const host = await trigger({ events: ['order.created'], otherEventTypes: 'order.finalised' });
		await expect(host.activate('activate', { n8nCleanup: false })).rejects.toMatchObject({
			message: 'Stora does not know the event type "order.finalised"',
			description: expect.stringMatching(/^Stora does not know the event type "order\.finalised"/),
		});
		expect(enabled()).toEqual([]);
	});
});

describe('Stora Trigger: deliveries', () => {
	it('starts one execution with the event when an order is created', async () => {
		const host = await trigger();
		await host.activate();
		const order = await createOrder();

		expect(host.executions).toHaveLength(1);
		const [[event]] = host.executions;
		expect(Object.keys(event).sort()).toEqual(
			expect.arrayContaining(['api_version', 'created_at', 'data', 'id', 'type']),
		);
		expect(event).toMatchObject({
			type: 'order.created',
			api_version: '2025-09',
			data: { order: { id: order.id } },
		});
		expect(String(event.id)).toMatch(/^evt_/);
		const secret = String(stored(host)?.endpoint?.secret);
		expect(JSON.stringify(host.executions)).not.toContain(secret);
		expect(JSON.stringify(host.deliveries)).not.toContain(secret);
	});

	it('outputs only the resource when asked', async () => {
		const host = await trigger({ events: ['order.created'], options: { output: 'resource' } });
		await host.activate();
		const order = await createOrder();
		expect(host.executions).toEqual([[expect.objectContaining({ id: order.id, status: 'draft' })]]);
	});

	it('takes every documented event, with expanded objects and with or without api_version', async () => {
		const types = [
			'contact.churned',
			'contact.created',
			'contact.updated',
			'credit_note.created',
			'deal.lost',
			'deal.updated',
			'identity_verification.processing',
			'identity_verification.succeeded',
			'invoice.created',
			'invoice.paid',
			'order.created',
			'protection_level.created',
			'unit.updated',
		];
		const host = await trigger({ events: types });
		await host.activate();
		expect(enabled()[0].event_types).toEqual(types);
		for (const type of types) await t.sandbox.webhooks.send({ type });
		const sent = t.sandbox.webhooks.events() as IDataObject[];
		expect(host.executions.map(([event]) => event)).toEqual(sent);
		const deal = sent.find((event) => event.type === 'deal.updated')!;
		expect(deal.api_version).toBeUndefined();
		expect((deal.data as IDataObject).deal).toMatchObject({
			contact: { email: expect.any(String) },
			stage: { name: expect.any(String) },
		});
	});

	it.each([
		['identity_verification.succeeded', 'identity_verification'],
		['credit_note.created', 'credit_note'],
		['deal.lost', 'deal'],
		['unit.updated', 'unit'],
	])('outputs only the resource of %s: data.%s', async (type, key) => {
		const host = await trigger({ events: [type], options: { output: 'resource' } });
		await host.activate();
		const { event } = await t.sandbox.webhooks.send({ type });
		expect(host.executions).toEqual([[event.data[key]]]);
	});

	it('acknowledges an event type not chosen and starts nothing', async () => {
		const host = await trigger({ events: ['order.created'] });
		await host.activate();
		// Someone adds contact.created to the endpoint in BackOffice.
		const id = String(enabled()[0].id);
		await fetch(`${t.sandbox.url}/2025-09/webhook_endpoints/${id}`, {
			method: 'PATCH',
			headers: { authorization: `Bearer ${t.sandbox.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ event_types: ['order.created', 'contact.created'] }),
		});
		const { deliveries } = await t.sandbox.webhooks.send({ type: 'contact.created' });
		expect(deliveries.map((delivery: IDataObject) => delivery.status)).toEqual([200]);
		expect(host.executions).toEqual([]);
	});

	it.each([
		['wrong_secret', 'signature does not match'],
		['tampered_body', 'signature does not match'],
		['stale', 'signature timestamp outside the tolerance'],
		['future', 'signature timestamp outside the tolerance'],
		['missing_header', 'missing signature header'],
		['malformed_header', 'malformed signature header'],
	])('answers a delivery with a %s 401 and starts nothing', async (forgery, reason) => {
		const host = await trigger();
		await host.activate();
		const { deliveries } = await t.sandbox.webhooks.forge({ forgery });
		expect(deliveries.map((delivery: IDataObject) => delivery.status)).toEqual([401]);
		expect(host.deliveries).toEqual([expect.objectContaining({ status: 401, started: false })]);
		expect(host.deliveries[0].body).toContain(reason);
		expect(host.executions).toEqual([]);
	});

	it('refuses every delivery when it holds no endpoint secret', async () => {
		const host = await trigger();
		await host.activate();
		host.setSavedStaticData({});
		const { deliveries } = await t.sandbox.webhooks.send({ type: 'order.created' });
		expect(deliveries.map((delivery: IDataObject) => delivery.status)).toEqual([401]);
		expect(host.executions).toEqual([]);
	});

	it.each([
		[200, {}, 200],
		[-200, {}, 200],
		[400, {}, 401],
		[-400, {}, 401],
		[400, { signatureTolerance: 600 }, 200],
	])('takes a signature %i s old with options %j: %i', async (ageSeconds, options, expected) => {
		const host = await trigger({ events: ['order.created'], options });
		await host.activate();
		const { deliveries } = await t.sandbox.webhooks.forge({ age_seconds: ageSeconds });
		expect(deliveries.map((delivery: IDataObject) => delivery.status)).toEqual([expected]);
		expect(host.executions).toHaveLength(expected === 200 ? 1 : 0);
	});

	it('runs a redelivered event once, in this process and after a restart', async () => {
		const host = await trigger();
		await host.activate();
		const { event } = await t.sandbox.webhooks.send({ type: 'order.created' });
		const replay = await t.sandbox.webhooks.replay(event.id);
		expect(replay.deliveries.map((delivery: IDataObject) => delivery.status)).toEqual([200]);
		host.restart({ newProcess: true });
		await t.sandbox.webhooks.replay(event.id);
		expect(host.executions).toHaveLength(1);
		expect(host.deliveries.map((delivery) => delivery.started)).toEqual([true, false, false]);
	});

	it('runs it once even when a concurrent save lost the record, in the same process', async () => {
		const host = await trigger();
		await host.activate();
		const before = host.savedStaticData();
		const { event } = await t.sandbox.webhooks.send({ type: 'order.created' });
		host.setSavedStaticData(before);
		await t.sandbox.webhooks.replay(event.id);
		expect(host.executions).toHaveLength(1);
	});

	it('takes a retry of a delivery it refused (each attempt signed afresh), once', async () => {
		const host = await trigger();
		await host.activate();
		const saved = host.savedStaticData();
		host.setSavedStaticData({});
		const { event, deliveries } = await t.sandbox.webhooks.send({ type: 'order.created' });
		expect(deliveries.map((delivery: IDataObject) => delivery.status)).toEqual([401]);
		host.setSavedStaticData(saved);
		for (let i = 0; i < 200 && host.executions.length === 0; i++) {
			await sleep(10);
		}
		await t.sandbox.webhooks.idle();
		expect(host.executions.map(([item]) => item.id)).toEqual([event.id]);
		expect(host.deliveries.map((delivery) => delivery.status)).toEqual([401, 200]);
	});
});
