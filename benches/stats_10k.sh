#!/usr/bin/env bash
# Measures `dixian stats` over generated contracts (a script, not a timed test).
#   benches/stats_10k.sh [COUNT] [SEED]      default 10000 contracts, seed 42
# Builds the release binary and the synthetic-contract writer, generates COUNT contracts (one in 50
# broken on purpose) into a temporary directory, then runs `dixian stats` three times and reports
# wall time and peak RSS (/usr/bin/time -v). Run twice with different COUNTs to see memory stay flat.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
seed="${2:-42}"
dir="$(mktemp -d -t dixian-stats-XXXXXX)"
trap 'rm -rf "$dir"' EXIT

cargo build -q --release -p dixian-cli
cargo build -q --release -p dixian-core --features synth --example synth
target/release/examples/synth "$count" "$seed" "$dir" 50
echo "contracts: $count in $dir ($(du -sh "$dir" | cut -f1)), cores: $(nproc)"

timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -v); fi
for run in 1 2 3; do
  log="$dir/time-$run.log"
  start=$(date +%s.%N)
  "${timer[@]}" target/release/dixian stats --quiet --format json "$dir" >"$dir/stats.json" 2>"$log"
  end=$(date +%s.%N)
  rss=$(grep -m1 "Maximum resident set size" "$log" 2>/dev/null | awk '{print $NF}' || true)
  printf 'run %d: %.3f s wall, peak RSS %s KiB\n' "$run" "$(echo "$end - $start" | bc)" "${rss:-n/a}"
done
python3 - "$dir/stats.json" <<'PY' 2>/dev/null || grep -E '"(files|contracts)"' "$dir/stats.json"
import json, sys
s = json.load(open(sys.argv[1]))
print(f"files {s['files']}, contracts {s['contracts']}, unreadable {s['unreadable']['count']}, "
      f"needs action {s['needs_action']['percent']}%")
PY
