#!/usr/bin/env bash
# The project's test command (`npm test`): build, lint, the jest suites (unit, engine, sandbox,
# reliability, then the token scan), then the real-n8n end-to-end and browser tests; counts last.
# E2E=0 skips the real-n8n layer (it installs n8n 2.8.4 the first time, about 4 minutes).
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
STORA_TOKEN_SCAN_REQUIRED=1 npx jest --ci --json --outputFile="$results" "$@" || jest_status=$?
read -r jest_passed jest_failed jest_skipped < <(node -e '
const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8") || "{}");
console.log(r.numPassedTests ?? 0, (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0), r.numPendingTests ?? 0);
' "$results")
# A failure outside any test (the token scan after the suite, a crash) counts as one failed test.
if [ "$jest_status" -ne 0 ] && [ "$jest_failed" -eq 0 ]; then jest_failed=1; fi
rm -f "$results"
echo "jest: ${jest_passed} passed, ${jest_failed} failed, ${jest_skipped} skipped"

e2e_passed=0 e2e_failed=0 e2e_skipped=0 e2e_status=0
if [ "${E2E:-1}" != "0" ]; then
	echo "== real n8n: end-to-end and editor tests"
	log="$(mktemp)"
	bash e2e/run.sh 2>&1 | tee "$log"
	e2e_status=${PIPESTATUS[0]}
	summary="$(grep -E '^e2e: [0-9]+ passed' "$log" | tail -1)"
	rm -f "$log"
	e2e_passed=$(sed -E 's/^e2e: ([0-9]+) passed.*/\1/' <<<"$summary")
	e2e_failed=$(sed -E 's/^e2e: [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$summary")
	e2e_skipped=$(sed -E 's/.* ([0-9]+) skipped.*/\1/' <<<"$summary")
	[ -n "$summary" ] || { e2e_passed=0; e2e_failed=1; e2e_skipped=0; }
fi

echo
echo "jest: ${jest_passed} passed, ${jest_failed} failed, ${jest_skipped} skipped"
echo "e2e: ${e2e_passed} passed, ${e2e_failed} failed, ${e2e_skipped} skipped"
echo "all: $((jest_passed + e2e_passed)) passed, $((jest_failed + e2e_failed)) failed, $((jest_skipped + e2e_skipped)) skipped"
[ "$jest_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
