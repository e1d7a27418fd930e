'use strict';

/**
 * The least time K requests can take at R per second and M per minute, sent as fast as both
 * windows allow: full minutes of M, then bursts of R a second.
 * floor((K−1)/M)·60 + floor(((K−1) mod M)/R) seconds.
 */
function legalMinimumSeconds(requests, { perSecond, perMinute }) {
	if (requests <= 1) return 0;
	const k = requests - 1;
	return Math.floor(k / perMinute) * 60 + Math.floor((k % perMinute) / perSecond);
}

module.exports = { legalMinimumSeconds };
