# Helpers the gateway bench scripts share (sourced, not run).

# wait_healthy HTTP_PORT : waits up to 120 s for a gateway's /health; fails if it never answers.
wait_healthy() {
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0; sleep 1; done
  return 1
}

# gateway_metric HTTP_PORT NAME [FILTER] : the sum of a gateway's /metrics series NAME whose line contains FILTER.
gateway_metric() {
  curl -fs -m 10 "http://127.0.0.1:$1/metrics" | awk -v n="$2" -v f="${3:-}" \
    '$1 ~ "^"n"({|$)" && index($0, f) {s+=$NF} END {printf "%d", s}'
}

# topic_ends BOOTSTRAP CLIENT_CONFIG TOPIC... : "topic count" lines, each topic's records on the broker (TopicEnds, in
# the bench module; its jar first, so its logback.xml, logging on standard error, is the one picked).
topic_ends() {
  local cp
  cp="$(ls bench/target/anju-bench-*.jar | grep -v -e '-tests\.jar$' -e '-sources\.jar$' | head -n1):$(cat bench/target/classpath.txt)"
  java -cp "$cp" io.anju.bench.e2e.TopicEnds "$@" 2>/dev/null
}

# heap_after_gc_mib PID : a G1 JVM's used heap right after a full GC, MiB.
heap_after_gc_mib() {
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); gsub("K,?","",v); printf "%.0f", v/1024; exit}}'
}
