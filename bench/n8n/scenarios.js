'use strict';
/**
 * What the benchmark measures: every run, in the order they are made. A run is one tool doing one
 * scenario: { group, op, count, tool, limits, latencyMs, freshN8n, restartN8n, warmUp, repeat }.
 *
 * - fault-free Get Many at three sizes: no rate limit, no latency, a fresh n8n process per run
 *   whose first pass gives the memory, then `warmUp` passes, then `repeat` timed passes (a run of
 *   0.1 s in a process that has barely run the node is mostly compiling: the median of warm ones counts);
 * - at Stora's default limits and at raised ones, with 0 and 150 ms added to every answer: Get Many
 *   and Create, the credential's limits equal to the sandbox's.
 */

const STORA_DEFAULTS = { perSecond: 10, perMinute: 60 };
const RAISED = { perSecond: 100, perMinute: 600 };
/** The credential's limits when the sandbox enforces none: never the bottleneck. */
const UNLIMITED = { perSecond: 10_000, perMinute: 100_000 };

const TOOLS = {
	stora: 'Stora node',
	httpNaive: 'HTTP Request, naive',
	httpTuned: 'HTTP Request, tuned',
	floor: 'bare Node loop',
};

/**
 * Sizes per mode. Quick mode shrinks only what is slow: at Stora's default limits 500 Creates need
 * 481 s of legal minimum per tool; at raised limits the full sizes take seconds, so the targets
 * stay measurable there.
 */
const SIZES = {
	full: {
		faultFree: [1_000, 10_000, 50_000],
		limited: [
			{ limits: STORA_DEFAULTS, getMany: 10_000, creates: 500 },
			{ limits: RAISED, getMany: 10_000, creates: 500 },
		],
	},
	quick: {
		faultFree: [1_000, 10_000, 50_000],
		limited: [
			{ limits: STORA_DEFAULTS, getMany: 2_000, creates: 120 },
			{ limits: RAISED, getMany: 10_000, creates: 500 },
		],
	},
};

const limitsLabel = (l) => `${l.perSecond}/s–${l.perMinute}/min`;

function plan({ quick }) {
	const sizes = quick ? SIZES.quick : SIZES.full;
	const runs = [];
	for (const count of sizes.faultFree) {
		// Without a limit the tuned HTTP Request node would be the naive one plus Retry On Fail.
		for (const tool of ['stora', 'httpNaive', 'floor']) {
			runs.push({ group: 'fault-free', op: 'getMany', count, tool, limits: null, latencyMs: 0, freshN8n: true, warmUp: 2, repeat: 3 });
		}
	}
	// The rate-limited runs share one n8n process, started afresh for them.
	let first = true;
	for (const { limits, getMany, creates } of sizes.limited) {
		for (const latencyMs of [0, 150]) {
			const group = `${limitsLabel(limits)}, ${latencyMs} ms`;
			for (const [op, count] of [
				['getMany', getMany],
				['create', creates],
			]) {
				for (const tool of ['stora', 'httpNaive', 'httpTuned', 'floor']) {
					const restartN8n = first && tool !== 'floor';
					if (restartN8n) first = false;
					runs.push({ group, op, count, tool, limits, latencyMs, freshN8n: false, restartN8n, warmUp: 0, repeat: 1 });
				}
			}
		}
	}
	return { mode: quick ? 'quick' : 'full', sizes, runs: runs.map((run, i) => ({ ...run, index: i + 1 })) };
}

module.exports = { plan, TOOLS, STORA_DEFAULTS, RAISED, UNLIMITED, limitsLabel };
