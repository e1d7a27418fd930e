import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { markEarlierRun } from '../../helpers/earlierRun';
import { readOptions } from '../../helpers/options';
import { contactOutput, wantsSimplified } from '../../helpers/simplify';
import type { InputChecker } from '../../helpers/validation';
import type { StoraRequest } from '../../transport';
import { storaApiAnswer } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';

/** What every contact operation reads besides its own fields. */
export interface ContactCall {
	retry: RetrySettings;
	simplify: boolean;
}

export function contactCallOf(ctx: IExecuteFunctions, itemIndex: number): ContactCall {
	return { retry: readOptions(ctx, itemIndex).retry, simplify: wantsSimplified(ctx, itemIndex) };
}

/** The Contact picker's ID, checked against the `con_` prefix. */
export function readContactId(ctx: IExecuteFunctions, check: InputChecker): string {
	const value = ctx.getNodeParameter('contactId', check.itemIndex, '', { extractValue: true });
	return check.id('Contact ID', value, 'con_');
}

/**
 * One request answered with `{contact, meta}`; outputs the contact itself, flagged when a
 * Create's answer is Stora's stored one from an earlier run.
 */
export async function requestContact(
	this: IExecuteFunctions,
	request: Omit<StoraRequest, 'expect'>,
	{ retry, simplify }: ContactCall,
	itemIndex: number,
): Promise<IDataObject> {
	const { body, fromEarlierRun } = await storaApiAnswer.call(
		this,
		{ ...request, expect: { contact: 'object' } },
		{ itemIndex, retry },
	);
	const output = contactOutput(body.contact as IDataObject, simplify);
	return fromEarlierRun ? markEarlierRun(output) : output;
}
