#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:8080, installing what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
# Debian's wasm-opt (108) produces a wasm that fails at start; use binaryen 132 from npm.
export PATH="$PWD/node_modules/.bin:$PATH"
# No auto-reload script: the served app is the release build, as users get it.
exec trunk serve --release --no-autoreload --port "${PORT:-8080}" --address 127.0.0.1
