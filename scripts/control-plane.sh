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
#   KUBEAPITEST_DIR     binary root; default ~/.kubeapitest (fabric8 kube-api-test's layout)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/tools/control-plane"
# shellcheck source=../tools/control-plane/versions.env
source "$tools_dir/versions.env"

k8s_release="${K8S_VERSION#v}"
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
  build_date="$(go mod download -json "k8s.io/kubernetes@${K8S_VERSION}" | jq -r '.Info' | xargs jq -r '.Time')"
  local flags="-s -w" pkg key val
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    for kv in "gitVersion=${K8S_VERSION}" "gitMajor=1" "gitMinor=${minor}" \
              "gitTreeState=clean" "buildDate=${build_date}"; do
      key="${kv%%=*}"; val="${kv#*=}"
      flags+=" -X ${pkg}.${key}=${val}"
    done
  done
  printf '%s' "$flags"
}

# go_build <module dir> <output file> <package> <ldflags> [tags]
go_build() {
  local module_dir="$1" out="$2" pkg="$3" ldflags="$4" tags="${5:-}"
  local tmp="${out}.tmp.$$"
  (cd "$module_dir" && CGO_ENABLED=0 go build -mod=readonly -trimpath ${tags:+-tags "$tags"} \
      -ldflags "$ldflags" -o "$tmp" "$pkg") || { rm -f "$tmp"; return 1; }
  mv -f "$tmp" "$out"   # atomic: a half-written binary never looks installed
}

# Builds one binary unless it is already installed. The etcd binary carries a stamp with its
# version because its version is not part of the directory name.
install_binary() {
  local name="$1" stamp="$2" module_dir="$3" pkg="$4" ldflags="$5" tags="${6:-}"
  local out="$bin_dir/$name" stamp_file="$bin_dir/.$name.version"
  if [[ -x "$out" && "$(cat "$stamp_file" 2>/dev/null)" == "$stamp" ]]; then
    log "$name $stamp already installed, skipping"
    return 0
  fi
  local start=$SECONDS
  log "building $name $stamp (first build takes many minutes on 2 cores) ..."
  go_build "$module_dir" "$out" "$pkg" "$ldflags" "$tags" || die "building $name $stamp failed"
  printf '%s\n' "$stamp" > "$stamp_file"
  log "built $name in $((SECONDS - start))s ($(du -h "$out" | cut -f1))"
}

cmd_install() {
  command -v go >/dev/null || die "go is not on PATH (needed to build the control plane)"
  command -v jq >/dev/null || die "jq is not on PATH"
  local start=$SECONDS
  log "installing Kubernetes ${K8S_VERSION} + etcd ${ETCD_VERSION} into $bin_dir ($(go version | cut -d' ' -f3))"
  mkdir -p "$bin_dir"
  local k8s_tags="selinux,notest,grpcnotrace" ldflags=""
  local name
  for name in kube-apiserver kube-controller-manager kubectl; do
    if [[ ! -x "$bin_dir/$name" || "$(cat "$bin_dir/.$name.version" 2>/dev/null)" != "$K8S_VERSION" ]]; then
      [[ -n "$ldflags" ]] || ldflags="$(k8s_ldflags)"
    fi
    install_binary "$name" "$K8S_VERSION" "$tools_dir/k8s" "k8s.io/kubernetes/cmd/$name" "$ldflags" "$k8s_tags"
  done
  install_binary etcd "$ETCD_VERSION" "$tools_dir/etcd" . "-s -w"
  log "done in $((SECONDS - start))s: $(cd "$bin_dir" && echo etcd kube-apiserver kube-controller-manager kubectl)"
}

# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------
case "${1:-}" in
  install) cmd_install ;;
  version) echo "$k8s_release" ;;
  *) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
