# wrk runs for the benchmarks under bench/ that load one node over HTTP (eligibility, ingest), sourced after node.sh:
# their common start (wrk_prepare), and one wrk run with --latency as one table row of requests/s, latency
# percentiles, non-2xx answers, the CPU time per request of the node and of wrk, and the load average after the run.

# wrk_prepare NAME THREADS: what a wrk benchmark does first: checks wrk, builds the jar when missing, makes the work
# directory `work` under /tmp for the node's database and log (the node stopped and the directory removed on exit),
# and prints the machine with wrk's version.
wrk_prepare() {
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
  node_build
  work=$(mktemp -d "/tmp/liveguard-$1-bench.XXXXXX")
  trap 'node_stop; rm -rf "$work"' EXIT
  node_machine
  echo "wrk:       $(wrk -v 2>&1 | head -1)"
  echo "note:      wrk ($2 threads) and the node share these $(nproc) cores"
}

# wrk_header FIRST_COLUMN: the header of the rows wrk_row prints.
wrk_header() {
  printf '%-12s %12s %10s %10s %10s %10s %8s %16s %13s  %s\n' "$1" requests/s p50 p90 p99 max non-2xx \
    server-cpu/req wrk-cpu/req load-after
}

# wrk_row LABEL OUTPUT_FILE WRK_ARGUMENTS...: runs `wrk --latency WRK_ARGUMENTS...` against the node, keeps wrk's
# output in OUTPUT_FILE (and what `time` says of wrk in OUTPUT_FILE.time), and prints one row.
wrk_row() {
  local label=$1 out=$2
  shift 2
  local before after requests TIMEFORMAT='%U %S'
  before=$(node_cpu_ticks)
  { time wrk --latency "$@" >"$out"; } 2>"$out.time"
  after=$(node_cpu_ticks)
  requests=$(awk '/requests in/ {print $1}' "$out")
  printf '%-12s %12s %10s %10s %10s %10s %8s %16s %13s  %s\n' "$label" \
    "$(awk '/^Requests\/sec:/ {print $2}' "$out")" \
    "$(awk '$1 == "50%" {print $2}' "$out")" \
    "$(awk '$1 == "90%" {print $2}' "$out")" \
    "$(awk '$1 == "99%" {print $2}' "$out")" \
    "$(awk '$1 == "Latency" {print $4}' "$out")" \
    "$(awk '/Non-2xx/ {n = $5} END {print n + 0}' "$out")" \
    "$(node_cpu_us "$before" "$after" "$requests")" \
    "$(tail -1 "$out.time" | awk -v n="$requests" '{ if (n > 0) printf "%.0f us", ($1 + $2) * 1e6 / n; else print "-" }')" \
    "$(node_load)"
  awk '/Socket errors/ {print "             " $0}' "$out"
}
