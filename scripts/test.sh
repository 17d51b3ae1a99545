#!/usr/bin/env bash
# The README's test command (./anju test): installs what tests need, runs unit (Surefire) and integration
# (Failsafe) tests of every module, and fails on any Netty LEAK report.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/install-deps.sh --test
# Many connections in tests and in the simulator: raise the open-file limit as far as we are allowed.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log="$(mktemp -t anju-test.XXXXXX.log)"
echo "anju test: mvn verify (full log: $log)"
set +e
mvn -B -ntp verify "$@" 2>&1 | tee "$log" | grep -a -E --line-buffered '^\[(INFO|WARNING|ERROR)\] (Tests run|BUILD|Running|Reactor Summary|anju-|.*FAIL)|LEAK:|ERROR\]' 
status=${PIPESTATUS[0]}
set -e
if grep -a -q 'LEAK:' "$log"; then
  echo "anju test: Netty reported a buffer LEAK (see $log)" >&2
  exit 1
fi
exit "$status"
