//! `herald check`: validates rule files and runs their examples.

use std::process::Command;

fn herald(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .output()
        .expect("herald runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("herald-cli-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write rule file");
    path
}

#[test]
fn bundled_entity_rules_check_clean() {
    let (code, stdout, _) = herald(&["check", "rules/entities.rules"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}

#[test]
fn failing_example_exits_one_and_names_rule_and_sentence() {
    let path = write(
        "failing.rules",
        "rule person/said/1 -> PERSON\n  match entity:(Cap Cap) \"said\"\n  example \"Amara Diallo spoke.\" => entity=\"Amara Diallo\"\n",
    );
    let (code, stdout, _) = herald(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("person/said/1") && stdout.contains("Amara Diallo spoke."),
        "{stdout}"
    );
}

#[test]
fn malformed_file_exits_two_with_file_line_column() {
    let path = write(
        "broken.rules",
        "rule org/x/1 -> ORG\n  match entity:Cap @nolist\n  example \"Acme said.\"\n",
    );
    let (code, _, stderr) = herald(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("broken.rules:2:20: unknown word list"),
        "{stderr}"
    );
}

#[test]
fn gazetteers_are_checked_and_serve_the_rules_examples() {
    let gazetteer = write("boards.tsv", "ORG\tTigris Water Board\tTWB\tkind=agency\n");
    let rules = write(
        "boards.rules",
        "rule meeting/verb/huddle -> Meeting\n  match trigger:\"huddled\" \"with\"\n  example \"[ORG TWB] officials huddled with [PERSON Ruto].\" => trigger=\"huddled\"\n",
    );
    let (code, stdout, stderr) = herald(&[
        "check",
        gazetteer.to_str().unwrap(),
        rules.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("boards.tsv: 1 entries"), "{stdout}");
    assert!(stdout.contains("1 rules"), "{stdout}");

    let broken = write("broken.tsv", "ORG\tAcme\t\tkind\n");
    let (code, _, stderr) = herald(&["check", broken.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("broken.tsv:1:"), "{stderr}");

    let unknown = write("notes.txt", "hello");
    let (code, _, stderr) = herald(&["check", unknown.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("rule files end in .rules"), "{stderr}");
}
