import type { IHookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../Stora/helpers/errors';
import type { ChosenEventTypes } from './events';

type NodeError = ReturnType<typeof asNodeError>;

/** Errors already worded for a failed activation (the hooks' nested catches meet them twice). */
const worded = new WeakSet<NodeError>();

/** The event types Stora refused (422 pointers `/event_types/<i>`), as the user typed them. */
function refusedTypes(error: NodeError, chosen: ChosenEventTypes): string[] {
	if (!(error instanceof NodeApiError) || String(error.httpCode) !== '422') return [];
	const problems = (error.context.problems ?? []) as Array<{ pointer?: string }>;
	return problems
		.map((problem) => /^\/event_types\/(\d+)$/.exec(problem.pointer ?? '')?.[1])
		.filter((index): index is string => index !== undefined)
		.map((index) => chosen.types[Number(index)])
		.filter((type): type is string => type !== undefined)
		.map((type) => chosen.typedAs.get(type) ?? type);
}

/**
 * The error of a failed activation. Some n8n versions show only an activation error's
 * description, so it starts with the message; an event type Stora refused is named as typed,
 * and what became of a half-made endpoint is said.
 */
export function activationError(
	ctx: IHookFunctions,
	error: unknown,
	about: { cleanup?: string; chosen?: ChosenEventTypes } = {},
): NodeError {
	const nodeError = asNodeError(ctx, error);
	if (worded.has(nodeError)) return nodeError;
	worded.add(nodeError);
	const refused = about.chosen ? refusedTypes(nodeError, about.chosen) : [];
	if (refused.length > 0) {
		const names = refused.map((type) => `"${type}"`).join(', ');
		nodeError.message = `Stora does not know the event type${refused.length > 1 ? 's' : ''} ${names}`;
	}
	const lines = [nodeError.message];
	if (refused.length > 0) {
		lines.push(
			'Check the spelling in Other Event Types, or pick the event from Events, where the types Stora documents are listed.',
		);
	}
	if (nodeError.description && nodeError.description !== nodeError.message) {
		lines.push(nodeError.description);
	}
	if (about.cleanup) lines.push(about.cleanup);
	nodeError.description = lines.join('\n\n');
	return nodeError;
}
