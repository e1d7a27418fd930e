import type { IExecuteFunctions } from 'n8n-workflow';
import {
	ApplicationError,
	ManualExecutionCancelledError,
	NodeOperationError,
	sleep,
	sleepWithAbort,
} from 'n8n-workflow';

// n8n marks an execution "canceled" when its error says so (its own spelling).
const cancelled = () => new ApplicationError('The execution was canceled', { level: 'info' });

export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw cancelled();
}

/**
 * Waits `ms`, or rejects as soon as `signal` aborts (a cancelled execution). n8n-workflow has
 * `sleepWithAbort` in n8n 2.x; on older n8n the plain `sleep` is raced against the signal.
 */
export async function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	throwIfAborted(signal);
	if (typeof sleepWithAbort === 'function') return await sleepWithAbort(ms, signal);
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => reject(cancelled());
		signal?.addEventListener('abort', onAbort, { once: true });
		void sleep(ms).then(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		});
	});
}

/** The error a node ends a cancelled execution with: n8n's own where it has one. */
export function executionCancelledError(ctx: IExecuteFunctions): Error {
	if (typeof ManualExecutionCancelledError === 'function') {
		return new ManualExecutionCancelledError(ctx.getExecutionId());
	}
	return new NodeOperationError(ctx.getNode(), 'The execution was canceled');
}
