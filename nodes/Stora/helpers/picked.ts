import type { IDataObject } from 'n8n-workflow';

/**
 * The ID in a picker's value (`{ __rl, mode, value }`, version 2) or a dropdown's (version 1).
 * n8n extracts a picker's value only where it knows the parameter is one: not inside a
 * collection, and not when another version of the node declares the name as a dropdown.
 */
export function pickedId(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && '__rl' in value) {
		return (value as IDataObject).value;
	}
	return value;
}
