/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import http from 'node:http';

export interface ApiResponse {
	status: number;
	headers: Headers;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	text: string;
}

export interface CallOptions {
	body?: unknown;
	rawBody?: string;
	token?: string | null;
	headers?: Record<string, string>;
}

/** Calls the sandbox with fetch; `token: null` sends no Authorization header. */
export async function call(
	baseUrl: string,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<ApiResponse> {
	const headers: Record<string, string> = {
		Accept: 'application/json',
		...(options.headers ?? {}),
	};
	const token = options.token === undefined ? 'sandbox-token' : options.token;
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	let body: string | undefined;
	if (options.rawBody !== undefined) body = options.rawBody;
	else if (options.body !== undefined) body = JSON.stringify(options.body);
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(baseUrl + path, { method, headers, body });
	const text = await res.text();
	let parsed: unknown;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, body: parsed, text };
}

export interface RawResult {
	error?: NodeJS.ErrnoException;
	status?: number;
	headers?: http.IncomingHttpHeaders;
	text?: string;
}

/**
 * A request over a fresh (non-pooled) connection that reports a socket error instead of throwing,
 * for connection-reset and malformed-body cases.
 */
export function rawRequest(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
	timeoutMs?: number,
): Promise<RawResult> {
	return new Promise((resolve) => {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const req = http.request(
			baseUrl + path,
			{
				method,
				agent: false,
				headers: {
					Authorization: 'Bearer sandbox-token',
					...(data
						? {
								'Content-Type': 'application/json',
								'Content-Length': String(Buffer.byteLength(data)),
							}
						: {}),
					...headers,
				},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode,
						headers: res.headers,
						text: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', (error: NodeJS.ErrnoException) => resolve({ error }));
			},
		);
		req.on('error', (error: NodeJS.ErrnoException) => resolve({ error }));
		if (timeoutMs !== undefined) {
			req.setTimeout(timeoutMs, () =>
				req.destroy(Object.assign(new Error('client timeout'), { code: 'ETIMEDOUT' })),
			);
		}
		if (data) req.write(data);
		req.end();
	});
}

/** A manually driven clock for rate-limit and expiry tests. */
export function fakeClock(start = Date.parse('2025-03-01T12:00:00.000Z')) {
	let t = start;
	return {
		now: () => t,
		set: (ms: number) => {
			t = ms;
		},
		advance: (ms: number) => {
			t += ms;
		},
	};
}

/** The keys of a full line item, in order (expand=line_items and the line item endpoints). */
export const LINE_ITEM_KEYS = [
	'id',
	'created_at',
	'updated_at',
	'type',
	'quantity',
	'item',
	'price',
	'discount_total',
	'tax',
	'total',
	'total_excluding_tax',
];

/** A minimal valid create-order body for the Camden site. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function minimalOrder(siteId: string): Record<string, any> {
	return { site: { id: siteId } };
}

/** Polls `condition` every 10 ms until it holds (fails after `maxMs`); no timing is asserted. */
export async function waitFor(condition: () => boolean, maxMs = 10_000): Promise<void> {
	const deadline = Date.now() + maxMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
