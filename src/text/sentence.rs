//! The sentence splitter.

use crate::span::Span;
use std::ops::Range;

use super::tokenize::Tokens;

/// One sentence: its byte span and its range of token indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span from the first token's start to the last token's end.
    pub span: Span,
    /// Indices into the [`Tokens`] the sentence was split from.
    pub tokens: Range<usize>,
    /// The dateline that opens the sentence, if any ("BAGHDAD, September 21 —").
    pub dateline: Option<Dateline>,
}

/// A dateline at the start of a story: the place and date of filing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The place, e.g. "BAGHDAD".
    pub place: Span,
    /// The date, e.g. "September 21", when given.
    pub date: Option<Span>,
    /// The whole dateline including its closing dash.
    pub span: Span,
}

/// Splits tokenized text into sentences.
pub fn split_sentences(text: &str, tokens: &Tokens) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    for index in 0..tokens.len() {
        let piece = &text[tokens[index].span];
        let last = index + 1 == tokens.len();
        let ends = matches!(piece, "." | "!" | "?")
            || tokens
                .get(index + 1)
                .is_some_and(|next| text[tokens[index].span.end..next.span.start].contains("\n\n"));
        if ends || last {
            sentences.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[index].span.end),
                tokens: first..index + 1,
                dateline: None,
            });
            first = index + 1;
        }
    }
    sentences
}
