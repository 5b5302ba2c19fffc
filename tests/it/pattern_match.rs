//! Matching behaviour of the rule language, one behaviour per case.

use herald::pattern::{Annotation, Cache, OverlapPolicy, OverlapScope, RuleMatch, RuleSet};
use herald::text::{split_sentences, tokenize};
use herald::{EntityKind, Role};

/// Removes `[KIND text]` markup from `marked`, returning the text and the
/// entity byte ranges.
fn unmark(marked: &str) -> (String, Vec<(std::ops::Range<usize>, EntityKind)>) {
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        let close = inner.find(']').expect("closing bracket");
        let (kind, name) = inner[..close].split_once(' ').expect("KIND text");
        let start = text.len();
        text.push_str(name);
        entities.push((
            start..text.len(),
            EntityKind::parse(kind).expect("entity kind"),
        ));
        rest = &inner[close + 1..];
    }
    text.push_str(rest);
    (text, entities)
}

/// Runs `rules` over `marked` text and describes each match as
/// `matched text | name=text name=text`.
fn run(rules: &RuleSet, marked: &str) -> Vec<String> {
    let (text, entities) = unmark(marked);
    let tokens = tokenize(&text);
    let sentences = split_sentences(&text, &tokens);
    let annotations: Vec<Annotation> = entities
        .iter()
        .map(|(range, kind)| {
            let start = tokens
                .iter()
                .position(|t| t.span.start == range.start)
                .expect("aligned start");
            let end = tokens
                .iter()
                .position(|t| t.span.end == range.end)
                .expect("aligned end")
                + 1;
            Annotation {
                tokens: start..end,
                kind: *kind,
            }
        })
        .collect();
    rules
        .find_document(&mut Cache::new(), &text, &tokens, &sentences, &annotations)
        .iter()
        .map(|m| describe(&text, m))
        .collect()
}

fn describe(text: &str, m: &RuleMatch) -> String {
    let mut out = text[m.span].to_owned();
    let captures: Vec<String> = m
        .captures
        .iter()
        .map(|c| format!("{}={}", c.name, &text[c.span]))
        .collect();
    if !captures.is_empty() {
        out.push_str(" | ");
        out.push_str(&captures.join(" "));
    }
    out
}

fn one_rule(words: &str, produces: &str, pattern: &str, unless: &str) -> RuleSet {
    let unless = if unless.is_empty() {
        String::new()
    } else {
        format!("  unless {unless}\n")
    };
    let source = format!(
        "{words}\nrule test/case/1 -> {produces}\n  match {pattern}\n{unless}  example \"unused\"\n"
    );
    RuleSet::parse("case.rules", &source).unwrap_or_else(|e| panic!("{e}\n{source}"))
}

struct Case {
    name: &'static str,
    words: &'static str,
    produces: &'static str,
    pattern: &'static str,
    unless: &'static str,
    text: &'static str,
    expected: &'static [&'static str],
}

const fn case(
    name: &'static str,
    pattern: &'static str,
    text: &'static str,
    expected: &'static [&'static str],
) -> Case {
    Case {
        name,
        words: "",
        produces: "Statement",
        pattern,
        unless: "",
        text,
        expected,
    }
}

const SAY: &str = "words say = said says told \"told reporters\"\nwords neg = not never";

const CASES: &[Case] = &[
    case(
        "quoted_literal_matches_the_token_key",
        "\"said\"",
        "Ruto said so.",
        &["said"],
    ),
    case("literal_folds_case", "\"said\"", "RUTO SAID SO.", &["SAID"]),
    case(
        "bare_lowercase_word_is_a_literal",
        "said",
        "Ruto said so.",
        &["said"],
    ),
    case(
        "literal_folds_curly_apostrophes",
        "\"o'brien\" said",
        "O’Brien said so.",
        &["O’Brien said"],
    ),
    case(
        "literal_folds_diacritics",
        "\"erdogan\" said",
        "Erdoğan said so.",
        &["Erdoğan said"],
    ),
    case(
        "quoted_phrase_is_a_token_sequence",
        "\"extended an invitation\"",
        "Ruto extended an invitation to Lula.",
        &["extended an invitation"],
    ),
    case(
        "quoted_phrase_needs_every_token",
        "\"extended an invitation\"",
        "Ruto extended the invitation.",
        &[],
    ),
    case(
        "hyphenated_literal_matches_split_tokens",
        "\"al-sudani\" said",
        "Al-Sudani said so.",
        &["Al-Sudani said"],
    ),
    Case {
        words: SAY,
        ..case(
            "word_list_matches_any_single_entry",
            "Cap @say",
            "Lula says so.",
            &["Lula says"],
        )
    },
    Case {
        words: SAY,
        ..case(
            "word_list_matches_a_multi_word_entry",
            "\"he\" @say \"that\"",
            "He told reporters that talks failed.",
            &["He told reporters that"],
        )
    },
    Case {
        words: SAY,
        ..case(
            "word_list_prefers_its_longest_entry",
            "\"he\" @say content:Lower*",
            "He told reporters talks failed.",
            &["He told reporters talks failed | content=talks failed"],
        )
    },
    case(
        "cap_matches_capitalized_words",
        "Cap+ \"said\"",
        "Prime Minister Ruto said so.",
        &["Prime Minister Ruto said"],
    ),
    case(
        "cap_matches_all_caps_and_mixed_case",
        "Cap \"said\"",
        "McDonald said NATO said it.",
        &["McDonald said", "NATO said"],
    ),
    case(
        "cap_rejects_lowercase_words",
        "Cap \"said\"",
        "officials said so.",
        &[],
    ),
    case(
        "caps_matches_only_all_caps",
        "CAPS \"said\"",
        "NATO said Nato said.",
        &["NATO said"],
    ),
    case(
        "lower_matches_lowercase_words",
        "Lower \"said\"",
        "Ruto said officials said.",
        &["officials said"],
    ),
    case(
        "num_matches_numbers",
        "Num \"people\"",
        "Some 1,200 people came.",
        &["1,200 people"],
    ),
    case(
        "punct_matches_punctuation",
        "\"said\" Punct",
        "He said: no.",
        &["said:"],
    ),
    case(
        "word_rejects_numbers_and_punctuation",
        "\"said\" Word",
        "He said 12, then said yes.",
        &["said yes"],
    ),
    case(
        "any_matches_any_token",
        "\"said\" Any",
        "He said 12.",
        &["said 12"],
    ),
    case(
        "entity_atom_consumes_the_whole_annotation",
        "PERSON \"said\"",
        "[PERSON Jens Stoltenberg] said so.",
        &["Jens Stoltenberg said"],
    ),
    case(
        "entity_atom_needs_the_same_kind",
        "ORG \"said\"",
        "[PERSON Jens Stoltenberg] said so.",
        &[],
    ),
    case(
        "entity_atom_starts_only_at_the_annotation_start",
        "PERSON Cap \"said\"",
        "[PERSON Jens] Stoltenberg said so.",
        &["Jens Stoltenberg said"],
    ),
    case(
        "entity_atom_does_not_match_part_of_an_annotation",
        "\"visited\" PLACE \"city\"",
        "He visited [PLACE New York] city.",
        &["visited New York city"],
    ),
    case(
        "alternation_matches_either_branch",
        "(\"met\" | \"visited\") PLACE",
        "Ruto met [PLACE Paris] and visited [PLACE Rome].",
        &["met Paris", "visited Rome"],
    ),
    case(
        "optional_element_may_be_absent",
        "\"met\" \"with\"? PERSON",
        "Ruto met [PERSON Lula] and met with [PERSON Modi].",
        &["met Lula", "met with Modi"],
    ),
    case(
        "star_repeats_zero_or_more_times",
        "\"the\" Lower* \"talks\"",
        "the talks, the long hard talks.",
        &["the talks", "the long hard talks"],
    ),
    case(
        "plus_needs_at_least_one",
        "\"the\" Lower+ \"talks\"",
        "the talks, the long talks.",
        &["the long talks"],
    ),
    case(
        "exact_repetition_counts_tokens",
        "Cap{2} \"said\"",
        "Prime Minister said so.",
        &["Prime Minister said"],
    ),
    case(
        "bounded_repetition_respects_its_minimum",
        "\"the\" Cap{2,3} \"said\"",
        "the Minister said so.",
        &[],
    ),
    case(
        "bounded_repetition_respects_its_maximum",
        "\"the\" Cap{1,2} \"said\"",
        "the Prime Minister Ruto said so.",
        &[],
    ),
    case(
        "gap_skips_up_to_its_bound",
        "\"met\" ...{0,2} PLACE",
        "Ruto met briefly in [PLACE Nairobi].",
        &["met briefly in Nairobi"],
    ),
    case(
        "gap_may_skip_nothing",
        "\"met\" ...{0,2} PLACE",
        "Ruto met [PLACE Nairobi] officials.",
        &["met Nairobi"],
    ),
    case(
        "gap_rejects_longer_distances",
        "\"met\" ...{0,2} PLACE",
        "Ruto met them on Friday in [PLACE Nairobi].",
        &[],
    ),
    case(
        "gap_respects_its_minimum",
        "\"met\" ...{2,3} PLACE",
        "Ruto met in [PLACE Nairobi].",
        &[],
    ),
    case(
        "gap_never_crosses_a_sentence_boundary",
        "\"met\" ...{0,5} PLACE",
        "Ruto met. Then [PLACE Nairobi] voted.",
        &[],
    ),
    case(
        "negated_word_matches_any_other_token",
        "PERSON !\"not\" \"attend\"",
        "[PERSON Ruto] will attend.",
        &["Ruto will attend"],
    ),
    case(
        "negated_word_rejects_that_word",
        "PERSON !\"not\" \"attend\"",
        "[PERSON Ruto] not attend.",
        &[],
    ),
    Case {
        words: SAY,
        ..case(
            "negated_list_rejects_every_entry",
            "\"did\" !@neg \"attend\"",
            "He did never attend, she did not attend, they did indeed attend.",
            &["did indeed attend"],
        )
    },
    case(
        "negated_alternatives_reject_each",
        "\"did\" !(\"not\" | Num) \"attend\"",
        "did not attend; did 2 attend; did so attend.",
        &["did so attend"],
    ),
    case(
        "negated_class_rejects_the_class",
        "!Cap \"said\"",
        "Ruto said officials said.",
        &["officials said"],
    ),
    Case {
        words: SAY,
        unless: "@say \"nothing\"",
        ..case(
            "unless_vetoes_an_overlapping_match",
            "speaker:PERSON @say",
            "[PERSON Ruto] said nothing.",
            &[],
        )
    },
    Case {
        words: SAY,
        unless: "\"not\" ...{0,1} @say",
        ..case(
            "unless_vetoes_a_match_it_overlaps_partly",
            "@say Cap",
            "Ruto did not say Lula.",
            &[],
        )
    },
    Case {
        words: SAY,
        unless: "@say \"nothing\"",
        ..case(
            "unless_ignores_an_anti_match_elsewhere",
            "speaker:PERSON @say",
            "[PERSON Ruto] said that Lula said nothing.",
            &["Ruto said | speaker=Ruto"],
        )
    },
    case(
        "capture_records_its_tokens",
        "speaker:PERSON \"said\"",
        "[PERSON Jens Stoltenberg] said so.",
        &["Jens Stoltenberg said | speaker=Jens Stoltenberg"],
    ),
    case(
        "capture_covers_a_token_run",
        "\"minister\" speaker:Cap+ \"said\"",
        "Prime Minister Ali Hassan said so.",
        &["Minister Ali Hassan said | speaker=Ali Hassan"],
    ),
    case(
        "optional_capture_that_matched_nothing_is_absent",
        "speaker:PERSON? \"said\"",
        "officials said so.",
        &["said"],
    ),
    Case {
        produces: "Meeting",
        ..case(
            "repeated_capture_reports_every_repetition",
            "participant:PERSON (\",\"? \"and\"? participant:PERSON)* \"met\"",
            "[PERSON Ruto], [PERSON Lula] and [PERSON Modi] met.",
            &["Ruto, Lula and Modi met | participant=Ruto participant=Lula participant=Modi"],
        )
    },
    Case {
        produces: "Invitation",
        ..case(
            "captures_inside_alternatives_take_the_taken_branch",
            "(inviter:PERSON | inviter:ORG) \"invited\" invitee:PERSON",
            "[ORG NATO] invited [PERSON Ruto].",
            &["NATO invited Ruto | inviter=NATO invitee=Ruto"],
        )
    },
    case(
        "leftmost_start_wins_among_equal_ends",
        "Cap+ \"said\"",
        "Prime Minister Ruto said so.",
        &["Prime Minister Ruto said"],
    ),
    case(
        "greedy_repetition_takes_the_longest_match",
        "\"said\" Lower+",
        "He said talks went well.",
        &["said talks went well"],
    ),
    case(
        "matches_repeat_across_a_sentence",
        "\"said\"",
        "He said, she said.",
        &["said", "said"],
    ),
    Case {
        produces: "PERSON",
        ..case(
            "entity_rule_names_the_entity_capture",
            "\"mr\" entity:Cap+",
            "Talks with Mr Jens Stoltenberg ended.",
            &["Mr Jens Stoltenberg | entity=Jens Stoltenberg"],
        )
    },
    Case {
        produces: "PERSON",
        ..case(
            "entity_rule_without_entity_capture_uses_the_whole_match",
            "\"mr\" Cap",
            "Mr Stoltenberg spoke.",
            &["Mr Stoltenberg | entity=Mr Stoltenberg"],
        )
    },
    Case {
        produces: "PERSON",
        ..case(
            "entity_rule_attribute_capture",
            "title:TITLE entity:Cap+ \"said\"",
            "[TITLE President] William Ruto said.",
            &["President William Ruto said | title=President entity=William Ruto"],
        )
    },
];

#[test]
fn matching_cases() {
    let mut failures = Vec::new();
    for case in CASES {
        let rules = one_rule(case.words, case.produces, case.pattern, case.unless);
        let got = run(&rules, case.text);
        if got != case.expected {
            failures.push(format!(
                "{}: pattern {} on {:?}\n  expected {:?}\n  got      {:?}",
                case.name, case.pattern, case.text, case.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn role_captures_carry_their_role() {
    let rules = one_rule(
        "",
        "Invitation",
        "inviter:PERSON \"invited\" invitee:PERSON trigger:\"invited\"?",
        "",
    );
    let text = "Ruto invited Lula.";
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let people = [
        Annotation {
            tokens: 0..1,
            kind: EntityKind::Person,
        },
        Annotation {
            tokens: 2..3,
            kind: EntityKind::Person,
        },
    ];
    let found = rules.find(&mut Cache::new(), text, &tokens, &sentences[0], &people);
    let roles: Vec<(&str, Option<Role>)> = found[0]
        .captures
        .iter()
        .map(|c| (&*c.name, c.role))
        .collect();
    assert_eq!(
        roles,
        [
            ("inviter", Some(Role::Inviter)),
            ("invitee", Some(Role::Invitee))
        ]
    );
    assert_eq!(found[0].anchor, 1..2, "the anchor is the token `invited`");
    assert_eq!(
        (found[0].tokens.clone(), found[0].span),
        (0..3, herald::Span::new(0, 17))
    );
}

#[test]
fn overlapping_and_outside_annotations_do_not_panic() {
    let rules = one_rule("", "Statement", "speaker:(PERSON | ORG) \"said\"", "");
    let text = "The Kenyan President William Ruto said so. Then he left.";
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let annotations = [
        Annotation {
            tokens: 3..5,
            kind: EntityKind::Person,
        },
        Annotation {
            tokens: 4..5,
            kind: EntityKind::Person,
        },
        Annotation {
            tokens: 2..5,
            kind: EntityKind::Org,
        },
        Annotation {
            tokens: 7..9,
            kind: EntityKind::Person,
        }, // crosses the sentence end
        Annotation {
            tokens: 5..5,
            kind: EntityKind::Org,
        }, // empty
        Annotation {
            tokens: 40..90,
            kind: EntityKind::Place,
        }, // past the text
    ];
    let found: Vec<String> = rules
        .find_document(&mut Cache::new(), text, &tokens, &sentences, &annotations)
        .iter()
        .map(|m| describe(text, m))
        .collect();
    assert_eq!(
        found,
        ["President William Ruto said | speaker=President William Ruto"]
    );
    // A sentence whose token range lies past the tokens finds nothing.
    let bogus = herald::text::Sentence {
        span: herald::Span::new(0, 0),
        tokens: 100..200,
        dateline: None,
    };
    assert!(
        rules
            .find(&mut Cache::new(), text, &tokens, &bogus, &annotations)
            .is_empty()
    );
}

struct PolicyCase {
    name: &'static str,
    policy: OverlapPolicy,
    scope: OverlapScope,
    expected: &'static [&'static str],
}

const POLICY_RULES: &str = r#"
rule p/long/1 -> Statement priority 1
  match Cap Cap "said" "that"
  example "unused"
rule p/short/1 -> Statement priority 5
  match "said"
  example "unused"
rule p/other-type/1 -> Meeting priority 0
  match Cap "said"
  example "unused"
rule p/same-priority-left/1 -> Statement priority 1
  match Cap Cap "said"
  example "unused"
"#;

fn shortest_first(a: &RuleMatch, b: &RuleMatch) -> std::cmp::Ordering {
    a.tokens.len().cmp(&b.tokens.len())
}

const POLICY_CASES: &[PolicyCase] = &[
    PolicyCase {
        name: "priority_beats_length",
        policy: OverlapPolicy::PriorityLongestLeftmost,
        scope: OverlapScope::SameType,
        expected: &["p/other-type/1", "p/short/1"],
    },
    PolicyCase {
        name: "length_beats_priority",
        policy: OverlapPolicy::LongestPriorityLeftmost,
        scope: OverlapScope::SameType,
        expected: &["p/long/1", "p/other-type/1"],
    },
    PolicyCase {
        name: "all_types_compete_when_asked",
        policy: OverlapPolicy::PriorityLongestLeftmost,
        scope: OverlapScope::AllTypes,
        expected: &["p/short/1"],
    },
    PolicyCase {
        name: "keep_all_keeps_every_match",
        policy: OverlapPolicy::KeepAll,
        scope: OverlapScope::SameType,
        expected: &[
            "p/same-priority-left/1",
            "p/long/1",
            "p/other-type/1",
            "p/short/1",
        ],
    },
    PolicyCase {
        name: "custom_order_is_used",
        policy: OverlapPolicy::Custom(shortest_first),
        scope: OverlapScope::SameType,
        expected: &["p/other-type/1", "p/short/1"],
    },
];

#[test]
fn overlap_policies() {
    let text = "Prime Minister said that talks ended.";
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    for case in POLICY_CASES {
        let mut rules = RuleSet::parse("policy.rules", POLICY_RULES).unwrap();
        rules.set_overlap(case.policy, case.scope);
        let found: Vec<String> = rules
            .find(&mut Cache::new(), text, &tokens, &sentences[0], &[])
            .iter()
            .map(|m| m.rule.to_string())
            .collect();
        assert_eq!(found, case.expected, "case {}", case.name);
    }
}

#[test]
fn equal_priority_and_length_prefers_the_leftmost() {
    let rules = RuleSet::parse(
        "left.rules",
        "rule l/a/1 -> Statement\n  match Cap \"said\" Cap\n  example \"x\"\n",
    )
    .unwrap();
    let text = "Ruto said Lula said Modi.";
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let found: Vec<&str> = rules
        .find(&mut Cache::new(), text, &tokens, &sentences[0], &[])
        .iter()
        .map(|m| &text[m.span])
        .collect::<Vec<_>>();
    assert_eq!(found, ["Ruto said Lula"]);
}

#[test]
fn rules_not_anchored_in_a_sentence_are_not_run() {
    // The anchor is "invited": a sentence without it yields nothing even though
    // the rest of the pattern could match there.
    let rules = one_rule(
        "",
        "Invitation",
        "PERSON ...{0,3} \"invited\"?  ...{0,3} \"invited\"",
        "",
    );
    assert!(run(&rules, "[PERSON Ruto] met Lula.").is_empty());
    assert_eq!(run(&rules, "[PERSON Ruto] invited Lula."), ["Ruto invited"]);
}

#[test]
fn long_sentence_of_capitalized_words_is_matched_without_blowup() {
    // Nested quantifiers and gaps over a 20,000-token sentence: a backtracking
    // matcher would not finish; the Pike VM does a bounded amount per token.
    let rules = one_rule(
        "",
        "Statement",
        "((Cap | CAPS)+ ...{0,3})+ \"said\" (Cap+ | Cap{1,3})* ...{0,4} \"today\"",
        "",
    );
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(if i % 5000 == 4999 { "Said " } else { "Alpha " });
    }
    // The sentence splitter cuts a run this long (text::MAX_SENTENCE_TOKENS),
    // so the whole text is handed over as one sentence: the matcher must
    // stay linear on any range it is given.
    let whole = |text: &str| -> Vec<String> {
        let tokens = tokenize(text);
        let sentence = herald::text::Sentence {
            span: herald::Span::new(0, text.len()),
            tokens: 0..tokens.len(),
            dateline: None,
        };
        rules
            .find(&mut Cache::new(), text, &tokens, &sentence, &[])
            .iter()
            .map(|m| text[m.span].to_owned())
            .collect()
    };
    let found = whole(&text);
    assert!(found.is_empty(), "no `today`, so no match");
    text.push_str("today");
    let found = whole(&text);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("Alpha Alpha") && found[0].ends_with("Said today"),
        "{}",
        &found[0][found[0].len() - 40..]
    );
}

#[test]
fn rule_sets_are_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<RuleSet>();
    let rules = std::sync::Arc::new(one_rule("", "Statement", "speaker:Cap \"said\"", ""));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let rules = rules.clone();
            std::thread::spawn(move || run(&rules, "Then Ruto said so."))
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), ["Ruto said | speaker=Ruto"]);
    }
}

#[test]
fn tokens_with_nul_bytes_match_no_word() {
    // A NUL token must not be mistaken for a rule word (the vocabulary packs
    // short keys into integers).
    let rules = one_rule("", "Statement", "\"said\"", "");
    assert!(run(&rules, "x \u{0} y \u{0}\u{0}").is_empty());
    assert_eq!(run(&rules, "x \u{0} said"), ["said"]);
}
