//! Every kind of load error, one per case: where it is reported, what text
//! it quotes, and what it says was expected.

use herald::pattern::{RuleSet, check_source};

struct Case {
    name: &'static str,
    source: &'static str,
    /// `line:column`, the offending text, and the start of the message.
    expected: (&'static str, &'static str, &'static str),
}

/// A valid rule body to complete a header.
const CASES: &[Case] = &[
    Case {
        name: "unknown_type",
        source: "rule a/b/1 -> Party\n  match \"met\"\n  example \"x\"\n",
        expected: ("1:15", "Party", "unknown type; expected PERSON, ORG, PLACE"),
    },
    Case {
        name: "bad_rule_id",
        source: "rule a//b -> Meeting\n  match \"met\"\n  example \"x\"\n",
        expected: ("1:6", "a//b", "bad rule id; expected segments"),
    },
    Case {
        name: "missing_arrow",
        source: "rule a/b/1 Meeting\n  match \"met\"\n  example \"x\"\n",
        expected: ("1:12", "Meeting", "expected `->` and the type"),
    },
    Case {
        name: "missing_type",
        source: "rule a/b/1 ->\n  match \"met\"\n  example \"x\"\n",
        expected: ("1:12", "->", "expected the type the rule produces"),
    },
    Case {
        name: "bad_priority",
        source: "rule a/b/1 -> Meeting priority high\n  match \"met\"\n  example \"x\"\n",
        expected: ("1:32", "high", "bad priority; expected an integer"),
    },
    Case {
        name: "text_after_type",
        source: "rule a/b/1 -> Meeting urgent\n  match \"met\"\n  example \"x\"\n",
        expected: ("1:23", "urgent", "unexpected text after the rule type"),
    },
    Case {
        name: "unknown_word_list",
        source: "words say = said\nrule a/b/1 -> Statement\n  match PERSON @sya\n  example \"x\"\n",
        expected: ("3:16", "@sya", "unknown word list; expected one of @say"),
    },
    Case {
        name: "unknown_word_list_when_none_declared",
        source: "rule a/b/1 -> Statement\n  match \"he\" @say\n  example \"x\"\n",
        expected: (
            "2:14",
            "@say",
            "unknown word list; no word lists are declared",
        ),
    },
    Case {
        name: "word_list_declared_twice",
        source: "words say = said\nwords say = told\n",
        expected: (
            "2:7",
            "say",
            "word list `say` declared twice; first declared at t.rules:1:7",
        ),
    },
    Case {
        name: "bad_word_list_name",
        source: "words Say = said\n",
        expected: ("1:7", "Say", "bad word list name"),
    },
    Case {
        name: "word_list_without_equals",
        source: "words say said told\n",
        expected: ("1:11", "said", "expected `=` after the word list name"),
    },
    Case {
        name: "empty_word_list",
        source: "words say =\n",
        expected: ("1:7", "say", "empty word list"),
    },
    Case {
        name: "word_list_with_pattern_syntax",
        source: "words say = said (told)\n",
        expected: (
            "1:18",
            "(",
            "expected a word or a quoted phrase in a word list",
        ),
    },
    Case {
        name: "rule_id_declared_twice",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example \"x\"\nrule a/b/1 -> Meeting\n  match \"met\"\n  example \"x\"\n",
        expected: (
            "4:6",
            "a/b/1",
            "rule id declared twice; first declared at t.rules:1:6",
        ),
    },
    Case {
        name: "unknown_role",
        source: "rule a/b/1 -> Meeting\n  match host:PERSON \"met\"\n  example \"x\"\n",
        expected: (
            "2:9",
            "host",
            "unknown role `host`; expected one of participant, place, occasion, trigger, date",
        ),
    },
    Case {
        name: "role_of_another_event_type",
        source: "rule a/b/1 -> Meeting\n  match speaker:PERSON \"met\"\n  example \"x\"\n",
        expected: (
            "2:9",
            "speaker",
            "role `speaker` does not belong to Meeting",
        ),
    },
    Case {
        name: "unknown_entity_rule_capture",
        source: "rule a/b/1 -> PERSON\n  match \"mr\" name:Cap\n  example \"x\"\n",
        expected: (
            "2:14",
            "name",
            "unknown capture `name` for an entity rule; expected one of entity, title",
        ),
    },
    Case {
        name: "unknown_role_in_example_output",
        source: "rule a/b/1 -> Meeting\n  match participant:PERSON \"met\"\n  example \"[PERSON Ruto] met.\" => host=\"Ruto\"\n",
        expected: ("3:35", "host", "unknown role `host`"),
    },
    Case {
        name: "rule_without_anchor",
        source: "rule a/b/1 -> Meeting\n  match PERSON Cap+ \"met\"?\n  example \"x\"\n",
        expected: (
            "1:6",
            "a/b/1",
            "rule without an anchor; expected a word or @list at a mandatory position",
        ),
    },
    Case {
        name: "anchor_in_only_some_alternatives_is_no_anchor",
        source: "rule a/b/1 -> Meeting\n  match PERSON (\"met\" | Cap)\n  example \"x\"\n",
        expected: ("1:6", "a/b/1", "rule without an anchor"),
    },
    Case {
        name: "negated_word_is_no_anchor",
        source: "rule a/b/1 -> Meeting\n  match PERSON !\"met\"\n  example \"x\"\n",
        expected: ("1:6", "a/b/1", "rule without an anchor"),
    },
    Case {
        name: "sentence_start_inside_a_pattern",
        source: "rule a/b/1 -> Meeting\n  match PERSON ^ \"met\"\n  example \"x\"\n",
        expected: (
            "2:16",
            "^",
            "`^` (the start of the sentence) can only open a `match`",
        ),
    },
    Case {
        name: "sentence_start_opening_an_anti_pattern",
        source: "rule a/b/1 -> Meeting\n  match PERSON \"met\"\n  unless ^ \"met\"\n  example \"x\"\n",
        expected: (
            "3:10",
            "^",
            "`^` (the start of the sentence) can only open a `match`, not an `unless`",
        ),
    },
    Case {
        name: "sentence_start_glued_to_a_word",
        source: "rule a/b/1 -> Meeting\n  match PERSON ^Cap \"met\"\n  example \"x\"\n",
        expected: (
            "2:16",
            "^",
            "`^` (the start of the sentence) can only open a `match`",
        ),
    },
    Case {
        name: "sentence_start_alone",
        source: "rule a/b/1 -> Meeting\n  match ^\n  example \"x\"\n",
        expected: ("2:9", "^", "expected a pattern after `^`"),
    },
    Case {
        name: "gap_without_bounds",
        source: "rule a/b/1 -> Meeting\n  match PERSON ... \"met\"\n  example \"x\"\n",
        expected: (
            "2:16",
            "...",
            "unbounded gap; expected bounds, as in `...{0,5}`",
        ),
    },
    Case {
        name: "gap_without_upper_bound",
        source: "rule a/b/1 -> Meeting\n  match PERSON ...{2,} \"met\"\n  example \"x\"\n",
        expected: ("2:16", "...{2,}", "unbounded gap; expected an upper bound"),
    },
    Case {
        name: "star_on_a_gap",
        source: "rule a/b/1 -> Meeting\n  match PERSON ...{0,3}* \"met\"\n  example \"x\"\n",
        expected: ("2:24", "*", "quantifier on a gap"),
    },
    Case {
        name: "any_with_unbounded_repetition",
        source: "rule a/b/1 -> Meeting\n  match PERSON Any* \"met\"\n  example \"x\"\n",
        expected: (
            "2:19",
            "Any*",
            "unbounded gap; expected a bounded repetition",
        ),
    },
    Case {
        name: "repetition_minimum_above_maximum",
        source: "rule a/b/1 -> Meeting\n  match PERSON Cap{3,1} \"met\"\n  example \"x\"\n",
        expected: ("2:19", "{3,1}", "repetition minimum exceeds its maximum"),
    },
    Case {
        name: "repetition_bound_too_large",
        source: "rule a/b/1 -> Meeting\n  match PERSON ...{0,5000} \"met\"\n  example \"x\"\n",
        expected: (
            "2:19",
            "{0,5000}",
            "repetition bound too large; expected bounds of at most 100",
        ),
    },
    Case {
        name: "malformed_repetition",
        source: "rule a/b/1 -> Meeting\n  match PERSON Cap{a} \"met\"\n  example \"x\"\n",
        expected: (
            "2:19",
            "{a}",
            "malformed repetition; expected `{n}`, `{m,n}` or `{m,}`",
        ),
    },
    Case {
        name: "unterminated_repetition",
        source: "rule a/b/1 -> Meeting\n  match PERSON Cap{1,2 \"met\"\n  example \"x\"\n",
        expected: ("2:19", "{1,2 \"met\"", "unterminated repetition"),
    },
    Case {
        name: "two_quantifiers",
        source: "rule a/b/1 -> Meeting\n  match PERSON Cap+? \"met\"\n  example \"x\"\n",
        expected: ("2:20", "?", "two quantifiers in a row"),
    },
    Case {
        name: "pattern_too_large",
        source: "rule a/b/1 -> Meeting\n  match \"met\" (Cap{0,100}){0,100}\n  example \"x\"\n",
        expected: (
            "2:9",
            "a/b/1",
            "pattern too large after expanding repetitions",
        ),
    },
    Case {
        name: "unterminated_string",
        source: "rule a/b/1 -> Meeting\n  match PERSON \"met\n  example \"x\"\n",
        expected: (
            "2:16",
            "\"met",
            "unterminated string; expected a closing `\"`",
        ),
    },
    Case {
        name: "empty_literal",
        source: "rule a/b/1 -> Meeting\n  match PERSON \"\" \"met\"\n  example \"x\"\n",
        expected: ("2:16", "\"\"", "empty literal; expected at least one word"),
    },
    Case {
        name: "unclosed_parenthesis",
        source: "rule a/b/1 -> Meeting\n  match (PERSON \"met\"\n  example \"x\"\n",
        expected: ("2:9", "(", "unbalanced `(`; expected a matching `)`"),
    },
    Case {
        name: "unopened_parenthesis",
        source: "rule a/b/1 -> Meeting\n  match PERSON \"met\")\n  example \"x\"\n",
        expected: ("2:21", ")", "unbalanced `)`"),
    },
    Case {
        name: "empty_alternative",
        source: "rule a/b/1 -> Meeting\n  match PERSON (\"met\" | )\n  example \"x\"\n",
        expected: ("2:25", ")", "empty alternative; expected a pattern element"),
    },
    Case {
        name: "unknown_class",
        source: "rule a/b/1 -> Meeting\n  match Capital \"met\"\n  example \"x\"\n",
        expected: (
            "2:9",
            "Capital",
            "unknown class or entity type; expected one of Any, Word, Cap",
        ),
    },
    Case {
        name: "reserved_character",
        source: "rule a/b/1 -> Meeting\n  match PERSON [\"met\"]\n  example \"x\"\n",
        expected: ("2:16", "[", "unexpected character; quote it"),
    },
    Case {
        name: "negated_phrase",
        source: "rule a/b/1 -> Meeting\n  match !\"did not\" \"met\"\n  example \"x\"\n",
        expected: (
            "2:10",
            "\"did not\"",
            "negated phrase; a negation matches one token",
        ),
    },
    Case {
        name: "negated_entity_type",
        source: "rule a/b/1 -> Meeting\n  match !PERSON \"met\"\n  example \"x\"\n",
        expected: ("2:10", "PERSON", "negated entity type"),
    },
    Case {
        name: "negated_list_with_phrase",
        source: "words neg = not \"did not\"\nrule a/b/1 -> Meeting\n  match !@neg \"met\"\n  example \"x\"\n",
        expected: (
            "3:10",
            "@neg",
            "negated word list has the multi-word entry \"did not\"",
        ),
    },
    Case {
        name: "negation_of_a_group",
        source: "rule a/b/1 -> Meeting\n  match !(\"not\" Cap) \"met\"\n  example \"x\"\n",
        expected: ("2:10", "(", "expected `|` or `)` in a negated set"),
    },
    Case {
        name: "capture_in_unless",
        source: "rule a/b/1 -> Meeting\n  match PERSON \"met\"\n  unless participant:PERSON \"not\"\n  example \"x\"\n",
        expected: (
            "3:10",
            "participant:",
            "captures are not allowed in `unless`",
        ),
    },
    Case {
        name: "capture_without_pattern",
        source: "rule a/b/1 -> Meeting\n  match \"met\" participant:\n  example \"x\"\n",
        expected: ("2:15", "participant:", "capture without a pattern"),
    },
    Case {
        name: "empty_match",
        source: "rule a/b/1 -> Meeting\n  match\n  example \"x\"\n",
        expected: ("2:3", "match", "empty `match`; expected a pattern"),
    },
    Case {
        name: "second_match",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  match \"talks\"\n  example \"x\"\n",
        expected: ("3:3", "match", "second `match` in one rule"),
    },
    Case {
        name: "rule_without_match",
        source: "rule a/b/1 -> Meeting\n  example \"x\"\n",
        expected: (
            "1:6",
            "a/b/1",
            "rule without a pattern; expected a `match` line",
        ),
    },
    Case {
        name: "rule_without_example",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  counter \"x\"\n",
        expected: (
            "1:6",
            "a/b/1",
            "rule without an example; expected at least one `example` line",
        ),
    },
    Case {
        name: "clause_outside_rule",
        source: "match \"met\"\n",
        expected: ("1:1", "match", "`match` outside a rule"),
    },
    Case {
        name: "line_without_keyword",
        source: "meeting rules follow\n",
        expected: (
            "1:1",
            "meeting",
            "expected `rule` or `words` at the start of a line",
        ),
    },
    Case {
        name: "example_not_quoted",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example Ruto met Lula\n",
        expected: ("3:11", "Ruto", "expected a quoted sentence"),
    },
    Case {
        name: "example_markup_unknown_kind",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example \"[PERS Ruto] met.\"\n",
        expected: (
            "3:11",
            "\"[PERS Ruto] met.\"",
            "unknown entity type `PERS` in markup",
        ),
    },
    Case {
        name: "example_markup_unclosed",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example \"[PERSON Ruto met.\"\n",
        expected: (
            "3:11",
            "\"[PERSON Ruto met.\"",
            "unterminated entity markup; expected `]`",
        ),
    },
    Case {
        name: "example_markup_nested",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example \"[ORG [PERSON Ruto]] met.\"\n",
        expected: (
            "3:11",
            "\"[ORG [PERSON Ruto]] met.\"",
            "nested entity markup",
        ),
    },
    Case {
        name: "example_stray_bracket",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example \"Ruto] met.\"\n",
        expected: ("3:11", "\"Ruto] met.\"", "`]` without `[`"),
    },
    Case {
        name: "example_text_after_sentence",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example \"Ruto met.\" participant=\"Ruto\"\n",
        expected: (
            "3:23",
            "participant",
            "expected `=>` and the expected captures",
        ),
    },
    Case {
        name: "example_bad_output",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example \"Ruto met.\" => participant Ruto\n",
        expected: ("3:26", "participant", "expected `name=\"text\"` after `=>`"),
    },
    Case {
        name: "example_arrow_without_output",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example \"Ruto met.\" =>\n",
        expected: ("3:23", "=>", "expected captures such as"),
    },
    Case {
        name: "rule_without_id",
        source: "rule\n  match \"met\"\n  example \"x\"\n",
        expected: ("1:1", "rule", "expected a rule id after `rule`"),
    },
    Case {
        name: "words_without_name",
        source: "words\n",
        expected: ("1:1", "words", "expected a list name after `words`"),
    },
    Case {
        name: "empty_word_list_entry",
        source: "words say = said \"\"\n",
        expected: ("1:18", "\"\"", "empty word list entry"),
    },
    Case {
        name: "list_reference_without_name",
        source: "rule a/b/1 -> Meeting\n  match \"met\" @ PERSON\n  example \"x\"\n",
        expected: ("2:15", "@", "expected a word list name after `@`"),
    },
    Case {
        name: "bang_at_end",
        source: "rule a/b/1 -> Meeting\n  match \"met\" !\n  example \"x\"\n",
        expected: ("2:15", "!", "expected a word, @list or class after `!`"),
    },
    Case {
        name: "negated_gap",
        source: "rule a/b/1 -> Meeting\n  match \"met\" !...{0,2}\n  example \"x\"\n",
        expected: (
            "2:16",
            "...",
            "expected a word, @list or class after `!`; a negation matches one token",
        ),
    },
    Case {
        name: "stray_symbol_in_pattern",
        source: "rule a/b/1 -> Meeting\n  match \"met\" = PERSON\n  example \"x\"\n",
        expected: ("2:15", "=", "expected a pattern element"),
    },
    Case {
        name: "example_without_sentence",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example\n",
        expected: ("3:3", "example", "expected a quoted sentence"),
    },
    Case {
        name: "counter_example_with_output",
        source: "rule a/b/1 -> Meeting\n  match \"met\"\n  example \"x\"\n  counter \"Ruto met.\" => participant=\"Ruto\"\n",
        expected: (
            "4:23",
            "=>",
            "unexpected text; a counter-example has no expected output",
        ),
    },
];

#[test]
fn each_error_names_position_text_and_expectation() {
    let mut failures = Vec::new();
    for case in CASES {
        let err = match RuleSet::parse("t.rules", case.source) {
            Ok(_) => {
                failures.push(format!("{}: loaded without error", case.name));
                continue;
            }
            Err(err) => err,
        };
        let (at, found, message) = case.expected;
        let first = &err.diagnostics()[0];
        let got_at = format!("{}:{}", first.line(), first.column());
        let ok = got_at == at
            && first.found() == found
            && first.message().starts_with(message)
            && first.file() == "t.rules";
        if !ok {
            failures.push(format!(
                "{}:\n  expected {at} `{found}` {message}\n  got      {got_at} `{}` {}",
                case.name,
                first.found(),
                first.message()
            ));
        }
        if err.diagnostics().len() != 1 {
            failures.push(format!("{}: expected one error, got:\n{err}", case.name));
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
fn error_display_is_file_line_column_message_and_found_text() {
    let err = RuleSet::parse(
        "events.rules",
        "rule a/b/1 -> Meeting\n  match PERSON ... \"met\"\n  example \"x\"\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "events.rules:2:16: unbounded gap; expected bounds, as in `...{0,5}` (found `...`)"
    );
}

#[test]
fn all_errors_in_a_file_are_collected() {
    let source = "\
words say = said
rule a/b/1 -> Party
  match \"met\"
  example \"x\"
rule a/b/2 -> Meeting
  match PERSON @sya
  example \"x\"
rule a/b/3 -> Meeting
  match PERSON ...{0,} \"met\"
  example \"x\"
rule a/b/4 -> Meeting
  match PERSON Cap
  example \"x\"
";
    let err = RuleSet::parse("many.rules", source).unwrap_err();
    let positions: Vec<String> = err
        .diagnostics()
        .iter()
        .map(|d| format!("{}:{}", d.line(), d.column()))
        .collect();
    assert_eq!(positions, ["2:15", "6:16", "9:16", "11:6"], "{err}");
}

#[test]
fn word_lists_are_shared_across_sources() {
    let lists = "words say = said told\n";
    let rules = "rule a/b/1 -> Statement\n  match PERSON @say\n  example \"x\"\n";
    assert!(RuleSet::parse_sources([("lists.rules", lists), ("events.rules", rules)]).is_ok());
    let err = RuleSet::parse_sources([
        ("a.rules", rules),
        (
            "b.rules",
            "rule a/b/1 -> Statement\n  match \"x\"\n  example \"x\"\n",
        ),
    ])
    .unwrap_err();
    assert_eq!(err.diagnostics()[0].file(), "a.rules");
    assert_eq!(
        err.to_string().lines().last().unwrap(),
        "b.rules:1:6: rule id declared twice; first declared at a.rules:1:6 (found `a/b/1`)"
    );
}

#[test]
fn missing_file_is_an_error_naming_the_file() {
    let err = RuleSet::from_file("tests/fixtures/rules/does-not-exist.rules").unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("tests/fixtures/rules/does-not-exist.rules: cannot read rule file: "),
        "{text}"
    );
}

#[test]
fn check_reports_counts_and_failing_examples() {
    let source = r#"
words say = said told
rule statement/say/1 -> Statement
  match speaker:PERSON @say
  example "[PERSON Ruto] said so." => speaker="Ruto"
  example "[PERSON Ruto] told them." => speaker="Lula"
  counter "[PERSON Ruto] said so."
"#;
    let report = check_source("c.rules", source).unwrap();
    assert_eq!(
        (report.rules, report.word_lists, report.examples),
        (1, 1, 3)
    );
    let failures: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
    assert_eq!(
        failures,
        [
            "c.rules:6: rule statement/say/1: \"Ruto told them.\": expected speaker=\"Lula\", found speaker=\"Ruto\"",
            "c.rules:7: rule statement/say/1: \"Ruto said so.\": counter-example matched: speaker=\"Ruto\"",
        ]
    );
    assert!(!report.is_ok());
    assert!(
        report
            .to_string()
            .ends_with("1 rules, 1 word lists, 3 examples, 2 failed")
    );
}

#[test]
fn example_whose_rule_does_not_match_says_so() {
    let source = "rule m/met/1 -> Meeting\n  match participant:PERSON \"met\"\n  example \"Ruto met Lula.\" => participant=\"Ruto\"\n";
    let report = check_source("m.rules", source).unwrap();
    assert_eq!(
        report.failures[0].problem,
        "expected participant=\"Ruto\", found no match"
    );
    assert_eq!(report.failures[0].rule, "m/met/1");
}

#[test]
fn example_markup_must_line_up_with_tokens() {
    let source = "rule m/met/1 -> Meeting\n  match participant:PERSON \"met\"\n  example \"[PERSON Ru]to met Lula.\"\n";
    let report = check_source("m.rules", source).unwrap();
    assert_eq!(
        report.failures[0].problem,
        "markup [PERSON Ru] does not line up with token boundaries"
    );
}
