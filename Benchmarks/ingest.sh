#!/bin/sh
# Ingest benchmark: `trainreport inspect` on a 160 MB trainer_state.json (1,000,000 log entries).
# Prints throughput (MB/s, best of 3 runs) and peak RSS. Needs ../shared/tools/synth_run.py.
# Usage: Benchmarks/ingest.sh [WORK_DIR]   (default: .build/bench-ingest)
set -eu
. "$(dirname "$0")/common.sh"
work="${1:-.build/bench-ingest}"
state="$work/trainer_state.json"
synth_run "$work" --steps 1000000 --log-every 1 --eval-every 1000 --formats hf
bin=$(release_binary)
bytes=$(wc -c < "$state")
best=""
for _ in 1 2 3; do
    best=$(min_seconds "$best" "$(wall_seconds "$bin" inspect "$state")")
done
rss_kb=$( { /usr/bin/time -v "$bin" inspect "$state" > /dev/null; } 2>&1 | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}')
echo "file:        $state ($(echo "$bytes / 1000000" | bc) MB)"
echo "best time:   ${best} s"
echo "throughput:  $(echo "$bytes / 1000000 / $best" | bc) MB/s"
echo "peak RSS:    $(echo "$rss_kb / 1024" | bc) MiB ($(echo "scale=2; $rss_kb * 1024 / $bytes" | bc) x file size)"
