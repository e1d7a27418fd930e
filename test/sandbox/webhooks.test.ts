/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call, waitFor } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	at: number;
}

/** A real-time clock that tests can move forward (so `t` and `updated_at` change on demand). */
let shift = 0;
const now = () => Date.now() + shift;
const nowSeconds = () => Math.floor(now() / 1000);

/** The receiving end: records every delivery and answers what `respond` says (default 200). */
const received: Received[] = [];
let respond: (r: Received) => number | Promise<number> = () => 200;
const receiver = http.createServer((req, res) => {
	const chunks: Buffer[] = [];
	req.on('data', (c: Buffer) => chunks.push(c));
	req.on('end', async () => {
		const r = {
			path: req.url ?? '',
			headers: req.headers,
			body: Buffer.concat(chunks).toString('utf8'),
			at: Date.now(),
		};
		received.push(r);
		const status = await respond(r);
		if (!res.destroyed) res.writeHead(status).end();
	});
});
let hookUrl = '';

/** What the Stora Trigger node must do: HMAC-SHA256(secret, "<t>.<raw body>") against v1. */
function verify(r: Received, secret: string): { ok: boolean; t: number | null } {
	const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['x-stora-signature'] ?? ''));
	if (!m) return { ok: false, t: null };
	const expected = crypto.createHmac('sha256', secret).update(`${m[1]}.${r.body}`).digest('hex');
	return { ok: crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(m[2])), t: Number(m[1]) };
}

const READ_ONLY = 'webhooks-read';
const NO_WEBHOOKS = 'orders-only';

describe('sandbox: webhook endpoints and signed deliveries', () => {
	// These tests read the replay header, which only replayHeader: true sends (Stora's docs name none).
	const t = sandboxPerFile({
		now,
		replayHeader: true,
		webhookRetryScale: 0.001,
		tokens: {
			[READ_ONLY]: ['public.webhook_endpoint:read'],
			[NO_WEBHOOKS]: ['public.order:read', 'public.order:write'],
		},
	});

	beforeAll(async () => {
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/stora`;
	});
	afterAll(async () => {
		receiver.closeAllConnections();
		await new Promise((resolve) => receiver.close(resolve));
	});
	beforeEach(() => {
		received.length = 0;
		respond = () => 200;
		shift = 0;
	});

	const api = (method: string, path: string, body?: unknown, token?: string) =>
		call(t.sb.url, method, `/2025-09${path}`, { body, token });
	const control = (method: string, path: string, body?: unknown) =>
		call(t.sb.url, method, `/__sandbox/${path}`, { body, token: null });
	const endpointBody = (over: Json = {}) => ({
		name: 'n8n',
		api_version: '2025-09',
		url: hookUrl,
		event_types: ['order.created'],
		...over,
	});
	const createEndpoint = async (over: Json = {}): Promise<Json> => {
		const res = await api('POST', '/webhook_endpoints', endpointBody(over));
		expect(res.status).toBe(201);
		return res.body.endpoint;
	};
	const pointers = (res: { body: Json }) => res.body.error.details.map((d: Json) => d.pointer);
	const eventOf = (r: Received) => JSON.parse(r.body).event;

	it('creates an endpoint (201) under `endpoint`, as documented; the secret is in that answer only', async () => {
		const res = await api(
			'POST',
			'/webhook_endpoints',
			endpointBody({ description: 'for n8n', metadata: { team: 'ops', gone: null } }),
		);
		expect(res.status).toBe(201);
		expect(Object.keys(res.body)).toEqual(['endpoint', 'meta']);
		const ep = res.body.endpoint;
		expect(Object.keys(ep)).toEqual([
			'id',
			'api_version',
			'created_at',
			'updated_at',
			'creator',
			'description',
			'disabled_at',
			'event_types',
			'metadata',
			'name',
			'secret',
			'status',
			'url',
		]);
		expect(ep).toMatchObject({
			id: expect.stringMatching(/^we_[0-9a-z]{16}$/),
			api_version: '2025-09',
			created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
			creator: { id: 'app_sandbox' },
			description: 'for n8n',
			disabled_at: null,
			event_types: ['order.created'],
			metadata: { team: 'ops' },
			name: 'n8n',
			secret: expect.stringMatching(/^[0-9a-f]{64}$/),
			status: 'enabled',
			url: hookUrl,
		});
		expect(ep.updated_at).toBe(ep.created_at);
		const shown = await api('GET', `/webhook_endpoints/${ep.id}`);
		expect(Object.keys(shown.body)).toEqual(['endpoint', 'meta']);
		expect(shown.body.endpoint).toEqual({ ...ep, secret: null });
		const listed = await api('GET', '/webhook_endpoints');
		expect(Object.keys(listed.body)).toEqual(['endpoints', 'meta']);
		expect(listed.body.endpoints).toEqual([{ ...ep, secret: null }]);
		expect(t.sb.webhooks.endpoints()).toEqual([ep]);
		expect((await control('GET', 'webhook_endpoints')).body).toEqual([ep]);
		const bare = await createEndpoint({ event_types: ['contact.created'] });
		expect(bare).toMatchObject({ description: null, metadata: {} });
		expect(bare.secret).not.toBe(ep.secret);
		expect(t.sb.requests.map((r) => [r.method, r.path, r.status])).toContainEqual([
			'POST',
			'/2025-09/webhook_endpoints',
			201,
		]);
	});

	it('requires https://, or http:// to a loopback host; validates every field with pointers', async () => {
		const urls = [
			'https://hooks.example.invalid/stora',
			'http://localhost:5678/webhook/x',
			'http://127.0.0.2/x',
			'http://[::1]:5678/x',
		];
		for (const url of urls) expect((await createEndpoint({ url })).url).toBe(url);
		for (const url of [
			'http://example.com/x',
			'http://10.0.0.1/x',
			'ftp://x.test',
			'https://',
			7,
		]) {
			const res = await api('POST', '/webhook_endpoints', endpointBody({ url }));
			expect(res.status).toBe(422);
			expect(res.body.error.code).toBe('invalid_content');
			expect(pointers(res)).toEqual(['/url']);
		}
		const bad = await api('POST', '/webhook_endpoints', {
			api_version: '2024-01',
			event_types: ['order.created', 'order.exploded'],
			metadata: { 'Bad Key': 'v' },
			colour: 'red',
		});
		expect(bad.status).toBe(422);
		expect(pointers(bad).sort()).toEqual(
			['/api_version', '/colour', '/event_types/1', '/metadata/Bad Key', '/name', '/url'].sort(),
		);
		const empty = await api('POST', '/webhook_endpoints', endpointBody({ event_types: [] }));
		expect(pointers(empty)).toEqual(['/event_types']);
		expect(t.sb.store.webhook_endpoints).toHaveLength(urls.length);
	});

	it('lists with paging, sort, status (comma, repeated or status[]) and metadata filters', async () => {
		const a = await createEndpoint({ metadata: { team: 'ops' } });
		const b = await createEndpoint({ metadata: { team: 'web' } });
		const c = await createEndpoint({ metadata: { team: 'ops' } });
		await api('POST', `/webhook_endpoints/${b.id}/disable`);
		const ids = async (query: string) => {
			const res = await api('GET', `/webhook_endpoints${query}`);
			expect(res.status).toBe(200);
			expect(res.body.endpoints.every((e: Json) => e.secret === null)).toBe(true);
			return res.body.endpoints.map((e: Json) => e.id);
		};
		expect(await ids('')).toEqual([c.id, b.id, a.id]);
		expect(await ids('?sort_direction=ASC')).toEqual([a.id, b.id, c.id]);
		expect(await ids('?status=enabled')).toEqual([c.id, a.id]);
		expect(await ids('?status[]=disabled')).toEqual([b.id]);
		expect(await ids('?status=enabled,disabled')).toHaveLength(3);
		expect(await ids('?metadata[team]=ops')).toEqual([c.id, a.id]);
		expect(await ids('?metadata[team]=ops&status=disabled')).toEqual([]);
		expect(await ids('?sort_by=updated_at&sort_direction=DESC')).toEqual([c.id, b.id, a.id]);
		const page = await api('GET', '/webhook_endpoints?limit=2&page=2');
		expect(page.body.meta.pagination).toEqual({
			count: 3,
			last: 2,
			limit: 2,
			next: null,
			page: 2,
			pages: 2,
			prev: 1,
		});
		for (const query of ['?status=paused', '?sort_by=name', '?metadata=x']) {
			const res = await api('GET', `/webhook_endpoints${query}`);
			expect(res.status).toBe(422);
			expect(res.body.error.code).toBe('invalid_url_param');
		}
		const missing = await api('GET', '/webhook_endpoints/we_nope');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toMatchObject({
			code: 'resource_not_found',
			details: [{ pointer: '/webhook_endpoint_id' }],
		});
	});

	it('updates name, description, url, event_types and merges metadata; bumps updated_at', async () => {
		const ep = await createEndpoint({ description: 'd', metadata: { a: '1', b: '2' } });
		shift += 5000;
		const res = await api('PATCH', `/webhook_endpoints/${ep.id}`, {
			name: 'renamed',
			description: null,
			url: 'https://hooks.example.invalid/new',
			event_types: ['deal.updated', 'unit.updated'],
			metadata: { a: null, c: '3' },
		});
		expect(res.status).toBe(200);
		expect(res.body.endpoint).toEqual({
			...ep,
			name: 'renamed',
			description: null,
			url: 'https://hooks.example.invalid/new',
			event_types: ['deal.updated', 'unit.updated'],
			metadata: { b: '2', c: '3' },
			secret: null,
			updated_at: expect.any(String),
		});
		expect(res.body.endpoint.updated_at > ep.updated_at).toBe(true);
		const bad = await api('PATCH', `/webhook_endpoints/${ep.id}`, {
			url: 'http://example.com',
			event_types: ['order.finalized'],
			name: null,
			api_version: '2025-09',
		});
		expect(pointers(bad).sort()).toEqual(['/api_version', '/event_types/0', '/name', '/url']);
		expect(t.sb.webhooks.endpoints()[0].secret).toBe(ep.secret);
	});

	it('disables (idempotently); enable and delete are unknown routes, as in Stora’s reference', async () => {
		const ep = await createEndpoint();
		shift += 5000;
		const off = await api('POST', `/webhook_endpoints/${ep.id}/disable`);
		expect(off.status).toBe(200);
		expect(Object.keys(off.body)).toEqual(['endpoint', 'meta']);
		expect(off.body.endpoint).toMatchObject({ status: 'disabled', secret: null });
		expect(off.body.endpoint.disabled_at).toBe(off.body.endpoint.updated_at);
		expect(off.body.endpoint.updated_at > ep.updated_at).toBe(true);
		shift += 5000;
		const again = await api('POST', `/webhook_endpoints/${ep.id}/disable`);
		expect(again.status).toBe(200);
		expect(again.body.endpoint).toEqual(off.body.endpoint);
		expect(pointers(await api('POST', `/webhook_endpoints/${ep.id}/disable`, { x: 1 }))).toEqual([
			'/x',
		]);
		for (const [method, path] of [
			['POST', `/webhook_endpoints/${ep.id}/enable`],
			['DELETE', `/webhook_endpoints/${ep.id}`],
		]) {
			const res = await api(method, path, method === 'POST' ? {} : undefined);
			expect(res.status).toBe(404);
			expect(res.body.error).toMatchObject({
				code: 'invalid_endpoint',
				message: `The endpoint ${method} /2025-09${path} does not exist.`,
			});
		}
		expect((await api('GET', `/webhook_endpoints/${ep.id}`)).body.endpoint.status).toBe('disabled');
		expect(() => t.sb.setOptions({ deleteWebhookEndpoints: true } as never)).toThrow();
		expect((await control('POST', 'options', { webhookRetryScale: -1 })).status).toBe(400);
	});

	it('needs public.webhook_endpoint:read / :write (403 like other routes)', async () => {
		const ep = await createEndpoint();
		const routes: [string, string][] = [
			['GET', '/webhook_endpoints'],
			['POST', '/webhook_endpoints'],
			['GET', `/webhook_endpoints/${ep.id}`],
			['PATCH', `/webhook_endpoints/${ep.id}`],
			['POST', `/webhook_endpoints/${ep.id}/disable`],
		];
		for (const [method, path] of routes) {
			const res = await api(method, path, method === 'GET' ? undefined : {}, NO_WEBHOOKS);
			expect(res.status).toBe(403);
			expect(res.body.error.code).toBe('forbidden');
			const readOnly = await api(method, path, method === 'GET' ? undefined : {}, READ_ONLY);
			expect(readOnly.status).toBe(method === 'GET' ? 200 : 403);
			if (method !== 'GET') {
				expect(readOnly.body.error.details).toEqual([
					{ message: 'missing scope public.webhook_endpoint:write', pointer: null },
				]);
			}
		}
		expect(t.sb.store.webhook_endpoints).toHaveLength(1);
	});

	it('delivers order.created and contact.created, signed; an idempotent replay sends nothing more', async () => {
		const ep = await createEndpoint({ event_types: ['order.created', 'contact.created'] });
		const post = () =>
			call(t.sb.url, 'POST', '/2025-09/orders', {
				body: {
					site: { id: SEED.sites.camden },
					contact: { full_name: 'Hook', email: 'h@ex.org' },
				},
				headers: { 'Idempotency-Key': 'webhook-once' },
			});
		const res = await post();
		expect(res.status).toBe(201);
		await t.sb.webhooks.idle();
		expect(received).toHaveLength(2);
		const events = t.sb.webhooks.events();
		expect(events.map((e) => e.type)).toEqual(['contact.created', 'order.created']);
		const expand = 'contact,site,coupon,contract_template,line_items,line_items.item';
		const order = (await api('GET', `/orders/${res.body.order.id}?expand=${expand}`)).body.order;
		expect(order.contact).toMatchObject({ email: 'h@ex.org' });
		expect(order.site).toMatchObject({ id: SEED.sites.camden, name: expect.any(String) });
		const contact = (await api('GET', `/contacts/${order.contact.id}`)).body.contact;
		for (const r of received) {
			expect(r.path).toBe('/stora');
			expect(r.headers['content-type']).toBe('application/json');
			expect(r.headers['user-agent']).toBe('Stora-Webhooks/1.0');
			expect(r.headers['x-stora-request-id']).toMatch(/^[0-9a-f-]{36}$/);
			const { ok, t: ts } = verify(r, ep.secret);
			expect(ok).toBe(true);
			expect(Math.abs((ts as number) - nowSeconds())).toBeLessThan(5);
			const event = eventOf(r);
			expect(Object.keys(event)).toEqual(['id', 'type', 'api_version', 'created_at', 'data']);
			expect(event).toEqual(events.find((e) => e.id === event.id));
			expect(event.id).toMatch(/^evt_[0-9a-z]{16}$/);
			expect(event.api_version).toBe('2025-09');
			expect(event.data).toEqual(event.type === 'order.created' ? { order } : { contact });
		}
		expect(t.sb.webhooks.deliveries()).toEqual(
			expect.arrayContaining(
				received.map((r) => ({
					event_id: eventOf(r).id,
					event_type: eventOf(r).type,
					endpoint_id: ep.id,
					url: hookUrl,
					attempt: 1,
					request_id: r.headers['x-stora-request-id'],
					signature_ok: true,
					status: 200,
					error: null,
					at: expect.any(String),
				})),
			),
		);
		const replayed = await post();
		expect(replayed.headers.get('idempotent-replayed')).toBe('true');
		await t.sb.webhooks.idle();
		expect(received).toHaveLength(2);
		expect(t.sb.webhooks.events()).toHaveLength(2);
	});

	it('contact.created on POST /contacts, none for a reused inline contact; no undocumented order events', async () => {
		await createEndpoint({ event_types: ['contact.created', 'order.created'] });
		const created = await api('POST', '/contacts', { email: 'new@ex.org' });
		await api('POST', '/orders', {
			site: { id: SEED.sites.camden },
			contact: { email: 'NEW@ex.org', full_name: 'ignored' },
		});
		await api('POST', `/orders/${SEED.orders.draftReady}/finalize`, { finalize: {} });
		const done = t.sb.completeCheckout(SEED.orders.draftReady);
		expect(done).toMatchObject({ status: 'completed', tenancy: { id: expect.any(String) } });
		expect((await control('POST', `orders/${SEED.orders.draftEmpty}/complete`)).status).toBe(409);
		await t.sb.webhooks.idle();
		const events = t.sb.webhooks.events();
		// Stora documents no order.finalized or order.completed: finalizing and paying send nothing.
		expect(events.map((e) => e.type)).toEqual(['contact.created', 'order.created']);
		expect(events[0].data.contact).toEqual(created.body.contact);
		expect(received.map((r) => eventOf(r).type).sort()).toEqual(events.map((e) => e.type).sort());
		const refused = await api(
			'POST',
			'/webhook_endpoints',
			endpointBody({ event_types: ['order.finalized'] }),
		);
		expect(pointers(refused)).toEqual(['/event_types/0']);
	});

	it('takes the 13 documented event types and sends each as Stora’s examples show it', async () => {
		const types = [
			'order.created',
			'contact.created',
			'contact.updated',
			'contact.churned',
			'deal.updated',
			'deal.lost',
			'identity_verification.processing',
			'identity_verification.succeeded',
			'invoice.created',
			'invoice.paid',
			'credit_note.created',
			'protection_level.created',
			'unit.updated',
		];
		await createEndpoint({ event_types: types });
		const withoutVersion = [
			'identity_verification.processing',
			'identity_verification.succeeded',
			'protection_level.created',
			'invoice.created',
			'deal.updated',
		];
		for (const type of types) {
			const { event, deliveries } = await t.sb.webhooks.send({ type });
			expect(deliveries.map((d: Json) => d.status)).toEqual([200]);
			const key = type.split('.')[0];
			expect(Object.keys(event.data)).toEqual([key]);
			expect('api_version' in event).toBe(!withoutVersion.includes(type));
			const record = event.data[key];
			expect(record.id).toEqual(expect.any(String));
			// Related objects come expanded, not as {id} stubs.
			for (const relation of ['contact', 'site', 'assignee', 'stage']) {
				if (record[relation] && typeof record[relation] === 'object') {
					expect(Object.keys(record[relation]).length).toBeGreaterThan(1);
				}
			}
		}
		const order = t.sb.webhooks.events()[0].data.order;
		expect(order.contact).toMatchObject({ id: expect.any(String), email: expect.any(String) });
		expect(order.site).toMatchObject({ name: expect.any(String) });
		const deal = t.sb.webhooks.events()[4].data.deal;
		expect(deal.assignee).toEqual({
			id: expect.any(String),
			created_at: expect.any(String),
			email: expect.any(String),
			name: expect.any(String),
			updated_at: expect.any(String),
		});
		expect(t.sb.webhooks.events()[9].data.invoice.total).toEqual({
			amount: 12000,
			formatted: '£120.00',
		});
		expect(received.map((r) => eventOf(r).type)).toEqual(types);
	});

	it('never holds up the API answer for a slow receiver', async () => {
		await createEndpoint();
		let release = () => {};
		respond = () => new Promise((resolve) => (release = () => resolve(200)));
		const res = await api('POST', '/orders', { site: { id: SEED.sites.camden } });
		expect(res.status).toBe(201);
		expect(t.sb.webhooks.deliveries()).toEqual([]);
		await waitFor(() => received.length === 1);
		release();
		await t.sb.webhooks.idle();
		expect(t.sb.webhooks.deliveries().map((d) => d.status)).toEqual([200]);
	});

	it('skips disabled endpoints and unsubscribed types', async () => {
		await createEndpoint({ event_types: ['contact.created'] });
		const disabled = await createEndpoint();
		await api('POST', `/webhook_endpoints/${disabled.id}/disable`);
		const live = await createEndpoint({ url: `${hookUrl}?live` });
		await api('POST', '/orders', { site: { id: SEED.sites.camden } });
		await t.sb.webhooks.idle();
		expect(received.map((r) => r.path)).toEqual(['/stora?live']);
		expect(t.sb.webhooks.deliveries().map((d) => d.endpoint_id)).toEqual([live.id]);
	});

	it('retries on the scaled schedule until a 2xx: same event id, new request id and t', async () => {
		const ep = await createEndpoint();
		const statuses = [500, 503, 200];
		respond = () => {
			const status = statuses[received.length - 1];
			if (status !== 200) shift += 2000;
			return status;
		};
		const first = await t.sb.webhooks.send({ type: 'order.created' });
		expect(first.deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 500 })]);
		expect(first.event.data.order.id).toBe(t.sb.store.orders[t.sb.store.orders.length - 1].id);
		await waitFor(() => t.sb.webhooks.deliveries().length === 3);
		await t.sb.webhooks.idle();
		const log = t.sb.webhooks.deliveries();
		expect(log.map((d) => [d.attempt, d.status])).toEqual([
			[1, 500],
			[2, 503],
			[3, 200],
		]);
		expect(new Set(received.map((r) => eventOf(r).id))).toEqual(new Set([first.event.id]));
		expect(new Set(received.map((r) => r.body)).size).toBe(1);
		expect(new Set(log.map((d) => d.request_id)).size).toBe(3);
		const ts = received.map((r) => verify(r, ep.secret));
		expect(ts.every((v) => v.ok)).toBe(true);
		expect(ts[1].t).toBeGreaterThan(ts[0].t as number);
		expect(ts[2].t).toBeGreaterThan(ts[1].t as number);
		// 1 min and 5 min × 0.001 (lower bounds only: a timer never fires early)
		expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(55);
		expect(received[2].at - received[1].at).toBeGreaterThanOrEqual(290);
		expect(t.sb.webhooks.pendingRetries()).toBe(0);
	});

	it('gives up after 6 retries; connection errors are retried too', async () => {
		t.sb.setOptions({ webhookRetryScale: 0.00001 });
		try {
			await createEndpoint();
			respond = () => 500;
			await t.sb.webhooks.send({ type: 'order.created', orderId: SEED.orders.finalized });
			await waitFor(() => t.sb.webhooks.deliveries().length === 7);
			await t.sb.webhooks.idle();
			expect(t.sb.webhooks.pendingRetries()).toBe(0);
			expect(t.sb.webhooks.deliveries().map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
			t.sb.reset();
			const closed = http.createServer();
			await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
			const port = (closed.address() as AddressInfo).port;
			await new Promise((resolve) => closed.close(resolve));
			await createEndpoint({ url: `http://127.0.0.1:${port}/gone` });
			const sent = await t.sb.webhooks.send({ type: 'order.created' });
			expect(sent.deliveries[0]).toMatchObject({
				status: null,
				error: expect.stringMatching(/ECONNREFUSED/),
			});
			await waitFor(() => t.sb.webhooks.deliveries().length === 7);
		} finally {
			t.sb.setOptions({ webhookRetryScale: 0.001 });
		}
	});

	it('replays an event once with a fresh signature, no retries', async () => {
		const ep = await createEndpoint();
		const other = await createEndpoint({ event_types: ['contact.created'], url: `${hookUrl}?b` });
		const sent = await t.sb.webhooks.send({ type: 'order.created' });
		respond = () => 500;
		const again = await t.sb.webhooks.replay(sent.event.id);
		expect(again.event).toEqual(sent.event);
		expect(again.deliveries).toEqual([
			expect.objectContaining({ endpoint_id: ep.id, attempt: 2, status: 500, signature_ok: true }),
		]);
		expect(received[1].body).toBe(received[0].body);
		expect(received[1].headers['x-stora-request-id']).not.toBe(
			received[0].headers['x-stora-request-id'],
		);
		expect(verify(received[1], ep.secret).ok).toBe(true);
		expect(t.sb.webhooks.pendingRetries()).toBe(0);
		respond = () => 200;
		const named = await control('POST', `events/${sent.event.id}/replay`, {
			endpoint_id: other.id,
		});
		expect(named.status).toBe(200);
		expect(named.body.deliveries).toEqual([
			expect.objectContaining({ endpoint_id: other.id, attempt: 1, status: 200 }),
		]);
		expect(verify(received[2], other.secret).ok).toBe(true);
		expect((await control('POST', 'events/evt_nope/replay')).status).toBe(404);
	});

	it('forges each kind of bad signature, logged with signature_ok false and never retried', async () => {
		const ep = await createEndpoint();
		respond = (r) => (verify(r, ep.secret).ok ? 200 : 401);
		const forge = async (forgery: string | undefined, extra: Json = {}) => {
			const res = await t.sb.webhooks.forge({ forgery, endpointId: ep.id, ...extra });
			expect(res.deliveries).toHaveLength(1);
			expect(res.deliveries[0].signature_ok).toBe(false);
			return { res, r: received[received.length - 1] };
		};
		const header = (r: Received) => r.headers['x-stora-signature'];

		const wrong = await forge('wrong_secret');
		expect(header(wrong.r)).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
		expect(verify(wrong.r, ep.secret).ok).toBe(false);
		expect(wrong.res.deliveries[0].status).toBe(401);

		const tampered = await forge('tampered_body');
		expect(verify(tampered.r, ep.secret).ok).toBe(false);
		expect(eventOf(tampered.r).id).toBe(tampered.res.event.id);
		expect(eventOf(tampered.r).created_at).not.toBe(tampered.res.event.created_at);

		for (const [forgery, age] of [
			['stale', 3600],
			['future', -3600],
			[undefined, 120],
		] as const) {
			const { r } = await forge(forgery, forgery ? {} : { age_seconds: age });
			const v = verify(r, ep.secret);
			expect(v.ok).toBe(true);
			expect(Math.abs(nowSeconds() - age - (v.t as number))).toBeLessThan(5);
		}

		expect(header((await forge('missing_header')).r)).toBeUndefined();
		expect(header((await forge('malformed_header')).r)).toMatch(/^v1=[0-9a-f]{64}$/);

		const reused = await forge('wrong_secret', { eventId: wrong.res.event.id });
		expect(reused.res.event.id).toBe(wrong.res.event.id);
		const viaControl = await control('POST', 'deliveries/forged', { forgery: 'stale' });
		expect(viaControl.status).toBe(200);
		expect(viaControl.body.deliveries).toEqual([
			expect.objectContaining({ endpoint_id: ep.id, signature_ok: false, status: 200 }),
		]);
		expect((await control('POST', 'deliveries/forged', { forgery: 'lol' })).status).toBe(400);
		await t.sb.webhooks.idle();
		expect(t.sb.webhooks.pendingRetries()).toBe(0);
		expect(t.sb.webhooks.deliveries().every((d) => !d.signature_ok)).toBe(true);
	});

	it('control endpoints: send events, list events and deliveries, clear the log', async () => {
		await createEndpoint({ event_types: ['contact.created', 'invoice.paid'] });
		respond = () => 204;
		const sent = await control('POST', 'events', {
			type: 'contact.created',
			contact_id: SEED.contacts.jane,
		});
		expect(sent.status).toBe(201);
		expect(sent.body.event).toMatchObject({
			type: 'contact.created',
			data: { contact: { id: SEED.contacts.jane } },
		});
		expect(sent.body.deliveries).toEqual([expect.objectContaining({ status: 204, attempt: 1 })]);
		const paid = await control('POST', 'events', {
			type: 'invoice.paid',
			data: { invoice: { id: 'inv_1' } },
		});
		expect(paid.body.event.data).toEqual({ invoice: { id: 'inv_1' } });
		expect((await control('POST', 'events', { type: 'order.exploded' })).status).toBe(400);
		expect((await control('POST', 'events', { type: 'order.finalized' })).status).toBe(400);
		expect(
			(await control('POST', 'events', { type: 'order.created', order_id: 'order_x' })).status,
		).toBe(404);
		expect((await control('GET', 'events')).body.map((e: Json) => e.id)).toEqual([
			sent.body.event.id,
			paid.body.event.id,
		]);
		expect((await control('GET', 'deliveries')).body).toHaveLength(2);
		expect((await control('DELETE', 'deliveries')).status).toBe(200);
		expect((await control('GET', 'deliveries')).body).toEqual([]);
		expect(t.sb.webhooks.deliveries()).toEqual([]);
	});

	it('reset() removes endpoints, events and the log and cancels pending retries', async () => {
		await createEndpoint();
		respond = () => 500;
		await t.sb.webhooks.send({ type: 'order.created' });
		expect(t.sb.webhooks.pendingRetries()).toBe(1);
		t.sb.reset();
		expect(t.sb.webhooks.pendingRetries()).toBe(0);
		expect(t.sb.webhooks.endpoints()).toEqual([]);
		expect(t.sb.webhooks.events()).toEqual([]);
		expect(t.sb.webhooks.deliveries()).toEqual([]);
		// The retry was due after 60 ms; five times that passes without it.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(received).toHaveLength(1);
	});
});
