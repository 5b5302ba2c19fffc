//! Acronyms defined after a name and then used alone.
//!
//! News introduces an organization by its full name with its acronym in
//! brackets, then uses the acronym alone: "the Quenby Water Authority
//! (QWA) … QWA said". The policy:
//!
//! - a word in capitals in brackets whose letters are the initials of the
//!   capitalized words right before it (connectors such as "of", "for",
//!   "and", "the" may give their initial or not) defines an acronym, and
//!   the name becomes one ORG mention, absorbing places inside it ("Bank of
//!   Ostland");
//! - unless the name as a whole is a place or a person already ("United
//!   Arab Emirates (UAE)"): then nothing changes;
//! - the acronym in brackets, and every later use of it that no other
//!   mention claimed, is an ORG too;
//! - any other word in capitals that no gazetteer or rule claimed, in a
//!   sentence set in ordinary case, is an ORG as well: news writes
//!   organizations' acronyms far more than other ones, and the others
//!   that are common ("GMT", "CEO") are listed in `@notacronym`.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use crate::document::EntityKind;
use crate::lexicon::word_list;
use crate::text::{Sentence, Shape, TokenKind, Tokens};

use super::names;

use super::resolve::{self, Candidate, Evidence, Owners};

/// Priority of names found by their acronym: that of rule names.
const ACRONYM_PRIORITY: i32 = 21;

/// The longest acronym read, in letters.
const MAX_LETTERS: usize = 8;

/// Connectors inside an organization's name.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "&", "the", "on", "de", "du", "des", "la",
];

/// Rewrites `kept` (mentions in text order, without overlaps) with the
/// organizations that defined acronyms name, and the acronyms' uses.
pub(crate) fn defined_acronyms<'g>(
    tokens: &Tokens,
    sentences: &[Sentence],
    lowercase_vocabulary: &super::names::LowercaseWords<'_>,
    mut kept: Vec<Candidate<'g>>,
) -> Vec<Candidate<'g>> {
    let owners = Owners::new(&kept);
    // The acronyms of definitions read below, which the loose acronyms
    // after must not read again.
    let mut defined_at: Vec<usize> = Vec::new();
    let mut removed = vec![false; kept.len()];
    let mut added: Vec<Candidate> = Vec::new();
    let mut acronyms: HashSet<String> = HashSet::default();
    for close in 3..tokens.len() {
        let at = close - 1;
        // A bracket is no word or number: the kind rules out most tokens
        // before the key is read.
        if matches!(tokens[close].kind, TokenKind::Word | TokenKind::Number)
            || tokens.key_bytes(close) != b")"
            || tokens.key_bytes(at - 1) != b"("
            || !is_acronym(tokens, at)
        {
            continue;
        }
        let acronym: Vec<char> = tokens
            .key(at)
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect();
        let Some(name) = name_before(tokens, at - 1, &acronym) else {
            continue;
        };
        let inside: Vec<usize> = name.clone().filter_map(|t| owners.at(t)).collect();
        let whole = |kind: EntityKind| {
            inside
                .iter()
                .any(|&i| kept[i].kind == kind && kept[i].tokens == name)
        };
        if whole(EntityKind::Place) || whole(EntityKind::Person) {
            continue;
        }
        // A mention reaching outside the name is not ours to change.
        if inside
            .iter()
            .any(|&i| kept[i].tokens.start < name.start || kept[i].tokens.end > name.end)
        {
            continue;
        }
        acronyms.insert(tokens.key(at).to_owned());
        if !whole(EntityKind::Org) {
            for &i in &inside {
                removed[i] = true;
            }
            added.push(org(tokens, name, "org/acronym-defined/name"));
        }
        match owners.at(at) {
            Some(i) if kept[i].kind == EntityKind::Org => {}
            Some(i) => {
                removed[i] = true;
                added.push(org(tokens, at..at + 1, "org/acronym-defined/acronym"));
            }
            None => added.push(org(tokens, at..at + 1, "org/acronym-defined/acronym")),
        }
        defined_at.push(at);
    }
    // Every acronym no gazetteer or rule claimed, in a sentence in
    // ordinary case: defined ones, and others, which in news are mostly
    // organizations ("shares of QWA rose"), unless the document also
    // writes the word in lowercase: "NOTE", "SALES" and "WHEAT" set in
    // capitals are words. Nor on a heading's or a table's line that the
    // sentence ran on past ("WORLD BRIEFS").
    for sentence in sentences {
        // The sentence's case is read only when it holds an acronym to
        // judge: most hold none.
        let Some(first) = sentence.tokens.clone().find(|&i| is_acronym(tokens, i)) else {
            continue;
        };
        if names::mostly_capitals(tokens, sentence) {
            continue;
        }
        // A lone acronym needs a sentence of prose around it, not a short
        // line of capitals ("PRESS DIGEST"): counted when an acronym no
        // definition named first asks.
        let mut ordinary_case = None;
        let mut is_ordinary_case = || {
            *ordinary_case.get_or_insert_with(|| {
                tokens.as_slice()[sentence.tokens.clone()]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word && t.shape == Shape::Lower)
                    .count()
                    >= 3
            })
        };
        for index in first..sentence.tokens.end {
            if !is_acronym(tokens, index)
                || owners.at(index).is_some()
                || defined_at.contains(&index)
            {
                continue;
            }
            let key = tokens.key(index);
            if acronyms.contains(key) {
                added.push(org(tokens, index..index + 1, "org/acronym-defined/acronym"));
            } else if (3..=5).contains(&key.len())
                && is_ordinary_case()
                && !on_heading_line(tokens, index)
                && !word_list!("notacronym").contains(key)
                && key.chars().all(|c| c.is_ascii_alphabetic())
                && !joined_to_word(tokens, index)
                && !lowercase_vocabulary.contains(key)
            {
                added.push(org(tokens, index..index + 1, "org/acronym"));
            }
        }
    }
    if added.is_empty() {
        return kept;
    }
    let mut out: Vec<Candidate> = kept
        .drain(..)
        .zip(removed)
        .filter(|(_, removed)| !removed)
        .map(|(mention, _)| mention)
        .collect();
    out.extend(added);
    resolve::sort_by_start(&mut out);
    out
}

/// True when the line holding the token at `index` has fewer than three
/// lowercase words: a heading ("WORLD BRIEFS") or a table's row ("OPEN HIGH
/// LOW CLOSE") that a sentence ran on past, whose words in capitals are
/// set that way for layout, not as acronyms.
fn on_heading_line(tokens: &Tokens, index: usize) -> bool {
    let mut start = index;
    while !tokens.breaks_line_before(start) {
        start -= 1;
    }
    let mut lowercase_words = 0;
    for i in start..tokens.len() {
        if i > start && tokens.breaks_line_before(i) {
            break;
        }
        if tokens[i].kind == TokenKind::Word && tokens[i].shape == Shape::Lower {
            lowercase_words += 1;
            if lowercase_words >= 3 {
                return false;
            }
        }
    }
    true
}

/// True when a word or number is glued to the token ("QWA-led", "F16A").
fn joined_to_word(tokens: &Tokens, index: usize) -> bool {
    let glued = |i: usize| tokens[i].kind != TokenKind::Punct || tokens.key_is(i, "-");
    (index > 0 && !tokens[index].space_before && glued(index - 1))
        || (index + 1 < tokens.len() && !tokens[index + 1].space_before && glued(index + 1))
}

fn is_acronym(tokens: &Tokens, index: usize) -> bool {
    // Shape first: this runs for every token of ordinary sentences. An
    // ASCII letter is one byte, so the letters are counted over bytes.
    tokens[index].kind == TokenKind::Word
        && tokens[index].shape == Shape::AllCaps
        && (2..=MAX_LETTERS).contains(
            &tokens
                .key_bytes(index)
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .count(),
        )
}

/// The capitalized words ending right before `open` (the bracket) whose
/// initials spell `acronym`, connectors giving their initial or not.
fn name_before(tokens: &Tokens, open: usize, acronym: &[char]) -> Option<Range<usize>> {
    // The words before the bracket that may belong to a name, nearest
    // first: (initial, is a connector).
    let mut words: Vec<(char, bool)> = Vec::new();
    let mut index = open;
    while index > 0 && words.len() < 2 * MAX_LETTERS {
        let word = index - 1;
        let key = tokens.key(word);
        let capitalized = tokens[word].kind == TokenKind::Word
            && matches!(
                tokens[word].shape,
                Shape::Capitalized | Shape::AllCaps | Shape::Mixed
            );
        let connector = CONNECTORS.contains(&key);
        if !capitalized && !connector {
            break;
        }
        words.push((key.chars().next()?, connector && !capitalized));
        index = word;
    }
    let letters: Vec<char> = acronym.iter().rev().map(char::to_ascii_lowercase).collect();
    let used = spell(&words, &letters)?;
    // The name needs two words or more and opens with a capitalized one.
    (used >= 2 && !words[used - 1].1).then_some(open - used..open)
}

/// How many of `words` (nearest first) spell `letters` (last letter
/// first), a connector giving its initial or not; `None` when they cannot.
fn spell(words: &[(char, bool)], letters: &[char]) -> Option<usize> {
    fn go(words: &[(char, bool)], letters: &[char], at: usize) -> Option<usize> {
        if letters.is_empty() {
            // Stop after a capitalized word, not a dangling connector.
            return (at > 0 && !words[at - 1].1).then_some(at);
        }
        let &(initial, connector) = words.get(at)?;
        if initial.to_ascii_lowercase() == letters[0]
            && let Some(used) = go(words, &letters[1..], at + 1)
        {
            return Some(used);
        }
        if connector {
            return go(words, letters, at + 1);
        }
        None
    }
    go(words, letters, 0)
}

fn org(tokens: &Tokens, run: Range<usize>, rule: &'static str) -> Candidate<'static> {
    Candidate::from_rule(
        tokens,
        run,
        EntityKind::Org,
        ACRONYM_PRIORITY,
        Evidence::Rule,
        rule,
    )
}

#[cfg(test)]
mod tests {
    use crate::Extractor;
    use std::sync::LazyLock;

    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

    /// (case, text, expected (text, type) of the people, organizations and
    /// places found)
    type Case = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );

    const CASES: &[Case] = &[
        (
            "a name, its acronym, the acronym alone",
            "The Quenby Water Authority (QWA) cut supplies. QWA said rain would help.",
            &[
                ("Quenby Water Authority", "ORG"),
                ("QWA", "ORG"),
                ("QWA", "ORG"),
            ],
        ),
        (
            "a connector and a place inside the name",
            "He leads the Democratic Front for Norway (DFN). The DFN won seats.",
            &[
                ("Democratic Front for Norway", "ORG"),
                ("DFN", "ORG"),
                ("DFN", "ORG"),
            ],
        ),
        (
            "initials that do not spell the acronym: a lone acronym",
            "Rain fell on Quenby Downs (QWA) all week.",
            &[("QWA", "ORG")],
        ),
        (
            "a word in capitals that the story also writes in lowercase",
            "NOTE the prices below are indicative. Buyers took note and QWA sold.",
            &[("QWA", "ORG")],
        ),
        (
            "a heading line that runs into the next sentence is no acronym",
            "What the papers say.\nWORLD BRIEFS\n-- Farmers seek more rain and QWA agrees.",
            &[("QWA", "ORG")],
        ),
        (
            "common abbreviations and headlines are no organizations",
            "TALKS END IN QUENBY\nThe CEO left at 9 GMT.",
            &[],
        ),
    ];

    #[test]
    fn acronyms_defined_after_a_name_are_organizations() {
        let mut failures = Vec::new();
        for &(case, text, expected) in CASES {
            let doc = EXTRACTOR.extract(text);
            let found: Vec<(&str, &str)> = doc
                .entities()
                .iter()
                .filter(|e| matches!(e.kind.as_str(), "PERSON" | "ORG" | "PLACE"))
                .map(|e| (&text[e.span], e.kind.as_str()))
                .collect();
            if found != expected {
                failures.push(format!(
                    "{case}: {text:?}\n  expected {expected:?}\n  found    {found:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
