#!/bin/sh
# Report benchmark: the full report (PDF + HTML + Markdown with PNGs + JSON) of a run with 2,000 log
# entries (synth_run.py --steps 2000 --log-every 1 --eval-every 100). Prints the best wall time of 5
# runs and the CPU time of one (whole command: start-up, ingest, diagnostics, charts, writing).
# Usage: Benchmarks/report.sh [WORK_DIR]   (default: .build/bench-report)
set -eu
. "$(dirname "$0")/common.sh"
work="${1:-.build/bench-report}"
run="$work/r2k"
synth_run "$run" --steps 2000 --log-every 1 --eval-every 100 --formats hf
bin=$(release_binary)
best=""
for _ in 1 2 3 4 5; do
    rm -rf "$work/out"
    best=$(min_seconds "$best" "$(wall_seconds "$bin" report "$run" --output "$work/out")")
done
rm -rf "$work/out"
cpu=$( { /usr/bin/time -f "%U %S" "$bin" report "$run" --output "$work/out" > /dev/null; } 2>&1 | awk '{print $1 + $2}')
echo "run:        $run ($(grep -o '"step"' "$run/trainer_state.json" | wc -l) log entries)"
echo "best wall:  ${best} s"
echo "cpu:        ${cpu} s (user + sys)"
ls -l "$work/out"/*/report.* | awk '{print "            " $5 " bytes  " $9}'
