/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * A Stora as its docs describe it, in front of the sandbox: answers carry a `Date` from the
 * sandbox's own clock (which tests move, as the hours between two runs would), and no replay
 * header (Stora's docs name none), unless `replayHeader` is set.
 */
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ClockProxy {
	url: string;
	/** Moves the sandbox's clock (and the proxy's `Date`) by this many ms from now on. */
	shift: number;
	replayHeader: boolean;
	close(): Promise<void>;
}

/** The clock to give the sandbox (`now`) so that the proxy moves it. */
export function shiftableClock(): { now: () => number; by: { shift: number } } {
	const by = { shift: 0 };
	return { now: () => Date.now() + by.shift, by };
}

export async function startClockProxy(
	target: () => string,
	clock: { now: () => number; by: { shift: number } },
): Promise<ClockProxy> {
	const proxy = { replayHeader: false } as ClockProxy;
	const server = createServer((req, res) => {
		const upstream = new URL(req.url ?? '/', target());
		const forward = httpRequest(
			upstream,
			{ method: req.method, headers: { ...req.headers, host: upstream.host } },
			(answer) => {
				const headers: Record<string, string | string[] | undefined> = {
					...answer.headers,
					date: new Date(clock.now()).toUTCString(),
				};
				if (!proxy.replayHeader) delete headers['idempotent-replayed'];
				res.writeHead(answer.statusCode ?? 502, headers);
				answer.pipe(res);
			},
		);
		forward.on('error', () => res.destroy());
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	Object.defineProperty(proxy, 'shift', {
		get: () => clock.by.shift,
		set: (value: number) => (clock.by.shift = value),
	});
	proxy.close = async () =>
		await new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return proxy;
}
