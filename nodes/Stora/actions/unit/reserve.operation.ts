import { unitAction } from './unitAction';

/** Unit → Reserve: `POST /units/{unit_id}/reserve` with `{tenancy_id}`. */
export const reserve = unitAction({
	operation: 'reserve',
	keySpace: 'unit_reserve',
	action: 'reserve',
	notice:
		'Reserves the unit for the tenancy until move-in; then Grant Access gives the tenancy access to it. The unit must be available.',
	subject: 'reservation',
	tenancy: {
		why: 'Reserve needs the tenancy to reserve the unit for',
		description: 'The tenancy to reserve the unit for: pick one, or give its ID (ten_…)',
	},
});
