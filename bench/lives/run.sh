#!/usr/bin/env bash
# The lives benchmark (issue 13, bench/README.md "Lives"): one node from the web jar with -Xmx1g on a throwaway
# H2 file database under bench/target (or PostgreSQL), 10,000 generated lives open at once, each sending a request
# of one to three signals every 5 s (2,000 requests/s) for 10 minutes after a 2-minute warm-up, then steps of
# higher rates to find the most the node sustains. Before the node starts, the same lives are decided in one JVM
# by the default pack's Drools live rules and by the plain-Java reading of section 4 (LiveEngineComparison).
#
#   bench/lives/run.sh                                   # the full run (about 25 minutes)
#   LIVES=500 WARMUP=20s DURATION=60s MAX_STEP=0s bench/lives/run.sh   # a smoke run
#   DB=postgres bench/lives/run.sh                       # PostgreSQL at 127.0.0.1:5432 (database liveguard_lives_bench)
#   BUILD=1 bench/lives/run.sh                           # rebuild the jar and the benchmark first
#   COMPARE=0 bench/lives/run.sh                         # skip the in-process comparison
#   JAR=/path/to/liveguard.jar EXTRA_ARGS="--liveguard.live.deciders=20000" bench/lives/run.sh
#
# The driver and the node share the machine's cores: the driver's CPU per request is printed next to the node's.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/../node.sh"
root=$node_root
classpath_file=$root/bench/target/lives-classpath.txt
lives=${LIVES:-10000}
period=${PERIOD:-5s}
warmup=${WARMUP:-120s}
duration=${DURATION:-10m}
max_step=${MAX_STEP:-60s}
max_rates=${MAX_RATES:-2500,3000,4000,5000,6000,8000}
heap_every=${HEAP_EVERY:-30s}
seed=${SEED:-20261204}
db=${DB:-h2}

node_build
if [[ ! -f $classpath_file || -n ${BUILD:-} ]]; then
  (cd "$root" && ./mvnw -o -q -pl bench -am -Plives-classpath -DskipTests package)
fi
classpath=$(cat "$classpath_file")

work=$root/bench/target/lives-bench
rm -rf "$work"
mkdir -p "$work"
trap 'node_stop; node_drop_database' EXIT

node_machine

if [[ ${COMPARE:-1} != 0 ]]; then
  # the engines alone, before the node starts: nothing else of the benchmark runs meanwhile
  java -Xms3g -Xmx3g -Dlogback.configurationFile="$here/logback.xml" -cp "$classpath" io.liveguard.bench.live.LiveEngineComparison lives="$lives" seed="$seed" \
    warmup="${COMPARE_WARMUP:-2000}"
fi

node_database "$db" liveguard_lives_bench "$work"
node_start "$work" "${node_datasource[@]}"
echo "== node: -Xms$node_heap -Xmx$node_heap, database $node_database_name, $node_url ${EXTRA_ARGS:-}"
key=$(node_api_key "lives benchmark")

status=0
java -Xms2g -Xmx2g -Dlogback.configurationFile="$here/logback.xml" -cp "$classpath" io.liveguard.bench.live.RunLiveBenchmark url="$node_url" key="$key" pid="$node_pid" \
  lives="$lives" period="$period" warmup="$warmup" duration="$duration" max-step="$max_step" \
  max-rates="$max_rates" heap-every="$heap_every" seed="$seed" || status=$?
echo "== node: $(node_errors) ($node_log)"
exit $status
