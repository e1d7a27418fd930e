'use strict';
/**
 * Installs the package's `npm pack` tarball into a ~/.n8n/nodes folder the way that n8n version's
 * Community Nodes panel installs a package from the registry (the tarball stands in for the registry):
 *
 * - n8n 2.x (modules/community-packages/community-packages.service.js, downloadPackage): unpack the tarball
 *   into nodes/node_modules/<name>, drop devDependencies, peerDependencies and optionalDependencies from its
 *   package.json, `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *   --ignore-scripts=true --package-lock=false` in that folder, then list it in nodes/package.json
 *   ({"name": "installed-nodes", "private": true, "dependencies": {…}}).
 * - n8n 1.x (services/community-packages.service.js, installOrUpdatePackage): `npm init -y` in nodes/, then
 *   `npm install <name>@<version>` there (install scripts on, peer dependencies installed by npm), with only
 *   PATH, NODE_PATH and APPDATA in the environment.
 *
 * The folder is then copied into each test's user folder (N8n's communityNodesDir option); e2e/lib/package.js
 * does this for every real-n8n test, the compat run for each version it checks.
 *
 * n8n 1.x's panel runs a plain `npm install` in ~/.n8n/nodes, and npm ≥ 7 installs peer dependencies: with the
 * package's `n8n-workflow: "*"` peer it pulled n8n-workflow@latest (2.x), whose isolated-vm@7 does not build on
 * Node 20, and the install failed (measured with 1.85.4 on Node 20.20). The peer is now marked optional
 * (`peerDependenciesMeta`), which npm does not install: n8n loads the package with its own n8n-workflow. Should
 * the plain install fail again, a second try with `legacy-peer-deps=true` in ~/.n8n/nodes/.npmrc (what a user
 * could do) lets the rest of the run still measure the nodes; the version then counts as failed.
 * n8n 2.x drops peer dependencies itself.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');

const run = promisify(execFile);
const NPM_2X_INSTALL_ARGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

/** The last lines of a failed command's output. */
function tail(err, lines = 6) {
	const text = `${err.stdout || ''}\n${err.stderr || ''}`.trim() || err.message;
	return text.split('\n').slice(-lines).join('\n');
}

async function install2x({ tarball, nodesDir, env }) {
	const pkgDir = path.join(nodesDir, 'node_modules', 'n8n-nodes-stora');
	await fsp.mkdir(pkgDir, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
	const pkgFile = path.join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(await fsp.readFile(pkgFile, 'utf8'));
	await fsp.writeFile(pkgFile, JSON.stringify(pkg, null, 2));
	await run('npm', ['install', ...NPM_2X_INSTALL_ARGS], { cwd: pkgDir, env });
	const listFile = path.join(nodesDir, 'package.json');
	const list = fs.existsSync(listFile)
		? JSON.parse(await fsp.readFile(listFile, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	list.dependencies[pkg.name] = pkg.version;
	await fsp.writeFile(listFile, JSON.stringify(list, null, 2));
}

async function install1x({ tarball, nodesDir, env }) {
	await run('npm', ['init', '-y'], { cwd: nodesDir, env });
	await run('npm', ['install', tarball], { cwd: nodesDir, env, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * @param {object} o
 * @param {string} o.tarball the `npm pack` tarball (absolute path)
 * @param {string} o.n8nVersion
 * @param {string} o.nodesDir the ~/.n8n/nodes folder to create (must not exist)
 * @param {string} [o.nodeBinDir] put first on PATH (the node that version runs on)
 * @param {boolean} [o.legacyPeerDepsFallback] n8n 1.x: when the panel's install fails, try again with
 *   `legacy-peer-deps=true` in nodes/.npmrc (what a user can do) so the rest of the run still measures the nodes
 * @returns {Promise<{ ok: boolean, method: string, ms: number, error?: string, fallback?: { ok: boolean, method: string, ms: number, error?: string } }>}
 */
async function installAsCommunityPackage({ tarball, n8nVersion, nodesDir, nodeBinDir, legacyPeerDepsFallback = true }) {
	const PATH = nodeBinDir ? `${nodeBinDir}${path.delimiter}${process.env.PATH}` : process.env.PATH;
	const v1 = Number(n8nVersion.split('.')[0]) < 2;
	const attempt = async (method, fn, env) => {
		const started = Date.now();
		await fsp.rm(nodesDir, { recursive: true, force: true });
		await fsp.mkdir(nodesDir, { recursive: true });
		try {
			await fn({ tarball, nodesDir, env });
			return { ok: true, method, ms: Date.now() - started };
		} catch (err) {
			return { ok: false, method, ms: Date.now() - started, error: tail(err) };
		}
	};
	if (!v1) {
		return attempt('n8n 2.x panel: unpack, drop dev/peer deps, npm install --ignore-scripts', install2x, { ...process.env, PATH });
	}
	// n8n 1.x passes only these to npm (HOME too here, so npm finds its cache)
	const env = { PATH, NODE_PATH: process.env.NODE_PATH || '', HOME: process.env.HOME };
	const result = await attempt('n8n 1.x panel: npm init -y; npm install <package>', install1x, env);
	if (result.ok || !legacyPeerDepsFallback) return result;
	result.fallback = await attempt(
		'npm install <package> with legacy-peer-deps=true in ~/.n8n/nodes/.npmrc',
		async (o) => {
			await fsp.writeFile(path.join(o.nodesDir, '.npmrc'), 'legacy-peer-deps=true\n');
			await install1x(o);
		},
		env,
	);
	return result;
}

module.exports = { installAsCommunityPackage };
