#!/usr/bin/env bash
# Tests the Slurm deployment (deploy/slurm/) on a real Slurm: a one-node cluster on this machine
# (Debian's slurm-wlm and munge, a minimal cgroup-free slurm.conf), an array of shards submitted with
# deploy/slurm/submit.sh over an archive of a few hundred runs (SampleRuns copied into team folders),
# then the merge; the merged index must be byte-identical to a one-machine audit. The daemons are
# stopped on exit, whatever happens. Needs root on Debian (it installs packages and starts daemons).
#
#   scripts/test-slurm.sh [SHARDS] [TEAMS]      (default 4 shards, 16 team folders = 304 runs)
# Environment: TRAINREPORT (the binary; default: this checkout's debug build, built if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
shards=${1:-4}
teams=${2:-16}
start=$(date +%s)
if [ "$(id -u)" != 0 ] || [ ! -f /etc/debian_version ]; then
    echo "test-slurm: needs root on Debian (installs slurm-wlm and munge, starts daemons); skipped" >&2
    exit 0
fi
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
if [ -z "${TRAINREPORT:-}" ]; then
    PKG_CONFIG_PATH="$(scripts/pkg-config-path.sh)${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" swift build --product trainreport >/dev/null
    TRAINREPORT="$(swift build --show-bin-path)/trainreport"
fi
export TRAINREPORT

work=$(mktemp -d /tmp/trainreport-slurm.XXXXXX)
host=$(hostname -s)
export SLURM_CONF="$work/slurm.conf"
munge_socket="$work/munge.socket"
stop() {
    for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munged.pid"; do
        if [ -s "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
    done
    sleep 1
    if [ "${KEEP:-0}" = 1 ]; then echo "test-slurm: kept $work" >&2; else rm -rf "$work"; fi
}
trap stop EXIT

# munge: its own socket and key, so a munged already running on the machine is left alone.
mkdir -p "$work/munge"
mungekey --create --keyfile "$work/munge/munge.key" --force >/dev/null 2>&1 \
    || dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$work/munge/munge.key"
munged --force --socket "$munge_socket" --key-file "$work/munge/munge.key" --pid-file "$work/munged.pid" \
    --log-file "$work/munged.log" --seed-file "$work/munge/seed"

mkdir -p "$work/state" "$work/spool"
cat > "$SLURM_CONF" <<CONF
ClusterName=trainreport-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$munge_socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -i
slurmd
for _ in $(seq 60); do
    if sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then break; fi
    sleep 1
done
sinfo -h -o %t | grep -qE '^(idle|mix|alloc)' || { echo "test-slurm: the node did not come up" >&2; tail -n 20 "$work"/*.log >&2; exit 1; }

# The archive: every sample run in each of the team folders.
archive="$work/archive"
for t in $(seq 0 $((teams - 1))); do
    mkdir -p "$archive/team$t"
    for run in SampleRuns/*/; do
        case $(basename "$run") in _*) continue ;; esac
        cp -R "$run" "$archive/team$t/"
    done
done
echo "test-slurm: $teams team folders of sample runs, $shards shards"

# The array of shards and the merge, as a user submits them (one CPU per shard on this small node).
# Job logs go to the folder sbatch is run from.
export SOURCE_DATE_EPOCH=1700000000
repo=$(pwd)
(cd "$work" && SHARD_OPTIONS="--cpus-per-task=1" "$repo/deploy/slurm/submit.sh" "$shards" "$work/sharded" "$archive" --format json)
merge_job=$(squeue -h -n trainreport-merge -o %i | head -n 1)
for _ in $(seq 600); do
    if [ -z "$(squeue -h -o %i)" ]; then break; fi
    sleep 1
done
[ -z "$(squeue -h -o %i)" ] || { echo "test-slurm: jobs still queued after 10 minutes" >&2; squeue >&2; exit 1; }
cat "$work"/trainreport-audit-*.log
cat "$work/trainreport-merge-$merge_job.log"
grep -q "missing shards: none" "$work/trainreport-merge-$merge_job.log"

# One machine, same archive and options: the index must be the same, byte for byte.
"$TRAINREPORT" audit "$archive" --output "$work/single" --format json --quiet
for name in index.html index.csv index.json index.pdf; do
    cmp "$work/single/$name" "$work/sharded/$name"
done
runs=$(($(wc -l < "$work/single/index.csv") - 1))
echo "test-slurm: merged index of $shards Slurm shards ($runs runs) == one-machine index ($(($(date +%s) - start)) s in all)"
