import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactIdLocator } from '../../descriptions/common';
import { RECORDS, readRecordId, recordLocator } from '../../descriptions/records';
import type { PostOperation } from '../../helpers/idempotency';
import { InputChecker } from '../../helpers/validation';
import type { Operation } from '../operation';
import type { PreparedAction } from '../recordPost';
import {
	NO_STAMP,
	actionOptions,
	postAction,
	prepareAction,
	requiredRecordId,
} from '../recordPost';

interface UnitActionSpec {
	/** The Operation value, e.g. `grantAccess`. */
	operation: string;
	keySpace: PostOperation;
	/** The path after `/units/{unit_id}/`, e.g. `grant_access`. */
	action: string;
	notice: string;
	/** What the Idempotency Key option calls one request and its effect, e.g. "reservation". */
	subject: string;
	/** Reserve and Grant Access name the tenancy: why it is needed, and its field's description. */
	tenancy?: { why: string; description: string };
}

/** A unit action's fields: its notice, `fields`, then its options; shown for its operation. */
function describe(
	spec: Pick<UnitActionSpec, 'operation' | 'notice' | 'subject'>,
	fields: INodeProperties[],
): INodeProperties[] {
	const notice: INodeProperties = {
		displayName: spec.notice,
		name: `${spec.operation}Notice`,
		type: 'notice',
		default: '',
	};
	return updateDisplayOptions({ show: { resource: ['unit'], operation: [spec.operation] } }, [
		notice,
		...fields,
		actionOptions(spec.subject, spec.subject),
	]);
}

/** An action on one unit: `POST /units/{unit_id}/<action>`, answered with the unit. */
export function unitAction(spec: UnitActionSpec): Operation<PreparedAction> {
	return {
		description: describe(spec, [
			recordLocator(RECORDS.unit),
			...(spec.tenancy
				? [recordLocator(RECORDS.tenancy, { description: spec.tenancy.description })]
				: []),
		]),
		keySpace: spec.keySpace,
		prepare(this: IExecuteFunctions, itemIndex: number) {
			const check = new InputChecker(this, itemIndex);
			const unitId = readRecordId(this, check, RECORDS.unit);
			const body: IDataObject = spec.tenancy
				? { tenancy_id: requiredRecordId(this, check, RECORDS.tenancy, spec.tenancy.why) }
				: {};
			return prepareAction(this, check, spec.keySpace, `/units/${unitId}/${spec.action}`, body);
		},
		async execute(this: IExecuteFunctions, prepared: PreparedAction, itemIndex: number) {
			return await postAction(this, prepared, itemIndex, { key: 'unit', madeAt: NO_STAMP });
		},
	};
}

/** The unit IDs of an overlock answer's `meta`: none listed is none changed. */
function unitIdsOf(body: IDataObject): string[] {
	const meta = body.meta as IDataObject | undefined;
	const ids = meta && typeof meta === 'object' ? meta.unit_ids : undefined;
	return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * An action on all of a contact's units: `POST /units/<action>` with `{contact_id}`, answered
 * with `{success: {message}, meta: {unit_ids}}`, output as one item.
 */
export function contactUnitsAction(
	spec: Omit<UnitActionSpec, 'tenancy'> & { why: string },
): Operation<PreparedAction & { contactId: string }> {
	return {
		description: describe(spec, [
			{ ...contactIdLocator, description: `The contact whose units to ${spec.why}` },
		]),
		keySpace: spec.keySpace,
		prepare(this: IExecuteFunctions, itemIndex: number) {
			const check = new InputChecker(this, itemIndex);
			const contactId = requiredRecordId(
				this,
				check,
				RECORDS.contact,
				`To ${spec.why}, name the contact`,
			);
			const path = `/units/${spec.action}`;
			const body = { contact_id: contactId };
			return { ...prepareAction(this, check, spec.keySpace, path, body), contactId };
		},
		async execute(this: IExecuteFunctions, prepared, itemIndex: number) {
			return await postAction(this, prepared, itemIndex, {
				key: 'success',
				output: (success, body) => ({
					success: true,
					message: typeof success.message === 'string' ? success.message : '',
					contact_id: prepared.contactId,
					unit_ids: unitIdsOf(body),
				}),
			});
		},
	};
}
