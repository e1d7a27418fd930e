import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The Idempotency-Key for a POST. A user-supplied key (e.g. a form submission ID) is used as
 * given, prefixed with the operation so that one key typed into a Create and a Finalize node
 * cannot make Stora replay one answer for the other. Without one, the key is derived from the
 * execution, node, run and item: the same in the transport's retries and in n8n's "Retry On
 * Fail" re-runs of the node, different for every item and for every pass of a loop.
 */
export function idempotencyKeyFor(
	ctx: IExecuteFunctions,
	operation: 'create' | 'finalize',
	itemIndex: number,
	userKey: string,
): string {
	const trimmed = userKey.trim();
	if (trimmed !== '') return `${operation}:${trimmed}`;
	const node = ctx.getNode();
	const seed = [
		ctx.getExecutionId(),
		node.id ?? node.name,
		ctx.getWorkflowDataProxy(itemIndex).$thisRunIndex ?? 0,
		itemIndex,
	].join('\n');
	const hex = createHash('sha256').update(seed).digest('hex');
	return `n8n-${operation}-${hex.slice(0, 32)}`;
}
