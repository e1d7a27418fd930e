import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as finalize from './finalize.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as validate from './validate.operation';

export { create, finalize, get, getAll, update, validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an order',
				description: 'Create a draft order, or create and finalize it in one call',
			},
			{
				name: 'Finalize',
				value: 'finalize',
				action: 'Finalize an order',
				description: 'Lock a draft order and get its payment URL',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an order',
				description: 'Retrieve an order by ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many orders',
				description: 'List orders by status, site, contact, date or metadata',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an order',
				description: 'Change a draft order’s dates, payment, coupon, emails or metadata',
			},
			{
				name: 'Validate',
				value: 'validate',
				action: 'Validate an order',
				description: 'Check whether a draft order is ready to finalize',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...validate.description,
	...finalize.description,
];
