import { RECORDS } from '../../descriptions/records';
import { idsFilter } from '../plain/filters';
import { plainResource } from '../plain/plainResource';

export const unitAllocation = plainResource({
	record: RECORDS.unitAllocation,
	listDescription: 'List the links of units to tenancies by contact, tenancy, unit or site',
	filters: [
		idsFilter(RECORDS.contact, 'contact_id', 'allocations'),
		idsFilter(RECORDS.site, 'site_id', 'allocations'),
		idsFilter(RECORDS.tenancy, 'tenancy_id', 'allocations'),
		idsFilter(RECORDS.unit, 'unit_id', 'allocations'),
	],
});
