import { RECORDS } from '../../descriptions/records';
import { simplifyInvoice } from '../../helpers/simplify';
import { plainResource } from '../plain/plainResource';

export const invoice = plainResource({
	record: RECORDS.invoice,
	listDescription: 'List invoices',
	additionalQuery: true,
	simplify: simplifyInvoice,
});
