#!/usr/bin/env bash
# Side-by-side metrics benchmark: Strata next to Debian's Prometheus 2.42 and VictoriaMetrics 1.79
# on the same dataset, in one run (../shared/tools/peer-bench/peerbench.py). Never part of CI.
#
# usage: bench/peer-bench.sh [--peers "prometheus victoria-metrics strata"] [--runs N] [--repeat N]
#                           [--quiet-wait SECONDS] [--no-build] [-- gen args]
# env:   PEER_BENCH_DATA (dataset, default target/peer-bench-dataset),
#        PEER_BENCH_RESULTS (default target/peer-bench; report.md lands there),
#        PEER_BENCH_KEEP=1 keeps each peer's data dir (e.g. for bench's PartColumnSizes)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
TOOLS="$ROOT/../shared/tools/peer-bench"
[ -d "$TOOLS" ] || { echo "peer-bench: $TOOLS not found (../shared beside the project)" >&2; exit 2; }

PEERS="prometheus victoria-metrics strata"
RUNS=5
REPEAT=1
QUIET_WAIT=300
BUILD=1
GEN_ARGS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --peers) PEERS="$2"; shift ;;
        --runs) RUNS="$2"; shift ;;
        --repeat) REPEAT="$2"; shift ;;
        --quiet-wait) QUIET_WAIT="$2"; shift ;;
        --no-build) BUILD=0 ;;
        --) shift; GEN_ARGS=("$@"); break ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

for pkg in prometheus victoria-metrics python3-snappy; do
    dpkg -s "$pkg" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$pkg"; }
done
PY=python3
for cand in /usr/bin/python3 python3; do
    if "$cand" -c 'import snappy' 2>/dev/null; then PY=$cand; break; fi
done

DATA="${PEER_BENCH_DATA:-$ROOT/target/peer-bench-dataset}"
RESULTS="${PEER_BENCH_RESULTS:-$ROOT/target/peer-bench}"
mkdir -p "$RESULTS"
if [[ ! -f "$DATA/meta.json" ]]; then
    "$PY" "$TOOLS/peerbench.py" gen --out "$DATA" "${GEN_ARGS[@]}"
fi

[[ "$BUILD" == 1 ]] && "$ROOT/strata" build
files=()
# Repeats interleave the peers (p1 p2 p3 p1 p2 p3 ...) so a burst of load from the shared host's
# other tenants does not land on one peer only.
for ((rep = 1; rep <= REPEAT; rep++)); do
    for peer in $PEERS; do
        out="$RESULTS/$peer-$rep.json"
        common=(--dataset "$DATA" --runs "$RUNS" --quiet-wait "$QUIET_WAIT" --out "$out")
        [[ "${PEER_BENCH_KEEP:-0}" == 1 ]] && common+=(--keep)
        if [[ "$peer" == strata ]]; then
            # the JVM options `./strata serve` uses (STRATA_JAVA_OPTS included)
            start="java $("$ROOT/strata" java-flags) -jar $ROOT/server/target/strata.jar"
            start="$start serve --data-dir {datadir} --http-port {port} --otlp-grpc-port 0"
            # PromQL is not served yet: the stored-sample check and the query rows fail for strata.
            "$PY" "$TOOLS/peerbench.py" run --peer external --name strata "${common[@]}" \
                --start-cmd "$start" --ready-path /ready --flush-url /flush
        else
            "$PY" "$TOOLS/peerbench.py" run --peer "$peer" "${common[@]}"
        fi
        files+=("$out")
    done
done
"$PY" "$TOOLS/peerbench.py" report "${files[@]}" | tee "$RESULTS/report.md"
