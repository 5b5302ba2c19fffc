//! # herald
//!
//! herald reads English news text and says who and what is in it — people,
//! organizations, places and dates — and what happened: meetings,
//! invitations and statements, with their roles. Everything is rule- and
//! gazetteer-based, deterministic and explainable: every result names the
//! gazetteer entry or rule that produced it.
//!
//! ## Quick start
//!
//! ```
//! let extractor = herald::Extractor::default();
//! let doc = extractor.extract("Officials met in Baghdad on Tuesday.");
//! for entity in doc.entities() {
//!     println!("{} {:?} {}", entity.kind(), entity.span(), &doc.text()[entity.span()]);
//! }
//! for event in doc.events() {
//!     println!("{} {} {}", event.kind(), &doc.text()[event.trigger()], event.modality());
//! }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "parallel")]
mod batch;
mod cache;
mod document;
pub mod entity;
// The scoring harness serves the command line and CI, not extraction, so a
// library user who turns default features off does not compile it (nor toml).
#[cfg(feature = "eval")]
pub mod eval;
pub(crate) mod event;
mod extractor;
pub mod gazetteer;
mod keymap;
pub mod lexicon;
pub mod pattern;
mod span;
pub mod text;

pub use cache::Cache;
pub use document::{
    Argument, DateValue, Document, Entity, EntityKind, Event, EventKind, Modality, Reference, Role,
    Source,
};
pub use extractor::{
    DEFAULT_ENTITY_RULES, DEFAULT_EVENT_RULES, DEFAULT_MAX_DOCUMENT_BYTES,
    DEFAULT_MAX_GAZETTEER_ENTRIES, DEFAULT_MAX_GAZETTEER_LINE_BYTES, DEFAULT_STATEMENT_RULES,
    Error, ExtractError, Extractor, ExtractorBuilder,
};
pub use span::{OffsetMap, Span};

/// The items of `items` at the indices `order` lists (each at most once),
/// in that order, moved rather than cloned: sorting indices and then
/// taking the items moves each once, where sorting large items moves them
/// at every step.
pub(crate) fn take_in_order<T>(items: Vec<T>, order: &[u32]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&index| slots[index as usize].take())
        .collect()
}

/// `cases` cases for a unit property test, unless `PROPTEST_CASES` sets
/// every test's count (as `tests/it` does).
#[cfg(test)]
pub(crate) fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    let mut config = proptest::test_runner::Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}
