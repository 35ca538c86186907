#!/usr/bin/env bash
# Heap per cached pod, for the memory bound in docs/scale.md ("Pods: a cache per namespace"):
# starts the local control plane (scripts/control-plane.sh, ports from BENCH_PORT_BASE, default
# 27000), creates PODS pods with a realistic spec and status (250 per namespace), and prints the
# heap after a full GC per pod for the operator's slim pod cache and for informers keeping whole
# Pods (scripts/bench/PodCacheMemory.java). Needs target/countcast.jar (./mvnw package).
#
#   scripts/bench/pod-cache-memory.sh PODS [PER_NAMESPACE]    (default 250 pods per namespace)
set -euo pipefail

pods="${1:?usage: scripts/bench/pod-cache-memory.sh PODS}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
base="${BENCH_PORT_BASE:-27000}"
dir="$root/.local/bench-pod-cache-memory"
rm -rf "$dir"; mkdir -p "$dir"
export CP_DIR="$dir/cp" CP_APISERVER_PORT=$((base + 443)) CP_ETCD_PORT=$((base + 379)) \
  CP_ETCD_PEER_PORT=$((base + 380)) CP_KCM_PORT=$((base + 257))
trap '"$root/scripts/control-plane.sh" stop >/dev/null 2>&1 || true' EXIT
"$root/scripts/control-plane.sh" start >&2
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java" -XX:+UseSerialGC -Xmx1g -cp "$root/target/countcast.jar" \
  "$root/scripts/bench/PodCacheMemory.java" "$CP_DIR/kubeconfig" "$pods" "${2:-250}"
