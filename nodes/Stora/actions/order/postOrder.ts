import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { expandQuery } from '../../helpers/options';
import { orderOutput } from '../../helpers/simplify';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import type { PreparedPost } from '../operation';

export interface PreparedOrderPost extends PreparedPost {
	expand: string[];
	retry: RetrySettings;
	simplify: boolean;
}

/** Create and Finalize: one POST under the key the router gave it, answered with the order. */
export async function postOrder(
	this: IExecuteFunctions,
	{ post, expand, retry, simplify }: PreparedOrderPost,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await storaApiRequest.call(
		this,
		{
			method: 'POST',
			path: post.path,
			qs: expandQuery(expand),
			body: post.body,
			idempotency: post.key,
			expect: { order: 'object' },
		},
		{ itemIndex, retry },
	);
	return orderOutput(response.order as IDataObject, simplify);
}
