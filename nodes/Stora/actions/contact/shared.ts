import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readOptions } from '../../helpers/options';
import { contactOutput, wantsSimplified } from '../../helpers/simplify';
import type { InputChecker } from '../../helpers/validation';
import type { StoraRequest } from '../../transport';
import { storaApiRequest } from '../../transport';
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

/** One request answered with `{contact, meta}`; outputs the contact itself. */
export async function requestContact(
	this: IExecuteFunctions,
	request: Omit<StoraRequest, 'expect'>,
	{ retry, simplify }: ContactCall,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await storaApiRequest.call(
		this,
		{ ...request, expect: { contact: 'object' } },
		{ itemIndex, retry },
	);
	return contactOutput(response.contact as IDataObject, simplify);
}
