//! herald's integration tests, one module per area, built as one binary:
//! each test binary links the whole library (and proptest) again, and with
//! twenty of them linking took most of `cargo test`.
//!
//! To add tests, put `tests/it/NAME.rs` beside the others and add its
//! `mod NAME;` line below. Fixture paths stay relative to the package root
//! (`tests/fixtures/…`), where cargo runs integration tests. proptest keeps
//! each module's failure seeds in `tests/proptest-regressions/NAME.txt` (its
//! rule for a crate with a `main.rs`); commit them, they are re-run first.

/// Each property test's case count, chosen so the whole suite stays quick
/// on a 2-core CI machine; `PROPTEST_CASES=N cargo test` overrides them all
/// for a deeper run.
fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    let mut config = proptest::test_runner::Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}

mod concurrency;
mod entity_datelines;
mod entity_dates;
mod entity_properties;
mod entity_stories;
mod event_edges;
mod event_stories;
mod extractor_builder;
mod gazetteer_loading;
mod gazetteer_matching;
mod hostile;
mod invariants;
mod lexicon;
mod limits;
mod pattern_errors;
mod pattern_examples;
mod pattern_match;
mod pattern_props;
mod text_properties;
mod text_sentences;
mod text_tokenize;

// The scorer is behind the `eval` feature; the command-line tests run the
// `herald` binary, which exists only with the `cli` feature.
#[cfg(feature = "eval")]
mod eval_properties;
#[cfg(feature = "eval")]
mod eval_scoring;

#[cfg(feature = "cli")]
mod cli_check;
#[cfg(feature = "cli")]
mod cli_evaluate;
#[cfg(feature = "cli")]
mod cli_extract;
#[cfg(feature = "cli")]
mod cli_gazetteer;
#[cfg(feature = "serve")]
mod serve;
