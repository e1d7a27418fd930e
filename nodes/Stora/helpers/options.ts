import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RetrySettings } from '../transport/retryPolicy';
import { DEFAULT_RETRY_SETTINGS } from '../transport/retryPolicy';
import type { InputChecker } from './validation';

/** The Options collection every operation shares. */
export interface CommonOptions {
	expand: string[];
	retry: RetrySettings;
	options: IDataObject;
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): CommonOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const seconds = (name: string, fallbackMs: number) =>
		typeof options[name] === 'number' ? (options[name] as number) * 1000 : fallbackMs;
	return {
		expand: (options.expand as string[] | undefined) ?? [],
		retry: {
			maxRetries:
				typeof options.maxRetries === 'number'
					? options.maxRetries
					: DEFAULT_RETRY_SETTINGS.maxRetries,
			maxRetryWaitMs: seconds('maxRetryWaitSeconds', DEFAULT_RETRY_SETTINGS.maxRetryWaitMs),
			timeoutMs: seconds('timeoutSeconds', DEFAULT_RETRY_SETTINGS.timeoutMs),
		},
		options,
	};
}

/** Stora takes `expand` as one comma-separated query value. */
export function expandQuery(expand: string[]): { expand?: string } {
	return expand.length > 0 ? { expand: expand.join(',') } : {};
}

/** Return All / Limit: how many records a Get Many wants, undefined for all of them. */
export function readLimit(ctx: IExecuteFunctions, check: InputChecker): number | undefined {
	const { itemIndex } = check;
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return check.integer('Limit', ctx.getNodeParameter('limit', itemIndex, 50), 1);
}
