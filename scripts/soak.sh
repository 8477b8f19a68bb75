#!/usr/bin/env bash
# Runs the whole suite (npm test, as CI runs it) N times in a row (default 10) and stops at the first
# failure: a test that fails once in ten runs on a busy machine is a flake to fix, not to re-run.
# Load the machine beside it, for example with another clone's build in a loop, and say how.
# Each run's log is kept in reports/soak/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
mkdir -p reports/soak
for i in $(seq "$runs"); do
  started=$(date +%s)
  if CI=true npm test >"reports/soak/run-$i.log" 2>&1; then
    result=passed
  else
    result=FAILED
  fi
  summary=$(grep -E '^Tests: ' "reports/soak/run-$i.log" | tail -1 || true)
  echo "run $i of $runs: $result in $(($(date +%s) - started)) s (${summary:-no jest summary}); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$result" = FAILED ]; then
    grep -E '^(FAIL|  ●)' "reports/soak/run-$i.log" | head -20 || true
    echo "see reports/soak/run-$i.log" >&2
    exit 1
  fi
done
