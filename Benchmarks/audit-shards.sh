#!/bin/sh
# Sharded audit benchmark (the proof of README "Audit on a cluster"): an archive of 2,000 runs of
# 2,000 log entries (synth_run.py, as Benchmarks/audit.sh) audited
#   1. on one machine: audit --jobs 2;
#   2. as 4 shards (--shard K/4, --jobs 1 each) run as 4 processes, two at a time, then --merge;
# with JSON and HTML reports; then checks the four index files are identical (cmp), reruns the
# shards with nothing changed (what listing the whole archive costs each shard), and measures CPU
# per run with every output format (PDF, HTML, Markdown, JSON) on ALL_RUNS of the runs.
# Prints wall and CPU seconds for each, and the load average before and after (the machine is shared).
# Usage: Benchmarks/audit-shards.sh [WORK_DIR] [RUNS] [ALL_RUNS] [DISTINCT]
#        (default: .build/bench-shards 2000 400 60: 60 runs generated, the others copies of them)
set -eu
. "$(dirname "$0")/common.sh"
work="${1:-.build/bench-shards}"
runs="${2:-2000}"
all_runs="${3:-400}"
distinct="${4:-60}"
archive="$work/archive"
synth_archive "$archive" "$runs" "$distinct"
bin=$(release_binary)
load() { cut -d' ' -f1-3 /proc/loadavg; }
# label, then the command: prints wall and CPU (user + system, children included) seconds.
measure() {
    label=$1; shift
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >/dev/null
    read -r wall user system < "$work/time.txt"
    echo "$label: $wall s wall, $(echo "$user + $system" | bc) s CPU"
}
echo "load average before: $(load) ($(nproc) cores)"
rm -rf "$work/one" "$work/sharded" "$work/all"
measure "one machine, audit --jobs 2, $runs runs (json,html)" \
    "$bin" audit "$archive" -o "$work/one" --format json,html --jobs 2 --quiet
cat > "$work/shards.sh" <<SH
printf '0\n1\n2\n3\n' | xargs -P 2 -I{} "$bin" audit "$archive" -o "$work/sharded" --format json,html --jobs 1 --quiet --shard {}/4
SH
measure "4 shards, two at a time (--jobs 1 each)" sh "$work/shards.sh"
measure "merge" "$bin" audit --merge "$work/sharded"
for name in index.html index.csv index.json index.pdf; do
    cmp "$work/one/$name" "$work/sharded/$name"
done
echo "index.html, index.csv, index.json, index.pdf: identical (cmp)"
measure "4 shards again, nothing changed (each lists all $runs runs)" sh "$work/shards.sh"
# Every format, on the first team folders (200 runs each).
teams=$(seq 0 $((all_runs / 200 - 1)) | sed "s|^|$archive/team|")
# shellcheck disable=SC2086  # one argument per team folder
measure "one machine, audit --jobs 2, $all_runs runs (pdf,html,md,json)" \
    "$bin" audit $teams -o "$work/all" --format pdf,html,md,json --jobs 2 --quiet
echo "load average after: $(load)"
