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
			choices: [
				{ name: 'Available', value: 'available' },
				{ name: 'Occupied', value: 'occupied' },
				{
					name: 'Overlocked',
					value: 'overlock',
					description: 'Sent as Stora’s filter value, overlock',
				},
				{ name: 'Repossessed', value: 'repossessed' },
				{ name: 'Reserved', value: 'reserved' },
				{ name: 'Unavailable', value: 'unavailable' },
			],
			aliases: { overlocked: 'overlock' },
			description:
				'Only units in these states. As text, comma-separated, e.g. available,reserved; overlock and overlocked both mean an overlocked unit.',
		}),
		idsFilter(RECORDS.unitType, 'unit_type_id', 'units'),
	],
});
