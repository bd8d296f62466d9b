#!/bin/sh
# Seeds the corpora from the repository's fixtures and rules, then fuzzes one target.
#   fuzz/run.sh TARGET [SECONDS]      (TARGET: rule_parser | contract_loader | quantity | check | importer | fix)
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
  importer|fix)
    # Texts and .docx files as they are; the targets also write each text into a .docx package.
    find ../fixtures/text ../fixtures/corpus -type f \( -name '*.txt' -o -name '*.docx' \) \
      -size -64k -exec cp {} "$corpus"/ \;
    # UTF-16 with and without a byte-order mark (no fixture is in UTF-16).
    t=../fixtures/text/hubei-wuhan-logistics.txt
    { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$t"; } > "$corpus/utf16le-bom.txt"
    iconv -f UTF-8 -t UTF-16BE "$t" > "$corpus/utf16be.txt"
    # The XML of each .docx (then a NUL and its numbering.xml, when it has one), which the targets put
    # back into a valid package: a mutated .docx seldom passes its CRC.
    for d in ../fixtures/text/*.docx; do
      b=$(basename "$d" .docx)
      unzip -p "$d" word/document.xml > "$corpus/$b.document.xml"
      if unzip -l "$d" word/numbering.xml >/dev/null 2>&1; then
        { unzip -p "$d" word/document.xml; printf '\0'; unzip -p "$d" word/numbering.xml; } \
          > "$corpus/$b.numbered.xml"
      fi
    done ;;
  quantity)
    i=0
    for q in 158天 0.5小时/日 35元/月 40% 10天/年 1次/年 7个月 -5天 1e309天 0.125天 \
             158 天 99999999999天 "12 天" 1.5工作日/年 3日/月; do
      i=$((i + 1)); printf '%s' "$q" > "$corpus/seed$i"
    done ;;
  *) echo "unknown target $target" >&2; exit 64 ;;
esac
# The documents' targets mutate with the tags and words of Word documents and contracts too.
dict=
case $target in importer|fix) dict=-dict=documents.dict ;; esac
# AddressSanitizer keeps 256 MB of freed memory by default to catch use after free, which safe Rust
# cannot do; with 16 MB the process's memory is mostly dixian's, and the guard below means something
# (the fix target's corpus: 117 MB instead of 500 MB).
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16}"
# -rss_limit_mb: a run that needs more memory than this is a bug (see docs/limits.md).
exec cargo +nightly fuzz run "$target" "$corpus" -- $dict \
  -max_total_time="$seconds" -rss_limit_mb=512 -timeout=10 -print_final_stats=1
