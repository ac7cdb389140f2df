#!/usr/bin/env bash
# Fuzzes with libFuzzer (built with -sanitize=fuzzer,address): FUZZ_TARGET=fuzz-ingest (default) reads
# each input with one ingest reader; FUZZ_TARGET=fuzz-pipeline goes on to diagnose the run and build
# every chart and excerpt scene (no Cairo), on every x axis.
#   [FUZZ_TARGET=fuzz-pipeline] scripts/fuzz.sh [SECONDS_PER_PARSER] [PARSER...]
# PARSER is one of the names below (default: all). Seeds are made at run time from SampleRuns/ and
# ../shared/corpus/ (when present) into .build-fuzz/seeds/<parser>/; inputs the fuzzer finds go to
# .build-fuzz/corpus/<parser>/ (shared by both targets), crash files to .build-fuzz/crashes/<target>-<parser>-*.
# Exits 1 when anything crashed. A crash file replays with the plain build:
#   swift build --product fuzz-ingest && .build/debug/fuzz-ingest FILE   (or fuzz-pipeline)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
target="${FUZZ_TARGET:-fuzz-ingest}"
shift || true
# Order = the selector byte (first input byte) FuzzParser.pick maps to each parser.
all=(trainer-state jsonl tensorboard-csv tensorboard-json tfevents text-log lightning-csv mlflow-metric wandb text-log-presets sniff)
parsers=("${@:-${all[@]}}")
max_len="${FUZZ_MAX_LEN:-8192}"
# Seconds one input may take before libFuzzer calls it a hang; raise it on a loaded machine.
timeout="${FUZZ_TIMEOUT:-10}"
shared=../shared/corpus
out=.build-fuzz

swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    --product "$target" --scratch-path "$out" 2>&1 | grep -v 'Cannot export local symbol' | tail -n 1
fuzzer="$out/debug/$target"

# seed PARSER FILE...: each file's first max_len bytes, behind the parser's selector byte.
seed() {
    local name="$1" index=-1 i
    shift
    for i in "${!all[@]}"; do [ "${all[$i]}" = "$name" ] && index=$i; done
    mkdir -p "$out/seeds/$name"
    local n=0 file
    for file in "$@"; do
        [ -f "$file" ] || continue
        n=$((n + 1))
        { printf "\\$(printf '%03o' "$index")"; head -c "$max_len" "$file"; } > "$out/seeds/$name/$n"
    done
}

rm -rf "$out/seeds"
shopt -s nullglob
seed trainer-state SampleRuns/hf-*/trainer_state.json SampleRuns/hf-*/checkpoint-*/trainer_state.json "$shared"/hf-trainer-state/*
seed jsonl SampleRuns/jsonl-*/*.jsonl "$shared"/jsonl/*
seed tensorboard-csv SampleRuns/tbcsv-*/*.csv "$shared"/tensorboard-csv/*
# TensorBoard JSON exports are the CSV rows as [wall, step, value] triples.
mkdir -p "$out/tbjson"
for csv in SampleRuns/tbcsv-*/*loss.csv "$shared"/tensorboard-csv/*; do
    awk -F, 'NR > 1 { printf "%s[%s,%s,%s]", (NR > 2 ? "," : "["), $1, $2, $3 } END { print "]" }' "$csv" \
        > "$out/tbjson/$(basename "$csv" .csv).json"
done
seed tensorboard-json "$out"/tbjson/*.json
seed tfevents "$shared"/tfevents/*tfevents*
seed text-log "$shared"/logs-text/*
seed lightning-csv "$shared"/lightning-csv/*
seed mlflow-metric "$shared"/mlflow/*__metrics__*
seed wandb Tests/IngestTests/Fixtures/wandb/*/wandb/*run-*/*.wandb
seed text-log-presets Tests/IngestTests/Fixtures/textlogs/*.log
seed sniff SampleRuns/hf-healthy-gpt2/trainer_state.json SampleRuns/jsonl-healthy/*.jsonl \
    SampleRuns/tbcsv-healthy/*train_loss.csv "$shared"/tfevents/*tfevents* "$shared"/logs-text/* \
    "$shared"/lightning-csv/* "$shared"/mlflow/*meta.yaml Tests/IngestTests/Fixtures/wandb/gpu-stats/wandb/*/*.wandb

mkdir -p "$out/crashes"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0
for name in "${parsers[@]}"; do
    [ -d "$out/seeds/$name" ] || { echo "unknown parser '$name' (known: ${all[*]})" >&2; exit 2; }
    mkdir -p "$out/corpus/$name"
    echo "== $target $name: ${seconds}s, $(ls "$out/seeds/$name" | wc -l) seeds"
    TMPDIR="$scratch" SWIFT_BACKTRACE=enable=no "$fuzzer" "$out/corpus/$name" "$out/seeds/$name" \
        -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" -rss_limit_mb=2048 \
        -artifact_prefix="$out/crashes/$target-$name-" -print_final_stats=1 2> "$out/$target-$name.log" || status=1
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)|^==[0-9]+==ERROR|Fatal error|deadly signal|Test unit written' \
        "$out/$target-$name.log" || true
done
exit $status
