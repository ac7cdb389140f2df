# Sourced by the benchmark scripts (not run on its own): moves to the repository root and defines
# the helpers they share.
cd "$(dirname "$0")/.."

# Builds trainreport in release mode and prints the binary's path.
release_binary() {
    swift build -c release --product trainreport >/dev/null
    echo "$(swift build -c release --show-bin-path)/trainreport"
}

# A synthetic HF run from ../shared/tools/synth_run.py, made once:
# synth_run OUT_DIR [synth_run.py options] does nothing when OUT_DIR/trainer_state.json exists.
synth_run() {
    if [ ! -f "$1/trainer_state.json" ]; then
        mkdir -p "$1"
        python3 ../shared/tools/synth_run.py "$@"
    fi
}

# Wall-clock seconds of one run of the command, its standard output discarded.
wall_seconds() {
    start=$(date +%s.%N)
    "$@" > /dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

# The smaller of two times in seconds; the second when the first is empty (no time yet).
min_seconds() {
    if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi
}

# The least CPU time (user + sys, seconds) of 5 runs of the command, its output discarded: bash's
# `times` (getrusage, microseconds; /usr/bin/time rounds to 10 ms and read 0.02 s for a 0.036 s
# start-up). Wall time on a shared machine mostly measures waiting for a core; CPU time does not.
least_cpu_seconds() {
    least=""
    for _ in 1 2 3 4 5; do
        cpu=$(bash -c '"$@" > /dev/null 2>&1; times' cpu "$@" | tail -n 1 |
              awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
        least=$(min_seconds "$least" "$cpu")
    done
    echo "$least"
}

# An archive of RUNS synthetic HF runs of 2,000 log entries each (synth_run.py, the six pathologies in
# turn, seeds 0..RUNS-1) in 10 team folders, made once: synth_archive DIR RUNS [DISTINCT]. With
# DISTINCT, only that many runs are generated and run-i is a copy of run-(i mod DISTINCT): the same
# work for an audit (nothing is shared between runs), far less for a busy machine to generate.
synth_archive() {
    distinct=${3:-$2}
    if [ ! -f "$1/.complete-$2-$distinct" ]; then
        rm -rf "$1"
        mkdir -p "$1"
        seq 0 $((distinct - 1)) | xargs -P "$(nproc)" -I{} sh -c '
            i={}; p=$(echo healthy overfit explode gradspike plateau underfit | cut -d" " -f$((i % 6 + 1)))
            python3 ../shared/tools/synth_run.py "'"$1"'/team$((i % 10))/run-$i" --steps 2000 --log-every 1 \
                --eval-every 100 --seed "$i" --pathology "$p" --formats hf >/dev/null'
        i=$distinct
        while [ "$i" -lt "$2" ]; do
            j=$((i % distinct))
            cp -R "$1/team$((j % 10))/run-$j" "$1/team$((i % 10))/run-$i"
            i=$((i + 1))
        done
        touch "$1/.complete-$2-$distinct"
    fi
}
