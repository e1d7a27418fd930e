#!/usr/bin/env bash
# The project's test command (`npm test`): build, lint, then every test suite, with counts.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
npm run --silent build
echo "== lint (n8n-node lint, strict)"
npm run --silent lint
echo "== unit and engine tests (jest)"
results="$(mktemp)"
status=0
npx jest --ci --json --outputFile="$results" "$@" || status=$?
node -e '
const r = require(process.argv[1]);
console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped (${r.numTotalTestSuites} suites)`);
' "$results"
rm -f "$results"
exit "$status"
