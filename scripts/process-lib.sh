# Sourced by the cluster scripts: stopping the processes they started.

# stop_pids SECONDS WHO PID...: SIGTERM to each (a clean shutdown), then SIGKILL to those still running after SECONDS.
stop_pids() {
  local wait_s="$1" who="$2" p left
  shift 2
  (($# == 0)) && return 0
  kill -TERM "$@" 2>/dev/null || true
  local deadline=$((SECONDS + wait_s))
  while ((SECONDS < deadline)); do
    left=0
    for p in "$@"; do kill -0 "$p" 2>/dev/null && left=1; done
    ((left == 0)) && return 0
    sleep 0.5
  done
  for p in "$@"; do
    kill -0 "$p" 2>/dev/null && { echo "$who: pid $p still running after $wait_s s: SIGKILL" >&2; kill -KILL "$p" 2>/dev/null || true; }
  done
  return 0
}
