#!/usr/bin/env bash
# Benchmark: one generated 60-image graph (RUN sleep 30-60 s each, four levels: 1, 12, 20, 27 images;
# BENCH_GRAPH=narrow: 10-20 s, 1, 5, 18, 36) built on one
# Docker Engine (4 slots), then on three (4 slots each), each Engine a test host in a network
# namespace of its own with a registry they all reach (NetnsEngines, as the tests use). Prints the
# makespans, their ratio, each against max(critical path, work / slots), and the parent pulls.
# Needs root (ip netns). Engines on overlay2 (BENCH_STORAGE=vfs for vfs). Takes about 20 minutes
# (narrow: 6). BENCH_SIMULATE_ONLY=1: only the graph's ideal critical-path-first schedules, no Engines.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -B -ntp -pl core test-compile
mvn -q -B -ntp -pl core dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -cp "core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)" \
  io.imagegraph.core.bench.ScaleOutBenchmark
