import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { recordLocator } from '../../descriptions/records';
import { recordUpdate } from '../crm/update';
import { dealFieldOptions, dealFieldsBody } from './fields';

/** Deal → Update: `PATCH /deals/{id}` with only what the user set; the Remove switches send null. */
export const update = recordUpdate({
	record: CRM_RECORDS.deal,
	locator: recordLocator(CRM_RECORDS.deal),
	about:
		'Line Items, when added, replace the deal’s whole set. The Remove switches clear a field at Stora. Stora’s update takes no stage: Reopen moves a closed deal to a stage.',
	fields: dealFieldOptions(true),
	body: (check, fields) => dealFieldsBody(check, fields, true),
});
