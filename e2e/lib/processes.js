'use strict';
/**
 * Book-keeping for the child processes the e2e layer starts (n8n server, n8n CLI runs, each in its own
 * process group). Whatever happens to this process (normal exit, Ctrl-C, SIGTERM, crash), the groups
 * it started are killed, by their id.
 */
const live = new Map(); // pid -> label
const cleanups = new Set(); // async functions run on Ctrl-C / SIGTERM before exiting
let installed = false;

function killGroup(pid, signal = 'SIGTERM') {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
}

function killAllSync(signal = 'SIGKILL') {
	for (const pid of live.keys()) killGroup(pid, signal);
}

let stopping = false;
async function onSignal(signal) {
	if (stopping) {
		// second Ctrl-C: stop waiting
		killAllSync('SIGKILL');
		process.exit(130);
	}
	stopping = true;
	const timer = setTimeout(() => {
		killAllSync('SIGKILL');
		process.exit(130);
	}, 20000);
	timer.unref();
	for (const fn of [...cleanups].reverse()) {
		try {
			await fn(signal);
		} catch (err) {
			console.error(`cleanup failed: ${err.message}`);
		}
	}
	killAllSync('SIGKILL');
	process.exit(signal === 'SIGINT' ? 130 : 143);
}

function install() {
	if (installed) return;
	installed = true;
	process.on('exit', () => killAllSync('SIGKILL'));
	process.on('SIGINT', () => onSignal('SIGINT'));
	process.on('SIGTERM', () => onSignal('SIGTERM'));
	process.on('SIGHUP', () => onSignal('SIGHUP'));
}

/** Track a spawned child (spawned with detached: true). Returns an untrack function. */
function track(child, label) {
	install();
	live.set(child.pid, label);
	const untrack = () => live.delete(child.pid);
	child.once('exit', untrack);
	return untrack;
}

/** Register an async cleanup to run on Ctrl-C/SIGTERM (last registered runs first). Returns an unregister function. */
function onShutdown(fn) {
	install();
	cleanups.add(fn);
	return () => cleanups.delete(fn);
}

module.exports = { track, killGroup, killAllSync, onShutdown, live };
