/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * A small n8n for one Stora Trigger workflow, in this process: what n8n's active-workflow
 * manager and webhook server do for a webhook trigger, with n8n-core's real HookContext and
 * WebhookContext. It listens on 127.0.0.1 for deliveries (the sandbox sends them over real
 * HTTP), keeps the workflow's static data as n8n's database does (read when a delivery
 * arrives, saved after it when it changed) and records every execution a delivery starts.
 *
 * `restart({ newProcess: true })` loads a fresh copy of the built node module, as a second n8n
 * process (a restart, or another main / webhook process in queue mode) would have.
 */
import './env';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeType,
	IWebhookData,
	IWebhookFunctions,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

import { recordRun } from './artifacts';
import {
	PACKAGE_ROOT,
	TestCredentialsHelper,
	TestNodeTypes,
	buildAdditionalData,
	lifecycleHooksFor,
	loadPackage,
	releaseEngineTimers,
	tokensOf,
} from './engine';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-stora.storaTrigger';
const NODE_MODULE = resolve(PACKAGE_ROOT, 'dist/nodes/StoraTrigger/StoraTrigger.node.js');

/** One HTTP request the host received, and what became of it. */
export interface Delivery {
	status: number;
	body: string;
	/** Whether it started an execution. */
	started: boolean;
	test: boolean;
}

export interface TriggerHostOptions {
	parameters: INode['parameters'];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's credential reference (default the Access Token credential). */
	nodeCredentials?: INode['credentials'];
	/** What n8n announces as its webhook base (default this host's own http://127.0.0.1 address). */
	publicUrl?: string;
	workflowId?: string;
	nodeName?: string;
}

export interface TriggerHost {
	/** The production webhook URL n8n would register. */
	productionUrl: string;
	testUrl: string;
	/** Items of every execution started, in order. */
	executions: IDataObject[][];
	deliveries: Delivery[];
	/** The workflow's static data as the database holds it. */
	savedStaticData(): IDataObject;
	/** Replaces the saved static data (e.g. to lose a write, as a race between two processes would). */
	setSavedStaticData(data: IDataObject): void;
	/**
	 * checkExists, then create when it says false: what activating the workflow does. When it
	 * fails, n8n runs the delete hook to clean up; `n8nCleanup: false` leaves the node on its own.
	 */
	activate(
		activation?: WorkflowActivateMode,
		options?: { n8nCleanup?: boolean },
	): Promise<{ existed: boolean }>;
	/** delete: what deactivating it does. */
	deactivate(): Promise<void>;
	/** "Listen for test event": registers with the test URL (static data kept in memory only). */
	listenForTestEvent(): Promise<void>;
	stopListening(): Promise<void>;
	/** A new n8n process: the saved static data stays, module state (if `newProcess`) does not. */
	restart(options?: { newProcess?: boolean }): void;
	/** Changes the node's parameters, as editing and saving the workflow does. */
	setParameters(parameters: INode['parameters']): void;
	close(): Promise<void>;
}

function freshNodeType(): INodeType {
	let loaded: { StoraTrigger: new () => INodeType } | undefined;
	jest.isolateModules(() => {
		loaded = jest.requireActual<{ StoraTrigger: new () => INodeType }>(NODE_MODULE);
	});
	return new loaded!.StoraTrigger();
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function startTriggerHost(options: TriggerHostOptions): Promise<TriggerHost> {
	const pkg = await loadPackage(PACKAGE_ROOT);
	let nodeType = pkg.nodeTypes[TRIGGER_NODE_TYPE] as INodeType;
	const node: INode = {
		id: randomUUID(),
		name: options.nodeName ?? 'Stora Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		credentials: options.nodeCredentials ?? { storaApi: { id: '1', name: 'Stora' } },
		parameters: options.parameters,
	};
	const workflowId = options.workflowId ?? `wf${randomUUID().slice(0, 8)}`;
	let saved: IDataObject = {};
	let testStaticData: IDataObject | undefined;
	const executions: IDataObject[][] = [];
	const deliveries: Delivery[] = [];
	const credentialsHelper = new TestCredentialsHelper(
		{ get: (name) => pkg.credentialTypes[name] },
		options.credentials,
	);

	const server: Server = createServer((request, response) => {
		void handle(request, response).catch((error: Error) => {
			if (!response.headersSent) response.writeHead(500);
			response.end(error.message);
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const base = (options.publicUrl ?? own).replace(/\/+$/, '');

	const workflowFrom = (staticData: IDataObject) =>
		new Workflow({
			id: workflowId,
			name: 'New booking → tell the site team',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new TestNodeTypes({ [TRIGGER_NODE_TYPE]: nodeType }),
			staticData: structuredClone(staticData),
			settings: { executionOrder: 'v1' },
		});

	const additionalDataFor = (extra: Partial<IWorkflowExecuteAdditionalData> = {}) => {
		const hooks = lifecycleHooksFor('webhook', workflowId, [node]);
		const data = buildAdditionalData(randomUUID(), credentialsHelper, hooks);
		return Object.assign(data, {
			webhookBaseUrl: `${base}/webhook`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			...extra,
		});
	};

	const webhookDataFor = (
		additionalData: IWorkflowExecuteAdditionalData,
		test: boolean,
	): IWebhookData => ({
		httpMethod: 'POST',
		node: node.name,
		path: `${node.webhookId}/webhook`,
		webhookDescription: nodeType.description.webhooks![0],
		workflowId,
		workflowExecuteAdditionalData: additionalData,
		isTest: test,
	});

	/** n8n's saveStaticData: only when the node changed it. */
	const save = (workflow: Workflow) => {
		if (workflow.staticData.__dataChanged === true) {
			saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			workflow.staticData.__dataChanged = false;
		}
	};

	const runHook = async (
		method: 'checkExists' | 'create' | 'delete',
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		test: boolean,
	) => {
		const additionalData = additionalDataFor();
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			mode,
			activation,
			webhookDataFor(additionalData, test),
		);
		const hooks = nodeType.webhookMethods!.default as Record<string, (this: unknown) => unknown>;
		const outcome = await Promise.resolve(hooks[method].call(context)).then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		recordRun(tokensOf(options.credentials), outcome);
		if ('error' in outcome) throw outcome.error;
		return outcome.value as boolean;
	};

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const path = (request.url ?? '').split('?')[0];
		const test = path === `/webhook-test/${node.webhookId}/webhook`;
		if (!test && path !== `/webhook/${node.webhookId}/webhook`) {
			response.writeHead(404).end('not registered');
			return;
		}
		if (test && testStaticData === undefined) {
			response.writeHead(404).end('not listening');
			return;
		}
		const rawBody = await readBody(request);
		let body: unknown;
		try {
			body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : {};
		} catch {
			response.writeHead(400).end('invalid JSON');
			return;
		}
		// As n8n's body parser leaves it: the parsed body, and the bytes received.
		Object.assign(request, { rawBody, body, query: {}, params: {} });
		const workflow = workflowFrom(test ? {} : saved);
		if (test) workflow.setTestStaticData(testStaticData!);
		const record = (status: number, text: string, started: boolean) =>
			deliveries.push({ status, body: text, started, test });
		const written: Buffer[] = [];
		const end = response.end.bind(response);
		response.end = ((chunk?: unknown) => {
			if (chunk !== undefined) written.push(Buffer.from(chunk as string));
			return end(chunk as string);
		}) as typeof response.end;
		const additionalData = additionalDataFor({
			httpRequest: request as never,
			httpResponse: response as never,
		});
		const mode: WorkflowExecuteMode = test ? 'manual' : 'webhook';
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			mode,
			webhookDataFor(additionalData, test),
			[],
			null,
		);
		const result = await nodeType.webhook!.call(context as unknown as IWebhookFunctions);
		recordRun(tokensOf(options.credentials), result);
		// A test registration's static data lives in memory, changed in place (n8n's cache).
		if (!test) save(workflow);
		if (result.noWebhookResponse) {
			record(response.statusCode, Buffer.concat(written).toString('utf8'), false);
			return;
		}
		const started = result.workflowData !== undefined;
		if (started) executions.push(result.workflowData![0].map((item) => item.json));
		const text = JSON.stringify(
			result.webhookResponse ?? {
				message: started ? 'Workflow was started' : 'Webhook call received',
			},
		);
		response.writeHead(200, { 'Content-Type': 'application/json' });
		end(text);
		record(200, text, started);
	}

	const host: TriggerHost = {
		productionUrl: `${base}/webhook/${node.webhookId}/webhook`,
		testUrl: `${base}/webhook-test/${node.webhookId}/webhook`,
		executions,
		deliveries,
		savedStaticData: () => structuredClone(saved),
		setSavedStaticData(data) {
			saved = structuredClone(data);
		},
		async activate(activation = 'activate', { n8nCleanup = true } = {}) {
			const workflow = workflowFrom(saved);
			const activated = async () => {
				const existed = await runHook('checkExists', workflow, 'webhook', activation, false);
				if (!existed) await runHook('create', workflow, 'webhook', activation, false);
				save(workflow);
				return { existed };
			};
			return await activated().catch(async (error: unknown) => {
				// n8n then removes the webhooks, with the static data from its database.
				if (n8nCleanup) await host.deactivate().catch(() => undefined);
				return await Promise.reject(error as Error);
			});
		},
		async deactivate() {
			const workflow = workflowFrom(saved);
			await runHook('delete', workflow, 'internal', 'update', false);
			save(workflow);
		},
		async listenForTestEvent() {
			const workflow = workflowFrom({});
			const existed = await runHook('checkExists', workflow, 'manual', 'manual', true);
			if (!existed) await runHook('create', workflow, 'manual', 'manual', true);
			testStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		},
		async stopListening() {
			const workflow = workflowFrom({});
			workflow.staticData = structuredClone(testStaticData ?? {}) as never;
			await runHook('delete', workflow, 'internal', 'update', true);
			testStaticData = undefined;
		},
		restart({ newProcess = false } = {}) {
			if (newProcess) nodeType = freshNodeType();
		},
		setParameters(parameters) {
			node.parameters = parameters;
		},
		async close() {
			await new Promise<void>((done) => {
				server.close(() => done());
				server.closeAllConnections();
			});
			await releaseEngineTimers();
		},
	};
	return host;
}
