#!/usr/bin/env bash
# End-to-end log and span ingest: starts server/target/strata.jar on a fresh data dir per run,
# sends Loki JSON, Loki protobuf, OTLP logs and OTLP traces over 4 connections, flushes, and
# prints throughput (wall and per server CPU-second) and bytes on disk. Never part of CI.
#
# usage: bench/ingest-bench.sh [--repeat N] [--lines N] [--spans N] [--connections N] [--no-build]
# env:   STRATA_JAVA_OPTS (extra server JVM options, space separated), INGEST_BENCH_WORK
#        (default target/ingest-bench; results.tsv lands there)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
REPEAT=1
LINES=600000
SPANS=300000
CONNECTIONS=4
BUILD=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --repeat) REPEAT="$2"; shift ;;
        --lines) LINES="$2"; shift ;;
        --spans) SPANS="$2"; shift ;;
        --connections) CONNECTIONS="$2"; shift ;;
        --no-build) BUILD=0 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

cd "$ROOT"
if [[ "$BUILD" == 1 ]]; then
    "$ROOT/strata" build
    mvn -B -q -o -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
fi
WORK="${INGEST_BENCH_WORK:-$ROOT/target/ingest-bench}"
mkdir -p "$WORK"
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/cp.txt")"
JVM_OPTS=()
for opt in ${STRATA_JAVA_OPTS:-}; do JVM_OPTS+=(--jvm-opt "$opt"); done
common=(--jar "$ROOT/server/target/strata.jar" --work "$WORK" --connections "$CONNECTIONS" "${JVM_OPTS[@]}")

RESULTS="$WORK/results.tsv"
: > "$RESULTS"
for ((rep = 1; rep <= REPEAT; rep++)); do
    for format in loki-json loki-proto otlp; do
        java -Xmx2g -cp "$CP" dev.strata.bench.ingest.LogIngestRun --format "$format" --items "$LINES" "${common[@]}" \
            | tee >(cat >&2) | grep '^RESULT' >> "$RESULTS"
    done
    java -Xmx2g -cp "$CP" dev.strata.bench.ingest.SpanIngestRun --items "$SPANS" "${common[@]}" \
        | tee >(cat >&2) | grep '^RESULT' >> "$RESULTS"
done
echo "# RESULT label items wall_s server_cpu_s per_s_wall per_server_cpu_s raw_bytes part_bytes part_B_per_item stored_over_raw rss_bytes" >&2
cat "$RESULTS"
