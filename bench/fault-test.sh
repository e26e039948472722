#!/usr/bin/env bash
# Fault scenarios on the packaged jar and PostgreSQL, then a recount of events, journeys and messages:
#   bench/fault-test.sh kill     node killed with SIGKILL during a burst, restarted  -> bench/results/kill-test.md
#     (BENCH_DATABASE=h2: the same on the embedded default, H2 in a file          -> bench/results/kill-test-h2.md)
#   bench/fault-test.sh outage   database unreachable for 30 s during a burst        -> bench/results/outage-test.md
# Parameters (environment): BENCH_RATE=30 (events/s)  BENCH_BURST_SECONDS=120  BENCH_FAULT_AFTER_SECONDS=15
#   BENCH_OUTAGE_SECONDS=30  BENCH_PORT=8189
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?kill or outage}
./mvnw -B -q -DskipTests package
jar=$(ls target/parcours-*.jar | grep -v original | head -1)
BENCH_SCENARIO=$scenario BENCH_JAR="$PWD/$jar" \
  exec ./mvnw -B -q -Pbench test-compile exec:exec -Dbench.main=io.parcours.bench.faults.FaultScenarios -Dbench.heap=384m
