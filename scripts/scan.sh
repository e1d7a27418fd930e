#!/usr/bin/env bash
# `npm run scan`: n8n's community-package scanner (@n8n/scan-community-package) on this package,
# offline. The published scanner first checks npm provenance and downloads the GitHub commit the
# provenance names; here both of its lint passes run on local files instead, with its own
# exported analyzePackage():
#   1. source:  package.json + {nodes,credentials}/**/*.{js,ts,json} of the working tree
#               (what the provenance-attested checkout would hold);
#   2. tarball: **/*.js + package.json of the unpacked `npm pack` tarball.
# Inline eslint-disable comments are ignored, as in the real scan. Exits 1 on any error.
#
# The scanner as published does not install (ERESOLVE; its pinned TypeScript 7 crashes
# @typescript-eslint/parser): it is installed outside the repository with --legacy-peer-deps,
# TypeScript 5.9.3 and n8n-workflow 2.8.0, and with install scripts off (eslint-plugin-n8n-nodes-base
# runs `npx only-allow pnpm`). SCAN_DIR (default: $TMPDIR/n8n-nodes-stora-scan) keeps that install
# between runs; SCAN_NO_BUILD=1 packs the current dist/ without building.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO_ROOT="$(pwd)"

SCANNER_VERSION=0.32.0
SCAN_DIR="${SCAN_DIR:-${TMPDIR:-/tmp}/n8n-nodes-stora-scan}"
SCANNER="$SCAN_DIR/node_modules/@n8n/scan-community-package/scanner/scanner.mjs"

installed_version() {
	node -p "require('$SCAN_DIR/node_modules/@n8n/scan-community-package/package.json').version" 2>/dev/null || true
}
if [ "$(installed_version)" != "$SCANNER_VERSION" ]; then
	echo "== scan: installing @n8n/scan-community-package@$SCANNER_VERSION into $SCAN_DIR"
	mkdir -p "$SCAN_DIR"
	[ -f "$SCAN_DIR/package.json" ] || echo '{ "name": "n8n-nodes-stora-scan", "private": true }' >"$SCAN_DIR/package.json"
	(cd "$SCAN_DIR" && npm install --no-audit --no-fund --legacy-peer-deps --ignore-scripts \
		"@n8n/scan-community-package@$SCANNER_VERSION" typescript@5.9.3 n8n-workflow@2.8.0)
fi

if [ "${SCAN_NO_BUILD:-0}" != "1" ]; then
	echo "== scan: build"
	npm run --silent build
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-nodes-stora-scan-run.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== scan: npm pack"
tarball="$(npm pack --silent --pack-destination "$work" | tail -1)"
mkdir -p "$work/tarball"
tar -xzf "$work/$tarball" -C "$work/tarball" --strip-components=1

# The source pass: the working tree as the attested commit's checkout would hold it (the whole
# repository: icon paths in the sources point outside nodes/ and credentials/).
mkdir -p "$work/source"
git ls-files --cached --others --exclude-standard |
	while IFS= read -r file; do
		[ -f "$file" ] || continue
		mkdir -p "$work/source/$(dirname "$file")"
		cp "$file" "$work/source/$file"
	done

echo "== scan: @n8n/scan-community-package@$SCANNER_VERSION analyzePackage()"
node --input-type=module - "$SCANNER" "$work/source" "$work/tarball" "$tarball" <<'EOF'
const [scannerPath, sourceDir, tarballDir, tarball] = process.argv.slice(2);
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scannerPath);
const passes = [
	[`source (${SOURCE_FILE_PATTERNS.join(', ')})`, sourceDir, SOURCE_FILE_PATTERNS],
	[`tarball ${tarball} (**/*.js, package.json)`, tarballDir, ['**/*.js', 'package.json']],
];
let failed = false;
for (const [label, dir, patterns] of passes) {
	const result = await analyzePackage(dir, patterns);
	console.log(`${result.passed ? 'passed' : 'FAILED'}: ${label}${result.message ? `: ${result.message}` : ''}`);
	if (result.details) console.log(result.details);
	failed ||= !result.passed;
}
console.log(failed ? 'scan: failed' : 'scan: both passes clean');
process.exit(failed ? 1 : 0);
EOF
