#!/usr/bin/env bash
# The browser half of CI: installs whatever this machine lacks, builds the wasm engine and the page,
# then runs the wasm tests (wasm-bindgen-test in headless Chromium) and the page's end-to-end test.
# Idempotent: each install is skipped when what it would install is already there. Any failure stops
# the run with a non-zero exit and says which step failed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

step() { echo; echo "=== ci-wasm: $* ==="; }
trap 'echo "ci-wasm: FAILED (line $LINENO: $BASH_COMMAND)" >&2' ERR

step "rust target wasm32-unknown-unknown"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "chromium and chromedriver (Debian)"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "ci-wasm: chromium/chromedriver missing and not root to apt-get them" >&2; exit 1; }
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk
fi
chromium --version 2>/dev/null  # Debian's wrapper script prints a harmless shell warning
chromedriver --version

step "wasm-bindgen-cli at the crate's version"
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$want" ] || { echo "ci-wasm: wasm-bindgen not in Cargo.lock" >&2; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
runner=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ] || [ "$runner" != "$want" ]; then
  # --locked first (the versions the CLI was released with); without it if the registry lacks one.
  cargo install wasm-bindgen-cli --version "$want" --locked || cargo install wasm-bindgen-cli --version "$want" --force
fi
[ "$(wasm-bindgen --version | awk '{print $2}')" = "$want" ] || { echo "ci-wasm: wasm-bindgen is not $want" >&2; exit 1; }

step "npm packages for web/dev (playwright-core, binaryen)"
(cd web/dev && npm ci --no-audit --no-fund)

step "build"
scripts/build-wasm.sh

step "size budget: the .wasm at most 300 KB gzipped"
# Size is deterministic, so CI guards it; the timing budgets are measured by web/dev/budgets.mjs.
gz=$(gzip -9 -c crates/dixian-wasm/pkg/dixian_wasm_bg.wasm | wc -c)
echo "dixian_wasm_bg.wasm: $gz bytes gzipped (budget $((300 * 1024)))"
[ "$gz" -le $((300 * 1024)) ] || { echo "ci-wasm: the .wasm is over its 300 KB gzipped budget" >&2; exit 1; }

step "wasm tests in headless Chromium"
# webdriver.json beside the crate gives Chromium its flags (no sandbox as root, no background traffic).
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120} \
  cargo test -p dixian-wasm --target wasm32-unknown-unknown

step "the CLI the document test compares against"
cargo build -q -p dixian-cli

step "end-to-end tests of web/ (the page; documents against the CLI)"
(cd web/dev && DIXIAN="$root/target/debug/dixian" node --test e2e.test.mjs documents.test.mjs)

echo "ci-wasm: all passed"
