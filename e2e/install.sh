#!/usr/bin/env bash
# Installs what the real-n8n end-to-end layer needs, once:
#   - n8n 2.8.4, playwright-core and an SMTP sink into e2e/node_modules (about 2.3 GB, 3-5 min cold);
#   - Debian's chromium (/usr/bin/chromium) for the editor test, only if it is missing;
#   - Debian's redis-server and postgresql for the queue-mode test, only if they are missing.
# Idempotent: a complete install of the pinned versions is reused (a few seconds); apt-get runs only
# for what is missing (one `apt-get update` for all of it), with services kept from starting.
# Never downloads a browser through npm (playwright-core has no download step).
#
# Environment:
#   E2E_SKIP_BROWSER=1  do not install chromium (the editor test then skips)
#   E2E_SKIP_QUEUE=1    do not install redis-server and postgresql (the queue test then skips)
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

# --- Debian packages: chromium (editor test), redis-server + postgresql (queue test) ---
# The Postgres server binaries live in /usr/lib/postgresql/<major>/bin (not on PATH with Debian's packages).
have_postgres() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && return 0
	done
	command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1
}
have_redis() { [ -x /usr/bin/redis-server ] || command -v redis-server >/dev/null 2>&1; }

packages=()
if [ "${E2E_SKIP_BROWSER:-}" = "1" ]; then
	log "E2E_SKIP_BROWSER=1: not checking chromium"
elif [ -x /usr/bin/chromium ]; then
	log "chromium present: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
else
	packages+=(chromium)
fi
if [ "${E2E_SKIP_QUEUE:-}" = "1" ]; then
	log "E2E_SKIP_QUEUE=1: not checking redis-server and postgresql"
else
	if have_redis; then log "redis-server present: $(redis-server --version 2>/dev/null | head -1 | cut -c1-60)"; else packages+=(redis-server); fi
	if have_postgres; then log "postgres present"; else packages+=(postgresql); fi
fi

if [ "${#packages[@]}" -gt 0 ]; then
	if command -v apt-get >/dev/null 2>&1; then
		b=$(date +%s)
		SUDO=""
		[ "$(id -u)" = "0" ] || SUDO="sudo"
		log "installing Debian ${packages[*]} (apt-get)"
		# keep the packages' services (redis on 6379, postgres' "main" cluster on 5432) from starting:
		# the tests start private ones on free ports. Docker images already have such a policy-rc.d.
		policy=/usr/sbin/policy-rc.d
		made_policy=""
		if [ ! -e "$policy" ]; then
			printf '#!/bin/sh\n# written by n8n-nodes-stora e2e/install.sh during apt-get install; removed after\nexit 101\n' | $SUDO tee "$policy" >/dev/null
			$SUDO chmod 755 "$policy"
			made_policy=1
		fi
		apt_status=0
		apt_install() { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null; }
		if $SUDO apt-get update -qq; then
			if ! apt_install "${packages[@]}"; then
				apt_status=1
				if [ "${#packages[@]}" -gt 1 ]; then
					# one package that cannot be had must not cost the others
					apt_status=0
					for p in "${packages[@]}"; do apt_install "$p" || apt_status=$?; done
				fi
			fi
		else
			apt_status=1
		fi
		[ -z "$made_policy" ] || $SUDO rm -f "$policy"
		if [ "$apt_status" != 0 ]; then
			log "apt-get install ${packages[*]} failed (exit $apt_status): the editor test skips without chromium; the queue test fails without redis-server/postgresql (E2E_SKIP_QUEUE=1 skips it)"
		else
			log "installed ${packages[*]} in $(($(date +%s) - b)) s"
		fi
	else
		log "no apt-get to install ${packages[*]}: the editor test skips without chromium; the queue test fails without redis-server/postgresql (E2E_SKIP_QUEUE=1 skips it)"
	fi
	if [ -x /usr/bin/chromium ]; then
		case " ${packages[*]} " in *" chromium "*) log "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)" ;; esac
	fi
fi

log "done in $(($(date +%s) - started)) s"
