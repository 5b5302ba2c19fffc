//! The one error type of evaluation: loading gold, predictions, CoNLL and
//! floors files.

use std::fmt;
use std::path::Path;

/// An error loading evaluation data. Its message names the file and, where
/// the problem is inside it, the line and column: `gold.json:3:17: …`.
#[derive(Debug)]
pub struct Error {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

impl Error {
    pub(crate) fn new(message: impl Into<String>) -> Error {
        Error {
            file: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub(crate) fn at(line: usize, column: usize, message: impl Into<String>) -> Error {
        Error {
            line: Some(line),
            column: Some(column),
            ..Error::new(message)
        }
    }

    pub(crate) fn io(path: &Path, error: &std::io::Error) -> Error {
        Error::new(lowercase_first(&error.to_string())).in_file(path)
    }

    /// serde_json's message ends in "at line L column C"; that location is
    /// moved to the front as `file:L:C:`.
    pub(crate) fn json(error: &serde_json::Error) -> Error {
        let text = error.to_string();
        let message = match text.rfind(" at line ") {
            Some(at) => &text[..at],
            None => &text,
        };
        if error.line() == 0 {
            Error::new(lowercase_first(message))
        } else {
            Error::at(error.line(), error.column(), lowercase_first(message))
        }
    }

    /// Names the file the problem was found in.
    pub(crate) fn in_file(mut self, path: &Path) -> Error {
        self.file = Some(path.display().to_string());
        self
    }

    /// The line (1-based) the problem is on, when it is inside a file.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Leave acronyms ("EOF while parsing") alone.
        Some(first) if !chars.as_str().starts_with(|c: char| c.is_uppercase()) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
        }
        if let Some(line) = self.line {
            write!(f, "{line}:")?;
            if let Some(column) = self.column {
                write!(f, "{column}:")?;
            }
        }
        if self.file.is_some() || self.line.is_some() {
            f.write_str(" ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
