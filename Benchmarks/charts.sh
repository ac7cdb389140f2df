#!/bin/sh
# Charts benchmark: a 1,000,000-point loss series charted and rendered to PNG, PDF and SVG in a
# release build. Prints the timings; budget: PNG < 100 ms, PDF < 150 ms, PDF < 200 KB.
set -eu
. "$(dirname "$0")/common.sh"
TRAINREPORT_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter chartBenchmarkMillionPoints 2>&1 \
    | sed -n '/charts benchmark/,/PDF total/p'
