#!/usr/bin/env bash
# The real-n8n end-to-end layer, as CI runs it:
#   1. e2e/install.sh: n8n 2.8.4 + playwright-core + SMTP sink into e2e/node_modules (once), Debian chromium;
#   2. build the package if dist/ is missing or stale;
#   3. every e2e/*.test.js with Node's test runner, one file at a time (each starts its own n8n),
#      printing the spec report and the counts.
# Usage: bash e2e/run.sh [test files…]   (default: all of them)
# Environment: E2E_SKIP_BROWSER=1 skips the editor test; E2E_KEEP_TMP=1 keeps n8n's temp folders in e2e/.tmp.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$E2E_DIR/.." && pwd)"
cd "$REPO_ROOT"
started=$(date +%s)

echo "== e2e: install (n8n 2.8.4, playwright-core, smtp-server, chromium)"
bash "$E2E_DIR/install.sh"
installed=$(date +%s)

echo "== e2e: build the package if needed"
node "$E2E_DIR/lib/build.js"

if [ "$#" -gt 0 ]; then
	files=("$@")
else
	# host first (fails fast if the package does not load), the browser last but one, the demo last
	files=(e2e/host.test.js e2e/examples.test.js e2e/editor.test.js e2e/demo.test.js)
	for f in e2e/*.test.js; do
		case " ${files[*]} " in *" $f "*) ;; *) files+=("$f") ;; esac
	done
fi

echo "== e2e: real n8n tests (${files[*]})"
tap="$(mktemp)"
status=0
node --test --test-concurrency=1 \
	--test-reporter=spec --test-reporter-destination=stdout \
	--test-reporter=tap --test-reporter-destination="$tap" \
	"${files[@]}" || status=$?

count() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$tap" | tail -1; }
finished=$(date +%s)
echo "e2e: $(count pass) passed, $(count fail) failed, $(count skipped) skipped, $(count cancelled) cancelled of $(count tests) tests" \
	"(install $((installed - started)) s, tests $((finished - installed)) s)"
rm -f "$tap"
exit "$status"
