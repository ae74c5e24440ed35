# One LiveGuard node for the benchmarks under bench/ (eligibility, ingest, lives), sourced by their run.sh after
# `set -euo pipefail`: builds the web jar when missing, prints the machine, starts the jar on a free port and waits
# for its health, creates API keys and users as the bootstrap admin, reads the node's CPU time.
#
# Environment: JAR (default web/target/liveguard.jar), BUILD (rebuild the jar first), HEAP (1g, -Xms and -Xmx),
# JAVA_OPTS (more JVM options), EXTRA_ARGS (more application properties, e.g. --liveguard.api-keys.cache-ttl=0s).
# The calling script stops the node (and drops a PostgreSQL database node_database made) on exit:
# trap 'node_stop; node_drop_database' EXIT.

node_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
node_jar=${JAR:-$node_root/web/target/liveguard.jar}
node_heap=${HEAP:-1g}
node_password=bench-admin-password-$RANDOM$RANDOM
node_pid=
node_url=
node_log=

# Builds web/target/liveguard.jar when it is missing or BUILD is set (never a JAR given elsewhere when it exists).
node_build() {
  if [[ ! -f $node_jar || -n ${BUILD:-} ]]; then
    (cd "$node_root" && ./mvnw -o -q -pl web -am package -DskipTests)
  fi
}

# The machine, the JVM and the jar; the load average before anything of the benchmark starts.
node_machine() {
  echo "== machine"
  echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores:     $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
  echo "memory:    $(free -m | awk '/Mem:/ {print $2 " MB, " $7 " MB available"}')"
  echo "load:      $(node_load) (1, 5, 15 min) before start"
  echo "java:      $(java -version 2>&1 | sed -n 2p)"
  echo "jar:       $node_jar ($(date -u -r "$node_jar" +%Y-%m-%dT%H:%M:%SZ))"
  echo "commit:    $(cd "$node_root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$([[ -n ${JAR:-} ]] &&
    echo " (the repository's; the jar is the one JAR names)")"
}

node_load() {
  cut -d' ' -f1-3 /proc/loadavg
}

# node_start WORK_DIR [APPLICATION_ARGS...]: starts the jar on a free loopback port with its log in WORK_DIR, the
# bootstrap admin's password set, the arguments given (a datasource at least) and EXTRA_ARGS; returns once
# /actuator/health answers, and fails with the end of the log if the node stops or is not up within 180 s.
node_start() {
  local work=$1
  shift
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  node_url=http://127.0.0.1:$port
  node_log=$work/server.log
  # shellcheck disable=SC2086 # JAVA_OPTS and EXTRA_ARGS are lists of words
  java -Xms"$node_heap" -Xmx"$node_heap" ${JAVA_OPTS:-} -jar "$node_jar" \
    --server.port="$port" \
    --liveguard.bootstrap.admin-password="$node_password" \
    "$@" ${EXTRA_ARGS:-} >"$node_log" 2>&1 &
  node_pid=$!
  for _ in $(seq 1 180); do
    if curl -fsS "$node_url/actuator/health" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$node_pid" 2>/dev/null; then
      echo "the node stopped:" >&2
      tail -50 "$node_log" >&2
      exit 1
    fi
    sleep 1
  done
  curl -fsS "$node_url/actuator/health" >/dev/null
}

# node_database DB NAME WORK_DIR: the node's database, for node_start: sets node_datasource (its application
# arguments) and node_database_name (what it is). DB is h2 (a new file database in WORK_DIR) or postgres (a new
# database NAME at 127.0.0.1:5432, user postgres, dropped first if it exists; node_drop_database drops it again).
node_pg_database=
node_database() {
  case $1 in
    h2)
      node_datasource=(--spring.datasource.url="jdbc:h2:file:$3/liveguard")
      node_database_name="H2 file"
      ;;
    postgres)
      node_pg_database=$2
      node_drop_database
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $2"
      node_datasource=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$2" --spring.datasource.username=postgres)
      node_database_name="PostgreSQL $(psql -h 127.0.0.1 -U postgres -d postgres -Atc 'show server_version') ($2)"
      ;;
    *) echo "DB is h2 or postgres, not $1" >&2; exit 1 ;;
  esac
}

# Drops the PostgreSQL database node_database made, if any (the node stopped first); safe to call twice.
node_drop_database() {
  if [[ -n $node_pg_database ]]; then
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $node_pg_database"
  fi
}

# Stops the node if it runs; safe to call twice.
node_stop() {
  if [[ -n $node_pid ]]; then
    kill "$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
    node_pid=
  fi
}

# node_admin METHOD PATH [JSON]: a request as the bootstrap admin; prints the answer, fails on an error status.
node_admin() {
  local data=()
  if [[ $# -ge 3 ]]; then data=(-d "$3"); fi
  curl -fsS -u "admin:$node_password" -X "$1" -H 'Content-Type: application/json' "${data[@]}" "$node_url$2"
}

# node_api_key NAME: creates a PLATFORM API key and prints it.
node_api_key() {
  node_admin POST /api/v1/api-keys "{\"name\":\"$1\",\"role\":\"PLATFORM\"}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])'
}

# node_user USERNAME PASSWORD ROLE: creates a user (SELLER, ANALYST or ADMIN; PLATFORM clients get keys).
node_user() {
  node_admin POST /api/v1/users "{\"username\":\"$1\",\"password\":\"$2\",\"role\":\"$3\"}" >/dev/null
}

# CPU time the node has used, user and system, in clock ticks (getconf CLK_TCK a second).
node_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$node_pid/stat"
}

# node_cpu_us TICKS_BEFORE TICKS_AFTER COUNT: the node's CPU time per item between two readings, e.g. "412 us".
node_cpu_us() {
  awk -v t=$(($2 - $1)) -v hz="$(getconf CLK_TCK)" -v n="$3" 'BEGIN {
    if (n > 0) printf "%.0f us", t / hz * 1e6 / n; else print "-" }'
}

node_errors() {
  echo "$(grep -c ' ERROR ' "$node_log" || true) ERROR lines in its log"
}
