import type { IDataObject } from 'n8n-workflow';

import { MAX_IN_FLIGHT } from '../descriptions/common';
import { storaRateLimits } from './connection';
import type { RateLimits } from './pacer';
import { MINUTE_WINDOW_MS, SECOND_WINDOW_MS } from './pacer';
import type { StoraContext } from './request';

/**
 * Pages under way at once when the caller does not say: in a version 2+ node's run, Options →
 * In Flight, or as many as the credential's per-second limit (at most 100), as for items;
 * version 1 nodes, the editor's pickers and the triggers read one page at a time.
 */
export async function pagesInFlightOf(ctx: StoraContext, itemIndex = 0): Promise<number> {
	if (!('getInputData' in ctx) || ctx.getNode().typeVersion < 2) return 1;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const value = Number(options?.inFlight);
	if (Number.isInteger(value) && value >= 1) return Math.min(value, MAX_IN_FLIGHT);
	return Math.min(MAX_IN_FLIGHT, (await storaRateLimits.call(ctx)).perSecond);
}

/** When the pacer lets the `requests`-th request go at the earliest, in ms, the first going at 0. */
function legalStartMs(requests: number, limits: RateLimits): number {
	const before = Math.max(0, requests - 1);
	return (
		Math.floor(before / limits.perMinute) * MINUTE_WINDOW_MS +
		Math.floor((before % limits.perMinute) / limits.perSecond) * SECOND_WINDOW_MS
	);
}

/**
 * Whether reading the list's `requests` chunks (page 1 included) `width` at a time should end
 * sooner than its `pages` one after another, judged from page 1's round trip. Where the rate
 * limit is the bottleneck (Stora's defaults, 60 a minute) the few extra requests of the
 * overlapping chunks cost more than the waiting they save: one by one it is.
 */
export function parallelPays(plan: {
	pages: number;
	requests: number;
	width: number;
	roundTripMs: number;
	limits: RateLimits;
}): boolean {
	const { pages, requests, width, roundTripMs, limits } = plan;
	if (pages < 2 || width < 2) return false;
	const oneByOne = Math.max((pages - 1) * roundTripMs, legalStartMs(pages, limits) + roundTripMs);
	const rounds = Math.ceil((requests - 1) / width);
	const parallel = Math.max(rounds * roundTripMs, legalStartMs(requests, limits) + roundTripMs);
	return parallel < oneByOne;
}
