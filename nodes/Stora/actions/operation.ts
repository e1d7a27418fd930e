import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

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
	): Promise<IDataObject | IDataObject[] | ItemWithFile>;
}

/** An output item that carries a file (Download PDF) besides its JSON. */
export class ItemWithFile {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** The output items of one input item: a record each, or the item with its file. */
export function outputItems(
	result: IDataObject | IDataObject[] | ItemWithFile,
	itemIndex: number,
): INodeExecutionData[] {
	const pairedItem = { item: itemIndex };
	if (result instanceof ItemWithFile) {
		return [{ json: result.json, binary: result.binary, pairedItem }];
	}
	return (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem }));
}

export interface PreparedPost {
	post: IdempotentPost;
}
