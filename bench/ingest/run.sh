#!/usr/bin/env bash
# Session ingest under load on loopback (issue 15, bench/README.md "Ingest under wrk"): the web jar on a fresh H2 file
# database (or, with DB=postgres, a fresh PostgreSQL database at 127.0.0.1:5432); sessions from the project's
# generator, every one with ids never sent before, so each is validated, scored with the default pack and stored
# (201), never answered as a duplicate.
#   key    POST /api/v1/sessions with a PLATFORM API key, wrk at CONNECTIONS connections
#   basic  the same with HTTP Basic: a user made by the admin (ADMIN: users cannot have the PLATFORM role), whose
#          verified password the node remembers for liveguard.password.verified-ttl
#   batch  POST /api/v1/sessions/batch: BATCH_SESSIONS sessions in NDJSON requests of BATCH_SIZE lines,
#          BATCH_CONNECTIONS requests at a time (curl)
# Prints requests/s (sessions/s), p50/p90/p99, answers other than 201 (or, in a batch, lines not accepted), the
# node's and wrk's CPU time per request (per session for batches), the load average before and after, the machine.
# Fails if any session was not accepted.
#
#   bench/ingest/run.sh                          # a smoke run: 20 s + 5 s of warm-up, 10 s a run, 18,000 in batches
#   WARMUP=120s DURATION=60s bench/ingest/run.sh # a measurement (on an otherwise idle machine)
#   RUNS="key basic key batch" bench/ingest/run.sh   # any order; the database grows with every run
#   BUILD=1 bench/ingest/run.sh                  # rebuild the jar first
#   DB=postgres bench/ingest/run.sh              # PostgreSQL (database liveguard_ingest_bench, user postgres, dropped
#                                                # before and after)
#   JAR=/path/to/liveguard.jar EXTRA_ARGS="--server.tomcat.threads.max=8" bench/ingest/run.sh
#
# Other settings: CONNECTIONS (16), THREADS (2 wrk threads), TIMEOUT (10s, wrk's; a slower answer is a socket error,
# not a latency), WARMUP_BASIC (5s, Basic after the key's warm-up),
# BATCH_SESSIONS (18000), BATCH_SIZE (1000 lines a request), BATCH_CONNECTIONS (2), SESSIONS (10000 generated,
# sent in passes), SELLERS (1000), SEED (20261205), HEAP (1g), JAVA_OPTS, VERBOSE=1 (print wrk's output).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/../node.sh"
source "$here/../wrk.sh"
duration=${DURATION:-10s}
warmup=${WARMUP:-20s}
warmup_basic=${WARMUP_BASIC:-5s}
connections=${CONNECTIONS:-16}
threads=${THREADS:-2}
timeout=${TIMEOUT:-10s}
runs=${RUNS:-key basic batch}
batch_sessions=${BATCH_SESSIONS:-18000}
batch_size=${BATCH_SIZE:-1000}
batch_connections=${BATCH_CONNECTIONS:-2}
sessions=${SESSIONS:-10000}
sellers=${SELLERS:-1000}
seed=${SEED:-20261205}
db=${DB:-h2}

for r in $runs; do
  [[ $r == key || $r == basic || $r == batch ]] || { echo "RUNS holds key, basic and batch, not $r" >&2; exit 1; }
done
wrk_prepare ingest "$threads"
status=0

# The generator's sessions, once per settings (the jar holds the engine and its generator).
generated=$node_root/bench/target/ingest-bench/sessions-$sessions-$sellers-$seed.ndjson
if [[ ! -s $generated ]]; then
  mkdir -p "$(dirname "$generated")"
  java -Dloader.main=io.liveguard.engine.generator.GenerateSessions -cp "$node_jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --count "$sessions" --sellers "$sellers" --seed "$seed" --out "$generated.tmp" >"$work/generate.log" 2>&1 \
    || { cat "$work/generate.log" >&2; exit 1; }
  mv "$generated.tmp" "$generated"
fi
echo "sessions:  $generated ($sessions sessions of $sellers sellers, seed $seed, $(($(wc -c <"$generated") / sessions)) bytes each on average)"

node_database "$db" liveguard_ingest_bench "$work"
trap 'node_stop; node_drop_database; rm -rf "$work"' EXIT
node_start "$work" "${node_datasource[@]}"
echo "node:      -Xms$node_heap -Xmx$node_heap, $node_database_name, $node_url ${EXTRA_ARGS:-}"
key=$(node_api_key "ingest benchmark")
basic_password=ingest-bench-password-$RANDOM$RANDOM
node_user ingest-bench "$basic_password" ADMIN
bearer="Bearer $key"
basic="Basic $(printf '%s' "ingest-bench:$basic_password" | base64 -w0)"

export LG_SESSIONS=$generated

# single RUN_TAG AUTHORIZATION LABEL OUTPUT_FILE DURATION: one wrk run of single POSTs, its row and its answers;
# answers other than 201 are printed with the first body of each and fail the benchmark.
single() {
  LG_RUN=$1 LG_AUTHORIZATION=$2 wrk_row "$3" "$4" -t"$threads" -c"$connections" -d"$5" --timeout "$timeout" \
    -s "$here/sessions.lua" "$node_url"
  local answers
  answers=$(grep '^answers:' "$4" || echo "answers: none")
  echo "             $answers"
  if ! [[ $answers =~ ^answers:\ 201=[0-9]+$ ]]; then
    grep '^first ' "$4" | sed 's/^/             /'
    status=1
  fi
}

echo "== warm-up: $warmup with the API key, then $warmup_basic with HTTP Basic, $connections connections"
wrk_header warm-up
single warmkey "$bearer" key "$work/warmup-key.txt" "$warmup"
single warmbasic "$basic" basic "$work/warmup-basic.txt" "$warmup_basic"

# batch TAG: BATCH_SESSIONS sessions as NDJSON files of BATCH_SIZE lines, sent BATCH_CONNECTIONS at a time; its row.
batch() {
  local dir=$work/$1 before after start end
  mkdir -p "$dir"
  python3 "$here/batches.py" split "$generated" "$dir" "$batch_sessions" "$batch_size" "$1"
  before=$(node_cpu_ticks)
  start=$(date +%s.%N)
  find "$dir" -name '*.ndjson' | sort | xargs -P "$batch_connections" -I{} \
    curl -sS -o {}.json -w '%{http_code} %{time_total}\n' -H "Authorization: $bearer" \
    -H 'Content-Type: application/x-ndjson' --data-binary @{} "$node_url/api/v1/sessions/batch" >"$dir/times.txt" || status=1
  end=$(date +%s.%N)
  after=$(node_cpu_ticks)
  python3 "$here/batches.py" summarise "$dir" "$batch_sessions" "$(awk -v s="$start" -v e="$end" 'BEGIN {print e - s}')" \
    "$(node_cpu_us "$before" "$after" "$batch_sessions")" "$(node_load)" || status=1
}

echo "== runs: $duration each, $connections connections, $threads wrk threads; batch: $batch_sessions sessions" \
  "in requests of $batch_size lines, $batch_connections at a time; cpu/req = CPU time of the process / requests"
wrk_header run
n=0
for r in $runs; do
  n=$((n + 1))
  case $r in
    key) single "key$n" "$bearer" key "$work/run-$n-key.txt" "$duration" ;;
    basic) single "basic$n" "$basic" basic "$work/run-$n-basic.txt" "$duration" ;;
    batch) batch "batch$n" ;;
  esac
done
if [[ -n ${VERBOSE:-} ]]; then cat "$work"/*.txt; fi
echo "load:      $(node_load) (1, 5, 15 min) after the runs"
echo "== node: $(node_errors)"
grep -m 20 ' ERROR ' "$node_log" || true
if [[ $status != 0 ]]; then echo "FAILED: some sessions were not accepted (above)" >&2; fi
exit $status
