//! The reference matcher: a second, plain engine that says what the fast
//! one must find, for the tests that compare them.
//!
//! It shares only the compiled rules, atom semantics ([`Input::passes`])
//! and the building and resolving of matches with the fast search, and
//! leaves out every speed-up: it runs every rule in every sentence (no
//! anchor index, no required words), from every start position over the
//! whole sentence (no windows, no skipping to a token a match can start
//! with), anti-patterns included, follows epsilon transitions by walking
//! the original instructions (no precomputed closures) and tests tokens
//! with the original tests (no flattened ops). Captures are plain vectors
//! rather than a shared arena.
//!
//! What it does keep is the semantics both engines define: a Pike VM
//! where threads at a position are unique per instruction and ranked by
//! start, leftmost first; among threads with the same start, those that
//! stepped from the previous token rank before those landing from a longer
//! entity, which rank in the order they jumped; within one thread, a split
//! prefers its first branch. For each end position the highest-ranked
//! thread reaching `Match` makes the match, and a rule keeps, per start,
//! its longest match that no anti-pattern overlaps.

use std::cell::Cell;
use std::ops::Range;

use super::compile::{Inst, Program};
use super::search::{Candidate, CaptureRange};
use super::vm::{Input, NO_WORD};
use super::{Annotation, RuleMatch, RuleSet, class, resolve};
use crate::document::EntityKind;
use crate::text::{Sentence, Tokens};

/// What [`RuleSet::find_document`] must return.
pub(super) fn find_document(
    set: &RuleSet,
    text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    annotations: &[Annotation],
) -> Vec<RuleMatch> {
    let mut out = Vec::new();
    for sentence in sentences {
        let range = sentence.tokens.start.min(tokens.len())..sentence.tokens.end.min(tokens.len());
        if range.is_empty() {
            continue;
        }
        let found = sentence_matches(set, text, tokens, range, annotations);
        out.extend(resolve::resolve(found, set.policy, set.scope));
    }
    out
}

/// Every rule's matches in one sentence, before overlap resolution.
/// The vocabulary ids of the tokens in `range`, each looked up by its
/// key as a string.
fn vocabulary_ids(set: &RuleSet, tokens: &Tokens, range: Range<usize>) -> Vec<u32> {
    range
        .map(|i| set.vocabulary().get(tokens.key(i)).unwrap_or(NO_WORD))
        .collect()
}

fn sentence_matches(
    set: &RuleSet,
    text: &str,
    tokens: &Tokens,
    range: Range<usize>,
    annotations: &[Annotation],
) -> Vec<(usize, RuleMatch)> {
    let c = &set.compiled;
    let base = range.start;
    let n = range.len();
    let ids = vocabulary_ids(set, tokens, range.clone());
    let masks: Vec<u8> = range
        .clone()
        .map(|i| class::mask(text, &tokens[i]))
        .collect();
    let entities: Vec<(usize, usize, EntityKind)> = annotations
        .iter()
        .filter(|a| {
            range.start <= a.tokens.start && a.tokens.end <= range.end && !a.tokens.is_empty()
        })
        .map(|a| (a.tokens.start - base, a.tokens.end - base, a.kind))
        .collect();
    let memo = vec![Cell::new(0); n * c.regexes.len()];
    // Only the atoms' tests read `input`; entities are handled here.
    let input = Input {
        ids: &ids,
        masks: &masks,
        ann_offsets: &[],
        anns: &[],
        ann_kinds: &[],
        sets: &c.sets,
        word_sigs: &c.word_sigs,
        regexes: &c.regexes,
        tokens: &tokens.as_slice()[range],
        text,
        regex_memo: &memo,
    };
    let mut out = Vec::new();
    for (index, rule) in c.rules.iter().enumerate() {
        let mut matches = run(&rule.program, &input, &entities);
        if rule.sentence_start {
            matches.retain(|m| m.start == 0);
        }
        // The longest match per start.
        matches.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        matches.dedup_by_key(|m| m.start);
        for anti in &rule.unless {
            let vetoes = run(anti, &input, &entities);
            matches.retain(|m| !vetoes.iter().any(|a| a.start < m.end && m.start < a.end));
        }
        for m in matches {
            let caps = captures(&m.saves, rule.program.captures.len());
            let candidate = Candidate {
                rule: index as u32,
                start: m.start,
                end: m.end,
                caps: (0, caps.len() as u32),
            };
            out.push((
                index,
                set.build(tokens, &ids, base, &candidate, &caps, Vec::new()),
            ));
        }
    }
    out
}

#[derive(Clone, Debug)]
struct Thread {
    pc: u32,
    start: u32,
    /// Capture boundaries passed, as (slot, position), in order.
    saves: Vec<(u32, u32)>,
}

struct Match {
    start: u32,
    end: u32,
    saves: Vec<(u32, u32)>,
}

/// Runs `program` over the whole sentence from every start: for each end
/// position the highest-ranked match.
fn run(
    program: &Program,
    input: &Input<'_>,
    entities: &[(usize, usize, EntityKind)],
) -> Vec<Match> {
    let n = input.ids.len();
    let mut matches = Vec::new();
    // Threads that stepped from the previous token, and per position the
    // threads landing there from a longer entity, in the order they jumped.
    let mut stepped: Vec<Thread> = Vec::new();
    let mut landing: Vec<Vec<Thread>> = vec![Vec::new(); n + 1];
    for p in 0..=n {
        let mut arrived = std::mem::take(&mut stepped);
        arrived.append(&mut landing[p]);
        arrived.sort_by_key(|t| t.start);
        let mut seen = vec![false; program.insts.len()];
        let mut here: Vec<Thread> = Vec::new();
        for thread in arrived {
            follow(program, thread, p, &mut seen, &mut here);
        }
        if p < n {
            let new = Thread {
                pc: 0,
                start: p as u32,
                saves: Vec::new(),
            };
            follow(program, new, p, &mut seen, &mut here);
        }
        for thread in here {
            let next = Thread {
                pc: thread.pc + 1,
                ..thread.clone()
            };
            match &program.insts[thread.pc as usize] {
                Inst::Match => {
                    if (thread.start as usize) < p {
                        matches.push(Match {
                            start: thread.start,
                            end: p as u32,
                            saves: thread.saves,
                        });
                    }
                }
                Inst::Entity(kind) => {
                    for &(_, end, _) in entities.iter().filter(|e| e.0 == p && e.2 == *kind) {
                        if end == p + 1 {
                            stepped.push(next.clone());
                        } else {
                            landing[end].push(next.clone());
                        }
                    }
                }
                Inst::Test(test) => {
                    if p < n && input.passes(test, p) {
                        stepped.push(next);
                    }
                }
                Inst::Dispatch(table) => {
                    let word = input.ids.get(p);
                    if let Some(&(_, to)) = program.tables[*table as usize]
                        .iter()
                        .find(|(w, _)| Some(w) == word)
                    {
                        stepped.push(Thread { pc: to, ..next });
                    }
                }
                Inst::Split(..) | Inst::Jmp(_) | Inst::Save(_) => {
                    unreachable!("follow stops only at consuming instructions and Match")
                }
            }
        }
    }
    matches
}

/// Adds `thread` and every thread reachable from it without consuming a
/// token to `out`, depth first, a split's first branch first; an
/// instruction already reached at this position is not entered again.
fn follow(program: &Program, thread: Thread, p: usize, seen: &mut [bool], out: &mut Vec<Thread>) {
    let pc = thread.pc as usize;
    if std::mem::replace(&mut seen[pc], true) {
        return;
    }
    match program.insts[pc] {
        Inst::Jmp(to) => follow(program, Thread { pc: to, ..thread }, p, seen, out),
        Inst::Split(a, b) => {
            follow(
                program,
                Thread {
                    pc: a,
                    ..thread.clone()
                },
                p,
                seen,
                out,
            );
            follow(program, Thread { pc: b, ..thread }, p, seen, out);
        }
        Inst::Save(slot) => {
            let mut saves = thread.saves;
            saves.push((slot, p as u32));
            let next = Thread {
                pc: thread.pc + 1,
                start: thread.start,
                saves,
            };
            follow(program, next, p, seen, out);
        }
        _ => out.push(thread),
    }
}

/// The captures of a match as (capture index, start, end), in order of
/// their start: each close pairs with the latest open of its capture, and
/// empty captures are dropped.
fn captures(saves: &[(u32, u32)], count: usize) -> Vec<CaptureRange> {
    let mut open = vec![None; count];
    let mut out = Vec::new();
    for &(slot, pos) in saves {
        let index = slot as usize / 2;
        if slot % 2 == 0 {
            open[index] = Some(pos);
        } else if let Some(start) = open[index].take()
            && start < pos
        {
            out.push((index, start, pos));
        }
    }
    out.sort_by_key(|&(index, start, _)| (start, index));
    out
}

#[cfg(test)]
mod tests {
    //! The fast search against the reference: on generated rules and text,
    //! and on the bundled rules over sentences written for herald's tests.

    use super::*;
    use crate::pattern::{Cache, OverlapPolicy, OverlapScope, Produces};
    use crate::text::{split_sentences, tokenize};
    use proptest::prelude::*;

    fn element() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("\"a\"".to_owned()),
            Just("\"b\"".to_owned()),
            Just("met".to_owned()),
            Just("Cap".to_owned()),
            Just("Lower".to_owned()),
            Just("Any".to_owned()),
            Just("Punct".to_owned()),
            Just("PERSON".to_owned()),
            Just("ORG".to_owned()),
            Just("!\"a\"".to_owned()),
            Just("!(Cap | \"b\")".to_owned()),
            Just("...{0,2}".to_owned()),
            Just("...{1,3}".to_owned()),
            Just("@w".to_owned()),
            Just("!@v".to_owned()),
            Just("/^[A-Z]+$/".to_owned()),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                (
                    inner.clone(),
                    prop_oneof![
                        Just("?"),
                        Just("*"),
                        Just("+"),
                        Just("{0,2}"),
                        Just("{1,3}"),
                        Just("{2}")
                    ]
                )
                    .prop_map(|(e, q)| if e.starts_with("...") || e == "Any" {
                        e
                    } else {
                        format!("({e}){q}")
                    }),
                prop::collection::vec(inner.clone(), 1..4)
                    .prop_map(|v| format!("({})", v.join(" "))),
                prop::collection::vec(inner.clone(), 2..4)
                    .prop_map(|v| format!("({})", v.join(" | "))),
                inner.prop_map(|e| format!("participant:({e})")),
            ]
        })
    }

    /// A pattern with the anchor `said` at a mandatory position (and maybe
    /// other mandatory words), maybe opening at the sentence start (`^`),
    /// and maybe an anti-pattern.
    fn rule() -> impl Strategy<Value = (String, Option<String>)> {
        (
            prop::collection::vec(element(), 0..4),
            prop::collection::vec(element(), 0..4),
            prop::option::of(prop::collection::vec(element(), 1..3)),
            prop::bool::weighted(0.25),
        )
            .prop_map(|(before, after, unless, sentence_start)| {
                let mut parts = before;
                if sentence_start {
                    parts.insert(0, "^".to_owned());
                }
                parts.push("\"said\"".to_owned());
                parts.extend(after);
                (parts.join(" "), unless.map(|u| u.join(" ")))
            })
    }

    fn text() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            Just("a"),
            Just("b"),
            Just("said"),
            Just("met"),
            Just("Alpha"),
            Just("Beta"),
            Just("NATO"),
            Just(","),
            Just("12"),
            Just("."),
            Just("not"),
        ];
        prop::collection::vec(word, 0..40).prop_map(|words| words.join(" "))
    }

    fn rules_for(rules: &[(String, Option<String>)]) -> Option<RuleSet> {
        let mut source = String::from("words w = a \"b met\" not\nwords v = a said\n");
        for (i, (pattern, unless)) in rules.iter().enumerate() {
            source.push_str(&format!(
                "rule prop/r/{i} -> Meeting priority {}\n  match {pattern}\n",
                i % 3
            ));
            if let Some(unless) = unless {
                source.push_str(&format!("  unless {unless}\n"));
            }
            source.push_str("  example \"x\"\n");
        }
        RuleSet::parse("prop.rules", &source).ok()
    }

    /// Runs the fast search (with a cache used before, so stale state would
    /// show) and the reference, and says where they differ.
    fn compare(
        rules: &RuleSet,
        cache: &mut Cache,
        text: &str,
        annotations: &[Annotation],
    ) -> Result<(), String> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let fast = rules.find_document(cache, text, &tokens, &sentences, annotations);
        let reference = find_document(rules, text, &tokens, &sentences, annotations);
        if fast == reference {
            Ok(())
        } else {
            Err(format!(
                "text {text:?}\n  fast      {:?}\n  reference {:?}",
                describe(text, &fast),
                describe(text, &reference)
            ))
        }
    }

    fn describe(text: &str, found: &[RuleMatch]) -> Vec<String> {
        found
            .iter()
            .map(|m| {
                let caps: Vec<String> = m
                    .captures
                    .iter()
                    .map(|c| format!("{}={:?}", c.name, &text[c.span]))
                    .collect();
                format!("{} {:?} {}", m.rule, &text[m.span], caps.join(" "))
            })
            .collect()
    }

    proptest! {
        #![proptest_config(crate::proptest_config(300))]

        #[test]
        fn fast_search_finds_what_the_reference_finds(
            rules in prop::collection::vec(rule(), 1..4),
            text in text(),
            anns in prop::collection::vec((0usize..45, 0usize..5, any::<bool>()), 0..8),
        ) {
            let Some(mut set) = rules_for(&rules) else { return Ok(()) };
            let annotations: Vec<Annotation> = anns
                .iter()
                .map(|&(start, len, person)| Annotation {
                    tokens: start..start + len,
                    kind: if person { EntityKind::Person } else { EntityKind::Org },
                })
                .collect();
            let mut cache = Cache::new();
            for policy in [OverlapPolicy::KeepAll, OverlapPolicy::PriorityLongestLeftmost] {
                set.set_overlap(policy, OverlapScope::SameType);
                if let Err(diff) = compare(&set, &mut cache, &text, &annotations) {
                    prop_assert!(false, "rules {:?}\n{}", rules, diff);
                }
            }
        }
    }

    /// The stories of `tests/fixtures/events`, each its text.
    fn stories() -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for file in [
            include_str!("../../tests/fixtures/events/meetings.stories"),
            include_str!("../../tests/fixtures/events/statements.stories"),
        ] {
            let mut text: Option<Vec<&str>> = None;
            for line in file.lines().map(str::trim) {
                if line.starts_with("story ") {
                    out.extend(text.take().map(|lines| lines.join("\n")));
                    text = Some(Vec::new());
                } else if let Some(rest) = line.strip_prefix("text") {
                    let body = rest.strip_prefix(' ').unwrap_or(rest);
                    text.get_or_insert_with(Vec::new).push(body);
                }
            }
            out.extend(text.map(|lines| lines.join("\n")));
        }
        out
    }

    /// The bundled rules (entity, event and statement rules with the
    /// lexicon and the gazetteers' word lists), over every rule example and
    /// every event story, with the entities and references the extractor
    /// finds there as annotations.
    #[test]
    fn fast_search_agrees_with_the_reference_on_the_bundled_rules() {
        let extractor = crate::Extractor::default();
        let rules = extractor.rule_set();
        let mut texts: Vec<String> = rules
            .compiled
            .rules
            .iter()
            .flat_map(|r| r.examples.iter().map(|e| e.text.clone()))
            .collect();
        let examples = texts.len();
        texts.extend(stories());
        assert!(texts.len() > examples + 50, "the stories were read");
        let mut cache = Cache::new();
        let mut failures = Vec::new();
        let mut matched = 0;
        for text in &texts {
            let doc = extractor.extract(text);
            let tokens = tokenize(text);
            let annotations: Vec<Annotation> = doc
                .entities()
                .iter()
                .map(|e| (e.span(), e.kind()))
                .chain(doc.references().iter().map(|r| (r.span(), r.kind())))
                .filter_map(|(span, kind)| {
                    Some(Annotation {
                        tokens: tokens.covering(span)?,
                        kind,
                    })
                })
                .collect();
            let sentences = split_sentences(text, &tokens);
            matched += find_document(rules, text, &tokens, &sentences, &annotations).len();
            if let Err(diff) = compare(rules, &mut cache, text, &annotations) {
                failures.push(diff);
            }
            // The event pass visits only the sentences the entity pass
            // marked: it must find what a pass over every sentence finds.
            let is_event = |p: Produces| matches!(p, Produces::Event(_));
            let (_, marked) = rules.find_document_deferring(
                &mut cache,
                text,
                &tokens,
                &sentences,
                &annotations,
                |p| !is_event(p),
            );
            let visited = rules.find_in_sentences(
                &mut cache,
                text,
                &tokens,
                &sentences,
                &marked,
                &annotations,
                is_event,
            );
            let all = rules.find_document_where(
                &mut cache,
                text,
                &tokens,
                &sentences,
                &annotations,
                is_event,
            );
            if visited != all {
                failures.push(format!(
                    "text {text:?}: deferred sentences miss event matches"
                ));
            }
            // The event stage's way: the triggers the entity pass recorded
            // stand in for looking the words up again.
            let (entity_matches, deferred) = rules.find_document_deferred(
                &mut cache,
                text,
                &tokens,
                &sentences,
                &annotations,
                None,
                |p| !is_event(p),
            );
            // The entity stage looks the tokens' vocabulary ids up itself
            // (with their gazetteer ids): the pass must not tell.
            let ids = vocabulary_ids(rules, &tokens, 0..tokens.len());
            let given = rules.find_document_deferred(
                &mut cache,
                text,
                &tokens,
                &sentences,
                &annotations,
                Some(&ids),
                |p| !is_event(p),
            );
            if given != (entity_matches, deferred.clone()) {
                failures.push(format!(
                    "text {text:?}: vocabulary ids given differ from ids looked up"
                ));
            }
            if deferred.sentences() != marked {
                failures.push(format!(
                    "text {text:?}: recorded triggers mark other sentences"
                ));
            }
            let recorded = rules.find_deferred(
                &mut cache,
                text,
                &tokens,
                &sentences,
                &deferred,
                &annotations,
                is_event,
            );
            if recorded != all {
                failures.push(format!(
                    "text {text:?}: recorded triggers miss event matches"
                ));
            }
        }
        assert!(
            matched > texts.len(),
            "only {matched} matches in {} texts",
            texts.len()
        );
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
