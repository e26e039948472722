#!/usr/bin/env bash
# Load benchmark: POST /api/events against a Parcours node in its own JVM, on H2 then on PostgreSQL,
# with the bare engine's ceiling measured in the same run. Figures: bench/results/load.md.
# Parameters (environment): BENCH_DATABASES=h2,postgres  BENCH_RATES=10,25,50,75,100,150,200,300,400,500,650
#   BENCH_STEP_SECONDS=20  BENCH_WARMUP_SECONDS=45  BENCH_CAPACITY_SECONDS=20  BENCH_CALLERS=16
#   BENCH_NODE_HEAP=512m  BENCH_NODE_JVM_OPTIONS=  BENCH_PORT=8188  BENCH_TIME_COMPRESSION=1
#   BENCH_H2_OPTIONS= (appended to the H2 URL, e.g. ";PAGE_SIZE=1024", to try a setting)
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q -Pbench test-compile exec:exec -Dbench.main=io.parcours.bench.load.LoadBenchmark -Dbench.heap=384m
