import { RECORDS } from '../../descriptions/records';
import { plainResource } from '../plain/plainResource';

export const protectionLevel = plainResource({
	record: RECORDS.protectionLevel,
	// Stora's list takes only page, limit and sort: no filters.
	listDescription: 'List every protection level with its cover and prices',
});
