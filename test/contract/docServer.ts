/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { DocExample } from './docExamples';

export interface DocRoute {
	method: string;
	/** Matched against the path without the query. */
	path: RegExp;
	status: number;
	example: DocExample;
}

export interface DocServer {
	url: string;
	requests: Array<{ method: string; path: string; query: string; body: string }>;
	close(): Promise<void>;
}

/** When Stora produced an example answer: its record's `updated_at` (a list's newest), for the `Date` header. */
function answeredAt(example: DocExample): string {
	const records = Object.entries(example.body)
		.filter(([key]) => key !== 'meta')
		.flatMap(([, value]) => value) as Array<{ updated_at?: string }>;
	const newest = Math.max(
		...records.map((r) => Date.parse(r.updated_at ?? '')).filter(Number.isFinite),
	);
	return new Date(Number.isFinite(newest) ? newest + 1000 : Date.now()).toUTCString();
}

/**
 * Answers each route with its doc page's example, byte for byte as JSON, dated when the doc's record was
 * last updated (as if Stora answered then: a record is not mistaken for an earlier run's by clock skew).
 */
export async function startDocServer(routes: DocRoute[]): Promise<DocServer> {
	const requests: DocServer['requests'] = [];
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => {
			const [path, query = ''] = (req.url ?? '').split('?');
			requests.push({ method: req.method ?? '', path, query: decodeURIComponent(query), body });
			const route = routes.find((r) => r.method === req.method && r.path.test(path));
			const status = route?.status ?? 404;
			const answer = route
				? route.example.body
				: {
						error: {
							code: 'invalid_endpoint',
							type: 'invalid_request_error',
							message: 'Not found',
							details: [],
						},
					};
			res.writeHead(status, {
				'content-type': 'application/json; charset=utf-8',
				...(route ? { date: answeredAt(route.example) } : {}),
				'ratelimit-limit': '10',
				'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
			});
			res.end(JSON.stringify(answer));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
