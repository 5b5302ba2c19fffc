//! `herald evaluate`: scores the extractor (or saved predictions) against
//! gold files, CoNLL-2003 files and the floors file. Scoring lives in
//! `herald::eval`; this module reads files and writes reports.

use crate::Failure;
use clap::ValueEnum;
use herald::Extractor;
use herald::eval::{self, Evaluation, FloorCheck, Floors, GoldDocument, Verdict};
use rayon::prelude::*;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvaluateArgs {
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
    #[arg(long, value_name = "DIR", conflicts_with_all = ["conll", "floors", "gazetteers"])]
    predictions: Option<PathBuf>,
    /// Print only the score tables, not every mistake.
    #[arg(long)]
    summary: bool,
    /// Add a gazetteer to the embedded ones (herald's .tsv, or spaCy
    /// patterns as .jsonl), as `extract --gazetteer` does; repeatable.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Tables and a list of mistakes.
    Text,
    /// One JSON object with every set's counts, scores and mistakes.
    Json,
}

impl From<eval::Error> for Failure {
    fn from(error: eval::Error) -> Failure {
        Failure(error.to_string())
    }
}

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

pub fn run(args: &EvaluateArgs) -> Result<ExitCode, Failure> {
    if args.paths.is_empty() && args.conll.is_empty() && args.floors.is_none() {
        return Err(Failure(
            "nothing to evaluate: give gold paths, --conll FILE or --floors FILE".into(),
        ));
    }
    let mut builder = Extractor::builder();
    for path in &args.gazetteers {
        builder = builder.gazetteer_file(path);
    }
    let extractor = builder.build()?;
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
                    if let Some(evaluation) =
                        value.get_mut("evaluation").and_then(|v| v.as_object_mut())
                    {
                        // Mistakes grouped by cause, counted: kept in a
                        // summary, which drops the mistakes themselves.
                        let causes =
                            serde_json::to_value(set.evaluation.cause_groups()).unwrap_or_default();
                        evaluation.insert("causes".to_owned(), causes);
                        if args.summary {
                            evaluation.remove("mistakes");
                        }
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

/// Extracts and scores every case in parallel (documents are independent;
/// the extractor is shared), merging in input order.
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
    let scored: Vec<Evaluation> = cases.par_iter().map(run).collect();
    let mut evaluation = Evaluation::default();
    for one in scored {
        evaluation.merge(one);
    }
    SetReport {
        name: name.to_owned(),
        seconds: Some(started.elapsed().as_secs_f64()),
        evaluation,
    }
}
