/**
 * "Custom API Call": the option n8n appends to the Resource and Operation lists of nodes whose
 * credential has an `authenticate` block. This node does not offer it (n8n only adds it when a
 * node's `defaultVersion` equals its `version`), and a workflow that still carries the value
 * (saved in another n8n, or by hand) fails with a clear error that points at the HTTP Request
 * node, before any request is sent.
 */
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { STORA_NODE_TYPE, loadPackage } from '../helpers/engine';
import { useSandbox } from './sandbox';

const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

const t = useSandbox();

describe('Custom API Call', () => {
	it('is not offered: n8n appends it only when defaultVersion equals version', async () => {
		const { nodeTypes, credentialTypes } = await loadPackage();
		const { description } = nodeTypes[STORA_NODE_TYPE] as INodeType;
		// n8n's injectCustomApiCallOptions: `defaultVersion === undefined || defaultVersion === version`
		const injected =
			description.defaultVersion === undefined ||
			description.defaultVersion === (description.version as INodeTypeDescription['version']);
		expect(injected).toBe(false);
		const values = description.properties
			.filter((p) => p.name === 'resource' || p.name === 'operation')
			.flatMap((p) => (p.options ?? []).map((o) => ('value' in o ? o.value : undefined)));
		expect(values).not.toContain(CUSTOM_API_CALL);
		// The credentials still sign requests for n8n's HTTP Request node (Predefined Credential Type).
		expect(credentialTypes.storaApi.authenticate).toBeDefined();
		expect(credentialTypes.storaOAuth2Api.authenticate).toBeDefined();
	});

	it.each([
		['the resource', { resource: CUSTOM_API_CALL }],
		['the operation', { resource: 'order', operation: CUSTOM_API_CALL }],
	])(
		'chosen as %s: a clear error pointing at HTTP Request, nothing sent',
		async (_, parameters) => {
			for (const typeVersion of [1, 2, 3]) {
				const result = await t.run(parameters, { node: { typeVersion } });
				expect(result.status).toBe('error');
				const error = result.nodeError('Stora') as unknown as {
					name: string;
					message: string;
					description: string;
				};
				expect(error.name).toBe('NodeOperationError');
				expect(error.message).toBe('Custom API Call is not an operation of the Stora node');
				expect(error.description).toContain('HTTP Request node');
				expect(error.description).toContain('Predefined Credential Type → Stora API');
				expect(error.message).not.toMatch(/Could not get parameter|is not supported/);
			}
			expect(t.requests()).toHaveLength(0);
		},
	);

	it('still names an unknown operation', async () => {
		const result = await t.run({ resource: 'order', operation: 'archive' });
		expect(result.nodeError('Stora')?.message).toBe('The operation "archive" is not supported');
	});
});
