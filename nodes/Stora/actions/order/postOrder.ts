import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { expandQuery } from '../../helpers/options';
import { storaApiRequest } from '../../transport';
import type { RetrySettings } from '../../transport/retryPolicy';
import type { PreparedPost } from '../operation';

export interface PreparedOrderPost extends PreparedPost {
	expand: string[];
	retry: RetrySettings;
}

/** Create and Finalize: one POST under the key the router gave it, answered with the order. */
export async function postOrder(
	this: IExecuteFunctions,
	{ post, expand, retry }: PreparedOrderPost,
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
	return response.order as IDataObject;
}
