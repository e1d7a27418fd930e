'use strict';
/** Runs the floor client (floor.js) as its own process and measures it. */
const path = require('node:path');
const { spawn } = require('node:child_process');
const { sampleMemory } = require('./memory');
const processes = require('../../e2e/lib/processes');

function runFloor(job) {
	const child = spawn(process.execPath, [path.join(__dirname, 'floor.js'), JSON.stringify(job)], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	// killed with the benchmark if it is stopped
	processes.track(child, 'floor');
	const sampler = sampleMemory(child.pid, 50);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	return new Promise((resolve) => {
		child.on('close', (code) => {
			const { peakMb } = sampler.stop();
			const memory = { peakMb };
			if (code !== 0) return resolve({ ok: false, error: stderr.trim().split('\n')[0], memory });
			resolve({ ok: true, ...JSON.parse(stdout.trim().split('\n').pop()), memory });
		});
	});
}

module.exports = { runFloor };
