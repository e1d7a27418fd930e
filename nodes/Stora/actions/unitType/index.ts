import { RECORDS } from '../../descriptions/records';
import { simplifyUnitType } from '../../helpers/simplify';
import { plainResource } from '../plain/plainResource';

export const unitType = plainResource({
	record: RECORDS.unitType,
	listDescription: 'List unit types with their sizes and prices',
	additionalQuery: true,
	simplify: simplifyUnitType,
});
