//! `herald extract`: inputs (files, directories, standard input, JSON Lines
//! streams), formats, custom data and errors, run through the binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const STORY: &str =
    "Lisbon, May 3 — Foreign ministers met in Lisbon on Friday. The talks ended late.";

/// Runs herald with `stdin` written from another thread, so a large input
/// and a large output cannot block each other.
fn herald(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("herald runs");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // herald may exit before reading everything (a bad flag); that is
        // the case under test, not a failure to write.
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("herald finishes");
    writer.join().expect("stdin writer");
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is a JSON object"))
        .collect()
}

/// A fresh directory for one test.
fn temp_dir(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("herald-cli-extract-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("parent dir");
    }
    std::fs::write(&path, bytes).expect("temp file");
    path.to_str().expect("utf-8 path").to_owned()
}

#[test]
fn json_format_writes_one_document_object_with_file_and_date() {
    let dir = temp_dir("json");
    let path = write(&dir, "story.txt", STORY.as_bytes());
    let output = herald(
        &["extract", "--format", "json", "--date", "2024-05-03", &path],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("one JSON object");
    assert_eq!(json["document_date"], "2024-05-03");
    assert_eq!(json["text_length"], STORY.len());
    assert_eq!(json["file"], path.as_str());
    assert_eq!(json["events"][0]["type"], "Meeting");
}

#[test]
fn jsonl_is_the_default_when_output_is_not_a_terminal() {
    let output = herald(&["extract"], STORY.as_bytes());
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["text_length"], STORY.len());
    assert!(lines[0].get("file").is_none());
}

#[test]
fn text_format_marks_entities_and_gives_one_line_per_event() {
    let output = herald(
        &["extract", "--format", "text", "--date", "2024-05-03"],
        STORY.as_bytes(),
    );
    let text = stdout(&output);
    assert!(
        text.contains("met in [Lisbon|PLACE] on [Friday|DATE]"),
        "{text}"
    );
    let meeting = text
        .lines()
        .find(|line| line.starts_with("Meeting"))
        .expect("a Meeting line");
    assert!(
        meeting.contains("Foreign ministers · Lisbon · 2024-05-03 · asserted"),
        "{meeting}"
    );
    assert!(!text.contains("tokens:"), "tokens only with --tokens");
    assert!(!text.contains('\x1b'), "no color when piped");

    let colored = stdout(&herald(
        &["extract", "--format", "text", "--color", "always"],
        STORY.as_bytes(),
    ));
    assert!(colored.contains("\x1b[1;32mLisbon\x1b[0m"), "{colored}");
}

#[test]
fn tokens_and_explain_add_what_the_rules_saw_and_used() {
    let output = herald(
        &["extract", "--format", "text", "--tokens", "--explain"],
        b"The envoy left. Ministers met in Lisbon.",
    );
    let text = stdout(&output);
    assert!(text.contains("sentence 1 [0..15]"), "{text}");
    assert!(text.contains("tokens: The | envoy | left | ."), "{text}");
    assert!(text.contains("\"Lisbon\" at 33..39"), "{text}");
    assert!(text.contains("← gazetteer:"), "{text}");
    assert!(text.contains("rule meeting/"), "{text}");
}

#[test]
fn html_format_writes_one_self_contained_page() {
    let dir = temp_dir("html");
    let first = write(&dir, "a.txt", STORY.as_bytes());
    let second = write(&dir, "b.txt", b"Officials said the talks would resume.");
    let output = herald(&["extract", "--format", "html", &first, &second], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    let page = stdout(&output);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("<nav class=\"toc\">"),
        "two documents get contents"
    );
    assert!(page.contains("<mark class=\"ent PLACE\""));
    assert!(page.contains("<div class=\"card Meeting\""));
    assert!(page.contains("<div class=\"card Statement\""));
    for external in ["<link", "src=\"http", "href=\"http", "@import"] {
        assert!(!page.contains(external), "no external asset: {external}");
    }
}

#[test]
fn jsonl_in_keeps_input_order_and_ids_over_a_thousand_records() {
    let mut input = String::new();
    for n in 0..1000 {
        let text = match n % 3 {
            0 => format!("Delegation {n} met officials in Nairobi on Monday."),
            1 => format!("The minister said {n} projects were finished."),
            _ => format!("Record {n} has no events."),
        };
        input.push_str(
            &serde_json::json!({"id": format!("r{n}"), "text": text, "date": "2024-05-03"})
                .to_string(),
        );
        input.push('\n');
    }
    let output = herald(
        &["extract", "--jsonl-in", "--threads", "2"],
        input.as_bytes(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1000);
    for (n, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], format!("r{n}"));
        assert_eq!(line["document_date"], "2024-05-03");
        let expected_events = usize::from(n % 3 != 2);
        assert_eq!(
            line["events"].as_array().map(Vec::len),
            Some(expected_events),
            "record {n}"
        );
    }
}

#[test]
fn jsonl_in_reports_bad_records_in_place_and_goes_on() {
    let input = "{\"id\": 1, \"text\": \"Talks resumed in Quito.\"}\n\
                 not json\n\
                 \n\
                 {\"id\": 3, \"text\": \"Rain.\", \"date\": \"soon\"}\n\
                 {\"id\": 4, \"text\": \"The envoy left.\", \"date\": null}\n";
    let output = herald(&["extract", "--jsonl-in"], input.as_bytes());
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failed record makes exit 1"
    );
    let lines = json_lines(&output);
    assert_eq!(
        lines.len(),
        4,
        "one line per record; the blank line is none"
    );
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("not a JSON record")
    );
    assert_eq!(lines[2]["id"], 3);
    assert!(lines[2]["error"].as_str().unwrap().contains("YYYY-MM-DD"));
    assert_eq!(lines[3]["id"], 4);
    let errors = stderr(&output);
    assert!(errors.contains("standard input, line 2"), "{errors}");
    assert!(errors.contains("2 documents failed"), "{errors}");
}

#[test]
fn lines_flag_makes_each_input_line_a_document() {
    let output = herald(
        &["extract", "--format", "jsonl", "--lines"],
        b"Talks resumed.\n\nThe envoy left.\n",
    );
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["line"].as_u64(), lines[1]["line"].as_u64()),
        (Some(1), Some(3))
    );
}

#[test]
fn custom_gazetteer_and_rules_add_to_the_defaults() {
    let dir = temp_dir("custom");
    let gazetteer = write(
        &dir,
        "water.tsv",
        "ORG\tTigris Water Board\tTWB\tkind=agency\nPERSON\tJorun Vell\t\t\n".as_bytes(),
    );
    let rules = write(
        &dir,
        "huddle.rules",
        b"rule meeting/verb/huddle -> Meeting\n  match trigger:\"huddled\" \"with\"\n  example \"[PERSON Ruto] huddled with [PERSON Lula].\" => trigger=\"huddled\"\n",
    );
    let text = b"Jorun Vell of the TWB huddled with William Ruto in Nairobi.";
    let plain = json_lines(&herald(&["extract"], text));
    assert!(plain[0]["events"].as_array().unwrap().is_empty());

    let output = herald(
        &["extract", "--gazetteer", &gazetteer, "--rules", &rules],
        text,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = &json_lines(&output)[0];
    let canonical: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["canonical"].as_str())
        .collect();
    assert!(canonical.contains(&"Tigris Water Board"), "{canonical:?}");
    assert!(canonical.contains(&"Jorun Vell"), "{canonical:?}");
    assert!(
        canonical.contains(&"William Ruto"),
        "defaults stay: {canonical:?}"
    );
    assert_eq!(doc["events"][0]["rule"], "meeting/verb/huddle");

    let only_mine = herald(
        &[
            "extract",
            "--no-default-gazetteers",
            "--no-default-rules",
            "--gazetteer",
            &gazetteer,
        ],
        text,
    );
    assert!(only_mine.status.success(), "{}", stderr(&only_mine));
    let doc = &json_lines(&only_mine)[0];
    let canonical: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["canonical"].as_str())
        .collect();
    assert!(canonical.contains(&"Jorun Vell"), "{canonical:?}");
    assert!(!canonical.contains(&"William Ruto"), "{canonical:?}");
}

#[test]
fn a_bad_rule_or_gazetteer_file_stops_the_run_before_any_text() {
    let dir = temp_dir("bad-data");
    let rules = write(
        &dir,
        "bad.rules",
        b"rule broken -> Meeting\n  match trigger:(\"met\"\n",
    );
    let output = herald(&["extract", "--rules", &rules], STORY.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "no text is read");
    let message = stderr(&output);
    assert!(message.contains(&format!("{rules}:2:")), "{message}");

    let gazetteer = write(&dir, "bad.tsv", b"CITY\tAtlantis\n");
    let output = herald(&["extract", "--gazetteer", &gazetteer], STORY.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!("{gazetteer}:1:1")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn one_bad_document_never_loses_the_others() {
    let dir = temp_dir("mixed");
    let good = write(&dir, "good.txt", STORY.as_bytes());
    let bad = write(&dir, "bad.txt", b"Talks in Quito \xff\xfe ended.");
    let missing = dir.join("missing.txt").to_str().unwrap().to_owned();
    let output = herald(&["extract", &bad, &missing, &good], b"");
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .contains("invalid UTF-8 at byte 15")
    );
    assert!(lines[1]["error"].as_str().unwrap().contains("no such file"));
    assert_eq!(lines[2]["file"], good.as_str());
    let message = stderr(&output);
    assert!(
        message.contains(&format!("{bad}: invalid UTF-8 at byte 15")),
        "{message}"
    );

    let fail_fast = herald(&["extract", "--fail-fast", &bad, &good], b"");
    assert_eq!(fail_fast.status.code(), Some(1));
    assert_eq!(
        json_lines(&fail_fast).len(),
        1,
        "stops at the first failure"
    );
    assert!(stderr(&fail_fast).contains("--fail-fast"));

    let lossy = herald(&["extract", "--lossy", &bad], b"");
    assert!(lossy.status.success());
    assert_eq!(
        json_lines(&lossy)[0]["text_length"],
        "Talks in Quito \u{fffd}\u{fffd} ended.".len()
    );
    assert!(
        stderr(&lossy).contains("replaced 2 invalid UTF-8 sequences"),
        "{}",
        stderr(&lossy)
    );
}

#[test]
fn directories_are_walked_for_the_glob_in_sorted_order() {
    let dir = temp_dir("walk");
    write(&dir, "b.txt", b"Ministers met in Lisbon.");
    write(&dir, "a.txt", b"");
    write(&dir, "nested/c.txt", b"The envoy said talks would resume.");
    write(&dir, "notes.md", b"# not a story");
    write(&dir, "image.png", &[0x89, b'P', b'N', b'G', 0xff, 0x00]);
    let root = dir.to_str().unwrap();
    let output = herald(&["extract", root], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    let files: Vec<String> = json_lines(&output)
        .iter()
        .map(|doc| doc["file"].as_str().unwrap().to_owned())
        .collect();
    let relative: Vec<&str> = files
        .iter()
        .map(|f| f.strip_prefix(root).unwrap().trim_start_matches('/'))
        .collect();
    assert_eq!(relative, ["a.txt", "b.txt", "nested/c.txt"]);

    let markdown = herald(&["extract", "--glob", "*.md", root], b"");
    assert_eq!(json_lines(&markdown).len(), 1);
}

#[test]
fn an_empty_file_is_a_document_with_nothing_in_it() {
    let dir = temp_dir("empty");
    let empty = write(&dir, "empty.txt", b"");
    for format in ["jsonl", "text", "html"] {
        let output = herald(&["extract", "--format", format, &empty], b"");
        assert!(output.status.success(), "{format}: {}", stderr(&output));
    }
    let doc = &json_lines(&herald(&["extract", &empty], b""))[0];
    assert_eq!(doc["text_length"], 0);
    assert_eq!(doc["entities"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_fifty_megabyte_file_is_one_document() {
    let dir = temp_dir("large");
    // Paragraphs of varied, event-bearing news text, each a little
    // different so no cache of repeats can flatter the run.
    let mut text = String::with_capacity(50 << 20);
    let mut n = 0;
    while text.len() < 50 << 20 {
        text.push_str(&format!(
            "NAIROBI — Delegation {n} met officials in Nairobi on Monday, the ministry said. \
             “We discussed {n} projects,” an aide told reporters.\n\n"
        ));
        n += 1;
    }
    let path = write(&dir, "large.txt", text.as_bytes());
    // Over the default bound: the document fails, named, and nothing is lost.
    let refused = herald(&["extract", &path], b"");
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("--max-document-bytes"),
        "{}",
        stderr(&refused)
    );
    let output = herald(&["extract", "--max-document-bytes", "60000000", &path], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    // The JSON is over a gigabyte: look at it as bytes rather than parse it.
    assert_eq!(
        output.stdout.iter().filter(|&&b| b == b'\n').count(),
        1,
        "one record"
    );
    let head = String::from_utf8_lossy(&output.stdout[..200.min(output.stdout.len())]);
    assert!(
        head.contains(&format!("\"text_length\":{}", text.len())),
        "{head}"
    );
    let meetings = count(&output.stdout, b"\"rule\":\"meeting/verb/");
    let statements = count(&output.stdout, b"\"type\":\"Statement\"");
    assert!(
        meetings >= n && statements >= n,
        "{meetings} meetings, {statements} statements for {n} paragraphs"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

#[test]
fn bad_arguments_exit_two_and_name_the_problem() {
    let output = herald(&["extract", "--date", "May 3", "-"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not a YYYY-MM-DD date"));
    let output = herald(&["extract", "--glob", "[", "."], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--glob"), "{}", stderr(&output));
}

#[test]
fn an_interrupted_run_ends_on_a_whole_record() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["extract", "--jsonl-in", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("herald runs");
    let mut input = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        for n in 0..100_000 {
            let record = serde_json::json!({
                "id": n,
                "text": format!("Delegation {n} met officials in Nairobi on Monday, the ministry said."),
            });
            // herald stops reading once interrupted.
            if writeln!(input, "{record}").is_err() {
                break;
            }
        }
    });
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a first record").expect("utf-8");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let mut records = vec![first];
    records.extend(lines.map(|line| line.expect("utf-8")));
    let exit = child.wait().expect("herald exits");
    writer.join().expect("writer");
    assert_eq!(exit.code(), Some(130), "interrupted, not finished");
    assert!(records.len() < 100_000);
    for (n, line) in records.iter().enumerate() {
        let record: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("line {} is not a whole record: {e}", n + 1));
        assert_eq!(record["id"], n, "records stay in order");
    }
}
