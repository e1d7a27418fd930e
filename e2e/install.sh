#!/usr/bin/env bash
# Installs what the real-n8n end-to-end layer needs, once:
#   - n8n 2.8.4, playwright-core and an SMTP sink into e2e/node_modules (about 2.3 GB, 3-5 min cold);
#   - Debian's chromium (/usr/bin/chromium) for the editor test, only if it is missing.
# Idempotent: a complete install of the pinned versions is reused (a few seconds).
# Never downloads a browser through npm (playwright-core has no download step).
#
# Environment:
#   E2E_SKIP_BROWSER=1  do not install chromium (the editor test then skips)
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$E2E_DIR"
started=$(date +%s)

log() { printf '[e2e install] %s\n' "$*"; }

want_n8n="$(node -p "require('./package.json').dependencies.n8n")"
marker="node_modules/.e2e-install-complete"

# what the install was made from: package.json and the lockfile
fingerprint() { cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1; }

installed_ok() {
	[ -f "$marker" ] || return 1
	[ "$(cat "$marker")" = "$(fingerprint)" ] || return 1
	[ -x node_modules/.bin/n8n ] || return 1
	[ "$(node -p "require('./node_modules/n8n/package.json').version" 2>/dev/null)" = "$want_n8n" ] || return 1
	[ -f node_modules/sqlite3/build/Release/node_sqlite3.node ] || return 1
	for dep in playwright-core smtp-server mailparser; do
		[ -f "node_modules/$dep/package.json" ] || return 1
	done
}

if installed_ok; then
	log "n8n $want_n8n already installed in e2e/node_modules: reusing it"
else
	log "installing n8n $want_n8n + playwright-core + smtp-server into e2e/node_modules (about 2.3 GB, a few minutes)"
	rm -f "$marker"
	# Install scripts stay ON here: sqlite3 must build (its prebuilt download is unreachable, node-gyp builds it).
	if [ -f package-lock.json ]; then
		npm ci --no-audit --no-fund --loglevel=error --ignore-scripts=false
	else
		npm install --no-audit --no-fund --loglevel=error --ignore-scripts=false
	fi
	if [ ! -f node_modules/sqlite3/build/Release/node_sqlite3.node ]; then
		log "sqlite3 native module missing after install: building it"
		npm rebuild sqlite3 --ignore-scripts=false
	fi
	[ -f node_modules/sqlite3/build/Release/node_sqlite3.node ] || { log "sqlite3 did not build"; exit 1; }
	fingerprint >"$marker"
	log "n8n installed in $(($(date +%s) - started)) s"
fi

if [ "${E2E_SKIP_BROWSER:-}" = "1" ]; then
	log "E2E_SKIP_BROWSER=1: not checking chromium"
elif [ -x /usr/bin/chromium ]; then
	log "chromium present: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
else
	if command -v apt-get >/dev/null 2>&1; then
		b=$(date +%s)
		SUDO=""
		[ "$(id -u)" = "0" ] || SUDO="sudo"
		log "installing Debian chromium (apt-get)"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
		log "chromium installed in $(($(date +%s) - b)) s: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
	else
		log "no /usr/bin/chromium and no apt-get: the editor test will be skipped"
	fi
fi

log "done in $(($(date +%s) - started)) s"
