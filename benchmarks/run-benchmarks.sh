#!/bin/sh
# Builds the benchmark harness and runs every scenario; prints a Markdown table (see benchmarks/README.md).
# Usage: benchmarks/run-benchmarks.sh [--quick]
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
classpath="benchmarks/target/classes:benchmarks/target/lib/*"
exec java -cp "$classpath" dev.slipway.benchmarks.EngineBenchmarks \
    --slipway-run "$(command -v java)" "$classpath" "$(pwd)/benchmarks/target/slipway-home" "$@"
