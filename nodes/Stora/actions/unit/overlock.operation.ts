import { contactUnitsAction } from './unitAction';

/** Unit → Overlock a Contact's Units: `POST /units/overlock` with `{contact_id}`. */
export const overlock = contactUnitsAction({
	operation: 'overlock',
	keySpace: 'unit_overlock',
	action: 'overlock',
	notice:
		'Overlocks every occupied unit of the contact (e.g. for unpaid invoices). Outputs one item with Stora’s message and the IDs of the units overlocked.',
	subject: 'overlock',
	why: 'overlock',
});
