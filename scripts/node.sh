#!/usr/bin/env bash
# One real Kubernetes node joined to the control plane of scripts/control-plane.sh.
#
#   scripts/node.sh install      Debian containerd, runc, CNI plugins, iptables, busybox-static;
#                                kubelet and kube-scheduler built from the control plane's
#                                Kubernetes module (scripts/control-plane.sh build); the pause
#                                image compiled from its source and a test image
#                                countcast.local/busybox:1 (idempotent, cached)
#   scripts/node.sh start        join one node: containerd, kubelet, kube-scheduler and a second
#                                kube-controller-manager with the node controllers the control
#                                plane lacks; pods on a loopback-only bridge; the API server
#                                reachable from pods at 10.0.0.1:443. Needs a running control
#                                plane (scripts/control-plane.sh start); never starts or stops it
#   scripts/node.sh stop         stop all of that and leave nothing behind (processes, pods,
#                                iptables rules and chains in IPv4 and IPv6, network namespaces,
#                                mounts, kubepods cgroups, sysctls); best-effort
#   scripts/node.sh status       show what runs
#   scripts/node.sh load FILE    import an image archive (docker or OCI) into the node, e.g.
#                                target/countcast-image.tar from scripts/image.sh
#   scripts/node.sh check        exit 0 if this machine can run a node, else say why (exit 3)
#
# Needs root and cgroups. Where the machine cannot run a node every command says why and exits
# non-zero (3). Nothing from the pod network leaves the machine: the bridge has no uplink,
# FORWARD drops everything to or from it except bridge-local traffic, and no NAT masquerades.
#
# Environment (all optional):
#   NODE_DIR          node data (containerd images, kubelet, logs); default /var/lib/countcast-node
#   NODE_RUN_DIR      runtime state (sockets, pids, netns); default /run/countcast-node
#   NODE_POD_CIDR     pod subnet on the bridge (default 10.244.250.0/24)
#   NODE_READY_TIMEOUT seconds to wait for the node to become Ready (default 120)
#   NODE_CRASHLOOP_MAX longest CrashLoopBackOff delay (kubelet crashLoopBackOff.
#                     maxContainerRestartPeriod, e.g. 20s; default the kubelet's 300s)
#   NODE_EXPOSE_PORTS more loopback ports of this machine that pods may reach at 10.0.0.1:<port>
#                     (space-separated; e.g. a Prometheus on 127.0.0.1:9099 for scripts/demo.sh)
#   CP_DIR            the control plane's state directory, as for scripts/control-plane.sh
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/docker-archive.sh
source "$repo_root/scripts/lib/docker-archive.sh"

k8s_version="$("$repo_root/scripts/control-plane.sh" version)"
bin_dir="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}/k8s/${k8s_version}-linux-amd64"
cache_dir="${COUNTCAST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/countcast}/node"
node_dir="${NODE_DIR:-/var/lib/countcast-node}"
run_dir="${NODE_RUN_DIR:-/run/countcast-node}"
cp_dir="${CP_DIR:-$repo_root/.local/control-plane}"
pod_cidr="${NODE_POD_CIDR:-10.244.250.0/24}"
ready_timeout="${NODE_READY_TIMEOUT:-120}"
expose_ports="${NODE_EXPOSE_PORTS:-}"
crashloop_max="${NODE_CRASHLOOP_MAX:-}"

bridge=ccnode0
cni_network=countcast-node
# Every iptables rule of ours carries this comment, so stop finds them whatever ports start used.
rule_tag=countcast-node
# The `kubernetes` Service's ClusterIP (first address of the control plane's service range, and
# in the API server's serving certificate): pods reach the API server there.
service_ip=10.0.0.1
# Free ports here (kubelet, kubelet healthz, scheduler, extra controller-manager); loopback only.
kubelet_port=20250 kubelet_healthz_port=20248 scheduler_port=20259 kcm_port=20257
node_name="$(hostname | tr '[:upper:]' '[:lower:]')"
pause_image="countcast.local/pause:${k8s_version}"
busybox_image="countcast.local/busybox:1"
packages=(containerd runc containernetworking-plugins iptables busybox-static gcc libc6-dev)
# Controllers a node needs that scripts/control-plane.sh does not run.
node_controllers="node-lifecycle-controller,root-ca-certificate-publisher-controller"
node_controllers+=",taint-eviction-controller,pod-garbage-collector-controller"
# What the kubelet (and the bridge plugin) change; stop puts the saved values back.
sysctls=(vm.overcommit_memory kernel.panic kernel.panic_on_oops net.ipv4.ip_forward)
# Chains the kubelet creates (table:chain), in IPv4 and IPv6.
kubelet_chains=(filter:KUBE-FIREWALL filter:KUBE-KUBELET-CANARY nat:KUBE-KUBELET-CANARY
                mangle:KUBE-KUBELET-CANARY mangle:KUBE-IPTABLES-HINT)
# Directories the kubelet writes whatever its root dir; stop removes those it created.
kubelet_fixed_dirs=(/var/lib/kubelet /var/log/pods /var/log/containers)

log() { printf '[node %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf '[node] error: %s\n' "$*" >&2; exit 1; }
cannot() { printf '[node] this machine cannot run a node: %s\n' "$*" >&2; exit 3; }

# ---------------------------------------------------------------------------------------------
# can this machine run a node?
# ---------------------------------------------------------------------------------------------

# Prints why this machine cannot run a node, or nothing.
why_not() {
  [[ "$(uname -s)" == Linux ]] || { echo "not Linux"; return; }
  (( EUID == 0 )) || { echo "not root (containerd, the kubelet and pod networking need root)"; return; }
  [[ -d /sys/fs/cgroup ]] || { echo "no /sys/fs/cgroup"; return; }
  if [[ ! -f /sys/fs/cgroup/cgroup.controllers && ! -d /sys/fs/cgroup/memory ]]; then
    echo "no cgroup memory controller mounted (neither cgroup v2 nor a v1 memory hierarchy)"; return
  fi
  unshare --net true 2>/dev/null || { echo "cannot create network namespaces"; return; }
}

require_capable() {
  local why; why="$(why_not)"
  [[ -z "$why" ]] || cannot "$why"
}

cmd_check() {
  local why; why="$(why_not)"
  [[ -z "$why" ]] || cannot "$why"
  local missing=()
  for f in "$bin_dir/kubelet" "$bin_dir/kube-scheduler" "$bin_dir/kube-controller-manager" \
           "$bin_dir/kubectl" "$cache_dir/pause.tar" "$cache_dir/busybox.tar"; do
    [[ -e "$f" ]] || missing+=("$f")
  done
  for f in containerd runc ctr iptables ip6tables; do command -v "$f" >/dev/null || missing+=("$f"); done
  [[ -x /usr/lib/cni/bridge ]] || missing+=(/usr/lib/cni/bridge)
  (( ${#missing[@]} == 0 )) || die "not installed (run scripts/node.sh install): ${missing[*]}"
  echo "this machine can run a node"
}

# ---------------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------------

cmd_install() {
  require_capable
  set -e
  local start=$SECONDS missing=() pkg
  for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if (( ${#missing[@]} )); then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "Debian packages already installed: ${packages[*]}"
  fi
  mkdir -p "$cache_dir"
  build_pause_image
  build_busybox_image
  "$repo_root/scripts/control-plane.sh" build kubelet kube-scheduler
  log "install done in $((SECONDS - start))s"
}

# The pause image, from build/pause/linux/pause.c of the pinned k8s.io/kubernetes module.
build_pause_image() {
  local out="$cache_dir/pause.tar" stamp="$cache_dir/.pause.version"
  [[ -f "$out" && "$(cat "$stamp" 2>/dev/null)" == "$k8s_version" ]] && { log "pause image cached"; return; }
  local src rootfs
  src="$(cd "$repo_root/tools/control-plane/k8s" && go list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c"
  [[ -f "$src" ]] || die "no $src in the Go module cache"
  rootfs="$(mktemp -d)"; chmod 755 "$rootfs"
  gcc -Os -static -DVERSION="v${k8s_version}-countcast" -o "$rootfs/pause" "$src"
  strip "$rootfs/pause"
  write_docker_archive "$rootfs" "$out" "$pause_image" \
    '{"Entrypoint":["/pause"],"User":"65535:65535","WorkingDir":"/"}'
  rm -rf "$rootfs"
  echo "$k8s_version" > "$stamp"
  log "pause image built: $out"
}

# A small test image: one layer with Debian's static busybox and its applet links.
build_busybox_image() {
  local out="$cache_dir/busybox.tar" stamp="$cache_dir/.busybox.version" version
  version="$(dpkg-query -W -f='${Version}' busybox-static)"
  [[ -f "$out" && "$(cat "$stamp" 2>/dev/null)" == "$version" ]] && { log "busybox image cached"; return; }
  local rootfs applet
  rootfs="$(mktemp -d)"; chmod 755 "$rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [[ "$applet" == busybox ]] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
  write_docker_archive "$rootfs" "$out" "$busybox_image" \
    '{"Cmd":["sh"],"Env":["PATH=/bin"],"WorkingDir":"/"}'
  rm -rf "$rootfs"
  echo "$version" > "$stamp"
  log "busybox image built: $out"
}

# ---------------------------------------------------------------------------------------------
# processes
# ---------------------------------------------------------------------------------------------

components=(containerd kubelet kube-scheduler kube-controller-manager)

executable() {
  case "$1" in
    containerd) command -v containerd ;;
    *) echo "$bin_dir/$1" ;;
  esac
}

# The pid of a component we started, only while it still runs our binary.
running_pid() {
  local pid
  pid="$(cat "$run_dir/$1.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$(readlink -f "$(executable "$1")")" ]] || return 1
  echo "$pid"
}

launch() {
  local name="$1"; shift
  nohup "$(executable "$name")" "$@" > "$node_dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$run_dir/$name.pid"
}

stop_pid() {
  local name="$1" pid="$2" i
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 100; i++)); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
  [[ -d "/proc/$pid" ]] && { log "$name ignored SIGTERM for 10s, SIGKILL"; kill -KILL "$pid" 2>/dev/null; }
  log "stopped $name (pid $pid)"
}

ctr_() { ctr --address "$run_dir/containerd.sock" --namespace k8s.io "$@"; }
kubectl_() { "$bin_dir/kubectl" --kubeconfig "$admin_kubeconfig" "$@"; }

# ---------------------------------------------------------------------------------------------
# start
# ---------------------------------------------------------------------------------------------

# Sets apiserver_port and admin_kubeconfig from the control plane's run/endpoints (written by
# `declare -p`, which inside a function would declare locals: read in a subshell instead).
load_endpoints() {
  local endpoints="$cp_dir/run/endpoints"
  [[ -f "$endpoints" ]] || return 1
  apiserver_port="$(bash -c 'source "$1"; echo "$apiserver_port"' _ "$endpoints")"
  admin_kubeconfig="$(bash -c 'source "$1"; echo "$kubeconfig"' _ "$endpoints")"
  [[ -n "$apiserver_port" && -n "$admin_kubeconfig" ]]
}

# Reads the control plane's endpoints and checks that its API server is ready, or fails.
read_control_plane() {
  load_endpoints || die "no control plane running ($cp_dir/run/endpoints missing); run: scripts/control-plane.sh start"
  [[ -f "$cp_dir/pki/ca.crt" && -f "$cp_dir/pki/ca.key" ]] || die "no CA in $cp_dir/pki"
  curl -sf --max-time 3 --cacert "$cp_dir/pki/ca.crt" "https://127.0.0.1:$apiserver_port/readyz" \
    --cert "$cp_dir/pki/admin.crt" --key "$cp_dir/pki/admin.key" >/dev/null \
    || die "the control plane's API server on 127.0.0.1:$apiserver_port is not ready"
}

# issue_client_cert <name> <subject>: a client certificate signed by the control plane's CA.
# Re-issued on every start: a fresh control plane has a fresh CA.
issue_client_cert() {
  local name="$1" subject="$2" pki="$node_dir/pki" ext
  mkdir -p "$pki"; chmod 700 "$pki"
  ext="$(mktemp)"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' > "$ext"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$pki/$name.key" -subj "$subject" -out "$pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$name.csr" -CA "$cp_dir/pki/ca.crt" -CAkey "$cp_dir/pki/ca.key" \
    -CAcreateserial -CAserial "$pki/ca.srl" -days 30 -sha256 -extfile "$ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$ext" "$pki/$name.csr"
  (umask 077; cat > "$node_dir/$name.kubeconfig") <<EOF
apiVersion: v1
kind: Config
clusters:
- name: countcast-local
  cluster:
    server: https://127.0.0.1:${apiserver_port}
    certificate-authority: $cp_dir/pki/ca.crt
users:
- name: $name
  user:
    client-certificate: $pki/$name.crt
    client-key: $pki/$name.key
contexts:
- name: $name
  context: {cluster: countcast-local, user: $name}
current-context: $name
EOF
}

write_containerd_config() {
  cat > "$node_dir/containerd.toml" <<EOF
version = 2
root = "$node_dir/containerd"
state = "$run_dir/containerd"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
                    "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.devmapper",
                    "io.containerd.internal.v1.tracing"]
[grpc]
  address = "$run_dir/containerd.sock"
[ttrpc]
  address = "$run_dir/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$node_dir/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$pause_image"
  # No CAP_SYS_RESOURCE here: runc may not lower oom_score_adj ("can't get final child's PID").
  restrict_oom_score_adj = true
  # Network namespaces under our state dir, so stop finds and unmounts every one.
  netns_mounts_under_state_dir = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$node_dir/cni"
EOF
  mkdir -p "$node_dir/cni"
  # A bridge with no uplink and no masquerade: pods reach each other and this machine only.
  cat > "$node_dir/cni/10-$cni_network.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "$cni_network",
  "plugins": [
    {
      "type": "bridge", "bridge": "$bridge", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": {"type": "host-local", "ranges": [[{"subnet": "$pod_cidr"}]],
               "routes": [{"dst": "0.0.0.0/0"}], "dataDir": "$run_dir/ipam"}
    }
  ]
}
EOF
}

write_kubelet_config() {
  cat > "$node_dir/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# cgroup v1 (hybrid) here: allowed explicitly; containerd 1.6 cannot report its cgroup driver.
failCgroupV1: false
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://$run_dir/containerd.sock
address: 127.0.0.1
port: $kubelet_port
healthzBindAddress: 127.0.0.1
healthzPort: $kubelet_healthz_port
readOnlyPort: 0
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $cp_dir/pki/ca.crt}
authorization: {mode: Webhook}
# CrashLoopBackOff shows from the second restart (with 1m it reads Error until about the fifth).
syncFrequency: 10s
podCIDR: $pod_cidr
resolvConf: /etc/resolv.conf
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
imageGCHighThresholdPercent: 100
serializeImagePulls: false
EOF
  if [[ -n "$crashloop_max" ]]; then
    printf 'crashLoopBackOff: {maxContainerRestartPeriod: "%s"}\n' "$crashloop_max" >> "$node_dir/kubelet.yaml"
  fi
}

save_host_state() {
  # Only the first start after a clean stop saves: a second start must not save our own values.
  [[ -f "$node_dir/saved/sysctls" ]] && return 0
  mkdir -p "$node_dir/saved"
  local s
  for s in "${sysctls[@]}"; do printf '%s=%s\n' "$s" "$(sysctl -n "$s")"; done > "$node_dir/saved/sysctls"
  local table chain family
  for family in iptables ip6tables; do
    for tc in "${kubelet_chains[@]}"; do
      table="${tc%%:*}"; chain="${tc#*:}"
      if "$family" -t "$table" -S "$chain" >/dev/null 2>&1; then echo "$family $table $chain"; fi
    done
  done > "$node_dir/saved/preexisting-chains"
  for d in "${kubelet_fixed_dirs[@]}"; do [[ -e "$d" ]] || echo "$d"; done > "$node_dir/saved/created-dirs"
}

# Pods reach the API server (127.0.0.1 only) at the kubernetes Service IP; FORWARD is closed to
# everything but the bridge itself, in both families.
add_network_rules() {
  local c=(-m comment --comment "$rule_tag")
  iptables -t nat -I PREROUTING -i "$bridge" -d "$service_ip/32" -p tcp --dport 443 "${c[@]}" \
    -j DNAT --to-destination "127.0.0.1:$apiserver_port"
  local port
  for port in $expose_ports; do
    [[ "$port" =~ ^[0-9]+$ ]] || die "NODE_EXPOSE_PORTS: '$port' is not a port"
    iptables -t nat -I PREROUTING -i "$bridge" -d "$service_ip/32" -p tcp --dport "$port" "${c[@]}" \
      -j DNAT --to-destination "127.0.0.1:$port"
  done
  local family
  for family in iptables ip6tables; do
    "$family" -I FORWARD 1 -i "$bridge" -o "$bridge" "${c[@]}" -j ACCEPT
    "$family" -I FORWARD 2 -i "$bridge" "${c[@]}" -j DROP
    "$family" -I FORWARD 3 -o "$bridge" "${c[@]}" -j DROP
  done
}

ensure_bridge() {
  ip link show "$bridge" >/dev/null 2>&1 || ip link add "$bridge" type bridge
  ip link set "$bridge" up
  # The DNAT target is 127.0.0.1: allowed only with route_localnet on the incoming interface.
  sysctl -qw "net.ipv4.conf.$bridge.route_localnet=1"
  # Pods get no IPv6 beyond link-local: nothing to route.
  sysctl -qw "net.ipv6.conf.$bridge.disable_ipv6=1" 2>/dev/null || true
}

wait_until() {
  local what="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout)) name
  until "$@" >/dev/null 2>&1; do
    for name in "${components[@]}"; do
      if [[ -f "$run_dir/$name.pid" ]] && ! kill -0 "$(cat "$run_dir/$name.pid")" 2>/dev/null; then
        fail_start "$name exited while waiting for $what"
      fi
    done
    (( SECONDS < deadline )) || fail_start "$what not ready after ${timeout}s"
    sleep 0.5
  done
}

fail_start() {
  echo "[node] error: $1" >&2
  local name
  for name in "${components[@]}"; do
    [[ -f "$node_dir/logs/$name.log" ]] || continue
    echo "--- last lines of $node_dir/logs/$name.log" >&2
    tail -n 15 "$node_dir/logs/$name.log" >&2
  done
  cmd_stop
  exit 1
}

node_ready() {
  [[ "$(kubectl_ get node "$node_name" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" == True ]]
}

cmd_start() {
  require_capable
  cmd_check >/dev/null
  read_control_plane
  local name running=0 start=$SECONDS
  for name in "${components[@]}"; do running_pid "$name" >/dev/null && running=$((running + 1)); done
  if (( running == ${#components[@]} )); then log "already running"; cmd_status; return 0; fi
  (( running == 0 )) || { log "partially running; stopping the rest first"; cmd_stop; }
  local port
  for port in "$kubelet_port" "$kubelet_healthz_port" "$scheduler_port" "$kcm_port"; do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port on 127.0.0.1 is already in use"
  done

  mkdir -p "$node_dir/logs" "$run_dir"
  echo "$cp_dir" > "$run_dir/control-plane-dir"
  save_host_state
  issue_client_cert kubelet "/O=system:nodes/CN=system:node:$node_name"
  issue_client_cert kube-scheduler "/CN=system:kube-scheduler"
  write_containerd_config
  write_kubelet_config
  ensure_bridge
  add_network_rules

  log "starting containerd ($run_dir/containerd.sock)"
  launch containerd --config "$node_dir/containerd.toml"
  wait_until containerd 30 ctr_ version
  local image
  for image in pause busybox; do
    ctr_ images import "$cache_dir/$image.tar" >/dev/null || fail_start "importing $image.tar failed"
  done

  log "starting kube-scheduler and kube-controller-manager (node controllers)"
  launch kube-scheduler --kubeconfig "$node_dir/kube-scheduler.kubeconfig" \
    --authentication-kubeconfig "$node_dir/kube-scheduler.kubeconfig" \
    --authorization-kubeconfig "$node_dir/kube-scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$scheduler_port" --leader-elect=false
  local kcm_kubeconfig="$cp_dir/kube-controller-manager.kubeconfig"
  launch kube-controller-manager --kubeconfig "$kcm_kubeconfig" \
    --authentication-kubeconfig "$kcm_kubeconfig" --authorization-kubeconfig "$kcm_kubeconfig" \
    --authentication-skip-lookup \
    --bind-address 127.0.0.1 --secure-port "$kcm_port" --cert-dir "$node_dir/kcm-certs" \
    --controllers "$node_controllers" --use-service-account-credentials \
    --root-ca-file "$cp_dir/pki/ca.crt" --leader-elect=false

  log "starting kubelet as node $node_name"
  launch kubelet --config "$node_dir/kubelet.yaml" --kubeconfig "$node_dir/kubelet.kubeconfig" \
    --root-dir "$node_dir/kubelet" --cert-dir "$node_dir/kubelet/pki" \
    --hostname-override "$node_name" --node-labels countcast.io/test-node=true
  wait_until "kubelet healthz" 60 curl -sf "http://127.0.0.1:$kubelet_healthz_port/healthz"
  wait_until "node $node_name Ready" "$ready_timeout" node_ready
  # The node controllers leave the not-ready taint for a moment after Ready.
  wait_until "node $node_name untainted" 60 bash -c \
    "[[ -z \"\$(\"$bin_dir/kubectl\" --kubeconfig '$admin_kubeconfig' get node '$node_name' -o jsonpath='{.spec.taints}')\" ]]"
  log "node $node_name ready in $((SECONDS - start))s (pods $pod_cidr on $bridge; API server at $service_ip:443)"
}

# ---------------------------------------------------------------------------------------------
# load / status
# ---------------------------------------------------------------------------------------------

cmd_load() {
  require_capable
  local file="${1:-}" start=$SECONDS
  [[ -f "$file" ]] || die "usage: scripts/node.sh load IMAGE.tar (no file '$file')"
  running_pid containerd >/dev/null || die "the node is not running; run: scripts/node.sh start"
  ctr_ images import "$file" | sed 's/^/[node] /' >&2 || die "importing $file failed"
  log "loaded $file in $((SECONDS - start))s"
}

cmd_status() {
  local why name pid any=0
  why="$(why_not)"
  [[ -z "$why" ]] || cannot "$why"
  for name in "${components[@]}"; do
    if pid="$(running_pid "$name")"; then printf '%-24s running  pid %s\n' "$name" "$pid"; any=1
    else printf '%-24s stopped\n' "$name"; fi
  done
  if (( any )) && load_endpoints; then
    kubectl_ get node "$node_name" --no-headers 2>/dev/null | sed 's/^/node                     /'
    printf 'pods                     %s running on this node\n' \
      "$(kubectl_ get pods -A --field-selector "spec.nodeName=$node_name,status.phase=Running" --no-headers 2>/dev/null | wc -l)"
  fi
  (( any ))
}

# ---------------------------------------------------------------------------------------------
# stop: best-effort, every step runs even if one fails; never touches the control plane
# ---------------------------------------------------------------------------------------------

cmd_stop() {
  require_capable
  set +e   # best-effort: one failed step must not skip the others
  local name pid
  # The API objects of this node go first, while the API server may still be up.
  if load_endpoints; then
    kubectl_ delete node "$node_name" --wait=false >/dev/null 2>&1 && log "deleted node $node_name"
  fi
  for name in kubelet kube-scheduler kube-controller-manager; do
    pid="$(running_pid "$name")" && stop_pid "$name" "$pid"
    rm -f "$run_dir/$name.pid"
  done
  remove_containers
  if pid="$(running_pid containerd)"; then stop_pid containerd "$pid"; fi
  rm -f "$run_dir/containerd.pid"
  kill_leftover_shims
  remove_pod_cgroups
  unmount_under "$run_dir"
  unmount_under "$node_dir"
  remove_network
  restore_host_state
  rm -rf "$run_dir" "$node_dir/kubelet" "$node_dir/pki" "$node_dir/kcm-certs" "$node_dir"/*.kubeconfig
  rm -f /var/lib/cni/results/"$cni_network"-* 2>/dev/null
  log "stopped; nothing of the node is left (control plane untouched)"
  return 0
}

# Kills every task of ours and removes the containers (no CNI teardown runs: remove_network and
# unmount_under clean what it would have).
remove_containers() {
  running_pid containerd >/dev/null || return 0
  local id
  for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s SIGKILL "$id" >/dev/null 2>&1; done
  sleep 1
  for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks rm -f "$id" >/dev/null 2>&1; done
  for id in $(ctr_ containers ls -q 2>/dev/null); do ctr_ containers rm "$id" >/dev/null 2>&1; done
}

# containerd-shim processes of our containerd (their command line names our socket).
kill_leftover_shims() {
  local p
  for p in /proc/[0-9]*; do
    [[ "$(tr '\0' ' ' < "$p/cmdline" 2>/dev/null)" == *"-address $run_dir/containerd.sock"* ]] || continue
    kill -KILL "${p#/proc/}" 2>/dev/null && log "killed leftover shim ${p#/proc/}"
  done
}

# The kubelet's kubepods cgroups in every hierarchy: kill what is left in them (a pause process
# can outlive its shim), then remove them leaves first.
remove_pod_cgroups() {
  local dir proc
  for dir in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods /sys/fs/cgroup/*/kubepods.slice; do
    [[ -d "$dir" ]] || continue
    for proc in $(find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null); do kill -KILL "$proc" 2>/dev/null; done
  done
  sleep 0.5
  for dir in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods /sys/fs/cgroup/*/kubepods.slice; do
    [[ -d "$dir" ]] || continue
    find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null
    [[ -d "$dir" ]] && log "could not remove cgroup $dir"
  done
}

# Unmounts everything mounted below a directory, deepest first (overlay rootfs, shm, netns,
# projected volumes).
unmount_under() {
  local root="$1" target
  [[ -d "$root" ]] || return 0
  findmnt -rn -o TARGET | awk -v r="$root/" 'index($0, r) == 1' | sort -r | while read -r target; do
    umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null
  done
}

remove_network() {
  local family table rule chain tc
  # Our rules, found by their comment, whatever ports the start used.
  for family in iptables ip6tables; do
    for table in filter nat; do
      "$family" -t "$table" -S 2>/dev/null | grep -F -- "--comment $rule_tag" | sed 's/^-A /-D /' \
        | while read -r rule; do eval "$family -t $table $rule" 2>/dev/null; done
    done
    # The kubelet's chains, unless they were there before our first start.
    for tc in "${kubelet_chains[@]}"; do
      table="${tc%%:*}"; chain="${tc#*:}"
      grep -qx "$family $table $chain" "$node_dir/saved/preexisting-chains" 2>/dev/null && continue
      "$family" -t "$table" -S "$chain" >/dev/null 2>&1 || continue
      "$family" -t "$table" -S 2>/dev/null | grep -E -- "-j $chain( |\$)" | sed 's/^-A /-D /' \
        | while read -r rule; do eval "$family -t $table $rule" 2>/dev/null; done
      "$family" -t "$table" -F "$chain" 2>/dev/null
      "$family" -t "$table" -X "$chain" 2>/dev/null
    done
  done
  # Veths of pods still attached, then the bridge itself.
  local veth
  for veth in $(ip -o link show master "$bridge" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip link del "$veth" 2>/dev/null
  done
  ip link del "$bridge" 2>/dev/null
}

restore_host_state() {
  local saved="$node_dir/saved" kv d
  [[ -d "$saved" ]] || return 0
  while IFS= read -r kv; do sysctl -qw "$kv" 2>/dev/null || log "could not restore $kv"; done < "$saved/sysctls"
  while IFS= read -r d; do [[ -n "$d" ]] && rm -rf "$d"; done < "$saved/created-dirs"
  rm -rf "$saved"
}

case "${1:-}" in
  install) cmd_install ;;
  start) set -e; cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  load) shift; cmd_load "$@" ;;
  check) cmd_check ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 2 ;;
esac
