#!/bin/sh
# Submits a sharded trainreport audit to Slurm: a job array of N shards (audit.sbatch) and the merge
# (merge.sbatch), which waits for every shard. Prints both job ids.
#
#   deploy/slurm/submit.sh N OUTPUT ARCHIVE... [audit options, e.g. --format json,html]
#
# Environment: TRAINREPORT (the binary, default trainreport on PATH; exported to the jobs),
# SBATCH_OPTIONS (extra sbatch options for both jobs, e.g. "--partition=cpu --account=ml"),
# SHARD_OPTIONS (extra sbatch options for the array only, e.g. "--cpus-per-task=16 --array=0-63%16").
set -eu
if [ $# -lt 3 ]; then
    echo "usage: $0 N OUTPUT ARCHIVE... [audit options]" >&2
    exit 2
fi
shards=$1
output=$2
shift 2
case $shards in
    '' | *[!0-9]* | 0) echo "$0: N must be a whole number of shards, at least 1" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$output"
# --parsable prints "jobid" or "jobid;cluster".
# shellcheck disable=SC2086  # the option lists are meant to split into words
array=$(sbatch --parsable --array="0-$((shards - 1))" --export=ALL,SHARDS="$shards" ${SBATCH_OPTIONS:-} ${SHARD_OPTIONS:-} \
    "$here/audit.sbatch" "$output" "$@" | cut -d';' -f1)
# shellcheck disable=SC2086
merge=$(sbatch --parsable --dependency="afterany:$array" --kill-on-invalid-dep=yes --export=ALL ${SBATCH_OPTIONS:-} \
    "$here/merge.sbatch" "$output" | cut -d';' -f1)
echo "shards: job $array (array 0-$((shards - 1))); merge: job $merge; index: $output/index.html"
