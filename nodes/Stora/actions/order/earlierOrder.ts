import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { markEarlierRun } from '../../helpers/earlierRun';
import {
	BOOKING_KEY_METADATA,
	bookingMarker,
	foundRecord,
	lookingFirst,
} from '../../helpers/findEarlier';
import type { IdempotencyKey } from '../../helpers/idempotency';
import { expandQuery } from '../../helpers/options';
import { orderOutput } from '../../helpers/simplify';
import { storaApiRequest } from '../../transport';
import type { PreparedOrderPost } from './postOrder';
import { postOrder } from './postOrder';

/** A Create in version 3: its order carries the booking marker, and may be looked for first. */
export interface BookingCreate extends PreparedOrderPost {
	findEarlier: boolean;
}

/** Statuses past finalizing: a Finalize would be refused, and the payment link exists. */
const FINALIZED = ['finalized', 'completed'];

const isFinalized = (order: IDataObject) => FINALIZED.includes(String(order.status));

const ORDER_ID = /^order_[A-Za-z0-9]+$/;

const earlierOutput = (order: IDataObject, simplify: boolean) =>
	markEarlierRun(orderOutput(order, simplify));

/**
 * The order an earlier run made under this marker, or undefined. The documented List Orders
 * filter finds it; the order returned must carry the marker itself, so a Stora that matched
 * loosely or ignored the filter makes the node create as it would without the option, never
 * return another booking's order. The oldest first: the first booking is the one that counts.
 */
async function findOrderByMarker(
	ctx: IExecuteFunctions,
	marker: string,
	{ expand, retry }: PreparedOrderPost,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const response = await storaApiRequest.call(
		ctx,
		{
			method: 'GET',
			path: '/orders',
			qs: {
				[`metadata[${BOOKING_KEY_METADATA}]`]: marker,
				limit: 1,
				sort_by: 'created_at',
				sort_direction: 'ASC',
				...expandQuery(expand),
			},
			expect: { orders: 'array' },
		},
		{ itemIndex, retry },
	);
	return foundRecord(
		response.orders as unknown[],
		(order) => (order.metadata as IDataObject | null)?.[BOOKING_KEY_METADATA] === marker,
	);
}

/**
 * The key that finalizes a draft found for a Create with Finalize Immediately: its own, derived
 * from the Create's, so a re-run finalizes under the same key. A user's `create:X` becomes
 * `finalize:X`, as a Finalize node with the same key would send. The key to type stays the
 * Create's: typed into this node, it derives this one again.
 */
function finalizeKeyFor(createKey: IdempotencyKey): IdempotencyKey {
	const header = createKey.header.startsWith('create:')
		? `finalize:${createKey.header.slice('create:'.length)}`
		: `n8n-finalize-${createHash('sha256').update(`found draft\n${createKey.header}`).digest('hex').slice(0, 32)}`;
	return { ...createKey, header };
}

/**
 * Version 3's Create: the order carries the booking marker (its idempotency key) in its
 * metadata, so a later run of the same booking finds it after Stora has forgotten the key.
 * With Find Earlier on, the order is looked for before the POST: one found is returned marked
 * as from an earlier run, and a draft found for a Create that finalizes is finalized.
 */
export async function createBookingOnce(
	this: IExecuteFunctions,
	prepared: BookingCreate,
	itemIndex: number,
): Promise<IDataObject> {
	const { post, simplify } = prepared;
	const marker = bookingMarker(post.key!);
	const earlier = prepared.findEarlier
		? await lookingFirst(
				this,
				itemIndex,
				'Find Earlier Order',
				'GET /orders (scope public.order:read)',
				() => findOrderByMarker(this, marker, prepared, itemIndex),
			)
		: undefined;
	if (earlier === undefined) {
		const metadata = { ...((post.body.metadata as IDataObject) ?? {}) };
		metadata[BOOKING_KEY_METADATA] = marker;
		return await postOrder.call(
			this,
			{ ...prepared, post: { ...post, body: { ...post.body, metadata } } },
			itemIndex,
		);
	}
	if (typeof earlier.id !== 'string' || !ORDER_ID.test(earlier.id)) {
		throw new NodeOperationError(
			this.getNode(),
			`Stora listed an earlier order for this booking without a readable ID (${JSON.stringify(earlier.id)})`,
			{
				description: `Nothing was created. Look for the order with metadata ${BOOKING_KEY_METADATA} = ${marker} in Stora BackOffice before booking again.`,
				itemIndex,
			},
		);
	}
	if (post.body.finalize === undefined || earlier.status !== 'draft') {
		return earlierOutput(earlier, simplify);
	}
	const finalized = await postOrder.call(
		this,
		{
			...prepared,
			post: {
				path: `/orders/${earlier.id}/finalize`,
				body: { finalize: post.body.finalize },
				userKey: '',
				key: finalizeKeyFor(post.key!),
			},
		},
		itemIndex,
	);
	return markEarlierRun(finalized);
}

/** Finalize with Find Earlier on: an order already finalized is returned, not finalized again. */
export async function finalizeOnce(
	this: IExecuteFunctions,
	prepared: PreparedOrderPost & { orderId: string },
	itemIndex: number,
): Promise<IDataObject> {
	const { orderId, expand, retry, simplify } = prepared;
	const response = await lookingFirst(
		this,
		itemIndex,
		'Return Order If Already Finalized',
		`GET /orders/${orderId} (scope public.order:read)`,
		() =>
			storaApiRequest.call(
				this,
				{
					method: 'GET',
					path: `/orders/${orderId}`,
					qs: expandQuery(expand),
					expect: { order: 'object' },
				},
				{ itemIndex, retry },
			),
	);
	const order = response.order as IDataObject;
	if (isFinalized(order)) return earlierOutput(order, simplify);
	return await postOrder.call(this, prepared, itemIndex);
}
