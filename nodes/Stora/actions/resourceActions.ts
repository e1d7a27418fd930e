import type { INodePropertyOptions } from 'n8n-workflow';

import { RECORDS } from '../descriptions/records';
import { setBasePrice } from './catalogue/setBasePrice';
import { downloadPdf } from './documents/downloadPdf';
import type { Operation } from './operation';
import { deallocate } from './unit/deallocate.operation';
import { grantAccess } from './unit/grantAccess.operation';
import { overlock } from './unit/overlock.operation';
import { removeOverlock } from './unit/removeOverlock.operation';
import { reserve } from './unit/reserve.operation';

/**
 * An operation beyond Get and Get Many on one of the plain resources (Reserve a unit, Set Base
 * Price, Download PDF): its entry in the Operation list and the operation itself.
 */
export interface ResourceAction {
	option: INodePropertyOptions & { action: string };
	operation: Operation<unknown>;
}

const action = (
	name: string,
	value: string,
	actionText: string,
	description: string,
	operation: Operation<unknown>,
): ResourceAction => ({
	option: { name, value, action: actionText, description },
	operation,
});

const basePrice = (record: (typeof RECORDS)['unitType' | 'protectionLevel' | 'product']) =>
	action(
		'Set Base Price',
		'setBasePrice',
		`Set the base price of ${record.noun}`,
		`Set the base price of ${record.noun} per billing period (needs public.${record.single}:write)`,
		setBasePrice(record),
	);

const pdf = (
	record: (typeof RECORDS)['invoice' | 'creditNote' | 'contract'],
	what: string,
	operation: Operation<unknown>,
) => action('Download PDF', 'downloadPdf', `Download the PDF of ${record.noun}`, what, operation);

/** The actions of each plain resource, by its Resource value. */
export const RESOURCE_ACTIONS: Record<string, ResourceAction[]> = {
	unit: [
		action(
			'Deallocate',
			'deallocate',
			'Deallocate a unit',
			'End a unit’s allocation at move-out: it becomes available',
			deallocate,
		),
		action(
			'Grant Access',
			'grantAccess',
			'Grant a tenancy access to a unit',
			'Give a tenancy access to a unit at move-in',
			grantAccess,
		),
		action(
			'Overlock a Contact’s Units',
			'overlock',
			'Overlock a contact’s units',
			'Overlock every occupied unit of a contact',
			overlock,
		),
		action(
			'Remove Overlock',
			'removeOverlock',
			'Remove the overlock from a contact’s units',
			'Lift the overlock from every overlocked unit of a contact',
			removeOverlock,
		),
		action(
			'Reserve',
			'reserve',
			'Reserve a unit for a tenancy',
			'Reserve an available unit for a tenancy until move-in',
			reserve,
		),
	],
	invoice: [
		pdf(
			RECORDS.invoice,
			'Download an invoice as a PDF file, named after its number',
			downloadPdf({
				record: RECORDS.invoice,
				readFirst: true,
				nameOf: (invoice) => invoice.number,
			}),
		),
	],
	creditNote: [
		pdf(
			RECORDS.creditNote,
			'Download a credit note as a PDF file',
			downloadPdf({ record: RECORDS.creditNote, readFirst: false }),
		),
	],
	contract: [
		pdf(
			RECORDS.contract,
			'Download a signed contract as a PDF file',
			downloadPdf({
				record: RECORDS.contract,
				readFirst: true,
				noPdf: (contract) =>
					typeof contract.status === 'string' && contract.status !== 'signed'
						? `Stora has a PDF of signed contracts only; this contract is ${contract.status}. Pick a signed contract (Contract → Get Many shows each one’s status), or have this one signed first.`
						: undefined,
				notice:
					'Only signed contracts have a PDF: the node reads the contract first and stops with an error for any other.',
			}),
		),
	],
	unitType: [basePrice(RECORDS.unitType)],
	protectionLevel: [basePrice(RECORDS.protectionLevel)],
	product: [basePrice(RECORDS.product)],
};
