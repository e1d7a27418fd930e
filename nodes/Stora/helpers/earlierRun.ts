import type { IDataObject } from 'n8n-workflow';

/**
 * The output flag of a record the node did not make in this run: Stora replayed its stored
 * answer for a key sent before, or the node found the order an earlier run made. Added after
 * Simplify, so both outputs carry it.
 */
export const EARLIER_RUN_FLAG = 'fromEarlierRun';

export function markEarlierRun(json: IDataObject): IDataObject {
	return { ...json, [EARLIER_RUN_FLAG]: true };
}
