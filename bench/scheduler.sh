#!/usr/bin/env bash
# Benchmark: the build scheduler's policy on generated DAGs (n = 60 and 300; 4, 8 and 16 slots;
# 50 DAGs each), as makespan / max(critical path, total work / slots), against Kolla's FIFO and one
# parallel stage per generation. A discrete-event simulation: no images are built.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -B -DskipTests -pl core package
mvn -q -B -pl core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -cp "core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)" \
  io.imagegraph.core.bench.SchedulerBenchmark
