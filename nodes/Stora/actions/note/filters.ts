import { textList } from '../order/getAll.operation';
import { resourceId } from '../crm/fields';
import type { ListFilter } from '../plain/filters';

/** Notes by the records they are on (`resource_id`, comma-separated), each ID checked. */
export const resourceIdsFilter: ListFilter = {
	property: {
		displayName: 'Resource IDs',
		name: 'resourceIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. con_0ac0514ed0711462, unit_…',
		description:
			'Only notes on these records (comma-separated IDs of units, contacts, subscriptions or tasks)',
	},
	query(check, filters) {
		const ids = textList(filters.resourceIds).map((id) => resourceId(check, 'Resource ID', id));
		return ids.length > 0 ? { resource_id: ids.join(',') } : {};
	},
};
