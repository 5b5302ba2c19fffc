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

use std::cmp::Ordering;
use std::ops::Range;

use crate::document::{EntityKind, Source};
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

/// One proposed entity mention before overlap resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
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
    /// Canonical name, where known.
    pub canonical: Option<String>,
    /// A stable key for the real-world thing (gazetteer entry), used to cluster.
    pub key: Option<String>,
    /// The value, for dates.
    pub value: Option<crate::document::DateValue>,
    /// What produced it.
    pub source: Source,
    /// Further attributes ("title", "country", …).
    pub attributes: Vec<(String, String)>,
}

impl Candidate {
    /// A mention of `kind` over the tokens `run`, proposed by `rule`
    /// without a gazetteer entry, a value or attributes behind it.
    pub(crate) fn from_rule(
        tokens: &Tokens,
        run: Range<usize>,
        kind: EntityKind,
        priority: i32,
        evidence: Evidence,
        rule: &str,
    ) -> Candidate {
        Candidate {
            span: Span::new(tokens[run.start].span.start, tokens[run.end - 1].span.end),
            tokens: run,
            kind,
            priority,
            evidence,
            canonical: None,
            key: None,
            value: None,
            source: Source::Rule(rule.to_owned()),
            attributes: Vec::new(),
        }
    }
}

/// The order in which candidates claim their tokens.
pub type OverlapOrder = fn(&Candidate, &Candidate) -> Ordering;

/// The default order: priority, then length, then evidence, then leftmost.
pub fn default_order(a: &Candidate, b: &Candidate) -> Ordering {
    b.priority
        .cmp(&a.priority)
        .then_with(|| b.tokens.len().cmp(&a.tokens.len()))
        .then_with(|| b.evidence.cmp(&a.evidence))
        .then_with(|| a.span.start.cmp(&b.span.start))
        .then_with(|| a.kind.cmp(&b.kind))
}

/// Keeps a non-overlapping subset of `candidates`, claiming tokens in
/// `order`, and returns it in text order.
pub fn resolve_overlaps(
    mut candidates: Vec<Candidate>,
    token_count: usize,
    order: OverlapOrder,
) -> Vec<Candidate> {
    candidates.sort_by(order);
    let mut claimed = vec![false; token_count];
    let mut kept = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let range = candidate.tokens.start.min(token_count)..candidate.tokens.end.min(token_count);
        if range.is_empty() || claimed[range.clone()].iter().any(|&c| c) {
            continue;
        }
        claimed[range].iter_mut().for_each(|c| *c = true);
        kept.push(candidate);
    }
    kept.sort_by_key(|c| c.span.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(
        tokens: Range<usize>,
        kind: EntityKind,
        priority: i32,
        evidence: Evidence,
    ) -> Candidate {
        Candidate {
            span: Span::new(tokens.start * 10, tokens.end * 10),
            tokens,
            kind,
            priority,
            evidence,
            canonical: None,
            key: None,
            value: None,
            source: Source::Rule("test".into()),
            attributes: Vec::new(),
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
            default_order,
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
            default_order,
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
            default_order,
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
            default_order,
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
            default_order,
        );
        assert_eq!(kept.len(), 1);
    }
}
