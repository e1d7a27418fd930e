import { CRM_RECORDS } from '../../descriptions/crmRecords';
import { RECORDS } from '../../descriptions/records';
import { textList } from '../order/getAll.operation';
import type { ListFilter } from '../plain/filters';
import { idsFilter } from '../plain/filters';
import { plainResource } from '../plain/plainResource';

const STATUSES = ['failed', 'processing', 'succeeded'];

/**
 * The statuses Stora's docs and webhooks show; the docs cut the list, so as text (an
 * expression) any other status word is sent too.
 */
const statusesFilter: ListFilter = {
	property: {
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: STATUSES.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
		default: [],
		description:
			'Only verifications in these states. Stora’s docs cut the list of states short: as text (an expression), comma-separated, any other state is sent as given, e.g. succeeded,requires_input.',
	},
	query(check, filters) {
		const chosen = textList(filters.statuses).map((status) => {
			if (!/^[a-z][a-z_]*$/.test(status)) {
				check.fail('Status', status, `A status is a lowercase word, e.g. ${STATUSES.join(', ')}.`);
			}
			return status;
		});
		return chosen.length > 0 ? { status: [...new Set(chosen)].join(',') } : {};
	},
};

export const identityVerification = plainResource({
	record: CRM_RECORDS.identityVerification,
	listDescription: 'List identity verifications by contact or status',
	filters: [idsFilter(RECORDS.contact, 'contact_id', 'verifications'), statusesFilter],
});
