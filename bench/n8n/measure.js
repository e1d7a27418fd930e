'use strict';
/** Setting the sandbox up for a run, and reading what a run did from it and from n8n's run data. */

const ORDERS_START = Date.parse('2026-01-01T00:00:00Z');

/** An empty store (the catalogue only), the run's latency, and for Get Many `count` orders a second apart. */
function prepareSandbox(sandbox, run) {
	sandbox.reset();
	sandbox.setOptions({ latencyMs: run.latencyMs });
	if (run.op === 'getMany') sandbox.addOrders(run.count, (i) => ({ created_at: ORDERS_START + i * 1000 }));
}

/** The input items of a Create run: a distinct customer each, `ref` marks its order (metadata external_id). */
function createItems(run) {
	return Array.from({ length: run.count }, (_, i) => ({
		ref: `run${run.index}-item${i}`,
		email: `customer${i}.run${run.index}@example.com`,
	}));
}

/** Requests the sandbox got in this run, the 429s among them. */
function requestCounts(sandbox) {
	const requests = sandbox.requests.length;
	const limited = sandbox.requests.filter((r) => r.status === 429).length;
	return { requests, limited, accepted: requests - limited };
}

/**
 * Orders a Create run left in the store: one per ref expected, `duplicates` beyond that,
 * `missing` refs with none.
 */
function storedOrders(sandbox, items) {
	const perRef = new Map(items.map((item) => [item.ref, 0]));
	let stored = 0;
	for (const order of sandbox.store.orders) {
		const ref = order.metadata?.external_id;
		if (!perRef.has(ref)) continue;
		perRef.set(ref, perRef.get(ref) + 1);
		stored += 1;
	}
	const missing = [...perRef.values()].filter((n) => n === 0).length;
	return { orders: stored, duplicates: stored - (items.length - missing), missing };
}

/** Orders a Get Many run returned, against the ids in the store. */
function returnedOrders(sandbox, ids) {
	const unique = new Set(ids);
	const stored = new Set(sandbox.store.orders.map((o) => o.id));
	let found = 0;
	for (const id of unique) if (stored.has(id)) found += 1;
	return { orders: ids.length, duplicates: ids.length - unique.size, missing: stored.size - found };
}

/** Output items (their json) of a node's last run, [] when it produced none. */
function outputOf(runData, node) {
	const runs = runData[node];
	const main = runs?.[runs.length - 1]?.data?.main?.[0];
	return (main ?? []).map((item) => item.json);
}

/**
 * From the start of `first` to the end of `last` (or of `first`, when `last` never ran because
 * `first` failed), in ms, from n8n's own timing of each node.
 */
function runSpanMs(runData, first, last) {
	const start = runData[first]?.[0];
	if (!start) return undefined;
	const runs = runData[last] ?? runData[first];
	const end = runs[runs.length - 1];
	return end.startTime + end.executionTime - start.startTime;
}

/** The first error a node run reported. */
function nodeError(runData) {
	for (const runs of Object.values(runData)) {
		for (const run of runs) if (run.error) return run.error.message ?? String(run.error);
	}
	return undefined;
}

module.exports = {
	prepareSandbox,
	createItems,
	requestCounts,
	storedOrders,
	returnedOrders,
	outputOf,
	runSpanMs,
	nodeError,
};
