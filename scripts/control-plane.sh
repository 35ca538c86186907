#!/usr/bin/env bash
# Local Kubernetes control plane for tests: etcd, kube-apiserver, kube-controller-manager.
#
#   scripts/control-plane.sh install   build the pinned binaries from Go modules into
#                                      ~/.kubeapitest/k8s/<version>-linux-amd64/ (idempotent)
#   scripts/control-plane.sh start     run etcd + kube-apiserver + kube-controller-manager on
#                                      127.0.0.1, write an admin kubeconfig, wait for /readyz
#   scripts/control-plane.sh stop      stop exactly the processes `start` started, remove data
#   scripts/control-plane.sh status    show what is running
#   scripts/control-plane.sh version   print the pinned Kubernetes version (without the "v")
#   scripts/control-plane.sh build NAME...  build more cmd/NAME binaries of the same Kubernetes
#                                      module into the same directory (used by scripts/node.sh)
#
# Environment (all optional):
#   CP_DIR              state directory (pki, pids, logs, etcd data); default <repo>/.local/control-plane
#   CP_KUBECONFIG       admin kubeconfig written by start; default <repo>/.local/kubeconfig,
#                       or $CP_DIR/kubeconfig when CP_DIR is set
#   CP_APISERVER_PORT   kube-apiserver secure port            (default 16443)
#   CP_ETCD_PORT        etcd client port                      (default 12379)
#   CP_ETCD_PEER_PORT   etcd peer port                        (default 12380)
#   CP_KCM_PORT         kube-controller-manager secure port   (default 16257)
#   CP_HPA_SYNC_PERIOD  HPA controller sync period            (default 2s)
#   CP_READY_TIMEOUT    seconds to wait for /readyz           (default 120)
#   CP_APISERVER_ARGS   extra kube-apiserver flags, space-separated (e.g. audit logging for
#                       scripts/bench/scale.sh)
#   CP_KCM_ARGS         extra kube-controller-manager flags, space-separated (e.g. a higher
#                       client rate for scripts/bench/scale.sh's thousands of Deployments)
#   KUBEAPITEST_DIR     binary root; default ~/.kubeapitest (fabric8 kube-api-test's layout)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/tools/control-plane"
# shellcheck source=../tools/control-plane/versions.env
source "$tools_dir/versions.env"

k8s_release="$K8S_VERSION"
k8s_tag="v$K8S_VERSION"     # Go module and release tag
etcd_tag="$(awk '$1 == "require" && $2 == "go.etcd.io/etcd/server/v3" { print $3 }' "$tools_dir/etcd/go.mod")"
bin_dir="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}/k8s/${k8s_release}-linux-amd64"

log() { printf '[control-plane %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf '[control-plane] error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------------

# Flags the Kubernetes release build uses (hack/lib/golang.sh): static, trimmed, stripped,
# tags selinux,notest,grpcnotrace. Version variables are stamped like hack/lib/version.sh does,
# so /version and `kubectl version` report the real release instead of v0.0.0-master.
k8s_ldflags() {
  local minor build_date
  minor="${k8s_release#*.}"; minor="${minor%%.*}"
  # The module's publication time keeps the build reproducible (same input, same binary).
  build_date="$(sed -n 's/.*"Time": *"\([^"]*\)".*/\1/p' "$(mod_file k8s.io/kubernetes "$k8s_tag" Info)")"
  local flags="-s -w" pkg key val
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    for kv in "gitVersion=${k8s_tag}" "gitMajor=1" "gitMinor=${minor}" \
              "gitTreeState=clean" "buildDate=${build_date}"; do
      key="${kv%%=*}"; val="${kv#*=}"
      flags+=" -X ${pkg}.${key}=${val}"
    done
  done
  printf '%s' "$flags"
}

# mod_file <module> <version> <GoMod|Info|Zip>: a file path `go mod download -json` reports.
mod_file() {
  go mod download -json "$1@$2" | sed -n "s/^[[:space:]]*\"$3\": \"\(.*\)\",\{0,1\}\$/\1/p"
}

# go_build <module dir> <output: a file, or a directory ending in /> <ldflags> <tags> <package>...
go_build() {
  local module_dir="$1" out="$2" ldflags="$3" tags="$4"
  shift 4
  (cd "$module_dir" && CGO_ENABLED=0 go build -mod=readonly -trimpath ${tags:+-tags "$tags"} \
      -ldflags "$ldflags" -o "$out" "$@")
}

# Builds one binary into $install_dir unless it is already installed. Each binary carries a
# stamp with its version (etcd's version is not part of the directory name).
install_binary() {
  local name="$1" stamp="$2" module_dir="$3" pkg="$4" ldflags="$5" tags="${6:-}"
  local out="$install_dir/$name" stamp_file="$install_dir/.$name.version"
  if [[ -x "$out" && "$(cat "$stamp_file" 2>/dev/null)" == "$stamp" ]]; then
    log "$name $stamp already installed, skipping"
    return 0
  fi
  local start=$SECONDS
  log "building $name $stamp (first build takes many minutes on 2 cores) ..."
  local tmp="${out}.tmp.$$"
  go_build "$module_dir" "$tmp" "$ldflags" "$tags" "$pkg" || { rm -f "$tmp"; die "building $name $stamp failed"; }
  mv -f "$tmp" "$out"   # atomic: a half-written binary never looks installed
  printf '%s\n' "$stamp" > "$stamp_file"
  log "built $name in $((SECONDS - start))s ($(du -h "$out" | cut -f1))"
}

# install_k8s_binaries <name>...: the cmd/<name> binaries of the pinned k8s.io/kubernetes that
# are not installed yet, built by ONE `go build`: the packages they share are compiled once,
# their modules are fetched together, and both cores keep compiling while one binary links.
# Stamps and the atomic rename are as in install_binary; the binaries are the same bytes.
install_k8s_binaries() {
  local name missing=() packages=()
  for name in "$@"; do
    if [[ -x "$install_dir/$name" && "$(cat "$install_dir/.$name.version" 2>/dev/null)" == "$k8s_tag" ]]; then
      log "$name $k8s_tag already installed, skipping"
    else
      missing+=("$name")
      packages+=("k8s.io/kubernetes/cmd/$name")
    fi
  done
  (( ${#missing[@]} )) || return 0
  local start=$SECONDS tmp="$install_dir/.build.$$"
  log "building ${missing[*]} $k8s_tag in one go build (first build takes many minutes on 2 cores) ..."
  mkdir -p "$tmp"
  go_build "$tools_dir/k8s" "$tmp/" "$(k8s_ldflags)" "selinux,notest,grpcnotrace" "${packages[@]}" \
    || { rm -rf "$tmp"; die "building ${missing[*]} $k8s_tag failed"; }
  for name in "${missing[@]}"; do
    mv -f "$tmp/$name" "$install_dir/$name"
    printf '%s\n' "$k8s_tag" > "$install_dir/.$name.version"
  done
  rmdir "$tmp"
  log "built ${missing[*]} in $((SECONDS - start))s ($(cd "$install_dir" && du -ch "${missing[@]}" | tail -1 | cut -f1))"
}

cmd_install() {
  command -v go >/dev/null || die "go is not on PATH (needed to build the control plane)"
  local start=$SECONDS
  log "installing Kubernetes ${k8s_tag} + etcd ${etcd_tag} into $bin_dir ($(go version | cut -d' ' -f3))"
  # A new version is built in a side directory and renamed into place when complete: tests that
  # pick the newest directory in ~/.kubeapitest/k8s must never see a half-built one.
  local install_dir="$bin_dir"   # seen by install_binary and write_etcd_wrapper
  [[ -d "$bin_dir" ]] || install_dir="$bin_dir.partial"
  mkdir -p "$install_dir"
  install_k8s_binaries kube-apiserver kube-controller-manager kubectl
  install_binary etcd-server "$etcd_tag" "$tools_dir/etcd" . "-s -w"
  write_etcd_wrapper
  [[ "$install_dir" == "$bin_dir" ]] || mv "$install_dir" "$bin_dir"
  log "done in $((SECONDS - start))s: $(cd "$bin_dir" && echo etcd etcd-server kube-apiserver kube-controller-manager kubectl)"
}

# build <name>...: builds more binaries of the same k8s.io/kubernetes module, flags and Go cache
# into the installed directory (scripts/node.sh builds kubelet and kube-scheduler this way).
cmd_build() {
  command -v go >/dev/null || die "go is not on PATH"
  [[ -d "$bin_dir" ]] || die "$bin_dir is missing; run: scripts/control-plane.sh install"
  local install_dir="$bin_dir" name ldflags
  ldflags="$(k8s_ldflags)"
  for name in "$@"; do
    install_binary "$name" "$k8s_tag" "$tools_dir/k8s" "k8s.io/kubernetes/cmd/$name" "$ldflags" \
      "selinux,notest,grpcnotrace"
  done
}

# kube-api-test starts etcd with --listen-client-urls http://0.0.0.0:<port> (hard-coded), which
# would expose an unauthenticated etcd on every interface. Its `etcd` is therefore a wrapper that
# moves those URLs to 127.0.0.1 and execs the real server (same pid, so stopping still works).
# The API server still reaches it: kube-api-test dials http://0.0.0.0:<port>, which is local.
write_etcd_wrapper() {
  local wrapper="$install_dir/etcd" tmp="$install_dir/etcd.tmp.$$"
  cat > "$tmp" <<'EOF'
#!/usr/bin/env bash
# Written by scripts/control-plane.sh install: runs etcd-server with any http://0.0.0.0: URL
# rewritten to http://127.0.0.1:, so etcd listens on loopback only.
exec "$(dirname "${BASH_SOURCE[0]}")/etcd-server" "${@//http:\/\/0.0.0.0:/http://127.0.0.1:}"
EOF
  chmod +x "$tmp"
  mv -f "$tmp" "$wrapper"
}

# ---------------------------------------------------------------------------------------------
# start / stop / status
# ---------------------------------------------------------------------------------------------

if [[ -n "${CP_DIR:-}" ]]; then
  cp_dir="$CP_DIR"
  kubeconfig="${CP_KUBECONFIG:-$cp_dir/kubeconfig}"
else
  cp_dir="$repo_root/.local/control-plane"
  kubeconfig="${CP_KUBECONFIG:-$repo_root/.local/kubeconfig}"
fi
pki="$cp_dir/pki"
run_dir="$cp_dir/run"       # pid files
log_dir="$cp_dir/logs"
data_dir="$cp_dir/data"     # etcd data and controller-manager serving certs; removed by stop

apiserver_port="${CP_APISERVER_PORT:-16443}"
etcd_port="${CP_ETCD_PORT:-12379}"
etcd_peer_port="${CP_ETCD_PEER_PORT:-12380}"
kcm_port="${CP_KCM_PORT:-16257}"
hpa_sync_period="${CP_HPA_SYNC_PERIOD:-2s}"
ready_timeout="${CP_READY_TIMEOUT:-120}"
service_cidr="10.0.0.0/24"

components=(etcd kube-apiserver kube-controller-manager)

# Controllers the tests and the operator rely on (the HPA floor scales Deployments through
# deployment -> replicaset; garbagecollector cleans owned objects; the serviceaccount ones make
# --use-service-account-credentials work; namespace finalizes namespace deletion).
kcm_controllers="horizontal-pod-autoscaler-controller,deployment-controller,replicaset-controller"
kcm_controllers+=",garbage-collector-controller,serviceaccount-token-controller"
kcm_controllers+=",serviceaccount-controller,namespace-controller"

# The executable of a component (etcd is installed as etcd-server, see write_etcd_wrapper).
executable() {
  if [[ "$1" == etcd ]]; then echo "$bin_dir/etcd-server"; else echo "$bin_dir/$1"; fi
}

# Prints the pid of a running component we started, or fails. The pid must still run our
# binary, so a recycled pid of an unrelated process is never reported (or killed).
running_pid() {
  local name="$1" pid
  pid="$(cat "$run_dir/$name.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$(executable "$name")" ]] || return 1
  echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# openssl helpers -----------------------------------------------------------------------------

# issue_cert <name> <subject> <extendedKeyUsage> [subjectAltName]
issue_cert() {
  local name="$1" subject="$2" usage="$3" san="${4:-}" ext
  ext="$(mktemp)"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [[ -n "$san" ]] && echo "subjectAltName=$san"
  } > "$ext"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$pki/$name.key" -subj "$subject" \
      -out "$pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
      -CAcreateserial -days 825 -sha256 -extfile "$ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$ext" "$pki/$name.csr"
}

# Generates the CA, serving/client certificates and the service-account key pair once.
ensure_pki() {
  [[ -f "$pki/complete" ]] && return 0
  command -v openssl >/dev/null || die "openssl is not on PATH"
  log "generating CA and certificates in $pki"
  rm -rf "$pki"; mkdir -p "$pki"; chmod 700 "$pki"
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -days 3650 -sha256 \
      -subj "/CN=countcast-test-ca" -out "$pki/ca.crt" 2>/dev/null
  issue_cert apiserver "/CN=kube-apiserver" serverAuth \
      "IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  # Admin is in system:masters, the group RBAC's bootstrap policy binds to cluster-admin.
  issue_cert admin "/O=system:masters/CN=countcast-admin" clientAuth
  # The controller manager gets only its bootstrap role (system:kube-controller-manager); with
  # --use-service-account-credentials each controller then acts under its own service account.
  issue_cert kube-controller-manager "/CN=system:kube-controller-manager" clientAuth
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  touch "$pki/complete"
}

# write_kubeconfig <file> <user> <cert name>
write_kubeconfig() {
  local file="$1" user="$2" cert="$3"
  mkdir -p "$(dirname "$file")"
  (umask 077; cat > "$file") <<EOF
apiVersion: v1
kind: Config
clusters:
- name: countcast-local
  cluster:
    server: https://127.0.0.1:${apiserver_port}
    certificate-authority-data: $(base64 -w0 < "$pki/ca.crt")
users:
- name: ${user}
  user:
    client-certificate-data: $(base64 -w0 < "$pki/$cert.crt")
    client-key-data: $(base64 -w0 < "$pki/$cert.key")
contexts:
- name: ${user}@countcast-local
  context:
    cluster: countcast-local
    user: ${user}
current-context: ${user}@countcast-local
EOF
}

# launch <name> <args...>: runs a component in the background, its pid in run/<name>.pid
launch() {
  local name="$1"; shift
  nohup "$(executable "$name")" "$@" > "$log_dir/$name.log" 2>&1 < /dev/null &
  echo $! > "$run_dir/$name.pid"
}

# wait_for <what> <curl args...>: polls an endpoint until it answers "ok" or the timeout passes
wait_for() {
  local what="$1"; shift
  local deadline=$((SECONDS + ready_timeout)) name
  until [[ "$(curl -s --max-time 2 "$@" 2>/dev/null)" == ok ]]; do
    for name in "${components[@]}"; do
      # kill -0, not running_pid: right after the fork the child may not have exec'd yet.
      if [[ -f "$run_dir/$name.pid" ]] && ! kill -0 "$(cat "$run_dir/$name.pid")" 2>/dev/null; then
        fail_start "$name exited while waiting for $what"
      fi
    done
    (( SECONDS < deadline )) || fail_start "$what not ready after ${ready_timeout}s"
    sleep 0.5
  done
}

fail_start() {
  local name
  echo "[control-plane] error: $1" >&2
  for name in "${components[@]}"; do
    if [[ -f "$log_dir/$name.log" ]]; then
      echo "--- last lines of $log_dir/$name.log" >&2
      tail -n 15 "$log_dir/$name.log" >&2
    fi
  done
  cmd_stop >&2
  exit 1
}

cmd_start() {
  local name start=$SECONDS
  for name in "${components[@]}"; do
    [[ -x "$(executable "$name")" ]] || die "$(executable "$name") is missing; run: scripts/control-plane.sh install"
  done
  local running=0
  for name in "${components[@]}"; do running_pid "$name" >/dev/null && running=$((running + 1)); done
  if (( running == ${#components[@]} )); then
    log "already running"; cmd_status; return 0
  fi
  (( running == 0 )) || { log "partially running; stopping the rest first"; cmd_stop; }

  local port
  for port in "$etcd_port" "$etcd_peer_port" "$apiserver_port" "$kcm_port"; do
    port_in_use "$port" && die "port $port on 127.0.0.1 is already in use (set CP_*_PORT)"
  done
  mkdir -p "$run_dir" "$log_dir" "$data_dir"
  ensure_pki
  # status and stop may run without the caller's environment: remember what start used.
  declare -p apiserver_port etcd_port etcd_peer_port kcm_port kubeconfig > "$run_dir/endpoints"
  local kcm_kubeconfig="$cp_dir/kube-controller-manager.kubeconfig"
  write_kubeconfig "$kcm_kubeconfig" system:kube-controller-manager kube-controller-manager

  log "starting etcd on 127.0.0.1:$etcd_port"
  # Plain HTTP is acceptable: etcd listens on loopback only and holds throwaway test data.
  # --unsafe-no-fsync: the data is deleted on stop, durability only costs time here.
  launch etcd --name countcast-test --data-dir "$data_dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "countcast-test=http://127.0.0.1:$etcd_peer_port" \
    --unsafe-no-fsync
  wait_for etcd "http://127.0.0.1:$etcd_port/readyz"

  log "starting kube-apiserver on https://127.0.0.1:$apiserver_port"
  launch kube-apiserver \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$apiserver_port" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --authorization-mode Node,RBAC \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$pki/sa.pub" \
    --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range "$service_cidr" \
    --endpoint-reconciler-type none ${CP_APISERVER_ARGS:-}
  wait_for kube-apiserver --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" \
    "https://127.0.0.1:$apiserver_port/readyz"
  write_kubeconfig "$kubeconfig" countcast-admin admin

  log "starting kube-controller-manager on https://127.0.0.1:$kcm_port"
  launch kube-controller-manager \
    --kubeconfig "$kcm_kubeconfig" \
    --authentication-kubeconfig "$kcm_kubeconfig" --authorization-kubeconfig "$kcm_kubeconfig" \
    --authentication-skip-lookup \
    --bind-address 127.0.0.1 --secure-port "$kcm_port" --cert-dir "$data_dir/kcm-certs" \
    --controllers "$kcm_controllers" \
    --use-service-account-credentials \
    --service-account-private-key-file "$pki/sa.key" \
    --root-ca-file "$pki/ca.crt" \
    --horizontal-pod-autoscaler-sync-period "$hpa_sync_period" \
    --leader-elect=false ${CP_KCM_ARGS:-}
  # Its serving certificate is self-signed in --cert-dir; /healthz needs no credentials.
  wait_for kube-controller-manager -k "https://127.0.0.1:$kcm_port/healthz"

  log "ready in $((SECONDS - start))s; admin kubeconfig: $kubeconfig"
}

cmd_stop() {
  local name pid i
  for name in kube-controller-manager kube-apiserver etcd; do   # reverse start order
    if pid="$(running_pid "$name")"; then
      kill -TERM "$pid" 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do
        [[ -d "/proc/$pid" ]] || break
        sleep 0.1
      done
      if [[ -d "/proc/$pid" ]]; then
        log "$name (pid $pid) ignored SIGTERM for 10s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      log "stopped $name (pid $pid)"
    fi
    rm -f "$run_dir/$name.pid"
  done
  rm -rf "$data_dir" "$run_dir/endpoints"
}

cmd_status() {
  local name pid any=0
  # shellcheck disable=SC1091
  [[ -f "$run_dir/endpoints" ]] && source "$run_dir/endpoints"
  for name in "${components[@]}"; do
    if pid="$(running_pid "$name")"; then
      printf '%-24s running  pid %s\n' "$name" "$pid"; any=1
    else
      printf '%-24s stopped\n' "$name"
    fi
  done
  if (( any )); then
    printf 'apiserver   https://127.0.0.1:%s (etcd 127.0.0.1:%s, controller-manager 127.0.0.1:%s)\n' \
      "$apiserver_port" "$etcd_port" "$kcm_port"
    printf 'kubeconfig  %s\n' "$kubeconfig"
  fi
}

# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------
case "${1:-}" in
  install) cmd_install ;;
  build) shift; cmd_build "$@" ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  version) echo "$k8s_release" ;;
  *) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
