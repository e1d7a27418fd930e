import { toUtcIso } from '../../nodes/Stora/helpers/dateTime';

describe('date-times sent to Stora', () => {
	it('keeps an explicit zone', () => {
		expect(toUtcIso('2025-03-04T14:41:00Z', 'Europe/London')).toBe('2025-03-04T14:41:00Z');
		expect(toUtcIso('2025-03-04T14:41:00+01:00', 'UTC')).toBe('2025-03-04T13:41:00Z');
	});

	it("reads a zone-less time (n8n's date picker) in the workflow's time zone", () => {
		expect(toUtcIso('2025-07-01T09:00:00', 'Europe/London')).toBe('2025-07-01T08:00:00Z');
		expect(toUtcIso('2025-01-15T09:00:00', 'Europe/London')).toBe('2025-01-15T09:00:00Z');
		expect(toUtcIso('2025-01-15T09:00:00', 'America/New_York')).toBe('2025-01-15T14:00:00Z');
	});

	it("reads a bare date as midnight in the workflow's time zone, like a zone-less time", () => {
		expect(toUtcIso('2025-03-04', 'America/New_York')).toBe('2025-03-04T05:00:00Z');
		expect(toUtcIso('2025-07-01', 'Europe/London')).toBe('2025-06-30T23:00:00Z');
		expect(toUtcIso('2025-03-04', 'UTC')).toBe('2025-03-04T00:00:00Z');
		expect(toUtcIso('2025-03-04', 'America/New_York')).toBe(
			toUtcIso('2025-03-04T00:00:00', 'America/New_York'),
		);
	});

	it('rejects what is not a date', () => {
		expect(toUtcIso('next tuesday', 'UTC')).toBeUndefined();
		expect(toUtcIso('', 'UTC')).toBeUndefined();
	});
});
