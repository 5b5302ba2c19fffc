//! The compiled matcher: aliases tokenized like the text, their tokens
//! interned as skeleton ids, and a trie over id sequences anchored at token
//! starts.
//!
//! Why a trie over interned ids rather than a byte-level Aho-Corasick
//! automaton over alias strings: every match must start and end on a token
//! boundary, so the search restarts only at token starts and never needs
//! failure links; a text token that occurs in no alias (most of them) costs
//! one hash probe and ends the walk at once. The per-token cost therefore
//! does not depend on how many aliases there are, and the tables stay
//! small enough to compile a million aliases in about a second (a byte DFA
//! over a million aliases would not fit in memory).

use super::entry::Entry;
// The tables are built from gazetteers and only probed by text, so a fast
// non-cryptographic hash is safe. rustc-hash 2 ends by rotating the well-mixed
// high bits of its product into the low bits hashbrown picks buckets with:
// the job the avalanche step of the hand-written hasher it replaced did.
use super::load::{Gazetteer, GazetteerError, Problem};
use super::transliterate::{self, ARTICLE};
use crate::document::EntityKind;
use crate::keymap::{Key, KeyMap};
use crate::lexicon::word_list;
use crate::span::Span;
use crate::text::{Shape, TokenKind, Tokenizing, Tokens, tokenize};
use jiff::civil::Date;
use rustc_hash::FxHashMap as FastMap;
use std::collections::HashMap;
use std::ops::Range;

/// An entry's index in a [`GazetteerMatcher`] (over all its gazetteers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(u32);

impl EntryId {
    /// The index into [`GazetteerMatcher::entries`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How a match reached its entry; weaker kinds are weaker evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MatchKind {
    /// The canonical name or a listed alias.
    Full,
    /// A listed alias written as a single all-caps token ("NATO", "UNGA").
    Acronym,
    /// A surname derived from a PERSON name ("Stoltenberg", "Al-Sudani").
    Surname,
}

/// One entry a match may refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Candidate {
    /// The entry; see [`GazetteerMatcher::entry`].
    pub entry: EntryId,
    /// How the text reached it.
    pub kind: MatchKind,
}

/// A token-aligned gazetteer match. Its candidates come from
/// [`GazetteerMatcher::candidates`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazetteerMatch {
    span: Span,
    first_token: u32,
    end_token: u32,
    node: u32,
    lower: u64,
}

impl GazetteerMatch {
    /// The byte span of the matched text.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The matched tokens, as indices into the [`Tokens`] searched.
    pub fn tokens(&self) -> Range<usize> {
        self.first_token as usize..self.end_token as usize
    }
}

#[derive(Clone, Copy, Debug)]
struct Record {
    entry: u32,
    kind: MatchKind,
    /// Bit `i` set: the alias's `i`-th token has a capital, so a lowercase
    /// text token cannot match it.
    caps: u64,
    /// An earlier record of the same node has the same entry (under
    /// other capitals), so candidates must skip it when that one matched.
    repeat: bool,
}

const NONE: u32 = u32::MAX;

/// A token id with the trie node it leads to from the root (0: none), kept
/// together so the first step of a walk costs no second lookup.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Id {
    id: u32,
    root: u32,
}

const NO_ID: Id = Id { id: NONE, root: 0 };

impl Default for Id {
    fn default() -> Id {
        NO_ID
    }
}

/// Generational suffixes, skipped when deriving a surname ("King" from "Martin Luther King Jr.").
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// The compiled form of one or more gazetteers: finds every alias in
/// tokenized text and answers name and office lookups.
///
/// ```
/// use herald::gazetteer::{Gazetteer, GazetteerMatcher, MatchKind};
/// use herald::text::tokenize;
///
/// let places = Gazetteer::parse("places", "PLACE\tBaghdad\t\tcountry=IQ\n").unwrap();
/// let people = Gazetteer::parse("people", "PERSON\tMohammed Shia al-Sudani\t\tcountry=IQ\n").unwrap();
/// let matcher = GazetteerMatcher::new(&[places, people]).unwrap();
///
/// let text = "Muhammad Shiaa’ Al-Sudani flew to BAGHDAD; Sudani spoke.";
/// let tokens = tokenize(text);
/// let found: Vec<(&str, &str, MatchKind)> = matcher
///     .find(text, &tokens)
///     .iter()
///     .flat_map(|m| matcher.candidates(m).map(move |c| (&text[m.span()], c)))
///     .map(|(s, c)| (s, matcher.entry(c.entry).canonical(), c.kind))
///     .collect();
/// assert_eq!(found, [
///     ("Muhammad Shiaa’ Al-Sudani", "Mohammed Shia al-Sudani", MatchKind::Full),
///     ("BAGHDAD", "Baghdad", MatchKind::Full),
///     ("Sudani", "Mohammed Shia al-Sudani", MatchKind::Surname),
/// ]);
/// ```
#[derive(Clone, Debug)]
pub struct GazetteerMatcher {
    entries: Vec<Entry>,
    /// Stripped text key (skeleton or a listed spelling of one) → token id.
    ids: KeyMap<Id>,
    article: Id,
    /// The token kinds aliases contain (see `kind_bit`): text tokens of
    /// other kinds skip the vocabulary probe.
    kinds: u8,
    /// `(node << 32) | id` → child node.
    edges: FastMap<u64, u32>,
    /// Each node's range in `records` (empty for inner nodes).
    ranges: Vec<(u32, u32)>,
    records: Vec<Record>,
    /// `(office key, body key)` → `(entry, term index)`.
    offices: HashMap<(String, String), Vec<(u32, u32)>>,
}

/// One token of an alias, after the matching rules.
#[derive(Clone, Copy)]
struct Unit {
    id: u32,
    caps: bool,
    word_start: bool,
    /// The article (any spelling).
    article: bool,
    /// A lowercase particle that stays with a surname ("von", "al").
    particle: bool,
    /// Punctuation ("," "."), never the end of a surname.
    punct: bool,
    /// A generational suffix ("Jr", "III"), never a surname.
    suffix: bool,
    /// A period attached to the previous token ("Mr.").
    period: bool,
}

impl GazetteerMatcher {
    /// Compiles gazetteers into one matcher. Fails when two gazetteers share
    /// a name (sources would be ambiguous).
    pub fn new(gazetteers: &[Gazetteer]) -> Result<GazetteerMatcher, GazetteerError> {
        GazetteerMatcher::from_gazetteers(gazetteers.to_vec())
    }

    /// Like [`GazetteerMatcher::new`], taking the gazetteers by value to
    /// spare a copy of their entries.
    pub fn from_gazetteers(gazetteers: Vec<Gazetteer>) -> Result<GazetteerMatcher, GazetteerError> {
        let mut problems = Vec::new();
        let mut seen = HashMap::new();
        for gazetteer in &gazetteers {
            if seen.insert(gazetteer.name(), ()).is_some() {
                problems.push(Problem {
                    path: gazetteer.name().to_owned(),
                    line: 0,
                    column: 0,
                    message: format!(
                        "two gazetteers are named \"{}\": names must be unique",
                        gazetteer.name()
                    ),
                });
            }
        }
        if !problems.is_empty() {
            return Err(GazetteerError::new(problems));
        }
        let entries: Vec<Entry> = gazetteers
            .into_iter()
            .flat_map(Gazetteer::into_entries)
            .collect();
        Ok(Builder::default().build(entries))
    }

    /// Every entry, over all gazetteers, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with id `id`.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.index()]
    }

    /// Ids of every entry, for iteration together with [`GazetteerMatcher::entry`].
    pub fn entry_ids(&self) -> impl Iterator<Item = EntryId> + '_ {
        (0..self.entries.len() as u32).map(EntryId)
    }

    /// Finds gazetteer matches in `text`, whose tokens are `tokens`: leftmost
    /// first, longest at each start, never overlapping, always token-aligned.
    /// A longer alias whose capitals the text does not honor gives way to a
    /// shorter one that fits.
    ///
    /// ```
    /// use herald::gazetteer::{Gazetteer, GazetteerMatcher};
    /// use herald::text::tokenize;
    /// let places = Gazetteer::parse("places", "PLACE\tNew York\nPLACE\tNew York City\nPLACE\tTurkey\n").unwrap();
    /// let matcher = GazetteerMatcher::new(&[places]).unwrap();
    /// let text = "From New York city to NEW YORK CITY, no turkey in Turkey.";
    /// let tokens = tokenize(text);
    /// let found: Vec<(&str, std::ops::Range<usize>)> =
    ///     matcher.find(text, &tokens).iter().map(|m| (&text[m.span()], m.tokens())).collect();
    /// assert_eq!(found, [("New York", 1..3), ("NEW YORK CITY", 5..8), ("Turkey", 12..13)]);
    /// ```
    pub fn find(&self, text: &str, tokens: &Tokens) -> Vec<GazetteerMatch> {
        self.find_looked_up(text, tokens, None)
    }

    /// [`GazetteerMatcher::find`] with the tokens' ids looked up by the
    /// caller: `ids[i]` is what [`GazetteerMatcher::vocabulary`] holds for
    /// token `i`'s key (a map made by [`KeyMap::union`] answers it with
    /// another map's value in the same lookup).
    pub(crate) fn find_with_ids(
        &self,
        text: &str,
        tokens: &Tokens,
        ids: &[Id],
    ) -> Vec<GazetteerMatch> {
        debug_assert_eq!(ids.len(), tokens.len());
        self.find_looked_up(text, tokens, Some(ids))
    }

    /// The vocabulary of the aliases' words: a token key's id.
    pub(crate) fn vocabulary(&self) -> &KeyMap<Id> {
        &self.ids
    }

    fn find_looked_up(
        &self,
        text: &str,
        tokens: &Tokens,
        looked_up: Option<&[Id]>,
    ) -> Vec<GazetteerMatch> {
        debug_assert!(
            tokens
                .iter()
                .last()
                .is_none_or(|t| t.span.end <= text.len())
        );
        let stream = self.stream(tokens, looked_up);
        let slice = tokens.as_slice();
        let mut found = Vec::new();
        let mut s = 0;
        while s < stream.len() {
            let (Id { root: node, .. }, first) = stream[s];
            if node == 0 {
                s += 1;
                continue;
            }
            let mut node = node;
            let mut lower = u64::from(slice[first as usize].shape == Shape::Lower);
            let mut best = None;
            let mut j = s;
            loop {
                if self.accepts(node, lower) {
                    best = Some((j, node, lower));
                }
                j += 1;
                let Some(&(Id { id: next, .. }, token)) = stream.get(j) else {
                    break;
                };
                if next == NONE {
                    break;
                }
                match self.edges.get(&((u64::from(node) << 32) | u64::from(next))) {
                    Some(&child) => node = child,
                    None => break,
                }
                let offset = j - s;
                if offset < 64 && slice[token as usize].shape == Shape::Lower {
                    lower |= 1 << offset;
                }
            }
            match best {
                Some((end, node, lower)) => {
                    let last = stream[end].1 as usize;
                    found.push(GazetteerMatch {
                        span: Span::new(slice[first as usize].span.start, slice[last].span.end),
                        first_token: first,
                        end_token: last as u32 + 1,
                        node,
                        lower,
                    });
                    s = end + 1;
                }
                None => s += 1,
            }
        }
        found
    }

    /// The entries `found` may refer to: full names and acronyms first, then
    /// derived surnames; within a kind, larger population first, then load
    /// order. Each entry appears once.
    ///
    /// ```
    /// use herald::gazetteer::{Gazetteer, GazetteerMatcher, MatchKind};
    /// use herald::text::tokenize;
    /// let source = "PLACE\tWashington\t\tkind=city ; population=689545\n\
    ///               PLACE\tWashington\t\tkind=state ; population=7812880\n\
    ///               PERSON\tGeorge Washington\n";
    /// let matcher = GazetteerMatcher::new(&[Gazetteer::parse("us", source).unwrap()]).unwrap();
    /// let text = "WASHINGTON (AP) —";
    /// let tokens = tokenize(text);
    /// let found = matcher.find(text, &tokens);
    /// let candidates: Vec<(&str, Option<&str>, MatchKind)> = matcher
    ///     .candidates(&found[0])
    ///     .map(|c| (matcher.entry(c.entry).canonical(), matcher.entry(c.entry).subtype(), c.kind))
    ///     .collect();
    /// assert_eq!(candidates, [
    ///     ("Washington", Some("state"), MatchKind::Full),
    ///     ("Washington", Some("city"), MatchKind::Full),
    ///     ("George Washington", None, MatchKind::Surname),
    /// ]);
    /// ```
    pub fn candidates(&self, found: &GazetteerMatch) -> Candidates<'_> {
        self.candidates_of(found.node, found.lower)
    }

    /// Candidates for an exact name ("NATO", "Al-Sudani"), under the same
    /// rules as [`GazetteerMatcher::find`]; empty when `name` is no alias.
    ///
    /// ```
    /// use herald::gazetteer::{Gazetteer, GazetteerMatcher};
    /// let places = Gazetteer::parse("places", "PLACE\tGeorgia\t\tkind=country\nPLACE\tGeorgia\t\tkind=state\n").unwrap();
    /// let matcher = GazetteerMatcher::new(&[places]).unwrap();
    /// assert_eq!(matcher.lookup("Georgia").count(), 2);
    /// assert_eq!(matcher.lookup("georgia").count(), 0);
    /// ```
    pub fn lookup(&self, name: &str) -> Candidates<'_> {
        let tokens = tokenize(name);
        self.lookup_tokens(&tokens, 0..tokens.len())
    }

    /// [`GazetteerMatcher::lookup`] of the name made of `tokens[range]`,
    /// read where they are: a mention's words need not be copied out and
    /// tokenized again. The tokens after `range` are not looked at, so the
    /// answer is the one for the range's text on its own.
    pub(crate) fn lookup_tokens(&self, tokens: &Tokens, range: Range<usize>) -> Candidates<'_> {
        let mut node = 0;
        let mut lower = 0u64;
        let mut scratch = String::new();
        let (start, end) = (range.start, range.end);
        let mut offset = 0;
        for i in range {
            // The first token starts the name's own text: nothing it could join.
            if i > start && is_joiner(tokens, i) {
                continue;
            }
            let Id { id, root } = self.token_id(tokens, i, end, None, &mut scratch);
            if id == NONE {
                return self.candidates_of(0, 0);
            }
            let child = if offset == 0 {
                root
            } else {
                self.edges
                    .get(&((u64::from(node) << 32) | u64::from(id)))
                    .copied()
                    .unwrap_or(0)
            };
            if child == 0 {
                return self.candidates_of(0, 0);
            }
            node = child;
            if offset < 64 && tokens[i].shape == Shape::Lower {
                lower |= 1 << offset;
            }
            offset += 1;
        }
        self.candidates_of(node, lower)
    }

    /// The person who held `office` of `body` on `on`, from `held=` terms.
    /// `office` may be any alias of a TITLE entry ("PM"); `body` a country
    /// code, or any alias of an ORG, of a country or of a demonym ("NATO",
    /// "Iraq", "Iraqi"). When terms overlap, the latest to start wins.
    ///
    /// ```
    /// use herald::gazetteer::{Gazetteer, GazetteerMatcher};
    /// let people = Gazetteer::parse("people", "\
    /// PERSON\tJens Stoltenberg\t\theld=Secretary-General@NATO:2014-10-01..2024-10-01
    /// PERSON\tMark Rutte\t\theld=Secretary-General@NATO:2024-10-01..
    /// ").unwrap();
    /// let matcher = GazetteerMatcher::new(&[people]).unwrap();
    /// let holder = matcher.office_holder("Secretary General", "NATO", jiff::civil::date(2025, 3, 1));
    /// assert_eq!(holder.map(|id| matcher.entry(id).canonical()), Some("Mark Rutte"));
    /// ```
    pub fn office_holder(&self, office: &str, body: &str, on: Date) -> Option<EntryId> {
        let office = self.office_key(office);
        let mut best: Option<(Date, u32)> = None;
        for body in self.body_keys(body) {
            for &(entry, term) in self
                .offices
                .get(&(office.clone(), body))
                .into_iter()
                .flatten()
            {
                let term = &self.entries[entry as usize].offices[term as usize];
                if term.covers(on) && best.is_none_or(|(from, _)| term.from > from) {
                    best = Some((term.from, entry));
                }
            }
        }
        best.map(|(_, entry)| EntryId(entry))
    }

    fn candidates_of(&self, node: u32, lower: u64) -> Candidates<'_> {
        let (start, end) = self.ranges.get(node as usize).copied().unwrap_or((0, 0));
        Candidates {
            records: &self.records[start as usize..end as usize],
            next: 0,
            lower,
        }
    }

    #[inline]
    fn accepts(&self, node: u32, lower: u64) -> bool {
        let (start, end) = self.ranges[node as usize];
        self.records[start as usize..end as usize]
            .iter()
            .any(|r| r.caps & lower == 0)
    }

    /// The token ids of `tokens` with joiners dropped, each with its token
    /// index; a plain key's id from `looked_up` when given.
    fn stream(&self, tokens: &Tokens, looked_up: Option<&[Id]>) -> Vec<(Id, u32)> {
        let slice = tokens.as_slice();
        let mut stream = Vec::with_capacity(slice.len());
        let mut scratch = String::new();
        for i in 0..slice.len() {
            if is_joiner(tokens, i) {
                continue;
            }
            stream.push((
                self.token_id(tokens, i, slice.len(), looked_up, &mut scratch),
                i as u32,
            ));
        }
        stream
    }

    /// The word id of token `i` (of a name ending before token `end`);
    /// `scratch` holds a key stripped of its marks.
    #[inline(always)]
    fn token_id(
        &self,
        tokens: &Tokens,
        i: usize,
        end: usize,
        looked_up: Option<&[Id]>,
        scratch: &mut String,
    ) -> Id {
        if self.kinds & kind_bit(tokens[i].kind) == 0 {
            NO_ID
        } else if i + 1 < end && is_article_before_hyphen(tokens, i) {
            self.article
        } else if !tokens.plain_key(i) && transliterate::needs_stripping_bytes(tokens.key_bytes(i))
        {
            transliterate::strip_marks_into(tokens.key(i), scratch);
            self.ids.get(scratch.as_str()).unwrap_or(NO_ID)
        } else if let Some(ids) = looked_up {
            ids[i]
        } else {
            self.ids.get_key(Key::of(tokens, i)).unwrap_or(NO_ID)
        }
    }

    /// The key offices are indexed under: the TITLE canonical when `office`
    /// is a TITLE alias, else its folded words.
    fn office_key(&self, office: &str) -> String {
        let title = self.lookup(office).find(|c| {
            self.entry(c.entry).kind == EntityKind::Title && c.kind != MatchKind::Surname
        });
        match title {
            Some(c) => words_key(&self.entry(c.entry).canonical),
            None => words_key(office),
        }
    }

    /// Keys a body is indexed under: `cc:xx` for a country (by code, country
    /// name or demonym), `org:N` for an ORG entry, else its folded words.
    fn body_keys(&self, body: &str) -> Vec<String> {
        let trimmed = body.trim();
        if trimmed.len() == 2 && trimmed.bytes().all(|b| b.is_ascii_uppercase()) {
            return vec![format!("cc:{}", trimmed.to_ascii_lowercase())];
        }
        let mut keys = Vec::new();
        for candidate in self
            .lookup(trimmed)
            .filter(|c| c.kind != MatchKind::Surname)
        {
            let entry = self.entry(candidate.entry);
            let key = match entry.kind {
                EntityKind::Org => Some(format!("org:{}", candidate.entry.0)),
                EntityKind::Place if entry.subtype() == Some("country") => entry
                    .country()
                    .map(|cc| format!("cc:{}", cc.to_ascii_lowercase())),
                EntityKind::Demonym => entry.of().and_then(|place| {
                    self.lookup(place)
                        .map(|c| self.entry(c.entry))
                        .find(|e| e.kind == EntityKind::Place && e.subtype() == Some("country"))
                        .and_then(|e| e.country())
                        .map(|cc| format!("cc:{}", cc.to_ascii_lowercase()))
                }),
                _ => None,
            };
            if let Some(key) = key
                && !keys.contains(&key)
            {
                keys.push(key);
            }
        }
        if keys.is_empty() {
            keys.push(format!("name:{}", words_key(trimmed)));
        }
        keys
    }
}

/// Iterator over the candidates of one match or lookup.
#[derive(Clone, Debug)]
pub struct Candidates<'a> {
    records: &'a [Record],
    next: usize,
    lower: u64,
}

impl Iterator for Candidates<'_> {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        while let Some(record) = self.records.get(self.next) {
            let earlier = &self.records[..self.next];
            self.next += 1;
            let accepted = |r: &Record| r.caps & self.lower == 0;
            if accepted(record)
                && !(record.repeat
                    && earlier
                        .iter()
                        .any(|r| r.entry == record.entry && accepted(r)))
            {
                return Some(Candidate {
                    entry: EntryId(record.entry),
                    kind: record.kind,
                });
            }
        }
        None
    }
}

/// Hyphens and apostrophes attached to the previous token are not matched:
/// "Al-Sudani" is "Al Sudani", "Shiaa’" is "Shiaa".
/// The token's fields first: they rule out most tokens without reading
/// the key.
#[inline]
fn is_joiner(tokens: &Tokens, i: usize) -> bool {
    let token = &tokens[i];
    !token.space_before
        && token.kind == TokenKind::Punct
        && matches!(tokens.key_bytes(i), b"-" | b"'")
}

/// One bit per token kind, for `GazetteerMatcher::kinds`.
#[inline]
fn kind_bit(kind: TokenKind) -> u8 {
    // a table by the kind's index: the match compiled to a jump table
    const BITS: [u8; 8] = {
        let mut bits = [16; 8];
        bits[TokenKind::Word as usize] = 1;
        bits[TokenKind::Number as usize] = 2;
        bits[TokenKind::Punct as usize] = 4;
        bits[TokenKind::Symbol as usize] = 8;
        bits
    };
    BITS.get(kind as usize).copied().unwrap_or(16)
}

/// An assimilated article ("ash", "ad") directly followed by an attached hyphen.
#[inline(always)]
fn is_article_before_hyphen(tokens: &Tokens, i: usize) -> bool {
    // the next token's fields first: few tokens have punctuation glued on
    tokens
        .get(i + 1)
        .is_some_and(|next| !next.space_before && next.kind == TokenKind::Punct)
        && tokens.key_bytes(i + 1) == b"-"
        && tokens.key_bytes(i).len() <= 3
        && transliterate::is_sun_letter_article(tokens.key(i))
}

/// Folded words of a name joined by single spaces, joiners dropped: the
/// key under which spellings of one alias are the same name.
pub(crate) fn words_key(name: &str) -> String {
    let tokens = tokenize(name);
    let mut key = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if is_joiner(&tokens, i) || (token.kind == TokenKind::Punct && tokens.key_is(i, "-")) {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&transliterate::skeleton(tokens.key(i)));
    }
    key
}

#[derive(Default)]
struct Builder {
    ids: FastMap<Box<str>, u32>,
    root: Vec<u32>,
    edges: FastMap<u64, u32>,
    nodes: u32,
    /// (node, record, the entry's population) of every alias inserted.
    pending: Vec<(u32, Record, u64)>,
    populations: Vec<u64>,
    scratch: String,
    /// The tokenizer's buffers, reused from alias to alias.
    tokenizing: Tokenizing,
    kinds: u8,
}

impl Builder {
    fn build(mut self, entries: Vec<Entry>) -> GazetteerMatcher {
        self.nodes = 1;
        self.populations = entries.iter().map(|e| e.population.unwrap_or(0)).collect();
        // Sized for the names, so the maps are not rehashed as they grow:
        // about one distinct word and one trie edge a name.
        let names: usize = entries.iter().map(|e| 1 + e.aliases.len()).sum();
        self.ids.reserve(names);
        self.edges.reserve(names);
        let mut units = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let index = index as u32;
            for name in entry.names() {
                units.clear();
                let acronym = self.alias_units(name, entry.kind, &mut units);
                if units.is_empty() {
                    continue;
                }
                let kind = if acronym {
                    MatchKind::Acronym
                } else {
                    MatchKind::Full
                };
                let record = Record {
                    entry: index,
                    kind,
                    caps: 0,
                    repeat: false,
                };
                self.insert(&units, record);
                // "Mr." and "Washington, D.C." also match without their final
                // period, as British style writes them.
                if units.len() > 1 && units[units.len() - 1].period {
                    self.insert(&units[..units.len() - 1], record);
                }
                if entry.kind == EntityKind::Person {
                    for range in surname_ranges(&units) {
                        self.insert(
                            &units[range],
                            Record {
                                entry: index,
                                kind: MatchKind::Surname,
                                caps: 0,
                                repeat: false,
                            },
                        );
                    }
                }
            }
        }
        let root = std::mem::take(&mut self.root);
        let mut ids: FastMap<Box<str>, Id> = std::mem::take(&mut self.ids)
            .into_iter()
            .map(|(key, id)| {
                (
                    key,
                    Id {
                        id,
                        root: root[id as usize],
                    },
                )
            })
            .collect();
        // Text may use any listed spelling of a skeleton.
        let skeletons: Vec<(String, Id)> =
            ids.iter().map(|(k, &v)| (String::from(&**k), v)).collect();
        for (skeleton, id) in skeletons {
            for spelling in transliterate::spellings_of(&skeleton) {
                ids.entry(Box::from(*spelling)).or_insert(id);
            }
        }
        let article = ids.get(ARTICLE).copied().unwrap_or(NO_ID);
        let (ranges, records) = self.finish_records();
        let mut matcher = GazetteerMatcher {
            entries,
            ids: KeyMap::new(ids),
            article,
            kinds: self.kinds,
            edges: self.edges,
            ranges,
            records,
            offices: HashMap::new(),
        };
        let mut offices: HashMap<(String, String), Vec<(u32, u32)>> = HashMap::new();
        for (index, entry) in matcher.entries.iter().enumerate() {
            for (term_index, term) in entry.offices.iter().enumerate() {
                let office = matcher.office_key(&term.office);
                for body in matcher.body_keys(&term.body) {
                    offices
                        .entry((office.clone(), body))
                        .or_default()
                        .push((index as u32, term_index as u32));
                }
            }
        }
        matcher.offices = offices;
        matcher
    }

    /// The matching units of one alias: tokenized like text, joiners
    /// dropped, each token reduced to its interned skeleton. Returns whether
    /// the alias is a single all-caps token, maybe with a final period (an acronym).
    fn alias_units(&mut self, name: &str, kind: EntityKind, out: &mut Vec<Unit>) -> bool {
        let mut tokenizing = std::mem::take(&mut self.tokenizing);
        let tokens = tokenizing.tokenize(name);
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut word_start = true;
        for (i, token) in tokens.iter().enumerate() {
            if is_joiner(tokens, i) {
                continue;
            }
            let key = tokens.key(i);
            let skeleton = if is_article_before_hyphen(tokens, i) {
                ARTICLE
            } else {
                transliterate::strip_marks_into(key, &mut scratch);
                transliterate::skeleton_of_stripped(&scratch)
            };
            let article = skeleton == ARTICLE;
            let lower = token.shape == Shape::Lower || article;
            self.kinds |= kind_bit(token.kind);
            let cased = !matches!(token.shape, Shape::Lower | Shape::Uncased);
            out.push(Unit {
                id: self.intern(skeleton),
                // Titles match in any case, but an acronym keeps its capitals
                // even there ("PM" is not the "pm" of "5 pm").
                caps: cased
                    && !article
                    && (kind != EntityKind::Title || token.shape == Shape::AllCaps),
                word_start: token.space_before || word_start,
                article,
                particle: lower && word_list!("particle").contains(skeleton),
                punct: token.kind == TokenKind::Punct,
                suffix: NAME_SUFFIXES.contains(&skeleton),
                period: skeleton == "." && !token.space_before,
            });
            word_start = false;
        }
        self.scratch = scratch;
        // "NATO", and "U.S." with its final period.
        let words = out.len() - usize::from(out.len() > 1 && out[out.len() - 1].period);
        let acronym = words == 1 && tokens.len() <= 2 && tokens[0].shape == Shape::AllCaps;
        self.tokenizing = tokenizing;
        acronym
    }

    fn intern(&mut self, skeleton: &str) -> u32 {
        if let Some(&id) = self.ids.get(skeleton) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(Box::from(skeleton), id);
        self.root.push(0);
        id
    }

    fn insert(&mut self, units: &[Unit], mut record: Record) {
        let mut node = 0u32;
        for (offset, unit) in units.iter().enumerate() {
            let id = unit.id;
            if unit.caps && offset < 64 {
                record.caps |= 1 << offset;
            }
            let next = self.nodes;
            let child = if offset == 0 {
                let slot = &mut self.root[id as usize];
                if *slot == 0 {
                    *slot = next;
                }
                *slot
            } else {
                *self
                    .edges
                    .entry((u64::from(node) << 32) | u64::from(id))
                    .or_insert(next)
            };
            if child == next {
                self.nodes += 1;
            }
            node = child;
        }
        let population = self.populations[record.entry as usize];
        self.pending.push((node, record, population));
    }

    fn finish_records(&mut self) -> (Vec<(u32, u32)>, Vec<Record>) {
        // Grouped by node with a counting sort (linear: one comparison sort
        // of every record was a sixth of loading the defaults), then each
        // small group ordered by kind, population (larger first), entry and
        // capitals. The population rides along: looking it up in every
        // comparison cost more than the sort itself.
        let mut starts = vec![0u32; self.nodes as usize + 1];
        for &(node, _, _) in &self.pending {
            starts[node as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut grouped = self.pending.clone();
        let mut next = starts.clone();
        for &item in &self.pending {
            let slot = &mut next[item.0 as usize];
            grouped[*slot as usize] = item;
            *slot += 1;
        }
        for window in starts.windows(2) {
            grouped[window[0] as usize..window[1] as usize].sort_unstable_by_key(
                |&(_, r, population)| (r.kind, std::cmp::Reverse(population), r.entry, r.caps),
            );
        }
        self.pending = grouped;
        // An entry reached in full needs no surname candidate at the same node.
        let mut records: Vec<Record> = Vec::with_capacity(self.pending.len());
        let mut ranges = vec![(0u32, 0u32); self.nodes as usize];
        let mut start = 0;
        while start < self.pending.len() {
            let node = self.pending[start].0;
            let mut end = start;
            while end < self.pending.len() && self.pending[end].0 == node {
                end += 1;
            }
            let first = records.len() as u32;
            let group = &self.pending[start..end];
            for &(_, mut record, _) in group {
                let kept = &records[first as usize..];
                // Records come strongest kind first, so an earlier record of the
                // same entry that needs no more capitals makes this one redundant.
                if kept
                    .iter()
                    .any(|r| r.entry == record.entry && r.caps & !record.caps == 0)
                {
                    continue;
                }
                record.repeat = kept.iter().any(|r| r.entry == record.entry);
                records.push(record);
            }
            ranges[node as usize] = (first, records.len() as u32);
            start = end;
        }
        self.pending = Vec::new();
        (ranges, records)
    }
}

/// Unit ranges of the surnames derived from a PERSON name: the last word
/// with any lowercase particles before it ("von der Leyen"), and that
/// without a leading Arabic article ("Sudani" from "al-Sudani").
fn surname_ranges(units: &[Unit]) -> Vec<Range<usize>> {
    let mut end = units.len();
    while end > 1 && (units[end - 1].punct || (units[end - 1].suffix && units[end - 1].word_start))
    {
        end -= 1;
    }
    let units = &units[..end];
    let words: Vec<usize> = (0..units.len()).filter(|&i| units[i].word_start).collect();
    let Some(&last) = words.last() else {
        return Vec::new();
    };
    let mut start = last;
    for &word in words.iter().rev().skip(1) {
        let single = word + 1 == start;
        if single && units[word].particle {
            start = word;
        } else {
            break;
        }
    }
    let mut ranges = Vec::new();
    if start > 0 {
        ranges.push(start..units.len());
    }
    let mut bare = start;
    while bare + 1 < units.len() && units[bare].article {
        bare += 1;
    }
    if bare > start && bare > 0 {
        ranges.push(bare..units.len());
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name read from a document's tokens is looked up as the same text
    /// on its own would be: every range of a sentence (names with joiners,
    /// an article before a hyphen, a range ending on that article)
    /// gives the candidates `lookup` gives its text.
    #[test]
    fn lookup_of_tokens_agrees_with_lookup_of_their_text() {
        let gazetteer = Gazetteer::parse(
            "test",
            "PERSON\tAli al-Rahimi\n\
             PERSON\tAl\n\
             TITLE\tPrime Minister\n\
             TITLE\tprime minister\n\
             PLACE\tSaint-Denis\n\
             ORG\tO'Neill Group\n",
        )
        .unwrap();
        let matcher = GazetteerMatcher::new(&[gazetteer]).unwrap();
        let text = "Prime Minister Ali al-Rahimi met the prime minister of \
                    Saint-Denis, Al, and the O'Neill Group.";
        let tokens = tokenize(text);
        let answers = |c: Candidates<'_>| c.map(|c| (c.entry, c.kind)).collect::<Vec<_>>();
        let mut found = 0;
        for start in 0..tokens.len() {
            for end in start + 1..=tokens.len().min(start + 5) {
                let span = Span::new(tokens[start].span.start, tokens[end - 1].span.end);
                let by_tokens = answers(matcher.lookup_tokens(&tokens, start..end));
                let by_text = answers(matcher.lookup(&text[span]));
                assert_eq!(by_tokens, by_text, "{:?}", &text[span]);
                found += usize::from(!by_tokens.is_empty());
            }
        }
        assert!(found >= 6, "only {found} ranges named an entry");
    }

    /// The tokens' ids looked up by a caller (in a map of the vocabulary
    /// joined with another) find what the matcher's own lookups find.
    #[test]
    fn ids_looked_up_by_the_caller_find_the_same_names() {
        let gazetteer = Gazetteer::parse(
            "test",
            "PERSON\tAli al-Rahimi\n\
             PLACE\tSaint-Denis\n\
             PLACE\tSão Paulo\n\
             ORG\tO'Neill Group\n",
        )
        .unwrap();
        let matcher = GazetteerMatcher::new(&[gazetteer]).unwrap();
        let others = KeyMap::new([("met", 1u32), ("group", 2)]);
        let words = matcher.vocabulary().union(&others, (NO_ID, 0));
        let text = "Ali al-Rahimi met the O'Neill Group in Sao Paulo and São Paulo, \
                    then Saint-Denis.";
        let tokens = tokenize(text);
        let ids: Vec<Id> = (0..tokens.len())
            .map(|i| {
                words
                    .get_key(Key::of(&tokens, i))
                    .map_or(NO_ID, |(id, _)| id)
            })
            .collect();
        let found = matcher.find(text, &tokens);
        assert!(found.len() >= 4, "{found:?}");
        assert_eq!(matcher.find_with_ids(text, &tokens, &ids), found);
    }
}
