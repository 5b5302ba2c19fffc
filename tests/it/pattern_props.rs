//! Property tests: matching never panics on any input and results are well
//! formed. That the speed-ups never change what is found is tested against
//! the reference matcher, in `src/pattern/reference.rs`.

use herald::EntityKind;
use herald::pattern::{Annotation, Cache, OverlapPolicy, OverlapScope, RuleSet};
use herald::text::{split_sentences, tokenize};
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
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| format!("({})", v.join(" "))),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| format!("({})", v.join(" | "))),
            inner.prop_map(|e| format!("participant:({e})")),
        ]
    })
}

/// A pattern with the anchor `said` at a mandatory position (and maybe
/// other mandatory words).
fn pattern() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(element(), 0..4),
        prop::collection::vec(element(), 0..4),
    )
        .prop_map(|(before, after)| {
            let mut parts = before;
            parts.push("\"said\"".to_owned());
            parts.extend(after);
            parts.join(" ")
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

fn annotations() -> impl Strategy<Value = Vec<(usize, usize, bool)>> {
    prop::collection::vec((0usize..45, 0usize..5, any::<bool>()), 0..8)
}

fn rules_for(patterns: &[String]) -> Option<RuleSet> {
    let mut source = String::from("words w = a \"b met\" not\nwords v = a said\n");
    for (i, p) in patterns.iter().enumerate() {
        source.push_str(&format!(
            "rule prop/r/{i} -> Meeting priority {}\n  match {p}\n  example \"x\"\n",
            i % 3
        ));
    }
    RuleSet::parse("prop.rules", &source).ok()
}

proptest! {
    #![proptest_config(crate::proptest_config(300))]

    #[test]
    fn matches_are_well_formed(patterns in prop::collection::vec(pattern(), 1..4), text in text(), anns in annotations()) {
        let Some(mut rules) = rules_for(&patterns) else { return Ok(()) };
        let mut cache = Cache::new();
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        let annotations: Vec<Annotation> = anns
            .iter()
            .map(|&(start, len, person)| Annotation { tokens: start..start + len, kind: if person { EntityKind::Person } else { EntityKind::Org } })
            .collect();
        for policy in [OverlapPolicy::KeepAll, OverlapPolicy::PriorityLongestLeftmost] {
            rules.set_overlap(policy, OverlapScope::SameType);
            let fast = rules.find_document(&mut cache, &text, &tokens, &sentences, &annotations);
            for m in &fast {
                prop_assert!(m.tokens.start < m.tokens.end && m.tokens.end <= tokens.len());
                prop_assert!(m.span.end <= text.len());
                prop_assert_eq!(m.span.start, tokens[m.tokens.start].span.start, "a match's bytes start with its first token");
                prop_assert_eq!(m.span.end, tokens[m.tokens.end - 1].span.end, "a match's bytes end with its last token");
                prop_assert!((m.tokens.start..m.tokens.end).any(|i| tokens.key(i) == "said"), "every match holds its anchor");
                prop_assert!(m.tokens.start <= m.anchor.start && m.anchor.end <= m.tokens.end && m.anchor.len() == 1);
                for c in &m.captures {
                    prop_assert!(m.tokens.start <= c.tokens.start && c.tokens.end <= m.tokens.end && c.tokens.start < c.tokens.end);
                }
            }
        }
    }

    /// Whatever the text, loading returns (no panic), and a refusal names
    /// the source and a line and column that exist in it.
    #[test]
    fn loading_arbitrary_text_locates_every_problem(source in "[ -~\n]{0,200}") {
        match RuleSet::parse("fuzz.rules", &source) {
            Ok(rules) => prop_assert!(rules.len() <= source.matches("rule").count(), "{} rules from {:?}", rules.len(), source),
            Err(error) => {
                prop_assert!(!error.diagnostics().is_empty());
                for d in error.diagnostics() {
                    prop_assert_within(&source, d)?;
                }
            }
        }
    }

    /// The `words` line is always right: problems lie on the fuzzed `match`
    /// line, the rule header (a pattern without an anchor word is reported
    /// at its rule) or the example (a pattern without a `participant`
    /// capture). When it loads, the one rule runs its example and any
    /// failure is that rule's.
    #[test]
    fn loading_rule_shaped_text_blames_the_pattern(body in "[a-zA-Z@!:(|)?*+{},.\" 0-9]{0,60}") {
        let source = format!("words w = a b\nrule x/y/1 -> Meeting\n  match {body}\n  example \"[PERSON A] met.\" => participant=\"A\"\n");
        match RuleSet::parse("fuzz.rules", &source) {
            Ok(rules) => {
                prop_assert_eq!(rules.len(), 1);
                for failure in rules.run_examples() {
                    prop_assert_eq!(failure.rule.as_str(), "x/y/1");
                }
            }
            Err(error) => {
                for d in error.diagnostics() {
                    prop_assert!((2..=4).contains(&d.line()), "{} for body {:?}", d, body);
                    prop_assert_within(&source, d)?;
                }
            }
        }
    }
}

/// Word-list entries of one to four words over a small vocabulary, many of
/// them prefixes of others ("a not" and "a not a"), which is where the
/// preference for the longer entry decides captures.
fn list_entries() -> impl Strategy<Value = Vec<Vec<&'static str>>> {
    let word = prop_oneof![
        Just("a"),
        Just("b"),
        Just("met"),
        Just("not"),
        Just("alpha")
    ];
    let entry = prop::collection::vec(word, 1..5);
    (
        prop::collection::vec(entry, 1..5),
        prop::collection::vec(0usize..4, 0..5),
    )
        .prop_map(|(mut entries, cuts)| {
            for (i, cut) in cuts.into_iter().enumerate() {
                let base = entries[i % entries.len()].clone();
                entries.push(base[..cut.min(base.len() - 1) + 1].to_vec());
            }
            entries
        })
}

/// A text that strings together entries of the list, "said" and a few
/// other words.
fn list_text(entries: &[Vec<&str>], picks: &[usize]) -> String {
    let others = ["said", "said", "met", "b", "Cap", "alpha"];
    let mut words: Vec<&str> = Vec::new();
    for &pick in picks {
        match pick.checked_sub(others.len()) {
            None => words.push(others[pick]),
            Some(i) => words.extend(&entries[i % entries.len()]),
        }
    }
    words.join(" ")
}

/// The rule `match <before> x:@l <after> "said"` over a list, or over the
/// list written out as the alternation it stands for: its multi-word
/// entries longest first, then its single words.
fn list_rule(
    entries: &[Vec<&str>],
    before: &str,
    after: &str,
    written_out: bool,
) -> Option<RuleSet> {
    let mut unique: Vec<&Vec<&str>> = Vec::new();
    for entry in entries {
        if !unique.contains(&entry) {
            unique.push(entry);
        }
    }
    let quoted = |e: &Vec<&str>| format!("\"{}\"", e.join(" "));
    let list: Vec<String> = unique.iter().map(|e| quoted(e)).collect();
    let atom = if written_out {
        let mut phrases: Vec<&&Vec<&str>> = unique.iter().filter(|e| e.len() > 1).collect();
        phrases.sort_by_key(|e| std::cmp::Reverse(e.len()));
        let mut alts: Vec<String> = phrases
            .iter()
            .map(|e| {
                format!(
                    "({})",
                    e.iter()
                        .map(|w| format!("\"{w}\""))
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            })
            .collect();
        alts.extend(unique.iter().filter(|e| e.len() == 1).map(|e| quoted(e)));
        format!("({})", alts.join(" | "))
    } else {
        "@l".to_owned()
    };
    let source = format!(
        "words l = {}\nrule prop/list/1 -> Meeting\n  match {before} participant:{atom} {after} \"said\"\n  example \"x\"\n",
        list.join(" ")
    );
    RuleSet::parse("prop.rules", &source).ok()
}

proptest! {
    #![proptest_config(crate::proptest_config(2000))]

    /// A word list compiles to a trie of its phrases; it must find exactly
    /// what the alternation of its entries, longest first, finds, captures
    /// included.
    #[test]
    fn a_word_list_matches_like_its_entries_longest_first(
        entries in list_entries(),
        before in prop_oneof![Just(""), Just("Cap?"), Just("Any{0,2}"), Just("(\"b\" \"met\")?"), Just("place:(Lower*)")],
        after in prop_oneof![Just(""), Just("Any{0,2}"), Just("\"met\"?"), Just("occasion:(Lower{0,3})"), Just("\"a\" \"not\"?")],
        picks in prop::collection::vec(0usize..12, 0..10),
    ) {
        let text = list_text(&entries, &picks);
        let (Some(list), Some(written)) = (
            list_rule(&entries, before, after, false),
            list_rule(&entries, before, after, true),
        ) else {
            return Ok(());
        };
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        let mut cache = Cache::new();
        // The two rules may choose different anchor words (a list anchors
        // on its entries' longest words): compare all but the anchor.
        let mut find = |rules: &RuleSet| {
            let mut found = rules.find_document(&mut cache, &text, &tokens, &sentences, &[]);
            found.iter_mut().for_each(|m| m.anchor = 0..0);
            found
        };
        let from_list = find(&list);
        let from_written = find(&written);
        prop_assert_eq!(from_list, from_written, "text {:?} entries {:?}", text, entries);
    }
}

/// A diagnostic names `fuzz.rules` and a position inside `source` (a column
/// may point just past the end of its line, where something was missing).
fn prop_assert_within(source: &str, d: &herald::pattern::Diagnostic) -> Result<(), TestCaseError> {
    prop_assert_eq!(d.file(), "fuzz.rules");
    let lines: Vec<&str> = source.split('\n').collect();
    prop_assert!(
        d.line() >= 1 && d.line() <= lines.len(),
        "{} in {:?}",
        d,
        source
    );
    let width = lines[d.line() - 1].chars().count();
    prop_assert!(
        d.column() >= 1 && d.column() <= width + 1,
        "{} in {:?}",
        d,
        source
    );
    Ok(())
}
