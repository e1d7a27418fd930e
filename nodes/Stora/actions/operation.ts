import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { IdempotentPost, PostOperation } from '../helpers/idempotency';

/**
 * An operation reads and checks an item's parameters in `prepare`, which sends nothing, so the
 * router can reject bad input for every item before the first request; `execute` then talks to
 * Stora and returns one record or several. A POST's prepared value carries it as `post`: the
 * router gives it its idempotency key, which needs every item of the run.
 */
export interface Operation<Prepared> {
	description: INodeProperties[];
	/** A POST operation's idempotency key space; its prepared value then carries `post`. */
	keySpace?: PostOperation;
	prepare(this: IExecuteFunctions, itemIndex: number): Prepared;
	execute(
		this: IExecuteFunctions,
		prepared: Prepared,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[]>;
}

export interface PreparedPost {
	post: IdempotentPost;
}
