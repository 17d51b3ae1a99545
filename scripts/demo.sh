#!/usr/bin/env bash
# ./anju demo: the whole platform on this machine, in one process (./anju platform): the gateway with its embedded
# Kafka, the Flink stream jobs, the grid case system (embedded PostgreSQL) with its demo users, the dashboards, and
# the simulator playing the demo scenario (the evening charging peak, a thermal runaway at the demo property
# manager's compound, a holiday crowd surge at Beiyuanmen). A private InfluxDB runs beside it when influxd is installed.
# Ctrl-C stops everything; data stays under ./data (ANJU_DATA_DIR) and the next run continues from it.
# Extra arguments go to the platform (./anju platform --help).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${ANJU_DATA_DIR:-$ROOT/data}"
DEVICES="${ANJU_DEMO_DEVICES:-limit=400}"   # Paho costs ~4 threads per device: one process plays up to ~2,000
SPEED="${ANJU_DEMO_SPEED:-10}"              # simulated seconds per real second: the faults show within a minute
INFLUX_PORT="${ANJU_INFLUX_PORT:-8186}"     # not 8086: a system InfluxDB service may hold that
mkdir -p "$DATA"
ulimit -n 20000 2>/dev/null || true

if [[ ! -f "$DATA/registry.json" ]]; then
  echo "demo: generating the Lianhu registry (seed 2020) into $DATA"
  ./anju registry generate --seed 2020 --out "$DATA/registry.json" --credentials "$DATA/credentials.csv"
fi

args=(--data-dir "$DATA" --devices "$DEVICES" --speed "$SPEED")
if command -v influxd >/dev/null; then
  scripts/influxdb.sh start --data-dir "$DATA/influxdb" --port "$INFLUX_PORT"
  args+=(--influx-url "http://127.0.0.1:$INFLUX_PORT" --influx-credentials "$DATA/influxdb/credentials.properties")
  # The platform replaces this shell (same pid) below; this watcher outlives neither: it ignores the Ctrl-C meant
  # for the platform and stops InfluxDB once the platform has stopped (and written its last points).
  platform_pid=$$
  ( trap '' INT TERM
    while kill -0 "$platform_pid" 2>/dev/null; do sleep 1; done
    scripts/influxdb.sh stop --data-dir "$DATA/influxdb" >/dev/null 2>&1 || true ) &
else
  echo "demo: influxd is not installed (sudo apt-get install influxdb), so NO history is kept: alerts, cases and the"
  echo "      live dashboards work, but there are no time series of chargers, zones or gates in InfluxDB and the"
  echo "      dashboards' history charts (zone occupancy over the last hours) stay empty."
fi

exec ./anju platform "${args[@]}" "$@"
