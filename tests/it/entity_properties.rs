//! Properties of the whole extraction that hold for any input: it never
//! panics, every span lies on char boundaries inside the text, entities are
//! sorted and never overlap, output is deterministic, and every scored
//! entity has a cluster.

use std::sync::LazyLock;

use herald::{Document, EntityKind, Extractor};
use jiff::civil::date;
use proptest::prelude::*;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// Words that exercise every stage: gazetteer names, titles, possessives,
/// date parts, attribution and speaking verbs, particles, punctuation.
const WORDS: &[&str] = &[
    "Baghdad",
    "BAGHDAD",
    "NATO’s",
    "NATO",
    "Iraq’s",
    "Mr.",
    "Ms.",
    "Dr.",
    "said",
    "told",
    "received by",
    "964",
    "September 21",
    "March 3,",
    "2024",
    "yesterday",
    "last week",
    "on Tuesday",
    "Jens Stoltenberg",
    "Stoltenberg",
    "Secretary-General",
    "Prime Minister",
    "Iraqi",
    "Al-Tamimi",
    "al-",
    "bin",
    "Washington",
    "Jordan",
    "in",
    "the",
    "of",
    "Ministry",
    "University",
    "Party",
    "Inc.",
    "province",
    "city",
    "He",
    "they",
    "us",
    "may",
    "May",
    "turkey",
    "UNGA",
    ",",
    ".",
    "—",
    "“",
    "”",
    "(",
    ")",
    "\n",
    "é",
    "ß",
    "İstanbul",
    "東京",
    "🙂",
];

fn word_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..40).prop_map(|words| words.join(" "))
}

fn capitalized_soup() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Z][a-z]{0,8}(’s|-[A-Z][a-z]{1,5})?[,.]?", 0..30)
        .prop_map(|words| words.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        word_soup(),
        capitalized_soup(),
        any::<String>(),
        "[a-zA-Z0-9 .,’'\\-—\n]{0,200}",
    ]
}

fn check_invariants(doc: &Document) -> Result<(), TestCaseError> {
    let text = doc.text();
    let mut previous_end = 0;
    for entity in doc.entities() {
        let span = entity.span();
        prop_assert!(span.start < span.end, "empty entity span {span:?}");
        prop_assert!(span.end <= text.len(), "entity span {span:?} past end");
        prop_assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "entity span {span:?} splits a char"
        );
        prop_assert!(
            span.start >= previous_end,
            "entity {span:?} overlaps or precedes the previous one ending at {previous_end}"
        );
        previous_end = span.end;
        if matches!(
            entity.kind(),
            EntityKind::Person | EntityKind::Org | EntityKind::Place | EntityKind::Date
        ) {
            prop_assert!(!entity.cluster().is_empty(), "no cluster for {entity:?}");
        }
    }
    for reference in doc.references() {
        let span = reference.span();
        prop_assert!(span.start < span.end && span.end <= text.len());
        prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        prop_assert!(!reference.cluster().is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::proptest_config(192))]

    #[test]
    fn extraction_keeps_its_invariants(text in any_text(), dated in any::<bool>()) {
        let document_date = dated.then(|| date(2024, 3, 14));
        let doc = EXTRACTOR.extract_dated(&text, document_date);
        check_invariants(&doc)?;
    }

    #[test]
    fn extraction_is_deterministic(text in word_soup()) {
        let document_date = Some(date(2023, 9, 21));
        let first = serde_json::to_string(&EXTRACTOR.extract_dated(&text, document_date))
            .expect("documents serialize");
        let second = serde_json::to_string(&EXTRACTOR.extract_dated(&text, document_date))
            .expect("documents serialize");
        prop_assert_eq!(first, second);
    }
}
