import { predatesRequest } from '../../nodes/Stora/transport/replay';
import { replayAdvice } from '../../nodes/Stora/transport/errors';

const at = (iso: string) => Date.parse(iso);
const key = { header: 'create:b-1', typed: 'b-1', fromUser: true };

describe('predatesRequest: a record older than the request, on Stora’s clock', () => {
	const sent = at('2026-01-01T12:00:00.400Z');
	const timing = (date: string | undefined, receivedAfterMs = 300) => ({
		sentAt: sent,
		receivedAt: sent + receivedAfterMs,
		date,
	});

	it('a record stamped in the second Stora answered in is fresh, even rounded down', () => {
		expect(predatesRequest('2026-01-01T12:00:00Z', timing('Thu, 01 Jan 2026 12:00:00 GMT'))).toBe(
			false,
		);
	});

	it('measures the skew from Date: Stora 10 minutes behind, a fresh record is fresh', () => {
		const date = 'Thu, 01 Jan 2026 11:50:00 GMT';
		expect(predatesRequest('2026-01-01T11:50:00Z', timing(date))).toBe(false);
		expect(predatesRequest('2026-01-01T10:50:00Z', timing(date))).toBe(true);
	});

	it('allows for the round trip and a margin of a few seconds', () => {
		const date = 'Thu, 01 Jan 2026 12:00:10 GMT';
		// Sent 10 s before the answer (retries): a record stamped 5 s before Date is fresh.
		expect(predatesRequest('2026-01-01T12:00:05Z', timing(date, 10_000))).toBe(false);
		expect(predatesRequest('2026-01-01T12:00:05Z', timing(date, 100))).toBe(true);
	});

	it('without Date, only a gap larger than any likely skew counts', () => {
		expect(predatesRequest('2026-01-01T11:58:00Z', timing(undefined))).toBe(false);
		expect(predatesRequest('2026-01-01T11:00:00Z', timing(undefined))).toBe(true);
	});

	it('no timestamp, or one that is not a date: not a replay', () => {
		const date = 'Thu, 01 Jan 2026 12:00:00 GMT';
		expect(predatesRequest(undefined, timing(date))).toBe(false);
		expect(predatesRequest('yesterday', timing(date))).toBe(false);
	});
});

describe('replayAdvice: the stored-answer caveat only with a reason', () => {
	it('says nothing on a first answer, and never on 401 or 403', () => {
		expect(replayAdvice(key, 422, undefined)).toBeUndefined();
		expect(replayAdvice(key, 401, 'replayed')).toBeUndefined();
		expect(replayAdvice(key, 403, 'sentBefore')).toBeUndefined();
	});

	it('names the reason', () => {
		expect(replayAdvice(key, 422, 'replayed')).toMatch(/^Stora answered with its stored response/);
		expect(replayAdvice(key, 422, 'sentBefore')).toMatch(/already sent in this execution/);
		expect(replayAdvice(key, 500, 'earlierAttempt')).toMatch(/An earlier attempt with key b-1/);
	});
});
