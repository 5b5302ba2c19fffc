//! Load errors: every problem in a rule file, with its position.

use std::fmt;

/// One problem found while loading rules: where it is, the offending text
/// and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) found: String,
    pub(crate) message: String,
}

impl Diagnostic {
    /// The file (or source name) the problem is in.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The 1-based line number.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column, counted in chars.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The offending text, as written in the file.
    pub fn found(&self) -> &str {
        &self.found
    }

    /// What is wrong and what was expected, in lowercase.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if !self.found.is_empty() {
            write!(f, " (found `{}`)", self.found)?;
        }
        Ok(())
    }
}

/// The error returned when a rule file cannot be loaded. It holds every
/// problem found in the file, not just the first.
///
/// ```
/// let err = herald::pattern::RuleSet::parse("demo.rules", "rule a/b/1 -> Party\n").unwrap_err();
/// assert!(err.to_string().starts_with("demo.rules:1:15: unknown type"), "{err}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl RuleError {
    pub(crate) fn io(path: &str, error: &std::io::Error) -> RuleError {
        RuleError {
            diagnostics: vec![Diagnostic {
                file: path.to_owned(),
                line: 0,
                column: 0,
                found: String::new(),
                message: format!(
                    "cannot read rule file: {}",
                    error.to_string().to_lowercase()
                ),
            }],
        }
    }

    /// Every problem found, in file order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            if d.line == 0 {
                write!(f, "{}: {}", d.file, d.message)?;
            } else {
                d.fmt(f)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for RuleError {}
