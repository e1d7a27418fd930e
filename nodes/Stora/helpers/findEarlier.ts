import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from './errors';
import type { IdempotencyKey } from './idempotency';

/**
 * The metadata key of the marker Create writes on every order from version 3: the order's
 * idempotency key, so that a later run of the same booking can find the order after Stora has
 * forgotten the key (24 hours). Named for the operator who reads it in BackOffice.
 */
export const BOOKING_KEY_METADATA = 'n8n_booking_key';

/** The first node version that writes the marker and has the Find Earlier options. */
export const FIND_EARLIER_VERSION = 3;

/** Stora's longest metadata value. */
const MAX_MARKER_LENGTH = 500;

const versions = new WeakMap<object, number>();

/** The node's version, read once per context: n8n deep-copies the node on every getNode(). */
function nodeVersionOf(ctx: IExecuteFunctions): number {
	let version = versions.get(ctx);
	if (version === undefined) {
		version = ctx.getNode().typeVersion;
		versions.set(ctx, version);
	}
	return version;
}

/** Whether Create writes the marker: version 3 on; saved workflows keep sending what they sent. */
export function marksBookings(ctx: IExecuteFunctions): boolean {
	return nodeVersionOf(ctx) >= FIND_EARLIER_VERSION;
}

/** The Find Earlier option of the item: absent before version 3, so off there. */
export function wantsFindEarlier(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return marksBookings(ctx) && ctx.getNodeParameter('findEarlier', itemIndex, false) === true;
}

/**
 * The marker's value: the Idempotency-Key header as sent (a default key is a hash; a user key is
 * the user's own reference), never a secret. Every header the node makes fits Stora's 500
 * characters; a longer one would be sent as its hash.
 */
export function bookingMarker(key: IdempotencyKey): string {
	if (key.header.length <= MAX_MARKER_LENGTH) return key.header;
	return `sha256-${createHash('sha256').update(key.header).digest('hex')}`;
}

const isRecord = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The record a look-up found: the first of the answer's list that is the one asked for. The
 * filter is never trusted alone: a Stora that ignored or loosened it must not hand the node
 * another booking's record.
 */
export function foundRecord(
	records: unknown[],
	isTheOne: (record: IDataObject) => boolean,
): IDataObject | undefined {
	return records.find((record): record is IDataObject => isRecord(record) && isTheOne(record));
}

/**
 * Runs the look-up a Find Earlier option adds; when Stora refuses it or does not answer, the
 * error says which request failed and that nothing was sent after it.
 */
export async function lookingFirst<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	option: string,
	request: string,
	lookUp: () => Promise<T>,
): Promise<T> {
	try {
		return await lookUp();
	} catch (error) {
		if (error instanceof NodeApiError) {
			error.description = [
				`${option} sends ${request} before anything else, and it failed: nothing was created or changed. Fix what is said below, or switch ${option} off to send the request without looking first.`,
				error.description,
			]
				.filter(Boolean)
				.join('\n');
		}
		throw asNodeError(ctx, error, itemIndex);
	}
}

/** A Find Earlier switch as version 3 shows it; `subject` is what it protects, e.g. "Create". */
export function findEarlierField(
	displayName: string,
	description: string,
	subject: string,
): INodeProperties {
	return {
		displayName,
		name: 'findEarlier',
		type: 'boolean',
		default: true,
		displayOptions: { show: { '@version': [FIND_EARLIER_VERSION] } },
		description,
		hint: `One extra request per ${subject}`,
	};
}
