import { RECORDS } from '../../descriptions/records';
import { plainResource } from '../plain/plainResource';

export const contract = plainResource({
	record: RECORDS.contract,
	listDescription: 'List the contracts tenants sign',
	additionalQuery: true,
});
