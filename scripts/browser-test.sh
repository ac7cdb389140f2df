#!/usr/bin/env bash
# The browser test of the explorable HTML charts: Playwright for Python drives Debian's Chromium
# (/usr/bin/chromium, from apt: no browser download) through Tests/Browser/explorable_charts_test.py.
# Makes its own venv (.build/browser-venv, playwright from PyPI) on first use.
# Usage: scripts/browser-test.sh [TRAINREPORT_BINARY]   (default .build/debug/trainreport)
# Without Chromium or Playwright it skips with a message, except under CI=true, where it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-.build/debug/trainreport}"
venv=.build/browser-venv
missing() {
  if [ "${CI:-}" = "true" ]; then
    echo "browser test: $1 (required under CI=true)" >&2
    exit 1
  fi
  echo "browser test skipped: $1" >&2
  exit 0
}
[ -x "$bin" ] || { echo "browser test: no binary at $bin (build first)" >&2; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing "no Chromium at ${CHROMIUM:-/usr/bin/chromium} (apt-get install chromium)"
if ! "$venv/bin/python" -c "import playwright" 2>/dev/null; then
  python3 -m venv "$venv" >/dev/null 2>&1 || missing "python3 -m venv failed (apt-get install python3-venv)"
  "$venv/bin/pip" install -q --disable-pip-version-check "playwright==1.65.2" || missing "pip install playwright failed"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" Tests/Browser/explorable_charts_test.py "$bin" "$work"
