'use strict';
/**
 * The floor: a bare request loop in Node (node:http, keep-alive) doing what the n8n workflows do, with nothing but a
 * pacer at the limits. Run as a child process (`node floor.js '<json job>'`) so its memory is
 * its own; prints one JSON line with the result.
 *
 * Jobs: { kind: 'getMany', baseUrl, token, limits } pages `page=1,2,…` with limit=100 until
 * `next` is null; { kind: 'create', baseUrl, token, limits, items: [{ref, email}], siteId }
 * posts every item (Idempotency-Key = ref), as many in flight as the pacer lets go.
 */
const http = require('node:http');
const { SlidingPacer, UNPACED } = require('./pacer');

const MAX_IN_FLIGHT = 256;
const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });

/** One HTTP exchange; `written` is called once the request is out on the socket. */
function exchange(url, { method, headers, body }, written) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('finish', written);
		req.on('error', reject);
		req.end(body);
	});
}

async function send(job, pacer, stats, method, path, body, key) {
	const payload = body ? JSON.stringify(body) : undefined;
	const headers = {
		authorization: `Bearer ${job.token}`,
		accept: 'application/json',
		...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
		...(key ? { 'idempotency-key': key } : {}),
	};
	for (;;) {
		const written = await pacer.take();
		stats.requests += 1;
		let res;
		try {
			res = await exchange(`${job.baseUrl}${path}`, { method, headers, body: payload }, written);
		} catch {
			stats.networkErrors += 1;
			continue;
		}
		let json;
		try {
			json = JSON.parse(res.text);
		} catch {
			continue;
		}
		if (res.status === 429) {
			stats.limited += 1;
			const reset = Number(res.headers['ratelimit-reset']) * 1000;
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, reset - Date.now())));
			continue;
		}
		if (res.status >= 500) continue;
		if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
		return json;
	}
}

async function getMany(job, pacer, stats) {
	const ids = new Set();
	let items = 0;
	for (let page = 1; page; ) {
		const body = await send(job, pacer, stats, 'GET', `/2025-09/orders?limit=100&page=${page}`);
		for (const order of body.orders) ids.add(order.id);
		items += body.orders.length;
		page = body.meta.pagination.next;
	}
	return { items, unique: ids.size };
}

async function create(job, pacer, stats) {
	let next = 0;
	let items = 0;
	const worker = async () => {
		while (next < job.items.length) {
			const item = job.items[next++];
			const body = { site: { id: job.siteId }, contact: { email: item.email }, metadata: { external_id: item.ref } };
			await send(job, pacer, stats, 'POST', '/2025-09/orders', body, item.ref);
			items += 1;
		}
	};
	await Promise.all(Array.from({ length: Math.min(MAX_IN_FLIGHT, job.items.length) }, worker));
	return { items, unique: items };
}

async function main() {
	const job = JSON.parse(process.argv[2]);
	const pacer = job.limits ? new SlidingPacer(job.limits) : UNPACED;
	const stats = { requests: 0, limited: 0, networkErrors: 0 };
	const startedAt = Date.now();
	const result = job.kind === 'getMany' ? await getMany(job, pacer, stats) : await create(job, pacer, stats);
	const ms = Date.now() - startedAt;
	agent.destroy();
	process.stdout.write(`${JSON.stringify({ ...result, ...stats, ms })}\n`);
}

if (require.main === module) {
	main().catch((err) => {
		process.stderr.write(`${err.stack}\n`);
		process.exit(1);
	});
}
