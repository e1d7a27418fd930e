import { RECORDS } from '../../descriptions/records';
import { plainResource } from '../plain/plainResource';

export const tenancy = plainResource({
	record: RECORDS.tenancy,
	listDescription: 'List tenancies (Stora’s list has no filters)',
	notice:
		'Stora’s list of tenancies has no filters: Get Many returns every tenancy, up to the Limit. For one contact’s or one unit’s tenancies, use Unit Allocation → Get Many, which filters by contact, unit and site.',
});
