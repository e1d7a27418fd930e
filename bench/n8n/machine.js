'use strict';
/** The machine a benchmark ran on, for the table's header. */
const fs = require('node:fs');
const os = require('node:os');
const { execFileSync } = require('node:child_process');

function cpuModel() {
	const line = fs
		.readFileSync('/proc/cpuinfo', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('model name'));
	return line ? line.split(':')[1].trim() : os.cpus()[0]?.model ?? 'unknown';
}

function cores() {
	try {
		return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
	} catch {
		return os.availableParallelism();
	}
}

/** `free -m`'s total and available memory, in MB. */
function memory() {
	try {
		const line = execFileSync('free', ['-m'], { encoding: 'utf8' })
			.split('\n')
			.find((l) => l.startsWith('Mem:'));
		const [, total, , , , , available] = line.trim().split(/\s+/);
		return { totalMb: Number(total), availableMb: Number(available) };
	} catch {
		return { totalMb: Math.round(os.totalmem() / 2 ** 20), availableMb: Math.round(os.freemem() / 2 ** 20) };
	}
}

function describeMachine() {
	const mem = memory();
	return {
		cpu: cpuModel(),
		cores: cores(),
		memory: `${mem.totalMb} MB (${mem.availableMb} MB available at start)`,
		node: process.version,
		os: `${os.type()} ${os.release()}`,
	};
}

module.exports = { describeMachine };
