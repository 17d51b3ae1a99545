#!/usr/bin/env bash
# ./anju bench stall: the gateway under steady QoS 1 load while its Kafka broker is frozen (SIGSTOP) for a while.
# The broker runs in a JVM of its own (a second gateway node whose embedded Kafka the gateway under test uses), so
# only Kafka stops. Reports: devices disconnected by the gateway (connect attempts, the connection gauge sampled every
# second), acknowledged messages against the broker's own count, the gateway's heap after GC before / during / after,
# and PUBACK latency. Writes a markdown report and prints it.
#   STALL_SECONDS   how long the broker is frozen (default 60)
#   BENCH_DEVICES   device connections (default 1000)
#   BENCH_RATE      messages/s in all (default 5000)
#   BENCH_OUT       report file (default data/bench/stall-<timestamp>.md)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bench-lib.sh
STALL="${STALL_SECONDS:-60}"; DEVICES="${BENCH_DEVICES:-1000}"; RATE="${BENCH_RATE:-5000}"
BEFORE=30; AFTER=60
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${BENCH_OUT:-$ROOT/data/bench/stall-$STAMP.md}"
WORK="$(mktemp -d -t anju-stall.XXXXXX)"
MQTT=21883; HTTP=29080; BROKER_KAFKA=29292; BROKER_MQTT=21993; BROKER_HTTP=29290
mkdir -p "$(dirname "$OUT")"
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "bench stall: work dir $WORK; report $OUT"

./anju registry generate --seed 7 --load-devices "$DEVICES" --out "$WORK/registry.json" \
  --credentials "$WORK/credentials.csv" >/dev/null

BROKER_PID=""; GW_PID=""; SIM_PID=""
cleanup() {
  [[ -n "$BROKER_PID" ]] && kill -CONT "$BROKER_PID" 2>/dev/null || true
  for p in "$SIM_PID" "$GW_PID" "$BROKER_PID"; do [[ -n "$p" ]] && kill -TERM "$p" 2>/dev/null || true; done
  for p in "$SIM_PID" "$GW_PID" "$BROKER_PID"; do [[ -n "$p" ]] && wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

JAVA_OPTS="-Xmx1g" ./anju gateway --registry "$WORK/registry.json" --data-dir "$WORK/broker" \
  --mqtt-port $BROKER_MQTT --http-port $BROKER_HTTP --kafka-port $BROKER_KAFKA --set node.id=broker \
  > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
wait_healthy $BROKER_HTTP || { echo "bench stall: the broker did not start"; tail -30 "$WORK/broker.log"; exit 1; }
JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseG1GC" ./anju gateway --registry "$WORK/registry.json" --data-dir "$WORK/gateway" \
  --mqtt-port $MQTT --http-port $HTTP --bootstrap "127.0.0.1:$BROKER_KAFKA" --set node.id=bench \
  --set kafka.clientConfig="$WORK/broker/kafka-sasl/client.properties" \
  --set limits.connectRatePerSecond=5000 --set limits.connectRateBurst=20000 > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
wait_healthy $HTTP || { echo "bench stall: the gateway did not start"; tail -30 "$WORK/gateway.log"; exit 1; }

metric() { gateway_metric "$HTTP" "$@"; }
heap_mib() { heap_after_gc_mib "$GW_PID"; }

TOTAL=$((BEFORE + STALL + AFTER))
echo "bench stall: $DEVICES devices at $RATE msg/s in all for $TOTAL s; the broker frozen for $STALL s after $BEFORE s"
JAVA_OPTS="-Xmx1g" ./anju sim load --credentials "$WORK/credentials.csv" --host 127.0.0.1 --port $MQTT --qos 1 \
  --connections "$DEVICES" --rate "$RATE" --window 10 --connect-rate 2000 --duration "${TOTAL}s" > "$WORK/load.log" 2>&1 &
SIM_PID=$!
sleep "$BEFORE"
attempts_before=$(metric anju_gateway_connect_attempts_total)
conns_before=$(metric anju_gateway_connections)
heap_before=$(heap_mib)
echo "bench stall: $conns_before connections, heap ${heap_before} MiB; freezing the broker (SIGSTOP)"
kill -STOP "$BROKER_PID"
min_conns=$conns_before; max_paused=0
for s in $(seq 1 "$STALL"); do
  sleep 1
  c=$(metric anju_gateway_connections); p=$(metric anju_gateway_paused_channels)
  (( c < min_conns )) && min_conns=$c
  (( p > max_paused )) && max_paused=$p
  (( s % 10 == 0 )) && echo "bench stall: frozen ${s} s: $c connections, $p paused"
done
heap_stalled=$(heap_mib)
kill -CONT "$BROKER_PID"
echo "bench stall: broker thawed (SIGCONT); load goes on for $AFTER s"
sleep $((AFTER / 2))
attempts_after=$(metric anju_gateway_connect_attempts_total)
conns_after=$(metric anju_gateway_connections)
heap_after=$(heap_mib)
wait "$SIM_PID" || true; SIM_PID=""
sleep 5
acked=$(awk '/^messages/ {print $4}' "$WORK/load.log")
in_kafka=$(topic_ends "127.0.0.1:$BROKER_KAFKA" "$WORK/broker/kafka-sasl/client.properties" anju.telemetry.charger | awk '$1 == "anju.telemetry.charger" {print $2}')

{
  echo "# Kafka stall benchmark $STAMP"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n1)."
  echo "Broker: a gateway node's embedded Kafka in its own JVM (-Xmx1g), frozen with SIGSTOP for $STALL s. Gateway under"
  echo "test: its own JVM (-Xms1g -Xmx1g), kafka.bootstrap = that broker, default settings. Load: ./anju sim load, $DEVICES"
  echo "QoS 1 connections, $RATE msg/s in all, window 10, $BEFORE s before the freeze, $AFTER s after the thaw."
  echo
  echo '```'
  grep -E '^(connections|messages|throughput|PUBACK)' "$WORK/load.log" || tail -n 5 "$WORK/load.log"
  echo "gateway connections: $conns_before before the freeze, lowest $min_conns while frozen, $conns_after $((AFTER / 2)) s after the thaw"
  echo "connect attempts after the load was connected: $((attempts_after - attempts_before)) (a disconnected device reconnects)"
  echo "connections paused (not read) while frozen: at most $max_paused"
  echo "acknowledged (PUBACKs the devices received): $acked; records in anju.telemetry.charger on the broker: $in_kafka"
  echo "gateway heap after GC: ${heap_before} MiB before, ${heap_stalled} MiB at the end of the freeze, ${heap_after} MiB $((AFTER / 2)) s after the thaw"
  echo '```'
  if [[ -n "$acked" && -n "$in_kafka" ]] && (( in_kafka >= acked )); then
    echo "Nothing acknowledged was lost: the broker holds at least as many records as were acknowledged."
  else
    echo "**The broker holds fewer records than were acknowledged.**"
  fi
  echo
} > "$OUT"
echo; echo "bench stall: report written to $OUT"; cat "$OUT"
