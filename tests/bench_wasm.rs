//! Rating benchmark in WebAssembly, in headless Chromium: the same cases, names and workload as
//! the native divan benchmark (`benches/rating.rs`) — 2,000 branches × 12 months × 20
//! indicators from `starbranch::domain::fixtures::synthetic` — so native and wasm times can be compared.
//!
//! Every case is `#[ignore]`d, so ordinary wasm test runs skip it. Run it in release mode with
//! `bash scripts/bench.sh` (both benchmarks and the comparison table), or alone:
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=600 \
//!   cargo test --release --target wasm32-unknown-unknown --test bench_wasm -- --include-ignored --nocapture
//! ```
//!
//! Method: 3 warm-up samples, then 15 timed samples with `performance.now()`; each line reports
//! the median time of one call. Chromium coarsens `performance.now()` (to 0.1 ms on a page that
//! is not cross-origin isolated), so a sample runs as many calls in a row as needed to last at
//! least [`MIN_SAMPLE_MS`], and is divided by that count. Each case prints one line
//! `BENCH wasm <case>_2000 median_ms=<ms> samples=15 calls_per_sample=<n>`.
//! This is a benchmark, not a timed test: nothing here asserts on time.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;
use std::sync::OnceLock;

use starbranch::domain::files::exchange::ExchangeDocument;
use starbranch::domain::fixtures::synthetic::synthetic_document;
use starbranch::domain::rating::engine::rate;
use starbranch::domain::rating::scoring::score_month;
use starbranch::domain::values::category::Category;
use starbranch::domain::values::period::Period;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Same as `benches/rating.rs`.
const BRANCHES: usize = 2_000;
const SEED: u64 = 2026;

const WARM_UPS: usize = 3;
const SAMPLES: usize = 15;
/// A sample runs enough calls to last at least this long (timer resolution in Chromium).
const MIN_SAMPLE_MS: f64 = 20.0;

fn document() -> &'static ExchangeDocument {
    static DOCUMENT: OnceLock<ExchangeDocument> = OnceLock::new();
    DOCUMENT.get_or_init(|| synthetic_document(BRANCHES, SEED))
}

fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| document().to_json())
}

fn period(text: &str) -> Period {
    text.parse().expect("a valid period")
}

fn now_ms() -> f64 {
    web_sys::window().expect("a window").performance().expect("performance").now()
}

/// Milliseconds for `calls` consecutive calls of `f`.
fn sample<R>(calls: u32, f: &mut impl FnMut() -> R) -> f64 {
    let start = now_ms();
    for _ in 0..calls {
        black_box(f());
    }
    now_ms() - start
}

/// Times `f` and prints its median per-call time as one `BENCH wasm …` line.
fn bench<R>(case: &str, mut f: impl FnMut() -> R) {
    // Calls per sample: double until one sample lasts MIN_SAMPLE_MS (this also warms up).
    let mut calls: u32 = 1;
    while sample(calls, &mut f) < MIN_SAMPLE_MS && calls < (1 << 24) {
        calls *= 2;
    }
    for _ in 0..WARM_UPS {
        sample(calls, &mut f);
    }
    let mut per_call: Vec<f64> = (0..SAMPLES).map(|_| sample(calls, &mut f) / f64::from(calls)).collect();
    per_call.sort_by(f64::total_cmp);
    let median = per_call[SAMPLES / 2];
    let line = format!("BENCH wasm {case}_{BRANCHES} median_ms={median:.6} samples={SAMPLES} calls_per_sample={calls}");
    web_sys::console::log_1(&line.as_str().into());
    console_log!("{line}");
}

/// 2,000 branches rated and ranked for one quarter (6,000 monthly evaluations scored).
#[wasm_bindgen_test]
#[ignore]
fn quarter() {
    let doc = document();
    let q = period("2026-Q2");
    bench("quarter", || rate(black_box(doc), black_box(q)));
}

/// 2,000 branches graded and ranked for the year (24,000 monthly evaluations scored).
#[wasm_bindgen_test]
#[ignore]
fn year() {
    let doc = document();
    let y = period("2026");
    bench("year", || rate(black_box(doc), black_box(y)));
}

/// One month of one branch: what the form recomputes on every keystroke.
#[wasm_bindgen_test]
#[ignore]
fn month_keystroke() {
    let rubric = document().domain_rubric();
    let eval = document().evaluations[0].to_evaluation();
    bench("month_keystroke", || score_month(black_box(&rubric), Category::Production, black_box(&eval)));
}

/// The sheet page's keystroke with 30 indicators (issue 5).
#[wasm_bindgen_test]
#[ignore]
fn sheet_keystroke_30() {
    let (rubric, sheet) = starbranch::domain::fixtures::synthetic::synthetic_sheet(30);
    bench("sheet_keystroke_30", || black_box(&sheet).score(black_box(&rubric), Category::Production));
}

/// Reading and validating the whole exchange document (the import, and the CLI's start).
#[wasm_bindgen_test]
#[ignore]
fn parse_document() {
    let json = json();
    bench("parse_document", || ExchangeDocument::parse(black_box(json)));
}
