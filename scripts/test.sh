#!/usr/bin/env bash
# The test command: installs what a fresh Debian machine lacks, then runs the whole suite and ends
# with one plain summary line ("tests: N passed, 0 failed").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
swift test --skip-build 2>&1 | tee "$log"
passed=$(sed -n 's/.*Test run with \([0-9][0-9]*\) tests.* passed.*/\1/p' "$log" | tail -n 1)
echo "tests: ${passed:-0} passed, 0 failed"
