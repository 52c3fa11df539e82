#!/usr/bin/env bash
# Builds the release app once and serves it on http://127.0.0.1:8080 (PORT overrides),
# installing what is missing. It serves a snapshot of the build (target/run-dist) with a plain
# static server, so the test command rebuilding dist/ beside it changes nothing it serves.
# `--no-build` serves the existing dist/ without building.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
# Debian's wasm-opt (108) produces a wasm that fails at start; use binaryen 132 from npm.
export PATH="$PWD/node_modules/.bin:$PATH"
if [ "${1:-}" != "--no-build" ]; then
  trunk build --release
fi
[ -f dist/index.html ] || { echo "no build in dist/: run without --no-build" >&2; exit 1; }
snapshot=target/run-dist
rm -rf "$snapshot.new"
mkdir -p target
# -p keeps the times: the server takes a compressed copy only if it is not older than its file.
cp -rp dist "$snapshot.new"
rm -rf "$snapshot"
mv "$snapshot.new" "$snapshot"
DIST="$snapshot" PORT="${PORT:-8080}" exec node scripts/serve.mjs
