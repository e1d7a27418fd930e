'use strict';
/**
 * The package as n8n's users get it: `npm pack` of the repository, installed into a ~/.n8n/nodes folder the
 * way the Community Nodes panel of the n8n under test does (compat/community-install.js). Every N8n object
 * (n8n.js) copies that folder into its user folder.
 *
 * Why not a link to the source folder: linked, the package resolves `n8n-workflow` to its own devDependency
 * copy, so n8n's `instanceof NodeApiError` fails and the editor shows an error's message without its
 * description. The installed copy has no n8n-workflow of its own and loads n8n's.
 *
 * The install is kept in TMP_DIR/package/<key>, key = n8n version + a hash of what `npm pack` would ship
 * (package.json and dist/), so the test files of one run share it and a rebuild installs afresh.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { REPO_ROOT, TMP_DIR, N8N_VERSION, NODE_BIN } = require('./paths');
const { installAsCommunityPackage } = require('../../compat/community-install');

const run = promisify(execFile);
const PACKAGE_NAME = 'n8n-nodes-stora';

function hashTree(hash, dir, rel = '') {
	if (!fs.existsSync(dir)) return;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) hashTree(hash, p, `${rel}${entry.name}/`);
		else hash.update(`${rel}${entry.name}\0`).update(fs.readFileSync(p)).update('\0');
	}
}

/** What identifies one install: the n8n version and the content `npm pack` ships. */
function packageKey(root = REPO_ROOT, n8nVersion = N8N_VERSION) {
	const hash = crypto.createHash('sha256').update(`${n8nVersion}\0`);
	hash.update(fs.readFileSync(path.join(root, 'package.json')));
	for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE.md']) {
		if (fs.existsSync(path.join(root, file))) hash.update(file).update(fs.readFileSync(path.join(root, file)));
	}
	hashTree(hash, path.join(root, 'dist'));
	return `${n8nVersion}-${hash.digest('hex').slice(0, 16)}`;
}

/** `npm pack` into dir; resolves the tarball's path. */
async function pack(root, dir) {
	const { stdout } = await run('npm', ['pack', '--quiet', '--pack-destination', dir], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
	return path.join(dir, stdout.trim().split('\n').pop());
}

/** Earlier builds' installs for this n8n version: nothing uses them once the package has changed. */
async function pruneOtherBuilds(base, n8nVersion, key) {
	for (const name of await fsp.readdir(base)) {
		if (name.startsWith(`${n8nVersion}-`) && !name.includes('.tmp-') && name !== key) {
			await fsp.rm(path.join(base, name), { recursive: true, force: true });
		}
	}
}

const installs = new Map();

/**
 * A ~/.n8n/nodes folder with the packed package installed as n8n's Community Nodes panel installs it.
 * Built once per key (kept across test files); a failed panel install is an error, not a fallback.
 * @returns {Promise<string>} the nodes folder
 */
function installedNodesDir({ root = REPO_ROOT, n8nVersion = N8N_VERSION, log = () => {} } = {}) {
	const key = packageKey(root, n8nVersion);
	if (!installs.has(key)) installs.set(key, install(root, n8nVersion, key, log).catch((err) => (installs.delete(key), Promise.reject(err))));
	return installs.get(key);
}

async function install(root, n8nVersion, key, log) {
	const base = path.join(TMP_DIR, 'package');
	const nodesDir = path.join(base, key, 'nodes');
	if (fs.existsSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json'))) return nodesDir;
	await fsp.mkdir(base, { recursive: true });
	// built beside, then renamed into place: a test file that stops half-way leaves no half install behind
	const work = await fsp.mkdtemp(path.join(base, `${key}.tmp-`));
	try {
		const started = Date.now();
		const tarball = await pack(root, work);
		const result = await installAsCommunityPackage({
			tarball,
			n8nVersion,
			nodesDir: path.join(work, 'nodes'),
			nodeBinDir: path.dirname(NODE_BIN),
			legacyPeerDepsFallback: false,
		});
		if (!result.ok) throw new Error(`installing ${path.basename(tarball)} as n8n ${n8nVersion}'s Community Nodes panel does failed (${result.method}):\n${result.error}`);
		await fsp.mkdir(path.dirname(nodesDir), { recursive: true });
		await fsp.rename(path.join(work, 'nodes'), nodesDir).catch((err) => {
			// another process installed the same key meanwhile: use that one
			if (!fs.existsSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json'))) throw err;
		});
		await pruneOtherBuilds(base, n8nVersion, key);
		log(`installed ${path.basename(tarball)} into ${path.relative(REPO_ROOT, nodesDir)} (${result.method}, ${Date.now() - started} ms)`);
		return nodesDir;
	} finally {
		await fsp.rm(work, { recursive: true, force: true });
	}
}

module.exports = { installedNodesDir, packageKey, PACKAGE_NAME };
