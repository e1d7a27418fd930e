/**
 * Stora's ID bodies are not always hex (catalogue §1, §5 #36: `inv_195h6kfm9ro15lof`): every ID the node takes
 * is accepted with such a body and sent as given.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow, storaNode } from '../helpers/engine';
import { docResponses } from './docExamples';
import { type DocServer, startDocServer } from './docServer';

const ID = {
	order: 'order_k3m9x2qz7w1p5r8t',
	lineItem: 'olitm_zz9y8x7w6v5u4t3s',
	site: 'site_q8w7e6r5t4y3u2i1',
	contact: 'con_195h6kfm9ro15lof',
	coupon: 'cpn_a1b2c3d4e5f6g7h8',
	template: 'ctpl_a1b2c3d4e5f6g7h8',
	unitType: 'utype_m0n1b2v3c4x5z6l7',
	protection: 'plvl_p0o9i8u7y6t5r4e3',
	product: 'prod_w1e2r3t4y5u6i7o8',
};
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const createExample = docResponses().find((e) => e.page === 'create-an-order')!;

let server: DocServer;
beforeAll(async () => {
	// create answers with the doc's example; anything else is a 404, which is enough: the request was sent
	server = await startDocServer([
		{ method: 'POST', path: /^\/2025-09\/orders$/, status: 201, example: createExample },
	]);
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

async function run(parameters: INodeParameters, typeVersion = 2) {
	return await runWorkflow({
		nodes: [storaNode(parameters, { typeVersion })],
		credentials: {
			storaApi: {
				accessToken: 'doc-token',
				baseUrl: server.url,
				requestsPerSecond: 1000,
				requestsPerMinute: 100000,
			},
		},
	});
}

it('Order → Create sends site, contact, coupon, contract template and line item IDs with non-hex bodies', async () => {
	const result = await run({
		resource: 'order',
		operation: 'create',
		siteId: ID.site,
		contactMode: 'existing',
		contactId: byId(ID.contact),
		lineItems: {
			lineItem: [
				{ type: 'unit_type', unitTypeId: ID.unitType, quantity: 1 },
				{ type: 'protection', protectionLevelId: ID.protection, quantity: 1 },
				{ type: 'product', productId: ID.product, quantity: 1 },
			],
		},
		additionalFields: { couponId: ID.coupon, contractTemplateId: ID.template },
	});
	expect(result.error?.message).toBeUndefined();
	const posts = server.requests.filter((r) => r.method === 'POST');
	expect(posts).toHaveLength(1);
	const body = JSON.parse(posts[0].body);
	expect(body).toMatchObject({
		site: { id: ID.site },
		contact: { id: ID.contact },
		coupon: { id: ID.coupon },
		contract_template: { id: ID.template },
		line_items: [
			{ item: { id: ID.unitType } },
			{ item: { id: ID.protection } },
			{ item: { id: ID.product } },
		],
	});
});

it.each([
	[
		'Order → Get',
		{ resource: 'order', operation: 'get', orderId: byId(ID.order) },
		`GET /2025-09/orders/${ID.order}`,
	],
	[
		'Order → Validate',
		{ resource: 'order', operation: 'validate', orderId: byId(ID.order) },
		`GET /2025-09/orders/${ID.order}/validate`,
	],
	[
		'Contact → Get',
		{ resource: 'contact', operation: 'get', contactId: byId(ID.contact) },
		`GET /2025-09/contacts/${ID.contact}`,
	],
	[
		'Line Item → Delete',
		{
			resource: 'lineItem',
			operation: 'delete',
			orderId: byId(ID.order),
			lineItemId: byId(ID.lineItem),
		},
		`DELETE /2025-09/orders/${ID.order}/line_items/${ID.lineItem}`,
	],
])('%s sends a non-hex ID as given', async (_name, parameters, request) => {
	await run(parameters as INodeParameters);
	expect(server.requests.map((r) => `${r.method} ${r.path}`)).toContain(request);
});

it('Order → Get Many sends non-hex site and contact IDs in its filters', async () => {
	await run({
		resource: 'order',
		operation: 'getAll',
		limit: 5,
		filters: { siteIds: ID.site, contactIds: ID.contact },
	});
	expect(server.requests).toHaveLength(1);
	expect(server.requests[0].query).toContain(`site_id=${ID.site}`);
	expect(server.requests[0].query).toContain(`contact_id=${ID.contact}`);
});
