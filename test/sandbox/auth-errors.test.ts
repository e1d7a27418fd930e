import { SEED } from '../../sandbox';
import { sandboxPerFile } from '../helpers/sandbox';
import { call } from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sandbox: authentication, scopes and the error shape', () => {
	const t = sandboxPerFile({
		tokens: {
			'read-only': ['public.order:read'],
			'write-only': ['public.order:write'],
			'no-scopes': [],
			'orders-and-contacts': ['public.order:read', 'public.contact:read'],
		},
	});

	it('answers 401 invalid_token without a token, in Stora’s error shape', async () => {
		const res = await call(t.sb.url, 'GET', '/2025-09/orders', { token: null });
		expect(res.status).toBe(401);
		expect(res.body).toEqual({
			error: {
				code: 'invalid_token',
				type: 'invalid_request_error',
				message: expect.any(String),
				details: [],
				links: [
					{
						kind: 'open_api',
						name: 'OpenAPI specification',
						url: 'https://public-api.stora.co/2025-09/openapi.json',
					},
					{
						kind: 'documentation',
						name: 'Errors',
						url: 'https://docs.stora.co/public-api#overview--errors',
					},
				],
				request_id: expect.stringMatching(UUID),
			},
		});
		expect(res.headers.get('x-request-id')).toBe(res.body.error.request_id);
	});

	it('answers 401 for an unknown token and for a non-Bearer scheme', async () => {
		expect(
			(await call(t.sb.url, 'GET', '/2025-09/orders', { token: 'nope' })).body.error.code,
		).toBe('invalid_token');
		const basic = await call(t.sb.url, 'GET', '/2025-09/orders', {
			token: null,
			headers: { Authorization: 'Basic abc' },
		});
		expect(basic.status).toBe(401);
	});

	it('accepts the configured token and puts the request id in meta and X-Request-Id', async () => {
		const res = await call(t.sb.url, 'GET', `/2025-09/orders/${SEED.orders.draftReady}`);
		expect(res.status).toBe(200);
		expect(res.body.meta.request_id).toMatch(UUID);
		expect(res.headers.get('x-request-id')).toBe(res.body.meta.request_id);
		expect(res.body.meta.curies).toEqual([
			{ name: 'bo', href: 'https://app.stora.test{rel}', templated: true, title: 'Backoffice' },
			{ name: 'sf', href: 'https://acme.stora.test{rel}', templated: true, title: 'Storefront' },
		]);
	});

	it.each([
		['GET', '/2025-09/orders', 'write-only', 'public.order:read'],
		['GET', `/2025-09/orders/${SEED.orders.draftReady}`, 'write-only', 'public.order:read'],
		[
			'GET',
			`/2025-09/orders/${SEED.orders.draftReady}/validate`,
			'write-only',
			'public.order:read',
		],
		['POST', '/2025-09/orders', 'read-only', 'public.order:write'],
		[
			'POST',
			`/2025-09/orders/${SEED.orders.draftReady}/finalize`,
			'read-only',
			'public.order:write',
		],
		['GET', '/2025-09/sites', 'read-only', 'public.site:read'],
		['GET', '/2025-09/unit_types', 'read-only', 'public.unit_type:read'],
		['GET', '/2025-09/protection_levels', 'read-only', 'public.protection_level:read'],
		['GET', '/2025-09/products', 'read-only', 'public.product:read'],
		['GET', '/2025-09/coupons', 'read-only', 'public.coupon:read'],
		['GET', '/2025-09/contract_templates', 'read-only', 'public.contract_template:read'],
		['GET', '/2025-09/contacts', 'read-only', 'public.contact:read'],
	])('%s %s with token %s → 403 forbidden naming %s', async (method, path, token, scope) => {
		const before = t.sb.store.orders.length;
		const res = await call(t.sb.url, method, path, {
			token,
			body: method === 'POST' ? { site: { id: SEED.sites.camden } } : undefined,
		});
		expect(res.status).toBe(403);
		expect(res.body.error.code).toBe('forbidden');
		expect(res.body.error.type).toBe('invalid_request_error');
		expect(res.body.error.message).toContain(scope);
		expect(t.sb.store.orders.length).toBe(before);
	});

	it('needs each expanded resource’s read scope', async () => {
		const path = `/2025-09/orders/${SEED.orders.draftReady}`;
		expect(
			(await call(t.sb.url, 'GET', `${path}?expand=contact`, { token: 'orders-and-contacts' }))
				.status,
		).toBe(200);
		expect(
			(await call(t.sb.url, 'GET', `${path}?expand=line_items`, { token: 'read-only' })).status,
		).toBe(200);
		for (const [expand, scope] of [
			['contact', 'public.contact:read'],
			['site', 'public.site:read'],
			['coupon', 'public.coupon:read'],
			['contract_template', 'public.contract_template:read'],
			['line_items.item', 'public.unit_type:read'],
		]) {
			const res = await call(t.sb.url, 'GET', `${path}?expand=${expand}`, { token: 'read-only' });
			expect(res.status).toBe(403);
			expect(res.body.error.message).toContain(scope);
		}
	});

	it('checks expand scopes before creating anything', async () => {
		const before = t.sb.store.orders.length;
		const res = await call(t.sb.url, 'POST', '/2025-09/orders?expand=site', {
			token: 'write-only',
			body: { site: { id: SEED.sites.camden } },
		});
		expect(res.status).toBe(403);
		expect(t.sb.store.orders.length).toBe(before);
	});

	it('answers 404 invalid_endpoint for unknown routes and methods', async () => {
		for (const [method, path] of [
			['GET', '/2025-09/nothing'],
			['GET', '/orders'],
			['DELETE', `/2025-09/orders/${SEED.orders.draftReady}`],
			['PUT', `/2025-09/orders/${SEED.orders.draftReady}`],
			['DELETE', `/2025-09/contacts/${SEED.contacts.john}`],
			['GET', `/2025-09/orders/${SEED.orders.draftReady}/line_items/x/y`],
		]) {
			const res = await call(t.sb.url, method, path);
			expect(res.status).toBe(404);
			expect(res.body.error.code).toBe('invalid_endpoint');
		}
	});

	it('answers 404 resource_not_found for an unknown order', async () => {
		for (const suffix of ['', '/validate']) {
			const res = await call(t.sb.url, 'GET', `/2025-09/orders/order_0000000000000000${suffix}`);
			expect(res.status).toBe(404);
			expect(res.body.error.code).toBe('resource_not_found');
		}
		const fin = await call(t.sb.url, 'POST', '/2025-09/orders/order_0000000000000000/finalize', {
			body: { finalize: {} },
		});
		expect(fin.body.error.code).toBe('resource_not_found');
	});

	it('answers 400 invalid_request for a body that is not JSON or not an object', async () => {
		const bad = await call(t.sb.url, 'POST', '/2025-09/orders', { rawBody: '{"site": ' });
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatchObject({
			code: 'invalid_request',
			type: 'invalid_request_error',
		});
		const arr = await call(t.sb.url, 'POST', '/2025-09/orders', { body: [1, 2] });
		expect(arr.status).toBe(400);
		expect(arr.body.error.code).toBe('invalid_request');
	});
});
