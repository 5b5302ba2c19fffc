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
pub(crate) fn take_in_order<T>(mut items: Vec<T>, order: &[u32]) -> Vec<T> {
    const DROPPED: u32 = u32::MAX;
    // Where each item goes; the items `order` leaves out are dropped in
    // place, and the rest keep their relative order.
    let mut target = vec![DROPPED; items.len()];
    for (at, &index) in order.iter().enumerate() {
        debug_assert_eq!(
            target[index as usize], DROPPED,
            "index {index} listed twice"
        );
        target[index as usize] = at as u32;
    }
    let mut next = 0;
    items.retain(|_| {
        next += 1;
        target[next - 1] != DROPPED
    });
    target.retain(|&at| at != DROPPED);
    // Then every item is swapped into its place along the permutation's
    // cycles: no item is moved more than a swap's worth.
    for start in 0..items.len() {
        while target[start] as usize != start {
            let to = target[start] as usize;
            items.swap(start, to);
            target.swap(start, to);
        }
    }
    items
}

/// The indices of `keys` in the order of their keys, ties in index order
/// (a stable sort's order). Each index and its key are packed into one
/// integer and sorted unstably, so no comparison looks an item up. For
/// keys in no particular order: a stable sort is faster on runs already
/// in order.
pub(crate) fn order_by_key(keys: impl ExactSizeIterator<Item = usize>) -> Vec<u32> {
    let mut packed: Vec<u64> = keys
        .enumerate()
        .map(|(index, key)| (key as u64) << 32 | index as u64)
        .collect();
    packed.sort_unstable();
    packed.into_iter().map(|p| p as u32).collect()
}

/// Appends `number` in decimal: the ids made for every document ("meeting-2",
/// a cluster's "-2") without the formatting machinery's few hundred
/// instructions.
pub(crate) fn push_decimal(out: &mut String, number: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = number;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        out.push(char::from(digit));
    }
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

/// A small deterministic generator for tests that walk many generated
/// inputs (xorshift64): each call gives a number below its argument.
#[cfg(test)]
pub(crate) fn test_numbers() -> impl FnMut(usize) -> usize {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    move |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[test]
    fn decimals_read_as_the_formatter_writes_them() {
        for number in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut out = String::from("x-");
            super::push_decimal(&mut out, number);
            assert_eq!(out, format!("x-{number}"));
        }
    }

    proptest! {
        #![proptest_config(super::proptest_config(512))]

        /// The items listed come out in the order listed, each once, for
        /// every subset of every order.
        #[test]
        fn take_in_order_takes_the_listed_items_in_order(
            (len, order) in (0usize..40).prop_flat_map(|len| {
                (Just(len), Just((0..len as u32).collect::<Vec<_>>()).prop_shuffle())
            }).prop_flat_map(|(len, shuffled)| {
                let n = shuffled.len();
                (Just(len), (0..=n).prop_map(move |keep| shuffled[..keep].to_vec()))
            })
        ) {
            let items: Vec<String> = (0..len).map(|i| format!("item {i}")).collect();
            let taken = super::take_in_order(items, &order);
            let expected: Vec<String> = order.iter().map(|i| format!("item {i}")).collect();
            prop_assert_eq!(taken, expected);
        }

        /// Indices come out as a stable sort by key puts them.
        #[test]
        fn order_by_key_is_a_stable_sort(keys in proptest::collection::vec(0usize..8, 0..60)) {
            let mut expected: Vec<u32> = (0..keys.len() as u32).collect();
            expected.sort_by_key(|&i| keys[i as usize]);
            prop_assert_eq!(super::order_by_key(keys.iter().copied()), expected);
        }
    }
}
