#!/usr/bin/env bash
# ./anju bench jobs: throughput and publish-to-alert latency of the alerting job (embedded Kafka + Flink MiniCluster
# in one JVM, see io.anju.jobs.bench.JobsBench). Runs the throughput phase once and the latency phase with the job's
# settings and with each knob changed, each in a fresh JVM, and writes one markdown report.
#   BENCH_EVENTS        throughput backlog (default 3000000)
#   BENCH_RATE          latency phase rate, messages/s (default 20000)
#   BENCH_SECONDS       measured seconds per latency run (default 60)
#   BENCH_WARMUP        unmeasured seconds of load before each latency run (default 15)
#   BENCH_OUT           report file (default data/bench/jobs-<timestamp>.md)
#   BENCH_QUICK=1       a smoke run: 1,000,000 events, 30 s latency runs
#   BENCH_JAVA_OPTS     JVM options (default -Xms3g -Xmx3g -XX:+UseG1GC)
# Any arguments are passed to every run (e.g. --parallelism 1). A single run: ./anju bench jobs latency --help
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
EVENTS="${BENCH_EVENTS:-3000000}"
RATE="${BENCH_RATE:-20000}"
SECS="${BENCH_SECONDS:-60}"
WARMUP="${BENCH_WARMUP:-15}"
[[ "${BENCH_QUICK:-0}" == 1 ]] && { EVENTS="${BENCH_EVENTS:-1000000}"; SECS="${BENCH_SECONDS:-30}"; }
OUT="${BENCH_OUT:-$ROOT/data/bench/jobs-$STAMP.md}"
export JAVA_OPTS="${BENCH_JAVA_OPTS:--Xms3g -Xmx3g -XX:+UseG1GC}"
WORK="$(mktemp -d -t anju-bench-jobs.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$OUT")"
echo "bench jobs: report $OUT; work dir $WORK"

{
  echo "# Alerting job benchmark $STAMP"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n1); JVM options: $JAVA_OPTS."
  echo "Each section is a fresh JVM with its own embedded broker and Flink MiniCluster (./anju bench jobs <phase> --help)."
  echo
} > "$OUT"

bench() { ./anju bench jobs "$@" --work-dir "$WORK" --out "$OUT" --append; }

bench throughput --events "$EVENTS" "$@"
bench latency --rate "$RATE" --seconds "$SECS" --warmup "$WARMUP" "$@"
bench latency --rate "$RATE" --seconds "$SECS" --warmup "$WARMUP" --checkpoint-ms 500 "$@"
bench latency --rate "$RATE" --seconds "$SECS" --warmup "$WARMUP" --buffer-timeout-ms 100 "$@"

echo; echo "bench jobs: report written to $OUT"; cat "$OUT"
