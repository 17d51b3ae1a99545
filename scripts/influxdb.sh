#!/usr/bin/env bash
# Runs a private InfluxDB 1.x (Debian's influxdb package) for ./anju demo and ./anju jobs: its own config, data and
# pid file under --data-dir, HTTP on 127.0.0.1:--port, the RPC/backup service on another loopback port (not the
# system service's 8088), no usage reporting, no query log. Creates no database: the history sink does that.
# Authentication is on: the first start creates the admin user anju with a random password and writes it to
# DIR/credentials.properties (username=, password=; mode 600), the file the services' --influx-credentials name.
#
#   scripts/influxdb.sh start  --data-dir DIR --port N [--rpc-port N]   (waits until GET /ping answers 204)
#   scripts/influxdb.sh stop   --data-dir DIR
#   scripts/influxdb.sh status --data-dir DIR --port N
set -euo pipefail

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0" >&2; exit 2; }

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
credentials_file="$dir/credentials.properties"
admin_user="anju"

running_pid() {
  local pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# The admin and its credentials file, at the first start on a data dir without the file. InfluxDB 1.x lets anyone
# create the first admin while no user exists; once one does, it refuses, and without the file nobody here knows
# the password. The password reaches curl on stdin, never on a command line (ps shows those to every user).
ensure_admin() {
  [[ -f "$credentials_file" ]] && return 0
  local password tmp answer
  password="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  tmp="$credentials_file.tmp"
  ( umask 077; printf 'username=%s\npassword=%s\n' "$admin_user" "$password" > "$tmp" )
  answer="$(printf "CREATE USER %s WITH PASSWORD '%s' WITH ALL PRIVILEGES" "$admin_user" "$password" \
    | curl -s -X POST --data-urlencode 'q@-' "http://127.0.0.1:$port/query" || true)"
  if [[ "$answer" != *'"results"'* || "$answer" == *'"error"'* ]]; then
    rm -f "$tmp"
    echo "influxdb.sh: cannot create the admin user $admin_user (${answer:-no answer}): the data dir $dir already" >&2
    echo "             has users but no credentials file $credentials_file; write that file (username=, password=," >&2
    echo "             chmod 600) with an admin's credentials, or start on a new --data-dir" >&2
    return 1
  fi
  mv "$tmp" "$credentials_file"
  echo "influxdb.sh: created the admin user $admin_user; its password is in $credentials_file"
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
  auth-enabled = true
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
    if [[ -f "$credentials_file" ]]; then
      echo "influxdb.sh: already running (pid $pid, data $dir)"; return 0
    fi
    # No credentials file: an influxd an earlier release started, which answers anyone. Its clients are stopped (they
    # would need the file too), so it restarts with authentication rather than stay open.
    echo "influxdb.sh: running without authentication (pid $pid, data $dir): restarting it with authentication"
    stop >/dev/null
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
      if ! ensure_admin; then
        stop; exit 1
      fi
      echo "influxdb.sh: up on http://127.0.0.1:$port (pid $pid, data $dir, log $log_file," \
        "credentials $credentials_file)"
      return 0
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
