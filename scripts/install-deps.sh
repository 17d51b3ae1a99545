#!/usr/bin/env bash
# Installs what the build and tests need on a fresh Debian machine (as root through apt-get).
# Today: a JDK 17, Maven and curl (the demo and the benchmark poll /health). Later issues add InfluxDB and Chromium here.
set -euo pipefail
missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v curl >/dev/null || missing+=(curl)
if (( ${#missing[@]} )); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing ${missing[*]}; run as root or install them" >&2; exit 1
  fi
  echo "install-deps: apt-get install ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
