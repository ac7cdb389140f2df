#!/bin/sh
# Report benchmark: the full report (PDF + HTML + Markdown with PNGs + JSON) of a run with 2,000 log
# entries (synth_run.py --steps 2000 --log-every 1 --eval-every 100). Prints the best wall time of 5
# runs, the least CPU time (user + sys) of 5 (whole command: start-up, ingest, diagnostics, charts,
# writing), the least CPU of each format alone and of `--version` (start-up only), and the sizes.
# The machine is shared, so the minimum is the number: the load average is printed with it.
# Usage: Benchmarks/report.sh [WORK_DIR] [BINARY]   (default: .build/bench-report, a fresh release build)
set -eu
. "$(dirname "$0")/common.sh"
work="${1:-.build/bench-report}"
run="$work/r2k"
synth_run "$run" --steps 2000 --log-every 1 --eval-every 100 --formats hf
bin=${2:-$(release_binary)}
best=""
for _ in 1 2 3 4 5; do
    rm -rf "$work/out"
    best=$(min_seconds "$best" "$(wall_seconds "$bin" report "$run" --output "$work/out")")
done
echo "load:       $(cut -d' ' -f1-3 /proc/loadavg)"
echo "run:        $run ($(grep -o '"step"' "$run/trainer_state.json" | wc -l) log entries)"
echo "best wall:  ${best} s"
echo "cpu:        $(least_cpu_seconds "$bin" report "$run" --output "$work/out") s (user + sys, least of 5)"
for format in json md pdf html; do
    echo "  --format $format alone: $(least_cpu_seconds "$bin" report "$run" --output "$work/out-$format" --format "$format") s"
done
echo "  --version (start-up): $(least_cpu_seconds "$bin" --version) s"
ls -l "$work/out"/*/report.* "$work/out"/*/charts/*.png | awk '{print "            " $5 " bytes  " $9}'
