#!/usr/bin/env bash
# Builds dixian for the browser, without wasm-pack (which downloads binaries at run time):
#   1. the wasm32 target, 2. cargo build, 3. wasm-bindgen at exactly the crate's version,
#   4. wasm-opt -Oz when the npm `binaryen` package is installed (web/dev: `npm ci`).
# Outputs (all generated, none committed):
#   crates/dixian-wasm/pkg/   the npm package (ES module, --target web, .d.ts, package.json)
#   web/engine/               what web/index.html loads: the classic-script glue and the module as
#                             base64, so the page works from file:// with no request of any kind.
# Installing the tools is scripts/ci-wasm.sh's job; this script only says what is missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

fail() { echo "build-wasm: $*" >&2; exit 1; }

# The wasm-bindgen crate version in Cargo.lock: the CLI must be exactly this one.
bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock"
}
want=$(bindgen_version)
[ -n "$want" ] || fail "wasm-bindgen not found in Cargo.lock"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}') || true
[ "$have" = "$want" ] || fail "wasm-bindgen $want needed (found '${have:-none}'): cargo install wasm-bindgen-cli --version $want, or run scripts/ci-wasm.sh"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

cargo build -p dixian-wasm --target wasm32-unknown-unknown --profile wasm-release
raw="$root/target/wasm32-unknown-unknown/wasm-release/dixian_wasm.wasm"
[ -f "$raw" ] || fail "cargo produced no $raw"

work="$root/target/wasm-bindgen"
rm -rf "$work"
wasm-bindgen --target web --out-dir "$work/web" "$raw"
wasm-bindgen --target no-modules --out-dir "$work/classic" "$raw"

# wasm-opt from npm's binaryen (Debian's binaryen 108 produced a module that crashed at load).
wasm_opt="$root/web/dev/node_modules/.bin/wasm-opt"
optimise() {
  if [ -x "$wasm_opt" ]; then
    # The module's memory is its own (never imported), so it starts zeroed and zero bytes need no data.
    # Flattened and re-relooped before -Oz: about 1.2 KB less gzipped than -Oz alone (measured
    # 2026-12-05), for some 100 s of optimising, done once (the two modules are the same bytes).
    "$wasm_opt" --flatten --rereloop -Oz -Oz --converge --zero-filled-memory --strip-producers --strip-target-features \
      --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue -o "$1.opt" "$1"
    mv "$1.opt" "$1"
  fi
}
[ -x "$wasm_opt" ] || echo "build-wasm: web/dev/node_modules has no wasm-opt (npm ci in web/dev); module left unoptimised" >&2
if cmp -s "$work/web/dixian_wasm_bg.wasm" "$work/classic/dixian_wasm_bg.wasm"; then
  optimise "$work/web/dixian_wasm_bg.wasm"
  cp "$work/web/dixian_wasm_bg.wasm" "$work/classic/dixian_wasm_bg.wasm"
else
  optimise "$work/web/dixian_wasm_bg.wasm"
  optimise "$work/classic/dixian_wasm_bg.wasm"
fi

# The npm package.
pkg="$root/crates/dixian-wasm/pkg"
rm -rf "$pkg" && mkdir -p "$pkg"
cp "$work/web/dixian_wasm.js" "$work/web/dixian_wasm.d.ts" "$work/web/dixian_wasm_bg.wasm" "$pkg/"
cp "$root/crates/dixian-wasm/npm/package.json" "$root/crates/dixian-wasm/npm/README.md" "$pkg/"
crate_version=$(awk -F'"' '/^\[workspace.package\]/ { w = 1 } w && /^version/ { print $2; exit }' "$root/Cargo.toml")
grep -q "\"version\": \"$crate_version\"" "$pkg/package.json" || fail "crates/dixian-wasm/npm/package.json version differs from the workspace's $crate_version"

# The page's engine: classic scripts, the module inlined as base64 (file:// forbids fetch and modules).
engine="$root/web/engine"
rm -rf "$engine" && mkdir -p "$engine"
cp "$work/classic/dixian_wasm.js" "$engine/dixian.js"
{ printf 'self.DIXIAN_WASM_BASE64 = "'; base64 -w0 "$work/classic/dixian_wasm_bg.wasm"; printf '";\n'; } > "$engine/dixian-wasm.js"

bytes=$(stat -c %s "$pkg/dixian_wasm_bg.wasm")
gz=$(gzip -9 -c "$pkg/dixian_wasm_bg.wasm" | wc -c)
echo "build-wasm: dixian_wasm_bg.wasm ${bytes} bytes, ${gz} gzipped; npm package in $pkg; page engine in $engine"
