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
