#!/usr/bin/env bash
# ./anju bench flood: CONNACK latency of legitimate devices with and without a socket flood from one source (issue 13:
# "one source opens 10,000 sockets/s for 10 s while 1,000 devices reconnect: every legitimate device connects; its p99
# CONNACK rises by less than 2x"). One gateway JVM (embedded Kafka included); phases alternate A, B, A, B:
#   A (baseline)  the devices connect from 127.0.0.1 and publish lightly, then disconnect;
#   B (flood)     ./anju sim flood opens bare sockets from 127.0.0.2 and, while it runs, the same devices connect again.
# The devices' address is exempt from the per-source limits (it stands in for 1,000 devices at 1,000 addresses); the
# flooder's is not. Writes a markdown report and prints it.
#   BENCH_DEVICES   device connections (default 1000)
#   CONNECT_RATE    device connects per second (default 400, under the node's default 500/s)
#   FLOOD_RATE      flood sockets per second (default 10000)
#   FLOOD_SECONDS   flood length (default 10, the issue's; on a busy machine the devices can take longer to connect,
#                   which the report's 'flood running' column shows: 20 covers them)
#   BENCH_ROUNDS    A/B pairs (default 2)
#   BENCH_JFR=1     record the gateway with JDK Flight Recorder next to the report (<report>.jfr)
#   BENCH_OUT       report file (default data/bench/flood-<timestamp>.md)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bench-lib.sh
DEVICES="${BENCH_DEVICES:-1000}"; CONNECT_RATE="${CONNECT_RATE:-400}"
FLOOD_RATE="${FLOOD_RATE:-10000}"; FLOOD_SECONDS="${FLOOD_SECONDS:-10}"; ROUNDS="${BENCH_ROUNDS:-2}"
FLOOD_SOURCE=127.0.0.2; DEVICE_SOURCE=127.0.0.1
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${BENCH_OUT:-$ROOT/data/bench/flood-$STAMP.md}"
WORK="$(mktemp -d -t anju-flood.XXXXXX)"
MQTT=22883; HTTP=29480; KAFKA=29492
mkdir -p "$(dirname "$OUT")"
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "bench flood: work dir $WORK; report $OUT; open files limit $(ulimit -n)"

./anju registry generate --seed 7 --load-devices "$DEVICES" --out "$WORK/registry.json" \
  --credentials "$WORK/credentials.csv" >/dev/null

GW_PID=""; SIM_PID=""; FLOOD_PID=""; QUEUE_PID=""
cleanup() {
  local status=$?
  if [[ $status != 0 && -f "$WORK/gateway.log" ]]; then
    echo "bench flood: failed ($status); the gateway's log ends:"; tail -n 30 "$WORK/gateway.log"
  fi
  for p in "$QUEUE_PID" "$FLOOD_PID" "$SIM_PID" "$GW_PID"; do [[ -n "$p" ]] && kill -TERM "$p" 2>/dev/null || true; done
  for p in "$QUEUE_PID" "$FLOOD_PID" "$SIM_PID" "$GW_PID"; do [[ -n "$p" ]] && wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

GW_OPTS="-Xms1g -Xmx1g -XX:+UseG1GC"
[[ "${BENCH_JFR:-0}" == 1 ]] && GW_OPTS="$GW_OPTS -XX:StartFlightRecording=filename=${OUT%.md}.jfr,settings=profile"
# Only the devices' address is exempt; every connect limit keeps its default.
JAVA_OPTS="$GW_OPTS" ./anju gateway --registry "$WORK/registry.json" --data-dir "$WORK/gateway" \
  --mqtt-port $MQTT --http-port $HTTP --kafka-port $KAFKA --set node.id=flood-bench \
  --set limits.sourceExempt=$DEVICE_SOURCE > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
wait_healthy $HTTP || { echo "bench flood: the gateway did not start"; tail -30 "$WORK/gateway.log"; exit 1; }

# outcomes : "outcome=count" per connect-attempt outcome, from the gateway's /metrics
outcomes() {
  curl -fs -m 10 "http://127.0.0.1:$HTTP/metrics" | awk '/^anju_gateway_connect_attempts_total\{/ {
    match($0, /outcome="[a-z_]+"/); o = substr($0, RSTART + 9, RLENGTH - 10); n[o] += $NF}
    END {for (o in n) printf "%s=%d\n", o, n[o]}' | sort
}
# outcome_delta BEFORE AFTER NAME : how many attempts ended NAME between two outcomes() snapshots
outcome_delta() {
  local b a
  b=$(grep "^$3=" <<<"$1" | cut -d= -f2); a=$(grep "^$3=" <<<"$2" | cut -d= -f2)
  echo $(( ${a:-0} - ${b:-0} ))
}
# listen_overflows : the kernel's count of connections dropped because a listen queue was full (whole machine)
listen_overflows() { nstat -as TcpExtListenOverflows 2>/dev/null | awk '$1 == "TcpExtListenOverflows" {print $2}' | grep . || echo 0; }
# Samples the MQTT listener's accept queue (Recv-Q) every 100 ms into $WORK/queue-<phase>.
sample_queue() {
  while true; do ss -Hltn "sport = :$MQTT" | awk '{print $2}'; sleep 0.1; done > "$WORK/queue-$1"
}

ROWS=()
phase() { # name, flood (0/1)
  local name=$1 flood=$2 before after overflows0 flood_alive="-" flood_line="-"
  before=$(outcomes); overflows0=$(listen_overflows)
  sample_queue "$name" & QUEUE_PID=$!
  if [[ $flood == 1 ]]; then
    ./anju sim flood --port $MQTT --source $FLOOD_SOURCE --rate "$FLOOD_RATE" --duration "${FLOOD_SECONDS}s" \
      > "$WORK/flood-$name.log" 2>&1 &
    FLOOD_PID=$!
    # the devices' JVM starts while the flood's first second runs
    for _ in $(seq 1 300); do grep -q '^flooding ' "$WORK/flood-$name.log" && break; sleep 0.05; done
    echo "bench flood: $name: $(grep '^flooding ' "$WORK/flood-$name.log" || echo 'the flood has not started')"
  fi
  echo "bench flood: $name: $DEVICES devices connect at $CONNECT_RATE/s"
  ./anju sim load --credentials "$WORK/credentials.csv" --host 127.0.0.1 --port $MQTT --qos 1 \
    --connections "$DEVICES" --connect-rate "$CONNECT_RATE" --rate "$DEVICES" --window 10 --duration 5s \
    > "$WORK/load-$name.log" 2>&1 &
  SIM_PID=$!
  # whether the flood was still running when the last device had its answer (else B would not measure the flood)
  while kill -0 "$SIM_PID" 2>/dev/null; do
    if grep -q '^connected ' "$WORK/load-$name.log"; then
      [[ $flood == 1 ]] && { kill -0 "$FLOOD_PID" 2>/dev/null && flood_alive=yes || flood_alive=no; }
      break
    fi
    sleep 0.1
  done
  grep '^connected ' "$WORK/load-$name.log" | sed "s/^/bench flood: $name: /" || true
  wait "$SIM_PID" || true; SIM_PID=""
  if [[ $flood == 1 ]]; then
    wait "$FLOOD_PID" || true; FLOOD_PID=""
    flood_line=$(sed -nE 's/^flood +([0-9]+) attempted in ([0-9.]+) s \(([0-9]+)\/s\), ([0-9]+) established, ([0-9]+) closed by the gateway, ([0-9]+) refused, ([0-9]+) timed out, ([0-9]+) skipped \(open-socket cap\), ([0-9]+) unfinished.*/\3\/s: \1 attempted, \4 established (\5 closed by the gateway), \6 refused, \7 timed out, \8 skipped, \9 unfinished/p' "$WORK/flood-$name.log")
  fi
  kill "$QUEUE_PID" 2>/dev/null; wait "$QUEUE_PID" 2>/dev/null || true; QUEUE_PID=""
  sleep 2 # the last devices' disconnects and the flood's closes reach the counters
  after=$(outcomes)
  local conns connack handshake queue_max overflows heap refusals
  conns=$(sed -nE 's/^connections +([0-9]+) requested, ([0-9]+) connected, ([0-9]+) failed \(([0-9]+) refused.*/\2\/\1 (\3 failed, \4 refused by CONNACK)/p' "$WORK/load-$name.log")
  connack=$(sed -nE 's/^CONNACK ms +p50 ([0-9.]+) +p99 ([0-9.]+) +max ([0-9.]+).*/\1 | \2 | \3/p' "$WORK/load-$name.log")
  handshake=$(sed -nE 's/^TCP conn ms +p50 [0-9.]+ +p99 ([0-9.]+) +max ([0-9.]+).*/\1 | \2/p' "$WORK/load-$name.log")
  queue_max=$(sort -n "$WORK/queue-$name" | tail -n1)
  overflows=$(( $(listen_overflows) - overflows0 ))
  heap=$(heap_after_gc_mib "$GW_PID")
  refusals="$(outcome_delta "$before" "$after" refused_source_rate) source rate, $(outcome_delta "$before" "$after" refused_source_pre_auth) source pre-auth, $(outcome_delta "$before" "$after" refused_rate) node rate, $(outcome_delta "$before" "$after" refused_max_connections) max connections"
  ROWS+=("| $name | ${conns:-?} | ${connack:-? | ? | ?} | ${handshake:-? | ?} | $(outcome_delta "$before" "$after" accepted) | $refusals | ${flood_line:--} | $flood_alive | ${queue_max:-?} | $overflows | $heap |")
  echo "bench flood: $name: connected ${conns:-?}; CONNACK ms p50 | p99 | max = ${connack:-?}; accept queue max ${queue_max:-?}, listen overflows $overflows; heap after GC $heap MiB"
  [[ $flood == 1 ]] && echo "bench flood: $name: flood $flood_line; refused at accept: $refusals"
  sleep 3
}

# Unreported: the gateway's connect and refusal paths compiled by the JIT before anything is measured.
echo "bench flood: warm-up (not reported)"
./anju sim flood --port $MQTT --source $FLOOD_SOURCE --rate "$FLOOD_RATE" --duration 3s > "$WORK/warmup-flood.log" 2>&1 || true
./anju sim load --credentials "$WORK/credentials.csv" --host 127.0.0.1 --port $MQTT --qos 1 --connections "$DEVICES" \
  --connect-rate "$CONNECT_RATE" --rate "$DEVICES" --window 10 --duration 3s > "$WORK/warmup-load.log" 2>&1 || true
sleep 3
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$ROUNDS"); do
  phase "A$r" 0
  phase "B$r" 1
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# default_of KEY : the default of limits.KEY, from the configuration reference (generated from GatewayConfig)
default_of() { awk -F'`' -v k="limits.$1" '$2 == k {print $6; exit}' docs/configuration.md; }
p99() { sed -nE 's/^CONNACK ms +p50 [0-9.]+ +p99 ([0-9.]+).*/\1/p' "$WORK/load-$1.log"; }
connected_all=yes
for r in $(seq 1 "$ROUNDS"); do
  for p in A B; do
    grep -qE "^connections +$DEVICES requested, $DEVICES connected" "$WORK/load-$p$r.log" || connected_all=no
  done
done

{
  echo "# Socket flood benchmark $STAMP"
  echo
  echo "Machine: $(nproc) cores ($(lscpu | sed -nE 's/^Model name: +//p')), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n1); load average $load_start at the start, $load_end at the end (shared machine)."
  echo
  echo "Method: one gateway JVM ($GW_OPTS, embedded Kafka) with the default connect limits (node $(default_of connectRatePerSecond)/s"
  echo "burst $(default_of connectRateBurst), per source $(default_of sourceConnectRatePerSecond)/s burst $(default_of sourceConnectRateBurst), $(default_of sourceMaxPreAuth) pre-auth per source) except"
  echo "\`limits.sourceExempt=$DEVICE_SOURCE\`: the devices all connect from $DEVICE_SOURCE and stand in for $DEVICES devices at"
  echo "$DEVICES addresses, so their address is exempt from the per-source limits; the flooder's $FLOOD_SOURCE is not (loopback"
  echo "is exempt by default: without this setting the flood would not be limited at all). Each phase: ./anju sim load,"
  echo "$DEVICES MQTT 3.1.1 devices connecting at $CONNECT_RATE/s, then 1 msg/s each at QoS 1 for 5 s, then disconnecting."
  echo "CONNACK latency runs from the start of the TCP connect to an accepting CONNACK (so a handshake held up in a full"
  echo "accept queue counts); 'TCP handshake' is its first part, to the handshake done: a SYN dropped shows there as a"
  echo "retransmission (1 s), a socket waiting in the accept queue after it. Phase B: ./anju sim flood opens bare sockets from $FLOOD_SOURCE at $FLOOD_RATE/s for $FLOOD_SECONDS s"
  echo "(non-blocking connects, nothing sent, each held 1 s, a connect unanswered after 1 s abandoned), and the devices'"
  echo "JVM starts as the flood starts. Before A1 an unreported warm-up (a 3 s flood, one device round) lets the JIT compile"
  echo "the gateway's paths."
  echo "Phases alternate A, B, A, B in one run on a shared machine; the flooder, the devices and the gateway share its cores."
  echo "'accept queue' is the MQTT listener's Recv-Q sampled every 100 ms; 'listen overflows' is the kernel's"
  echo "TcpExtListenOverflows over the phase (whole machine); 'flood running' says whether the flood was still running"
  echo "when the last device had its answer."
  echo
  echo "| phase | devices connected | CONNACK p50 ms | p99 ms | max ms | TCP handshake p99 ms | max ms | accepted (gateway) | refused at accept | flood | flood running | accept queue max | listen overflows | heap after GC MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  for r in $(seq 1 "$ROUNDS"); do
    awk -v r="$r" -v a="$(p99 "A$r")" -v b="$(p99 "B$r")" 'BEGIN {if (a > 0) printf "Round %d: p99 CONNACK %.2f ms under the flood against %.2f ms without: ratio %.2f\n\n", r, b, a, b / a}'
  done
  echo "Every device connected in every phase: **$connected_all**."
  echo
  for r in $(seq 1 "$ROUNDS"); do
    for p in A B; do
      echo "### $p$r"
      echo '```'
      grep -E '^(connected |connections|CONNACK|TCP conn|messages|PUBACK)' "$WORK/load-$p$r.log" || tail -n 5 "$WORK/load-$p$r.log"
      [[ $p == B ]] && grep -E '^(t=|flood )' "$WORK/flood-$p$r.log"
      echo '```'
    done
  done
} > "$OUT"
echo; echo "bench flood: report written to $OUT"; cat "$OUT"
