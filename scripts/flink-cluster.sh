#!/usr/bin/env bash
# ./anju cluster flink up|status|submit|down: a standalone Flink session cluster on this machine, one JVM per process
# (a JobManager and FLINK_TASKMANAGERS TaskManagers), started as a Flink distribution's scripts start them, from a
# lib/ assembled out of Maven Central (scripts/flink-lib/pom.xml; flink-dist itself is not published there). Every
# port is a free one on 127.0.0.1. Jobs go in with Flink's own CLI, as `flink run` does (docs/deployment.md).
#   up                  start the cluster; prints the REST/web URL, the logs and the pid files
#   status              the processes, the TaskManagers and the jobs as the REST API reports them
#   submit ARGS...      `flink run -d <job jar> ARGS...` (FLINK_JOB_JAR, default the stream-jobs job jar)
#   down                stop every process of the cluster (TERM, then KILL after 20 s)
# Settings (environment):
#   FLINK_CLUSTER_DIR   its conf/, log/, run/ (pid files), checkpoints/ (default $ANJU_DATA_DIR/flink-cluster)
#   FLINK_TASKMANAGERS  TaskManagers (default 2)
#   FLINK_SLOTS         slots per TaskManager (default 2: one TaskManager alone still holds a job of parallelism 2)
#   FLINK_PARALLELISM   parallelism.default (default FLINK_SLOTS)
#   FLINK_PROMETHEUS    1 (default): each process serves its metrics to Prometheus on a port of its own (Flink's
#                       reporter binds every interface); 0: no reporter
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/process-lib.sh"
DIR="${FLINK_CLUSTER_DIR:-${ANJU_DATA_DIR:-$ROOT/data}/flink-cluster}"
TASKMANAGERS="${FLINK_TASKMANAGERS:-2}"
SLOTS="${FLINK_SLOTS:-2}"
PARALLELISM="${FLINK_PARALLELISM:-$SLOTS}"
PROMETHEUS="${FLINK_PROMETHEUS:-1}"
DIST="$ROOT/scripts/flink-lib/target/flink"
HOST=127.0.0.1
# What a Flink distribution's config.yaml gives every JVM on Java 17 (env.java.opts.all): Flink's serializers reach
# into these JDK packages.
JAVA17_OPTS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED \
--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

log() { echo "flink-cluster: $*" >&2; }

# The distribution's lib/ and plugins/, assembled once (offline when ~/.m2 has the jars) and again when the pom changes.
assemble_dist() {
  local pom="$ROOT/scripts/flink-lib/pom.xml"
  if [[ -d "$DIST/lib" && "$DIST/lib" -nt "$pom" ]]; then return; fi
  log "assembling Flink's lib/ from Maven ($pom)"
  rm -rf "$DIST"
  mvn -o -q -B -f "$pom" package >&2 || mvn -q -B -f "$pom" package >&2
  touch "$DIST/lib"
}

# A port nothing listens on, not one already handed out in this run.
TAKEN=" "
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    [[ "$TAKEN" == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/$HOST/$p") 2>/dev/null; then TAKEN="$TAKEN$p "; echo "$p"; return; fi
  done
}

# write_conf NAME EXTRA: conf/NAME/config.yaml (the cluster's settings plus EXTRA) and its log4j.properties.
write_conf() {
  local name=$1 extra=$2 conf="$DIR/conf/$1"
  mkdir -p "$conf"
  cat > "$conf/config.yaml" <<EOF
# Written by scripts/flink-cluster.sh for the $name of the cluster in $DIR.
jobmanager.rpc.address: $HOST
jobmanager.rpc.port: $RPC_PORT
jobmanager.bind-host: $HOST
rest.address: $HOST
rest.bind-address: $HOST
rest.port: $REST_PORT
taskmanager.host: $HOST
taskmanager.bind-host: $HOST
taskmanager.numberOfTaskSlots: $SLOTS
parallelism.default: $PARALLELISM
# Spread a job's slots over the TaskManagers, so losing one loses only part of the job.
taskmanager.load-balance.mode: SLOTS
# A TaskManager killed outright is noticed within seconds (two failed heartbeat RPCs), not after 50 s.
heartbeat.interval: 1000
heartbeat.timeout: 10000
# TaskManagers start beside the JobManager and find it not yet listening: try again after 1 s, not 10 s.
cluster.registration.error-delay: 1000
execution.checkpointing.dir: file://$DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$DIR/savepoints
execution.checkpointing.num-retained: 2
state.backend.type: hashmap
# A failed task (a TaskManager lost among them) restarts the job from its last checkpoint; the Anju jobs ask for the
# same themselves.
restart-strategy.type: exponential-delay
restart-strategy.exponential-delay.initial-backoff: 1 s
restart-strategy.exponential-delay.max-backoff: 60 s
io.tmp.dirs: $DIR/tmp
web.tmpdir: $DIR/tmp/web
env.java.opts.all: $JAVA17_OPTS
# Small processes for a shared 2-core machine; Flink derives -Xmx and the rest from these (BashJavaUtils).
jobmanager.memory.heap.size: 192m
jobmanager.memory.off-heap.size: 64m
jobmanager.memory.jvm-metaspace.size: 160m
jobmanager.memory.jvm-overhead.min: 64m
jobmanager.memory.jvm-overhead.max: 64m
taskmanager.memory.framework.heap.size: 64m
taskmanager.memory.task.heap.size: 192m
taskmanager.memory.framework.off-heap.size: 64m
taskmanager.memory.task.off-heap.size: 0m
taskmanager.memory.managed.size: 32m
taskmanager.memory.network.min: 32m
taskmanager.memory.network.max: 32m
taskmanager.memory.jvm-metaspace.size: 192m
taskmanager.memory.jvm-overhead.min: 64m
taskmanager.memory.jvm-overhead.max: 64m
$extra
EOF
  cat > "$conf/log4j.properties" <<'EOF'
monitorInterval = 30
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
# Flink's Kafka sink registers one committer metric twice and says so at every checkpoint.
logger.collision.name = org.apache.flink.metrics.MetricGroup
logger.collision.level = ERROR
appender.main.name = MainAppender
appender.main.type = File
appender.main.append = true
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
EOF
}

prometheus_conf() {
  [[ "$PROMETHEUS" == 1 ]] || return 0
  # The port quoted: a reporter reads its settings as strings, and ignores a YAML number (then takes 9249).
  printf 'metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory\nmetrics.reporter.prom.port: "%s"\n' "$1"
}

# memory_params COMMAND CONF_DIR OUT: the JVM options and dynamic settings Flink derives from a process's memory
# settings, as its bash scripts do: BashJavaUtils prints them as two lines after BASH_JAVA_UTILS_EXEC_RESULT:. OUT gets
# those two lines, OUT.log all it said.
memory_params() {
  java -cp "$DIST/lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$2" > "$3.log" 2>&1 || true
  sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' "$3.log" > "$3"
}

# start NAME MAIN_CLASS PARAMS_FILE: one Flink process in a JVM of its own, with the memory options of PARAMS_FILE
# (memory_params' two lines), in its own session so that a Ctrl-C of the shell that started it does not stop it.
start() {
  local name=$1 main=$2 conf="$DIR/conf/$1" jvm dynamic
  jvm="$(sed -n 1p "$3")"; dynamic="$(sed -n 2p "$3")"
  # shellcheck disable=SC2086
  FLINK_CONF_DIR="$conf" FLINK_PLUGINS_DIR="$DIST/plugins" setsid nohup java $jvm $JAVA17_OPTS \
    -Dlog.file="$DIR/log/$name.log" -Dlog4j.configurationFile="file:$conf/log4j.properties" \
    -cp "$DIST/lib/*" "$main" --configDir "$conf" $dynamic > "$DIR/log/$name.out" 2>&1 < /dev/null &
  echo $! > "$DIR/run/$name.pid"
}

load_ports() {
  [[ -f "$DIR/run/ports.env" ]] || { log "no cluster in $DIR (./anju cluster flink up)"; exit 1; }
  # shellcheck disable=SC1091
  source "$DIR/run/ports.env"
}

rest() { curl -fsS --max-time 5 "http://$HOST:$REST_PORT$1"; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

up() {
  if compgen -G "$DIR/run/*.pid" >/dev/null; then
    for f in "$DIR"/run/*.pid; do alive "$f" && { log "already running ($f); ./anju cluster flink down first"; exit 1; }; done
  fi
  assemble_dist
  rm -rf "$DIR/conf" "$DIR/run" "$DIR/tmp"
  mkdir -p "$DIR/log" "$DIR/run" "$DIR/tmp/web" "$DIR/checkpoints" "$DIR/savepoints"
  RPC_PORT=$(free_port); REST_PORT=$(free_port)
  printf 'RPC_PORT=%s\nREST_PORT=%s\n' "$RPC_PORT" "$REST_PORT" > "$DIR/run/ports.env"
  local prom
  prom=$(free_port)
  write_conf jobmanager "$(prometheus_conf "$prom")"
  echo "PROM_jobmanager=$prom" >> "$DIR/run/ports.env"
  local i name
  for i in $(seq 1 "$TASKMANAGERS"); do
    name="taskmanager-$i"; prom=$(free_port)
    write_conf "$name" "taskmanager.resource-id: $name
$(prometheus_conf "$prom")"
    echo "PROM_taskmanager_$i=$prom" >> "$DIR/run/ports.env"
  done
  # Every TaskManager has the same memory settings: derive them once, beside the JobManager's.
  memory_params GET_JM_RESOURCE_PARAMS "$DIR/conf/jobmanager" "$DIR/run/jobmanager.memory" &
  memory_params GET_TM_RESOURCE_PARAMS "$DIR/conf/taskmanager-1" "$DIR/run/taskmanager.memory"
  wait
  local f
  for f in "$DIR/run/jobmanager.memory" "$DIR/run/taskmanager.memory"; do
    [[ "$(wc -l < "$f")" -eq 2 ]] || { log "Flink refused the memory settings:"; tail -20 "$f.log" >&2; exit 1; }
  done
  start jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "$DIR/run/jobmanager.memory"
  for i in $(seq 1 "$TASKMANAGERS"); do
    start "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$DIR/run/taskmanager.memory"
  done
  write_conf client ""
  local deadline=$((SECONDS + 180)) registered=0
  while ((SECONDS < deadline)); do
    registered=$(rest /overview 2>/dev/null | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p' || true)
    [[ "${registered:-0}" -ge "$TASKMANAGERS" ]] && break
    alive "$DIR/run/jobmanager.pid" || { log "the JobManager exited:"; tail -20 "$DIR/log/jobmanager.out" "$DIR/log/jobmanager.log" >&2; down; exit 1; }
    sleep 1
  done
  if [[ "${registered:-0}" -lt "$TASKMANAGERS" ]]; then
    log "only ${registered:-0} of $TASKMANAGERS TaskManagers registered within 180 s (logs in $DIR/log)"; down; exit 1
  fi
  where
}

where() {
  echo "Flink cluster up: $TASKMANAGERS TaskManagers × $SLOTS slots, parallelism.default $PARALLELISM"
  echo "  REST API and web UI  http://$HOST:$REST_PORT"
  echo "  JobManager RPC       $HOST:$RPC_PORT"
  echo "  configuration        $DIR/conf/<process>/config.yaml (client: $DIR/conf/client)"
  echo "  logs                 $DIR/log/<process>.log and .out"
  echo "  pid files            $DIR/run/<process>.pid"
  echo "  checkpoints          $DIR/checkpoints"
  if [[ "$PROMETHEUS" == 1 ]]; then
    echo "  Prometheus           $(grep '^PROM_' "$DIR/run/ports.env" | sed 's/^PROM_//; s/=/ :/' | tr '\n' ' ')"
  fi
}

status() {
  load_ports
  local f
  for f in "$DIR"/run/*.pid; do
    if alive "$f"; then echo "$(basename "$f" .pid): running (pid $(cat "$f"))"; else echo "$(basename "$f" .pid): not running"; fi
  done
  echo "REST http://$HOST:$REST_PORT"
  rest /overview && echo || { echo "the REST API does not answer"; return 1; }
  rest /jobs/overview && echo
}

submit() {
  load_ports
  local jar="${FLINK_JOB_JAR:-}"
  if [[ -z "$jar" ]]; then
    jar=$(ls "$ROOT"/stream-jobs/target/anju-stream-jobs-*-job.jar 2>/dev/null | head -n1 || true)
  fi
  [[ -f "$jar" ]] || { log "no job jar (build it: mvn -pl stream-jobs -am package -DskipTests)"; exit 1; }
  # The flink CLI of a distribution: CliFrontend with the client's configuration (the cluster's REST address).
  # shellcheck disable=SC2086
  FLINK_CONF_DIR="$DIR/conf/client" FLINK_PLUGINS_DIR="$DIST/plugins" java $JAVA17_OPTS -Xmx256m \
    -Dlog.file="$DIR/log/client.log" -Dlog4j.configurationFile="file:$DIR/conf/client/log4j.properties" \
    -cp "$DIST/lib/*" org.apache.flink.client.cli.CliFrontend run -d "$jar" "$@"
}

down() {
  [[ -d "$DIR/run" ]] || { log "nothing running in $DIR"; return 0; }
  local f pids=()
  for f in "$DIR"/run/*.pid; do
    [[ -f "$f" ]] || continue
    if alive "$f"; then pids+=("$(cat "$f")"); fi
  done
  stop_pids 20 flink-cluster "${pids[@]+"${pids[@]}"}"
  rm -f "$DIR"/run/*.pid
  log "stopped (${#pids[@]} processes); logs stay in $DIR/log"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  up) up ;;
  status) status ;;
  submit) submit "$@" ;;
  down) down ;;
  *) echo "usage: ./anju cluster flink up|status|submit JOB_ARGS...|down" >&2; exit 2 ;;
esac
