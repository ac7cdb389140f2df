#!/usr/bin/env bash
# The test command: installs what a fresh Debian machine lacks, then runs the whole suite and ends
# with one plain summary line ("tests: N passed, 0 failed").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
PKG_CONFIG_PATH="$(scripts/pkg-config-path.sh)${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_PATH
swift build --build-tests
log="$(mktemp)"
trap 'rm -f "$log" "$log.slurm"' EXIT
# Every test is a Swift Testing test; without --disable-xctest the XCTest runner would first print
# two empty summaries ("Executed 0 tests").
swift test --skip-build --disable-xctest 2>&1 | tee "$log"
# The Slurm deployment (deploy/slurm/) on a one-node Slurm started here: 25-70 s (root on Debian
# only, as it installs slurm-wlm and munge and starts their daemons; SKIP_SLURM_TEST=1 leaves it out).
if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && [ "${SKIP_SLURM_TEST:-0}" != 1 ]; then
    if ! TRAINREPORT="$(swift build --show-bin-path)/trainreport" scripts/test-slurm.sh >"$log.slurm" 2>&1; then
        cat "$log.slurm"
        exit 1
    fi
    grep '^test-slurm:' "$log.slurm"
fi
passed=$(sed -n 's/.*Test run with \([0-9][0-9]*\) tests.* passed.*/\1/p' "$log" | tail -n 1)
# The explorable HTML charts in a real browser (Chromium + Playwright; about 30 s).
scripts/browser-test.sh .build/debug/trainreport
echo "tests: ${passed:-0} passed, 0 failed"
