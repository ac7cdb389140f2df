#!/bin/sh
# Runs a sharded trainreport audit on Kubernetes: the storage claims, the Indexed Job of shards, a wait
# until it is complete or failed, then the merge Job and its summary. Needs kubectl for the cluster
# and the image pushed where audit-shards.yaml and audit-merge.yaml say (see Dockerfile).
#
#   deploy/k8s/run.sh [NAMESPACE]        (TIMEOUT: how long to wait for the shards, default 6h)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ns=${1:-default}
k() { kubectl --namespace "$ns" "$@"; }
k apply -f "$here/storage.yaml"
k delete job trainreport-audit-shards trainreport-audit-merge --ignore-not-found
k apply -f "$here/audit-shards.yaml"
# Complete or failed, whichever comes first: the merge names failed shards either way.
k wait --for=condition=complete job/trainreport-audit-shards --timeout="${TIMEOUT:-6h}" &
complete=$!
k wait --for=condition=failed job/trainreport-audit-shards --timeout="${TIMEOUT:-6h}" &
failed=$!
while kill -0 "$complete" 2>/dev/null && kill -0 "$failed" 2>/dev/null; do sleep 10; done
kill "$complete" "$failed" 2>/dev/null || true
k apply -f "$here/audit-merge.yaml"
k wait --for=condition=complete job/trainreport-audit-merge --timeout=1h || true
k logs job/trainreport-audit-merge
