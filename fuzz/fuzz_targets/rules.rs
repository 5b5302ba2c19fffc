//! The rule-file parser and compiler over arbitrary text: a rule set or
//! an error whose every problem lies in the source, never a panic; a rule
//! set that loads runs on a fixed text with every span in bounds.
#![no_main]

use herald::pattern::{Annotation, RuleSet};
use herald::text::{split_sentences, tokenize};
use herald::EntityKind;
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "BAGHDAD, March 3 — Prime Minister Karim Al-Tamimi met Jens Stoltenberg \
    in Baghdad. “We agreed,” he said, and NATO invited him to visit Brussels. \
    Officials said 42 talks (and more) were held on Tuesday.";

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    match RuleSet::parse("fuzz.rules", &source) {
        Ok(rules) => {
            let tokens = tokenize(TEXT);
            let sentences = split_sentences(TEXT, &tokens);
            let annotations = [Annotation {
                tokens: 5..8,
                kind: EntityKind::Person,
            }];
            for found in rules.find_document(TEXT, &tokens, &sentences, &annotations) {
                for capture in &found.captures {
                    assert!(capture.span.end <= TEXT.len());
                    assert!(capture.tokens.end <= tokens.len());
                }
            }
        }
        Err(error) => {
            let lines = source.lines().count().max(1);
            for problem in error.diagnostics() {
                assert!(problem.line() <= lines + 1, "{problem}");
                assert!(!problem.message().is_empty());
            }
        }
    }
});
