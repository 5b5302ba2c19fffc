//! People listed together: an unknown name in a list of people is a person.
//!
//! News lists people by commas and "and": "Tamsin Oduya, Ivo Marten and
//! Dara Velkova". When one name of such a list is a person, a neighbour
//! that no gazetteer or rule claimed and that looks like a person's name
//! (two or three words in ordinary capitals, no organization or place
//! head) is one too; the evidence walks along the list both ways.

use std::ops::Range;

use crate::document::EntityKind;
use crate::lexicon::word_list;
use crate::text::{Sentence, Shape, TokenKind, Tokens};

use super::names::CONTEXT_PRIORITY;
use super::resolve::{self, Candidate, Evidence};

/// Adds to `kept` (mentions in text order, without overlaps) the unclaimed
/// names that stand in a list next to a person.
pub(crate) fn listed_people<'g>(
    tokens: &Tokens,
    sentences: &[Sentence],
    mut kept: Vec<Candidate<'g>>,
) -> Vec<Candidate<'g>> {
    let mut person_at: Vec<Option<bool>> = vec![None; tokens.len()];
    for mention in &kept {
        for slot in &mut person_at[mention.tokens.clone()] {
            *slot = Some(mention.kind == EntityKind::Person);
        }
    }
    let mut added = Vec::new();
    // The sentence's items: (range, is a person?, person-like?) for
    // mentions and unclaimed names, split at separators; reused across
    // sentences.
    let mut items: Vec<(Range<usize>, Option<bool>, bool)> = Vec::new();
    let mut known: Vec<bool> = Vec::new();
    for sentence in sentences {
        // The first name a list adds stands beside a person: without
        // one, the sentence adds none and need not be itemized.
        let range = sentence.tokens.start..sentence.tokens.end.min(tokens.len());
        if !name_beside_person(tokens, &person_at, range.clone()) {
            continue;
        }
        list_in_sentence(
            tokens,
            &person_at,
            range,
            &mut items,
            &mut known,
            &mut |run| {
                added.push(listed_person(tokens, run));
            },
        );
    }
    kept.extend(added);
    resolve::sort_by_start(&mut kept);
    kept
}

/// Itemizes the tokens `range` (one sentence) and calls `add` with each
/// unclaimed name its lists make a person; `items` and `known` are
/// buffers reused across sentences.
fn list_in_sentence(
    tokens: &Tokens,
    person_at: &[Option<bool>],
    range: Range<usize>,
    items: &mut Vec<(Range<usize>, Option<bool>, bool)>,
    known: &mut Vec<bool>,
    add: &mut dyn FnMut(Range<usize>),
) {
    items.clear();
    let mut index = range.start;
    while index < range.end {
        if let Some(person) = person_at[index] {
            let start = index;
            while index < range.end && person_at[index] == Some(person) {
                index += 1;
            }
            items.push((start..index, Some(person), false));
            continue;
        }
        if is_name_word(tokens, index) {
            let start = index;
            while index < range.end
                && person_at[index].is_none()
                && (is_name_word(tokens, index)
                    || (tokens.key_is(index, "-") && !tokens[index].space_before))
            {
                index += 1;
            }
            let person_like = person_like(tokens, start..index);
            items.push((start..index, None, person_like));
            continue;
        }
        let separator = matches!(tokens.key_bytes(index), b"," | b"and" | b"/" | b"&");
        if !separator {
            items.push((index..index + 1, Some(false), false));
        }
        index += 1;
        // Two separators in a row are one.
    }
    if !items
        .iter()
        .any(|&(_, claimed, like)| claimed.is_none() && like)
    {
        return;
    }
    known.clear();
    known.extend(items.iter().map(|(_, p, _)| *p == Some(true)));
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..items.len() {
            let (run, claimed, like) = &items[i];
            if known[i] || claimed.is_some() || !like {
                continue;
            }
            let adjacent = |j: usize| known[j] && separated(tokens, &items[j].0, run);
            if (i > 0 && adjacent(i - 1)) || (i + 1 < items.len() && adjacent(i + 1)) {
                known[i] = true;
                changed = true;
                add(run.clone());
            }
        }
    }
}

/// True when some person in the tokens `range` has beside it, with at
/// most two list separators between (see [`separated`]), a word that can
/// open (after it) or close (before it) an unclaimed name: what a list
/// needs to add a first name. `person_at` tells each token's claim.
fn name_beside_person(tokens: &Tokens, person_at: &[Option<bool>], range: Range<usize>) -> bool {
    let unclaimed_separator = |i: usize| person_at[i].is_none() && is_list_separator(tokens, i);
    for i in range.clone() {
        if person_at[i] != Some(true) {
            continue;
        }
        if i + 1 < range.end && person_at[i + 1] != Some(true) {
            let mut j = i + 1;
            while j < range.end && j < i + 3 && unclaimed_separator(j) {
                j += 1;
            }
            if j < range.end && person_at[j].is_none() && is_name_word(tokens, j) {
                return true;
            }
        }
        if i > range.start && person_at[i - 1] != Some(true) {
            let mut j = i - 1;
            while j > range.start && j + 2 >= i && unclaimed_separator(j) {
                j -= 1;
            }
            if person_at[j].is_none() && (is_name_word(tokens, j) || tokens.key_is(j, "-")) {
                return true;
            }
        }
    }
    false
}

/// True when only list separators stand between `a` and `b` (in either
/// order): a comma, "and", a slash, or a line break.
fn separated(tokens: &Tokens, a: &Range<usize>, b: &Range<usize>) -> bool {
    let between = if a.end <= b.start {
        a.end..b.start
    } else {
        b.end..a.start
    };
    between.len() <= 2 && between.clone().all(|i| is_list_separator(tokens, i))
}

/// A comma, "and" or a slash: what may stand between two items of a list.
fn is_list_separator(tokens: &Tokens, index: usize) -> bool {
    matches!(tokens.key_bytes(index), b"," | b"and" | b"/")
}

// Inlined: it is asked of every token of a sentence with a person, and
// most fail on their kind or shape before the word list is read.
#[inline(always)]
fn is_name_word(tokens: &Tokens, index: usize) -> bool {
    tokens[index].kind == TokenKind::Word
        && tokens[index].shape == Shape::Capitalized
        && !is_starter(tokens, index)
}

fn is_starter(tokens: &Tokens, index: usize) -> bool {
    word_list!("starter").contains_token(tokens, index)
}

/// Two or three words in ordinary capitals, none an organization's or
/// place's head word.
fn person_like(tokens: &Tokens, run: Range<usize>) -> bool {
    let mut words = run.filter(|&i| tokens[i].kind == TokenKind::Word);
    (2..=3).contains(&words.clone().count())
        && words.all(|i| {
            let key = tokens.key(i);
            !word_list!("orghead").contains(key) && !word_list!("placehead").contains(key)
        })
}

fn listed_person(tokens: &Tokens, run: Range<usize>) -> Candidate<'static> {
    Candidate::from_rule(
        tokens,
        run,
        EntityKind::Person,
        CONTEXT_PRIORITY,
        Evidence::Context,
        "person/listed",
    )
}

#[cfg(test)]
mod tests {
    use super::{list_in_sentence, name_beside_person};
    use crate::Extractor;
    use crate::text::tokenize;
    use std::sync::LazyLock;

    /// The filter that spares most sentences the itemizing never refuses
    /// one whose lists add a name: over generated sentences of people,
    /// other mentions, unclaimed names, separators and words, itemizing
    /// adds a name only where the filter let the sentence through.
    #[test]
    fn the_filter_lets_through_every_sentence_a_list_adds_to() {
        // (piece, claim): people, an organization, unclaimed names, list
        // separators, a hyphen glued to both sides, words
        const PIECES: &[(&str, Option<bool>)] = &[
            ("Anna", Some(true)),
            ("Oduya", Some(true)),
            ("Quenby", Some(false)),
            ("Drell", None),
            ("Tolvik", None),
            ("Osk", None),
            (",", None),
            ("and", None),
            ("/", None),
            ("&", None),
            ("-", None),
            ("met", None),
            ("The", None),
        ];
        let mut next = crate::test_numbers();
        let (mut adding, mut items, mut known) = (0, Vec::new(), Vec::new());
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..3 + next(8) {
                let (piece, _) = PIECES[next(PIECES.len())];
                if !text.is_empty() && piece != "-" && !text.ends_with('-') {
                    text.push(' ');
                }
                text.push_str(piece);
            }
            let tokens = tokenize(&text);
            let person_at: Vec<Option<bool>> = (0..tokens.len())
                .map(|i| {
                    let piece = &text[tokens[i].span];
                    PIECES.iter().find(|p| p.0 == piece).and_then(|p| p.1)
                })
                .collect();
            let mut added = Vec::new();
            let all = 0..tokens.len();
            list_in_sentence(
                &tokens,
                &person_at,
                all.clone(),
                &mut items,
                &mut known,
                &mut |run| added.push(run),
            );
            if !added.is_empty() {
                adding += 1;
                assert!(
                    name_beside_person(&tokens, &person_at, all),
                    "the filter refused {text:?}, whose list adds {added:?}"
                );
            }
        }
        // the generator makes lists that add names, not only ones that do not
        assert!(adding > 500, "only {adding} sentences added a name");
    }

    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

    /// (case, text, expected people)
    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "a list opened by a known person",
            "The squad: Anna Oduya, Drell Tolvik and Osk Moltke.",
            &["Anna Oduya", "Drell Tolvik", "Osk Moltke"],
        ),
        (
            "organizations in a list stay out",
            "Anna Oduya, Quenby Council and Osk Moltke spoke.",
            &["Anna Oduya"],
        ),
        (
            "no person, no list of people",
            "Visitors came from Drell Tolvik and Osk Moltke.",
            &[],
        ),
    ];

    #[test]
    fn unknown_names_listed_with_people_are_people() {
        let mut failures = Vec::new();
        for &(case, text, expected) in CASES {
            let doc = EXTRACTOR.extract(text);
            let found: Vec<&str> = doc
                .entities()
                .iter()
                .filter(|e| e.kind.as_str() == "PERSON")
                .map(|e| &text[e.span])
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
