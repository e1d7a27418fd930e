import type { IDataObject } from 'n8n-workflow';

import { BOOKING_KEY_METADATA } from './findEarlier';
import type { InputChecker } from './validation';
import { checkMetadata, METADATA_MAX_KEYS, pairsToObject } from './validation';

/**
 * Metadata from a collection's `metadata` pairs and `metadataJson` (pairs override JSON keys),
 * or undefined when neither sets a key.
 */
export function metadataOf(check: InputChecker, fields: IDataObject): IDataObject | undefined {
	const fromJson =
		fields.metadataJson === undefined ? {} : check.json('Metadata (JSON)', fields.metadataJson);
	const pairs = (fields.metadata as IDataObject | undefined)?.metadataValues as [] | undefined;
	const metadata = { ...check.object('Metadata (JSON)', fromJson), ...pairsToObject(pairs) };
	if (Object.keys(metadata).length === 0) return undefined;
	return checkMetadata(check, 'Metadata', metadata);
}

/**
 * The `metadata` of a PATCH: Stora merges it into what is stored (JSON merge-patch), so only the
 * keys given change, and each key of "Remove Metadata Keys" is sent as `null`, which removes it.
 */
export function metadataPatchOf(check: InputChecker, fields: IDataObject): IDataObject | undefined {
	const set = metadataOf(check, fields) ?? {};
	const raw = fields.removeMetadataKeys;
	const names = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((name) => String(name).trim())
		.filter((name) => name !== '');
	const removed: IDataObject = {};
	for (const name of names) {
		if (name in set) {
			check.fail(
				'Remove Metadata Keys',
				name,
				`"${name}" is both set and removed in this update: keep it in one of the two.`,
			);
		}
		removed[name] = '';
	}
	checkMetadata(check, 'Remove Metadata Keys', removed);
	const patch: IDataObject = { ...set };
	for (const name of names) patch[name] = null;
	return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * The user's own metadata on an order that will also carry the booking marker: the marker's key
 * is the node's, and Stora's 20 keys must leave room for it. Checked before anything is sent.
 */
export function checkOwnMetadata(check: InputChecker, metadata: IDataObject | undefined): void {
	const keys = Object.keys(metadata ?? {});
	if (keys.includes(BOOKING_KEY_METADATA)) {
		check.fail(
			'Metadata key',
			BOOKING_KEY_METADATA,
			`The node writes "${BOOKING_KEY_METADATA}" itself: it marks the order with its idempotency key, so that a later run of the same booking finds this order instead of creating another. Use another key name; to choose the marker's value, set Options → Idempotency Key.`,
		);
	}
	if (keys.length >= METADATA_MAX_KEYS) {
		check.fail(
			'Metadata',
			metadata,
			`Stora accepts at most ${METADATA_MAX_KEYS} metadata keys, and the node adds "${BOOKING_KEY_METADATA}": give at most ${METADATA_MAX_KEYS - 1} of your own; this has ${keys.length}.`,
		);
	}
}
