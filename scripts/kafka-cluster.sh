#!/usr/bin/env bash
# ./anju cluster kafka up|status|down: a local three-node KRaft Kafka cluster, each node a combined broker + controller
# in a JVM of its own (io.anju.kafka.cluster.KafkaClusterMain), on free 127.0.0.1 ports chosen at the first `up` and
# kept with the data under ANJU_KAFKA_CLUSTER_DIR (default ./data/kafka-cluster): node-<id>/ (log), node-<id>.log
# (output), node-<id>.pid.
#   up      starts the nodes not running, waits until all serve with every replica in sync, prints the bootstrap list
#   status  which nodes run, and what the cluster says of itself (exit 1 when it is not ready)
#   down    stops the nodes (SIGTERM, a clean shutdown; SIGKILL after 60 s) and removes their pid files
#   KAFKA_NODE_OPTS  each node's JVM options (default -Xms256m -Xmx384m -XX:+UseSerialGC)
#   KAFKA_CLUSTER_PATIENCE  seconds `up` waits for the cluster (default 120)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/process-lib.sh
: "${ANJU_CLASSPATH:?run it as ./anju cluster kafka ...}"
DIR="${ANJU_KAFKA_CLUSTER_DIR:-${ANJU_DATA_DIR:-$ROOT/data}/kafka-cluster}"
NODES=3
NODE_OPTS="${KAFKA_NODE_OPTS:--Xms256m -Xmx384m -XX:+UseSerialGC}"
PATIENCE="${KAFKA_CLUSTER_PATIENCE:-120}"
MAIN=io.anju.kafka.cluster.KafkaClusterMain

cluster_main() {
  java -Xmx128m -Dlogback.configurationFile=io/anju/kafka/cluster/tool-logback.xml -cp "$ANJU_CLASSPATH" $MAIN "$@"
}
# running ID: the node's pid when its pid file names a live process.
running() {
  local pid
  pid="$(cat "$DIR/node-$1.pid" 2>/dev/null)" || return 1
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

up() {
  mkdir -p "$DIR"
  cluster_main plan "$DIR" "$NODES" >/dev/null
  local id
  for id in $(seq 1 $NODES); do
    if running "$id" >/dev/null; then echo "kafka cluster: node $id already runs (pid $(running "$id"))"; continue; fi
    # shellcheck disable=SC2086
    nohup java $NODE_OPTS -cp "$ANJU_CLASSPATH" $MAIN node "$DIR" "$id" > "$DIR/node-$id.log" 2>&1 &
    echo $! > "$DIR/node-$id.pid"
    echo "kafka cluster: node $id started (pid $!, log $DIR/node-$id.log)"
  done
  if ! bootstrap="$(cluster_main await "$DIR" "$PATIENCE")"; then
    echo "kafka cluster: not ready; see $DIR/node-*.log, ./anju cluster kafka down stops what runs" >&2
    exit 1
  fi
  echo "kafka cluster: ready, every replica in sync; bootstrap: $bootstrap"
}

status() {
  local id pid down=0
  for id in $(seq 1 $NODES); do
    if pid="$(running "$id")"; then echo "node $id: running (pid $pid)"; else echo "node $id: not running"; down=$((down + 1)); fi
  done
  [[ -f "$DIR/cluster.properties" ]] || { echo "no cluster under $DIR"; exit 1; }
  (( down < NODES )) || exit 1
  cluster_main status "$DIR" || exit 1
  (( down == 0 ))
}

down() {
  local id pid pids=()
  for id in $(seq 1 $NODES); do
    if pid="$(running "$id")"; then pids+=("$pid"); echo "kafka cluster: stopping node $id (pid $pid)"; fi
  done
  stop_pids 60 "kafka cluster" "${pids[@]+"${pids[@]}"}"
  rm -f "$DIR"/node-*.pid
  echo "kafka cluster: down (data kept under $DIR)"
}

case "${1:-}" in
  up) up ;;
  status) status ;;
  down) down ;;
  *) echo "usage: ./anju cluster kafka up|status|down" >&2; exit 2 ;;
esac
