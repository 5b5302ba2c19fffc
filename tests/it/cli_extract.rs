//! `herald extract`: output formats, inputs and errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const STORY: &str =
    "Lisbon, May 3 — Foreign ministers met in Lisbon on Friday. The talks ended late.";

fn herald(args: &[&str], stdin: &str) -> Output {
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
        .write_all(stdin.as_bytes())
        .expect("stdin written");
    child.wait_with_output().expect("herald finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("herald-cli-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp file");
    path
}

#[test]
fn json_format_writes_one_document_object_with_file_and_date() {
    let path = temp_file("story.txt", STORY);
    let output = herald(
        &[
            "extract",
            "--format",
            "json",
            "--date",
            "2024-05-03",
            path.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("one JSON object");
    assert_eq!(json["document_date"], "2024-05-03");
    assert_eq!(json["text_length"], STORY.len());
    assert_eq!(json["file"], path.to_str().unwrap());
    assert!(json["entities"].is_array() && json["events"].is_array());
}

#[test]
fn jsonl_format_writes_one_line_per_document() {
    let first = temp_file("first.txt", STORY);
    let second = temp_file("second.txt", "Rain fell on the capital.");
    let output = herald(
        &[
            "extract",
            "--format",
            "jsonl",
            first.to_str().unwrap(),
            second.to_str().unwrap(),
        ],
        "",
    );
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["text_length"], "Rain fell on the capital.".len());
}

#[test]
fn stdin_is_read_when_no_file_or_dash_is_given() {
    for args in [
        &["extract", "--format", "jsonl"][..],
        &["extract", "--format", "jsonl", "-"][..],
    ] {
        let output = herald(args, "Talks resumed in Quito.");
        assert!(output.status.success());
        let json: serde_json::Value =
            serde_json::from_str(stdout(&output).trim()).expect("a JSON line");
        assert_eq!(json["text_length"], 23, "{args:?}");
        assert!(json.get("file").is_none());
    }
}

#[test]
fn lines_flag_makes_each_input_line_a_document() {
    let output = herald(
        &["extract", "--format", "jsonl", "--lines"],
        "Talks resumed.\n\nThe envoy left.\n",
    );
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["line"].as_u64(), lines[1]["line"].as_u64()),
        (Some(1), Some(3))
    );
}

#[test]
fn text_format_shows_sentences_and_tokens() {
    let output = herald(&["extract"], "The envoy left. Talks resumed.");
    let text = stdout(&output);
    assert!(text.contains("sentence 1 [0..15]"), "{text}");
    assert!(text.contains("tokens: The | envoy | left | ."), "{text}");
    assert!(text.contains("sentence 2"), "{text}");
}

#[test]
fn bad_input_exits_with_code_two_and_names_the_problem() {
    let cases: [(&str, &[&str], &str); 2] = [
        (
            "missing file",
            &["extract", "/nonexistent/herald/story.txt"],
            "/nonexistent/herald/story.txt",
        ),
        (
            "malformed date",
            &["extract", "--date", "May 3", "-"],
            "not a YYYY-MM-DD date",
        ),
    ];
    for (name, args, expected) in cases {
        let output = herald(args, "");
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
}
