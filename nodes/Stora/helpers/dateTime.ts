const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utcMs`, in milliseconds. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(
		field('year'),
		field('month') - 1,
		field('day'),
		field('hour'),
		field('minute'),
		field('second'),
	);
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses a date-time to Stora's UTC form (2025-03-04T14:41:00Z). n8n's date picker gives a
 * wall-clock time with no zone: that is read in the workflow's time zone, as n8n's nodes do,
 * and a bare date (2025-03-04) is midnight there. Returns undefined when the text is not a date.
 */
export function toUtcIso(text: string, timeZone: string): string | undefined {
	const given = text.trim();
	if (given === '') return undefined;
	const trimmed = BARE_DATE.test(given) ? `${given}T00:00:00` : given;
	let time = Date.parse(HAS_ZONE.test(trimmed) ? trimmed : `${trimmed}Z`);
	if (Number.isNaN(time)) return undefined;
	if (!HAS_ZONE.test(trimmed) && /T|\d:\d/.test(trimmed)) {
		try {
			const guess = time - zoneOffsetMs(time, timeZone);
			time = time - zoneOffsetMs(guess, timeZone);
		} catch {
			// An unknown time zone name: keep the time as UTC.
		}
	}
	// Stora's timestamps have whole seconds.
	return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
