import { RECORDS } from '../../descriptions/records';
import { choiceFilter, idsFilter } from '../plain/filters';
import { plainResource } from '../plain/plainResource';

export const unit = plainResource({
	record: RECORDS.unit,
	listDescription: 'List units by site, unit type or status',
	filters: [
		idsFilter(RECORDS.site, 'site_id', 'units'),
		choiceFilter({
			displayName: 'Statuses',
			name: 'statuses',
			key: 'status',
			// Stora's filter spells the state "overlock"; its guides call it "overlocked".
			choices: {
				Available: 'available',
				Occupied: 'occupied',
				Overlocked: 'overlock',
				Repossessed: 'repossessed',
				Reserved: 'reserved',
				Unavailable: 'unavailable',
			},
			aliases: { overlocked: 'overlock' },
			description:
				'Only units in these states. As text, comma-separated, e.g. available,reserved. Overlocked is sent as Stora’s filter value overlock; as text, overlock and overlocked are both accepted.',
		}),
		idsFilter(RECORDS.unitType, 'unit_type_id', 'units'),
	],
});
