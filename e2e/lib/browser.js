'use strict';
/**
 * Headless Debian chromium (/usr/bin/chromium) driven by playwright-core. Never a downloaded browser.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { CHROMIUM, TMP_DIR } = require('./paths');

const LAUNCH_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/** Why the browser test cannot run here, or undefined when it can. */
function browserSkipReason() {
	if (process.env.E2E_SKIP_BROWSER === '1') return 'E2E_SKIP_BROWSER=1';
	if (!fs.existsSync(CHROMIUM)) return `no ${CHROMIUM} (run e2e/install.sh, which installs Debian's chromium)`;
	return undefined;
}

async function launchBrowser() {
	const { chromium } = require('playwright-core');
	await fsp.mkdir(TMP_DIR, { recursive: true });
	const userDataDir = await fsp.mkdtemp(path.join(TMP_DIR, 'chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: LAUNCH_ARGS,
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
		locale: 'en-GB',
		timezoneId: 'Europe/London',
	});
	const close = async () => {
		await context.close().catch(() => {});
		await fsp.rm(userDataDir, { recursive: true, force: true }).catch(() => {});
	};
	return { context, close };
}

/** Sign in through n8n's /signin form. */
async function signIn(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`);
	await page.fill('input[name=emailOrLdapLoginId]', email);
	await page.fill('input[name=password]', password);
	await page.click('[data-test-id=form-submit-button]');
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
}

module.exports = { launchBrowser, signIn, browserSkipReason, LAUNCH_ARGS };
