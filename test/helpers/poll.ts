/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- n8n's own activation errors, as n8n throws them */
/**
 * A small n8n for one Stora Polling Trigger workflow, in this process: what n8n 2.8's
 * active-workflow manager (n8n `getExecutePollFunctions`) and n8n-core's `ActiveWorkflows`
 * (`activatePolling`, `createPollExecuteFn`) do for a polling node, with n8n-core's real
 * PollContext.
 *
 * Static data as n8n keeps it:
 * - activating builds the workflow from the database copy (`savedStaticData`); the active
 *   workflow object, and its one PollContext, then live from poll to poll, so a poll that
 *   returned null leaves its changes in memory only;
 * - the database copy is written (when the node changed it) right after activation and each
 *   time a poll emits, before the execution runs; never after a poll that emitted nothing or
 *   failed;
 * - deactivating, editing the workflow (`setParameters` then `activate('update')`) or
 *   restarting n8n (`restart`, then `activate('init')`) drops what was in memory.
 * A manual run ("Fetch Test Event") runs the poll in a workflow of its own, mode `manual`, as
 * n8n-core's `WorkflowExecute.executePollNode` does; n8n never saves its static data.
 */
import './env';

import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IPollFunctions,
	TriggerTime,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UserError, Workflow, WorkflowActivationError, toCronExpression } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';
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

export const POLL_NODE_TYPE = 'n8n-nodes-stora.storaPollingTrigger';
const NODE_MODULE = resolve(
	PACKAGE_ROOT,
	'dist/nodes/StoraPollingTrigger/StoraPollingTrigger.node.js',
);
/** What n8n's editor saves for a new polling node (n8n-core's `commonPollingParameters`). */
const DEFAULT_POLL_TIMES = { item: [{ mode: 'everyMinute' }] };

/** What one run of the poll came to. */
export interface PollResult {
	/** The items of the execution it started, or null when it returned null (no execution). */
	emitted: IDataObject[] | null;
	/** The error it failed with: n8n records an error execution and runs the error workflow. */
	error?: Error;
}

/** What "Fetch Test Event" came to. */
export interface ManualResult {
	/** The poll's output (the node's output in the editor), or null. */
	items: IDataObject[] | null;
	error?: Error;
	/** The manual run's static data when it ended (n8n discards it): shows what the node wrote. */
	staticData: IDataObject;
}

export interface PollHostOptions {
	parameters: INode['parameters'];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's credential reference (default the Access Token credential). */
	nodeCredentials?: INode['credentials'];
	workflowId?: string;
	nodeName?: string;
}

export interface PollHost {
	/** Items of every execution started, in order. */
	executions: IDataObject[][];
	/** Every error execution (failed polls), in order. */
	errors: Error[];
	/** The cron expressions n8n registered for Poll Times at the last activation. */
	cronExpressions: string[];
	/** The workflow's static data as the database holds it. */
	savedStaticData(): IDataObject;
	/** The active workflow's static data, in memory (what the next poll sees). */
	liveStaticData(): IDataObject;
	/** Replaces the saved static data (e.g. a copy from before, or none). */
	setSavedStaticData(data: IDataObject): void;
	/**
	 * What activating the workflow does (`init` at n8n's start, `update` after an edit): the
	 * workflow from the database copy, Poll Times read, one poll at once (its error fails the
	 * activation), then the static data saved.
	 */
	activate(activation?: WorkflowActivateMode): Promise<PollResult>;
	/** One scheduled poll: an error becomes an error execution, not an exception. */
	poll(): Promise<PollResult>;
	/** "Fetch Test Event" in the editor: the poll once, mode `manual`, static data not saved. */
	fetchTestEvent(): Promise<ManualResult>;
	deactivate(): void;
	/** A new n8n process: the saved static data stays; memory (and module state, if `newProcess`) does not. */
	restart(options?: { newProcess?: boolean }): void;
	/** Changes the node's parameters, as editing and saving the workflow does (then `activate('update')`). */
	setParameters(parameters: INode['parameters']): void;
	close(): Promise<void>;
}

/** A second copy of the built node module, as another n8n process loads it. */
function freshNodeType(loaded: INodeType): INodeType {
	let module: { StoraPollingTrigger: new () => INodeType } | undefined;
	jest.isolateModules(() => {
		module = jest.requireActual<{ StoraPollingTrigger: new () => INodeType }>(NODE_MODULE);
	});
	const fresh = new module!.StoraPollingTrigger();
	// n8n's loader adds Poll Times to the description; the description is data, not state.
	fresh.description = loaded.description;
	return fresh;
}

const plain = (data: IDataObject): IDataObject => {
	const copy = JSON.parse(JSON.stringify(data)) as IDataObject;
	delete copy.__dataChanged;
	return copy;
};

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

export async function startPollHost(options: PollHostOptions): Promise<PollHost> {
	const pkg = await loadPackage(PACKAGE_ROOT);
	const loadedType = pkg.nodeTypes[POLL_NODE_TYPE] as INodeType | undefined;
	if (!loadedType) throw new Error(`${POLL_NODE_TYPE} is not in the built package (npm run build)`);
	let nodeType = loadedType;
	const node: INode = {
		id: randomUUID(),
		name: options.nodeName ?? 'Stora Polling Trigger',
		type: POLL_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: options.nodeCredentials ?? { storaApi: { id: '1', name: 'Stora' } },
		parameters: { pollTimes: DEFAULT_POLL_TIMES, ...options.parameters },
	};
	const workflowId = options.workflowId ?? `wf${randomUUID().slice(0, 8)}`;
	const tokens = tokensOf(options.credentials);
	let saved: IDataObject = {};
	let active: { workflow: Workflow; context: PollContext } | undefined;
	const credentialsHelper = new TestCredentialsHelper(
		{ get: (name) => pkg.credentialTypes[name] },
		options.credentials,
	);

	const workflowFrom = (staticData: IDataObject) =>
		new Workflow({
			id: workflowId,
			name: 'Booking paid → email the access code',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new TestNodeTypes({ [POLL_NODE_TYPE]: nodeType }),
			staticData: structuredClone(staticData),
			settings: { executionOrder: 'v1' },
		});

	const additionalDataFor = (mode: WorkflowExecuteMode) =>
		buildAdditionalData(
			randomUUID(),
			credentialsHelper,
			lifecycleHooksFor(mode, workflowId, [node]),
		);

	/** n8n's WorkflowStaticDataService.saveStaticData: only when the node changed it. */
	const save = (workflow: Workflow) => {
		if (workflow.staticData.__dataChanged === true) {
			saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			workflow.staticData.__dataChanged = false;
		}
	};

	/** n8n-core's TriggersAndPollers.runPoll: the node type as the workflow resolves it. */
	const runPoll = async (workflow: Workflow, context: IPollFunctions) => {
		const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const outcome = await Promise.resolve(type.poll!.call(context)).then(
			(value) => ({ value }),
			(error: unknown) => ({ error: asError(error) }),
		);
		recordRun(tokens, outcome);
		return outcome;
	};

	/** n8n-core's createPollExecuteFn: emit when the poll returned items; `testing` rethrows. */
	const executePoll = async (testing: boolean): Promise<PollResult> => {
		const { workflow, context } = active!;
		const outcome = await runPoll(workflow, context);
		if ('error' in outcome) {
			if (testing) throw outcome.error;
			context.__emitError(outcome.error);
			return { emitted: null, error: outcome.error };
		}
		if (outcome.value === null) return { emitted: null };
		context.__emit(outcome.value);
		return { emitted: host.executions.at(-1)! };
	};

	const host: PollHost = {
		executions: [],
		errors: [],
		cronExpressions: [],
		savedStaticData: () => structuredClone(saved),
		liveStaticData: () => plain(active?.workflow.staticData ?? {}),
		setSavedStaticData(data) {
			saved = structuredClone(data);
		},
		async activate(activation = 'activate') {
			const workflow = workflowFrom(saved);
			// getExecutePollFunctions: one PollContext for the life of the activation.
			const context = new PollContext(
				workflow,
				node,
				additionalDataFor('trigger'),
				'trigger',
				activation,
				(data: INodeExecutionData[][]) => {
					save(workflow);
					host.executions.push((data[0] ?? []).map((item) => item.json));
				},
				(error: Error) => {
					host.errors.push(error);
				},
			);
			active = { workflow, context };
			try {
				const pollTimes = context.getNodeParameter('pollTimes') as { item?: TriggerTime[] };
				const expressions = (pollTimes.item ?? []).map(toCronExpression);
				const result = await executePoll(true);
				if (expressions.some((expression) => expression.split(' ')[0].includes('*'))) {
					throw new UserError('The polling interval is too short. It has to be at least a minute.');
				}
				host.cronExpressions = expressions;
				save(workflow);
				return result;
			} catch (error) {
				active = undefined;
				throw new WorkflowActivationError(
					`There was a problem activating the workflow: "${asError(error).message}"`,
					{ cause: asError(error), node },
				);
			}
		},
		async poll() {
			if (!active) throw new Error('The workflow is not active: activate() first');
			return await executePoll(false);
		},
		async fetchTestEvent() {
			const workflow = workflowFrom(saved);
			const context = new PollContext(
				workflow,
				node,
				additionalDataFor('manual'),
				'manual',
				'manual',
			);
			const outcome = await runPoll(workflow, context);
			const staticData = plain(workflow.staticData);
			if ('error' in outcome) return { items: null, error: outcome.error, staticData };
			const items = outcome.value?.[0]?.map((item) => item.json) ?? null;
			return { items, staticData };
		},
		deactivate() {
			active = undefined;
		},
		restart({ newProcess = false } = {}) {
			active = undefined;
			if (newProcess) nodeType = freshNodeType(loadedType);
		},
		setParameters(parameters) {
			node.parameters = { pollTimes: DEFAULT_POLL_TIMES, ...parameters };
		},
		async close() {
			active = undefined;
			await releaseEngineTimers();
		},
	};
	return host;
}

// ---------------------------------------------------------------------------
// For test files

/** Starts hosts for a test file and closes them after each test. */
export function pollHosts(
	credentials: () => ICredentialDataDecryptedObject,
): (parameters: INode['parameters'], options?: Partial<PollHostOptions>) => Promise<PollHost> {
	const hosts: PollHost[] = [];
	afterEach(async () => {
		await Promise.all(hosts.splice(0).map(async (host) => await host.close()));
	});
	return async (parameters, options = {}) => {
		const host = await startPollHost({
			parameters,
			credentials: { storaApi: credentials() },
			...options,
		});
		hosts.push(host);
		return host;
	};
}

/** The ids a poll emitted, in order (null when it emitted nothing). */
export const idsOf = (result: PollResult): string[] | null =>
	result.emitted?.map((record) => String(record.id)) ?? null;

/** The node's poll state in static data: the one object there with an `emitted` map. */
export interface PollState {
	v?: number;
	fingerprint?: unknown;
	cursor?: string;
	emitted: Record<string, string>;
}

export function pollStateOf(
	staticData: IDataObject,
	nodeName = 'Stora Polling Trigger',
): PollState | undefined {
	const nodeData = (staticData[`node:${nodeName}`] ?? {}) as IDataObject;
	return Object.values(nodeData).find(
		(value): value is IDataObject =>
			typeof value === 'object' && value !== null && 'emitted' in value,
	) as PollState | undefined;
}

/** The node's own static data (`node:<name>`), `{}` when it has none. */
export const nodeDataOf = (staticData: IDataObject, nodeName = 'Stora Polling Trigger') =>
	(staticData[`node:${nodeName}`] ?? {}) as IDataObject;

/** A list query parameter as the sandbox logged it, whether sent as `a,b` or `key[]=a&key[]=b`. */
export const listQuery = (query: IDataObject, key: string): string[] =>
	[query[key] ?? []].flat().flatMap((value) => String(value).split(','));

/** A fault: Stora answers GETs of `path` with a 429 whose wait is past the retry budget (the request fails at once). */
export const rateLimitedPastBudget = (path: string, extra: IDataObject = {}) => ({
	method: 'GET',
	path,
	type: 'status' as const,
	status: 429,
	headers: { 'Retry-After': '3600' },
	...extra,
});

/** A fault: Stora answers GETs of `path` with these records as the one page of the list (e.g. ignoring its filters). */
export const onePageOf = (path: string, property: string, records: IDataObject[]) => ({
	method: 'GET',
	path,
	type: 'status' as const,
	status: 200,
	body: {
		[property]: records,
		meta: {
			pagination: {
				count: records.length,
				last: 1,
				limit: 100,
				next: null,
				page: 1,
				pages: 1,
				prev: null,
			},
		},
	},
});
