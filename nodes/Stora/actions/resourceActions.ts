import type { INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from './operation';

/**
 * An operation beyond Get and Get Many on one of the plain resources (Reserve a unit, Set Base
 * Price, Download PDF): its entry in the Operation list and the operation itself.
 */
export interface ResourceAction {
	option: INodePropertyOptions & { action: string };
	operation: Operation<unknown>;
}

/** The actions of each plain resource, by its Resource value. */
export const RESOURCE_ACTIONS: Record<string, ResourceAction[]> = {};
