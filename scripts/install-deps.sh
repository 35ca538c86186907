#!/usr/bin/env bash
# Installs what the build and the integration tests need on a Debian/Ubuntu machine (CI or a
# fresh dev box), idempotently:
#   - Debian packages: openssl and curl (control-plane certificates and readiness checks),
#     prometheus (metric-source tests);
#   - the local control plane: scripts/control-plane.sh install (etcd, kube-apiserver,
#     kube-controller-manager, kubectl built from Go modules; needs Go on PATH);
#   - Prometheus and promtool for the Prometheus-signal tests: scripts/prometheus.sh install;
#   - where this machine can run a node (root, cgroups): scripts/node.sh install (containerd,
#     runc, CNI plugins, kubelet and kube-scheduler, the pause and test images) for NodeIT.
#     Elsewhere it says why and the node test is skipped with that reason.
# Already-installed packages are detected with dpkg and skipped, so a warm run takes seconds.
# Runs apt-get as root, or through sudo when not root.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(openssl curl prometheus)

log() { printf '[install-deps %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

start=$SECONDS
missing=()
for pkg in "${packages[@]}"; do
  # dpkg -s alone also succeeds for removed-but-configured packages; check the status line.
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if (( ${#missing[@]} )); then
  sudo=()
  (( EUID == 0 )) || sudo=(sudo)
  log "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "Debian packages already installed: ${packages[*]}"
fi

command -v go >/dev/null || { echo "[install-deps] error: Go is required to build the control plane (see docs/control-plane.md)" >&2; exit 1; }
"$repo_root/scripts/control-plane.sh" install
"$repo_root/scripts/prometheus.sh" install
node_status=0
"$repo_root/scripts/node.sh" install || node_status=$?
case "$node_status" in
  0) ;;
  3) log "no real node on this machine (see above): NodeIT will be skipped" ;;
  *) echo "[install-deps] error: scripts/node.sh install failed" >&2; exit "$node_status" ;;
esac
log "done in $((SECONDS - start))s"
