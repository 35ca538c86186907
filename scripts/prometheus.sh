#!/usr/bin/env bash
# Local Prometheus for the Prometheus-signal tests and for trying the operator by hand.
#
#   scripts/prometheus.sh install          install prometheus + promtool from Debian if missing
#   scripts/prometheus.sh start            start on 127.0.0.1:$PROM_PORT, wait until /-/ready
#   scripts/prometheus.sh stop             stop exactly the process this script started
#   scripts/prometheus.sh status           print running/stopped (exit 0 if running, 3 if not)
#   scripts/prometheus.sh backfill FILE    load an OpenMetrics file into the data dir (while stopped)
#
# Environment:
#   PROM_PORT  listen port (default 9099); Prometheus only listens on 127.0.0.1
#   PROM_DIR   state directory (default .local/prometheus under the project root); holds data/,
#              prometheus.yml, prometheus.pid and prometheus.log
#   PROM_READY_TIMEOUT  seconds to wait for /-/ready (default 60)
#   PROM_SCRAPE_TARGET  optional host:port whose /metrics is scraped every 15 s with honor_labels
#              (the demo's traffic generator), so live samples continue the backfilled series
#
# Retention is 3650d so backfilled history (which may be months old) is never deleted. Prometheus
# 2.39+ accepts overlapping blocks by default, so --storage.tsdb.allow-overlapping-blocks is not
# needed (and 2.42 no longer has it).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
PROM_PORT="${PROM_PORT:-9099}"
PROM_DIR="${PROM_DIR:-$root/.local/prometheus}"
PROM_READY_TIMEOUT="${PROM_READY_TIMEOUT:-60}"
data_dir="$PROM_DIR/data"
pid_file="$PROM_DIR/prometheus.pid"
log_file="$PROM_DIR/prometheus.log"
config_file="$PROM_DIR/prometheus.yml"

die() { echo "prometheus.sh: $*" >&2; exit 1; }

install_prometheus() {
  if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq prometheus >/dev/null
  # The Debian package enables a system service on 0.0.0.0:9090; this script does not use it.
  command -v prometheus >/dev/null || die "prometheus still missing after apt-get install"
}

# Prints the pid if the pid file names a live prometheus using our data dir, else nothing.
running_pid() {
  [ -f "$pid_file" ] || return 0
  local pid
  pid="$(cat "$pid_file")"
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] \
      && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--storage.tsdb.path=$data_dir"; then
    echo "$pid"
  fi
}

start() {
  install_prometheus
  if [ -n "$(running_pid)" ]; then
    echo "prometheus already running (pid $(running_pid)) on 127.0.0.1:$PROM_PORT"
    return 0
  fi
  mkdir -p "$data_dir"
  if [ -z "${PROM_SCRAPE_TARGET:-}" ]; then
    cat >"$config_file" <<YAML
# Written by scripts/prometheus.sh: no scrape targets, the data comes from backfill.
global:
  scrape_interval: 1m
YAML
  else
    cat >"$config_file" <<YAML
# Written by scripts/prometheus.sh: backfilled data plus one scrape target. honor_labels keeps
# the target's own job/instance/namespace labels, so scraped samples extend backfilled series.
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: scrape-target
    honor_labels: true
    static_configs:
      - targets: ["$PROM_SCRAPE_TARGET"]
YAML
  fi
  nohup prometheus \
    --config.file="$config_file" \
    --storage.tsdb.path="$data_dir" \
    --storage.tsdb.retention.time=3650d \
    --web.listen-address="127.0.0.1:$PROM_PORT" \
    >"$log_file" 2>&1 &
  local pid=$!
  echo "$pid" >"$pid_file"
  local deadline=$(( $(date +%s) + PROM_READY_TIMEOUT ))
  until curl -fsS "http://127.0.0.1:$PROM_PORT/-/ready" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      tail -n 20 "$log_file" >&2 || true
      die "prometheus exited during startup (log: $log_file)"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      stop
      die "prometheus not ready after ${PROM_READY_TIMEOUT}s (log: $log_file)"
    fi
    sleep 0.2
  done
  echo "prometheus ready (pid $pid) on http://127.0.0.1:$PROM_PORT, data in $data_dir"
}

stop() {
  local pid
  pid="$(running_pid)"
  if [ -z "$pid" ]; then
    rm -f "$pid_file"
    echo "prometheus not running"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
  fi
  rm -f "$pid_file"
  echo "prometheus stopped (pid $pid)"
}

status() {
  local pid
  pid="$(running_pid)"
  if [ -n "$pid" ]; then
    echo "running (pid $pid) on 127.0.0.1:$PROM_PORT, data in $data_dir"
  else
    echo "stopped"
    exit 3
  fi
}

backfill() {
  local file="${1:-}"
  [ -n "$file" ] || die "usage: prometheus.sh backfill FILE.om"
  [ -r "$file" ] || die "cannot read $file"
  # promtool writes blocks that Prometheus only picks up when it starts.
  [ -z "$(running_pid)" ] || die "stop prometheus before backfill; blocks are loaded at start"
  install_prometheus
  mkdir -p "$data_dir"
  promtool tsdb create-blocks-from openmetrics --quiet "$file" "$data_dir" >/dev/null \
    || die "promtool could not backfill $file"
  echo "backfilled $file into $data_dir"
}

case "${1:-}" in
  install) install_prometheus ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  backfill) backfill "${2:-}" ;;
  *) echo "usage: $0 install|start|stop|status|backfill FILE.om" >&2; exit 2 ;;
esac
