import { unitAction } from './unitAction';

/** Unit → Grant Access: `POST /units/{unit_id}/grant_access` with `{tenancy_id}`. */
export const grantAccess = unitAction({
	operation: 'grantAccess',
	keySpace: 'unit_grant_access',
	action: 'grant_access',
	notice:
		'Gives the tenancy immediate access to the unit (move-in), synced to the site’s smart entry. A reserved unit must be reserved for this same tenancy.',
	subject: 'access grant',
	tenancy: {
		why: 'Grant Access needs the tenancy to give access to',
		description: 'The tenancy that moves in: pick one, or give its ID (ten_…)',
	},
});
