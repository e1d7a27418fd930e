/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * In-process workflow harness: runs a small n8n workflow on n8n-core's real
 * execution engine (`WorkflowExecute`), with this package's node and
 * credential types loaded from the BUILT package (dist/) by n8n-core's own
 * `PackageDirectoryLoader`, the way an n8n instance loads a community package.
 *
 * What is real: node loading, parameter defaults, expression evaluation,
 * `this.helpers.httpRequestWithAuthentication` (axios) and the engine's node
 * settings (continueOnFail / onError, retryOnFail, maxTries, waitBetweenTries,
 * alwaysOutputData, executeOnce, disabled). What is ours: the trigger (a tiny
 * `test.start` node that emits `inputItems`) and the credentials store
 * (`TestCredentialsHelper`: plain objects, generic `authenticate` applied here).
 *
 * Usage:
 *   const result = await runWorkflow({
 *     nodes: [storaNode({ resource: 'order', operation: 'getAll', returnAll: true })],
 *     credentials: { storaApi: { accessToken: 'tok', baseUrl: server.url } },
 *   });
 *   expect(result.status).toBe('success');
 *   expect(result.json('Stora')).toHaveLength(3);
 */
import './env';

import { recordRun } from './artifacts';

import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type {
	EngineRequest,
	EngineResponse,
	ExecutionError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	createRunExecutionData,
} from 'n8n-workflow';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { TestCredentialsHelper } from './credentials';

export { TestCredentialsHelper } from './credentials';

/** Root of this repository (holds package.json with the `n8n` section pointing into dist/). */
export const PACKAGE_ROOT = resolve(__dirname, '..', '..');

const rootPackageJson = JSON.parse(readFileSync(resolve(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	name: string;
};

/** Full node type names, as n8n stores them in workflows: `<package name>.<node name>`. */
export const STORA_NODE_TYPE = `${rootPackageJson.name}.stora`;
export const START_NODE_TYPE = 'test.start';
export const NOOP_NODE_TYPE = 'test.noOp';
const CREDENTIAL_TEST_NODE_TYPE = 'test.credentialTest';

// ---------------------------------------------------------------------------
// Node types of our own

/** Emits the items it is given (the run's `inputItems`), like a manual trigger with pinned data. */
const startNodeType: INodeType = {
	description: {
		displayName: 'Test Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Emits the test input items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

/** Passes its input through: a downstream node to inspect what a node sent on an output. */
const noOpNodeType: INodeType = {
	description: {
		displayName: 'Test No Op',
		name: 'noOp',
		group: ['transform'],
		version: 1,
		description: 'Passes items through',
		defaults: { name: 'No Op' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

// ---------------------------------------------------------------------------
// Loading the built package

export interface LoadedPackage {
	packageName: string;
	directory: string;
	/** By full type name, e.g. `n8n-nodes-stora.stora`. */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** By credential type name, e.g. `storaApi`. */
	credentialTypes: Record<string, ICredentialType>;
}

const loadedPackages = new Map<string, Promise<LoadedPackage>>();

/**
 * Loads node and credential types from a package directory with n8n-core's
 * PackageDirectoryLoader (cached per directory). The package must be built.
 */
export async function loadPackage(directory: string = PACKAGE_ROOT): Promise<LoadedPackage> {
	let loaded = loadedPackages.get(directory);
	if (!loaded) {
		loaded = (async () => {
			const loader = new PackageDirectoryLoader(directory);
			await loader.loadAll();
			const nodeTypes: LoadedPackage['nodeTypes'] = {};
			for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
				nodeTypes[`${loader.packageName}.${name}`] = type;
			}
			const credentialTypes: LoadedPackage['credentialTypes'] = {};
			for (const [name, { type }] of Object.entries(loader.credentialTypes)) {
				credentialTypes[name] = type;
			}
			return {
				packageName: loader.packageName,
				directory: loader.directory,
				nodeTypes,
				credentialTypes,
			};
		})();
		loadedPackages.set(directory, loaded);
		loaded.catch(() => loadedPackages.delete(directory));
	}
	return await loaded;
}

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) {
			throw new UnexpectedError(
				`Unknown node type "${nodeType}"; known: ${Object.keys(this.types).join(', ')}`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}
}

// ---------------------------------------------------------------------------
// Building workflows

/** A node as tests write it: id, position, typeVersion and parameters are filled in. */
export type TestNode = Omit<INode, 'id' | 'position' | 'typeVersion' | 'parameters'> &
	Partial<Pick<INode, 'id' | 'position' | 'typeVersion' | 'parameters'>>;

function completeNode(node: TestNode, index: number): INode {
	return {
		...node,
		id: node.id ?? randomUUID(),
		position: node.position ?? [index * 220, 0],
		typeVersion: node.typeVersion ?? 1,
		parameters: node.parameters ?? {},
	};
}

/** A Stora node (type `n8n-nodes-stora.stora`, version 1) using the `storaApi` credential. */
export function storaNode(
	parameters: INode['parameters'] = {},
	overrides: Partial<INode> = {},
): INode {
	return {
		id: randomUUID(),
		name: 'Stora',
		type: STORA_NODE_TYPE,
		typeVersion: 1,
		position: [220, 0],
		credentials: { storaApi: { id: '1', name: 'Stora' } },
		...overrides,
		parameters,
	};
}

/** A pass-through node (`test.noOp`). */
export function noOpNode(name = 'No Op', overrides: Partial<INode> = {}): INode {
	return {
		id: randomUUID(),
		name,
		type: NOOP_NODE_TYPE,
		typeVersion: 1,
		position: [440, 0],
		parameters: {},
		...overrides,
	};
}

/** Items from plain JSON objects. */
export function items(...json: IDataObject[]): INodeExecutionData[] {
	return json.map((j) => ({ json: j }));
}

/**
 * Main connections. `connect(['Start', 'Stora'], ['Stora', 'Errors', 1])` links
 * Start → Stora (output 0) and Stora's output 1 (e.g. the error output) → Errors.
 */
export function connect(
	...links: Array<[from: string, to: string, fromOutput?: number, toInput?: number]>
): IConnections {
	const connections: IConnections = {};
	for (const [from, to, fromOutput = 0, toInput = 0] of links) {
		const main = ((connections[from] ??= {}).main ??= []);
		while (main.length <= fromOutput) main.push([]);
		(main[fromOutput] ??= []).push({ node: to, type: NodeConnectionTypes.Main, index: toInput });
	}
	return connections;
}

// ---------------------------------------------------------------------------
// Running

export interface RunOptions {
	/** The workflow's nodes. A `test.start` node named "Start" is added if none is given. */
	nodes: TestNode[];
	/**
	 * Main connections (see `connect`). When the harness adds the start node it
	 * also connects it to every node that has no incoming connection.
	 */
	connections?: IConnections;
	/** Decrypted credential data by credential type name, e.g. `{ storaApi: { accessToken, baseUrl } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items the start node emits (default: one empty item). An empty list runs nothing after the start node. */
	inputItems?: INodeExecutionData[];
	/** `$execution.id` / `this.getExecutionId()`; default a fresh random id. */
	executionId?: string;
	/** Default `manual` (a user pressing "Execute workflow"); `trigger`, `webhook`, `cli` … also work. */
	mode?: WorkflowExecuteMode;
	/** Extra node types by full type name, e.g. `{ 'test.failing': myType }`. */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Workflow settings; default `{ executionOrder: 'v1' }` like new workflows in n8n. */
	settings?: IWorkflowSettings;
	/** Package to load node/credential types from; default this repository (its dist/). */
	packageRoot?: string;
	/** Cancels the execution this long after it starts, as the editor's Stop button does. */
	cancelAfterMs?: number;
}

export interface RunResult {
	run: IRun;
	runData: IRunData;
	/** `success`, `error`, `canceled`, `waiting` … */
	status: ExecutionStatus;
	/** The error that stopped the workflow (not set when a node continued on fail). */
	error?: ExecutionError;
	executionId: string;
	/** When the execution was cancelled (`cancelAfterMs`), as `Date.now()`. */
	cancelledAt?: number;
	/** Node names in the order they finished (one entry per run of a node). */
	executedNodes: string[];
	/** The credentials store used for this run: `.data` (after token updates), `.authenticated` (every signed request). */
	credentials: TestCredentialsHelper;
	durationMs: number;
	/** Items a node sent on an output (default output 0, last run). Throws if the node never ran. */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** `output(...)` mapped to `.json`. */
	json(nodeName: string, outputIndex?: number, runIndex?: number): IDataObject[];
	/** The error a node run ended with (when the workflow stopped there). */
	nodeError(nodeName: string, runIndex?: number): ExecutionError | undefined;
}

function describeErrors(runData: IRunData): string {
	const lines: string[] = [];
	for (const [name, runs] of Object.entries(runData)) {
		runs.forEach((task, i) => {
			if (task.error) lines.push(`  ${name}[${i}]: ${task.error.message}`);
		});
	}
	return lines.length ? `\nNode errors:\n${lines.join('\n')}` : '';
}

/** The secrets a run must never show: access tokens, OAuth client secrets and the tokens issued. */
const SECRET_FIELDS = ['accessToken', 'clientSecret', 'oauthAccessToken'];

export function tokensOf(...stores: Array<RunOptions['credentials']>): string[] {
	return stores.flatMap((credentials) =>
		Object.values(credentials ?? {}).flatMap((data) =>
			SECRET_FIELDS.map((field) => data[field]).filter(
				(value): value is string => typeof value === 'string' && value !== '',
			),
		),
	);
}

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const startedAt = Date.now();
	const pkg = await loadPackage(options.packageRoot ?? PACKAGE_ROOT);
	const executionId = options.executionId ?? randomUUID();
	const mode = options.mode ?? 'manual';

	// Nodes and connections, with our start node in front.
	const nodes = options.nodes.map(completeNode);
	const connections: IConnections = structuredClone(options.connections ?? {});
	let startNode = nodes.find((node) => node.type === START_NODE_TYPE);
	if (!startNode) {
		startNode = completeNode({ name: 'Start', type: START_NODE_TYPE }, 0);
		const hasInput = new Set<string>();
		for (const outputs of Object.values(connections)) {
			for (const targets of outputs.main ?? []) {
				for (const target of targets ?? []) hasInput.add(target.node);
			}
		}
		const roots = nodes.filter((node) => !hasInput.has(node.name));
		connections[startNode.name] = {
			main: [roots.map((node) => ({ node: node.name, type: NodeConnectionTypes.Main, index: 0 }))],
		};
		nodes.unshift(startNode);
	}

	const nodeTypes = new TestNodeTypes({
		...pkg.nodeTypes,
		[START_NODE_TYPE]: startNodeType,
		[NOOP_NODE_TYPE]: noOpNodeType,
		...options.nodeTypes,
	});
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...options.settings };
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test workflow',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings,
	});

	const credentialsHelper = new TestCredentialsHelper(
		{ get: (name) => pkg.credentialTypes[name] },
		options.credentials,
	);

	const workflowData: IWorkflowBase = {
		id: workflow.id,
		name: workflow.name ?? 'Test workflow',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});

	const additionalData = buildAdditionalData(executionId, credentialsHelper, hooks);

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main: [options.inputItems ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});

	let run: IRun;
	let cancelledAt: number | undefined;
	let cancelTimer: NodeJS.Timeout | undefined;
	try {
		const execution = new WorkflowExecute(
			additionalData,
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		if (options.cancelAfterMs !== undefined) {
			cancelTimer = setTimeout(() => {
				cancelledAt = Date.now();
				execution.cancel();
			}, options.cancelAfterMs);
		}
		run = await execution;
	} finally {
		clearTimeout(cancelTimer);
		await releaseEngineTimers();
	}
	recordRun(tokensOf(options.credentials, credentialsHelper.data), run);
	const runData = run.data.resultData.runData;

	const taskOf = (nodeName: string, runIndex?: number) => {
		const runs = runData[nodeName];
		if (!runs?.length) {
			throw new UnexpectedError(
				`Node "${nodeName}" did not run (status ${run.status}; ran: ${Object.keys(runData).join(', ')})${describeErrors(runData)}`,
			);
		}
		const task = runs[runIndex ?? runs.length - 1];
		if (!task) throw new UnexpectedError(`Node "${nodeName}" has no run ${runIndex}`);
		return task;
	};

	const output = (nodeName: string, outputIndex = 0, runIndex?: number) => {
		const task = taskOf(nodeName, runIndex);
		if (task.error && !task.data) {
			throw new UnexpectedError(`Node "${nodeName}" failed: ${task.error.message}`, {
				cause: task.error,
			});
		}
		return task.data?.[NodeConnectionTypes.Main]?.[outputIndex] ?? [];
	};

	return {
		run,
		runData,
		status: run.status,
		error: run.data.resultData.error,
		executionId,
		cancelledAt,
		executedNodes,
		credentials: credentialsHelper,
		durationMs: Date.now() - startedAt,
		output,
		json: (nodeName, outputIndex, runIndex) =>
			output(nodeName, outputIndex, runIndex).map((i) => i.json),
		nodeError: (nodeName, runIndex) => taskOf(nodeName, runIndex).error,
	};
}

/**
 * n8n-core's SSHClientsManager (a DI singleton created for every node
 * execution context) starts a 60 s `setInterval` that is never unref'd, which
 * keeps jest (or any script) from exiting. Its `onShutdown` clears it; the
 * singleton is reused afterwards without restarting the timer. The container
 * must be n8n-core's own copy of @n8n/di (the package root may hold another).
 */
export async function releaseEngineTimers(): Promise<void> {
	const diPath = require.resolve('@n8n/di', { paths: [dirname(require.resolve('n8n-core'))] });
	const { Container } = (await import(diPath)) as {
		Container: { get<T>(type: abstract new (...args: never[]) => T): T };
	};
	Container.get(SSHClientsManager).onShutdown();
}

/** Execution hooks for a one-node workflow run outside runWorkflow (editor methods, trigger hooks). */
export function lifecycleHooksFor(
	mode: WorkflowExecuteMode,
	workflowId: string,
	nodes: INode[],
): ExecutionLifecycleHooks {
	return new ExecutionLifecycleHooks(mode, randomUUID(), {
		id: workflowId,
		name: 'Test workflow',
		active: mode !== 'manual',
		activeVersionId: null,
		isArchived: false,
		nodes,
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	});
}

export function buildAdditionalData(
	executionId: string,
	credentialsHelper: TestCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => () => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};
	return {
		executionId,
		hooks,
		credentialsHelper,
		externalSecretsProxy: new ExternalSecretsProxy(),
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'test-user',
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask (Code node task runners)'),
	};
}

// ---------------------------------------------------------------------------
// Credential tests

/**
 * Runs a credential type's `test` request the way n8n's "Test credential"
 * button does for declarative tests: the request (with `$credentials`
 * expressions) goes through the engine's declarative runner and
 * `httpRequestWithAuthentication`, then the type's `rules` are applied.
 * Returns n8n's result shape: `{ status: 'OK' | 'Error', message }`.
 */
export async function testCredentials(
	credentialType: string,
	data: ICredentialDataDecryptedObject,
	options: Pick<RunOptions, 'packageRoot' | 'executionId'> = {},
): Promise<INodeCredentialTestResult> {
	const pkg = await loadPackage(options.packageRoot ?? PACKAGE_ROOT);
	const type = pkg.credentialTypes[credentialType];
	if (!type) throw new UnexpectedError(`Unknown credential type "${credentialType}"`);
	if (!type.test)
		throw new UnexpectedError(`Credential type "${credentialType}" has no \`test\` request`);
	const { request, rules = [] } = type.test;

	const description: INodeTypeDescription = {
		displayName: 'Credential Test',
		name: 'credentialTest',
		group: ['transform'],
		version: 1,
		description: `Tests ${credentialType}`,
		defaults: { name: 'Credential Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: credentialType, required: true }],
		requestDefaults: { ...request },
		properties: [],
	};
	const result = await runWorkflow({
		...options,
		nodes: [
			{
				name: 'Credential Test',
				type: CREDENTIAL_TEST_NODE_TYPE,
				credentials: { [credentialType]: { id: 'test', name: 'Credential under test' } },
			},
		],
		credentials: { [credentialType]: data },
		nodeTypes: { [CREDENTIAL_TEST_NODE_TYPE]: { description } },
	});

	if (result.error) {
		const cause = result.error as ExecutionError & { httpCode?: string | null };
		for (const rule of rules) {
			if (
				rule.type === 'responseCode' &&
				String(rule.properties.value) === String(cause.httpCode)
			) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return {
			status: 'Error',
			message: `Couldn't connect with these settings. ${cause.message ?? ''}`.trim(),
		};
	}

	const body = result.json('Credential Test')[0] ?? {};
	for (const rule of rules) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>((acc, key) => (acc as IDataObject | undefined)?.[key], body);
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

// ---------------------------------------------------------------------------
// Dropdowns and searches

/**
 * Calls a node method the editor calls to fill a dropdown (`loadOptions`) or a resource
 * locator list (`listSearch`), with n8n-core's own LoadOptionsContext: `getCurrentNodeParameter`,
 * credentials and `httpRequestWithAuthentication` behave as in the editor.
 */
export async function callNodeMethod<T>(
	kind: 'loadOptions' | 'listSearch' | 'resourceMapping',
	method: string,
	options: {
		parameters?: INode['parameters'];
		credentials: Record<string, ICredentialDataDecryptedObject>;
		args?: unknown[];
		/** e.g. the node's `credentials` when it uses another credential type */
		node?: Partial<INode>;
	},
): Promise<T> {
	const pkg = await loadPackage(PACKAGE_ROOT);
	const nodeType = pkg.nodeTypes[STORA_NODE_TYPE] as INodeType;
	const node = storaNode(options.parameters ?? {}, options.node);
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [STORA_NODE_TYPE]: nodeType }),
	});
	const credentialsHelper = new TestCredentialsHelper(
		{ get: (name) => pkg.credentialTypes[name] },
		options.credentials,
	);
	const hooks = lifecycleHooksFor('manual', workflow.id, [node]);
	const additionalData = buildAdditionalData(randomUUID(), credentialsHelper, hooks);
	// The editor sends the node's current parameters along with the request for options.
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const methods = nodeType.methods?.[kind] as Record<string, (...args: unknown[]) => Promise<T>>;
	const outcome = await methods[method].call(context, ...(options.args ?? [])).then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	await releaseEngineTimers();
	recordRun(tokensOf(options.credentials, credentialsHelper.data), outcome);
	return 'error' in outcome ? await Promise.reject(outcome.error) : outcome.value;
}

// ---------------------------------------------------------------------------
// AI Agent tools

export const AGENT_NODE_TYPE = 'test.agent';

/**
 * The `<name>Tool` node type n8n makes of a node with `usableAsTool`, as n8n's CLI does it
 * (packages/cli: `NodeTypes.getByNameAndVersion` for a "synthetic tool" name, then
 * `convertNodeToAiTool` of `tool-generation/ai-tools.ts`). That code ships only in the `n8n`
 * package, not in n8n-core or n8n-workflow, so it is repeated here: a new type object whose
 * prototype is the node type (so `execute`, `methods` … are the node's own), with a copy of the
 * description that is named `…Tool`, has no inputs and one `ai_tool` output, no `usableAsTool`,
 * and the Tool Description parameters (`descriptionType`, `toolDescription`) n8n adds.
 */
export function toolNodeTypeOf(base: INodeType | IVersionedNodeType, version?: number): INodeType {
	const nodeType = NodeHelpers.getVersionedNodeType(base, version);
	if (!nodeType.description.usableAsTool) {
		throw new UnexpectedError(`${nodeType.description.name} cannot be used as a tool`);
	}
	if (typeof nodeType.supplyData === 'function') {
		throw new UnexpectedError(`${nodeType.description.name} already has a \`supplyData\` method`);
	}
	const { usableAsTool } = nodeType.description;
	const description: INodeTypeDescription = {
		...structuredClone(nodeType.description),
		...(typeof usableAsTool === 'object' ? usableAsTool.replacements : {}),
	};
	description.name += 'Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	description.displayName += ' Tool';
	delete description.usableAsTool;
	const names = description.properties.map((property) => property.name);
	if (!names.includes('toolDescription')) {
		const toolDescription: INodeProperties = {
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: description.description,
			required: true,
			typeOptions: { rows: 2 },
			description:
				'Explain to the LLM what this tool does, a good, specific description would allow LLMs to produce expected results much more often',
		};
		let lastCallout = -1;
		description.properties.forEach((property, index) => {
			if (property.type === 'callout') lastCallout = index;
		});
		description.properties.splice(lastCallout + 1, 0, toolDescription);
		if (names.includes('resource') || names.includes('operation')) {
			description.properties.splice(lastCallout + 1, 0, {
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Set Automatically',
						value: 'auto',
						description: 'Automatically set based on resource and operation',
					},
					{ name: 'Set Manually', value: 'manual', description: 'Manually set the description' },
				],
				default: 'auto',
			});
			toolDescription.displayOptions = { show: { descriptionType: ['manual'] } };
		}
	}
	description.codex = {
		categories: ['AI'],
		subcategories: {
			AI: ['Tools'],
			Tools: description.codex?.subcategories?.Tools ?? ['Other Tools'],
		},
		resources: description.codex?.resources ?? {},
		...(description.codex?.alias ? { alias: description.codex.alias } : {}),
	};
	return Object.create(nodeType, { description: { value: description } }) as INodeType;
}

/** One tool call of the agent: the arguments the model chose, and the call's id. */
export interface ToolCall {
	args: IDataObject;
	/** Default `call_<n>`, like the ids model providers give. */
	id?: string;
}

/** A tool as the agent offers it to the model (what n8n-core's `createNodeAsTool` made). */
export interface OfferedTool {
	name: string;
	description: string;
	/** The arguments' JSON schema, as @langchain/core converts it for a model provider. */
	schema: IDataObject & { properties?: Record<string, IDataObject>; required?: string[] };
}

export interface ToolCallResult {
	id: string;
	args: IDataObject;
	/** What the tool gave the agent: the JSON of its output items. */
	response?: unknown;
	/** The tool's error, when it failed. */
	error?: string;
}

export interface AgentToolRun {
	/** The tools offered to the model, one per connected tool node. */
	tools: OfferedTool[];
	/** Every call, in the order the agent made them, with the tool's answer. */
	calls: ToolCallResult[];
	/** The workflow run (Start → agent, tool node on the agent's `ai_tool` input). */
	run: RunResult;
}

export interface AgentToolOptions {
	/** The tool node: a node of a `usableAsTool` type; its `type` becomes `<type>Tool`. */
	toolNode: INode;
	/** The calls the agent makes, all in one turn, as a model's tool calls would ask for them. */
	calls: ToolCall[];
	/**
	 * How the agent runs them, as n8n 2.x agents do: `engine` (AI Agent v3) returns an
	 * `EngineRequest`, and n8n-core's WorkflowExecute runs the tool node with the arguments as
	 * its input item (plus `toolCallId`), then resumes the agent with the results. `langchain`
	 * (older agent versions, other agent-like nodes) invokes the LangChain tool n8n-core made,
	 * which runs the node in a SupplyDataContext (`makeHandleToolInvocation`).
	 */
	via?: 'engine' | 'langchain';
	/** The agent's input item, e.g. a chat message. */
	agentInput?: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	executionId?: string;
}

interface LangChainTool {
	name: string;
	description: string;
	schema: { parse(value: unknown): unknown };
	metadata?: { sourceNodeName?: string };
	invoke(input: IDataObject): Promise<unknown>;
}

async function toJsonSchemaOfModel(schema: unknown): Promise<OfferedTool['schema']> {
	// n8n-core's own copy of @langchain/core, the one whose zod made the schema.
	const modulePath = require.resolve('@langchain/core/utils/json_schema', {
		paths: [dirname(require.resolve('n8n-core'))],
	});
	const { toJsonSchema } = (await import(modulePath)) as {
		toJsonSchema(schema: unknown): OfferedTool['schema'];
	};
	return toJsonSchema(schema);
}

/**
 * A stand-in for the AI Agent's model: an agent node that offers its connected tools as n8n's
 * agents do (`getInputConnectionData('ai_tool')`, i.e. n8n-core's `createNodeAsTool` with the
 * schema of the node's `$fromAI()` placeholders), then makes the scripted tool calls.
 */
function scriptedAgentType(
	options: Required<Pick<AgentToolOptions, 'calls' | 'via'>>,
	record: Pick<AgentToolRun, 'tools' | 'calls'>,
): INodeType {
	const calls = options.calls.map((call, index) => ({
		id: call.id ?? `call_${index + 1}`,
		args: call.args,
	}));
	return {
		description: {
			displayName: 'Test Agent',
			name: 'agent',
			group: ['transform'],
			version: 1,
			description: 'Calls its tools with scripted arguments, as a model would ask an agent to',
			defaults: { name: 'AI Agent' },
			inputs: [
				NodeConnectionTypes.Main,
				{ type: NodeConnectionTypes.AiTool, displayName: 'Tool', required: true },
			],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions, response?: EngineResponse) {
			if (response?.actionResponses.length) {
				// Resumed by the engine with the tool nodes' runs (AI Agent v3).
				for (const { action, data } of response.actionResponses) {
					record.calls.push({
						id: action.id,
						args: action.input,
						response: data.data?.[NodeConnectionTypes.AiTool]?.[0]?.map((item) => item.json),
						...(data.error ? { error: data.error.message } : {}),
					});
				}
				return [[{ json: { calls: record.calls as unknown as IDataObject[] } }]];
			}
			const tools = (await this.getInputConnectionData(
				NodeConnectionTypes.AiTool,
				0,
			)) as LangChainTool[];
			for (const tool of tools) {
				record.tools.push({
					name: tool.name,
					description: tool.description,
					schema: await toJsonSchemaOfModel(tool.schema),
				});
			}
			const [tool] = tools;
			if (tools.length !== 1 || !tool) {
				throw new UnexpectedError(`The test agent expects one tool, got ${tools.length}`);
			}
			// A model's tool call arguments follow the schema it was given.
			for (const call of calls) tool.schema.parse(call.args);
			if (options.via === 'engine') {
				const request: EngineRequest = {
					actions: calls.map((call) => ({
						actionType: 'ExecutionNodeAction' as const,
						nodeName: tool.metadata?.sourceNodeName ?? '',
						input: call.args,
						type: NodeConnectionTypes.AiTool,
						id: call.id,
						metadata: { itemIndex: 0 },
					})),
					metadata: {},
				};
				return request;
			}
			for (const call of calls) {
				try {
					const answer = await tool.invoke(call.args);
					record.calls.push({
						...call,
						response: typeof answer === 'string' ? (JSON.parse(answer) as unknown) : answer,
					});
				} catch (error) {
					record.calls.push({ ...call, error: (error as Error).message });
				}
			}
			return [[{ json: { calls: record.calls as unknown as IDataObject[] } }]];
		},
	};
}

/**
 * Runs a tool node the way an AI Agent uses it: Start → agent, with the tool node (its type
 * made `<type>Tool` by `toolNodeTypeOf`) connected to the agent's `ai_tool` input. The agent
 * offers the tool to a "model" and makes the tool calls given; everything after that is
 * n8n-core's: the schema from `$fromAI()`, the tool node's execution, `$fromAI()` resolving to
 * the call's arguments, and the answer the agent gets.
 */
export async function runAgentTool(options: AgentToolOptions): Promise<AgentToolRun> {
	const pkg = await loadPackage(PACKAGE_ROOT);
	const baseType = pkg.nodeTypes[options.toolNode.type];
	if (!baseType) throw new UnexpectedError(`Unknown node type "${options.toolNode.type}"`);
	const toolType = `${options.toolNode.type}Tool`;
	const toolNode: INode = { ...options.toolNode, type: toolType };
	const record: Pick<AgentToolRun, 'tools' | 'calls'> = { tools: [], calls: [] };
	const agentNode = completeNode({ name: 'AI Agent', type: AGENT_NODE_TYPE }, 1);
	const startNode = completeNode({ name: 'Start', type: START_NODE_TYPE }, 0);
	const run = await runWorkflow({
		nodes: [startNode, agentNode, toolNode],
		connections: {
			...connect([startNode.name, agentNode.name]),
			[toolNode.name]: {
				[NodeConnectionTypes.AiTool]: [
					[{ node: agentNode.name, type: NodeConnectionTypes.AiTool, index: 0 }],
				],
			},
		},
		inputItems: [{ json: options.agentInput ?? { chatInput: 'Hello' } }],
		credentials: options.credentials,
		executionId: options.executionId,
		nodeTypes: {
			[toolType]: toolNodeTypeOf(baseType, toolNode.typeVersion),
			[AGENT_NODE_TYPE]: scriptedAgentType(
				{ calls: options.calls, via: options.via ?? 'engine' },
				record,
			),
		},
	});
	return { ...record, run };
}
