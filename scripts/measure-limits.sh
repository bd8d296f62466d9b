#!/bin/sh
# Measures how fast and in how much memory `dixian check` refuses hostile inputs (alias bombs, deep
# nesting, oversized files) and handles the largest accepted ones. The limit is 1 s and 50 MB each;
# docs/limits.md records the numbers. Usage: scripts/measure-limits.sh [path/to/dixian]
# (default: builds and uses the debug binary, which is slower than release: an upper bound).
set -eu
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build -q -p dixian-cli
  bin=target/debug/dixian
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Generated inputs, too large to commit.
python3 - "$work" <<'EOF'
import sys, os
w = sys.argv[1]
head = 'region: 湖北省武汉市\nterm: {start: 2023-05-01, end: 2026-04-30}\n'
def write(name, text):
    with open(os.path.join(w, name), 'w', encoding='utf-8') as f:
        f.write(text)
# 20 MB: refused by size before parsing.
line = '  - {id: 第六条, text: 女职工生育享受产假158天。, terms: {产假: 158天}}\n'
write('20mb.yaml', head + 'clauses:\n' + line * (20 * 1024 * 1024 // len(line.encode())))
# Just under the size limit: 5,000 clauses, each below the floor — the largest contract accepted,
# and the most work for evaluation.
write('5000-clauses-below-floor.yaml', head + 'clauses:\n' + ''.join(
    f'  - {{id: 第{i}条, terms: {{产假: 10天, 哺乳时间: 0.5小时/日, 卫生费: 1元/月}}}}\n' for i in range(5000)))
# Linear alias bomb: one large anchor replayed by many aliases.
write('alias-replay-bomb.yaml', head + 'clauses:\n  - id: 第0条\n    terms: &t\n' +
      ''.join(f'      条目{i}: 1天\n' for i in range(2000)) +
      ''.join(f'  - {{id: 第{i}条, terms: *t}}\n' for i in range(1, 501)))
os.makedirs(os.path.join(w, 'rules-big'), exist_ok=True)
rule = 'rule 测试.r{0} "t" {{ severity notice  require 产假 >= 98天  cite "《测试》" }}\n'
body = 'jurisdiction 测试 { parent 全国 }\n'
i = 0
while len(body.encode()) < 1024 * 1024 - 200:
    body += rule.format(i); i += 1
with open(os.path.join(w, 'rules-big', 'big.dixian'), 'w', encoding='utf-8') as f:
    f.write(body)
# The most rules one file may hold (1,000), each checked against the national floors.
os.makedirs(os.path.join(w, 'rules-many'), exist_ok=True)
with open(os.path.join(w, 'rules-many', 'many.dixian'), 'w', encoding='utf-8') as f:
    f.write('jurisdiction 测试 { parent 全国 }\n' + ''.join(rule.format(i) for i in range(1000)))
os.makedirs(os.path.join(w, 'rules-bomb'), exist_ok=True)
with open(os.path.join(w, 'rules-bomb', 'bomb.dixian'), 'w', encoding='utf-8') as f:
    f.write('jurisdiction 测试 ' + '{' * 900_000 + '\n')
EOF

ok=fixtures/hubei-wuhan-logistics.yaml
# Wall-clock time suffers when the machine is shared; user+sys CPU time is the work done.
printf '%-44s %8s %8s %10s %5s\n' input wall_s cpu_s max_rss_kb exit
measure() {
  label=$1; shift
  set +e
  /usr/bin/time -v "$bin" "$@" >/dev/null 2>"$work/time.txt"
  set -e
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  code=$(sed -n 's/.*Exit status: //p' "$work/time.txt")
  user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
  cpu=$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')
  printf '%-44s %8s %8s %10s %5s\n' "$label" "$secs" "$cpu" "$rss" "${code:-?}"
}
measure "valid contract (baseline)" check "$ok"
for f in alias-bomb-billion-laughs alias-bomb-many-aliases nesting-10000-flow nesting-10000-block \
         nesting-10000-flow-map; do
  measure "$f.yaml" check "fixtures/invalid/contracts/$f.yaml"
done
measure "alias-replay-bomb.yaml (generated)" check "$work/alias-replay-bomb.yaml"
measure "20mb.yaml (generated)" check "$work/20mb.yaml"
measure "5000-clauses-below-floor.yaml (generated)" check "$work/5000-clauses-below-floor.yaml"
measure "rules: 900,000 nested braces" check --rules "$work/rules-bomb" "$ok"
measure "rules: 1 MB rule file (11,000 rules)" check --rules "$work/rules-big" "$ok"
measure "rules: 1,000 rules in one file" check --rules "$work/rules-many" "$ok"
