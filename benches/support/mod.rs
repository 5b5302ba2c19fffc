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
