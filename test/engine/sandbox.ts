/**
 * Shared set-up for workflow tests: one sandbox per test file, reset before each test, and a
 * helper that runs a Stora node through n8n-core's engine against it.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { startSandbox } from '../../sandbox';
import type { RunResult, TestNode } from '../helpers/engine';
import { connect, runWorkflow, storaNode } from '../helpers/engine';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface LoggedRequest {
	method: string;
	path: string;
	query: IDataObject;
	rawQuery: string;
	headers: Record<string, string>;
	body: IDataObject | undefined;
	status: number;
	idempotencyKey?: string;
	replayed?: boolean;
}

/** Generous limits so functional tests never wait on the pacer; pacing has its own tests. */
export const FAST_LIMITS = { requestsPerSecond: 10000, requestsPerMinute: 100000 };

export function useSandbox(options: Parameters<typeof startSandbox>[0] = {}) {
	const context = {} as {
		sandbox: Sandbox;
		credentials: ICredentialDataDecryptedObject;
		/** Requests the sandbox received through its API (control calls excluded). */
		requests(): LoggedRequest[];
		run(
			parameters: INode['parameters'],
			options?: {
				inputItems?: INodeExecutionData[];
				node?: Partial<INode>;
				credentials?: ICredentialDataDecryptedObject;
				executionId?: string;
				extraNodes?: TestNode[];
				connections?: ReturnType<typeof connect>;
			},
		): Promise<RunResult>;
	};

	beforeAll(async () => {
		context.sandbox = await startSandbox(options);
		context.credentials = {
			accessToken: context.sandbox.token,
			baseUrl: context.sandbox.url,
			...FAST_LIMITS,
		};
	});
	afterAll(async () => {
		await context.sandbox.close();
	});
	beforeEach(() => {
		context.sandbox.reset();
	});

	context.requests = () => context.sandbox.requests as LoggedRequest[];
	context.run = async (parameters, runOptions = {}) =>
		await runWorkflow({
			nodes: [storaNode(parameters, runOptions.node), ...(runOptions.extraNodes ?? [])],
			connections: runOptions.connections,
			inputItems: runOptions.inputItems,
			executionId: runOptions.executionId,
			credentials: { storaApi: { ...context.credentials, ...runOptions.credentials } },
		});
	return context;
}
