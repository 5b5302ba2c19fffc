//! The `herald` command line: `extract` entities and events from news text,
//! `evaluate` them against gold data. This file only does I/O; scoring lives
//! in `herald::eval`.

use clap::{Parser, Subcommand, ValueEnum};
use herald::eval::{self, Evaluation, FloorCheck, Floors, GoldDocument, Verdict};
use herald::{Document, Extractor};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "Named entities and events (meetings, invitations, statements) from English news text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities and events from text files (or standard input).
    Extract(ExtractArgs),
    /// Score extraction against gold files, CoNLL-2003 files or the CI floors.
    Evaluate(EvaluateArgs),
    /// Validate entity rule files and run their embedded examples, without
    /// running them on any text. Exits 1 when an example fails, 2 when a
    /// file does not load (every problem named by file:line:column).
    Check(CheckArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Rule files, checked together as one set with the bundled `@title`
    /// list from the default gazetteers.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Text files; none or `-` reads standard input.
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    format: ExtractFormat,
    /// Document date (YYYY-MM-DD) that relative dates resolve against.
    #[arg(long, value_parser = parse_date)]
    date: Option<jiff::civil::Date>,
    /// Treat every line of the input as a separate document.
    #[arg(long)]
    lines: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExtractFormat {
    /// Sentences, tokens, entities and events for people to read.
    Text,
    /// One pretty-printed JSON object per document.
    Json,
    /// One JSON object per line per document.
    Jsonl,
}

#[derive(clap::Args)]
struct EvaluateArgs {
    /// Gold .json files, or directories of them (every *.json inside, sorted).
    paths: Vec<PathBuf>,
    /// CoNLL-2003 column files to score as well.
    #[arg(long, value_name = "FILE")]
    conll: Vec<PathBuf>,
    /// Run every gold set listed in this floors file and fail when a score
    /// falls below its floor.
    #[arg(long, value_name = "FILE")]
    floors: Option<PathBuf>,
    /// Where the floors file's set paths are rooted; when it is absent the
    /// floors check is skipped.
    #[arg(long, value_name = "DIR", default_value = "../shared/eval")]
    eval_root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Score saved predictions instead of running the extractor: for gold
    /// file NAME.json, DIR/NAME.json holds herald's JSON output for its text.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["conll", "floors"])]
    predictions: Option<PathBuf>,
    /// Print only the score tables, not every mistake.
    #[arg(long)]
    summary: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Tables and a list of mistakes.
    Text,
    /// One JSON object with every set's counts, scores and mistakes.
    Json,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a YYYY-MM-DD date"))
}

/// An error that ends the command with exit code 2.
struct Failure(String);

impl From<eval::Error> for Failure {
    fn from(error: eval::Error) -> Failure {
        Failure(error.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        Failure(format!("writing output: {error}"))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(&args),
        Command::Evaluate(args) => evaluate(&args),
        Command::Check(args) => check(&args),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`herald extract … | head`) is not an error.
        Err(Failure(message)) if message.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("herald: {message}");
            ExitCode::from(2)
        }
    }
}

// ---- check

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let mut sources = Vec::new();
    for path in &args.files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("{}: cannot read: {e}", path.display())))?;
        sources.push((path.display().to_string(), text));
    }
    let matcher =
        herald::gazetteer::GazetteerMatcher::from_gazetteers(herald::gazetteer::defaults())
            .map_err(|e| Failure(e.to_string()))?;
    let report =
        herald::pattern::check_rules(&matcher, &sources).map_err(|e| Failure(e.to_string()))?;
    println!("{report}");
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

// ---- extract

fn extract(args: &ExtractArgs) -> Result<ExitCode, Failure> {
    let extractor = Extractor::default();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let inputs: Vec<Option<&Path>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files
            .iter()
            .map(|f| (f.as_os_str() != "-").then_some(f.as_path()))
            .collect()
    };
    for input in inputs {
        let text = read_input(input)?;
        let name = input.map(|path| path.display().to_string());
        let documents: Vec<&str> = if args.lines {
            text.lines().collect()
        } else {
            vec![text.as_str()]
        };
        for (index, piece) in documents.into_iter().enumerate() {
            if args.lines && piece.trim().is_empty() {
                continue;
            }
            let doc = extractor.extract_dated(piece, args.date);
            let line = args.lines.then_some(index + 1);
            write_document(&mut out, args.format, name.as_deref(), line, &doc)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn read_input(path: Option<&Path>) -> Result<String, Failure> {
    match path {
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| Failure(format!("{}: {e}", path.display())))
        }
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Failure(format!("standard input: {e}")))?;
            Ok(text)
        }
    }
}

/// A document with where it came from, for JSON output.
#[derive(serde::Serialize)]
struct Output<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(flatten)]
    document: &'a Document,
}

fn write_document(
    out: &mut impl Write,
    format: ExtractFormat,
    file: Option<&str>,
    line: Option<usize>,
    doc: &Document,
) -> Result<(), Failure> {
    let output = Output {
        file,
        line,
        document: doc,
    };
    let json_error = |e: serde_json::Error| Failure(format!("writing JSON: {e}"));
    match format {
        ExtractFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &output).map_err(json_error)?;
            writeln!(out)?;
        }
        ExtractFormat::Jsonl => {
            serde_json::to_writer(&mut *out, &output).map_err(json_error)?;
            writeln!(out)?;
        }
        ExtractFormat::Text => write_text(out, file, line, doc)?,
    }
    Ok(())
}

fn write_text(
    out: &mut impl Write,
    file: Option<&str>,
    line: Option<usize>,
    doc: &Document,
) -> std::io::Result<()> {
    let text = doc.text();
    let slice = |span: herald::Span| text.get(span.range()).unwrap_or("");
    match (file, line) {
        (Some(file), Some(line)) => writeln!(out, "== {file}, line {line} ==")?,
        (Some(file), None) => writeln!(out, "== {file} ==")?,
        (None, Some(line)) => writeln!(out, "== line {line} ==")?,
        (None, None) => {}
    }
    if let Some(date) = doc.date() {
        writeln!(out, "document date: {date}")?;
    }
    let tokens = herald::text::tokenize(text);
    for (number, sentence) in herald::text::split_sentences(text, &tokens)
        .iter()
        .enumerate()
    {
        writeln!(
            out,
            "sentence {} [{}..{}]",
            number + 1,
            sentence.span.start,
            sentence.span.end
        )?;
        if let Some(dateline) = &sentence.dateline {
            write!(out, "  dateline: place {:?}", slice(dateline.place))?;
            if let Some(date) = dateline.date {
                write!(out, ", date {:?}", slice(date))?;
            }
            writeln!(out)?;
        }
        let words: Vec<&str> = sentence
            .tokens
            .clone()
            .filter_map(|i| tokens.get(i))
            .map(|t| slice(t.span))
            .collect();
        writeln!(out, "  tokens: {}", words.join(" | "))?;
    }
    if !doc.entities().is_empty() {
        writeln!(out, "entities:")?;
        for entity in doc.entities() {
            write!(
                out,
                "  {:<8} {:>5}..{:<5} {:?} cluster {}",
                entity.kind().as_str(),
                entity.span().start,
                entity.span().end,
                slice(entity.span()),
                entity.cluster()
            )?;
            if let Some(canonical) = entity.canonical() {
                write!(out, ", canonical {canonical:?}")?;
            }
            if let Some(value) = entity.value() {
                write!(out, ", value {value}")?;
            }
            writeln!(out, "  ({})", String::from(entity.source().clone()))?;
        }
    }
    if !doc.events().is_empty() {
        writeln!(out, "events:")?;
        for event in doc.events() {
            let kind = serde_json::to_value(event.kind())
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned));
            let modality = serde_json::to_value(event.modality())
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned));
            write!(
                out,
                "  {} {:?} {}..{} id {}, {}",
                kind.unwrap_or_default(),
                slice(event.trigger()),
                event.trigger().start,
                event.trigger().end,
                event.id(),
                modality.unwrap_or_default()
            )?;
            if let Some(date) = event.date() {
                write!(out, ", date {date}")?;
            }
            writeln!(out, "  (rule:{})", event.rule())?;
            for argument in event.arguments() {
                let role = serde_json::to_value(argument.role())
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned));
                write!(
                    out,
                    "    {:<12} {:?} {}..{}",
                    role.unwrap_or_default(),
                    slice(argument.span()),
                    argument.span().start,
                    argument.span().end
                )?;
                if let Some(entity) = argument.entity() {
                    write!(out, " → {entity}")?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

// ---- evaluate

/// One document to score: its name, text and gold, and a saved prediction
/// when one was given (otherwise the extractor runs).
struct Case {
    name: String,
    /// The gold file's name without `.json`, which names its prediction file.
    file_stem: String,
    text: String,
    gold: GoldDocument,
    prediction: Option<eval::Prediction>,
}

/// A scored gold set.
#[derive(serde::Serialize)]
struct SetReport {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    seconds: Option<f64>,
    evaluation: Evaluation,
}

fn evaluate(args: &EvaluateArgs) -> Result<ExitCode, Failure> {
    if args.paths.is_empty() && args.conll.is_empty() && args.floors.is_none() {
        return Err(Failure(
            "nothing to evaluate: give gold paths, --conll FILE or --floors FILE".into(),
        ));
    }
    let extractor = Extractor::default();
    let mut sets = Vec::new();
    for path in &args.paths {
        let mut cases = gold_cases(path)?;
        if let Some(dir) = &args.predictions {
            for case in &mut cases {
                let file = dir.join(format!("{}.json", case.file_stem));
                case.prediction = Some(eval::Prediction::load(&file)?);
            }
        }
        sets.push(run_set(&extractor, &path.display().to_string(), cases));
    }
    for path in &args.conll {
        sets.push(run_set(
            &extractor,
            &path.display().to_string(),
            conll_cases(path)?,
        ));
    }
    let mut checks: Vec<FloorCheck> = Vec::new();
    let mut skipped = None;
    if let Some(floors_path) = &args.floors {
        let floors = Floors::load(floors_path)?;
        if args.eval_root.is_dir() {
            for set in floors.sets() {
                let path = args.eval_root.join(&set.path);
                let cases = if path.extension().is_some_and(|ext| ext == "txt") {
                    conll_cases(&path)?
                } else {
                    gold_cases(&path)?
                };
                let report = run_set(&extractor, &set.name, cases);
                checks.extend(set.check(&report.evaluation));
                sets.push(report);
            }
        } else {
            skipped = Some(format!(
                "skipped the floors check: evaluation root {} not found",
                args.eval_root.display()
            ));
        }
    }
    write_reports(args, &sets, &checks, skipped.as_deref())?;
    let failed = checks
        .iter()
        .any(|c| matches!(c.verdict, Verdict::Below | Verdict::NotMeasured));
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_reports(
    args: &EvaluateArgs,
    sets: &[SetReport],
    checks: &[FloorCheck],
    skipped: Option<&str>,
) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        ReportFormat::Text => {
            for set in sets {
                let report = eval::render_text(&set.name, &set.evaluation, !args.summary);
                write!(out, "{report}")?;
                if let Some(seconds) = set.seconds {
                    writeln!(out, "time: {seconds:.2} s")?;
                }
                writeln!(out)?;
            }
            for check in checks {
                writeln!(out, "{check}")?;
            }
            if let Some(skipped) = skipped {
                writeln!(out, "{skipped}")?;
            }
        }
        ReportFormat::Json => {
            let checks: Vec<serde_json::Value> = checks
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "set": c.set, "metric": c.metric, "floor": c.floor, "measured": c.measured,
                        "verdict": format!("{:?}", c.verdict).to_lowercase(), "message": c.to_string(),
                    })
                })
                .collect();
            let sets: Vec<serde_json::Value> = sets
                .iter()
                .map(|set| {
                    let mut value = serde_json::to_value(set).unwrap_or_default();
                    if args.summary
                        && let Some(evaluation) =
                            value.get_mut("evaluation").and_then(|v| v.as_object_mut())
                    {
                        evaluation.remove("mistakes");
                    }
                    value
                })
                .collect();
            let report = serde_json::json!({ "sets": sets, "floors": checks, "skipped": skipped });
            serde_json::to_writer_pretty(&mut out, &report)
                .map_err(|e| Failure(format!("writing JSON: {e}")))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn gold_cases(path: &Path) -> Result<Vec<Case>, Failure> {
    let mut cases = Vec::new();
    for file in eval::gold_files(path)? {
        let (gold, text) = eval::load_gold(&file)?;
        let file_stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // `seed/gold.json` is better named by its directory.
        let name = match file.parent().and_then(Path::file_name) {
            Some(dir) if file_stem == "gold" => dir.to_string_lossy().into_owned(),
            _ => file_stem.clone(),
        };
        cases.push(Case {
            name,
            file_stem,
            text,
            gold,
            prediction: None,
        });
    }
    Ok(cases)
}

fn conll_cases(path: &Path) -> Result<Vec<Case>, Failure> {
    let documents = eval::load_conll(path)?;
    Ok(documents
        .into_iter()
        .map(|doc| Case {
            name: doc.gold.text.replace(' ', "-"),
            file_stem: String::new(),
            text: doc.text,
            gold: doc.gold,
            prediction: None,
        })
        .collect())
}

/// Extracts and scores every case, on two threads (documents are
/// independent; the extractor is shared), merging in input order.
fn run_set(extractor: &Extractor, name: &str, cases: Vec<Case>) -> SetReport {
    let started = std::time::Instant::now();
    let run = |case: &Case| match &case.prediction {
        Some(prediction) => eval::score(&case.name, &case.text, &case.gold, prediction),
        None => {
            let doc = extractor.extract_dated(&case.text, case.gold.date());
            eval::score(
                &case.name,
                &case.text,
                &case.gold,
                &eval::Prediction::from(&doc),
            )
        }
    };
    let half = cases.len().div_ceil(2);
    let (first, second) = cases.split_at(half);
    let (mut left, right) = std::thread::scope(|scope| {
        let worker = scope.spawn(|| second.iter().map(run).collect::<Vec<_>>());
        let left: Vec<Evaluation> = first.iter().map(run).collect();
        // A panicking stage is a bug to report loudly, not to hide.
        (
            left,
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        )
    });
    left.extend(right);
    let mut evaluation = Evaluation::default();
    for one in left {
        evaluation.merge(one);
    }
    SetReport {
        name: name.to_owned(),
        seconds: Some(started.elapsed().as_secs_f64()),
        evaluation,
    }
}
