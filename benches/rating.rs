//! Rating benchmark (issue 4): quarterly and annual ratings, with ranking, of 2,000 branches ×
//! 12 months × 20 indicators, plus the per-keystroke monthly score and the import of the whole
//! document. Run with `cargo bench --bench rating`.
//!
//! The workload comes from `starbranch::domain::fixtures::synthetic`, so the wasm benchmark in headless
//! Chromium measures exactly the same document.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::sync::LazyLock;

    use divan::{black_box, Bencher};
    use starbranch::domain::files::exchange::ExchangeDocument;
    use starbranch::domain::fixtures::synthetic::synthetic_document;
    use starbranch::domain::rating::engine::rate;
    use starbranch::domain::rating::scoring::score_month;
    use starbranch::domain::values::category::Category;
    use starbranch::domain::values::period::Period;

    const BRANCHES: usize = 2_000;
    const SEED: u64 = 2026;

    static DOCUMENT: LazyLock<ExchangeDocument> = LazyLock::new(|| synthetic_document(BRANCHES, SEED));
    static JSON: LazyLock<String> = LazyLock::new(|| DOCUMENT.to_json());

    fn period(text: &str) -> Period {
        text.parse().expect("a valid period")
    }

    /// 2,000 branches rated and ranked for one quarter (6,000 monthly evaluations scored).
    #[divan::bench]
    fn quarter(bencher: Bencher) {
        let doc = &*DOCUMENT;
        let q = period("2026-Q2");
        bencher.bench(|| rate(black_box(doc), black_box(q)));
    }

    /// 2,000 branches graded and ranked for the year (24,000 monthly evaluations scored).
    #[divan::bench]
    fn year(bencher: Bencher) {
        let doc = &*DOCUMENT;
        let y = period("2026");
        bencher.bench(|| rate(black_box(doc), black_box(y)));
    }

    /// One month of one branch: what the form recomputes on every keystroke.
    #[divan::bench]
    fn month_keystroke(bencher: Bencher) {
        let rubric = DOCUMENT.domain_rubric();
        let eval = DOCUMENT.evaluations[0].to_evaluation();
        bencher.bench(|| score_month(black_box(&rubric), Category::Production, black_box(&eval)));
    }

    /// The sheet page's keystroke with 30 indicators (issue 5): the entered sheet rescored with
    /// its bonus and deduction items, exactly the call the page makes.
    #[divan::bench]
    fn sheet_keystroke_30(bencher: Bencher) {
        let (rubric, sheet) = starbranch::domain::fixtures::synthetic::synthetic_sheet(30);
        bencher.bench(|| black_box(&sheet).score(black_box(&rubric), Category::Production));
    }

    /// Reading and validating the whole exchange document (the import, and the CLI's start).
    #[divan::bench(sample_count = 20)]
    fn parse_document(bencher: Bencher) {
        let json = JSON.as_str();
        bencher.bench(|| ExchangeDocument::parse(black_box(json)));
    }

    pub fn main() {
        // Build the workload before timing starts.
        LazyLock::force(&JSON);
        divan::main();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
