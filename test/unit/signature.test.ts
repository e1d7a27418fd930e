import { createHmac } from 'node:crypto';

import { signatureProblem } from '../../nodes/StoraTrigger/signature';

const secret = 'a'.repeat(64);
const body = Buffer.from('{"event":{"id":"evt_1","type":"order.created","data":{}}}');
const now = 1_760_000_000;
const sign = (t: number, raw: Buffer = body, key = secret) =>
	createHmac('sha256', key).update(`${t}.`).update(raw).digest('hex');
const check = (
	header: string | undefined,
	overrides: Partial<Parameters<typeof signatureProblem>[0]> = {},
) =>
	signatureProblem({
		header,
		rawBody: body,
		secret,
		toleranceSeconds: 300,
		nowSeconds: now,
		...overrides,
	});

describe('X-Stora-Signature', () => {
	it('verifies t=…,v1=… over "<t>.<raw body>"', () => {
		expect(check(`t=${now},v1=${sign(now)}`)).toBeUndefined();
		expect(check(` v1=${sign(now)} , t=${now} `)).toBeUndefined();
		expect(check(`t=${now},v1=${sign(now).toUpperCase()}`)).toBeUndefined();
	});

	it('takes the signature in base64 too, and a timestamp in milliseconds (both unconfirmed)', () => {
		const base64 = Buffer.from(sign(now), 'hex').toString('base64');
		expect(check(`t=${now},v1=${base64}`)).toBeUndefined();
		const ms = now * 1000;
		const signedMs = createHmac('sha256', secret).update(`${ms}.`).update(body).digest('hex');
		expect(check(`t=${ms},v1=${signedMs}`)).toBeUndefined();
		expect(check(`t=${ms - 301_000},v1=${signedMs}`)).not.toBeUndefined();
	});

	it('takes any one matching v1 (a secret being rolled)', () => {
		expect(check(`t=${now},v1=${sign(now, body, 'b'.repeat(64))},v1=${sign(now)}`)).toBeUndefined();
	});

	it('is computed over the bytes received, not over re-serialised JSON', () => {
		const spaced = Buffer.from('{ "event": {"id":"evt_1", "type":"order.created","data":{}} }');
		expect(check(`t=${now},v1=${sign(now, spaced)}`, { rawBody: spaced })).toBeUndefined();
		expect(check(`t=${now},v1=${sign(now, spaced)}`)).toBe('signature does not match');
	});

	it.each([
		['no header', undefined, 'missing signature header'],
		['an empty header', '', 'missing signature header'],
		['no timestamp', `v1=${sign(now)}`, 'malformed signature header'],
		['no v1', `t=${now}`, 'malformed signature header'],
		['a timestamp that is not a number', `t=soon,v1=${sign(now)}`, 'malformed signature header'],
		[
			'another secret',
			`t=${now},v1=${sign(now, body, 'b'.repeat(64))}`,
			'signature does not match',
		],
		['a tampered body', `t=${now},v1=${sign(now, Buffer.from('{}'))}`, 'signature does not match'],
		[
			'a signature for another timestamp',
			`t=${now},v1=${sign(now - 1)}`,
			'signature does not match',
		],
		['a truncated signature', `t=${now},v1=${sign(now).slice(0, 40)}`, 'signature does not match'],
		['a signature that is not hex', `t=${now},v1=${'z'.repeat(64)}`, 'signature does not match'],
		['v0 only', `t=${now},v0=${sign(now)}`, 'malformed signature header'],
	])('refuses %s', (_name, header, problem) => {
		expect(check(header)).toBe(problem);
	});

	it('refuses timestamps beyond the tolerance, past or future, and takes those within it', () => {
		expect(check(`t=${now - 300},v1=${sign(now - 300)}`)).toBeUndefined();
		expect(check(`t=${now + 300},v1=${sign(now + 300)}`)).toBeUndefined();
		expect(check(`t=${now - 301},v1=${sign(now - 301)}`)).toBe(
			'signature timestamp outside the tolerance',
		);
		expect(check(`t=${now + 301},v1=${sign(now + 301)}`)).toBe(
			'signature timestamp outside the tolerance',
		);
		expect(
			check(`t=${now - 301},v1=${sign(now - 301)}`, { toleranceSeconds: 600 }),
		).toBeUndefined();
	});

	it('takes the first header when n8n hands several', () => {
		expect(
			signatureProblem({
				header: [`t=${now},v1=${sign(now)}`, 'junk'],
				rawBody: body,
				secret,
				toleranceSeconds: 300,
				nowSeconds: now,
			}),
		).toBeUndefined();
	});
});
