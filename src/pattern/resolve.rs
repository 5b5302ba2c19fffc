//! Overlap resolution between matches.

use super::{Produces, RuleMatch};
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// How overlapping matches are resolved. Matches are ranked by the policy's
/// order and accepted greedily: a match is kept unless it overlaps (shares a
/// token with) a match already kept in the same [`OverlapScope`]. Ties are
/// broken by the order of the rules in their files, so results are
/// deterministic.
///
/// ```
/// use herald::pattern::{Cache, OverlapPolicy, OverlapScope, RuleSet};
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
/// let mut cache = Cache::new();
///
/// let found = rules.find_document(&mut cache, text, &tokens, &sentences, &[]);
/// assert_eq!(found.iter().map(|m| &*m.rule).collect::<Vec<_>>(), ["demo/short/1"]);
///
/// rules.set_overlap(OverlapPolicy::LongestPriorityLeftmost, OverlapScope::SameType);
/// let found = rules.find_document(&mut cache, text, &tokens, &sentences, &[]);
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
        let mut kept: HashMap<Option<Produces>, BTreeMap<usize, usize>> = HashMap::default();
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

/// What the built-in policies rank a match by, known before the match is
/// built.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ranked {
    /// The rule's index in file order.
    pub index: usize,
    pub priority: i32,
    pub produces: Produces,
    pub start: usize,
    pub end: usize,
}

/// [`resolve`] for the built-in policies, on ranking facts alone: leaves
/// in `kept` the positions in `matches` of the kept ones, in text order
/// (a buffer the caller reuses across sentences). False for a custom
/// policy, which needs whole matches.
pub(crate) fn resolve_ranked(
    matches: &[Ranked],
    policy: OverlapPolicy,
    scope: OverlapScope,
    kept: &mut Vec<usize>,
) -> bool {
    let text_order = |a: &Ranked, b: &Ranked| {
        a.start
            .cmp(&b.start)
            .then(a.end.cmp(&b.end))
            .then(a.index.cmp(&b.index))
    };
    kept.clear();
    if matches.len() <= 1 {
        kept.extend(0..matches.len());
        return true;
    }
    let rank: fn(&Ranked, &Ranked) -> Ordering = match policy {
        OverlapPolicy::KeepAll => {
            kept.extend(0..matches.len());
            kept.sort_by(|&a, &b| text_order(&matches[a], &matches[b]));
            return true;
        }
        OverlapPolicy::PriorityLongestLeftmost => |a, b| {
            b.priority
                .cmp(&a.priority)
                .then((b.end - b.start).cmp(&(a.end - a.start)))
                .then(a.start.cmp(&b.start))
        },
        OverlapPolicy::LongestPriorityLeftmost => |a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(b.priority.cmp(&a.priority))
                .then(a.start.cmp(&b.start))
        },
        OverlapPolicy::Custom(_) => return false,
    };
    let mut order: Vec<usize> = (0..matches.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&matches[a], &matches[b]);
        rank(a, b)
            .then(a.index.cmp(&b.index))
            .then(text_order(a, b))
    });
    let same_scope =
        |a: &Ranked, b: &Ranked| scope == OverlapScope::AllTypes || a.produces == b.produces;
    let out = kept;
    if order.len() <= 64 {
        for i in order {
            let m = &matches[i];
            let overlaps = out.iter().any(|&k| {
                let k = &matches[k];
                same_scope(k, m) && k.start < m.end && m.start < k.end
            });
            if !overlaps {
                out.push(i);
            }
        }
    } else {
        let mut kept: HashMap<Option<Produces>, BTreeMap<usize, usize>> = HashMap::default();
        for i in order {
            let m = &matches[i];
            let key = (scope == OverlapScope::SameType).then_some(m.produces);
            let intervals = kept.entry(key).or_default();
            let overlaps = intervals
                .range(..m.end)
                .next_back()
                .is_some_and(|(_, &end)| end > m.start);
            if !overlaps {
                intervals.insert(m.start, m.end);
                out.push(i);
            }
        }
    }
    out.sort_by(|&a, &b| text_order(&matches[a], &matches[b]));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{EntityKind, EventKind};
    use crate::span::Span;

    /// Pseudo-random sentences of overlapping matches (some above the
    /// 64-match threshold where the interval map is used).
    fn cases() -> Vec<Vec<(usize, RuleMatch)>> {
        let mut numbers = crate::test_numbers();
        let mut next = move |n: u64| numbers(n as usize);
        let kinds = [
            Produces::Entity(EntityKind::Person),
            Produces::Event(EventKind::Statement),
            Produces::Event(EventKind::Meeting),
        ];
        (0..200)
            .map(|case| {
                let count = if case % 10 == 0 {
                    70 + next(60)
                } else {
                    next(12)
                };
                (0..count)
                    .map(|_| {
                        let start = next(40);
                        let end = start + 1 + next(8);
                        let m = RuleMatch {
                            rule: "r".into(),
                            produces: kinds[next(3)],
                            priority: next(4) as i32 - 1,
                            span: Span::new(start, end),
                            tokens: start..end,
                            anchor: start..start + 1,
                            captures: Vec::new(),
                        };
                        (next(30), m)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn ranking_facts_resolve_like_whole_matches() {
        let policies = [
            OverlapPolicy::KeepAll,
            OverlapPolicy::PriorityLongestLeftmost,
            OverlapPolicy::LongestPriorityLeftmost,
        ];
        for matches in cases() {
            for policy in policies {
                for scope in [OverlapScope::SameType, OverlapScope::AllTypes] {
                    let ranked: Vec<Ranked> = matches
                        .iter()
                        .map(|(index, m)| Ranked {
                            index: *index,
                            priority: m.priority,
                            produces: m.produces,
                            start: m.tokens.start,
                            end: m.tokens.end,
                        })
                        .collect();
                    let mut positions = vec![usize::MAX; 3];
                    assert!(resolve_ranked(&ranked, policy, scope, &mut positions));
                    let kept: Vec<RuleMatch> =
                        positions.iter().map(|&i| matches[i].1.clone()).collect();
                    assert_eq!(
                        kept,
                        resolve(matches.clone(), policy, scope),
                        "{policy:?} {scope:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn custom_policies_need_whole_matches() {
        let custom = OverlapPolicy::Custom(|a, b| a.tokens.start.cmp(&b.tokens.start));
        let m = Ranked {
            index: 0,
            priority: 0,
            produces: Produces::Event(EventKind::Statement),
            start: 0,
            end: 2,
        };
        assert!(!resolve_ranked(
            &[m, m],
            custom,
            OverlapScope::SameType,
            &mut Vec::new()
        ));
    }
}
