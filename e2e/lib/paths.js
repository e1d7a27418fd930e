'use strict';
const path = require('node:path');

const E2E_DIR = path.resolve(__dirname, '..');
const REPO_ROOT = path.resolve(E2E_DIR, '..');

module.exports = {
	E2E_DIR,
	REPO_ROOT,
	EXAMPLES_DIR: path.join(REPO_ROOT, 'examples'),
	DIST_DIR: path.join(REPO_ROOT, 'dist'),
	SCREENSHOTS_DIR: path.join(REPO_ROOT, 'docs', 'images'),
	N8N_BIN: path.join(E2E_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
	N8N_PACKAGE_JSON: path.join(E2E_DIR, 'node_modules', 'n8n', 'package.json'),
	N8N_VERSION: '2.8.4',
	CHROMIUM: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	TMP_DIR: process.env.E2E_TMP_DIR || path.join(E2E_DIR, '.tmp'),
};
