#!/usr/bin/env bash
# Runs a private InfluxDB 1.x (Debian's influxdb package) for ./anju demo and ./anju jobs: its own config, data and
# pid file under --data-dir, HTTP on 127.0.0.1:--port, the RPC/backup service on another loopback port (not the
# system service's 8088), no usage reporting, no query log. Creates no database: the history sink does that.
#
#   scripts/influxdb.sh start  --data-dir DIR --port N [--rpc-port N]   (waits until GET /ping answers 204)
#   scripts/influxdb.sh stop   --data-dir DIR
#   scripts/influxdb.sh status --data-dir DIR --port N
set -euo pipefail

usage() { sed -n '2,8s/^# \{0,1\}//p' "$0" >&2; exit 2; }

action="${1:-}"; shift || true
dir="" port="" rpc_port=""
while (( $# )); do
  case "$1" in
    --data-dir) dir="${2:?--data-dir needs a directory}"; shift 2 ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --rpc-port) rpc_port="${2:?--rpc-port needs a number}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "influxdb.sh: unknown option '$1'" >&2; usage ;;
  esac
done
[[ -n "$action" && -n "$dir" ]] || usage
for p in "$port" "$rpc_port"; do
  [[ -z "$p" || "$p" =~ ^[0-9]+$ && "$p" -ge 1 && "$p" -le 65535 ]] || { echo "influxdb.sh: bad port '$p'" >&2; exit 2; }
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
pid_file="$dir/influxd.pid"
log_file="$dir/influxd.log"

running_pid() {
  local pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

ping_ok() { [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ping" || true)" == 204 ]]; }

write_config() {
  cat > "$dir/influxd.conf" <<CONF
# Written by scripts/influxdb.sh; rewritten at every start.
reporting-disabled = true
bind-address = "127.0.0.1:$rpc_port"
[meta]
  dir = "$dir/meta"
  logging-enabled = false
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[coordinator]
  log-queries-after = "0s"
[monitor]
  store-enabled = false
[subscriber]
  enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:$port"
  log-enabled = false
  suppress-write-log = true
  pprof-enabled = false
[logging]
  level = "warn"
  suppress-logo = true
CONF
}

start() {
  [[ -n "$port" ]] || { echo "influxdb.sh: start needs --port" >&2; exit 2; }
  rpc_port="${rpc_port:-$((port + 1))}"
  local influxd pid
  influxd="$(command -v influxd || true)"
  if [[ -z "$influxd" ]]; then
    echo "influxdb.sh: influxd not found; install the influxdb package: sudo apt-get install influxdb" >&2
    echo "             (or run scripts/install-deps.sh as root)" >&2
    exit 1
  fi
  command -v curl >/dev/null || { echo "influxdb.sh: curl is required (sudo apt-get install curl)" >&2; exit 1; }
  if pid="$(running_pid)"; then
    echo "influxdb.sh: already running (pid $pid, data $dir)"; return 0
  fi
  if ping_ok; then
    echo "influxdb.sh: something else answers on 127.0.0.1:$port; choose another --port" >&2; exit 1
  fi
  write_config
  # Its own session: a Ctrl-C meant for ./anju demo must not stop InfluxDB before the jobs have flushed to it.
  setsid nohup "$influxd" -config "$dir/influxd.conf" >> "$log_file" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$pid_file"
  for _ in $(seq 1 300); do
    if ping_ok; then
      echo "influxdb.sh: up on http://127.0.0.1:$port (pid $pid, data $dir, log $log_file)"; return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "influxdb.sh: influxd exited during start; last lines of $log_file:" >&2
      tail -n 20 "$log_file" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "influxdb.sh: influxd (pid $pid) did not answer /ping on port $port within 30 s; see $log_file" >&2
  exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"; echo "influxdb.sh: not running (data $dir)"; return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; echo "influxdb.sh: stopped (pid $pid)"; return 0; }
    sleep 0.1
  done
  echo "influxdb.sh: influxd (pid $pid) ignored SIGTERM for 20 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if [[ -n "$port" ]] && ! ping_ok; then
      echo "influxdb.sh: running (pid $pid) but not answering /ping on port $port"; exit 1
    fi
    echo "influxdb.sh: running (pid $pid, data $dir)"
  else
    echo "influxdb.sh: stopped (data $dir)"; exit 3
  fi
}

case "$action" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
