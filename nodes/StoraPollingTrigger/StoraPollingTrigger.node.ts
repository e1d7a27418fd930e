import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { storaCredentials } from '../Stora/descriptions/authentication';
import { loadOptions } from '../Stora/methods';
import { properties } from './description';
import { pollStora } from './pollStora';

/**
 * Starts a workflow on changes found by asking Stora on a schedule (n8n's Poll Times): for an n8n
 * that Stora cannot reach over public https, and for changes Stora sends no webhook event for
 * (an order completed or abandoned). Each record is emitted once, across polls and restarts.
 */
export class StoraPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stora Polling Trigger',
		name: 'storaPollingTrigger',
		icon: { light: 'file:../../icons/stora.svg', dark: 'file:../../icons/stora.dark.svg' },
		group: ['trigger'],
		version: 1,
		polling: true,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when Stora has a new order, an order paid or abandoned, a new or changed contact, a new or paid invoice, by checking Stora on a schedule',
		defaults: { name: 'Stora Polling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: storaCredentials,
		properties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollStora.call(this);
	}
}
