#!/usr/bin/env bash
# The main job: builds trainreport, reports on every run in SampleRuns/ into out/samples/<run>/
# (PDF, HTML, Markdown with chart PNGs, JSON) and writes out/samples/index.html (+ .csv, .json, .pdf),
# then compares three GPT-2 runs into out/compare/ (compare.pdf, .html, .json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
PKG_CONFIG_PATH="$(scripts/pkg-config-path.sh)${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_PATH
swift build -c release --product trainreport
bin="$(swift build -c release --show-bin-path)/trainreport"
"$bin" audit SampleRuns --output out/samples
"$bin" compare SampleRuns/hf-healthy-gpt2 SampleRuns/hf-overfit-gpt2 SampleRuns/hf-slow-convergence --output out/compare
