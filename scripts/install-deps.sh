#!/usr/bin/env bash
# Installs what the build and tests need on a fresh Debian machine (as root through apt-get).
# A JDK 17, Maven, curl (the demo and the benchmark poll /health) and InfluxDB 1.x (the history sink's tests and
# scripts/influxdb.sh run their own influxd). With --test also Debian's Chromium and ChromeDriver, which the
# dashboards' browser tests drive, and Node, which runs the dashboards' script tests (the demo needs none of them).
set -euo pipefail
missing=()
if [[ "${1:-}" == "--test" ]]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  # Chinese glyphs for the screenshots the browser tests save (the dashboards default to Chinese).
  [[ -d /usr/share/fonts/truetype/wqy ]] || missing+=(fonts-wqy-microhei)
  # Node 18+ runs the dashboards' script tests (dashboards/src/test/js, node --test); Debian 12's nodejs is 18.
  command -v node >/dev/null || missing+=(nodejs)
fi
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v curl >/dev/null || missing+=(curl)
command -v influxd >/dev/null || missing+=(influxdb)
if (( ${#missing[@]} )); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing ${missing[*]}; run as root or install them" >&2; exit 1
  fi
  echo "install-deps: apt-get install ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
