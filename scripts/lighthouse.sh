#!/usr/bin/env bash
# Lighthouse audit of the release build (not part of CI). Builds the app with Trunk into a dist
# folder outside the repo, serves it on 127.0.0.1, runs Lighthouse with Debian's Chromium, prints
# each category's score and every failing or errored audit, checks the PWA the way Lighthouse no
# longer does (Chromium's own installability errors, start_url served offline by the service
# worker), and stops the server. See docs/BENCHMARKS.md, "Lighthouse".
#
# Lighthouse is installed (once) into a cache folder outside the repo; package.json is untouched.
#
# Settings (environment):
#   LH_VERSION   Lighthouse major or exact version      (default 11: the last with the PWA category)
#   LH_CACHE     where Lighthouse, the build and the reports go
#                                                      (default ~/.cache/starbranch-lighthouse)
#   DIST         build output                          (default $LH_CACHE/dist)
#   PORT         port of the static server             (default 8151)
#   RUNS         Lighthouse runs; >1 prints every run and details of the median-performance one
#                                                      (default 1)
#   PRESET       mobile (Lighthouse's default: Moto G emulation, simulated slow 4G, 4x CPU
#                slowdown) or desktop                   (default mobile)
#   CATEGORIES   comma-separated                        (default: v11 pwa,performance,accessibility,
#                best-practices; v12+ performance,accessibility,best-practices)
#   SKIP_BUILD=1 audit what is already in $DIST
#   CHROME_PATH  (default /usr/bin/chromium)
#   CARGO_TARGET_DIR is passed to the build as usual.
#
# Exit status: 0 unless the build, the server or Lighthouse fails, or the PWA check finds the app
# not installable or its start_url not served offline.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

LH_VERSION=${LH_VERSION:-11}
LH_CACHE=${LH_CACHE:-$HOME/.cache/starbranch-lighthouse}
DIST=${DIST:-$LH_CACHE/dist}
PORT=${PORT:-8151}
RUNS=${RUNS:-1}
PRESET=${PRESET:-mobile}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
lh_major=${LH_VERSION%%.*}
if [ -z "${CATEGORIES:-}" ]; then
  if [ "$lh_major" -le 11 ]; then CATEGORIES=pwa,performance,accessibility,best-practices
  else CATEGORIES=performance,accessibility,best-practices; fi
fi
lh_dir=$LH_CACHE/lighthouse-$LH_VERSION
out=$LH_CACHE/reports/$(date -u +%Y%m%dT%H%M%SZ)
url=http://127.0.0.1:$PORT/

say() { printf '\033[1;33m==> %s\033[0m\n' "$*"; }

# 1. Lighthouse, outside the repo.
if [ ! -x "$lh_dir/node_modules/.bin/lighthouse" ]; then
  say "installing lighthouse@$LH_VERSION into $lh_dir"
  mkdir -p "$lh_dir"
  (cd "$lh_dir" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund "lighthouse@$LH_VERSION" >/dev/null)
fi
lighthouse=$lh_dir/node_modules/.bin/lighthouse

# 2. The release build, as users get it.
if [ "${SKIP_BUILD:-}" != 1 ]; then
  bash scripts/install.sh
  # Debian's wasm-opt (108) produces a wasm that fails at start; use binaryen 132 from npm.
  export PATH="$repo/node_modules/.bin:$PATH"
  say "building (release) into $DIST"
  trunk build --release --dist "$DIST"
fi
[ -f "$DIST/index.html" ] && [ -f "$DIST/sw.js" ] || { echo "no build in $DIST" >&2; exit 1; }

# 3. Serve it.
if curl -fs -o /dev/null "$url" 2>/dev/null; then
  echo "port $PORT is already in use; set PORT" >&2
  exit 1
fi
mkdir -p "$out"
DIST="$DIST" PORT="$PORT" node scripts/serve.mjs >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "$url" && break; sleep 0.2; done
curl -fs -o /dev/null "$url" || { echo "server did not start: $(cat "$out/server.log")" >&2; exit 1; }

# 4. Lighthouse. The machine may have no internet: nothing here needs it (the app fetches
# nothing from elsewhere), the flags only keep Chromium's own background traffic off.
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking"
flags+=" --disable-component-update --disable-sync --no-first-run --disable-quic"
preset=()
[ "$PRESET" = desktop ] && preset=(--preset=desktop)
lh_version=$("$lighthouse" --version)
say "lighthouse $lh_version, $("$CHROME_PATH" --version 2>/dev/null | head -1), $PRESET, $RUNS run(s): $url"
for i in $(seq "$RUNS"); do
  "$lighthouse" "$url" --chrome-flags="$flags" --only-categories="$CATEGORIES" "${preset[@]}" \
    --output=json --output=html --output-path="$out/run$i" --quiet \
    2>"$out/run$i.log" || { echo "lighthouse failed, see $out/run$i.log" >&2; tail -5 "$out/run$i.log" >&2; exit 1; }
done

# 5. Scores and failing audits.
cat >"$lh_dir/summary.mjs" <<'EOF'
import { readFileSync } from 'node:fs';
const [dir, runs] = [process.argv[2], Number(process.argv[3])];
const reports = Array.from({ length: runs }, (_, i) => JSON.parse(readFileSync(`${dir}/run${i + 1}.report.json`, 'utf8')));
const pct = (s) => (s == null ? 'n/a' : String(Math.round(s * 100)));
const ids = Object.keys(reports[0].categories);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
if (runs > 1) {
  console.log('run  ' + ids.map((id) => id.padStart(15)).join(''));
  reports.forEach((r, i) => console.log(`${String(i + 1).padEnd(5)}` + ids.map((id) => pct(r.categories[id].score).padStart(15)).join('')));
}
// Details come from the run whose performance score is the median (or the only run).
const perf = (r) => r.categories.performance?.score ?? 0;
const m = median(reports.map(perf));
const r = reports.find((x) => perf(x) === m);
console.log(`\nLighthouse ${r.lighthouseVersion}, ${r.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0]}, ${r.configSettings.formFactor}, ${r.fetchTime}`);
for (const w of r.runWarnings ?? []) console.log(`warning: ${w}`);
for (const id of ids) {
  const c = r.categories[id];
  console.log(`\n${c.title}: ${pct(c.score)}${runs > 1 ? ` (median of ${runs}: ${pct(median(reports.map((x) => x.categories[id].score)))})` : ''}`);
  for (const ref of c.auditRefs) {
    const a = r.audits[ref.id];
    const mode = a.scoreDisplayMode;
    const failed = ['binary', 'numeric', 'metricSavings'].includes(mode) && a.score !== null && a.score < 0.9;
    // The PWA category is short: list all of it; elsewhere only what fails or errs.
    if (!(id === 'pwa' || failed || mode === 'error') || (id === 'pwa' && mode === 'manual')) continue;
    const state = mode === 'error' ? 'ERROR' : a.score >= 0.9 ? 'pass' : `FAIL ${pct(a.score)}`;
    const value = a.displayValue ? ` — ${a.displayValue}` : '';
    const why = a.errorMessage || a.explanation;
    console.log(`  ${state.padEnd(8)} ${ref.id}${ref.weight ? '' : ' (not scored)'}${value}${why ? `\n           ${why.split('\n')[0]}` : ''}`);
  }
  const manual = c.auditRefs.filter((x) => r.audits[x.id].scoreDisplayMode === 'manual').map((x) => x.id);
  if (manual.length) console.log(`  manual checks (not scored): ${manual.join(', ')}`);
}
EOF
node "$lh_dir/summary.mjs" "$out" "$RUNS"

# 6. What Lighthouse >= 10 no longer audits: Chromium's own installability verdict, and the
# start_url coming from the service worker with the network off.
cat >"$lh_dir/pwa-check.mjs" <<'EOF'
import puppeteer from 'puppeteer-core';
const url = process.argv[2];
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH, headless: 'new',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
let ok = true;
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cdp = await page.createCDPSession();
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  const manifest = await cdp.send('Page.getAppManifest');
  const errors = installabilityErrors.map((e) => e.errorId).concat(manifest.errors.map((e) => e.message));
  console.log(`  ${errors.length ? 'FAIL' : 'pass'}     Chromium installability errors: ${errors.length ? errors.join('; ') : 'none'}`);
  ok &&= errors.length === 0;
  const start = new URL(JSON.parse(manifest.data).start_url || '/', manifest.url).href;
  await page.setOfflineMode(true);
  const res = await page.goto(start, { waitUntil: 'load' });
  const fromSw = res?.fromServiceWorker() === true && res.status() === 200;
  console.log(`  ${fromSw ? 'pass' : 'FAIL'}     offline start_url ${start}: ${res ? `HTTP ${res.status()}${res.fromServiceWorker() ? ' from the service worker' : ''}` : 'no response'}`);
  ok &&= fromSw;
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);
EOF
printf '\nPWA check (Chromium, outside Lighthouse):\n'
pwa_ok=0
node "$lh_dir/pwa-check.mjs" "$url" || pwa_ok=1

printf '\nReports: %s/run*.report.html\n' "$out"
exit "$pwa_ok"
