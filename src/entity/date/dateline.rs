//! The dateline that opens a story: "BAGHDAD, September 21 —".

use super::scan::{Match, Scanner};
use crate::text::{Sentence, Shape, TokenKind, Tokens};

/// The longest place name a dateline may have, in tokens ("NEW YORK").
const MAX_PLACE_TOKENS: usize = 8;

/// The date of the first dateline, as a recognized day expression.
///
/// The sentence splitter's [`crate::text::Dateline`] is used when it found
/// one; otherwise paragraph starts are searched for ALL-CAPS place, comma,
/// optional region ("SPRINGFIELD, Ill.,"), date, optional "(Reuters)", dash.
pub(super) fn dateline_date(
    text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    scanner: &Scanner<'_>,
) -> Option<Match> {
    let given = sentences
        .iter()
        .find_map(|s| s.dateline.and_then(|d| d.date));
    if let Some(span) = given {
        let first = tokens.iter().position(|t| t.span.start == span.start)?;
        return scanner.calendar_day(first);
    }
    // Jump from line break to line break rather than visit every token.
    let breaks = text.match_indices('\n').map(|(at, _)| at + 1);
    let mut last = None;
    std::iter::once(0).chain(breaks).find_map(|at| {
        let i = tokens.as_slice().partition_point(|t| t.span.start < at);
        if i >= tokens.len() || last == Some(i) {
            return None;
        }
        last = Some(i);
        detect(tokens, scanner, i)
    })
}

fn detect(tokens: &Tokens, scanner: &Scanner<'_>, i: usize) -> Option<Match> {
    let caps = |j: usize| {
        tokens
            .get(j)
            .is_some_and(|t| t.kind == TokenKind::Word && t.shape == Shape::AllCaps)
    };
    if !caps(i) {
        return None;
    }
    let mut j = i + 1;
    while j < tokens.len() && j - i < MAX_PLACE_TOKENS {
        let glued_mark = !tokens[j].space_before
            && matches!(key(tokens, j), "-" | "/" | "." | "'")
            && caps(j + 1);
        if caps(j) {
            j += 1;
        } else if glued_mark {
            j += 2;
        } else {
            break;
        }
    }
    if key(tokens, j) != "," {
        return None;
    }
    j += 1;
    let date = scanner.calendar_day(j).or_else(|| {
        // A region before the date: "SPRINGFIELD, Ill., Sept. 20 —".
        let comma = (j..tokens.len().min(j + 4)).find(|&k| key(tokens, k) == ",")?;
        let region = (j..comma).all(|k| {
            tokens[k].kind == TokenKind::Word && tokens[k].shape != Shape::Lower
                || key(tokens, k) == "."
        });
        if region && comma > j {
            scanner.calendar_day(comma + 1)
        } else {
            None
        }
    })?;
    let mut k = date.end;
    if key(tokens, k) == "(" {
        k = (k..tokens.len().min(k + 6)).find(|&x| key(tokens, x) == ")")? + 1;
    }
    matches!(key(tokens, k), "-" | "--").then_some(date)
}

/// The key of token `i`, empty past the end.
fn key(tokens: &Tokens, i: usize) -> &str {
    if i < tokens.len() { tokens.key(i) } else { "" }
}
