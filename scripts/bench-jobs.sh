#!/usr/bin/env bash
# ./anju bench jobs: the alerting job on this machine, with an embedded Kafka broker, the job in a Flink MiniCluster
# and a paced load producer in one JVM (bench/README.md). Runs, each phase in a fresh JVM with its GC log beside the
# report, and writes one markdown report:
#   1. backlog    catch-up speed over a pre-filled backlog, and the time to drain it
#   2. search     the highest rate the job holds with its lag bounded (binary search; a fresh JVM per probe)
#   3. sustained  5 minutes at that rate
#   4. sustained  5 minutes at 20,000 envelopes/s: publish → alert at the issue's rate
#   BENCH_EVENTS        backlog envelopes (default 3000000)
#   BENCH_FROM/BENCH_TO search range, envelopes/s (default 10000 / 80000)
#   BENCH_RESOLUTION    the search stops when held and not held are this close (default 2000)
#   BENCH_STEP_SECONDS  measured seconds of each search probe (default 60)
#   BENCH_SECONDS       measured seconds of each sustained run (default 300)
#   BENCH_WARMUP        warm-up seconds of each probe and sustained run (default 20)
#   BENCH_RATE          rate of the last sustained run (default 20000)
#   BENCH_OUT           report file (default data/bench/jobs-<timestamp>.md); GC logs: <report>-gc-<phase>.log
#   BENCH_QUICK=1       a smoke version: 300,000-envelope backlog, a coarse search (5,000–30,000 to within 5,000,
#                       15 s probes), 30 s sustained runs
#   BENCH_JAVA_OPTS     JVM options of every phase (default -Xms3g -Xmx3g -XX:+UseG1GC -XX:+AlwaysPreTouch: the heap's
#                       pages are touched at start, not in the first collections of a measured window)
# Any arguments are passed to every phase (e.g. --parallelism 1). One phase alone: ./anju bench jobs sustained --help
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
EVENTS="${BENCH_EVENTS:-3000000}"
FROM="${BENCH_FROM:-10000}"
TO="${BENCH_TO:-80000}"
RESOLUTION="${BENCH_RESOLUTION:-2000}"
STEP="${BENCH_STEP_SECONDS:-60}"
SECS="${BENCH_SECONDS:-300}"
WARMUP="${BENCH_WARMUP:-20}"
RATE="${BENCH_RATE:-20000}"
if [[ "${BENCH_QUICK:-0}" == 1 ]]; then
  EVENTS="${BENCH_EVENTS:-300000}"; FROM="${BENCH_FROM:-5000}"; TO="${BENCH_TO:-30000}"
  RESOLUTION="${BENCH_RESOLUTION:-5000}"; STEP="${BENCH_STEP_SECONDS:-15}"; SECS="${BENCH_SECONDS:-30}"
  WARMUP="${BENCH_WARMUP:-15}"
fi
OUT="${BENCH_OUT:-$ROOT/data/bench/jobs-$STAMP.md}"
GC_LOGS="${OUT%.md}-gc"
JAVA_BASE="${BENCH_JAVA_OPTS:--Xms3g -Xmx3g -XX:+UseG1GC -XX:+AlwaysPreTouch}"
WORK="$(mktemp -d -t anju-bench-jobs.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$OUT")"
echo "bench jobs: report $OUT; GC logs $GC_LOGS-*.log; work dir $WORK"

{
  echo "# Alerting job benchmark $STAMP"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n1); JVM options: $JAVA_BASE."
  echo "Each section is a fresh JVM with its own embedded broker and Flink MiniCluster (./anju bench jobs <phase> --help),"
  echo "started with -Xlog:gc*; its GC log is beside this report."
  echo
} > "$OUT"

# phase STEP NAME ARGS...: one phase in a fresh JVM whose GC log is $GC_LOGS-NAME.log.
phase() {
  local step=$1 name=$2; shift 2
  echo
  echo "bench jobs: [$step] $name, started $(date -u +%H:%M:%S) UTC"
  JAVA_OPTS="$JAVA_BASE -Xlog:gc*:file=$GC_LOGS-$name.log:uptime,level,tags:filecount=0" \
    ./anju bench jobs "$@" --work-dir "$WORK" --out "$OUT" --append
}

phase 1/4 backlog backlog --events "$EVENTS" "$@"
phase 2/4 search search --from "$FROM" --to "$TO" --resolution "$RESOLUTION" --step-seconds "$STEP" \
  --warmup "$WARMUP" --result "$WORK/highest-rate" "$@"
FOUND="$(cat "$WORK/highest-rate")"
if [[ "$FOUND" -gt 0 ]]; then
  phase 3/4 "sustained-$FOUND" sustained --rate "$FOUND" --seconds "$SECS" --warmup "$WARMUP" "$@"
else
  echo "bench jobs: [3/4] skipped: the job held no rate from $FROM/s up" | tee -a "$OUT"
fi
phase 4/4 "sustained-$RATE" sustained --rate "$RATE" --seconds "$SECS" --warmup "$WARMUP" "$@"

echo
echo "bench jobs: report written to $OUT"
