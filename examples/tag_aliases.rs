//! Alias tagging alone, the job of flashtext or of spaCy's EntityRuler:
//! one gazetteer, every alias found in every document, leftmost-longest,
//! token-aligned, and nothing else (no rules, dates, names by context,
//! coreference or events). It reads JSON Lines of `{"id", "text"}` records
//! and writes one line per record with its matches.
//!
//!     cargo run --release --example tag_aliases -- aliases.tsv [--timing] < in.jsonl > out.jsonl
//!
//! `--timing` says on standard error how long loading and tagging took.
//! `tools/peers/` runs it beside those tools on the same aliases. A record
//! that is not JSON, or has no `text`, is reported with its line number on
//! standard error and as an `{"error"}` line, and the run goes on.

use std::borrow::Cow;
use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use herald::Span;
use herald::gazetteer::{EntryId, Gazetteer, GazetteerMatcher};
use herald::text::Tokenizing;

// The command's allocator, so that the tagger is timed as `herald` runs.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(serde::Deserialize)]
struct Record<'a> {
    #[serde(default)]
    id: serde_json::Value,
    // Borrowed from the line unless the text has escapes to undo.
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(serde::Serialize)]
struct Match<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    canonical: &'a str,
}

#[derive(serde::Serialize)]
struct Tagged<'a> {
    id: &'a serde_json::Value,
    matches: &'a [Match<'a>],
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, timing) = match args.as_slice() {
        [path] => (path, false),
        [path, flag] if flag == "--timing" => (path, true),
        _ => {
            eprintln!("usage: tag_aliases GAZETTEER.tsv [--timing] < records.jsonl");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let matcher = match Gazetteer::from_file(path).and_then(|g| GazetteerMatcher::new(&[g])) {
        Ok(matcher) => matcher,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let loaded = started.elapsed();
    let outcome = tag(
        &matcher,
        std::io::stdin().lock(),
        BufWriter::new(std::io::stdout().lock()),
    );
    if timing {
        eprintln!(
            "loading {:.6} s, tagging {:.6} s",
            loaded.as_secs_f64(),
            (started.elapsed() - loaded).as_secs_f64()
        );
    }
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

/// Tags every record; false when some record was bad.
fn tag(
    matcher: &GazetteerMatcher,
    mut input: impl BufRead,
    mut out: impl Write,
) -> std::io::Result<bool> {
    let mut all_good = true;
    // One line, token and hit buffer for the whole stream: each record
    // reuses their memory.
    let mut tokenizing = Tokenizing::default();
    let mut line = String::new();
    let mut hits: Vec<(Span, EntryId)> = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        number += 1;
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = match serde_json::from_str(&line) {
            Ok(record) => record,
            Err(error) => {
                let message = format!("line {number}: {error}");
                eprintln!("{message}");
                serde_json::to_writer(&mut out, &serde_json::json!({ "error": message }))?;
                out.write_all(b"\n")?;
                all_good = false;
                continue;
            }
        };
        let text = &*record.text;
        let tokens = tokenizing.tokenize(text);
        hits.clear();
        for found in matcher.find(text, tokens) {
            // The first candidate is the best: full names before surnames,
            // then the larger population, then load order.
            if let Some(best) = matcher.candidates(&found).next() {
                hits.push((found.span(), best.entry));
            }
        }
        let matches: Vec<Match<'_>> = hits
            .iter()
            .map(|&(span, id)| {
                let entry = matcher.entry(id);
                Match {
                    start: span.start,
                    end: span.end,
                    text: &text[span],
                    kind: entry.kind().as_str(),
                    canonical: entry.canonical(),
                }
            })
            .collect();
        serde_json::to_writer(
            &mut out,
            &Tagged {
                id: &record.id,
                matches: &matches,
            },
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(all_good)
}
