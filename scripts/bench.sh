#!/usr/bin/env bash
# Rating benchmark, native and wasm, in one run: the divan benchmark (benches/rating.rs) and the
# same cases compiled to wasm32 and run in headless Chromium (tests/bench_wasm.rs), both with
# the release profile. Prints the median time of each case and the wasm/native ratio.
# Raw outputs are kept in $CARGO_TARGET_DIR/bench/ (default target/bench/).
# Both are built first, then run one after the other, so compiling never overlaps measuring.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --browser

target_dir="${CARGO_TARGET_DIR:-target}"
logs="$target_dir/bench"
mkdir -p "$logs"

# Every case, as divan names it (the wasm lines call it <case>_2000).
cases="quarter year month_keystroke sheet_keystroke_30 parse_document"
branches=2000

wasm_test() {
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=600 \
    cargo test --release --target wasm32-unknown-unknown --test bench_wasm "$@"
}

echo "== building (native bench profile, wasm32 release profile)"
cargo bench --bench rating --no-run
wasm_test --no-run

echo "== native: cargo bench --bench rating"
cargo bench --bench rating 2>&1 | tee "$logs/native.txt"

echo "== wasm in headless Chromium: cargo test --release --target wasm32-unknown-unknown --test bench_wasm"
wasm_test -- --include-ignored --nocapture 2>&1 | tee "$logs/wasm.txt"

# Median of one divan case, in ms. A divan row reads
#   ├─ quarter   4.45 ms │ 12.44 ms │ 4.706 ms │ 4.983 ms │ 100 │ 100
# fastest (after the name) │ slowest │ median │ mean │ samples │ iters.
native_ms() {
  sed 's/\x1b\[[0-9;]*m//g' "$logs/native.txt" | awk -F'│' -v name="$1" '
    $1 ~ ("─ " name " ") {
      n = split($3, part, " ")
      value = part[1]; unit = part[2]
      if (unit == "ps") f = 1e-9
      else if (unit == "ns") f = 1e-6
      else if (unit == "µs" || unit == "us") f = 1e-3
      else if (unit == "ms") f = 1
      else if (unit == "s") f = 1e3
      else exit 1
      printf "%.6g\n", value * f
      exit
    }'
}

# Median of one wasm case, in ms, from `BENCH wasm <case>_2000 median_ms=<ms> …`.
wasm_ms() {
  awk -v tag="$1_$branches" '
    $1 == "BENCH" && $2 == "wasm" && $3 == tag {
      sub(/^median_ms=/, "", $4); print $4; exit
    }' "$logs/wasm.txt"
}

machine="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores"
echo
echo "== rating benchmark, $branches branches × 12 months × 20 indicators, median per call"
echo "   $(date -u '+%Y-%m-%d %H:%M UTC'); $machine; $(rustc --version | cut -d' ' -f1-2);" \
  "$(chromium --version 2>/dev/null | grep -o 'Chromium [0-9.]*')"
printf '%-22s %14s %14s %12s\n' case native_ms wasm_ms wasm/native
status=0
for c in $cases; do
  n=$(native_ms "$c" || true)
  w=$(wasm_ms "$c" || true)
  if [ -z "$n" ] || [ -z "$w" ]; then
    printf '%-22s %14s %14s %12s\n' "${c}_$branches" "${n:-missing}" "${w:-missing}" "-"
    status=1
    continue
  fi
  awk -v c="${c}_$branches" -v n="$n" -v w="$w" \
    'BEGIN { printf "%-22s %14.4g %14.4g %11.2f×\n", c, n, w, w / n }'
done
exit $status
