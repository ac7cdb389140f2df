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
synth_archive "$archive" "$runs"
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
