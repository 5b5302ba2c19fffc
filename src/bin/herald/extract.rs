//! `herald extract`: reads documents, extracts them in parallel batches and
//! writes the results in input order.
//!
//! A document that cannot be read (missing, invalid UTF-8, a bad JSON
//! record) is reported on standard error with its name, written as an
//! `{"error"}` record in the JSON formats, and the run goes on; the exit
//! code is then 1. `--fail-fast` stops at the first one. A gazetteer or rule
//! file that does not load stops the run before any text is read (exit 2).
//!
//! Streams (`--jsonl-in`, `--lines`) are read in bounded chunks, so memory
//! stays flat however long they are; every chunk is extracted in parallel
//! and written in order before the next is read.

use crate::html_view::{self, Section};
use crate::input::{self, LineChunks, PathInput, Record};
use crate::text_view::{self, TextOptions};
use crate::{Failure, parse_date};
use clap::ValueEnum;
use herald::{Document, Extractor};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Text files and directories (walked recursively for --glob); none, or
    /// `-`, reads standard input.
    inputs: Vec<PathBuf>,
    /// Which files of a directory to read, matched against the path below
    /// the directory.
    #[arg(long, value_name = "GLOB", default_value = "*.txt")]
    glob: String,
    /// The inputs are JSON Lines of {"id", "text", "date"} records: one
    /// result per record, in input order, carrying its id.
    #[arg(long, conflicts_with = "lines")]
    jsonl_in: bool,
    /// Every line of the input is a separate document (blank lines are
    /// skipped).
    #[arg(long)]
    lines: bool,
    /// Add a gazetteer (herald's .tsv, or spaCy patterns as .jsonl) to the
    /// embedded ones. Repeatable.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Add a rule file to the embedded rules. Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Leave out the embedded gazetteers.
    #[arg(long)]
    no_default_gazetteers: bool,
    /// Leave out the embedded entity and event rules.
    #[arg(long)]
    no_default_rules: bool,
    /// Document date (YYYY-MM-DD) that relative dates resolve against; a
    /// record's own "date" wins.
    #[arg(long, value_parser = parse_date)]
    date: Option<jiff::civil::Date>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<ExtractFormat>,
    /// Say which gazetteer entry or rule produced every item (text format;
    /// the JSON and HTML formats always carry it).
    #[arg(long)]
    explain: bool,
    /// Also show the sentences and tokens the rules saw (text format).
    #[arg(long)]
    tokens: bool,
    /// Color in the text format [default: auto: on a terminal, unless
    /// NO_COLOR is set].
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Replace invalid UTF-8 with U+FFFD (and report it) instead of failing
    /// the document.
    #[arg(long)]
    lossy: bool,
    /// Stop at the first document that fails.
    #[arg(long)]
    fail_fast: bool,
    /// The largest document extracted; a longer one fails (exit 1) and the
    /// run goes on. The bound keeps one hostile document from taking the
    /// machine's memory (news takes about 26 bytes of memory per byte).
    #[arg(long, value_name = "BYTES", default_value_t = herald::DEFAULT_MAX_DOCUMENT_BYTES)]
    max_document_bytes: usize,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// The text with entities marked, then one line per event.
    Text,
    /// One pretty-printed JSON object per document.
    Json,
    /// One JSON object per line per document.
    Jsonl,
    /// One self-contained HTML page for all documents.
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A document to extract, with what names it in the output.
struct Job {
    /// The input file; `None` for standard input.
    file: Option<String>,
    /// The 1-based line, for `--lines` and `--jsonl-in`.
    line: Option<usize>,
    /// A `--jsonl-in` record's id, carried as it was.
    id: Option<serde_json::Value>,
    /// Unique within the run; names the document's HTML anchors.
    key: String,
    /// The text, or why there is none.
    text: Result<String, String>,
    date: Option<jiff::civil::Date>,
    warning: Option<String>,
}

impl Job {
    /// How messages and headers name the document.
    fn label(&self) -> String {
        let mut label = self
            .file
            .clone()
            .unwrap_or_else(|| "standard input".to_owned());
        if let Some(line) = self.line {
            label.push_str(&format!(", line {line}"));
        }
        if let Some(id) = &self.id {
            label.push_str(&format!(", id {id}"));
        }
        label
    }
}

/// A document's result, rendered, or its failure.
enum Outcome {
    Done {
        label: String,
        bytes: usize,
        rendered: Rendered,
        warning: Option<String>,
    },
    Failed {
        label: String,
        message: String,
        /// The `{"error"}` record for the JSON formats.
        record: Option<String>,
    },
}

enum Rendered {
    Text(String),
    Section(Section),
    /// A large document, serialized straight into the output when its turn
    /// comes rather than into a buffer first: its JSON can be twenty times
    /// the size of its text.
    Json {
        document: Box<Document>,
        file: Option<String>,
        pretty: bool,
    },
}

/// Documents larger than this are written as they are serialized.
const BUFFERED_TEXT_LIMIT: usize = 1 << 20;

/// One output record as a line of JSON: the members `origin` serializes
/// to (an id, a file, a line), then the document's, in one object. The
/// bytes serde gives for a struct flattening the two; the document's
/// part is written by `Document::write_json_members`, much faster.
pub(crate) fn json_record(origin: &Origin<'_>, document: &Document) -> String {
    let mut line = String::new();
    line.push('{');
    // An origin is a few small members, an id of any JSON shape among
    // them: serde writes it, and its braces are dropped.
    let origin = serde_json::to_string(origin).unwrap_or_default();
    let members = origin
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        .unwrap_or("");
    if !members.is_empty() {
        line.push_str(members);
        line.push(',');
    }
    document.write_json_members(&mut line);
    line.push('}');
    line
}

/// What an output record says about where its document came from (the
/// server's records say it too).
#[derive(serde::Serialize)]
pub(crate) struct Origin<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<&'a serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<usize>,
}

#[derive(serde::Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    origin: Origin<'a>,
    #[serde(flatten)]
    document: &'a Document,
}

#[derive(serde::Serialize)]
struct ErrorRecord<'a> {
    #[serde(flatten)]
    origin: Origin<'a>,
    error: &'a str,
}

struct Settings {
    format: ExtractFormat,
    text: TextOptions,
    lossy: bool,
    lines: bool,
    jsonl_in: bool,
    date: Option<jiff::civil::Date>,
}

pub fn run(args: &ExtractArgs) -> Result<ExitCode, Failure> {
    let extractor = build_extractor(args)?;
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .map_err(|e| Failure(format!("--threads: {e}")))?;
    }
    let terminal = std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if terminal {
        ExtractFormat::Text
    } else {
        ExtractFormat::Jsonl
    });
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    };
    let settings = Settings {
        format,
        text: TextOptions {
            color,
            explain: args.explain,
            tokens: args.tokens,
        },
        lossy: args.lossy,
        lines: args.lines,
        jsonl_in: args.jsonl_in,
        date: args.date,
    };
    // SIGINT and SIGTERM only raise a flag: the run stops between two
    // records, so the output never ends in half a record.
    let interrupted = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&interrupted))
            .map_err(|e| Failure(format!("cannot handle signal {signal}: {e}")))?;
    }
    let stdout = std::io::stdout();
    let mut sink = Sink::new(BufWriter::new(stdout.lock()), format, args.fail_fast);
    sink.interrupted = interrupted;

    let stdin_only =
        args.inputs.is_empty() || (args.inputs.len() == 1 && args.inputs[0].as_os_str() == "-");
    if stdin_only {
        let stdin = std::io::stdin();
        run_reader(&extractor, &settings, None, stdin.lock(), &mut sink)?;
    } else {
        let inputs = input::expand_paths(&args.inputs, &args.glob).map_err(Failure)?;
        sink.progress.set_length(inputs.len() as u64);
        if settings.jsonl_in || settings.lines {
            for input in inputs {
                if sink.stopped {
                    break;
                }
                match input {
                    PathInput::File(path) => match std::fs::File::open(&path) {
                        Ok(file) => {
                            let name = path.display().to_string();
                            let reader = BufReader::new(file);
                            run_reader(&extractor, &settings, Some(&name), reader, &mut sink)?;
                        }
                        Err(error) => sink.emit(failed_path(&path, &error.to_string()))?,
                    },
                    PathInput::Unreadable { path, message } => {
                        sink.emit(failed_path(&path, &message))?;
                    }
                }
            }
        } else {
            run_files(&extractor, &settings, inputs, &mut sink)?;
        }
    }
    sink.finish()
}

fn build_extractor(args: &ExtractArgs) -> Result<Extractor, Failure> {
    let mut builder = Extractor::builder().max_document_bytes(args.max_document_bytes);
    if args.no_default_gazetteers {
        builder = builder.without_default_gazetteers();
    }
    if args.no_default_rules {
        builder = builder.without_default_rules();
    }
    for path in &args.gazetteers {
        builder = builder.gazetteer_file(path);
    }
    for path in &args.rules {
        builder = builder.rules_file(path);
    }
    Ok(builder.build()?)
}

fn failed_path(path: &Path, message: &str) -> Outcome {
    let file = path.display().to_string();
    Outcome::Failed {
        label: file.clone(),
        message: message.to_owned(),
        record: Some(error_record(
            &Origin {
                id: None,
                file: Some(&file),
                line: None,
            },
            message,
        )),
    }
}

fn error_record(origin: &Origin, message: &str) -> String {
    serde_json::to_string(&ErrorRecord {
        origin: Origin {
            id: origin.id,
            file: origin.file,
            line: origin.line,
        },
        error: message,
    })
    .unwrap_or_default()
}

/// Files are whole documents, read and extracted a batch at a time.
fn run_files(
    extractor: &Extractor,
    settings: &Settings,
    inputs: Vec<PathInput>,
    sink: &mut Sink,
) -> Result<(), Failure> {
    const FILES_PER_BATCH: usize = 64;
    let mut number = 0usize;
    let mut inputs = inputs.into_iter().peekable();
    while inputs.peek().is_some() && !sink.stopped {
        let batch: Vec<(usize, PathInput)> = inputs
            .by_ref()
            .take(FILES_PER_BATCH)
            .map(|input| {
                number += 1;
                (number, input)
            })
            .collect();
        let outcomes: Vec<Outcome> = batch
            .into_par_iter()
            .map(|(number, input)| match input {
                PathInput::File(path) => {
                    let text = std::fs::read(&path)
                        .map_err(|e| e.to_string())
                        .and_then(|bytes| input::decode(bytes, settings.lossy));
                    let (text, warning) = match text {
                        Ok((text, warning)) => (Ok(text), warning),
                        Err(message) => (Err(message), None),
                    };
                    process(
                        extractor,
                        settings,
                        Job {
                            file: Some(path.display().to_string()),
                            line: None,
                            id: None,
                            key: format!("d{number}"),
                            text,
                            date: settings.date,
                            warning,
                        },
                    )
                }
                PathInput::Unreadable { path, message } => failed_path(&path, &message),
            })
            .collect();
        for outcome in outcomes {
            sink.emit(outcome)?;
            if sink.stopped {
                break;
            }
        }
    }
    Ok(())
}

/// One reader: a whole document, or a stream of lines or records.
fn run_reader(
    extractor: &Extractor,
    settings: &Settings,
    file: Option<&str>,
    mut reader: impl BufRead,
    sink: &mut Sink,
) -> Result<(), Failure> {
    let name = file.unwrap_or("standard input");
    if !settings.lines && !settings.jsonl_in {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| Failure(format!("{name}: {e}")))?;
        let (text, warning) = match input::decode(bytes, settings.lossy) {
            Ok((text, warning)) => (Ok(text), warning),
            Err(message) => (Err(message), None),
        };
        let job = Job {
            file: file.map(str::to_owned),
            line: None,
            id: None,
            key: "d0".to_owned(),
            text,
            date: settings.date,
            warning,
        };
        return sink.emit(process(extractor, settings, job));
    }
    let stream = sink.streams;
    sink.streams += 1;
    for chunk in LineChunks::new(reader) {
        if sink.stopped {
            break;
        }
        let chunk = chunk.map_err(|e| Failure(format!("{name}: {e}")))?;
        let outcomes: Vec<Option<Outcome>> = chunk
            .into_par_iter()
            .map(|line| {
                if line.bytes.iter().all(u8::is_ascii_whitespace) {
                    return None;
                }
                let mut job = Job {
                    file: file.map(str::to_owned),
                    line: Some(line.number),
                    id: None,
                    key: format!("s{stream}l{}", line.number),
                    text: Ok(String::new()),
                    date: settings.date,
                    warning: None,
                };
                if settings.jsonl_in {
                    match input::parse_record(line.bytes, settings.lossy) {
                        Ok((Record { id, text, date }, warning)) => {
                            job.id = id;
                            job.text = Ok(text);
                            job.date = date.or(settings.date);
                            job.warning = warning;
                        }
                        Err(bad) => {
                            job.id = bad.id;
                            job.text = Err(bad.message);
                        }
                    }
                } else {
                    match input::decode(line.bytes, settings.lossy) {
                        Ok((text, warning)) => {
                            job.text = Ok(text);
                            job.warning = warning;
                        }
                        Err(message) => job.text = Err(message),
                    }
                }
                Some(process(extractor, settings, job))
            })
            .collect();
        for outcome in outcomes.into_iter().flatten() {
            sink.emit(outcome)?;
            if sink.stopped {
                break;
            }
        }
    }
    Ok(())
}

/// Extracts one document and renders it in the output format.
fn process(extractor: &Extractor, settings: &Settings, job: Job) -> Outcome {
    let label = job.label();
    let origin = Origin {
        id: job.id.as_ref(),
        file: job.file.as_deref(),
        line: job.line,
    };
    let text = match &job.text {
        Ok(text) => text,
        Err(message) => {
            return Outcome::Failed {
                record: Some(error_record(&origin, message)),
                label,
                message: message.clone(),
            };
        }
    };
    let doc = match extractor.try_extract_dated(text, job.date) {
        Ok(doc) => doc,
        Err(error) => {
            let message = format!("{error} (--max-document-bytes raises the limit)");
            return Outcome::Failed {
                record: Some(error_record(&origin, &message)),
                label,
                message,
            };
        }
    };
    let json = |pretty: bool| {
        let output = Output {
            origin: Origin {
                id: origin.id,
                file: origin.file,
                line: origin.line,
            },
            document: &doc,
        };
        let written = if pretty {
            serde_json::to_string_pretty(&output)
        } else {
            Ok(json_record(&output.origin, &doc))
        };
        // Serializing owned, well-formed data into a String cannot fail;
        // should it ever, the document fails rather than the run.
        written.map_err(|e| e.to_string())
    };
    let large = text.len() > BUFFERED_TEXT_LIMIT && job.id.is_none() && job.line.is_none();
    let rendered = match settings.format {
        ExtractFormat::Json | ExtractFormat::Jsonl if large => Ok(Rendered::Json {
            document: Box::new(doc),
            file: job.file.clone(),
            pretty: settings.format == ExtractFormat::Json,
        }),
        ExtractFormat::Json => json(true).map(Rendered::Text),
        ExtractFormat::Jsonl => json(false).map(Rendered::Text),
        ExtractFormat::Text => {
            let header = (job.file.is_some() || job.line.is_some()).then_some(label.as_str());
            Ok(Rendered::Text(text_view::render(
                &doc,
                header,
                settings.text,
            )))
        }
        ExtractFormat::Html => Ok(Rendered::Section(html_view::section(
            &doc, &job.key, &label,
        ))),
    };
    match rendered {
        Ok(rendered) => Outcome::Done {
            bytes: text.len(),
            label,
            rendered,
            warning: job.warning,
        },
        Err(message) => Outcome::Failed {
            record: Some(error_record(&origin, &message)),
            label,
            message,
        },
    }
}

/// Where outcomes go, in order: standard output, standard error for
/// failures and warnings, and the progress bar.
struct Sink {
    out: BufWriter<std::io::StdoutLock<'static>>,
    format: ExtractFormat,
    fail_fast: bool,
    failures: usize,
    stopped: bool,
    sections: Vec<Section>,
    progress: ProgressBar,
    started: std::time::Instant,
    bytes: u64,
    /// Streams read so far, to keep HTML anchors of several streams apart.
    streams: usize,
    /// Set by SIGINT or SIGTERM.
    interrupted: Arc<AtomicBool>,
}

impl Sink {
    fn new(
        out: BufWriter<std::io::StdoutLock<'static>>,
        format: ExtractFormat,
        fail_fast: bool,
    ) -> Sink {
        let progress = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos}/{len} documents · {msg} · {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Sink {
            out,
            format,
            fail_fast,
            failures: 0,
            stopped: false,
            sections: Vec::new(),
            progress,
            started: std::time::Instant::now(),
            bytes: 0,
            streams: 0,
            interrupted: Arc::new(AtomicBool::new(false)),
        }
    }

    fn emit(&mut self, outcome: Outcome) -> Result<(), Failure> {
        if self.interrupted.load(Ordering::Relaxed) {
            self.stopped = true;
            return Ok(());
        }
        match outcome {
            Outcome::Done {
                label,
                bytes,
                rendered,
                warning,
            } => {
                if let Some(warning) = warning {
                    self.progress
                        .suspend(|| eprintln!("herald: warning: {label}: {warning}"));
                }
                match rendered {
                    Rendered::Text(text) => {
                        self.out.write_all(text.as_bytes())?;
                        if !text.ends_with('\n') {
                            self.out.write_all(b"\n")?;
                        }
                    }
                    Rendered::Section(section) => self.sections.push(section),
                    Rendered::Json {
                        document,
                        file,
                        pretty,
                    } => {
                        let output = Output {
                            origin: Origin {
                                id: None,
                                file: file.as_deref(),
                                line: None,
                            },
                            document: &document,
                        };
                        let written = if pretty {
                            serde_json::to_writer_pretty(&mut self.out, &output)
                        } else {
                            serde_json::to_writer(&mut self.out, &output)
                        };
                        written.map_err(|e| Failure(format!("writing output: {e}")))?;
                        self.out.write_all(b"\n")?;
                    }
                }
                self.bytes += bytes as u64;
                self.tick();
            }
            Outcome::Failed {
                label,
                message,
                record,
            } => {
                self.failures += 1;
                self.progress
                    .suspend(|| eprintln!("herald: {label}: {message}"));
                if matches!(self.format, ExtractFormat::Json | ExtractFormat::Jsonl)
                    && let Some(record) = record
                {
                    writeln!(self.out, "{record}")?;
                }
                self.tick();
                if self.fail_fast {
                    self.stopped = true;
                }
            }
        }
        Ok(())
    }

    fn tick(&mut self) {
        if self.progress.is_hidden() {
            return;
        }
        self.progress.inc(1);
        let megabytes = self.bytes as f64 / 1e6;
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        self.progress.set_message(format!(
            "{megabytes:.1} MB, {:.1} MB/s",
            megabytes / seconds
        ));
    }

    fn finish(mut self) -> Result<ExitCode, Failure> {
        self.progress.finish_and_clear();
        if self.format == ExtractFormat::Html {
            self.out
                .write_all(html_view::page(&self.sections).as_bytes())?;
        }
        self.out.flush()?;
        if self.interrupted.load(Ordering::Relaxed) {
            eprintln!("herald: interrupted; every record written is whole");
            return Ok(ExitCode::from(130));
        }
        if self.failures > 0 {
            eprintln!(
                "herald: {} document{} failed{}",
                self.failures,
                if self.failures == 1 { "" } else { "s" },
                if self.stopped {
                    " (stopped: --fail-fast)"
                } else {
                    ""
                }
            );
            return Ok(ExitCode::from(1));
        }
        Ok(ExitCode::SUCCESS)
    }
}
