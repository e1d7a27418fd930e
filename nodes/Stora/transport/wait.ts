import { ApplicationError, sleep, sleepWithAbort } from 'n8n-workflow';

const cancelled = () => new ApplicationError('The execution was cancelled', { level: 'info' });

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
