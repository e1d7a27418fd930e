import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { RESOURCE_PREFIXES, STAFF_PREFIX } from '../../descriptions/crmRecords';
import type { RecordKind } from '../../descriptions/records';
import { locatorName, RECORDS, recordLocator } from '../../descriptions/records';
import type { InputChecker } from '../../helpers/validation';

/** A staff member by ID only: Stora has no staff endpoint to pick one from. */
export function assigneeField(what: string): INodeProperties {
	return {
		displayName: 'Assignee ID',
		name: 'assigneeId',
		type: 'string',
		default: '',
		placeholder: 'e.g. staff_0a1b2c3d4e5f6a7b',
		description: `The staff member ${what} is assigned to (an ID starting with ${STAFF_PREFIX})`,
		hint: 'Stora lists no staff endpoint, so there is no list to pick from: copy the staff ID from Stora (a deal’s or task’s assignee, or your Stora admin)',
	};
}

/** The optional Site picker of a record created or updated in a collection. */
export function siteLocator(what: string): INodeProperties {
	return recordLocator(RECORDS.site, {
		required: false,
		description: `The site ${what} is for: pick one, or give its ID (site_…)`,
	});
}

/** A "Remove …" switch of an update: sends `null` (see `clearable`), or what `sentAs` says. */
export function removeSwitch(
	displayName: string,
	name: string,
	what: string,
	sentAs = 'null',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'boolean',
		default: true,
		description: `Whether to remove ${what} (sent as ${sentAs})`,
	};
}

/** Any record of Stora by ID, e.g. the contact or unit a task or note is about. */
export function resourceIdField(what: string, required = false): INodeProperties {
	return {
		displayName: 'Resource ID',
		name: 'resourceId',
		type: 'string',
		default: '',
		required,
		placeholder: 'e.g. con_0ac0514ed0711462',
		description: `The record ${what} is about: the ID of a contact (con_…), unit (unit_…), subscription (sub_…), task (task_…) or other Stora record`,
	};
}

const isBlank = (value: unknown) =>
	value === undefined || value === null || String(value).trim() === '';

/** A picker's value read from inside a collection: `{ __rl, mode, value }` or text from an expression. */
export function locatorValue(raw: unknown): unknown {
	if (raw !== null && typeof raw === 'object' && 'value' in raw) return (raw as IDataObject).value;
	return raw;
}

/** `{ id }` for a record picked inside a collection, or undefined when the picker is empty. */
export function optionalRef(
	check: InputChecker,
	record: Pick<RecordKind, 'displayName' | 'prefix'>,
	raw: unknown,
	displayName = record.displayName,
): IDataObject | undefined {
	const value = locatorValue(raw);
	if (isBlank(value)) return undefined;
	return { id: check.id(`${displayName} ID`, value, record.prefix) };
}

/** The locator of a record inside a collection, named as its top-level picker is. */
export const nested = (fields: IDataObject, record: RecordKind) => fields[locatorName(record)];

export function assigneeRef(check: InputChecker, raw: unknown): IDataObject | undefined {
	if (isBlank(raw)) return undefined;
	return { id: check.id('Assignee ID', raw, STAFF_PREFIX) };
}

/** A record ID with any prefix Stora uses, checked before anything is sent. */
export function resourceId(check: InputChecker, field: string, raw: unknown): string {
	const id = typeof raw === 'string' ? raw.trim() : raw;
	const known = RESOURCE_PREFIXES.find(
		(prefix) => typeof id === 'string' && new RegExp(`^${prefix}[A-Za-z0-9]+$`).test(id),
	);
	if (!known) {
		check.fail(
			field,
			raw ?? '',
			`A ${field} is the ID of a Stora record, starting with one of: ${RESOURCE_PREFIXES.join(', ')} (e.g. con_0ac0514ed0711462).`,
		);
	}
	return id as string;
}

/** Text a user must give: trimmed, refused when empty. */
export function requiredText(check: InputChecker, field: string, raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : isBlank(raw) ? '' : String(raw);
	if (text === '') check.fail(field, raw ?? '', `${field} is required: give it some text.`);
	return text;
}

/** Optional text: undefined when blank, so it is not sent. */
export function optionalText(raw: unknown): string | undefined {
	return isBlank(raw) ? undefined : String(raw);
}

/**
 * A "Remove …" switch beside its field: `null` clears it at Stora; setting the field and
 * removing it in one update is refused.
 */
export function clearable<T>(
	check: InputChecker,
	fields: IDataObject,
	remove: string,
	value: T | undefined,
	field: string,
): T | undefined | null {
	if (fields[remove] !== true) return value;
	if (value !== undefined) {
		check.fail(
			field,
			fields,
			`${field} is both set and removed in this update: keep one of the two.`,
		);
	}
	return null;
}

/** A body with the entries that were given; `null` (a removal) is kept. */
export function definedEntries(entries: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}
