import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(containsExpression);
	return false;
}

function rawParameter(parameters: unknown, name: string): unknown {
	let value = parameters;
	for (const part of name.split('.')) {
		value =
			value !== null && typeof value === 'object'
				? (value as Record<string, unknown>)[part]
				: undefined;
	}
	return value;
}

/**
 * The node's context for checking items, with one difference: a parameter that holds no
 * expression has the same value for every item, so n8n resolves it once per node execution
 * instead of once per item (each item's copy is its own). With hundreds of items this is most
 * of the time spent before the first request.
 */
export function withParametersReadOnce(ctx: IExecuteFunctions): IExecuteFunctions {
	const resolved = new Map<string, unknown>();
	// n8n hands out a deep copy of the node on every getNode(): read its parameters once.
	const parameters = ctx.getNode().parameters;
	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: Record<string, unknown>,
	): unknown => {
		const read = () =>
			ctx.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType, options);
		if (containsExpression(rawParameter(parameters, name))) return read();
		const key = JSON.stringify([name, fallback ?? null, options ?? null]);
		if (!resolved.has(key)) resolved.set(key, read());
		return deepCopy(resolved.get(key) as object);
	};
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}
