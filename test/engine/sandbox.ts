/**
 * Shared set-up for workflow tests: one sandbox per test file, reset before each test, and a
 * helper that runs a Stora node through n8n-core's engine against it.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWorkflowSettings,
} from 'n8n-workflow';

import type { RunResult, TestNode } from '../helpers/engine';
import { connect, runWorkflow, storaNode } from '../helpers/engine';
import type { Sandbox, SandboxOptions } from '../helpers/sandbox';
import { sandboxPerFile } from '../helpers/sandbox';

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
	/** When the sandbox received it (`Date.now()`). */
	receivedAt: number;
}

/** Generous limits so functional tests never wait on the pacer; pacing has its own tests. */
export const FAST_LIMITS = { requestsPerSecond: 10000, requestsPerMinute: 100000 };

interface RunOptions {
	inputItems?: INodeExecutionData[];
	node?: Partial<INode>;
	credentials?: ICredentialDataDecryptedObject;
	executionId?: string;
	extraNodes?: TestNode[];
	connections?: ReturnType<typeof connect>;
	cancelAfterMs?: number;
	settings?: IWorkflowSettings;
	/** Node types to run instead of the package's, e.g. another process's copy of the Stora node. */
	nodeTypes?: Record<string, INodeType>;
}

export function useSandbox(options: SandboxOptions = {}) {
	const box = sandboxPerFile(options);
	const context = {
		get sandbox(): Sandbox {
			return box.sb;
		},
		/** The sandbox's URL and token, at limits that never make a test wait. */
		get credentials(): ICredentialDataDecryptedObject {
			return { accessToken: box.sb.token, baseUrl: box.sb.url, ...FAST_LIMITS };
		},
		/** Requests the sandbox received through its API (control calls excluded). */
		requests: () => box.sb.requests as LoggedRequest[],
		run: async (parameters: INode['parameters'], runOptions: RunOptions = {}): Promise<RunResult> =>
			await runWorkflow({
				nodes: [storaNode(parameters, runOptions.node), ...(runOptions.extraNodes ?? [])],
				connections: runOptions.connections,
				inputItems: runOptions.inputItems,
				executionId: runOptions.executionId,
				cancelAfterMs: runOptions.cancelAfterMs,
				settings: runOptions.settings,
				nodeTypes: runOptions.nodeTypes,
				credentials: { storaApi: { ...context.credentials, ...runOptions.credentials } },
			}),
	};
	return context;
}

export type SandboxTester = ReturnType<typeof useSandbox>;

/**
 * Runs the node with `parameters` and checks that it failed with this message (exact when text)
 * and description, and that the sandbox received no request.
 */
export async function expectRefusedBeforeAnyRequest(
	t: SandboxTester,
	parameters: INode['parameters'],
	message: string | RegExp,
	description: RegExp,
	node?: Partial<INode>,
): Promise<void> {
	const result = await t.run(parameters, { node });
	expect(result.status).toBe('error');
	const error = result.nodeError('Stora') as unknown as { message: string; description: string };
	if (typeof message === 'string') expect(error.message).toBe(message);
	else expect(error.message).toMatch(message);
	expect(error.description).toMatch(description);
	expect(t.requests()).toEqual([]);
}
