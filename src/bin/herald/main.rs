//! The `herald` command line: `extract` entities and events from news text,
//! `check` gazetteer and rule files, `evaluate` against gold data, learn a
//! gazetteer from annotated data (`gazetteer learn`), and `serve` them over
//! HTTP (with the `serve` feature).
//!
//! Exit codes, for every subcommand:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | everything succeeded |
//! | 1 | the run finished, but something in it failed: a document that could not be read (`extract`), an example that did not hold (`check`), a score below its floor (`evaluate`) |
//! | 2 | nothing useful ran: bad arguments, a gazetteer or rule file that does not load, output that cannot be written |
//! | 130 | `extract` was interrupted (SIGINT, SIGTERM): it stopped after the record it was writing, so the output holds whole records only |
//!
//! This file only parses arguments and dispatches; each subcommand is its
//! own module, and the library does the work.

mod check;
mod evaluate;
mod extract;
mod gazetteer;
mod html_view;
mod input;
#[cfg(feature = "serve")]
mod serve;
mod text_view;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

// mimalloc for the command's allocations: extraction allocates many small
// short-lived vectors and strings per document, and loading the default
// gazetteers some hundred thousand; glibc's malloc and free were a fifth
// of the instructions of loading and a tenth of extracting.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "Named entities and events (meetings, invitations, statements) from English news text",
    after_help = "Exit codes: 0 success; 1 the run finished but a document, example or floor failed; \
                  2 bad arguments, a gazetteer or rule file that does not load, or unwritable output."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities and events from text files, directories, standard
    /// input or a JSON Lines stream.
    Extract(extract::ExtractArgs),
    /// Validate gazetteer and rule files and run the rules' own examples.
    /// Exits 1 when an example fails, 2 when a file does not load (every
    /// problem named by file:line:column).
    Check(check::CheckArgs),
    /// Score extraction against gold files, CoNLL-2003 files or the CI floors.
    Evaluate(evaluate::EvaluateArgs),
    /// Work with gazetteers: `learn` one from annotated CoNLL-2003 or gold
    /// files.
    Gazetteer(gazetteer::GazetteerArgs),
    /// Serve extraction over HTTP (JSON API) with a page for people at `/`.
    /// No authentication: listens on loopback unless --addr says otherwise.
    /// Exits 2 when it cannot start.
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
}

/// An error that ends the command with exit code 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        Failure(format!("writing output: {error}"))
    }
}

impl From<herald::Error> for Failure {
    fn from(error: herald::Error) -> Failure {
        Failure(error.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(&args),
        Command::Evaluate(args) => evaluate::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Gazetteer(args) => gazetteer::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
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

/// Parses a `YYYY-MM-DD` argument.
fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a YYYY-MM-DD date"))
}
