//! Unknown names: capitalized sequences that no gazetteer entry or rule
//! claimed, classified by their context.
//!
//! A run of capitalized words (with inner connectors such as "of", "al-" or
//! "&") becomes a candidate only when the evidence points one way:
//!
//! - its last word is an organization head ("… Council", "… Party",
//!   "… Brigades") → ORG;
//! - its last word is a place head ("… Province", "… Governorate",
//!   "… River") → PLACE;
//! - it starts with a given name known from the people gazetteer and has
//!   two to four words → PERSON;
//! - initials and a surname ("S. Watkin", "George W. Kessler") → PERSON;
//! - two to four capitalized words followed by a verb of saying, or by an
//!   apposition that names a role ("Layla Haddad, the foreign minister") →
//!   PERSON; so is one capitalized word before such a verb, unless an
//!   article precedes it or it names a role ("Okafor said", not "the
//!   Clarion said" or "Diplomats said");
//! - a name between a cricket scorecard's marks ("Okafor c Reyes b Dube
//!   45", "Okafor not out", "Dube 10-1-42-3") → PERSON;
//! - one or two words after "in", "at" or "near" inside a sentence ("near
//!   Tal Afar") → PLACE.
//!
//! Anything else is left out: a missing name costs less than a wild guess.
//! Sentence-initial words that also occur in lowercase elsewhere in the
//! document are common words, not names, and mostly-capitals sentences
//! (headlines set in capitals) are not classified at all.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::{Cell, OnceCell};
use std::ops::Range;

use crate::document::EntityKind;
use crate::keymap::{Key, KeySet};
use crate::lexicon::word_list;
use crate::text::{Sentence, Shape, Token, TokenKind, Tokens};

use super::resolve::{Candidate, Evidence};

/// The longest run of tokens classified as names.
const MAX_RUN_TOKENS: usize = 12;

/// Priority of context-classified names: below every rule and gazetteer match.
pub(crate) const CONTEXT_PRIORITY: i32 = 0;

/// Words that join the capitalized words of one name besides name
/// particles: "Bank of Ostland", "Trade and Industry Council", "Al-Sudani".
const CONNECTORS: &[&str] = &["of", "the", "for", "and", "&", "-", "'"];

/// Finds and classifies unknown capitalized names in tokens not yet
/// `claimed` by another mention.
pub(crate) fn classify_unknown_names(
    tokens: &Tokens,
    sentences: &[Sentence],
    claimed: &[bool],
    given_names: &HashSet<String>,
    lowercase_words: &LowercaseWords<'_>,
) -> Vec<Candidate<'static>> {
    let mut found = Vec::new();
    let mut unresolved = Vec::new();
    // Buffers reused across runs: a run's classification and its words.
    let mut classified = Vec::new();
    let mut words = Vec::new();
    for sentence in sentences {
        if mostly_capitals(tokens, sentence) {
            continue;
        }
        let mut index = sentence.tokens.start;
        while index < sentence.tokens.end {
            if !starts_name(tokens, index, sentence.tokens.end, claimed, lowercase_words) {
                index += 1;
                continue;
            }
            let mut end = index + 1;
            while end < sentence.tokens.end && !claimed[end] {
                if is_name_word(tokens, end)
                    || initial_before_name(tokens, end, sentence.tokens.end, lowercase_words)
                    || (is_connector(tokens, end)
                        && end + 1 < sentence.tokens.end
                        && !claimed[end + 1]
                        && is_name_word(tokens, end + 1))
                {
                    end += 1;
                } else if is_glued_particle(tokens, end, sentence.tokens.end, claimed) {
                    // "al-" before a name: particle, hyphen and name together.
                    end += 3;
                } else {
                    break;
                }
            }
            let mut start = index;
            // Sentence-initial common words are not part of a name.
            if start == first_word(tokens, sentence)
                && is_common_word(tokens, start, lowercase_words)
            {
                start += 1;
                while start < end && !is_name_word(tokens, start) {
                    start += 1;
                }
            }
            // Names are short: a longer run of capitals is a title line or
            // word soup, not one name.
            if end - start > MAX_RUN_TOKENS {
                index = end;
                continue;
            }
            classified.clear();
            classify_run(
                tokens,
                sentence,
                start..end,
                given_names,
                lowercase_words,
                &mut classified,
                &mut words,
            );
            if classified.is_empty() && start < end {
                unresolved.push(start..end);
            }
            for (range, kind) in classified.drain(..) {
                found.push(context_candidate(
                    tokens,
                    range,
                    kind,
                    match kind {
                        EntityKind::Person => "name/context/person",
                        EntityKind::Org => "name/context/org",
                        EntityKind::Place => "name/context/place",
                        _ => "name/context/other",
                    },
                ));
            }
            index = end;
        }
    }
    repeated_orgs(tokens, &mut found, &unresolved);
    found
}

fn context_candidate(
    tokens: &Tokens,
    range: Range<usize>,
    kind: EntityKind,
    rule: &'static str,
) -> Candidate<'static> {
    Candidate::from_rule(
        tokens,
        range,
        kind,
        CONTEXT_PRIORITY,
        Evidence::Context,
        rule,
    )
}

/// A company named once where the context said so ("the insurer Ostcap")
/// is usually named again where nothing does ("Ostcap plans to …"): an
/// unresolved run with exactly the words of an organization found by
/// context is that organization again.
fn repeated_orgs(tokens: &Tokens, found: &mut Vec<Candidate>, unresolved: &[Range<usize>]) {
    if unresolved.is_empty() {
        return;
    }
    let orgs: HashMap<&str, Vec<Range<usize>>> = found
        .iter()
        .filter(|c| c.kind == EntityKind::Org)
        .fold(HashMap::default(), |mut orgs, c| {
            orgs.entry(tokens.key(c.tokens.start))
                .or_default()
                .push(c.tokens.clone());
            orgs
        });
    if orgs.is_empty() {
        return;
    }
    for run in unresolved {
        let Some(known) = orgs.get(tokens.key(run.start)) else {
            continue;
        };
        let same = known.iter().any(|org| {
            org.len() == run.len()
                && org
                    .clone()
                    .zip(run.clone())
                    .all(|(a, b)| tokens.key(a) == tokens.key(b))
        });
        if same {
            found.push(context_candidate(
                tokens,
                run.clone(),
                EntityKind::Org,
                "name/repeated-org",
            ));
        }
    }
}

/// True when tokens `at..at + 3` are a name particle, a hyphen glued to
/// it, and a capitalized word glued to that: "al-Tamimi" inside "Omar
/// al-Tamimi".
fn is_glued_particle(tokens: &Tokens, at: usize, end: usize, claimed: &[bool]) -> bool {
    at + 2 < end
        && !claimed[at + 1]
        && !claimed[at + 2]
        && word_list!("particle").contains_token(tokens, at)
        && tokens.key_is(at + 1, "-")
        && !tokens[at + 1].space_before
        && !tokens[at + 2].space_before
        && is_name_word(tokens, at + 2)
}

/// Classifies a run as a whole; a run joined by "and" that is no
/// organization or place as a whole may be a list of people: "J. Okonkwo
/// and Hana R. Tanaka". Appends what it finds to `out`; `words` is
/// scratch space.
fn classify_run(
    tokens: &Tokens,
    sentence: &Sentence,
    run: Range<usize>,
    given_names: &HashSet<String>,
    lowercase_words: &LowercaseWords<'_>,
    out: &mut Vec<(Range<usize>, EntityKind)>,
    words: &mut Vec<usize>,
) {
    if run.is_empty() {
        return;
    }
    // "Joel Tarrow of First Union": a person, by given name or initials,
    // then "of" and the body they belong to.
    if let Some(of) = run
        .clone()
        .find(|&i| tokens.key_is(i, "of") && is_connector(tokens, i))
    {
        let before = run.start..of;
        let mut after = of + 1..run.end;
        while !after.is_empty() && is_connector(tokens, after.start) {
            after.start += 1;
        }
        if !after.is_empty()
            && names_a_person(tokens, before.clone(), given_names, lowercase_words, words)
        {
            out.push((before, EntityKind::Person));
            classify_run(
                tokens,
                sentence,
                after,
                given_names,
                lowercase_words,
                out,
                words,
            );
            return;
        }
    }
    let whole = classify(
        tokens,
        sentence,
        run.clone(),
        given_names,
        lowercase_words,
        words,
    );
    let is_and = |i: usize| matches!(tokens.key_bytes(i), b"and" | b"&");
    // One person's name has no "and" in it: split such a run into people.
    match whole {
        Some(kind) if kind != EntityKind::Person || !run.clone().any(is_and) => {
            out.push((run, kind));
            return;
        }
        None if !run.clone().any(is_and) => return,
        _ => {}
    }
    let mut piece_start = run.start;
    for i in run.start..=run.end {
        if i == run.end || is_and(i) {
            let piece = piece_start..i;
            if !piece.is_empty()
                && classify(
                    tokens,
                    sentence,
                    piece.clone(),
                    given_names,
                    lowercase_words,
                    words,
                ) == Some(EntityKind::Person)
            {
                out.push((piece, EntityKind::Person));
            }
            piece_start = i + 1;
        }
    }
}

/// Two or three capitalized words that start with a known given name or
/// are initials and a surname.
fn names_a_person(
    tokens: &Tokens,
    run: Range<usize>,
    given_names: &HashSet<String>,
    lowercase_words: &LowercaseWords<'_>,
    words: &mut Vec<usize>,
) -> bool {
    words.clear();
    words.extend(run);
    let words = &words[..];
    (2..=3).contains(&words.len())
        && words
            .iter()
            .all(|&i| tokens[i].kind == TokenKind::Word && tokens[i].shape == Shape::Capitalized)
        && (given_names.contains(tokens.key(words[0]))
            || initials_then_surname(tokens, words, lowercase_words))
}

fn classify(
    tokens: &Tokens,
    sentence: &Sentence,
    run: Range<usize>,
    given_names: &HashSet<String>,
    lowercase_words: &LowercaseWords<'_>,
    words: &mut Vec<usize>,
) -> Option<EntityKind> {
    words.clear();
    words.extend(
        run.clone()
            .filter(|&i| tokens[i].kind == TokenKind::Word && !is_connector(tokens, i)),
    );
    let words = &words[..];
    let last = *words.last()?;
    if word_list!("orghead").contains_token(tokens, last) && words.len() >= 2 {
        return Some(EntityKind::Org);
    }
    if (word_list!("placehead").contains_token(tokens, last)
        || word_list!("landmarkhead").contains_token(tokens, last))
        && words.len() >= 2
    {
        return Some(EntityKind::Place);
    }
    if names_an_org_by_context(tokens, sentence, run.clone(), words, given_names) {
        return Some(EntityKind::Org);
    }
    let person_sized = (2..=4).contains(&words.len())
        && words.iter().all(|&i| tokens[i].shape == Shape::Capitalized);
    if person_sized && initials_then_surname(tokens, words, lowercase_words) {
        return Some(EntityKind::Person);
    }
    if person_sized && given_names.contains(tokens.key(words[0])) {
        return Some(EntityKind::Person);
    }
    let next = (run.end < sentence.tokens.end).then_some(run.end);
    if person_sized && let Some(next) = next {
        if word_list!("nameverb").contains(tokens.key(next)) {
            return Some(EntityKind::Person);
        }
        if tokens.key_is(next, ",") && apposition_names_role(tokens, sentence, next + 1) {
            return Some(EntityKind::Person);
        }
    }
    let previous = run
        .start
        .checked_sub(1)
        .filter(|&p| p >= sentence.tokens.start);
    // A hyphen glued before the run means the name began earlier
    // ("Inzamam-ul-Haq"): its tail alone is no name.
    let glued_on =
        previous.is_some_and(|p| tokens.key_is(p, "-") && !tokens[run.start].space_before);
    if words.len() <= 4
        && !glued_on
        && words.iter().all(|&i| tokens[i].shape == Shape::Capitalized)
        && in_scorecard(tokens, sentence, previous, next)
    {
        return Some(EntityKind::Person);
    }
    // One name before a verb of saying ("Okafor said"), unless an article
    // makes it a thing ("the Clarion said").
    let single_name = words.len() == 1 && tokens[words[0]].shape == Shape::Capitalized;
    if single_name
        && next.is_some_and(|n| word_list!("nameverb").contains(tokens.key(n)))
        && !previous.is_some_and(|p| matches!(tokens.key_bytes(p), b"the" | b"a" | b"an"))
        && !word_list!("agentnoun").contains(tokens.key(words[0]))
    {
        return Some(EntityKind::Person);
    }
    if (1..=2).contains(&words.len())
        && words.iter().all(|&i| tokens[i].shape == Shape::Capitalized)
        && let Some(previous) = previous
    {
        let preposition = word_list!("placeprep").contains(tokens.key(previous));
        let followed_by_name_part = next.is_some_and(|n| tokens.key_is(n, "'s"));
        if preposition && !followed_by_name_part {
            return Some(EntityKind::Place);
        }
    }
    None
}

/// True when a name's neighbours are a cricket scorecard's marks, which
/// only ever surround players: the batsman before his dismissal ("Okafor c
/// Reyes b Dube 45", "Okafor lbw b Dube", "Okafor not out"), the fielder
/// between "c" and "b", the bowler after "b", and a bowler before his
/// figures ("Dube 10-1-42-3"). The marks are lowercase single letters, so
/// an initial ("C. Lewis") is no mark.
fn in_scorecard(
    tokens: &Tokens,
    sentence: &Sentence,
    previous: Option<usize>,
    next: Option<usize>,
) -> bool {
    let end = sentence.tokens.end;
    let lower =
        |i: usize, word: &str| i < end && tokens[i].shape == Shape::Lower && tokens.key(i) == word;
    let capitalized = |i: usize| i < end && tokens[i].shape == Shape::Capitalized;
    if let Some(n) = next {
        // the batsman: "c Fielder b", "b Bowler", "lbw b", "st Keeper b",
        // "c and b Bowler", "run out", "not out"
        if (lower(n, "c") || lower(n, "st")) && (capitalized(n + 1) || lower(n + 1, "and")) {
            return true;
        }
        if lower(n, "b") && capitalized(n + 1) {
            return true;
        }
        if lower(n, "lbw") && lower(n + 1, "b") {
            return true;
        }
        if (lower(n, "not") || lower(n, "run")) && lower(n + 1, "out") {
            return true;
        }
        if is_bowling_figures(tokens, n, end) {
            return true;
        }
    }
    if let Some(p) = previous {
        // the fielder, "c Fielder b"; the bowler, "b Bowler 45" or at the
        // line's end
        if lower(p, "c") && next.is_some_and(|n| lower(n, "b")) {
            return true;
        }
        if lower(p, "b")
            && next.is_none_or(|n| tokens[n].kind == TokenKind::Number || tokens.key_is(n, ")"))
            && p > sentence.tokens.start
            && (tokens[p - 1].kind == TokenKind::Word || tokens.key_is(p - 1, ")"))
        {
            return true;
        }
    }
    false
}

/// One to three capitalized words that their context makes a company or
/// another body:
///
/// - right after a lowercase common noun for a body ("the insurer Ostcap",
///   "consulting firm Marlow Partners");
/// - right before a word only bodies go with ("Ostcap shares fell",
///   "Ostcap's net profit");
/// - before an apposition headed by such a noun ("Ostcap, the country's
///   largest private bank, said").
fn names_an_org_by_context(
    tokens: &Tokens,
    sentence: &Sentence,
    run: Range<usize>,
    words: &[usize],
    given_names: &HashSet<String>,
) -> bool {
    if !(1..=3).contains(&words.len()) {
        return false;
    }
    // A lone letter ("B shares", "group C") or a sentence word ("The
    // chairman", "Health officials") says nothing of a body.
    if let [word] = words {
        let key = tokens.key(*word);
        if key.chars().count() < 2 || word_list!("starter").contains(key) {
            return false;
        }
    }
    // "the insurer Tomas Reyes": a given name before a surname is a person,
    // whatever noun comes before.
    if words.len() >= 2 && given_names.contains(tokens.key(words[0])) {
        return false;
    }
    let bounds = sentence.tokens.clone();
    let at = |i: usize| bounds.contains(&i).then(|| tokens.key(i));
    let previous = run.start.checked_sub(1).and_then(at);
    let next = at(run.end);
    if run.start > bounds.start
        && tokens[run.start - 1].shape == Shape::Lower
        && previous.is_some_and(|p| word_list!("orgnoun").contains(p))
    {
        return true;
    }
    let Some(next) = next else {
        return false;
    };
    if tokens[run.end].shape == Shape::Lower && word_list!("orgfollower").contains(next) {
        return true;
    }
    if next == "'s" && at(run.end + 1).is_some_and(|w| word_list!("orgpossession").contains(w)) {
        return true;
    }
    next == "," && apposition_names_org(tokens, sentence, run.end + 1)
}

/// What may follow the head noun of an apposition: the phrase ends, or a
/// complement or relative clause starts ("a bank based in", "the insurer,
/// which").
const HEAD_ENDS: &[&str] = &[
    ",", ".", ";", ")", "of", "in", "that", "which", "whose", "with", "based", "and", "for", "from",
];

/// True when the tokens from `from` read like "the Dutch insurer," or
/// "Ostland's largest private bank, which": an apposition whose head is a
/// common noun for a body. A noun followed by more noun phrase ("a bank
/// clerk", "the company's founder") is no head.
fn apposition_names_org(tokens: &Tokens, sentence: &Sentence, from: usize) -> bool {
    let end = sentence.tokens.end;
    let mut i = from;
    if i < end && matches!(tokens.key_bytes(i), b"the" | b"a" | b"an") {
        i += 1;
    } else if i + 1 < end && is_name_word(tokens, i) && tokens.key_is(i + 1, "'s") {
        i += 2;
    } else {
        return false;
    }
    let limit = (i + 5).min(end);
    while i < limit {
        let key = tokens.key(i);
        // "an analyst with Marlow Group": the head came before the
        // preposition, and it named a person's job.
        if (tokens[i].kind == TokenKind::Punct && key != "-")
            || matches!(
                key,
                "of" | "with" | "at" | "for" | "in" | "from" | "on" | "by"
            )
        {
            return false;
        }
        if word_list!("orgnoun").contains(key) {
            return i + 1 >= end || HEAD_ENDS.contains(&tokens.key(i + 1));
        }
        i += 1;
    }
    false
}

/// A bowler's overs, maidens, runs and wickets from `at`: "10-1-42-3",
/// "9.4-0-51-2", four numbers glued by hyphens.
fn is_bowling_figures(tokens: &Tokens, at: usize, end: usize) -> bool {
    at + 7 <= end
        && (0..7).all(|k| {
            let i = at + k;
            (k == 0 || !tokens[i].space_before)
                && if k % 2 == 0 {
                    tokens[i].kind == TokenKind::Number
                } else {
                    tokens.key_is(i, "-")
                }
        })
}

/// True when the tokens from `from` read like "the foreign minister of" or
/// "a spokesman for": an apposition naming a person's role.
fn apposition_names_role(tokens: &Tokens, sentence: &Sentence, from: usize) -> bool {
    let window = from..(from + 5).min(sentence.tokens.end);
    window
        .clone()
        .any(|i| word_list!("appositionrole").contains(tokens.key(i).trim_end_matches('s')))
        && window.clone().next().is_some_and(|i| {
            matches!(tokens.key_bytes(i), b"the" | b"a" | b"an" | b"its" | b"who")
                || tokens[i].shape == Shape::Lower
        })
}

fn starts_name(
    tokens: &Tokens,
    index: usize,
    limit: usize,
    claimed: &[bool],
    lowercase_words: &LowercaseWords<'_>,
) -> bool {
    // Both a name word and an initial are words with a capital: most
    // tokens fail that here, without the calls.
    let token = &tokens[index];
    !claimed[index]
        && token.kind == TokenKind::Word
        && token.shape.has_uppercase()
        && (is_name_word(tokens, index)
            || initial_before_name(tokens, index, limit, lowercase_words))
}

/// "S." or "J.": one capital letter and a period, as a name initial.
fn is_initial(tokens: &Tokens, index: usize) -> bool {
    // the token's kind and shape first: they rule out most tokens
    // without reading the key
    if tokens[index].kind != TokenKind::Word || tokens[index].shape != Shape::Capitalized {
        return false;
    }
    let mut chars = tokens.key(index).chars();
    chars.next().is_some_and(char::is_alphabetic)
        && chars.next() == Some('.')
        && chars.next().is_none()
}

/// An initial that a name word (or another initial) follows before `limit`:
/// "J. Pooley", "J. R. Tolkien". A common word after it means a sentence
/// the splitter missed ("room B. Officials said"), not a name.
fn initial_before_name(
    tokens: &Tokens,
    index: usize,
    limit: usize,
    lowercase_words: &LowercaseWords<'_>,
) -> bool {
    is_initial(tokens, index)
        && index + 1 < limit
        && ((is_name_word(tokens, index + 1)
            && !is_common_word(tokens, index + 1, lowercase_words))
            || initial_before_name(tokens, index + 1, limit, lowercase_words))
}

/// Initials and one or two surnames, ending in a surname that is no common
/// word: "S. Watkin", "George W. Kessler". A sentence the splitter missed
/// ("room B. Officials said") has a common word after the initial.
fn initials_then_surname(
    tokens: &Tokens,
    words: &[usize],
    lowercase_words: &LowercaseWords<'_>,
) -> bool {
    let initials = words.iter().filter(|&&i| is_initial(tokens, i)).count();
    let names = words.len() - initials;
    initials >= 1
        && (1..=2).contains(&names)
        && words.last().is_some_and(|&i| !is_initial(tokens, i))
        && words
            .iter()
            .all(|&i| is_initial(tokens, i) || !is_common_word(tokens, i, lowercase_words))
}

fn is_name_word(tokens: &Tokens, index: usize) -> bool {
    let token = &tokens[index];
    token.kind == TokenKind::Word
        && token.shape.has_uppercase()
        && !tokens.key(index).ends_with('.')
        && !tokens.key_is(index, "i")
}

/// A connector or a name particle, in lowercase. The sun-letter forms of
/// the article ("as", "at", "an") are English words too: they join a name
/// only glued by a hyphen (see [`is_glued_particle`]).
fn is_connector(tokens: &Tokens, index: usize) -> bool {
    // the shape first: it rules out the capitalized words of a name run
    // before the key is read
    matches!(tokens[index].shape, Shape::Lower | Shape::Uncased)
        && (CONNECTORS.contains(&tokens.key(index))
            || (word_list!("particle").contains_token(tokens, index)
                && !word_list!("sunarticle").contains_token(tokens, index)))
}

fn first_word(tokens: &Tokens, sentence: &Sentence) -> usize {
    sentence
        .tokens
        .clone()
        .find(|&i| tokens[i].kind == TokenKind::Word)
        .unwrap_or(sentence.tokens.start)
}

/// Whether the word at `index` is a common word: a sentence starter, or
/// one the document writes in lowercase.
fn is_common_word(tokens: &Tokens, index: usize, lowercase_words: &LowercaseWords<'_>) -> bool {
    word_list!("starter").contains_token(tokens, index)
        || lowercase_words.contains(tokens.key(index))
}

/// Every word a document writes in lowercase, for the questions whether
/// a capitalized word is also written so ([`LowercaseWords::contains`]).
///
/// A document asks few of them (546 over 118 news articles, none at all
/// in half of 684 paragraphs), and a set of its lowercase words costs
/// about seventy instructions a token to build. So the first questions
/// are answered by searching the lowercased text for the word
/// ([`Tokens::any_with_key`]), and only a document that asks many builds
/// the set, which then answers the rest: no text makes the questions cost
/// more than linear time.
pub(crate) struct LowercaseWords<'a> {
    tokens: &'a Tokens,
    /// How many more questions a search of the text answers.
    searches_left: Cell<u8>,
    set: OnceCell<KeySet<'a>>,
}

/// The questions a document answers by searching its text, each costing
/// about an instruction per byte of text, before it builds the set.
const SEARCHES_BEFORE_SET: u8 = 32;

impl<'a> LowercaseWords<'a> {
    pub(crate) fn of(tokens: &'a Tokens) -> LowercaseWords<'a> {
        LowercaseWords {
            tokens,
            searches_left: Cell::new(SEARCHES_BEFORE_SET),
            set: OnceCell::new(),
        }
    }

    /// True when the document writes `key` (a token key) as a lowercase
    /// word somewhere.
    pub(crate) fn contains(&self, key: &str) -> bool {
        if let Some(set) = self.set.get() {
            return set.contains(key);
        }
        let left = self.searches_left.get();
        if left > 0 {
            self.searches_left.set(left - 1);
            return self.search_for(key.as_bytes());
        }
        self.set.get_or_init(|| self.build()).contains(key)
    }

    fn search_for(&self, key: &[u8]) -> bool {
        self.tokens.any_with_key(key, is_lower_word)
    }

    fn build(&self) -> KeySet<'a> {
        let tokens = self.tokens;
        let lower = tokens.iter().filter(|t| is_lower_word(t)).count();
        // News repeats its common words: in the corpus about half of the
        // lowercase tokens are new words, and one in eight is a new word of
        // more than seven letters.
        let mut words = KeySet::with_capacity(lower / 2, lower / 8);
        for (i, token) in tokens.iter().enumerate() {
            if is_lower_word(token) {
                words.insert_key(Key::of(tokens, i));
            }
        }
        words
    }
}

fn is_lower_word(token: &Token) -> bool {
    token.kind == TokenKind::Word && token.shape == Shape::Lower
}

/// Headlines set in capitals give no case evidence: at least three words,
/// and three in five of them in capitals.
pub(crate) fn mostly_capitals(tokens: &Tokens, sentence: &Sentence) -> bool {
    let sentence = &tokens.as_slice()[sentence.tokens.clone()];
    let (mut words, mut capitals) = (0, 0);
    for token in sentence {
        if token.kind == TokenKind::Word {
            words += 1;
            capitals += usize::from(token.shape == Shape::AllCaps);
            // Capitals are at most the sentence's other tokens beside
            // them: past two in five of its tokens, the words not in
            // capitals settle it (most sentences are prose).
            if (words - capitals) * 5 > sentence.len() * 2 {
                return false;
            }
        }
    }
    words >= 3 && capitals * 5 >= words * 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{split_sentences, tokenize};

    proptest::proptest! {
        /// Every question gets the answer of the definition (some token
        /// with that key is a lowercase word), whether the text is searched
        /// for it or the set built after the first questions answers it.
        #[test]
        fn lowercase_words_answer_by_their_definition(
            text in "(([Tt]he|[Ss]aid|[Pp]eace|[Dd]evelopment|developments|talk|Talks|TALKS|é|Élan|élan|x) ){1,40}",
            questions in proptest::collection::vec(
                "the|said|peace|development|talk|talks|elan|élan|x|y|", 1..48),
        ) {
            let tokens = tokenize(&text);
            let words = LowercaseWords::of(&tokens);
            for question in &questions {
                let defined = (0..tokens.len())
                    .any(|i| is_lower_word(&tokens[i]) && tokens.key(i) == question);
                proptest::prop_assert_eq!(words.contains(question), defined, "{}", question);
            }
        }
    }

    fn classified(text: &str, given: &[&str]) -> Vec<(String, EntityKind)> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let claimed = vec![false; tokens.len()];
        let given: HashSet<String> = given.iter().map(|s| s.to_string()).collect();
        classify_unknown_names(
            &tokens,
            &sentences,
            &claimed,
            &given,
            &LowercaseWords::of(&tokens),
        )
        .into_iter()
        .map(|c| (text[c.span].to_owned(), c.kind))
        .collect()
    }

    /// Like `classified`, with the tokens of `known` already claimed by
    /// other mentions.
    fn classified_around(text: &str, known: &str, given: &[&str]) -> Vec<(String, EntityKind)> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let at = text.find(known).expect("known text is in the text");
        let claimed: Vec<bool> = tokens
            .iter()
            .map(|t| t.span.start >= at && t.span.end <= at + known.len())
            .collect();
        let given: HashSet<String> = given.iter().map(|s| s.to_string()).collect();
        classify_unknown_names(
            &tokens,
            &sentences,
            &claimed,
            &given,
            &LowercaseWords::of(&tokens),
        )
        .into_iter()
        .map(|c| (text[c.span].to_owned(), c.kind))
        .collect()
    }

    /// The early answer is the count's answer: three words in five in
    /// capitals, at least three words, at every mix of cases.
    #[test]
    fn mostly_capitals_counts_the_words_in_capitals() {
        for capitals in 0..7 {
            for lower in 0..7 {
                for punct in [0, 3] {
                    let words: Vec<&str> = std::iter::repeat_n("NATO", capitals)
                        .chain(std::iter::repeat_n("talks", lower))
                        .chain(std::iter::repeat_n(",", punct))
                        .collect();
                    for order in [words.clone(), words.iter().rev().copied().collect()] {
                        let text = order.join(" ");
                        let tokens = tokenize(&text);
                        let sentence = Sentence {
                            span: crate::span::Span::new(0, text.len()),
                            tokens: 0..tokens.len(),
                            dateline: None,
                        };
                        let expected =
                            capitals + lower >= 3 && capitals * 5 >= (capitals + lower) * 3;
                        assert_eq!(mostly_capitals(&tokens, &sentence), expected, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn connector_before_a_claimed_name_stays_out() {
        assert_eq!(
            classified_around(
                "The column by Hollin Tarrow of Reuters ran late.",
                "Reuters",
                &["hollin"]
            ),
            [("Hollin Tarrow".to_owned(), EntityKind::Person)]
        );
    }

    #[test]
    fn common_noun_for_a_body_before_a_name_makes_an_org() {
        assert_eq!(
            classified("Profits rose at the insurer Ostcap last year.", &[]),
            [("Ostcap".to_owned(), EntityKind::Org)]
        );
    }

    #[test]
    fn words_only_bodies_have_make_an_org() {
        assert_eq!(
            classified("Yesterday Marlow Partners shares fell sharply.", &[]),
            [("Marlow Partners".to_owned(), EntityKind::Org)]
        );
        assert_eq!(
            classified("Analysts praised Quenbytel's net profit again.", &[]),
            [("Quenbytel".to_owned(), EntityKind::Org)]
        );
    }

    #[test]
    fn apposition_headed_by_a_body_makes_an_org() {
        assert_eq!(
            classified(
                "Loans from Ostcap, the country's largest private bank, rose.",
                &[]
            ),
            [("Ostcap".to_owned(), EntityKind::Org)]
        );
        assert_eq!(
            classified("Money from Ostcap, a bank clerk, vanished.", &[]),
            []
        );
    }

    #[test]
    fn a_role_before_the_body_keeps_the_apposition_a_person_s() {
        assert_eq!(
            classified(
                "Sales slowed, said Tamsin Oduya, an analyst with Marlow Group.",
                &[]
            ),
            [("Marlow Group".to_owned(), EntityKind::Org)]
        );
    }

    #[test]
    fn a_given_name_after_a_body_noun_is_still_a_person() {
        assert_eq!(
            classified("The buyer was the insurer Tamsin Oduya.", &["tamsin"]),
            [("Tamsin Oduya".to_owned(), EntityKind::Person)]
        );
    }

    #[test]
    fn lone_letters_and_sentence_words_are_no_bodies() {
        assert_eq!(classified("Then B shares were issued.", &[]), []);
        assert_eq!(classified("So The chairman left early.", &[]), []);
    }

    #[test]
    fn an_org_found_by_context_is_found_again_where_nothing_says_so() {
        assert_eq!(
            classified(
                "Profits rose at the insurer Ostcap. Later Ostcap plans to expand.",
                &[]
            ),
            [
                ("Ostcap".to_owned(), EntityKind::Org),
                ("Ostcap".to_owned(), EntityKind::Org)
            ]
        );
        assert_eq!(classified("Later Ostcap plans to expand.", &[]), []);
    }

    #[test]
    fn organization_head_makes_an_org() {
        assert_eq!(
            classified("Delegates of the Tigris Reform Council met.", &[]),
            [("Tigris Reform Council".to_owned(), EntityKind::Org)]
        );
    }

    #[test]
    fn place_head_makes_a_place() {
        assert_eq!(
            classified("Fighting spread across Wadi Safra Province overnight.", &[]),
            [("Wadi Safra Province".to_owned(), EntityKind::Place)]
        );
    }

    #[test]
    fn verb_of_saying_makes_a_person() {
        assert_eq!(
            classified("After the vote, Tamsin Oduya said the bill was dead.", &[]),
            [("Tamsin Oduya".to_owned(), EntityKind::Person)]
        );
    }

    #[test]
    fn known_given_name_makes_a_person() {
        assert_eq!(
            classified("The letter reached Ibrahim Qasemi late.", &["ibrahim"]),
            [("Ibrahim Qasemi".to_owned(), EntityKind::Person)]
        );
    }

    #[test]
    fn role_apposition_makes_a_person() {
        assert_eq!(
            classified(
                "The plan came from Dara Velkova, the finance minister of Ostland.",
                &[]
            ),
            [("Dara Velkova".to_owned(), EntityKind::Person)]
        );
    }

    #[test]
    fn initials_and_a_surname_make_a_person() {
        assert_eq!(
            classified(
                "The survey was led by J. Okonkwo and Hana R. Tanaka last spring.",
                &[]
            ),
            [
                ("J. Okonkwo".to_owned(), EntityKind::Person),
                ("Hana R. Tanaka".to_owned(), EntityKind::Person)
            ]
        );
    }

    #[test]
    fn people_joined_by_and_are_split() {
        assert_eq!(
            classified(
                "Tamsin Oduya and Hollin Tarrow said the bill was dead.",
                &[]
            ),
            [("Hollin Tarrow".to_owned(), EntityKind::Person)]
        );
        assert_eq!(
            classified("Delegates of the Trade and Industry Council met.", &[]),
            [("Trade and Industry Council".to_owned(), EntityKind::Org)]
        );
    }

    #[test]
    fn person_of_an_organization_is_split() {
        assert_eq!(
            classified(
                "The forecast came from Hollin Tarrow of the Tigris Savings Bank.",
                &["hollin"]
            ),
            [
                ("Hollin Tarrow".to_owned(), EntityKind::Person),
                ("Tigris Savings Bank".to_owned(), EntityKind::Org)
            ]
        );
        assert_eq!(
            classified("Delegates of the Bank of Ostland Council met.", &["hollin"]),
            [("Bank of Ostland Council".to_owned(), EntityKind::Org)]
        );
    }

    #[test]
    fn initial_before_a_common_word_is_no_name() {
        assert!(classified("They met in room B. Officials said little.", &[]).is_empty());
    }

    #[test]
    fn single_word_after_in_is_a_place() {
        assert_eq!(
            classified("Protests continued in Qalat for a week.", &[]),
            [("Qalat".to_owned(), EntityKind::Place)]
        );
    }

    #[test]
    fn thin_evidence_is_left_out() {
        assert!(
            classified(
                "The Velvet Committee plan was praised by Hollin Tarrow yesterday.",
                &[]
            )
            .iter()
            .all(|(t, _)| t != "Hollin Tarrow")
        );
        assert!(classified("Blue Horizon won praise.", &[]).is_empty());
    }

    #[test]
    fn sentence_initial_common_word_is_not_a_name() {
        assert_eq!(
            classified("Despite Ana Lutz said nothing, it passed.", &[]),
            [("Ana Lutz".to_owned(), EntityKind::Person)]
        );
    }

    #[test]
    fn scorecard_marks_make_players() {
        let found = |text: &str| -> Vec<String> {
            classified(text, &[])
                .into_iter()
                .filter(|(_, kind)| *kind == EntityKind::Person)
                .map(|(name, _)| name)
                .collect()
        };
        assert_eq!(
            found("T. Okafor c Velkova b Dube 45"),
            ["T. Okafor", "Velkova", "Dube"]
        );
        assert_eq!(found("Marten lbw b Quist 7"), ["Marten", "Quist"]);
        assert_eq!(found("Ivo Marten not out 12"), ["Ivo Marten"]);
        assert_eq!(
            found("Bowling: Quist 10-1-42-3, Dube 9.4-0-51-2"),
            ["Quist", "Dube"]
        );
        // the tail of a hyphenated name is no player of its own
        assert!(
            found("Ali-ul-Marten c Dube b Quist 35")
                .iter()
                .all(|n| n != "Marten")
        );
        // a score is no bowling figure, and "beat" no bowler's mark
        assert!(found("Marten beat Quist 10-1 on Monday.").is_empty());
    }

    #[test]
    fn capitals_headline_is_skipped() {
        assert!(classified("TALKS COLLAPSE AS TARROW WALKS OUT", &[]).is_empty());
    }
}
