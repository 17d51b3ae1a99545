#!/usr/bin/env bash
# ./anju bench disk: the gateway on a really full disk. Its data.dir (embedded Kafka log and snapshots) is put on a
# small file system, a filler file leaves a little room above the free-space watermark, and camera snapshots plus
# QoS 1 charger telemetry fill that room. Reports every few seconds free space, /health, the paused state and the
# gateway's message counts; after HOLD_SECONDS paused the filler is deleted and ingest must resume. At the end:
# acknowledged messages against the broker's records, and whether the broker halted the JVM. Writes a markdown report.
# Needs root to mount a tmpfs, or BENCH_DISK_DIR: a directory on an existing small file system (at most 4 GiB).
#   BENCH_DISK_DIR      use this small file system instead of mounting a tmpfs (a fresh directory under it)
#   BENCH_DISK_MIB      size of the tmpfs (default 768)
#   BENCH_MARK_MIB      disk.minFreeBytes for the run, in MiB (default 128; disk.minFreeFraction 0)
#   BENCH_ROOM_MIB      free space the filler leaves above the mark (default 96)
#   BENCH_CAMERAS, BENCH_SNAPSHOT_RATE, BENCH_SNAPSHOT_KIB   snapshot load (default 8 cameras, 16/s in all, 256 KiB)
#   BENCH_CHARGERS, BENCH_RATE   telemetry load (default 100 chargers, 1000 msg/s in all)
#   HOLD_SECONDS        how long the pause is held before the filler is deleted (default 30)
#   BENCH_DURATION      how long both loads run, seconds (default 150)
#   BENCH_OUT           report file (default data/bench/disk-<timestamp>.md)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/bench-lib.sh
SIZE_MIB="${BENCH_DISK_MIB:-768}"; MARK_MIB="${BENCH_MARK_MIB:-128}"; ROOM_MIB="${BENCH_ROOM_MIB:-96}"
CAMERAS="${BENCH_CAMERAS:-8}"; SNAP_RATE="${BENCH_SNAPSHOT_RATE:-16}"; SNAP_KIB="${BENCH_SNAPSHOT_KIB:-256}"
CHARGERS="${BENCH_CHARGERS:-100}"; RATE="${BENCH_RATE:-1000}"
HOLD="${HOLD_SECONDS:-30}"; DURATION="${BENCH_DURATION:-150}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${BENCH_OUT:-$ROOT/data/bench/disk-$STAMP.md}"
WORK="$(mktemp -d -t anju-disk.XXXXXX)"
mkdir -p "$(dirname "$OUT")"

MOUNTED=""; DISK=""; GW_PID=""; CAM_PID=""; CHG_PID=""; LOW_PID=""
cleanup() {
  [[ -n "$LOW_PID" ]] && kill "$LOW_PID" 2>/dev/null || true
  for p in "$CAM_PID" "$CHG_PID" "$GW_PID"; do [[ -n "$p" ]] && kill -TERM "$p" 2>/dev/null || true; done
  for p in "$CAM_PID" "$CHG_PID" "$GW_PID"; do [[ -n "$p" ]] && wait "$p" 2>/dev/null || true; done
  if [[ -n "$MOUNTED" ]]; then umount "$MOUNTED" && rmdir "$MOUNTED"; elif [[ -n "$DISK" ]]; then rm -rf "$DISK"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The small file system: a tmpfs of our own (root only) or a directory on one the caller names.
if [[ -n "${BENCH_DISK_DIR:-}" ]]; then
  DISK="$(mktemp -d "$BENCH_DISK_DIR/anju-bench-disk.XXXXXX")"
  total_mib=$(( $(stat -f -c '%b * %S' "$DISK") >> 20 ))
  if (( total_mib > 4096 )); then
    echo "bench disk: $BENCH_DISK_DIR is on a $total_mib MiB file system; the bench fills it, so give one of at most 4 GiB" >&2
    exit 2
  fi
elif [[ $(id -u) == 0 ]]; then
  MOUNTED="$(mktemp -d -t anju-disk-fs.XXXXXX)"
  if ! mount -t tmpfs -o "size=${SIZE_MIB}m" anju-bench-disk "$MOUNTED"; then
    rmdir "$MOUNTED"; MOUNTED=""
    echo "bench disk: cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?); set BENCH_DISK_DIR" >&2
    exit 2
  fi
  DISK="$MOUNTED"
else
  echo "bench disk: needs root to mount a ${SIZE_MIB} MiB tmpfs, or BENCH_DISK_DIR=<a directory on a small file" >&2
  echo "system (at most 4 GiB) that it may fill>; nothing was changed" >&2
  exit 2
fi
DATA="$DISK/data"
free_mib() { echo $(( $(df -B1 --output=avail "$DISK" | tail -n1) >> 20 )); }
echo "bench disk: data.dir $DATA on $(df -h --output=source,fstype,size "$DISK" | tail -n1 | tr -s ' '); report $OUT"

./anju registry generate --seed 7 --load-devices "$CHARGERS" --out "$WORK/registry.json" \
  --credentials "$WORK/credentials.csv" >/dev/null
JAVA_OPTS="-Xms512m -Xmx512m" ./anju gateway --registry "$WORK/registry.json" --data-dir "$DATA" \
  --mqtt-port 0 --http-port 0 --kafka-port 0 --set node.id=bench-disk \
  --set disk.minFreeBytes=$((MARK_MIB << 20)) --set disk.minFreeFraction=0 \
  --set limits.connectRatePerSecond=2000 --set limits.connectRateBurst=2000 > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
# Free ports chosen by the gateway, read from its start line: a fixed port may be another bench's on a shared machine.
ports=""
for _ in $(seq 1 120); do
  ports=$(sed -n 's/.* up: mqtt \([0-9]*\), http \([0-9]*\).* kafka 127.0.0.1:\([0-9]*\).*/\1 \2 \3/p' "$WORK/gateway.log" | head -n1)
  [[ -n "$ports" ]] || ! kill -0 "$GW_PID" 2>/dev/null && break; sleep 1
done
[[ -n "$ports" ]] || { echo "bench disk: the gateway did not start"; tail -30 "$WORK/gateway.log"; exit 1; }
read -r MQTT HTTP KAFKA <<<"$ports"

metric() { gateway_metric "$HTTP" "$@"; }
acked() { grep -o 'acked=[0-9]*' "$1" 2>/dev/null | tail -n1 | cut -d= -f2 || true; }

# Room left: the mark plus ROOM_MIB; the broker's log and the snapshots must use up the rest.
start_free=$(free_mib)
filler=$(( start_free - MARK_MIB - ROOM_MIB ))
(( filler > 0 )) || { echo "bench disk: only $start_free MiB free, no room for a filler above the mark"; exit 1; }
fallocate -l "${filler}M" "$DISK/filler" 2>/dev/null || dd if=/dev/zero of="$DISK/filler" bs=1M count="$filler" status=none
echo "bench disk: $start_free MiB free at the start, $(free_mib) MiB after a $filler MiB filler; mark $MARK_MIB MiB"

JAVA_OPTS="-Xmx512m" ./anju sim load --credentials "$WORK/credentials.csv" --registry "$WORK/registry.json" --port $MQTT --qos 1 --payload snapshot \
  --snapshot-bytes $((SNAP_KIB * 1024)) --connections "$CAMERAS" --rate "$SNAP_RATE" --window 4 \
  --duration "${DURATION}s" > "$WORK/cameras.log" 2>&1 &
CAM_PID=$!
JAVA_OPTS="-Xmx512m" ./anju sim load --credentials "$WORK/credentials.csv" --registry "$WORK/registry.json" --port $MQTT --qos 1 --payload charger \
  --connections "$CHARGERS" --rate "$RATE" --window 10 --duration "${DURATION}s" > "$WORK/chargers.log" 2>&1 &
CHG_PID=$!
echo "bench disk: $CAMERAS cameras at $SNAP_RATE snapshots/s of $SNAP_KIB KiB, $CHARGERS chargers at $RATE msg/s, ${DURATION} s"

# The lowest free space, sampled every 0.1 s: a burst between the 1 s samples below would go unseen.
( m=$(free_mib); while :; do f=$(free_mib); (( f < m )) && { m=$f; echo "$m" > "$WORK/min-free"; }; sleep 0.1; done ) &
LOW_PID=$!
# One sample a second, a progress line every 5 s; the pause is held HOLD s, then the filler goes.
t0=$(date +%s); next=5; paused_at=""; freed_at=""; resumed_at=""; free_at_pause=""; min_free=$(free_mib)
health_low=""; max_paused=0
while kill -0 "$CAM_PID" 2>/dev/null || kill -0 "$CHG_PID" 2>/dev/null; do
  sleep 1
  t=$(( $(date +%s) - t0 )); f=$(free_mib); (( f < min_free )) && min_free=$f
  low=$(metric anju_gateway_disk_low); p=$(metric anju_gateway_paused_channels)
  health=$(curl -s -m 5 "http://127.0.0.1:$HTTP/health" -w ' %{http_code}' || echo "- down")
  code=${health##* }; disk=$(sed -n 's/.*"disk":"\([^"]*\)".*/\1/p' <<<"$health")
  (( p > max_paused )) && max_paused=$p
  if [[ -z "$paused_at" && "$low" == 1 ]]; then
    paused_at=$t; free_at_pause=$f
    echo "bench disk: t=${t}s PAUSED at $f MiB free: /health $code \"$disk\""
  fi
  [[ -n "$paused_at" && -z "$health_low" && "$code" == 503 ]] && health_low=$(head -n1 <<<"${health% *}")
  if [[ -n "$paused_at" && -z "$freed_at" ]] && (( t - paused_at >= HOLD )); then
    rm -f "$DISK/filler"; freed_at=$t
    echo "bench disk: t=${t}s filler deleted: $(free_mib) MiB free"
  fi
  if [[ -n "$freed_at" && -z "$resumed_at" && "$code" == 200 ]]; then
    resumed_at=$t; echo "bench disk: t=${t}s RESUMED: /health 200"
  fi
  if (( t >= next )); then
    next=$(( t + 5 ))
    m=$(curl -fs -m 5 "http://127.0.0.1:$HTTP/metrics" || true)
    all=$(awk '/^anju_gateway_messages_total/ {s+=$NF} END {printf "%d", s}' <<<"$m")
    fwd=$(awk '/^anju_gateway_messages_total/ && /status="forwarded"/ {s+=$NF} END {printf "%d", s}' <<<"$m")
    echo "bench disk: t=${t}s free ${f} MiB, /health $code \"$disk\", disk_low $low, paused channels $p," \
      "messages forwarded $fwd (other statuses $((all - fwd))), acked snapshots $(acked "$WORK/cameras.log")," \
      "acked telemetry $(acked "$WORK/chargers.log"), gateway $(kill -0 "$GW_PID" 2>/dev/null && echo alive || echo GONE)"
  fi
done
wait "$CAM_PID" || true; CAM_PID=""; wait "$CHG_PID" || true; CHG_PID=""
sleep 3
alive=$(kill -0 "$GW_PID" 2>/dev/null && echo "alive" || echo "**gone**")
final() { awk '/^messages/ {print $4}' "$1"; } # the load's final report: acknowledged
snaps_acked=$(final "$WORK/cameras.log"); telemetry_acked=$(final "$WORK/chargers.log")
ends=$(topic_ends "127.0.0.1:$KAFKA" "$DATA/kafka-sasl/client.properties" anju.snapshots anju.telemetry.charger || true)
snaps_kafka=$(awk '$1 == "anju.snapshots" {print $2}' <<<"$ends")
telemetry_kafka=$(awk '$1 == "anju.telemetry.charger" {print $2}' <<<"$ends")
fatal=$(grep -i -E 'halt|fatal|No space' "$WORK/gateway.log" | head -n 10 || true)
lost() { [[ -n "$1" && -n "$2" ]] && (( $2 >= $1 )) && echo "none lost" || echo "**fewer on the broker than acknowledged**"; }

{
  echo "# Full-disk benchmark $STAMP"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -n1), load $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Disk: data.dir (embedded Kafka log and snapshots) on $(df -h --output=fstype,size "$DISK" | tail -n1 | tr -s ' ');"
  echo "disk.minFreeBytes = $MARK_MIB MiB, disk.minFreeFraction = 0 (resume at $((MARK_MIB * 11 / 10)) MiB), disk.checkInterval 1 s."
  echo "A filler file of $filler MiB left $ROOM_MIB MiB above the mark. Load: ./anju sim load, $CAMERAS cameras at"
  echo "$SNAP_RATE snapshots/s in all of $SNAP_KIB KiB (window 4) and $CHARGERS chargers at $RATE msg/s (window 10), QoS 1, $DURATION s;"
  echo "the pause held $HOLD s, then the filler deleted."
  echo
  echo '```'
  echo "paused (anju_gateway_disk_low 1): ${paused_at:-never} s after the load started, at $free_at_pause MiB free"
  echo "paused for $(( ${resumed_at:-$t} - ${paused_at:-$t} )) s (the filler deleted after $HOLD s)"
  echo "lowest free space: $(cat "$WORK/min-free" 2>/dev/null || echo "$min_free") MiB (sampled every 0.1 s)"
  echo "connections paused (not read): at most $max_paused"
  echo "filler deleted at ${freed_at:-never} s; /health 200 again at ${resumed_at:-never} s"
  echo "snapshots: $snaps_acked acknowledged, $snaps_kafka references on anju.snapshots: $(lost "$snaps_acked" "$snaps_kafka")"
  echo "telemetry: $telemetry_acked acknowledged, $telemetry_kafka records on anju.telemetry.charger: $(lost "$telemetry_acked" "$telemetry_kafka")"
  echo "cameras:  $(grep -E '^(connections|messages)' "$WORK/cameras.log" | tr '\n' ';')"
  echo "chargers: $(grep -E '^(connections|messages)' "$WORK/chargers.log" | tr '\n' ';')"
  echo "gateway messages by status: $(curl -fs -m 5 "http://127.0.0.1:$HTTP/metrics" | awk '/^anju_gateway_messages_total/ {printf "%s %d; ", $1, $2}')"
  echo "gateway JVM at the end: $alive"
  echo "gateway log lines matching halt|fatal|No space: ${fatal:-none}"
  echo '```'
  echo
  echo "/health while paused: 503 \`${health_low:-(never 503)}\`"
  echo
  echo "Gateway log, disk lines:"
  echo '```'
  grep -E 'disk space|snapshot .* not stored' "$WORK/gateway.log" | head -n 12 || true
  echo '```'
} > "$OUT"
cp "$WORK/gateway.log" "${OUT%.md}-gateway.log"
echo; echo "bench disk: report written to $OUT"; cat "$OUT"
