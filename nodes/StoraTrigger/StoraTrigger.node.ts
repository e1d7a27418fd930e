import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DEFAULT_TOLERANCE_SECONDS, receiveDelivery } from './delivery';
import { checkExists, create, deleteEndpoint } from './endpoint';
import { EVENT_OPTIONS } from './events';
import { authenticationProperty, storaCredentials } from '../Stora/descriptions/authentication';

/**
 * Starts a workflow on Stora's webhook events. Activating the workflow registers a webhook
 * endpoint at Stora for n8n's URL; every delivery's signature is checked against that
 * endpoint's secret before anything runs, and a redelivered event starts nothing.
 */
export class StoraTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stora Trigger',
		name: 'storaTrigger',
		icon: { light: 'file:../../icons/stora.svg', dark: 'file:../../icons/stora.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{($parameter["events"] || []).concat($parameter["otherEventTypes"] || []).join(", ")}}',
		description:
			'Starts the workflow when something happens in Stora: an order or contact is created, an invoice is paid, …',
		defaults: { name: 'Stora Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: storaCredentials,
		triggerPanel: {
			header: 'Listen for a Stora event',
			executionsHelp: {
				inactive:
					'<b>While building the workflow</b>, click "Listen for test event", then make the event happen in Stora (create an order, say). While n8n listens, Stora has a webhook endpoint for the test URL; it is disabled when listening stops.<br /><br /><b>Once it is ready</b>, activate the workflow: Stora then delivers every chosen event to the production URL, and each run shows in the executions list.',
				active:
					'<b>While building the workflow</b>, click "Listen for test event", then make the event happen in Stora (create an order, say).<br /><br /><b>The workflow is active</b>: Stora delivers every chosen event to the production URL, and each run shows in the executions list.',
			},
			activationHint:
				'Once the workflow is built, activate it: n8n registers a webhook endpoint in Stora and every chosen event starts it.',
		},
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			authenticationProperty,
			{
				displayName:
					'Activating the workflow registers a webhook endpoint in Stora for n8n’s URL (the token needs public.webhook_endpoint:read and :write); deactivating disables it, and it stays in BackOffice as disabled. Stora only delivers to https:// URLs.',
				name: 'activationNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: [],
				description: 'The Stora events that start the workflow',
			},
			{
				displayName: 'Other Event Types',
				name: 'otherEventTypes',
				type: 'string',
				default: '',
				placeholder: 'e.g. subscription.started, unit.occupied',
				description:
					'Event types not in the list, separated by commas, for events Stora adds later. Events lists the types Stora’s reference documents; Stora refuses a type it does not know when the workflow is activated.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Output',
						name: 'output',
						type: 'options',
						options: [
							{
								name: 'Event',
								value: 'event',
								description:
									'The whole event: ID, type, created_at, api_version (when Stora sends it) and data',
							},
							{
								name: 'Resource Only',
								value: 'resource',
								description:
									'Only the record the event is about, e.g. data.order for order.created, data.identity_verification for identity_verification.succeeded',
							},
						],
						default: 'event',
					},
					{
						displayName: 'Signature Tolerance (Seconds)',
						name: 'signatureTolerance',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 86400 },
						default: DEFAULT_TOLERANCE_SECONDS,
						description:
							'How far a delivery’s signed timestamp may be from n8n’s clock, in the past or the future. Older deliveries are refused as possible replays. Stora is assumed to sign each retry afresh (not confirmed by its docs): if later retries are refused as stale, raise this. Signatures are always checked.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteEndpoint.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
