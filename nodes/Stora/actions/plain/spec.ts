import type { IDataObject } from 'n8n-workflow';

import type { RecordKind } from '../../descriptions/records';
import type { ResourceAction } from '../resourceActions';
import type { ListFilter } from './filters';

/**
 * A read-only resource in a few lines: the record (path, wrapper keys, prefix, picker), Get
 * Many's filters as data, and what Simplify keeps. Its actions register in RESOURCE_ACTIONS.
 */
export interface PlainResourceSpec {
	record: RecordKind;
	/** False where Stora documents no show endpoint (credit notes): no Get. */
	get?: boolean;
	/** Get Many's description in the Operation list, e.g. "List units by site, type or status". */
	listDescription: string;
	/** The filters Stora documents for the list. */
	filters?: ListFilter[];
	/** Stora's docs list the list's filters incompletely: offer Additional Query Parameters. */
	additionalQuery?: boolean;
	/** Shown above Get Many's fields, e.g. that Stora's list has no filters. */
	notice?: string;
	/** Simplify (on by default from version 2) for records too large to use whole. */
	simplify?: (record: IDataObject) => IDataObject;
	/** Operations of the resource's own beyond Get and Get Many (Create, Update, …). */
	actions?: ResourceAction[];
}

/** A record as the node outputs it: in full, or simplified where the resource has Simplify. */
export function outputOf(spec: PlainResourceSpec, record: IDataObject, simplify: boolean) {
	return simplify && spec.simplify ? spec.simplify(record) : record;
}

/** "units", "credit notes": the list's key in words. */
export const pluralOf = (record: RecordKind) => record.list.replace(/_/g, ' ');
