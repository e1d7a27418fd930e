import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteLineItem from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deleteLineItem, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lineItem'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Add a line item to a draft order',
				description: 'Add a unit type, protection, product or security deposit to a draft order',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a line item from a draft order',
				description: 'Remove a line item from a draft order',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many line items of an order',
				description: 'List the line items of an order',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a line item of a draft order',
				description: 'Change the quantity or price of a line item on a draft order',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteLineItem.description,
	...getAll.description,
	...update.description,
];
