#!/usr/bin/env bash
# ./anju bench e2e: the whole platform (./anju platform --no-sim: gateway + embedded Kafka, Flink jobs, case service,
# dashboards) in one JVM with a private InfluxDB, under a steady QoS 1 load from the simulator's load mode in a second
# JVM (the registry's load chargers only), measured by a third (io.anju.bench.e2e.E2eBench) against the issue's
# goals: alerting lag ≤ 1 s throughout (the alerting job's receiveLagMs, sampled every second from Flink's Prometheus
# reporter), device publish → case committed p99 ≤ 250 ms (district chargers played through the gateway, a port
# overloaded and cleared every second, matched to their alert revisions and the case service's case history), history
# lag bounded and recovered after the load (historyLagMs of the chargers' sink); also sustained throughput, loss
# (acknowledged vs Kafka vs InfluxDB), device publish → dashboard latency, stop_port → port confirmed off by readings
# → confirmed in the case (a stop at most every 5 s of a spare port of the case probe's chargers, in turn the alerting
# job's automatic stop of a smoke reading's red fire_risk and a person's through the case API), CPU and memory. Prints a
# progress line every 10 s of the load and the drain, appends a markdown section to the report and prints it.
#   BENCH_RATE               messages/s aimed at (default 25000)
#   BENCH_SECONDS            load duration (default 600; BENCH_QUICK=1: 60)
#   BENCH_CONNECTIONS        load connections = load chargers in the registry (default 5000)
#   BENCH_DRAIN              at most this many seconds after the load for the jobs to commit what it produced and their
#                            lag to come back down (default 300; it ends sooner when they have)
#   BENCH_OUT                report file (default data/bench/e2e-<timestamp>.md)
#   PLATFORM_JAVA_OPTS       the platform JVM (default -Xms2g -Xmx4g -XX:+UseG1GC)
#   SIM_JAVA_OPTS            the load JVM (default -Xmx1g)
#   BENCH_KEEP=1             keep the work dir (platform log, load log, InfluxDB) afterwards
# Any arguments go to E2eBench (e.g. --window 20, --case-probe-chargers 12, --case-probe-every 2s); --help lists them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RATE="${BENCH_RATE:-25000}"
SECS="${BENCH_SECONDS:-600}"
[[ "${BENCH_QUICK:-0}" == 1 ]] && SECS="${BENCH_SECONDS:-60}"
CONNS="${BENCH_CONNECTIONS:-5000}"
DRAIN="${BENCH_DRAIN:-300}"
OUT="${BENCH_OUT:-$ROOT/data/bench/e2e-$STAMP.md}"
PLATFORM_OPTS="${PLATFORM_JAVA_OPTS:--Xms2g -Xmx4g -XX:+UseG1GC}"
SIM_OPTS="${SIM_JAVA_OPTS:--Xmx1g}"
# Ports of their own, so a ./anju demo on the default ports can stay up (though it would share the CPU).
MQTT=31883 KAFKA=39092 GW_HTTP=39080 JOBS_HTTP=39081 CASES_HTTP=38081 DASH_HTTP=38080 JOBS_METRICS=39249 INFLUX=38186
WORK="$(mktemp -d -t anju-bench-e2e.XXXXXX)"
DATA="$WORK/data"
mkdir -p "$DATA" "$(dirname "$OUT")"
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "bench e2e: ${RATE} msg/s for ${SECS} s over ${CONNS} connections; work dir $WORK; report $OUT"

PLATFORM_PID=""
cleanup() {
  if [[ -n "$PLATFORM_PID" ]] && kill -0 "$PLATFORM_PID" 2>/dev/null; then
    kill -TERM "$PLATFORM_PID" 2>/dev/null || true
    wait "$PLATFORM_PID" 2>/dev/null || true
  fi
  scripts/influxdb.sh stop --data-dir "$WORK/influxdb" >/dev/null 2>&1 || true
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then echo "bench e2e: work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# The Lianhu registry the demo uses (seed 2020) plus the load chargers; the platform keeps it as it finds it.
./anju registry generate --seed 2020 --load-devices "$CONNS" --out "$DATA/registry.json" \
  --credentials "$DATA/credentials.csv" >/dev/null
scripts/influxdb.sh start --data-dir "$WORK/influxdb" --port "$INFLUX"

INFLUX_CREDENTIALS="$WORK/influxdb/credentials.properties"   # written by influxdb.sh at its first start

JAVA_OPTS="$PLATFORM_OPTS" ./anju platform --no-sim --data-dir "$DATA" --influx-url "http://127.0.0.1:$INFLUX" \
  --influx-credentials "$INFLUX_CREDENTIALS" \
  --mqtt-port $MQTT --kafka-port $KAFKA --gateway-http-port $GW_HTTP --jobs-http-port $JOBS_HTTP \
  --cases-http-port $CASES_HTTP --dashboards-http-port $DASH_HTTP --jobs-metrics-port $JOBS_METRICS \
  > "$WORK/platform.log" 2>&1 &
PLATFORM_PID=$!   # ./anju execs java: this is the platform JVM's pid
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$DASH_HTTP/health" >/dev/null 2>&1 && break
  kill -0 "$PLATFORM_PID" 2>/dev/null || break
  sleep 1
done
curl -fs "http://127.0.0.1:$DASH_HTTP/health" >/dev/null || { echo "bench e2e: the platform did not start"; tail -40 "$WORK/platform.log"; exit 1; }
echo "bench e2e: platform up (pid $PLATFORM_PID)"

if [[ ! -f "$OUT" ]]; then
  {
    echo "# End-to-end benchmark $STAMP"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n1); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Platform JVM: ./anju platform --no-sim ($PLATFORM_OPTS) with InfluxDB $(influxd version 2>/dev/null | awk '{print $2}') beside it; load JVM: ./anju sim load --client netty ($SIM_OPTS); measuring JVM: E2eBench (probes, viewer, lag and /proc sampling)."
    echo
  } > "$OUT"
fi

# The bench module's jar first, so its logback.xml (progress at INFO, on standard error) is the one Logback picks.
cp="$(ls bench/target/anju-bench-*.jar | grep -v -e '-tests\.jar$' -e '-sources\.jar$' | head -n1):$(cat bench/target/classpath.txt)"
java -Xmx512m -cp "$cp" io.anju.bench.e2e.E2eBench \
  --rate "$RATE" --duration "${SECS}s" --connections "$CONNS" --drain-timeout "${DRAIN}s" \
  --dashboards-url "http://127.0.0.1:$DASH_HTTP" --gateway-url "http://127.0.0.1:$GW_HTTP" \
  --kafka "127.0.0.1:$KAFKA" --kafka-client-config "$DATA/kafka-sasl/client.properties" --influx-url "http://127.0.0.1:$INFLUX" --mqtt-port $MQTT \
  --influx-credentials "$INFLUX_CREDENTIALS" \
  --jobs-metrics-url "http://127.0.0.1:$JOBS_METRICS/metrics" --cases-url "http://127.0.0.1:$CASES_HTTP" \
  --registry "$DATA/registry.json" --credentials "$DATA/credentials.csv" --platform-pid "$PLATFORM_PID" \
  --launcher "$ROOT/anju" --load-java-opts "$SIM_OPTS" --work-dir "$WORK" --out "$OUT" "$@"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT"; echo >> "$OUT"
echo; echo "bench e2e: report written to $OUT"
