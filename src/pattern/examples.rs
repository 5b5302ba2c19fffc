//! Running the examples embedded in rules, and checking rule files.

use super::{RuleError, RuleSet, syntax::ExampleDecl};
use crate::span::Span;
use crate::text::{split_sentences, tokenize};
use std::fmt;
use std::path::Path;

/// An embedded example that did not give its expected result.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: String,
    /// The file the rule is in.
    pub file: String,
    /// The line of the example.
    pub line: usize,
    /// The example sentence, markup removed.
    pub sentence: String,
    /// What went wrong, e.g. `expected speaker="Ruto", found no match`.
    pub problem: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: rule {}: {:?}: {}",
            self.file, self.line, self.rule, self.sentence, self.problem
        )
    }
}

/// What [`check`] found in a rule file that loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckReport {
    /// The number of rules.
    pub rules: usize,
    /// The number of word lists.
    pub word_lists: usize,
    /// The number of examples (including counter-examples).
    pub examples: usize,
    /// The examples that failed.
    pub failures: Vec<ExampleFailure>,
}

impl CheckReport {
    /// True when every example passed.
    pub fn is_ok(&self) -> bool {
        self.failures.is_empty()
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for failure in &self.failures {
            writeln!(f, "{failure}")?;
        }
        write!(
            f,
            "{} rules, {} word lists, {} examples, {} failed",
            self.rules,
            self.word_lists,
            self.examples,
            self.failures.len()
        )
    }
}

/// Loads a rule file and runs its embedded examples, without running the
/// rules on any other text. Load errors come back as `Err`; failing examples
/// are listed in the report.
///
/// ```no_run
/// let report = herald::pattern::check("rules/events.rules")?;
/// println!("{report}");
/// # Ok::<(), herald::pattern::RuleError>(())
/// ```
pub fn check(path: impl AsRef<Path>) -> Result<CheckReport, RuleError> {
    RuleSet::from_file(path).map(|set| set.check_report())
}

/// Like [`check`], for a rule source in memory; `name` is used in messages.
///
/// ```
/// let report = herald::pattern::check_source("demo.rules", r#"
/// rule meeting/met/1 -> Meeting
///   match participant:PERSON "met" participant:PERSON
///   example "[PERSON Ruto] met [PERSON Lula]." => participant="Ruto" participant="Lula"
///   counter "[PERSON Ruto] met reporters."
/// "#).unwrap();
/// assert!(report.is_ok(), "{report}");
/// assert_eq!((report.rules, report.examples), (1, 2));
/// ```
pub fn check_source(name: &str, source: &str) -> Result<CheckReport, RuleError> {
    RuleSet::parse(name, source).map(|set| set.check_report())
}

impl RuleSet {
    /// Counts the set's rules, lists and examples and runs the examples:
    /// what `herald check` reports for an already loaded set.
    pub fn check_report(&self) -> CheckReport {
        CheckReport {
            rules: self.len(),
            word_lists: self.word_lists(),
            examples: self.compiled.rules.iter().map(|r| r.examples.len()).sum(),
            failures: self.run_examples(),
        }
    }

    /// Runs every rule's embedded examples and counter-examples, each rule
    /// alone, and returns those that failed. An example passes when some
    /// match of its rule has, for each capture name the example lists,
    /// exactly the listed texts; a counter-example passes when its rule
    /// does not match at all.
    pub fn run_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        let mut cache = super::Cache::new();
        for (index, rule) in self.compiled.rules.iter().enumerate() {
            for example in &rule.examples {
                if let Err(problem) = self.run_example(&mut cache, index, example) {
                    failures.push(ExampleFailure {
                        rule: rule.id.to_string(),
                        file: rule.file.to_string(),
                        line: example.line,
                        sentence: example.text.clone(),
                        problem,
                    });
                }
            }
        }
        failures
    }

    fn run_example(
        &self,
        cache: &mut super::Cache,
        index: usize,
        example: &ExampleDecl,
    ) -> Result<(), String> {
        let text = example.text.as_str();
        let tokens = tokenize(text);
        let mut annotations = Vec::new();
        for (range, kind) in &example.entities {
            let Some(tokens) = tokens.covering(Span::from(range.clone())) else {
                return Err(format!(
                    "markup [{} {}] does not line up with token boundaries",
                    kind,
                    &text[range.clone()]
                ));
            };
            annotations.push(super::Annotation {
                tokens,
                kind: *kind,
            });
        }
        let mut found = Vec::new();
        for sentence in split_sentences(text, &tokens) {
            let raw = self.sentence_matches(
                cache,
                text,
                &tokens,
                sentence.tokens.clone(),
                &annotations,
                Some(index),
            );
            found.extend(super::resolve::resolve(raw, self.policy, self.scope));
        }
        let describe = |m: &super::RuleMatch| -> String {
            let caps: Vec<String> = m
                .captures
                .iter()
                .map(|c| format!("{}={:?}", c.name, &text[c.span]))
                .collect();
            if caps.is_empty() {
                format!("match {:?}", &text[m.span])
            } else {
                caps.join(" ")
            }
        };
        if example.counter {
            return match found.first() {
                None => Ok(()),
                Some(m) => Err(format!("counter-example matched: {}", describe(m))),
            };
        }
        let want: Vec<String> = example
            .expected
            .iter()
            .map(|(n, t)| format!("{n}={t:?}"))
            .collect();
        if found.is_empty() {
            return Err(if want.is_empty() {
                "expected a match, found none".to_owned()
            } else {
                format!("expected {}, found no match", want.join(" "))
            });
        }
        let fits = |m: &super::RuleMatch| {
            let mut names: Vec<&str> = example.expected.iter().map(|(n, _)| n.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            names.iter().all(|name| {
                let mut want: Vec<&str> = example
                    .expected
                    .iter()
                    .filter(|(n, _)| n == name)
                    .map(|(_, t)| t.as_str())
                    .collect();
                let mut got: Vec<&str> = m.captures_named(name).map(|c| &text[c.span]).collect();
                want.sort_unstable();
                got.sort_unstable();
                want == got
            })
        };
        if found.iter().any(fits) {
            Ok(())
        } else {
            let got: Vec<String> = found.iter().map(describe).collect();
            Err(format!(
                "expected {}, found {}",
                want.join(" "),
                got.join(" / ")
            ))
        }
    }
}
