#!/bin/sh
# Audit benchmark: an archive of 1,000 runs of 2,000 log entries each (synth_run.py, pathologies and
# seeds varied), audited with JSON and HTML reports on every core, then audited again with nothing
# changed. Prints both wall times and peak RSS, and the peak RSS of a 300-run archive (3 of the 10 team folders)
# (memory must stay flat as the archive grows). Needs ../shared/tools/synth_run.py.
# FORMATS=pdf,html,md,json audits with every output instead; CPU time and runs per second per core
# (runs / CPU seconds) are printed with each audit, so a shared machine's waiting does not count.
# Usage: Benchmarks/audit.sh [WORK_DIR] [RUNS] [BINARY]   (default: .build/bench-audit 1000, a fresh release build)
set -eu
. "$(dirname "$0")/common.sh"
work="${1:-.build/bench-audit}"
runs="${2:-1000}"
formats="${FORMATS:-json,html}"
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
bin=${3:-$(release_binary)}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() { # label, run count, then the command; prints wall seconds, CPU seconds, runs/s per core, peak RSS
    label=$1; count=$2; shift 2
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
    read -r wall user sys rss < "$work/time.txt"
    echo "$label: $wall s wall, $(echo "$user + $sys" | bc) s CPU ($(echo "scale=1; $count / ($user + $sys)" | bc) runs/s per core), $rss KB peak RSS"
}
rm -rf "$work/out"
measure "audit of $runs runs ($formats)" "$runs" "$bin" audit "$archive" -o "$work/out" --format "$formats" --quiet
measure "rerun, nothing changed" "$runs" "$bin" audit "$archive" -o "$work/out" --format "$formats" --quiet
rm -rf "$work/out-quarter"
measure "audit of 3 of the 10 team folders ($((runs * 3 / 10)) runs)" "$((runs * 3 / 10))" \
    "$bin" audit "$archive/team0" "$archive/team1" "$archive/team2" -o "$work/out-quarter" --format "$formats" --quiet
