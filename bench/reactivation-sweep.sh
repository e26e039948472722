#!/usr/bin/env bash
# Reactivation sweep benchmark: seeds N dormant contacts (BENCH_CONTACTS, default 100000) into the
# default H2 (a fresh file under target/bench) and into PostgreSQL (embedded, when it can start),
# runs a sweep and N bare engine starts, and writes bench/results/reactivation-sweep-<db>.md|json.
# The heap is capped at 512 MB (BENCH_HEAP to change it). Other settings: BENCH_PAGE_SIZE (500),
# BENCH_DATABASES (h2,postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench test-compile exec:exec \
  -Dbench.main=io.parcours.bench.reactivation.ReactivationSweepBenchmark \
  -Dbench.heap="${BENCH_HEAP:-512m}"
