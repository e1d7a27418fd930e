import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { plainResource } from '../plain/plainResource';

export const dealStage = plainResource({
	record: CRM_RECORDS.dealStage,
	get: false,
	listDescription: 'List the stages of the sales pipeline',
});
