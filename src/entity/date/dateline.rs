//! The dateline that opens a story: "BAGHDAD, September 21 —".
//!
//! Datelines have one grammar, the sentence splitter's (see
//! [`crate::text::Dateline`]): it finds them once per document and reports
//! them on [`Sentence::dateline`]. The date stage only reads the date the
//! splitter found there.

use super::scan::{Match, Scanner};
use crate::text::{Sentence, Tokens};

/// The date of the first dateline that gives one, as a recognized day
/// expression.
pub(super) fn dateline_date(
    tokens: &Tokens,
    sentences: &[Sentence],
    scanner: &Scanner<'_>,
) -> Option<Match> {
    let span = sentences
        .iter()
        .find_map(|s| s.dateline.and_then(|d| d.date))?;
    let first = tokens
        .as_slice()
        .partition_point(|t| t.span.start < span.start);
    (first < tokens.len() && tokens[first].span.start == span.start)
        .then(|| scanner.calendar_day(first))
        .flatten()
}
