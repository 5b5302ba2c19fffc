//! Runs the embedded examples of every bundled rule file (`rules/*.rules`,
//! loaded together as one set) and of the test fixtures; a failure names
//! the file, line, rule id and sentence.

use herald::pattern::RuleSet;
use std::path::{Path, PathBuf};

fn rule_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .collect();
    files.sort();
    files
}

fn run_examples_of(files: &[PathBuf]) {
    let rules =
        RuleSet::from_files(files).unwrap_or_else(|err| panic!("rule files do not load:\n{err}"));
    let failures = rules.run_examples();
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        report.join("\n")
    );
}

/// The bundled files load as the entity stage loads them, with the
/// `@title` list generated from the default gazetteers.
#[test]
fn bundled_rule_examples_pass() {
    let files = rule_files(Path::new("rules"));
    assert!(!files.is_empty(), "bundled rules missing");
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.display().to_string(),
                std::fs::read_to_string(f).expect("readable rule file"),
            )
        })
        .collect();
    let matcher =
        herald::gazetteer::GazetteerMatcher::from_gazetteers(herald::gazetteer::defaults())
            .expect("default gazetteers compile");
    let report = herald::pattern::check_rules(&matcher, &sources)
        .unwrap_or_else(|err| panic!("bundled rule files do not load:\n{err}"));
    let failures: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(report.rules >= 10, "bundled rules went missing: {report}");
}

#[test]
fn fixture_rule_examples_pass() {
    let files = rule_files(Path::new("tests/fixtures/rules"));
    assert!(!files.is_empty(), "fixtures missing");
    for file in &files {
        run_examples_of(std::slice::from_ref(file));
    }
}

/// The rules shown in `rules/README.md` (indented blocks starting with
/// `words` or `rule`) load and pass their own examples, so the
/// documentation cannot drift from the language.
#[test]
fn readme_rule_examples_pass() {
    let readme = std::fs::read_to_string("rules/README.md").expect("rules/README.md");
    let mut source = String::new();
    let mut block: Vec<&str> = Vec::new();
    let mut blocks = 0;
    for line in readme.lines().chain([""]) {
        if line.starts_with("    ") && !line.trim().is_empty() {
            block.push(line);
            continue;
        }
        if let Some(first) = block.first() {
            let indent = first.len() - first.trim_start().len();
            let head = first.trim_start();
            if head.starts_with("rule ") || head.starts_with("words ") {
                blocks += 1;
                for l in &block {
                    source.push_str(&l[indent.min(l.len() - l.trim_start().len())..]);
                    source.push('\n');
                }
            }
        }
        block.clear();
    }
    assert!(blocks >= 5, "found {blocks} rule blocks in the README");
    let rules = RuleSet::parse("rules/README.md", &source)
        .unwrap_or_else(|e| panic!("README rules do not load:\n{e}\n{source}"));
    let failures: Vec<String> = rules
        .run_examples()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        failures.is_empty(),
        "README examples fail:\n{}",
        failures.join("\n")
    );
}
