//! Runs the embedded examples of every bundled rule file (`rules/*.rules`,
//! loaded together as one set) and of the test fixtures; a failure names
//! the file, line, rule id and sentence.

use herald::pattern::RuleSet;
use std::path::{Path, PathBuf};

fn rule_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "rules")).collect();
    files.sort();
    files
}

fn run_examples_of(files: &[PathBuf]) {
    let rules = RuleSet::from_files(files).unwrap_or_else(|err| panic!("rule files do not load:\n{err}"));
    let failures = rules.run_examples();
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(failures.is_empty(), "{} failing examples:\n{}", failures.len(), report.join("\n"));
}

#[test]
fn bundled_rule_examples_pass() {
    let files = rule_files(Path::new("rules"));
    if !files.is_empty() {
        run_examples_of(&files);
    }
}

#[test]
fn fixture_rule_examples_pass() {
    let files = rule_files(Path::new("tests/fixtures/rules"));
    assert!(!files.is_empty(), "fixtures missing");
    for file in &files {
        run_examples_of(std::slice::from_ref(file));
    }
}
