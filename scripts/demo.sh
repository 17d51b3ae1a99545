#!/usr/bin/env bash
# ./anju demo: the platform on one machine, as far as it exists today.
# Generates the Lianhu registry once, starts the gateway (with its embedded Kafka), a private InfluxDB when influxd
# is installed, the Flink stream jobs, the grid case system (embedded PostgreSQL) with its demo users, then plays
# devices.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${ANJU_DATA_DIR:-$ROOT/data}"
DEVICES="${ANJU_DEMO_DEVICES:-limit=400}"   # Paho costs ~4 threads per device: one process plays up to ~2,000
SPEED="${ANJU_DEMO_SPEED:-10}"              # simulated seconds per real second, so faults show within minutes
INFLUX_PORT="${ANJU_INFLUX_PORT:-8186}"     # not 8086: a system InfluxDB service may hold that
mkdir -p "$DATA"
ulimit -n 20000 2>/dev/null || true

if [[ ! -f "$DATA/registry.json" ]]; then
  echo "demo: generating the Lianhu registry (seed 2020) into $DATA"
  ./anju registry generate --seed 2020 --out "$DATA/registry.json" --credentials "$DATA/credentials.csv"
fi

pids=()
stop() {
  echo; echo "demo: stopping ..."
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  if [[ -n "${influx_url:-}" ]]; then scripts/influxdb.sh stop --data-dir "$DATA/influxdb" >/dev/null 2>&1 || true; fi
  echo "demo: stopped; data kept under $DATA"
}
trap stop EXIT
trap 'exit 130' INT TERM

# await_health NAME PID URL LOG: dots until URL answers 2xx; the log's tail and exit if PID dies first.
await_health() {
  local name=$1 pid=$2 url=$3 log=$4
  echo -n "demo: starting $name (log: $log) "
  for _ in $(seq 1 120); do
    if curl -fs "$url" >/dev/null 2>&1; then echo; return; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo; echo "demo: $name failed to start:"; tail -n 30 "$log"; exit 1; fi
    echo -n "."; sleep 1
  done
  echo; echo "demo: $name did not become healthy within 120 s (log: $log)"; exit 1
}

# The services run in their own sessions, so a Ctrl-C reaches only this script, which stops them in order:
# simulator, then the case system, then the jobs (savepoint, while Kafka and InfluxDB are still up), then the gateway
# with Kafka.
setsid ./anju gateway --registry "$DATA/registry.json" --data-dir "$DATA" \
  --set auth.tokenSecretsFile="$DATA/credentials.csv" > "$DATA/gateway.log" 2>&1 &
pids+=($!)
await_health "the gateway and embedded Kafka" "${pids[0]}" http://127.0.0.1:9080/health "$DATA/gateway.log"

influx_url=""
# The devices' clocks run SPEED times faster than the wall clock: so must the jobs' notion of a quiet partition.
quiet_ms=$(( 60000 / ${SPEED%.*} )); (( quiet_ms >= 200 )) || quiet_ms=200
jobs_args=(--registry "$DATA/registry.json" --bootstrap 127.0.0.1:9092 --data-dir "$DATA" --quiet-after "${quiet_ms}ms")
if command -v influxd >/dev/null; then
  scripts/influxdb.sh start --data-dir "$DATA/influxdb" --port "$INFLUX_PORT"
  influx_url="http://127.0.0.1:$INFLUX_PORT"
  jobs_args+=(--influx-url "$influx_url")
else
  echo "demo: influxd is not installed (sudo apt-get install influxdb): alerts are raised, but no history is kept"
fi
setsid ./anju jobs "${jobs_args[@]}" > "$DATA/jobs.log" 2>&1 &
pids+=($!)
await_health "the Flink stream jobs" "${pids[1]}" http://127.0.0.1:9081/health "$DATA/jobs.log"

setsid ./anju cases --registry "$DATA/registry.json" --bootstrap 127.0.0.1:9092 --data-dir "$DATA" \
  > "$DATA/cases.log" 2>&1 &
pids+=($!)
await_health "the case system and its PostgreSQL" "${pids[2]}" http://127.0.0.1:8081/health "$DATA/cases.log"
echo "demo: demo users (sign in at http://127.0.0.1:8081/api/v1/auth/login):"
./anju user demo --data-dir "$DATA" --registry "$DATA/registry.json"
cat <<MSG
demo: up.
  MQTT            tcp://127.0.0.1:1883  (device protocol: docs/device-protocol.md)
  health          http://127.0.0.1:9080/health
  metrics         http://127.0.0.1:9080/metrics
  Kafka           127.0.0.1:9092  (topics anju.telemetry.*, anju.events, anju.status, anju.quarantine, ...)
  jobs health     http://127.0.0.1:9081/health  (metrics: /metrics; Flink checkpoints under $DATA/flink)
  alerts          Kafka topic anju.alerts  (read with isolation.level=read_committed)
  history         ${influx_url:-none (influxd not installed)}  (database anju, see docs/data-model.md)
  cases API       http://127.0.0.1:8081/api/v1  (contract: /openapi.yaml; live events: /api/v1/events; docs/cases.md)
  ground truth    $DATA/ground-truth.jsonl  (faults the simulator injects)
Press Ctrl-C to stop.
MSG
./anju sim run --registry "$DATA/registry.json" --credentials "$DATA/credentials.csv" \
  --devices "$DEVICES" --scenario evening --speed "$SPEED" --faults auto --ground-truth "$DATA/ground-truth.jsonl" "$@" &
pids+=($!)
wait "${pids[3]}"
