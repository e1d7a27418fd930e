'use strict';
/** Build the package (`npm run build`) when dist/ is missing or older than its sources. */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { REPO_ROOT } = require('./paths');

function newestMtime(dir) {
	let newest = 0;
	if (!fs.existsSync(dir)) return newest;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
		else newest = Math.max(newest, fs.statSync(p).mtimeMs);
	}
	return newest;
}

/** True when a file listed in package.json's n8n section is missing or older than a source file. */
function needsBuild(root = REPO_ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const outputs = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].map((f) => path.join(root, f));
	if (outputs.length === 0 || outputs.some((f) => !fs.existsSync(f))) return true;
	const builtAt = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
	const sourcesAt = Math.max(
		...['nodes', 'credentials', 'icons'].map((d) => newestMtime(path.join(root, d))),
		fs.statSync(path.join(root, 'package.json')).mtimeMs,
	);
	return sourcesAt > builtAt;
}

function buildIfNeeded({ log = () => {}, root = REPO_ROOT } = {}) {
	if (!needsBuild(root)) {
		log('package already built (dist/ is newer than its sources)');
		return false;
	}
	log('npm run build');
	const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal})`);
	return true;
}

module.exports = { needsBuild, buildIfNeeded };

if (require.main === module) buildIfNeeded({ log: (l) => console.log(`[e2e] ${l}`) });
