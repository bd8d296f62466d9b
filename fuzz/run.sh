#!/bin/sh
# Seeds the corpora from the repository's fixtures and rules, then fuzzes one target.
#   fuzz/run.sh TARGET [SECONDS]      (TARGET: rule_parser | contract_loader | quantity | check | importer)
# Needs nightly and cargo-fuzz (`cargo install cargo-fuzz`). Not run in CI: it takes minutes.
set -eu
cd "$(dirname "$0")"
target=$1
seconds=${2:-600}
corpus=corpus/$target
mkdir -p "$corpus"
case $target in
  rule_parser)
    cp ../rules/*.dixian "$corpus"/
    [ -d ../fixtures/invalid/rules ] && cp ../fixtures/invalid/rules/*.dixian "$corpus"/ ;;
  contract_loader|check)
    find ../fixtures -name '*.yaml' -size -64k -exec cp {} "$corpus"/ \; ;;
  importer)
    find ../fixtures/text ../fixtures/corpus -type f \( -name '*.txt' -o -name '*.docx' \) -size -64k \
      -exec cp {} "$corpus"/ \; ;;
  quantity)
    i=0
    for q in 158天 0.5小时/日 35元/月 40% 10天/年 1次/年 7个月 -5天 1e309天 0.125天 \
             158 天 99999999999天 "12 天" 1.5工作日/年 3日/月; do
      i=$((i + 1)); printf '%s' "$q" > "$corpus/seed$i"
    done ;;
  *) echo "unknown target $target" >&2; exit 64 ;;
esac
# -rss_limit_mb: a run that needs more memory than this is a bug (see docs/limits.md).
exec cargo +nightly fuzz run "$target" "$corpus" -- \
  -max_total_time="$seconds" -rss_limit_mb=512 -timeout=10 -print_final_stats=1
