import { unitAction } from './unitAction';

/** Unit → Deallocate: `POST /units/{unit_id}/deallocate`, no body. */
export const deallocate = unitAction({
	operation: 'deallocate',
	keySpace: 'unit_deallocate',
	action: 'deallocate',
	notice:
		'Ends the unit’s allocation (move-out): its tenancy loses access and the unit becomes available again.',
	subject: 'deallocation',
});
