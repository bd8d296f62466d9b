#!/usr/bin/env bash
# CI for the Python package (crates/dixian-py): a virtual environment under target/ (created once),
# maturin and pytest from PyPI (pip skips what is already installed), the package built and installed
# the README's way (`pip install ./crates/dixian-py`, here as a debug build and with the venv's maturin),
# then pytest against the CLI. The crate is outside the Cargo workspace (no Python needed for
# `cargo test --workspace`), so its format and lints are checked here.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
venv="$PWD/target/py-venv"
export CARGO_TARGET_DIR="$PWD/target/py"
export PYO3_PYTHON="$venv/bin/python"
export PATH="$venv/bin:$PATH"

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q "maturin>=1.9,<2" pytest

cargo fmt --manifest-path crates/dixian-py/Cargo.toml -- --check
cargo clippy -q --manifest-path crates/dixian-py/Cargo.toml --all-targets -- -D warnings
# The CLI pytest compares against: the workspace build, in the workspace's own target directory.
CARGO_TARGET_DIR="$PWD/target" cargo build -q -p dixian-cli
MATURIN_PEP517_ARGS="--profile dev" "$venv/bin/python" -m pip install -q --no-build-isolation \
  --force-reinstall --no-deps ./crates/dixian-py

# From outside the repository, so that `import dixian` is the installed package.
status=0
(cd /tmp && DIXIAN_BIN="$OLDPWD/target/debug/dixian" "$venv/bin/python" -m pytest -q \
  "$OLDPWD/crates/dixian-py/tests") || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"
echo "python package: built, installed and tested in $(( $(date +%s) - started )) s"
