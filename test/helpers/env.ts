/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * Side-effect module: prepares the process environment for n8n-core.
 *
 * n8n-core's InstanceSettings reads N8N_USER_FOLDER when it is first resolved
 * (once per jest test file) and creates `<folder>/.n8n/config` holding an
 * encryption key if it is missing; without this it would write into ~/.n8n.
 * `engine.ts` imports this module before anything from n8n-core, so import the
 * engine (or this file) first in a test file that also imports n8n-core.
 *
 * The folder is one fixed folder under the OS temp dir, shared by every test
 * process: jest gives each test file a sandboxed `process`, whose 'exit'
 * listeners never fire, so per-file temp folders could not be cleaned up. The
 * config file is created here atomically (write + exclusive hard link), so parallel jest
 * workers only ever read a complete file, and N8N_ENCRYPTION_KEY is set to the
 * key it holds, so an outside value can never mismatch it.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

function prepareUserFolder(): string {
	const folder = join(tmpdir(), `n8n-nodes-stora-test-${process.getuid?.() ?? 'user'}`);
	const n8nFolder = join(folder, '.n8n');
	const configFile = join(n8nFolder, 'config');
	mkdirSync(n8nFolder, { recursive: true });
	if (!existsSync(configFile)) {
		const temporary = `${configFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
		writeFileSync(
			temporary,
			JSON.stringify({ encryptionKey: randomBytes(24).toString('base64') }, null, '\t'),
		);
		try {
			linkSync(temporary, configFile); // atomic and exclusive: the first process wins
		} catch {
			// EEXIST: another test process created it first (any other failure surfaces on read)
		} finally {
			unlinkSync(temporary);
		}
	}
	const { encryptionKey } = JSON.parse(readFileSync(configFile, 'utf8')) as {
		encryptionKey: string;
	};
	process.env.N8N_ENCRYPTION_KEY = encryptionKey;
	return folder;
}

if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = prepareUserFolder();

// Quiet engine: no diagnostics, no settings-file permission checks, no log lines.
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';

export const n8nUserFolder: string = process.env.N8N_USER_FOLDER;
