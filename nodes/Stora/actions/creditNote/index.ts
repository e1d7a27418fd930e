import { RECORDS } from '../../descriptions/records';
import { plainResource } from '../plain/plainResource';

export const creditNote = plainResource({
	record: RECORDS.creditNote,
	// Stora documents no show endpoint for credit notes.
	get: false,
	listDescription: 'List credit notes',
	additionalQuery: true,
});
