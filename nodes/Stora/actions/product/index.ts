import { RECORDS } from '../../descriptions/records';
import { plainResource } from '../plain/plainResource';

export const product = plainResource({
	record: RECORDS.product,
	listDescription: 'List products with their prices',
	additionalQuery: true,
});
