#!/usr/bin/env bash
# Runs every check and test suite: formatting and lints, native tests (domain, CLI, golden files,
# the floor plan's tidy tests), wasm in headless Chromium (store, real IndexedDB), and end-to-end
# journeys against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"
start=$(date +%s)

echo "== format and lints (cargo fmt --check, clippy -D warnings natively and for wasm32)"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --test store_wasm -- -D warnings

echo "== native tests (cargo test: rules, golden files, properties, CLI, tidy)"
cargo test --quiet

echo "== storage tests in headless Chromium (wasm-bindgen-test, real IndexedDB)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test store_wasm

echo "== release build (trunk)"
trunk build --release

echo "== end-to-end journeys (Playwright, Debian Chromium)"
npx playwright test

echo "== all suites passed in $(( $(date +%s) - start )) s"
