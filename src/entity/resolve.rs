//! Overlap resolution: every span gets one label.
//!
//! Candidates come from gazetteer matches, entity rules and date
//! recognition, and they overlap freely. The policy picks a non-overlapping
//! subset greedily, best candidate first. The default order is:
//!
//! 1. higher priority (rule priority; gazetteer matches carry a priority by
//!    match kind, see [`Evidence`]),
//! 2. then the longer span (in tokens),
//! 3. then the stronger evidence (a full gazetteer name over a rule guess),
//! 4. then the leftmost.
//!
//! The order is a plain comparison function, so a caller can swap it.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;
use std::sync::Arc;

use crate::document::{EntityKind, Source};
use crate::gazetteer::{Entry, EntryId};
use crate::span::Span;
use crate::text::Tokens;

/// How strong the evidence behind a candidate is; higher is stronger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// An unknown capitalized sequence classified by context alone.
    Context,
    /// A surname or other name part derived from a gazetteer entry.
    PartialName,
    /// A bundled or user rule.
    Rule,
    /// A full alias of a gazetteer entry.
    Gazetteer,
}

/// What proposed a candidate. A gazetteer entry's source and attributes
/// are read from the entry when a mention is written out: most gazetteer
/// candidates lose to a longer or stronger one, and making their strings
/// up front was a quarter of the extraction's allocations.
/// A rule's source is likewise made when its mention is written out, and
/// then once per rule and thread ([`RuleSources`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// A gazetteer entry.
    Entry(EntryId),
    /// A rule or pass of the stage.
    Rule(RuleId),
}

/// The id of a rule or pass as a candidate carries it, without a copy: a
/// compiled rule's shared id or a pass's own name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleId {
    /// A rule of a rule set, by the id the compiled rule holds.
    Compiled(Arc<str>),
    /// A pass of the stage written in Rust ("place/dateline").
    Pass(&'static str),
}

impl RuleId {
    /// The id as written in sources ("person/title-name/1").
    pub fn as_str(&self) -> &str {
        match self {
            RuleId::Compiled(id) => id,
            RuleId::Pass(id) => id,
        }
    }
}

impl From<&'static str> for Provenance {
    fn from(pass: &'static str) -> Provenance {
        Provenance::Rule(RuleId::Pass(pass))
    }
}

impl Provenance {
    /// True when a rule or pass with id `id` proposed the candidate.
    pub fn is_rule(&self, id: &str) -> bool {
        matches!(self, Provenance::Rule(rule) if rule.as_str() == id)
    }
}

/// The [`Source`] of each rule and pass, made on the first mention it
/// writes out and shared by the later ones: the cache of one thread's
/// extractions ([`crate::Cache`]) keeps it, so only a thread's first
/// documents make them.
#[derive(Debug, Default)]
pub(crate) struct RuleSources(rustc_hash::FxHashMap<Box<str>, Arc<Source>>);

impl RuleSources {
    /// The source of mentions found by `rule`.
    pub fn source(&mut self, rule: &RuleId) -> Arc<Source> {
        let id = rule.as_str();
        if let Some(source) = self.0.get(id) {
            return Arc::clone(source);
        }
        let source = Arc::new(Source::Rule(id.to_owned()));
        self.0.insert(id.into(), Arc::clone(&source));
        source
    }

    /// The bytes of heap memory it holds, roughly: each id twice (the key
    /// and the source's copy), a map slot and the shared source.
    pub fn memory_usage(&self) -> usize {
        self.0.keys().map(|id| 2 * id.len() + 96).sum()
    }
}

/// One proposed entity mention before overlap resolution. A gazetteer
/// candidate's canonical name and key are borrowed from its entry (`'g`,
/// the gazetteer's lifetime) until the mention is written out: most of
/// these candidates lose to another, and copying the two strings for each
/// was the largest source of allocations left in the entity stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate<'g> {
    /// Byte span of the proposed mention.
    pub span: Span,
    /// Token indices it covers.
    pub tokens: Range<usize>,
    /// Proposed kind.
    pub kind: EntityKind,
    /// Priority: higher wins.
    pub priority: i32,
    /// Strength of the evidence, the tie-breaker after length.
    pub evidence: Evidence,
    /// The gazetteer entry whose canonical name the mention carries,
    /// where known (a short form takes its full name's).
    pub canonical: Option<&'g Entry>,
    /// A stable key for the real-world thing (gazetteer entry), used to cluster.
    pub key: Option<Cow<'g, str>>,
    /// The value, for dates.
    pub value: Option<crate::document::DateValue>,
    /// What produced it.
    pub source: Provenance,
    /// Further attributes ("title", "government_of", …), after those of
    /// its gazetteer entry ("country", "of"; see [`Provenance`]).
    pub attributes: Vec<(String, String)>,
}

impl Candidate<'_> {
    /// A mention of `kind` over the tokens `run`, proposed by `rule`
    /// without a gazetteer entry, a value or attributes behind it.
    pub(crate) fn from_rule(
        tokens: &Tokens,
        run: Range<usize>,
        kind: EntityKind,
        priority: i32,
        evidence: Evidence,
        rule: &'static str,
    ) -> Candidate<'static> {
        Candidate {
            span: Span::new(tokens[run.start].span.start, tokens[run.end - 1].span.end),
            tokens: run,
            kind,
            priority,
            evidence,
            canonical: None,
            key: None,
            value: None,
            source: rule.into(),
            attributes: Vec::new(),
        }
    }
}

/// Which mention of a list (in text order, without overlaps, as
/// [`resolve_overlaps`] leaves them) holds a token: one binary search a
/// question. A table per token cost every document a zeroed allocation
/// and a pass over its tokens, for questions most documents never ask.
#[derive(Clone, Copy)]
pub(crate) struct Owners<'a> {
    mentions: &'a [Candidate<'a>],
}

impl<'a> Owners<'a> {
    pub(crate) fn new(mentions: &'a [Candidate]) -> Owners<'a> {
        debug_assert!(
            mentions
                .windows(2)
                .all(|pair| pair[0].tokens.end <= pair[1].tokens.start),
            "mentions out of order or overlapping"
        );
        Owners { mentions }
    }

    /// The index of the mention holding token `token`, if one does.
    #[inline]
    pub(crate) fn at(&self, token: usize) -> Option<usize> {
        let index = self.mentions.partition_point(|m| m.tokens.end <= token);
        self.mentions
            .get(index)
            .is_some_and(|m| m.tokens.start <= token)
            .then_some(index)
    }

    /// The mention holding token `token`, if one does.
    #[inline]
    pub(crate) fn mention_at(&self, token: usize) -> Option<&'a Candidate<'a>> {
        self.at(token).map(|index| &self.mentions[index])
    }
}

/// Token ranges by start, each with the furthest end reached by it or a
/// range before it: whether some range starting before a token reaches
/// past another is one binary search, not a scan of every range (nor a
/// table over every token of the document).
pub(crate) struct Reaches {
    by_start: Vec<(usize, usize)>,
}

impl Reaches {
    pub(crate) fn new(ranges: impl IntoIterator<Item = Range<usize>>) -> Reaches {
        let mut by_start: Vec<(usize, usize)> =
            ranges.into_iter().map(|r| (r.start, r.end)).collect();
        by_start.sort_unstable();
        let mut furthest = 0;
        for range in &mut by_start {
            furthest = furthest.max(range.1);
            range.1 = furthest;
        }
        Reaches { by_start }
    }

    /// The furthest end of the ranges starting before token `token` (0
    /// when none does).
    pub(crate) fn furthest_before(&self, token: usize) -> usize {
        let before = self.by_start.partition_point(|&(start, _)| start < token);
        before
            .checked_sub(1)
            .map_or(0, |last| self.by_start[last].1)
    }
}

/// Where a candidate stands in the order candidates claim their tokens:
/// higher priority first, then longer, then stronger evidence, then
/// leftmost, then by kind.
type ClaimRank = (
    Reverse<i32>,
    Reverse<usize>,
    Reverse<Evidence>,
    usize,
    EntityKind,
);

fn claim_rank(candidate: &Candidate) -> ClaimRank {
    (
        Reverse(candidate.priority),
        Reverse(candidate.tokens.len()),
        Reverse(candidate.evidence),
        candidate.span.start,
        candidate.kind,
    )
}

/// Puts `candidates` in text order (stably). Most passes append a few
/// mentions, often none, to a list already in order: checking first
/// spares the sort's scratch buffer of 168-byte candidates.
pub(crate) fn sort_by_start(candidates: &mut [Candidate]) {
    if !candidates.is_sorted_by_key(|c| c.span.start) {
        candidates.sort_by_key(|c| c.span.start);
    }
}

/// Keeps a non-overlapping subset of `candidates`, claiming tokens in
/// `order`, and returns it in text order.
pub fn resolve_overlaps(candidates: Vec<Candidate>, token_count: usize) -> Vec<Candidate> {
    // Indices are sorted, not the candidates, which are 168 bytes each:
    // each is moved once, not in every step of two sorts. Each index is
    // sorted with its rank, read once, and last in the key, which keeps
    // equal ranks in input order as the stable sort of the candidates did.
    let mut ranked: Vec<(ClaimRank, u32)> = candidates
        .iter()
        .enumerate()
        .map(|(index, candidate)| (claim_rank(candidate), index as u32))
        .collect();
    ranked.sort_unstable();
    let mut claiming: Vec<u32> = ranked.into_iter().map(|(_, index)| index).collect();
    let mut claimed = vec![false; token_count];
    claiming.retain(|&index| {
        let candidate = &candidates[index as usize];
        let range = candidate.tokens.start.min(token_count)..candidate.tokens.end.min(token_count);
        if range.is_empty() || claimed[range.clone()].iter().any(|&c| c) {
            return false;
        }
        claimed[range].iter_mut().for_each(|c| *c = true);
        true
    });
    claiming.sort_by_key(|&index| candidates[index as usize].span.start);
    crate::take_in_order(candidates, &claiming)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(
        tokens: Range<usize>,
        kind: EntityKind,
        priority: i32,
        evidence: Evidence,
    ) -> Candidate<'static> {
        Candidate {
            span: Span::new(tokens.start * 10, tokens.end * 10),
            tokens,
            kind,
            priority,
            evidence,
            canonical: None,
            key: None,
            value: None,
            source: "test".into(),
            attributes: Vec::new(),
        }
    }

    /// Mention lists in text order without overlaps, gaps and empty
    /// mentions included, from a small deterministic generator.
    fn mention_lists() -> Vec<Vec<Candidate<'static>>> {
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        (0..300)
            .map(|_| {
                let mut at = next(3) as usize;
                let mut list = Vec::new();
                for _ in 0..next(8) {
                    let len = next(4) as usize;
                    list.push(candidate(
                        at..at + len,
                        EntityKind::Place,
                        0,
                        Evidence::Rule,
                    ));
                    at += len + next(3) as usize;
                }
                list
            })
            .collect()
    }

    #[test]
    fn owners_answer_as_a_table_of_every_token_would() {
        for mentions in mention_lists() {
            let end = mentions.last().map_or(0, |m| m.tokens.end) + 2;
            let mut table = vec![None; end];
            for (index, mention) in mentions.iter().enumerate() {
                for slot in &mut table[mention.tokens.clone()] {
                    *slot = Some(index);
                }
            }
            let owners = Owners::new(&mentions);
            for (token, &expected) in table.iter().enumerate() {
                assert_eq!(owners.at(token), expected, "token {token} of {mentions:?}");
                assert_eq!(
                    owners.mention_at(token),
                    expected.map(|index| &mentions[index])
                );
            }
        }
    }

    #[test]
    fn reaches_give_the_furthest_end_of_the_ranges_starting_before() {
        for mentions in mention_lists() {
            // Overlapping and unordered ranges too: every other mention
            // widened backwards, in reverse order.
            let ranges: Vec<Range<usize>> = mentions
                .iter()
                .enumerate()
                .rev()
                .map(|(i, m)| m.tokens.start.saturating_sub(i % 2 * 2)..m.tokens.end)
                .collect();
            let reaches = Reaches::new(ranges.clone());
            for token in 0..40 {
                let expected = ranges
                    .iter()
                    .filter(|r| r.start < token)
                    .map(|r| r.end)
                    .max()
                    .unwrap_or(0);
                assert_eq!(
                    reaches.furthest_before(token),
                    expected,
                    "{token} {ranges:?}"
                );
            }
        }
    }

    /// Claiming by rank gives what claiming in a stable sort by the
    /// spelled-out order gives, ties (equal ranks) included.
    #[test]
    fn candidates_claim_in_the_order_of_their_rank() {
        let mut next = crate::test_numbers();
        let kinds = [EntityKind::Person, EntityKind::Org, EntityKind::Place];
        let evidence = [Evidence::Context, Evidence::Rule, Evidence::Gazetteer];
        for _ in 0..2_000 {
            let candidates: Vec<Candidate<'static>> = (0..next(9))
                .map(|id| {
                    let start = next(8);
                    let mut c = candidate(
                        start..start + next(4),
                        kinds[next(3)],
                        next(3) as i32 * 10 - 10,
                        evidence[next(3)],
                    );
                    c.attributes = vec![("id".to_owned(), id.to_string())];
                    c
                })
                .collect();
            let order = |a: &Candidate, b: &Candidate| {
                b.priority
                    .cmp(&a.priority)
                    .then_with(|| b.tokens.len().cmp(&a.tokens.len()))
                    .then_with(|| b.evidence.cmp(&a.evidence))
                    .then_with(|| a.span.start.cmp(&b.span.start))
                    .then_with(|| a.kind.cmp(&b.kind))
            };
            let mut expected = candidates.clone();
            expected.sort_by(order);
            let mut claimed = [false; 12];
            expected.retain(|c| {
                let range = c.tokens.clone();
                if range.is_empty() || claimed[range.clone()].iter().any(|&t| t) {
                    return false;
                }
                claimed[range].iter_mut().for_each(|t| *t = true);
                true
            });
            expected.sort_by_key(|c| c.span.start);
            assert_eq!(resolve_overlaps(candidates, 12), expected);
        }
    }

    #[test]
    fn higher_priority_wins_over_longer() {
        let kept = resolve_overlaps(
            vec![
                candidate(0..3, EntityKind::Org, 10, Evidence::Rule),
                candidate(1..2, EntityKind::Person, 20, Evidence::Rule),
            ],
            5,
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].kind, EntityKind::Person);
    }

    #[test]
    fn longer_wins_at_equal_priority() {
        let kept = resolve_overlaps(
            vec![
                candidate(1..2, EntityKind::Place, 10, Evidence::Gazetteer),
                candidate(0..3, EntityKind::Org, 10, Evidence::Rule),
            ],
            5,
        );
        assert_eq!(
            kept.iter().map(|c| c.kind).collect::<Vec<_>>(),
            [EntityKind::Org]
        );
    }

    #[test]
    fn gazetteer_beats_rule_at_equal_priority_and_length() {
        let kept = resolve_overlaps(
            vec![
                candidate(0..2, EntityKind::Person, 10, Evidence::Rule),
                candidate(0..2, EntityKind::Org, 10, Evidence::Gazetteer),
            ],
            5,
        );
        assert_eq!(kept[0].kind, EntityKind::Org);
    }

    #[test]
    fn disjoint_candidates_all_survive_in_text_order() {
        let kept = resolve_overlaps(
            vec![
                candidate(3..4, EntityKind::Place, 1, Evidence::Gazetteer),
                candidate(0..2, EntityKind::Person, 1, Evidence::Gazetteer),
            ],
            5,
        );
        assert_eq!(
            kept.iter().map(|c| c.tokens.start).collect::<Vec<_>>(),
            [0, 3]
        );
    }

    #[test]
    fn out_of_range_tokens_do_not_panic() {
        let kept = resolve_overlaps(
            vec![candidate(4..9, EntityKind::Place, 1, Evidence::Rule)],
            5,
        );
        assert_eq!(kept.len(), 1);
    }
}
