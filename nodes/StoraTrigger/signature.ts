import { createHmac, timingSafeEqual } from 'crypto';

/** Why a delivery is refused, in words for the sender and for n8n's log. */
export type SignatureProblem =
	| 'missing signature header'
	| 'malformed signature header'
	| 'signature timestamp outside the tolerance'
	| 'signature does not match';

export interface SignatureCheck {
	/** `X-Stora-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
	header: string | string[] | undefined;
	rawBody: Buffer;
	secret: string;
	toleranceSeconds: number;
	nowSeconds: number;
}

/** A v1 value's bytes: hex as Stora's secrets are (its signature's encoding is presumed), or base64. */
function digestOf(signature: string): Buffer | undefined {
	if (/^[0-9a-f]{64}$/i.test(signature)) return Buffer.from(signature, 'hex');
	if (/^[A-Za-z0-9+/]{43}=$/.test(signature)) return Buffer.from(signature, 'base64');
	return undefined;
}

function partsOf(header: string): { timestamp?: string; signatures: string[] } {
	const signatures: string[] = [];
	let timestamp: string | undefined;
	for (const part of header.split(',')) {
		const [name, ...rest] = part.trim().split('=');
		const value = rest.join('=').trim();
		if (name === 't') timestamp = value;
		// Several v1 values may come while a secret is being rolled: any one that matches will do.
		if (name === 'v1' && value) signatures.push(value);
	}
	return { timestamp, signatures };
}

/**
 * Checks a delivery the way Stora signs it: the HMAC is computed over the bytes received, and
 * compared in constant time. Returns undefined when it verifies.
 */
export function signatureProblem(check: SignatureCheck): SignatureProblem | undefined {
	const header = Array.isArray(check.header) ? check.header[0] : check.header;
	if (!header) return 'missing signature header';
	const { timestamp, signatures } = partsOf(header);
	if (timestamp === undefined || !/^\d{1,16}$/.test(timestamp) || signatures.length === 0) {
		return 'malformed signature header';
	}
	// Seconds, as Stora documents; a value only milliseconds can be is read as milliseconds.
	const seconds = Number(timestamp) > 1e11 ? Number(timestamp) / 1000 : Number(timestamp);
	if (Math.abs(check.nowSeconds - seconds) > check.toleranceSeconds) {
		return 'signature timestamp outside the tolerance';
	}
	const expected = createHmac('sha256', check.secret)
		.update(`${timestamp}.`)
		.update(check.rawBody)
		.digest();
	const matches = signatures.some((signature) => {
		const received = digestOf(signature);
		return received?.length === expected.length && timingSafeEqual(received, expected);
	});
	return matches ? undefined : 'signature does not match';
}
