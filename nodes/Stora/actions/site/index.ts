import { RECORDS } from '../../descriptions/records';
import { plainResource } from '../plain/plainResource';

export const site = plainResource({
	record: RECORDS.site,
	listDescription: 'List the storage facilities',
	additionalQuery: true,
});
