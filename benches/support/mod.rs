//! What every bench shares: the news corpus it measures on.

use std::path::{Path, PathBuf};

/// The articles of the BBC politics corpus in `../shared/corpus` (or
/// `../../shared/corpus` from a git worktree one level down), in file-name
/// order, with the folder they came from; `None` when neither exists, so
/// the bench falls back to team-written text.
pub fn news_articles() -> Option<(PathBuf, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        root.join("../shared/corpus/bbc-politics"),
        root.join("../../shared/corpus/bbc-politics"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let texts: Vec<String> = files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect();
        if !texts.is_empty() {
            return Some((dir, texts));
        }
    }
    None
}

/// The team-written example stories in `examples/texts`, in file-name order.
#[allow(dead_code)] // not every bench falls back to them
pub fn example_stories() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/texts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect()
}

/// The file of counts each bench must find before it times anything:
/// a speed-up that changes results fails the bench instead of being
/// reported as faster.
const EXPECTED_COUNTS: &str = "benches/expected-counts.tsv";

/// Checks what a bench found on `input` against the recorded counts
/// (`benches/expected-counts.tsv`: bench, input, then `name=count` pairs),
/// panicking on a difference. With `HERALD_BENCH_BLESS=1` in the
/// environment it records them instead, for a change that is meant to
/// alter results (commit the file with it).
///
/// `input` names what was measured (the corpus or the team-written
/// fallback, with its size), so each has its own line.
#[allow(dead_code)] // not every bench counts through this
pub fn expect_counts(bench: &str, input: &str, counts: &[(&str, usize)]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXPECTED_COUNTS);
    let found: Vec<String> = counts.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let found = found.join(" ");
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    let key = format!("{bench}\t{input}\t");
    let line = recorded.lines().find(|line| line.starts_with(&key));
    if std::env::var_os("HERALD_BENCH_BLESS").is_some_and(|v| v == "1") {
        let mut lines: Vec<String> = recorded
            .lines()
            .filter(|line| !line.starts_with(&key))
            .map(str::to_owned)
            .collect();
        lines.push(format!("{key}{found}"));
        let (mut comments, mut rows): (Vec<String>, Vec<String>) =
            lines.into_iter().partition(|l| l.starts_with('#'));
        rows.sort();
        comments.extend(rows);
        std::fs::write(&path, comments.join("\n") + "\n")
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("{bench} on {input}: recorded {found}");
        return;
    }
    match line {
        Some(line) if line[key.len()..] == found => {
            eprintln!("{bench} on {input}: {found} (as recorded)");
        }
        Some(line) => panic!(
            "{bench} on {input} found {found}, but {EXPECTED_COUNTS} records {}: \
             the results changed. If that is meant, rerun with HERALD_BENCH_BLESS=1 \
             and commit the file.",
            &line[key.len()..]
        ),
        None => panic!(
            "{bench} on {input}: no counts recorded in {EXPECTED_COUNTS}; \
             run once with HERALD_BENCH_BLESS=1 and commit the file"
        ),
    }
}

/// A label for a bench's input: where the texts came from, how many and
/// their size, so that each input has its own recorded counts.
#[allow(dead_code)] // not every bench labels its input this way
pub fn input_label(source: &str, texts: &[String]) -> String {
    let bytes: usize = texts.iter().map(String::len).sum();
    format!("{source} {} texts {bytes} bytes", texts.len())
}

/// What extraction found in some documents, as counts for
/// [`expect_counts`]: entities, references, events and event arguments.
#[allow(dead_code)] // not every bench extracts
pub fn count_results(
    documents: impl IntoIterator<Item = herald::Document>,
) -> Vec<(&'static str, usize)> {
    let (mut entities, mut references, mut events, mut arguments) = (0, 0, 0, 0);
    for document in documents {
        entities += document.entities().len();
        references += document.references().len();
        events += document.events().len();
        arguments += document
            .events()
            .iter()
            .map(|e| e.arguments().len())
            .sum::<usize>();
    }
    vec![
        ("entities", entities),
        ("references", references),
        ("events", events),
        ("arguments", arguments),
    ]
}
