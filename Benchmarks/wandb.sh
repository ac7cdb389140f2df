#!/bin/sh
# W&B reader benchmark: `trainreport inspect` on a ~100 MB .wandb file (history + summary records for
# ~200,000 steps, system metrics and console lines), written once with wandb's own protobuf classes and
# writer (Benchmarks/make_wandb_file.py; needs a Python with `wandb`, e.g. PYTHON=/work/venv/bin/python).
# Prints throughput by wall time and by CPU time (user + system: what the command costs, whatever else
# the machine runs), each the best of RUNS runs (default 5), the load average, and peak RSS.
# Target: 300 MB/s or more.
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
best_wall=""
best_cpu=""
rss_kb=0
for _ in $(seq "${RUNS:-5}"); do
    # %e wall seconds, %U user, %S system, %M peak RSS in KiB
    set -- $( { /usr/bin/time -f "%e %U %S %M" "$bin" inspect "$file" > /dev/null; } 2>&1 | tail -n 1)
    best_wall=$(min_seconds "$best_wall" "$1")
    best_cpu=$(min_seconds "$best_cpu" "$(echo "$2 + $3" | bc -l)")
    rss_kb=$4
done
echo "file:        $file ($(echo "$bytes / 1000000" | bc) MB)"
echo "load:        $(cut -d' ' -f1-3 /proc/loadavg)"
echo "best wall:   ${best_wall} s -> $(echo "$bytes / 1000000 / $best_wall" | bc) MB/s"
echo "best CPU:    ${best_cpu} s (user + sys) -> $(echo "$bytes / 1000000 / $best_cpu" | bc) MB/s"
echo "peak RSS:    $(echo "$rss_kb / 1024" | bc) MiB ($(echo "scale=2; $rss_kb * 1024 / $bytes" | bc) x file size)"
