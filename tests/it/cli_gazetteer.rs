//! `herald gazetteer learn`: learns a gazetteer from annotated files, which
//! `check`, `extract --gazetteer` and `evaluate --gazetteer` then load. The
//! annotated snippets are invented for the tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn herald(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .output()
        .expect("herald runs")
}

fn herald_with_input(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("herald runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("herald finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "herald-cli-gazetteer-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

/// Two invented stories in CoNLL-2003 columns: a company, a person and a
/// town, each annotated twice.
const STORIES: &str = "-DOCSTART- -X- O O

Quorvex NNP I-NP I-ORG
shares NNS I-NP O
rose VBD I-VP O
. . O O

Talia NNP I-NP I-PER
Brennock NNP I-NP I-PER
visited VBD I-VP O
Dravetz NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

Quorvex NNP I-NP I-ORG
hired VBD I-VP O
Talia NNP I-NP I-PER
Brennock NNP I-NP I-PER
in IN I-PP O
Dravetz NNP I-NP I-LOC
. . O O
";

fn learn_stories(dir: &Path) -> String {
    let annotated = path(dir, "stories.conll");
    std::fs::write(&annotated, STORIES).expect("write annotated file");
    let learned = path(dir, "learned.tsv");
    let output = herald(&["gazetteer", "learn", &annotated, "-o", &learned]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("3 entries"),
        "{}",
        text(&output.stderr)
    );
    learned
}

#[test]
fn a_learned_gazetteer_checks_and_finds_its_names_in_extract() {
    let dir = temp_dir("extract");
    let learned = learn_stories(&dir);
    let tsv = std::fs::read_to_string(&learned).expect("learned file");
    assert!(
        tsv.starts_with("# Learned by `herald gazetteer learn`"),
        "{tsv}"
    );
    assert!(
        tsv.contains("stories.conll (conll): 2 documents, 6 mentions"),
        "{tsv}"
    );
    assert!(
        tsv.contains("PERSON\tTalia Brennock\t\tcount=2 ; share=1.00 ;"),
        "{tsv}"
    );

    let check = herald(&["check", &learned]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("learned.tsv: 3 entries"));

    let story = "Quorvex said on Monday that Talia Brennock would open an office in Dravetz.";
    let found = |args: &[&str]| -> Vec<(String, String, String)> {
        let output = herald_with_input(args, story);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let record: serde_json::Value =
            serde_json::from_str(text(&output.stdout).trim()).expect("one JSON record");
        record["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .map(|e| {
                (
                    e["text"].as_str().unwrap_or_default().to_owned(),
                    e["type"].as_str().unwrap_or_default().to_owned(),
                    e["source"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let with = found(&["extract", "--format", "jsonl", "--gazetteer", &learned, "-"]);
    for (name, kind) in [
        ("Quorvex", "ORG"),
        ("Talia Brennock", "PERSON"),
        ("Dravetz", "PLACE"),
    ] {
        let source = format!("gazetteer:learned:{name}");
        assert!(
            with.iter()
                .any(|(t, k, s)| t == name && k == kind && *s == source),
            "{name} {kind} from {source} not in {with:?}"
        );
    }
    let without = found(&["extract", "--format", "jsonl", "-"]);
    assert!(
        without.iter().all(|(_, _, s)| !s.contains("learned")),
        "{without:?}"
    );
}

#[test]
fn gold_files_are_learned_too() {
    let dir = temp_dir("gold");
    let story = "Ambassador Oren Malcuit met Oren Malcuit's staff in Lestova.";
    std::fs::write(dir.join("one.txt"), story).expect("write text");
    let malcuit = story.find("Oren Malcuit").unwrap();
    let again = story.rfind("Oren Malcuit").unwrap();
    let lestova = story.find("Lestova").unwrap();
    let gold = format!(
        r#"{{"text": "one.txt", "entities": [
  {{"start": {malcuit}, "end": {}, "type": "PERSON", "entity": "m"}},
  {{"start": {again}, "end": {}, "type": "PERSON", "entity": "m"}},
  {{"start": {lestova}, "end": {}, "type": "PLACE", "entity": "l"}}
]}}"#,
        malcuit + 12,
        again + 12,
        lestova + 7
    );
    std::fs::write(dir.join("one.json"), gold).expect("write gold");
    let output = herald(&[
        "gazetteer",
        "learn",
        &dir.display().to_string(),
        "--types",
        "PER",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let tsv = text(&output.stdout);
    assert!(tsv.contains("(gold): 1 documents, 3 mentions"), "{tsv}");
    let entries: Vec<&str> = tsv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(entries.len(), 1, "{tsv}");
    assert!(
        entries[0].starts_with("PERSON\tOren Malcuit\t\tcount=2"),
        "{tsv}"
    );
}

#[test]
fn evaluate_scores_with_a_learned_gazetteer() {
    let dir = temp_dir("evaluate");
    let learned = learn_stories(&dir);
    // No context of the defaults' makes "Quorvex" an organization here
    // ("Quorvex shares" would): only the learned list can.
    let story = "Quorvex fell.";
    std::fs::write(dir.join("story.txt"), story).expect("write text");
    std::fs::write(
        dir.join("story.json"),
        r#"{"text": "story.txt", "entities": [{"start": 0, "end": 7, "type": "ORG", "entity": "q"}]}"#,
    )
    .expect("write gold");
    let gold = path(&dir, "story.json");
    let org_tp = |args: &[&str]| -> String {
        let output = herald(args);
        let report = text(&output.stdout);
        let row = report
            .lines()
            .find(|line| line.trim_start().starts_with("ORG "))
            .unwrap_or_else(|| panic!("no ORG row in {report}"));
        row.split_whitespace().nth(4).unwrap_or_default().to_owned()
    };
    assert_eq!(org_tp(&["evaluate", "--summary", &gold]), "0");
    assert_eq!(
        org_tp(&["evaluate", "--summary", "--gazetteer", &learned, &gold]),
        "1"
    );
}

#[test]
fn bad_input_names_file_line_and_column() {
    let dir = temp_dir("errors");
    let bad = path(&dir, "bad.conll");
    std::fs::write(&bad, "Rain X X O\nfell X X O\nVeldra X X I-TOWN\n").expect("write");
    let output = herald(&["gazetteer", "learn", &bad]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("bad.conll:3:12: unknown tag \"I-TOWN\""),
        "{stderr}"
    );

    let broken = path(&dir, "broken.json");
    std::fs::write(&broken, "{\"text\": \"x.txt\",\n \"entities\": [}").expect("write");
    let output = herald(&["gazetteer", "learn", &broken]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("broken.json:2:15:"),
        "{}",
        text(&output.stderr)
    );

    let output = herald(&["gazetteer", "learn", &bad, "--types", "MISC"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("no gazetteer type"),
        "{}",
        text(&output.stderr)
    );
}
