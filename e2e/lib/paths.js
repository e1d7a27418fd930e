'use strict';
const path = require('node:path');

const E2E_DIR = path.resolve(__dirname, '..');
const REPO_ROOT = path.resolve(E2E_DIR, '..');
// compat/run.js points the layer at another n8n: E2E_N8N_DIR (its folder with node_modules/n8n),
// E2E_N8N_VERSION, E2E_NODE_BIN (the node that runs it), E2E_COMMUNITY_NODES_DIR (see n8n.js), E2E_N8N_ENV
const N8N_DIR = process.env.E2E_N8N_DIR || E2E_DIR;

module.exports = {
	E2E_DIR,
	REPO_ROOT,
	EXAMPLES_DIR: path.join(REPO_ROOT, 'examples'),
	DIST_DIR: path.join(REPO_ROOT, 'dist'),
	SCREENSHOTS_DIR: path.join(REPO_ROOT, 'docs', 'images'),
	N8N_DIR,
	N8N_BIN: path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
	N8N_PACKAGE_JSON: path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'),
	N8N_VERSION: process.env.E2E_N8N_VERSION || '2.8.4',
	NODE_BIN: process.env.E2E_NODE_BIN || process.execPath,
	COMMUNITY_NODES_DIR: process.env.E2E_COMMUNITY_NODES_DIR || undefined,
	// extra environment for every n8n process (JSON object), e.g. a version's own settings
	N8N_EXTRA_ENV: JSON.parse(process.env.E2E_N8N_ENV || '{}'),
	CHROMIUM: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	TMP_DIR: process.env.E2E_TMP_DIR || path.join(E2E_DIR, '.tmp'),
};
