#!/usr/bin/env bash
# Installs the Debian packages trainreport needs to build, test and render, when any is missing.
set -euo pipefail
if ! command -v swift >/dev/null 2>&1; then
  echo "trainreport needs a Swift 6 toolchain on PATH (swift.org builds; Debian has no package for it)" >&2
  exit 2
fi
# chromium, python3-venv: the browser test of the HTML charts (scripts/browser-test.sh).
needed=(libcairo2-dev libpango1.0-dev zlib1g-dev libxml2-dev pkg-config fonts-dejavu-core poppler-utils chromium python3-venv)
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
