#!/bin/sh
# Audit benchmark: an archive of 1,000 runs of 2,000 log entries each (synth_run.py, pathologies and
# seeds varied), audited with JSON and HTML reports on every core, then audited again with nothing
# changed. Prints both wall times and peak RSS, and the peak RSS of a 300-run archive (3 of the 10 team folders)
# (memory must stay flat as the archive grows). Needs ../shared/tools/synth_run.py.
# Usage: Benchmarks/audit.sh [WORK_DIR] [RUNS]   (default: .build/bench-audit 1000)
set -eu
. "$(dirname "$0")/common.sh"
work="${1:-.build/bench-audit}"
runs="${2:-1000}"
archive="$work/archive"
if [ ! -f "$archive/.complete-$runs" ]; then
    rm -rf "$archive"
    mkdir -p "$archive"
    seq 0 $((runs - 1)) | xargs -P "$(nproc)" -I{} sh -c '
        i={}; p=$(echo healthy overfit explode gradspike plateau underfit | cut -d" " -f$((i % 6 + 1)))
        python3 ../shared/tools/synth_run.py "'"$archive"'/team$((i % 10))/run-$i" --steps 2000 --log-every 1 \
            --eval-every 100 --seed "$i" --pathology "$p" --formats hf >/dev/null'
    touch "$archive/.complete-$runs"
fi
bin=$(release_binary)
measure() { # label, then the command; prints wall seconds and peak RSS
    label=$1; shift
    /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "$@" >/dev/null 2>"$work/time.txt" || true
    tail -n 1 "$work/time.txt"
}
rm -rf "$work/out"
measure "audit of $runs runs (json,html)" "$bin" audit "$archive" -o "$work/out" --format json,html --quiet
measure "rerun, nothing changed" "$bin" audit "$archive" -o "$work/out" --format json,html --quiet
rm -rf "$work/out-quarter"
measure "audit of 3 of the 10 team folders ($((runs * 3 / 10)) runs)" "$bin" audit "$archive/team0" "$archive/team1" "$archive/team2" -o "$work/out-quarter" --format json,html --quiet
