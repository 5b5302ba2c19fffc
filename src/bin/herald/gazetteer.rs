//! `herald gazetteer learn`: builds a gazetteer from annotated CoNLL-2003
//! or gold files with `herald::gazetteer::learn`, and writes it as TSV.

use crate::Failure;
use clap::{Subcommand, ValueEnum};
use herald::EntityKind;
use herald::gazetteer::learn::{AnnotatedFormat, LearnOptions, Learner};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct GazetteerArgs {
    #[command(subcommand)]
    command: GazetteerCommand,
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Learn a gazetteer from annotated files: every entity string with the
    /// type it was annotated with most often, and its counts as attributes.
    /// Writes herald's TSV format, ready for --gazetteer.
    Learn(LearnArgs),
}

#[derive(clap::Args)]
struct LearnArgs {
    /// CoNLL-2003 column files, herald gold .json files, or directories of
    /// gold files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// What the files hold; `auto` reads directories and .json files as
    /// gold, anything else as CoNLL.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// The fewest mentions with its type a string needs.
    #[arg(long, value_name = "N", default_value_t = LearnOptions::default().min_count)]
    min_count: usize,
    /// The smallest share of a string's mentions its type must hold (0 to 1).
    #[arg(long, value_name = "X", default_value_t = LearnOptions::default().min_share, value_parser = share)]
    min_share: f64,
    /// The largest share of a string's occurrences that may be capitalized
    /// text outside every annotated mention (1 keeps all).
    #[arg(long, value_name = "X", default_value_t = LearnOptions::default().max_plain_share, value_parser = share)]
    max_plain_share: f64,
    /// The largest share of a string's occurrences that may be in
    /// lowercase (1 keeps all).
    #[arg(long, value_name = "X", default_value_t = LearnOptions::default().max_lowercase_share, value_parser = share)]
    max_lowercase_share: f64,
    /// The largest share of a string's occurrences that may be parts of
    /// longer annotated mentions ("Anna" in "Anna Kovacs"; 1 keeps all).
    #[arg(long, value_name = "X", default_value_t = LearnOptions::default().max_within_share, value_parser = share)]
    max_within_share: f64,
    /// The types to list, comma-separated: PERSON, ORG, PLACE, TITLE,
    /// DEMONYM (CoNLL's PER and LOC are PERSON and PLACE). MISC strings are
    /// counted but never listed.
    #[arg(long, value_name = "TYPES", value_delimiter = ',', default_value = "PERSON,ORG,PLACE", value_parser = kind)]
    types: Vec<EntityKind>,
    /// Write the gazetteer here instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// By the path: gold for a directory or a .json file, else CoNLL.
    Auto,
    /// CoNLL-2003 columns.
    Conll,
    /// herald gold JSON.
    Gold,
}

fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{text:?} is not a number from 0 to 1")),
    }
}

fn kind(text: &str) -> Result<EntityKind, String> {
    let name = text.trim().to_ascii_uppercase();
    let kind = match name.as_str() {
        "PER" => Some(EntityKind::Person),
        "LOC" => Some(EntityKind::Place),
        _ => EntityKind::parse(&name),
    };
    match kind {
        Some(EntityKind::Date) | None => Err(format!(
            "{text:?} is no gazetteer type: expected PERSON, ORG, PLACE, TITLE or DEMONYM"
        )),
        Some(kind) => Ok(kind),
    }
}

pub fn run(args: &GazetteerArgs) -> Result<ExitCode, Failure> {
    match &args.command {
        GazetteerCommand::Learn(args) => learn(args),
    }
}

fn learn(args: &LearnArgs) -> Result<ExitCode, Failure> {
    let mut learner = Learner::new();
    for path in &args.files {
        let format = match args.format {
            Format::Auto => AnnotatedFormat::detect(path),
            Format::Conll => AnnotatedFormat::Conll,
            Format::Gold => AnnotatedFormat::Gold,
        };
        learner
            .add_file(path, format)
            .map_err(|e| Failure(e.to_string()))?;
    }
    let options = LearnOptions {
        min_count: args.min_count,
        min_share: args.min_share,
        kinds: args.types.clone(),
        max_plain_share: args.max_plain_share,
        max_lowercase_share: args.max_lowercase_share,
        max_within_share: args.max_within_share,
    };
    let learned = learner.learn(&options);
    let tsv = learned.to_tsv();
    match &args.output {
        Some(path) => std::fs::write(path, &tsv)
            .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))?,
        None => std::io::stdout().lock().write_all(tsv.as_bytes())?,
    }
    let dropped = learned.dropped();
    eprintln!(
        "herald gazetteer learn: {} entries; left out {} of other types, {} below --min-count, \
         {} below --min-share, {} over --max-plain-share, {} over --max-lowercase-share, \
         {} over --max-within-share",
        learned.entries().len(),
        dropped.other_type,
        dropped.below_min_count,
        dropped.below_min_share,
        dropped.plain,
        dropped.lowercase,
        dropped.within
    );
    Ok(ExitCode::SUCCESS)
}
