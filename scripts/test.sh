#!/usr/bin/env bash
# The project's test command (`npm test`): build, lint, the jest suites (unit, engine, sandbox,
# reliability, then the token scan; --forceExit so that a test left running cannot hold CI), then the
# real-n8n end-to-end, queue-mode and browser tests, then the other n8n versions; counts last.
# E2E=0 skips the real-n8n layer (it installs n8n 2.8.4 the first time, about 4 minutes); COMPAT=0 skips
# only the other n8n versions (npm run test:compat: about 16 minutes cold, 6–9 warm).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/jest ]; then
	echo "== install (npm ci)"
	npm ci --no-audit --no-fund || exit 1
fi
echo "== build"
npm run --silent build || exit 1
echo "== lint (n8n-node lint, strict)"
npm run --silent lint || exit 1

echo "== jest: unit, engine, sandbox and reliability tests"
results="$(mktemp)"
jest_status=0
STORA_TOKEN_SCAN_REQUIRED=1 npx jest --ci --forceExit --json --outputFile="$results" "$@" || jest_status=$?
read -r jest_passed jest_failed jest_skipped < <(node -e '
const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8") || "{}");
console.log(r.numPassedTests ?? 0, (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0), r.numPendingTests ?? 0);
' "$results")
# A failure outside any test (the token scan after the suite, a crash) counts as one failed test.
if [ "$jest_status" -ne 0 ] && [ "$jest_failed" -eq 0 ]; then jest_failed=1; fi
rm -f "$results"
echo "jest: ${jest_passed} passed, ${jest_failed} failed, ${jest_skipped} skipped"

# Runs a stage, showing its output, and reads its last "<label>: N passed, M failed[, K skipped]" line
# into <label>_passed/_failed/_skipped and its exit status into <label>_status (no line: 1 failed).
counted() {
	local label=$1 log summary
	shift
	log="$(mktemp)"
	"$@" 2>&1 | tee "$log"
	printf -v "${label}_status" '%s' "${PIPESTATUS[0]}"
	summary="$(grep -E "^${label}: [0-9]+ passed" "$log" | tail -1)"
	rm -f "$log"
	if [ -z "$summary" ]; then
		printf -v "${label}_failed" '%s' 1
		return
	fi
	printf -v "${label}_passed" '%s' "$(sed -E 's/^[a-z0-9]+: ([0-9]+) passed.*/\1/' <<<"$summary")"
	printf -v "${label}_failed" '%s' "$(sed -E 's/^[a-z0-9]+: [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$summary")"
	if [[ "$summary" =~ ([0-9]+)\ skipped ]]; then printf -v "${label}_skipped" '%s' "${BASH_REMATCH[1]}"; fi
}

e2e_passed=0 e2e_failed=0 e2e_skipped=0 e2e_status=0
if [ "${E2E:-1}" != "0" ]; then
	echo "== real n8n: end-to-end, queue-mode and editor tests"
	counted e2e bash e2e/run.sh
fi

compat_passed=0 compat_failed=0 compat_status=0
if [ "${E2E:-1}" != "0" ] && [ "${COMPAT:-1}" != "0" ]; then
	echo "== other n8n versions: npm run test:compat (1.85.4, 2.8.4, 2.41.1 on Node 24)"
	counted compat node compat/run.js
fi

echo
echo "jest: ${jest_passed} passed, ${jest_failed} failed, ${jest_skipped} skipped"
echo "e2e: ${e2e_passed} passed, ${e2e_failed} failed, ${e2e_skipped} skipped"
echo "compat: ${compat_passed} n8n versions passed, ${compat_failed} failed"
echo "all: $((jest_passed + e2e_passed)) passed, $((jest_failed + e2e_failed)) failed, $((jest_skipped + e2e_skipped)) skipped"
[ "$jest_status" -eq 0 ] && [ "$e2e_status" -eq 0 ] && [ "$compat_status" -eq 0 ]
