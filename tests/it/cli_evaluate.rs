//! `herald evaluate`: gold files and directories, CoNLL files, floors,
//! report formats and errors. Gold data here is invented for the tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TEXT: &str = "The weather stayed dry in Marlow. Farmers waited.";

fn herald(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .output()
        .expect("herald runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("herald-cli-evaluate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Gold that no extractor can fully satisfy: a Meeting on "stayed", with a
/// participant, and one PLACE mention.
fn gold_json(text_file: &str) -> String {
    let marlow = TEXT.find("Marlow").unwrap();
    let stayed = TEXT.find("stayed").unwrap();
    format!(
        r#"{{"text": "{text_file}", "document_date": "2024-07-01",
  "entities": [{{"start": {marlow}, "end": {}, "text": "Marlow", "type": "PLACE", "entity": "marlow"}}],
  "events": [{{"type": "Meeting", "triggers": [{{"start": {stayed}, "end": {}, "text": "stayed"}}],
              "arguments": {{"participant": ["marlow"]}}}}]}}"#,
        marlow + 6,
        stayed + 6
    )
}

fn write_gold_set(dir: &Path, names: &[&str]) {
    for name in names {
        std::fs::write(dir.join(format!("{name}.txt")), TEXT).unwrap();
        std::fs::write(
            dir.join(format!("{name}.json")),
            gold_json(&format!("{name}.txt")),
        )
        .unwrap();
    }
}

#[test]
fn a_gold_directory_is_scored_document_by_document_and_summed() {
    let dir = temp_dir("dir");
    write_gold_set(&dir, &["b", "a"]);
    let output = herald(&["evaluate", "--format", "json", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON report");
    let evaluation = &json["sets"][0]["evaluation"];
    assert_eq!(evaluation["documents"], 2);
    assert_eq!(
        evaluation["events"]["micro"]["tp"].as_u64().unwrap()
            + evaluation["events"]["micro"]["fn"].as_u64().unwrap(),
        2
    );
    let entities = &evaluation["entities"]["micro"];
    assert_eq!(
        entities["tp"].as_u64().unwrap() + entities["fn"].as_u64().unwrap(),
        2
    );
    let documents: Vec<&str> = evaluation["mistakes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["document"].as_str())
        .collect();
    let first_b = documents.iter().position(|d| *d == "b");
    assert!(
        first_b.is_none_or(|b| documents[..b].iter().all(|d| *d == "a")),
        "sorted by file name: {documents:?}"
    );
}

#[test]
fn text_report_lists_missed_gold_with_document_span_and_text() {
    let dir = temp_dir("text");
    write_gold_set(&dir, &["story"]);
    let output = herald(&["evaluate", dir.join("story.json").to_str().unwrap()]);
    let report = stdout(&output);
    assert!(report.contains("== "), "{report}");
    let stayed = TEXT.find("stayed").unwrap();
    assert!(
        report.contains(&format!("story:{stayed}..{} \"stayed\"", stayed + 6)),
        "{report}"
    );
    assert!(report.contains("micro"), "{report}");
    let summary = stdout(&herald(&["evaluate", "--summary", dir.to_str().unwrap()]));
    assert!(!summary.contains("\"stayed\""), "{summary}");
}

#[test]
fn conll_files_are_scored_with_misc_ignored() {
    let dir = temp_dir("conll");
    let conll = "-DOCSTART- -X- O O\n\nDutch JJ I-NP I-MISC\nfarmers NNS I-NP O\nmet VBD I-VP O\nin IN I-PP O\nUtrecht NNP I-NP I-LOC\n. . O O\n";
    std::fs::write(dir.join("mini.txt"), conll).unwrap();
    let output = herald(&[
        "evaluate",
        "--format",
        "json",
        "--conll",
        dir.join("mini.txt").to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let place = &json["sets"][0]["evaluation"]["entities"]["by_label"]["PLACE"];
    assert_eq!(
        place["tp"].as_u64().unwrap() + place["fn"].as_u64().unwrap(),
        1,
        "{json}"
    );
    let misc_mistakes = json["sets"][0]["evaluation"]["mistakes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["text"] == "Dutch")
        .count();
    assert_eq!(misc_mistakes, 0);
}

/// A CoNLL document of invented sentences: a city standing for a team
/// that the extractor reads as a place, and an organization it cannot know.
const CONLL_TEAMS: &str = "-DOCSTART- -X- O O

Marlow NNP I-NP I-ORG
lost VBD I-VP O
to TO I-PP O
Quenby NNP I-NP I-ORG
Rovers NNP I-NP I-ORG
in IN I-PP O
Paris NNP I-NP I-LOC
. . O O
";

#[test]
fn conll_mistakes_are_grouped_by_cause_in_text_and_json() {
    let dir = temp_dir("conll-causes");
    std::fs::write(dir.join("teams.txt"), CONLL_TEAMS).unwrap();
    let file = dir.join("teams.txt");
    let text = herald(&["evaluate", "--conll", file.to_str().unwrap()]);
    assert!(text.status.success(), "{}", stderr(&text));
    let report = stdout(&text);
    assert!(report.contains("entity mistakes by cause:"), "{report}");
    let json = herald(&[
        "evaluate",
        "--summary",
        "--format",
        "json",
        "--conll",
        file.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let evaluation = &json["sets"][0]["evaluation"];
    // A summary drops the mistakes and keeps their grouped causes.
    assert!(evaluation.get("mistakes").is_none(), "{json}");
    let causes = evaluation["causes"].as_array().unwrap();
    let total: u64 = causes.iter().map(|c| c["count"].as_u64().unwrap()).sum();
    let entities = &evaluation["entities"]["micro"];
    assert_eq!(
        total,
        entities["fp"].as_u64().unwrap() + entities["fn"].as_u64().unwrap(),
        "{json}"
    );
    for cause in causes {
        let line = format!("{} {}", cause["label"], cause["cause"]);
        assert!(
            report.contains(cause["cause"].as_str().unwrap()),
            "{line} not in {report}"
        );
        let known = [
            "wrong type: ",
            "wrong boundary",
            "not found: ",
            "spurious: ",
        ];
        assert!(
            known
                .iter()
                .any(|k| cause["cause"].as_str().unwrap().starts_with(k)),
            "{line}"
        );
    }
}

#[test]
fn malformed_or_missing_input_exits_two_naming_the_file() {
    let dir = temp_dir("bad");
    std::fs::write(
        dir.join("broken.json"),
        "{\"text\": \"x.txt\",\n  \"entities\": [}\n",
    )
    .unwrap();
    std::fs::write(dir.join("orphan.json"), "{\"text\": \"missing.txt\"}").unwrap();
    std::fs::write(dir.join("bad.conll"), "Utrecht NNP I-NP I-TOWN\n").unwrap();
    let broken = dir.join("broken.json");
    let cases: Vec<(&str, Vec<String>, String)> = vec![
        (
            "malformed gold json",
            vec![broken.display().to_string()],
            format!("{}:2:16: ", broken.display()),
        ),
        (
            "missing text file",
            vec![dir.join("orphan.json").display().to_string()],
            "missing.txt".into(),
        ),
        (
            "missing gold file",
            vec![dir.join("absent.json").display().to_string()],
            "absent.json".into(),
        ),
        (
            "malformed conll",
            vec![
                "--conll".into(),
                dir.join("bad.conll").display().to_string(),
            ],
            format!("{}:1:", dir.join("bad.conll").display()),
        ),
        ("nothing to evaluate", vec![], "nothing to evaluate".into()),
    ];
    for (name, args, expected) in cases {
        let mut all = vec!["evaluate".to_owned()];
        all.extend(args);
        let output = herald(&all.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(
            stderr(&output).contains(&expected),
            "{name}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains("panicked"), "{name}");
    }
}

#[test]
fn floors_skip_when_the_evaluation_root_is_absent() {
    let dir = temp_dir("skip");
    std::fs::write(
        dir.join("floors.toml"),
        "[seed]\npath = \"seed\"\nevent_f1 = 0.9\n",
    )
    .unwrap();
    let missing = dir.join("no-such-root");
    let output = herald(&[
        "evaluate",
        "--floors",
        dir.join("floors.toml").to_str().unwrap(),
        "--eval-root",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("skipped"), "{}", stdout(&output));
}

#[test]
fn floors_fail_naming_set_and_metric() {
    let root = temp_dir("floors");
    std::fs::create_dir_all(root.join("mini")).unwrap();
    write_gold_set(&root.join("mini"), &["story"]);
    let floors = root.join("floors.toml");
    // "stayed" is no meeting trigger a sound extractor finds, so event
    // recall stays 0, below the 0.9 floor, while the 0.0 floor holds.
    std::fs::write(
        &floors,
        "[mini]\npath = \"mini\"\nevent_recall = 0.9\nevent_f1 = 0.0\n",
    )
    .unwrap();
    let output = herald(&[
        "evaluate",
        "--summary",
        "--floors",
        floors.to_str().unwrap(),
        "--eval-root",
        root.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let report = stdout(&output);
    assert!(report.contains("FAIL: mini event_recall"), "{report}");
    assert!(report.contains("mini event_f1"), "{report}");

    std::fs::write(&floors, "[mini]\npath = \"mini\"\nevent_f1 = 0.0\n").unwrap();
    let output = herald(&[
        "evaluate",
        "--summary",
        "--floors",
        floors.to_str().unwrap(),
        "--eval-root",
        root.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn floors_file_errors_exit_two_with_line_and_column() {
    let dir = temp_dir("floors-bad");
    std::fs::write(
        dir.join("floors.toml"),
        "[seed]\npath = \"seed\"\nevent_f = 0.9\n",
    )
    .unwrap();
    let output = herald(&[
        "evaluate",
        "--floors",
        dir.join("floors.toml").to_str().unwrap(),
        "--eval-root",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("floors.toml:3:1: unknown metric \"event_f\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn saved_predictions_are_scored_instead_of_running_the_extractor() {
    let dir = temp_dir("predictions");
    write_gold_set(&dir, &["story"]);
    let predictions = dir.join("predicted");
    std::fs::create_dir_all(&predictions).unwrap();
    let marlow = TEXT.find("Marlow").unwrap();
    let stayed = TEXT.find("stayed").unwrap();
    let farmers = TEXT.find("Farmers").unwrap();
    let prediction = format!(
        r#"{{"entities": [{{"start": {marlow}, "end": {}, "type": "PLACE", "entity": "m"}},
                          {{"start": {farmers}, "end": {}, "type": "ORG", "entity": "f", "source": "rule:org/test"}}],
            "events": [{{"type": "Meeting", "trigger": {{"start": {stayed}, "end": {}}},
                         "arguments": [{{"role": "participant", "start": 0, "end": 3, "entity": "m"}}]}}]}}"#,
        marlow + 6,
        farmers + 7,
        stayed + 6
    );
    std::fs::write(predictions.join("story.json"), prediction).unwrap();
    let gold = dir.join("story.json");
    let output = herald(&[
        "evaluate",
        "--predictions",
        predictions.to_str().unwrap(),
        gold.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    let micro_rows: Vec<&str> = report
        .lines()
        .filter(|line| line.trim_start().starts_with("micro"))
        .collect();
    // entities: tp 1, fp 1 ("Farmers"); events: tp 1; arguments: "The" reaches
    // Marlow through the shared cluster id "m".
    assert_eq!(
        micro_rows,
        [
            "  micro        0.5000 1.0000 0.6667      1      1      0",
            "  micro        1.0000 1.0000 1.0000      1      0      0",
            "  micro        1.0000 1.0000 1.0000      1      0      0",
        ],
        "{report}"
    );
    assert!(report.contains(&format!("FP    entity     ORG                    story:{farmers}..{} \"Farmers\" (rule:org/test)", farmers + 7)), "{report}");
}
