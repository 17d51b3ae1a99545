#!/usr/bin/env bash
# ./anju bench gateway: ingest benchmark of the gateway with its embedded Kafka broker, driven by the
# simulator's load mode on the same machine. Writes a markdown report and prints it.
#   BENCH_SECONDS   length of each throughput run (default 20)
#   BENCH_OUT       report file (default data/bench/gateway-<timestamp>.md)
#   BENCH_QUICK=1   smaller connection counts (2,000 instead of 10,000/19,000), for a smoke run
#   BENCH_WARMUP    seconds of unreported QoS 1 load first, so the JIT has compiled the hot paths (default 15)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECS="${BENCH_SECONDS:-20}"
WARMUP="${BENCH_WARMUP:-15}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${BENCH_OUT:-$ROOT/data/bench/gateway-$STAMP.md}"
WORK="$(mktemp -d -t anju-bench.XXXXXX)"
MANY=10000; MOST=19000
[[ "${BENCH_QUICK:-0}" == 1 ]] && { MANY=2000; MOST=3000; }
MQTT_PORT=21883; HTTP_PORT=29080; KAFKA_PORT=29092
mkdir -p "$(dirname "$OUT")"
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "bench: work dir $WORK; report $OUT; open files limit $(ulimit -n)"

./anju registry generate --seed 7 --load-devices "$MOST" --out "$WORK/registry.json" --credentials "$WORK/credentials.csv" >/dev/null

GW_PID=""
cleanup() { [[ -n "$GW_PID" ]] && kill -TERM "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC}" ./anju gateway \
  --registry "$WORK/registry.json" --data-dir "$WORK/data" --mqtt-port $MQTT_PORT --http-port $HTTP_PORT --kafka-port $KAFKA_PORT \
  --set node.id=bench --set limits.messagesPerSecond=1000000 --set limits.messageBurst=1000000 \
  --set limits.connectRatePerSecond=5000 --set limits.connectRateBurst=20000 --set limits.inflightPerConnection=2000 \
  --set limits.flappingMaxConnects=1000 > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null || { echo "bench: gateway did not start"; tail -30 "$WORK/gateway.log"; exit 1; }

forwarded() { curl -fs "http://127.0.0.1:$HTTP_PORT/metrics" | awk '/^anju_gateway_messages_total/ && /status="forwarded"/ {s+=$2} END {printf "%d", s}'; }
heap_after_gc_kb() {
  jcmd "$GW_PID" GC.run >/dev/null
  sleep 1
  jcmd "$GW_PID" GC.heap_info | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K,?","",$(i+1)); print $(i+1); exit}}'
}
SIM=(env JAVA_OPTS="${SIM_JAVA_OPTS:--Xmx2g}" ./anju sim load --credentials "$WORK/credentials.csv" --host 127.0.0.1 --port $MQTT_PORT)

{
  echo "# Gateway benchmark $STAMP"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n1)."
  echo "Gateway and its embedded Kafka broker in one JVM ($(echo "${GATEWAY_JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseG1GC}")), the load generator in another, same machine."
  echo "After ${WARMUP} s of unreported warm-up load, each throughput run lasts ${SECS} s; 'gateway forwarded/s' counts messages the gateway wrote to Kafka (acked by Kafka)."
  echo
} > "$OUT"

run() { # title, sim args...
  local title=$1; shift
  echo "bench: $title"
  local before after t0 t1
  before=$(forwarded); t0=$(date +%s.%N)
  "${SIM[@]}" "$@" > "$WORK/run.log" 2>&1 || true
  # QoS 0 is not acknowledged: wait until the gateway has written what it read before counting.
  after=$(forwarded); t1=$(date +%s.%N)
  for _ in $(seq 1 30); do
    sleep 1; local now; now=$(forwarded)
    [[ "$now" == "$after" ]] && break
    after=$now; t1=$(date +%s.%N)
  done
  {
    echo "## $title"
    echo '```'
    grep -E '^(connections|messages|throughput|PUBACK)' "$WORK/run.log" || tail -n 5 "$WORK/run.log"
    awk -v a="$after" -v b="$before" -v t0="$t0" -v t1="$t1" 'BEGIN {printf "gateway forwarded %d messages to Kafka: %.0f/s from the first connect to the last record\n", a-b, (a-b)/(t1-t0)}'
    echo '```'
    echo
  } >> "$OUT"
  tail -n 6 "$WORK/run.log"
}

# Without this the first run measures the JIT compiling the gateway and the broker (it ramps up over ~10 s).
if [[ "$WARMUP" -gt 0 ]]; then
  echo "bench: warm-up, ${WARMUP} s (not reported)"
  "${SIM[@]}" --qos 1 --connections 8 --rate 1000000 --window 1000 --duration "${WARMUP}s" > "$WORK/warmup.log" 2>&1 || true
fi
run "QoS 1, 2 connections, 200-byte JSON" --qos 1 --connections 2 --rate 1000000 --window 2000 --duration "${SECS}s"
run "QoS 1, 8 connections, 200-byte JSON" --qos 1 --connections 8 --rate 1000000 --window 1000 --duration "${SECS}s"
run "QoS 0, 2 connections, 200-byte JSON" --qos 0 --connections 2 --rate 1000000 --duration "${SECS}s"
run "QoS 0, 8 connections, 200-byte JSON" --qos 0 --connections 8 --rate 1000000 --duration "${SECS}s"
run "QoS 1, $MANY connections at 5 msg/s each ($((MANY * 5)) msg/s)" --qos 1 --connections "$MANY" --rate $((MANY * 5)) --window 10 --connect-rate 4000 --duration "$((SECS + 10))s"

idle() { # connections
  local n=$1 base used
  base=$(heap_after_gc_kb)
  "${SIM[@]}" --idle --connections "$n" --connect-rate 4000 --duration "$((n / 4000 + 25))s" > "$WORK/idle.log" 2>&1 &
  local sim=$!
  for _ in $(seq 1 120); do
    sleep 2
    local c; c=$(curl -fs -m 30 "http://127.0.0.1:$HTTP_PORT/metrics" | awk '/^anju_gateway_connections / {print int($2)}')
    [[ "${c:-0}" -ge "$n" ]] && break
    kill -0 $sim 2>/dev/null || break
  done
  local conns; conns=$(curl -fs -m 30 "http://127.0.0.1:$HTTP_PORT/metrics" | awk '/^anju_gateway_connections / {print int($2)}')
  if [[ "${conns:-0}" -lt 1 ]]; then echo "bench: no idle connections held; simulator said:"; tail -n 20 "$WORK/idle.log"; conns=1; fi
  used=$(heap_after_gc_kb)
  wait $sim || true
  {
    echo "## Idle connections: $n requested, $conns held"
    echo '```'
    awk -v b="$base" -v u="$used" -v c="$conns" 'BEGIN {printf "heap after GC: %d KiB before, %d KiB with the connections; %.2f KiB (%.0f bytes) per connection\n", b, u, (u-b)/c, (u-b)*1024/c}'
    echo '```'
    echo
  } >> "$OUT"
  tail -n 3 "$OUT"
}
echo "bench: idle connections"
idle "$MANY"
sleep 5
idle "$MOST"

echo; echo "bench: report written to $OUT"; cat "$OUT"
