#!/usr/bin/env bash
# Installs what building (and, with --browser, testing) StarBranch needs and is missing:
# the wasm32 target, trunk 0.21.x, wasm-bindgen-cli at Cargo.lock's exact version, npm packages
# (binaryen's wasm-opt 132, Playwright) and, with --browser, Debian's chromium + chromedriver and
# CJK fonts.
# Each step is skipped when the right version is already there, so repeated runs are fast.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

say() { printf '\033[1;33m==> %s\033[0m\n' "$*"; }

if $want_browser && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing chromium and chromium-driver (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The layout checks measure text as users see it: with real CJK glyphs (their metrics differ
# from the boxes a browser draws without a CJK font, and so do the Latin widths of its fallback).
if $want_browser && ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  say "installing CJK fonts for the browser tests (Debian fonts-noto-cjk)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# rustfmt and clippy check every change (scripts/test.sh); the toolchain image usually has them.
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component-"; then
    say "adding the $component component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21 (about 10 minutes on 2 cores)"
  cargo install trunk --version '~0.21' --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen library in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen_version"; then
  say "installing wasm-bindgen-cli $bindgen_version"
  # Not --locked: its lock file names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi
grep -q "wasm_bindgen = \"$bindgen_version\"" Trunk.toml || {
  echo "Trunk.toml [tools] wasm_bindgen must be $bindgen_version (Cargo.lock)" >&2
  exit 1
}

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@playwright/test ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen wasm-opt, Playwright)"
  npm ci --no-audit --no-fund
fi
