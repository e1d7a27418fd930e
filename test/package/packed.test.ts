/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
/**
 * What `npm pack` ships (run after `npm run build`): exactly what n8n loads — the compiled
 * nodes and credentials, the codex files and the icons — plus README.md, LICENSE.md,
 * CHANGELOG.md and package.json. No tsbuildinfo, declarations, source maps, tests, sandbox or
 * files left in dist/ by an older build.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface PackResult {
	name: string;
	version: string;
	files: Array<{ path: string }>;
}

const packed: PackResult = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	}),
)[0];
const files = packed.files.map((f) => f.path).sort();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Files under a folder of the repository, as posix paths relative to the repository. */
function walk(folder: string): string[] {
	return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
		const path = posix.join(folder, entry.name);
		return entry.isDirectory() ? walk(path) : [path];
	});
}

/** What the build makes of the sources: one .js per .ts, the codex .node.json files, the icons. */
function expectedFiles(): string[] {
	const sources = [...walk('nodes'), ...walk('credentials')];
	return [
		...sources
			.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
			.map((f) => `dist/${f.replace(/\.ts$/, '.js')}`),
		...sources.filter((f) => f.endsWith('.node.json')).map((f) => `dist/${f}`),
		...walk('icons')
			.filter((f) => f.endsWith('.svg'))
			.map((f) => `dist/${f}`),
		'CHANGELOG.md',
		'LICENSE.md',
		'README.md',
		'package.json',
	].sort();
}

describe('the packed package (npm pack)', () => {
	it('ships exactly the built nodes, credentials, codex files and icons, and the docs', () => {
		expect(files).toEqual(expectedFiles());
	});

	it('ships no tsbuildinfo, declarations, source maps, tests or dev-only folders', () => {
		expect(
			files.filter((f) =>
				/\.tsbuildinfo$|\.d\.ts$|\.map$|\.test\.|^(test|e2e|sandbox|bench|compat|docs|examples|scripts)\//.test(
					f,
				),
			),
		).toEqual([]);
		expect(
			files.filter(
				(f) => !/^(dist\/|CHANGELOG\.md$|LICENSE\.md$|README\.md$|package\.json$)/.test(f),
			),
		).toEqual([]);
	});

	it('ships every node and credential file that package.json registers with n8n', () => {
		const registered: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(registered.length).toBeGreaterThanOrEqual(4);
		for (const file of registered) expect(files).toContain(file);
		// and the codex file beside each node
		for (const node of pkg.n8n.nodes as string[])
			expect(files).toContain(node.replace(/\.js$/, '.json'));
	});

	it('ships every icon the built nodes and credentials point at', () => {
		const iconRefs = files
			.filter((f) => f.endsWith('.js'))
			.flatMap((f) =>
				[
					...readFileSync(join(ROOT, f), 'utf8').matchAll(/['"]file:([^'"]+\.(?:svg|png))['"]/g),
				].map((m) => posix.normalize(posix.join(dirname(f), m[1]))),
			);
		expect(new Set(iconRefs)).toEqual(
			new Set(['dist/icons/stora.svg', 'dist/icons/stora.dark.svg']),
		);
		for (const icon of iconRefs) expect(files).toContain(icon);
	});

	it('has the package.json n8n and npm expect: no runtime dependencies, n8n-workflow as the only peer, npm’s repository form', () => {
		expect(packed.name).toBe('n8n-nodes-stora');
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		// Optional, so that npm does not install it: n8n 1.x's Community Nodes panel runs a plain
		// `npm install`, which would pull the newest n8n-workflow (its isolated-vm fails on Node 20).
		expect(pkg.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
		expect(pkg.repository).toEqual({
			type: 'git',
			url: 'git+https://github.com/stora-community/n8n-nodes-stora.git',
		});
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
			expect(pkg.scripts[script]).toBeUndefined();
		}
		expect(relative(ROOT, join(ROOT, pkg.files[0]))).toBe('dist');
	});
});
