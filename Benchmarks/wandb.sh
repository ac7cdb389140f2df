#!/bin/sh
# W&B reader benchmark: `trainreport inspect` on a ~100 MB .wandb file (history + summary records for
# ~100,000 steps, system metrics and console lines), written once with wandb's own protobuf classes and
# writer (Benchmarks/make_wandb_file.py; needs a Python with `wandb`, e.g. PYTHON=/work/venv/bin/python).
# Prints throughput (MB/s, best of 3 runs) and peak RSS. Target: 300 MB/s or more.
# Usage: Benchmarks/wandb.sh [WORK_DIR]   (default: .build/bench-wandb)
set -eu
. "$(dirname "$0")/common.sh"
work="${1:-.build/bench-wandb}"
file="$work/run-bench001.wandb"
if [ ! -f "$file" ]; then
    mkdir -p "$work"
    "${PYTHON:-python3}" Benchmarks/make_wandb_file.py "$file" 100
fi
bin=$(release_binary)
bytes=$(wc -c < "$file")
best=""
for _ in 1 2 3; do
    best=$(min_seconds "$best" "$(wall_seconds "$bin" inspect "$file")")
done
rss_kb=$( { /usr/bin/time -v "$bin" inspect "$file" > /dev/null; } 2>&1 | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}')
echo "file:        $file ($(echo "$bytes / 1000000" | bc) MB)"
echo "best time:   ${best} s"
echo "throughput:  $(echo "$bytes / 1000000 / $best" | bc) MB/s"
echo "peak RSS:    $(echo "$rss_kb / 1024" | bc) MiB ($(echo "scale=2; $rss_kb * 1024 / $bytes" | bc) x file size)"
