import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as contact from './actions/contact';
import * as lineItem from './actions/lineItem';
import * as order from './actions/order';
import { PLAIN_RESOURCES } from './actions/plain/resources';
import { router } from './actions/router';
import { listSearch, loadOptions, resourceMapping } from './methods';
import { authenticationProperty, storaCredentials } from './descriptions/authentication';

/**
 * Programmatic rather than declarative: pacing under Stora's rate limits, retries that reuse an
 * idempotency key, capped pagination and Validate's "not ready" answer need code that
 * declarative routing cannot express.
 */
export class Stora implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stora',
		name: 'stora',
		icon: { light: 'file:../../icons/stora.svg', dark: 'file:../../icons/stora.dark.svg' },
		group: ['transform'],
		// Version 2: Site, Coupon and Contract Template are pickers with search, and Simplify is on
		// by default. Version 3: Create, Finalize and Contact Create look for what an earlier run
		// made before sending a POST (Find Earlier Order). Each keeps the shapes its saved workflows have.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Run a self-storage business in Stora: orders, line items and contacts; units and their access; tenancies, subscriptions, invoices, credit notes and contracts; sites and the catalogue’s prices; the sales pipeline’s deals, tasks, notes and timeline events; identity verifications',
		defaults: { name: 'Stora' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: storaCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Line Item', value: 'lineItem' },
					{ name: 'Order', value: 'order' },
					...Object.values(PLAIN_RESOURCES).map((resource) => resource.option),
				].sort((a, b) => a.name.localeCompare(b.name)),
				default: 'order',
			},
			...order.description,
			...lineItem.description,
			...contact.description,
			...Object.values(PLAIN_RESOURCES).flatMap((resource) => resource.description),
		],
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
