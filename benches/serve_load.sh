#!/usr/bin/env bash
# Load run for `dixian serve` (a script, not a timed test), beside the CLI's batch figure taken under
# the same conditions:
#   benches/serve_load.sh [REQUESTS=20000] [CONCURRENCY=64]
# Builds the release binary and the load client (crates/dixian-cli/examples/load.rs), then
#  1. `dixian stats` over REQUESTS generated contracts written to a temporary directory (the CLI batch);
#  2. REQUESTS `POST /v1/check` of the same generator's contracts, CONCURRENCY in flight, on loopback;
# and prints throughput, latency percentiles, peak RSS and whether every request was answered.
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-20000}"
concurrency="${2:-64}"
dir="$(mktemp -d -t dixian-load-XXXXXX)"
trap 'rm -rf "$dir"' EXIT

cargo build -q --release -p dixian-cli --bin dixian --example load
cargo build -q --release -p dixian-core --features synth --example synth
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

target/release/examples/synth "$requests" 42 "$dir"
start=$(date +%s.%N)
/usr/bin/time -v target/release/dixian stats --quiet --format json "$dir" >/dev/null 2>"$dir/time.log"
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc)
cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$dir/time.log")
printf 'CLI batch: dixian stats over %d files: %.3f s, %.0f contracts/s, peak RSS %s KiB, CPU %s s (%.0f µs per contract)\n' \
  "$requests" "$secs" "$(echo "$requests / $secs" | bc -l)" \
  "$(grep -m1 'Maximum resident set size' "$dir/time.log" | awk '{print $NF}')" \
  "$cpu" "$(echo "$cpu * 1000000 / $requests" | bc -l)"

target/release/examples/load target/release/dixian "$requests" "$concurrency"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
