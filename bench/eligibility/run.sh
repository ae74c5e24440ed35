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
root=$(cd "$here/../.." && pwd)
jar=${JAR:-$root/web/target/liveguard.jar}
duration=${DURATION:-30s}
warmup=${WARMUP:-120s}
connections=${CONNECTIONS:-16 64 128}
threads=${THREADS:-2}
heap=${HEAP:-1g}
password=bench-admin-password-$RANDOM$RANDOM

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [[ ! -f $jar || -n ${BUILD:-} ]]; then
  (cd "$root" && ./mvnw -o -q -pl web -am package -DskipTests)
fi

work=$(mktemp -d /tmp/liveguard-eligibility-bench.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
server=
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== machine"
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cores:     $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
echo "memory:    $(free -m | awk '/Mem:/ {print $2 " MB, " $7 " MB available"}')"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before start"
echo "java:      $(java -version 2>&1 | sed -n 2p)"
echo "wrk:       $(wrk -v 2>&1 | head -1)"
echo "jar:       $jar ($(date -u -r "$jar" +%Y-%m-%dT%H:%M:%SZ))"
echo "note:      wrk ($threads threads) and the server share these $(nproc) cores"

# The application's own Flyway migrations build the schema; the seed folder adds the benchmark's sellers
# as one more migration, so the eligibility index loads them at start-up like any standing penalty.
java -Xms"$heap" -Xmx"$heap" ${JAVA_OPTS:-} -jar "$jar" \
  --server.port="$port" \
  --spring.datasource.url="jdbc:h2:file:$work/liveguard" \
  --spring.flyway.locations="classpath:db/migration,classpath:db/vendor/{vendor},filesystem:$here/seed" \
  --liveguard.bootstrap.admin-password="$password" \
  ${EXTRA_ARGS:-} >"$work/server.log" 2>&1 &
server=$!

for _ in $(seq 1 180); do
  if curl -fsS "$base/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "the server stopped:" >&2; tail -50 "$work/server.log" >&2; exit 1; fi
  sleep 1
done
curl -fsS "$base/actuator/health" >/dev/null

key=$(curl -fsS -u "admin:$password" -H 'Content-Type: application/json' -d '{"name":"eligibility benchmark"}' \
  "$base/api/v1/api-keys" | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')

check() {
  curl -fsS -H "Authorization: Bearer $key" "$base/api/v1/sellers/$1/live-eligibility"
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
wrk -t"$threads" -c64 -d"$warmup" -s "$here/eligibility.lua" "$base" >/dev/null

# CPU time per request of the server and of wrk: what a request costs, whatever else the machine runs
tick=$(getconf CLK_TCK)
server_cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
echo "== runs: $duration each, $threads wrk threads; cpu/req = CPU time of the process / requests"
printf '%-12s %12s %10s %10s %10s %10s %8s %16s %13s  %s\n' connections requests/s p50 p90 p99 max errors \
  server-cpu/req wrk-cpu/req load-after
for c in $connections; do
  before=$(server_cpu)
  TIMEFORMAT='%U %S'
  { time wrk -t"$threads" -c"$c" -d"$duration" --latency -s "$here/eligibility.lua" "$base" >"$work/wrk-$c.txt"; } \
    2>"$work/time-$c.txt"
  after=$(server_cpu)
  out=$(cat "$work/wrk-$c.txt")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  server_us=$(awk -v t=$((after - before)) -v hz="$tick" -v n="$requests" 'BEGIN {printf "%.0f us", t / hz * 1e6 / n}')
  wrk_us=$(awk -v n="$requests" '{printf "%.0f us", ($1 + $2) * 1e6 / n}' "$work/time-$c.txt")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p90=$(awk '$1 == "90%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  max=$(awk '$1 == "Latency" {print $4}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  socket=$(awk '/Socket errors/ {print $0}' <<<"$out")
  printf '%-12s %12s %10s %10s %10s %10s %8s %16s %13s  %s\n' "$c" "$rps" "$p50" "$p90" "$p99" "$max" \
    "${non2xx:-0}" "$server_us" "$wrk_us" "$(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ -n $socket ]]; then echo "             $socket"; fi
done
if [[ -n ${VERBOSE:-} ]]; then cat "$work"/wrk-*.txt; fi
echo "== server: $(grep -c ' ERROR ' "$work/server.log" || true) ERROR lines in its log"
