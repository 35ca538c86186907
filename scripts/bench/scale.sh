#!/usr/bin/env bash
# The operator at scale (docs/scale.md): N workloads with one CountForecast each on the local
# control plane (scripts/control-plane.sh) and a real Prometheus (scripts/prometheus.sh).
#
#   scripts/bench/scale.sh N [STEADY_SECONDS]
#
# Half the workloads forecast pod restarts (30 s windows, minSamples 4: 1 pod each, created by
# the Deployment controller before the operator starts; no kubelet, so pods are quiet unless the
# bench sets a restart count), half forecast a Prometheus error count (1 m windows, 2 h of history backfilled into
# Prometheus by promtool); 10% of each are noisy, the rest quiet (all-zero counts). All have
# trainEvery 2m. The operator runs as `bin/countcast operator` (its shipped JVM options), as its
# own user countcast-bench-operator (group system:masters, for brevity here), so the API
# server's audit log (Metadata level for that user only) gives its requests by verb and
# resource: apiserver_request_total has no user label, and the bench's own requests and the
# controller-manager's would be mixed in.
#
# Prints and writes .local/bench-scale/N/result.json: seconds until every CountForecast has a
# forecast, refit p50/p99 from countcast_fit_seconds buckets over the steady phase, CPU s/min,
# peak RSS (VmHWM), heap after a full GC (jcmd GC.run + jstat), Prometheus query requests/min
# (its own prometheus_http_requests_total), the operator's API requests/min, bytes of history
# per CountForecast, and the 1-minute load average of the (shared) machine.
#
# Environment: BENCH_PORT_BASE (default 26000): the control plane, Prometheus and the operator
# listen on 127.0.0.1 at ports from there, so a test suite's own control plane is undisturbed.
set -euo pipefail

n="${1:?usage: scripts/bench/scale.sh N [STEADY_SECONDS]}"
steady="${2:-180}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/.local/bench-scale/$n"
base="${BENCH_PORT_BASE:-26000}"
rm -rf "$dir"; mkdir -p "$dir"

export CP_DIR="$dir/cp" CP_APISERVER_PORT=$((base + 443)) CP_ETCD_PORT=$((base + 379)) \
  CP_ETCD_PEER_PORT=$((base + 380)) CP_KCM_PORT=$((base + 257))
export PROM_PORT=$((base + 99)) PROM_DIR="$dir/prometheus"
metrics_port=$((base + 80))
kubectl="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}/k8s/$("$root/scripts/control-plane.sh" version)-linux-amd64/kubectl"

cat > "$dir/audit-policy.yaml" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: Metadata
    users: ["countcast-bench-operator"]
  - level: None
EOF
export CP_APISERVER_ARGS="--audit-policy-file=$dir/audit-policy.yaml --audit-log-path=$dir/audit.log --audit-log-format=json"
# The controller-manager's clients default to 20 requests a second, which makes it create the
# pods of thousands of Deployments over many minutes; the bench measures the operator, so the
# controller-manager may go faster while the workloads are set up.
export CP_KCM_ARGS="--kube-api-qps=200 --kube-api-burst=400 --concurrent-deployment-syncs=20 --concurrent-replicaset-syncs=20"

operator_pid=""
cleanup() {
  [[ -n "$operator_pid" ]] && kill "$operator_pid" 2>/dev/null && wait "$operator_pid" 2>/dev/null || true
  "$root/scripts/prometheus.sh" stop >/dev/null 2>&1 || true
  "$root/scripts/control-plane.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== $(date -u +%FT%TZ) N=$n on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$root/scripts/bench/scale.py" openmetrics "$n" "$dir/history.om"
"$root/scripts/prometheus.sh" backfill "$dir/history.om" >/dev/null
"$root/scripts/prometheus.sh" start
"$root/scripts/control-plane.sh" start
admin="$CP_DIR/kubeconfig"
[[ -f "$admin" ]] || admin="$root/.local/kubeconfig"

# The operator's own identity, issued by the control plane's CA.
pki="$CP_DIR/pki"
openssl req -new -newkey rsa:2048 -nodes -keyout "$dir/operator.key" \
  -subj "/O=system:masters/CN=countcast-bench-operator" -out "$dir/operator.csr" 2>/dev/null
openssl x509 -req -in "$dir/operator.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
  -days 2 -sha256 -out "$dir/operator.crt" 2>/dev/null
KUBECONFIG="$dir/operator.kubeconfig" "$kubectl" config set-cluster local \
  --server "https://127.0.0.1:$CP_APISERVER_PORT" --certificate-authority "$pki/ca.crt" \
  --embed-certs >/dev/null
KUBECONFIG="$dir/operator.kubeconfig" "$kubectl" config set-credentials operator \
  --client-certificate "$dir/operator.crt" --client-key "$dir/operator.key" --embed-certs >/dev/null
KUBECONFIG="$dir/operator.kubeconfig" "$kubectl" config set-context local --cluster local \
  --user operator --namespace countcast-system >/dev/null
KUBECONFIG="$dir/operator.kubeconfig" "$kubectl" config use-context local >/dev/null

"$kubectl" --kubeconfig "$admin" apply -f "$root/crds/countforecasts.countcast.io-v1.yml" >/dev/null
"$kubectl" --kubeconfig "$admin" wait --for condition=established --timeout 60s \
  crd/countforecasts.countcast.io >/dev/null
python3 "$root/scripts/bench/scale.py" manifests "$n" "$dir/objects.json"
created=$(date +%s)
"$kubectl" --kubeconfig "$admin" create -f "$dir/objects.json" >/dev/null
echo "created $n workloads and CountForecasts in $(( $(date +%s) - created )) s"

# The workloads' pods exist before the operator starts, as they do when a platform team adds
# CountForecasts to a running cluster: wait until the controller-manager has created the pod of
# every restart workload (the even ones, one pod each), so that the clock below starts with the
# operator and not with the controller-manager's pace.
want=$(( (n + 1) / 2 ))
until [[ $("$kubectl" --kubeconfig "$admin" get pods -A --no-headers 2>/dev/null | wc -l) -ge $want ]]; do
  if (( $(date +%s) - created > 1800 )); then
    echo "scale.sh: the controller-manager did not create $want pods within 1800 s" >&2
    exit 1
  fi
  sleep 5
done
echo "the controller-manager created the $want restart pods $(( $(date +%s) - created )) s after the workloads"

KUBECONFIG="$dir/operator.kubeconfig" "$root/bin/countcast" operator --no-leader-election \
  --http-address 127.0.0.1 --http-port "$metrics_port" \
  --prometheus-url "http://127.0.0.1:$PROM_PORT" > "$dir/operator.log" 2>&1 &
operator_pid=$!
started=$(date +%s.%N)
echo "operator pid $operator_pid: $(tr '\0' ' ' < /proc/$operator_pid/cmdline | cut -c1-300)"

cat > "$dir/run.json" <<EOF
{"apiserver": "https://127.0.0.1:$CP_APISERVER_PORT", "pki": "$pki",
 "operator_pid": $operator_pid, "operator_started": $started,
 "metrics_url": "http://127.0.0.1:$metrics_port/metrics",
 "prometheus_url": "http://127.0.0.1:$PROM_PORT", "audit_log": "$dir/audit.log",
 "steady_s": $steady, "max_wait_s": 900}
EOF
python3 "$root/scripts/bench/scale.py" run "$n" "$dir"
echo "== done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
