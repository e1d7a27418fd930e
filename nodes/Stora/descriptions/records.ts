import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputChecker } from '../helpers/validation';
import { resourceLocator } from './common';

/**
 * What the node knows of one kind of Stora record: where it lives, how its answers wrap it, the
 * prefix of its IDs and the picker that finds one (catalogue §1).
 */
export interface RecordKind {
	/** The node's Resource value, e.g. `unitType`. */
	resource: string;
	/** e.g. `Unit Type` */
	displayName: string;
	/** e.g. `a unit type`, for descriptions and errors. */
	noun: string;
	/** e.g. `/unit_types` */
	path: string;
	/** The single record's key in an answer, e.g. `unit_type`. */
	single: string;
	/** The list's key in an answer, e.g. `unit_types`. */
	list: string;
	/** e.g. `utype_` */
	prefix: string;
	example: string;
	/** The scope a read needs, named in the README and hints. */
	readScope: string;
	/** The method of `methods/listSearch.ts` behind the record's picker. */
	searchListMethod: string;
}

const kind = (spec: RecordKind) => spec;

export const RECORDS = {
	/** Contacts have their own resource files (they predate this table); pickers and filters use this row. */
	contact: kind({
		resource: 'contact',
		displayName: 'Contact',
		noun: 'a contact',
		path: '/contacts',
		single: 'contact',
		list: 'contacts',
		prefix: 'con_',
		example: 'con_0ac0514ed0711462',
		readScope: 'public.contact:read',
		searchListMethod: 'searchContacts',
	}),
	unit: kind({
		resource: 'unit',
		displayName: 'Unit',
		noun: 'a unit',
		path: '/units',
		single: 'unit',
		list: 'units',
		prefix: 'unit_',
		example: 'unit_9f4c2a1b7d3e5f60',
		readScope: 'public.unit:read',
		searchListMethod: 'searchUnits',
	}),
	unitAllocation: kind({
		resource: 'unitAllocation',
		displayName: 'Unit Allocation',
		noun: 'a unit allocation',
		path: '/unit_allocations',
		single: 'unit_allocation',
		list: 'unit_allocations',
		prefix: 'alloc_',
		example: 'alloc_3c8e1f0a9b2d4e67',
		readScope: 'public.unit:read',
		searchListMethod: 'searchUnitAllocations',
	}),
	tenancy: kind({
		resource: 'tenancy',
		displayName: 'Tenancy',
		noun: 'a tenancy',
		path: '/tenancies',
		single: 'tenancy',
		list: 'tenancies',
		prefix: 'ten_',
		example: 'ten_5b7d9f1a3c2e4a68',
		readScope: 'public.tenancy:read',
		searchListMethod: 'searchTenancies',
	}),
	subscription: kind({
		resource: 'subscription',
		displayName: 'Subscription',
		noun: 'a subscription',
		path: '/subscriptions',
		single: 'subscription',
		list: 'subscriptions',
		prefix: 'sub_',
		example: 'sub_8a6c4e2f0b1d3a57',
		readScope: 'public.subscription:read',
		searchListMethod: 'searchSubscriptions',
	}),
	invoice: kind({
		resource: 'invoice',
		displayName: 'Invoice',
		noun: 'an invoice',
		path: '/invoices',
		single: 'invoice',
		list: 'invoices',
		prefix: 'inv_',
		example: 'inv_195h6kfm9ro15lof',
		readScope: 'public.invoice:read',
		searchListMethod: 'searchInvoices',
	}),
	creditNote: kind({
		resource: 'creditNote',
		displayName: 'Credit Note',
		noun: 'a credit note',
		path: '/credit_notes',
		single: 'credit_note',
		list: 'credit_notes',
		prefix: 'cred_',
		example: 'cred_4d2b0f8e6a1c3b59',
		readScope: 'public.credit_note:read',
		searchListMethod: 'searchCreditNotes',
	}),
	contract: kind({
		resource: 'contract',
		displayName: 'Contract',
		noun: 'a contract',
		path: '/contracts',
		single: 'contract',
		list: 'contracts',
		prefix: 'ctr_',
		example: 'ctr_a1b2c3d4e5f6g7h8',
		readScope: 'public.contract:read',
		searchListMethod: 'searchContracts',
	}),
	site: kind({
		resource: 'site',
		displayName: 'Site',
		noun: 'a site',
		path: '/sites',
		single: 'site',
		list: 'sites',
		prefix: 'site_',
		example: 'site_14b419f1096013f1',
		readScope: 'public.site:read',
		searchListMethod: 'searchSites',
	}),
	unitType: kind({
		resource: 'unitType',
		displayName: 'Unit Type',
		noun: 'a unit type',
		path: '/unit_types',
		single: 'unit_type',
		list: 'unit_types',
		prefix: 'utype_',
		example: 'utype_6e8a0c2d4f1b3a59',
		readScope: 'public.unit_type:read',
		searchListMethod: 'searchUnitTypes',
	}),
	protectionLevel: kind({
		resource: 'protectionLevel',
		displayName: 'Protection Level',
		noun: 'a protection level',
		path: '/protection_levels',
		single: 'protection_level',
		list: 'protection_levels',
		prefix: 'plvl_',
		example: 'plvl_2c4e6a8b0d1f3e57',
		readScope: 'public.protection_level:read',
		searchListMethod: 'searchProtectionLevels',
	}),
	product: kind({
		resource: 'product',
		displayName: 'Product',
		noun: 'a product',
		path: '/products',
		single: 'product',
		list: 'products',
		prefix: 'prod_',
		example: 'prod_7b9d1f3a5c2e4b60',
		readScope: 'public.product:read',
		searchListMethod: 'searchProducts',
	}),
} as const;

export type RecordName = keyof typeof RECORDS;

/** The parameter a record's picker is saved under, e.g. `unitTypeId`. */
export const locatorName = (record: RecordKind) => `${record.resource}Id`;

/** A picker for one record: From List (searchable) or By ID, checked against the prefix. */
export function recordLocator(
	record: RecordKind,
	overrides: { displayName?: string; description?: string; required?: boolean; hint?: string } = {},
): INodeProperties {
	return resourceLocator({
		displayName: overrides.displayName ?? record.displayName,
		name: locatorName(record),
		noun: record.noun,
		searchListMethod: record.searchListMethod,
		prefix: record.prefix,
		example: record.example,
		required: overrides.required,
		hint: overrides.hint,
		description:
			overrides.description ??
			`The ${record.displayName.toLowerCase()}: pick one from the list, or give its ID (${record.prefix}…)`,
	});
}

/** The ID a record's picker holds for an item, checked against the prefix before anything is sent. */
export function readRecordId(
	ctx: IExecuteFunctions,
	check: InputChecker,
	record: RecordKind,
	displayName = record.displayName,
): string {
	const value = ctx.getNodeParameter(locatorName(record), check.itemIndex, '', {
		extractValue: true,
	});
	return check.id(`${displayName} ID`, value, record.prefix);
}
