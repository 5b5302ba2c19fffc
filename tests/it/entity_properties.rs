//! Properties of the whole extraction that hold for any input: it never
//! panics, every span lies on char boundaries inside the text, entities are
//! sorted and never overlap, output is deterministic, and every scored
//! entity has a cluster.

use std::collections::HashSet;
use std::sync::LazyLock;

use herald::{Document, EntityKind, Extractor};
use jiff::civil::date;
use proptest::prelude::*;

use crate::invariants::{check_document, json};

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
        prop_assert!(!reference.cluster().is_empty());
    }
    // Spans of references, events and arguments, the JSON's texts and
    // char offsets, and cluster ids that name clusters of the document.
    check_document(doc).map_err(TestCaseError::fail)
}

/// Sentences of news in our own words, with names the gazetteers know
/// and names only context can tell; `{}` slots take names.
const TEMPLATES: &[&str] = &[
    "President {P} met {P} in {L} on Tuesday.",
    "{P} said the {O} would resume talks next week.",
    "“We will not give up,” {P} told reporters in {L}.",
    "The {O} invited {P} to visit {L} in March.",
    "He said they would meet again after the summit.",
    "Foreign Minister {P}, who arrived from {L}, declined to comment.",
    "BAGHDAD, March 3 — {P} held talks with {P} on water rights.",
    "According to the {O}, the meeting in {L} was cancelled.",
    "{P} and {P} spoke by phone on Sunday, the {O} said.",
    "She told the {O} that the deal was close.",
    "{L} and {O} officials said {P} would attend.",
    "Jordan said the IMN had invited her.",
];
const PEOPLE: &[&str] = &[
    "Amara Okafor",
    "Jens Stoltenberg",
    "Mr. Kessler",
    "Layla Haddad",
    "Haddad",
    "Tomas Reyes",
    "Dara Velkova",
    "Karim Al-Tamimi",
    "Nadia Jordan",
    "Okafor",
    "Ms. Jordan",
];
const PLACES: &[&str] = &[
    "Lisbon",
    "Baghdad",
    "Nairobi",
    "Jordan",
    "Washington",
    "Ankara",
];
const ORGS: &[&str] = &[
    "NATO",
    "Ministry of Defense",
    "Tigris Water Board",
    "United Nations",
    "Iraqi Media Network (IMN)",
];

/// One paragraph: sentences from the templates, names filled in by the
/// picks (taken round-robin).
fn news_paragraph() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(0..TEMPLATES.len(), 1..5),
        prop::collection::vec(any::<u8>(), 12),
    )
        .prop_map(|(sentences, picks)| {
            let mut pick = picks.iter().cycle().map(|&b| b as usize);
            let mut out = Vec::new();
            for index in sentences {
                let mut sentence = String::new();
                let mut rest = TEMPLATES[index];
                while let Some(at) = rest.find('{') {
                    sentence.push_str(&rest[..at]);
                    let slot = &rest[at + 1..at + 2];
                    let n = pick.next().unwrap_or(0);
                    sentence.push_str(match slot {
                        "P" => PEOPLE[n % PEOPLE.len()],
                        "L" => PLACES[n % PLACES.len()],
                        _ => ORGS[n % ORGS.len()],
                    });
                    rest = &rest[at + 3..];
                }
                sentence.push_str(rest);
                out.push(sentence);
            }
            out.join(" ")
        })
}

/// Ways a scraper or a typist spoils text: case flipped on a char,
/// punctuation inserted, lines joined, lines split.
#[derive(Clone, Debug)]
enum Perturbation {
    FlipCase(usize),
    Insert(usize, char),
    JoinLines(usize),
    SplitLine(usize),
}

fn perturbation() -> impl Strategy<Value = Perturbation> {
    let marks = prop::sample::select(vec![
        ',', '.', ';', ':', '!', '?', '"', '“', '”', '(', ')', '—', '-', '\'', '’',
    ]);
    prop_oneof![
        any::<usize>().prop_map(Perturbation::FlipCase),
        (any::<usize>(), marks).prop_map(|(at, c)| Perturbation::Insert(at, c)),
        any::<usize>().prop_map(Perturbation::JoinLines),
        any::<usize>().prop_map(Perturbation::SplitLine),
    ]
}

/// Applies `changes` to `text`, each at a position taken modulo its
/// length in chars (so every change lands on a char boundary).
fn perturb(text: &str, changes: &[Perturbation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for change in changes {
        let n = chars.len().max(1);
        match *change {
            Perturbation::FlipCase(at) => {
                if let Some(c) = chars.get(at % n).copied() {
                    let flipped: Vec<char> = if c.is_uppercase() {
                        c.to_lowercase().collect()
                    } else {
                        c.to_uppercase().collect()
                    };
                    chars.splice(at % n..at % n + 1, flipped);
                }
            }
            Perturbation::Insert(at, c) => chars.insert(at % (chars.len() + 1), c),
            Perturbation::JoinLines(at) | Perturbation::SplitLine(at) => {
                let join = matches!(change, Perturbation::JoinLines(_));
                let (from, to) = if join { ('\n', ' ') } else { (' ', '\n') };
                let places: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == from).collect();
                if !places.is_empty() {
                    chars[places[at % places.len()]] = to;
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn perturbed_news() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(news_paragraph(), 1..4),
        prop::collection::vec(perturbation(), 0..8),
    )
        .prop_map(|(paragraphs, changes)| perturb(&paragraphs.join("\n\n"), &changes))
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
    fn perturbed_news_keeps_the_invariants(text in perturbed_news(), dated in any::<bool>()) {
        let document_date = dated.then(|| date(2024, 3, 14));
        let doc = EXTRACTOR.extract_dated(&text, document_date);
        check_invariants(&doc)?;
        // Same input, byte-identical output.
        let again = EXTRACTOR.extract_dated(&text, document_date);
        prop_assert_eq!(json(&doc), json(&again));
    }

    #[test]
    fn a_paragraph_keeps_its_entities_inside_a_larger_document(
        before in prop::collection::vec(news_paragraph(), 0..3),
        paragraph in news_paragraph(),
        after in prop::collection::vec(news_paragraph(), 0..3),
    ) {
        // A fixed document date, so relative dates resolve alike.
        let document_date = Some(date(2024, 3, 14));
        let alone = EXTRACTOR.extract_dated(&paragraph, document_date);
        let mut text = String::new();
        for p in &before {
            text.push_str(p);
            text.push_str("\n\n");
        }
        let offset = text.len();
        text.push_str(&paragraph);
        for p in &after {
            text.push_str("\n\n");
            text.push_str(p);
        }
        let inside = EXTRACTOR.extract_dated(&text, document_date);
        let found: HashSet<(usize, usize, EntityKind)> = inside
            .entities()
            .iter()
            .map(|e| (e.span().start, e.span().end, e.kind()))
            .collect();
        for entity in alone.entities() {
            let span = entity.span();
            prop_assert!(
                found.contains(&(span.start + offset, span.end + offset, entity.kind())),
                "{:?} {:?} of the paragraph is lost inside the document",
                entity.kind(),
                &paragraph[span]
            );
        }
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
