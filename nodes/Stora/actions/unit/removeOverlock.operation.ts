import { contactUnitsAction } from './unitAction';

/** Unit → Remove Overlock: `POST /units/remove_overlock` with `{contact_id}`. */
export const removeOverlock = contactUnitsAction({
	operation: 'removeOverlock',
	keySpace: 'unit_remove_overlock',
	action: 'remove_overlock',
	notice:
		'Removes the overlock from every overlocked unit of the contact (e.g. once their invoice is paid). Outputs one item with Stora’s message and the IDs of the units released.',
	subject: 'overlock removal',
	why: 'release from overlock',
});
