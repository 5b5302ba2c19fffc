//! Overlap resolution between matches.

use super::{Produces, RuleMatch};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// How overlapping matches are resolved. Matches are ranked by the policy's
/// order and accepted greedily: a match is kept unless it overlaps (shares a
/// token with) a match already kept in the same [`OverlapScope`]. Ties are
/// broken by the order of the rules in their files, so results are
/// deterministic.
///
/// ```
/// use herald::pattern::{OverlapPolicy, OverlapScope, RuleSet};
/// let mut rules = RuleSet::parse("demo.rules", r#"
/// rule demo/long/1 -> Statement priority 1
///   match Cap "said" "today"
///   example "Ruto said today."
/// rule demo/short/1 -> Statement priority 5
///   match "said"
///   example "Ruto said."
/// "#).unwrap();
/// let text = "Ruto said today.";
/// let tokens = herald::text::tokenize(text);
/// let sentences = herald::text::split_sentences(text, &tokens);
///
/// let found = rules.find_document(text, &tokens, &sentences, &[]);
/// assert_eq!(found.iter().map(|m| &*m.rule).collect::<Vec<_>>(), ["demo/short/1"]);
///
/// rules.set_overlap(OverlapPolicy::LongestPriorityLeftmost, OverlapScope::SameType);
/// let found = rules.find_document(text, &tokens, &sentences, &[]);
/// assert_eq!(found.iter().map(|m| &*m.rule).collect::<Vec<_>>(), ["demo/long/1"]);
/// ```
#[derive(Clone, Copy, Debug, Default)]
#[non_exhaustive]
pub enum OverlapPolicy {
    /// Keep every match, overlapping or not (each rule still reports at most
    /// its longest match per start token).
    KeepAll,
    /// Higher priority first, then the longer match (in tokens), then the
    /// leftmost. The default.
    #[default]
    PriorityLongestLeftmost,
    /// The longer match first, then higher priority, then the leftmost.
    LongestPriorityLeftmost,
    /// A custom order: `Ordering::Less` means the first match is preferred.
    Custom(fn(&RuleMatch, &RuleMatch) -> Ordering),
}

/// Which matches compete when they overlap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum OverlapScope {
    /// Only matches producing the same type compete: a Statement and a
    /// Meeting over the same tokens are both kept. The default.
    #[default]
    SameType,
    /// Every match competes with every other.
    AllTypes,
}

/// Resolves overlaps among `matches`, each paired with its rule's index in
/// file order; returns the kept matches in text order.
pub(crate) fn resolve(
    mut matches: Vec<(usize, RuleMatch)>,
    policy: OverlapPolicy,
    scope: OverlapScope,
) -> Vec<RuleMatch> {
    if matches.len() <= 1 {
        return matches.into_iter().map(|(_, m)| m).collect();
    }
    let order: fn(&RuleMatch, &RuleMatch) -> Ordering = match policy {
        OverlapPolicy::KeepAll => {
            matches.sort_by(text_order);
            return matches.into_iter().map(|(_, m)| m).collect();
        }
        OverlapPolicy::PriorityLongestLeftmost => |a, b| {
            b.priority
                .cmp(&a.priority)
                .then(b.tokens.len().cmp(&a.tokens.len()))
                .then(a.tokens.start.cmp(&b.tokens.start))
        },
        OverlapPolicy::LongestPriorityLeftmost => |a, b| {
            b.tokens
                .len()
                .cmp(&a.tokens.len())
                .then(b.priority.cmp(&a.priority))
                .then(a.tokens.start.cmp(&b.tokens.start))
        },
        OverlapPolicy::Custom(order) => order,
    };
    matches.sort_by(|a, b| order(&a.1, &b.1).then(a.0.cmp(&b.0)).then(text_order(a, b)));
    let mut out: Vec<(usize, RuleMatch)> = Vec::with_capacity(matches.len());
    let same_scope =
        |a: &RuleMatch, b: &RuleMatch| scope == OverlapScope::AllTypes || a.produces == b.produces;
    if matches.len() <= 64 {
        // Few matches (the usual sentence): compare with each kept one.
        for (index, m) in matches {
            let overlaps = out.iter().any(|(_, k)| {
                same_scope(k, &m) && k.tokens.start < m.tokens.end && m.tokens.start < k.tokens.end
            });
            if !overlaps {
                out.push((index, m));
            }
        }
    } else {
        // Kept matches per scope as start -> end; kept intervals never
        // overlap, so only the nearest one to the left can overlap a candidate.
        let mut kept: HashMap<Option<Produces>, BTreeMap<usize, usize>> = HashMap::new();
        for (index, m) in matches {
            let key = (scope == OverlapScope::SameType).then_some(m.produces);
            let intervals = kept.entry(key).or_default();
            let overlaps = intervals
                .range(..m.tokens.end)
                .next_back()
                .is_some_and(|(_, &end)| end > m.tokens.start);
            if !overlaps {
                intervals.insert(m.tokens.start, m.tokens.end);
                out.push((index, m));
            }
        }
    }
    out.sort_by(text_order);
    out.into_iter().map(|(_, m)| m).collect()
}

fn text_order(a: &(usize, RuleMatch), b: &(usize, RuleMatch)) -> Ordering {
    a.1.tokens
        .start
        .cmp(&b.1.tokens.start)
        .then(a.1.tokens.end.cmp(&b.1.tokens.end))
        .then(a.0.cmp(&b.0))
}
