//! `herald check`: loads gazetteer and rule files the way `extract` would,
//! reports every problem by file:line:column, and runs the rules' own
//! examples and counter-examples.

use crate::Failure;
use herald::gazetteer::{Gazetteer, GazetteerMatcher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Rule files (`.rules`) and gazetteers (`.tsv`, or spaCy patterns as
    /// `.jsonl`). Rule files are checked together as one set, with the
    /// default gazetteers plus the gazetteers given here, so examples can
    /// use their entries.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Check against the given gazetteers only, without the embedded ones.
    #[arg(long)]
    no_default_gazetteers: bool,
}

/// What a file given to `check` holds, by its extension.
enum Kind {
    Rules,
    Gazetteer,
}

fn kind(path: &Path) -> Result<Kind, Failure> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("rules") => Ok(Kind::Rules),
        Some("tsv" | "jsonl") => Ok(Kind::Gazetteer),
        _ => Err(Failure(format!(
            "{}: cannot tell what this file is: rule files end in .rules, gazetteers in .tsv or .jsonl",
            path.display()
        ))),
    }
}

pub fn run(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let mut rule_sources = Vec::new();
    let mut gazetteers = if args.no_default_gazetteers {
        Vec::new()
    } else {
        herald::gazetteer::defaults()
    };
    for path in &args.files {
        let kind = kind(path)?;
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("{}: cannot read: {e}", path.display())))?;
        match kind {
            Kind::Rules => rule_sources.push((path.display().to_string(), text)),
            Kind::Gazetteer => {
                let gazetteer =
                    Gazetteer::from_file_text(path, &text).map_err(|e| Failure(e.to_string()))?;
                println!("{}: {} entries", path.display(), gazetteer.len());
                gazetteers.push(gazetteer);
            }
        }
    }
    let matcher =
        GazetteerMatcher::from_gazetteers(gazetteers).map_err(|e| Failure(e.to_string()))?;
    if rule_sources.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let report = herald::pattern::check_rules(&matcher, &rule_sources)
        .map_err(|e| Failure(e.to_string()))?;
    println!("{report}");
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
