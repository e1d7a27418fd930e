/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * How close the node gets to Stora's rate limit without crossing it: Create and Get Many against
 * the sandbox enforcing Stora's default limits (10/s, 60/min), wall time against the fastest any
 * client could legally go. Sizes: BENCH_CREATES (default 500), BENCH_ORDERS (default 10,000).
 * Run: npm run bench
 */
import { SEED } from '../sandbox';
import { items } from '../test/helpers/engine';
import { useSandbox } from '../test/engine/sandbox';

const creates = Number(process.env.BENCH_CREATES ?? 500);
const orders = Number(process.env.BENCH_ORDERS ?? 10_000);
const limits = { perSecond: 10, perMinute: 60 };
const t = useSandbox({ seedOrders: false, rateLimit: limits });

/** The least time n requests can take under both windows, sent as fast as they are allowed. */
function legalMinimumSeconds(requests: number): number {
	const fullMinutes = Math.floor((requests - 1) / limits.perMinute);
	const inLastMinute = requests - fullMinutes * limits.perMinute;
	return fullMinutes * 60 + Math.floor((inLastMinute - 1) / limits.perSecond);
}

const rows: string[][] = [];

async function measure(name: string, run: () => Promise<unknown>) {
	t.sandbox.clearRequests();
	const started = Date.now();
	await run();
	const seconds = (Date.now() - started) / 1000;
	const requests = t.requests().length;
	const limited = t.requests().filter((request) => request.status === 429).length;
	const minimum = legalMinimumSeconds(requests);
	rows.push([
		name,
		String(requests),
		String(limited),
		seconds.toFixed(1),
		String(minimum),
		(requests / seconds).toFixed(2),
		minimum > 0 ? (seconds / minimum).toFixed(3) : '-',
	]);
	expect(limited).toBe(0);
}

afterAll(() => {
	const header = ['scenario', 'requests', '429s', 'wall s', 'legal min s', 'req/s', 'wall / min'];
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => row[column].length)),
	);
	const line = (cells: string[]) =>
		cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
	console.log(
		[
			`Pacing at Stora's default limits (${limits.perSecond}/s, ${limits.perMinute}/min), sandbox enforcing them`,
			line(header),
			...rows.map(line),
		].join('\n'),
	);
});

it(`Create ${creates} orders`, async () => {
	await measure(`Create ${creates}`, async () => {
		const result = await t.run(
			{
				resource: 'order',
				operation: 'create',
				siteId: SEED.sites.camden,
				contact: { email: '={{ $json.email }}' },
			},
			{
				inputItems: items(
					...Array.from({ length: creates }, (_, i) => ({ email: `bench${i}@example.com` })),
				),
				credentials: { requestsPerSecond: limits.perSecond, requestsPerMinute: limits.perMinute },
			},
		);
		expect(result.json('Stora')).toHaveLength(creates);
	});
});

it(`Get Many of ${orders} orders`, async () => {
	t.sandbox.reset();
	// An order history, one order a second: Return All pages on their created_at cursor.
	const start = Date.parse('2026-01-01T00:00:00Z');
	for (let i = 0; i < orders; i++) t.sandbox.addOrder({ created_at: start + i * 1000 });
	// A fresh minute: the Create run above used this token's budget.
	await new Promise((resolve) => setTimeout(resolve, 61_000));
	await measure(`Get Many ${orders}`, async () => {
		const result = await t.run(
			{ resource: 'order', operation: 'getAll', returnAll: true },
			{ credentials: { requestsPerSecond: limits.perSecond, requestsPerMinute: limits.perMinute } },
		);
		expect(result.json('Stora')).toHaveLength(orders);
	});
});
