'use strict';
/** Memory of another process, from /proc (Linux). */
const fs = require('node:fs');

/** VmHWM (peak resident set) and VmRSS of a process, in MB; undefined once it has exited. */
function readMemory(pid) {
	let status;
	try {
		status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return undefined;
	}
	const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/**
 * Resets a process's VmHWM to its current resident set (Linux ≥ 4.0, same user), so that the
 * next readMemory() gives the peak since now. False when the kernel refuses.
 */
function resetPeak(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/**
 * Samples a process's resident set every `everyMs` while a run goes on, for processes that
 * outlive one measurement (VmHWM would hold the peak of earlier runs). stop() gives the highest
 * RSS seen and the last VmHWM read (for a process that exits, its peak just before).
 */
function sampleMemory(pid, everyMs = 100) {
	let maxRssMb = 0;
	let lastPeakMb = 0;
	const take = () => {
		const m = readMemory(pid);
		// a process that has just exited (a zombie) has no memory lines left
		if (!m || !Number.isFinite(m.peakMb)) return;
		maxRssMb = Math.max(maxRssMb, m.rssMb);
		lastPeakMb = m.peakMb;
	};
	take();
	const timer = setInterval(take, everyMs);
	return {
		stop() {
			take();
			clearInterval(timer);
			return { maxRssMb, peakMb: lastPeakMb };
		},
	};
}

module.exports = { readMemory, resetPeak, sampleMemory };
