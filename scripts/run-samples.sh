#!/usr/bin/env bash
# The main job: builds trainreport and reports on every run in SampleRuns/ into out/samples/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product trainreport
bin=.build/release/trainreport
"$bin" inspect SampleRuns/*/
"$bin" report SampleRuns/*/ --output out/samples
