import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { markEarlierRun } from '../../helpers/earlierRun';
import { expandQuery } from '../../helpers/options';
import { orderOutput } from '../../helpers/simplify';
import { storaApiAnswer } from '../../transport';
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
	const { body, fromEarlierRun } = await storaApiAnswer.call(
		this,
		{
			method: 'POST',
			path: post.path,
			qs: expandQuery(expand),
			body: post.body,
			idempotency: post.key,
			expect: { order: 'object' },
			// A finalize changes an order made earlier: its update is what this POST did.
			madeAt: post.path.endsWith('/finalize') ? 'updated_at' : 'created_at',
		},
		{ itemIndex, retry },
	);
	const output = orderOutput(body.order as IDataObject, simplify);
	return fromEarlierRun ? markEarlierRun(output) : output;
}
