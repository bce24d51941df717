#!/usr/bin/env bash
# Strata's SQL engine vs embedded DuckDB over the same Parquet parts (and Strata over the head).
# Prints a markdown table on stdout, progress on stderr. Never part of CI.
#
# usage: bench/engine-bench.sh [--no-build] [EngineVsDuckDbRun arguments: --series N --samples N --streams N --lines N --no-head --work DIR --only logs|samples --threads N --head-split-rows N]
# env:   ENGINE_BENCH_XMX (default 6g)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
if [[ "${1:-}" == "--no-build" ]]; then
    shift
else
    mvn -B -q -o -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
fi
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/cp.txt")"
exec java -Xmx"${ENGINE_BENCH_XMX:-6g}" --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$CP" \
    dev.strata.bench.engine.EngineVsDuckDbRun "$@"
