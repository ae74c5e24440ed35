#!/usr/bin/env bash
# The go-live eligibility hot path under wrk on loopback: GET /api/v1/sellers/{id}/live-eligibility with an
# API key, against the web jar on a throwaway H2 file database seeded with 100,000 sellers, 10,000 of
# them holding a standing penalty. Prints requests/s and p50/p90/p99 per connection count, and the machine.
#
#   bench/eligibility/run.sh                         # builds web/target/liveguard.jar if missing
#   BUILD=1 DURATION=30s CONNECTIONS="16 64 128" THREADS=2 bench/eligibility/run.sh
#   JAR=/path/to/liveguard.jar bench/eligibility/run.sh   # another build, e.g. to compare before/after
#   EXTRA_ARGS="--liveguard.api-keys.cache-ttl=0s" bench/eligibility/run.sh
#
# wrk and the server run on the same machine and share its cores: the figures are for both together.
# The warm-up is 2 minutes because the JIT needs about that long on 2 cores: after 30 s a request still
# cost 2-6 times the server CPU it costs warm (bench/README.md).
#   EXTRA_ARGS="--server.tomcat.threads.max=4" bench/eligibility/run.sh   # the tuned run of bench/README.md
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/../node.sh"
source "$here/../wrk.sh"
duration=${DURATION:-30s}
warmup=${WARMUP:-120s}
connections=${CONNECTIONS:-16 64 128}
threads=${THREADS:-2}

wrk_prepare eligibility "$threads"

# The application's own Flyway migrations build the schema; the seed folder adds the benchmark's sellers
# as one more migration, so the eligibility index loads them at start-up like any standing penalty.
node_start "$work" \
  --spring.datasource.url="jdbc:h2:file:$work/liveguard" \
  --spring.flyway.locations="classpath:db/migration,classpath:db/vendor/{vendor},filesystem:$here/seed"
key=$(node_api_key "eligibility benchmark")

check() {
  curl -fsS -H "Authorization: Bearer $key" "$node_url/api/v1/sellers/$1/live-eligibility"
}
# the index reloads right after start-up; wait until it holds the seeded bans
for _ in $(seq 1 30); do
  if check seller-000010 | grep -q '"allowed":false'; then break; fi
  sleep 1
done
echo "== answers"
echo "banned:    $(check seller-000010)"
echo "permanent: $(check seller-001000)"
echo "clean:     $(check seller-000011)"
check seller-000010 | grep -q '"allowed":false' || { echo "the seeded bans are not in the index" >&2; exit 1; }

export LG_API_KEY=$key
echo "== warm-up: $warmup, 64 connections"
wrk -t"$threads" -c64 -d"$warmup" -s "$here/eligibility.lua" "$node_url" >/dev/null

# CPU time per request of the server and of wrk: what a request costs, whatever else the machine runs
echo "== runs: $duration each, $threads wrk threads; cpu/req = CPU time of the process / requests"
wrk_header connections
for c in $connections; do
  wrk_row "$c" "$work/wrk-$c.txt" -t"$threads" -c"$c" -d"$duration" -s "$here/eligibility.lua" "$node_url"
done
if [[ -n ${VERBOSE:-} ]]; then cat "$work"/wrk-*.txt; fi
echo "== server: $(node_errors)"
