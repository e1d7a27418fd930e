import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from './sandbox';

/** A picker's value as the editor saves "By ID". */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** One CRM record as the sandbox holds it now (public shape), or undefined. */
export function crmRecord(
	sandbox: Sandbox,
	collection: string,
	id: unknown,
): IDataObject | undefined {
	const records = (sandbox.crmRecords() as Record<string, IDataObject[]>)[collection] ?? [];
	return records.find((record) => record.id === id);
}

export const crmCount = (sandbox: Sandbox, collection: string) =>
	((sandbox.crmRecords() as Record<string, IDataObject[]>)[collection] ?? []).length;

/**
 * One row of Additional Query Parameters. res-node renames the row's `name` to `key` on its
 * branch; the row carries both until the two branches meet.
 */
export const queryParameter = (key: string, value: string) => ({
	additionalQuery: { parameters: [{ key, name: key, value }] },
});
