//! The sentence splitter; its rules are listed in the [module docs](super).

use crate::lexicon::{WordList, word_list};
use crate::span::Span;
use std::ops::Range;

use super::abbrev::{AbbreviationKind, abbreviation};
use super::tokenize::{Shape, Token, TokenKind, Tokens};

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

/// Words that, ending a line, say the line goes on: no headline ends in
/// them, so a line break after them is not a sentence end. Sorted keys.
const CONTINUATION_WORDS: &[&str] = &[
    "a", "about", "after", "an", "and", "are", "as", "at", "be", "been", "before", "between",
    "but", "by", "for", "from", "had", "has", "have", "her", "his", "in", "into", "is", "its",
    "my", "nor", "not", "of", "on", "or", "our", "over", "said", "says", "than", "that", "the",
    "their", "to", "told", "under", "was", "were", "which", "who", "whose", "will", "with",
    "would", "your",
];

/// Splits tokenized text into sentences (see the module docs for the rules).
///
/// ```
/// use herald::text::{split_sentences, tokenize};
/// let text = "BAGHDAD, September 21 — Mr. Stoltenberg arrived in the U.S. The talks began.";
/// let tokens = tokenize(text);
/// let sentences = split_sentences(text, &tokens);
/// let pieces: Vec<&str> = sentences.iter().map(|s| &text[s.span]).collect();
/// assert_eq!(pieces, ["BAGHDAD, September 21 — Mr. Stoltenberg arrived in the U.S.", "The talks began."]);
/// let dateline = sentences[0].dateline.unwrap();
/// assert_eq!(&text[dateline.place], "BAGHDAD");
/// assert_eq!(&text[dateline.date.unwrap()], "September 21");
/// ```
pub fn split_sentences(text: &str, tokens: &Tokens) -> Vec<Sentence> {
    split_sentences_into(text, tokens, Vec::with_capacity(tokens.len() / 24 + 1))
}

/// [`split_sentences`] into `sentences`, a buffer kept from an earlier
/// document (its contents are dropped).
pub(crate) fn split_sentences_into(
    text: &str,
    tokens: &Tokens,
    mut sentences: Vec<Sentence>,
) -> Vec<Sentence> {
    sentences.clear();
    let splitter = Splitter {
        text,
        tokens,
        toks: tokens.as_slice(),
    };
    let toks = splitter.toks;
    let mut first = 0;
    let mut dateline = None;
    let mut i = 0;
    while i < toks.len() {
        if i != first {
            while i + 1 < toks.len() && splitter.plainly_continues(i) {
                i += 1;
            }
        }
        if i == first
            && splitter.starts_line(i)
            && let Some((found, last)) = splitter.dateline(i)
        {
            dateline = Some(found);
            i = last;
        }
        match splitter.sentence_end(i) {
            Ok(last) => {
                sentences.push(Sentence {
                    span: Span::new(toks[first].span.start, toks[last].span.end),
                    tokens: first..last + 1,
                    dateline: dateline.take(),
                });
                first = last + 1;
                i = last + 1;
            }
            Err(next) => i = next,
        }
    }
    if first < toks.len() {
        sentences.push(Sentence {
            span: Span::new(toks[first].span.start, toks[toks.len() - 1].span.end),
            tokens: first..toks.len(),
            dateline,
        });
    }
    if sentences
        .iter()
        .any(|s| s.tokens.len() > MAX_SENTENCE_TOKENS)
    {
        sentences = cut_long_sentences(toks, sentences);
    }
    sentences
}

/// The most tokens a sentence holds; a longer run without a sentence end
/// (a scraped page with no full stops, a table, text without spaces) is
/// cut into pieces of this many. News sentences stay far below it. Every
/// event reports its sentence, and per-sentence work (rule windows, gaps,
/// argument search) grows with its length, so an unbounded sentence made
/// output and time grow with the square of such a run.
pub const MAX_SENTENCE_TOKENS: usize = 500;

fn cut_long_sentences(toks: &[Token], sentences: Vec<Sentence>) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(sentences.len());
    for sentence in sentences {
        if sentence.tokens.len() <= MAX_SENTENCE_TOKENS {
            out.push(sentence);
            continue;
        }
        let mut dateline = sentence.dateline;
        let mut start = sentence.tokens.start;
        while start < sentence.tokens.end {
            let end = (start + MAX_SENTENCE_TOKENS).min(sentence.tokens.end);
            out.push(Sentence {
                span: Span::new(toks[start].span.start, toks[end - 1].span.end),
                tokens: start..end,
                // a dateline is a few tokens at the start: the first piece's
                dateline: dateline.take(),
            });
            start = end;
        }
    }
    out
}

/// What a sentence-final candidate is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// . ! ? and their kin.
    Stop,
    /// ... or …
    Ellipsis,
    /// An abbreviation's period.
    Abbreviation(AbbreviationKind),
}

struct Splitter<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    toks: &'a [Token],
}

impl Splitter<'_> {
    fn piece(&self, index: usize) -> &str {
        self.toks.get(index).map_or("", |t| &self.text[t.span])
    }

    /// True when the token at `index` (not the last) can end no sentence:
    /// a word or number not ending in a period, with nothing or one space
    /// before the next token. Most tokens are, and the loop over them
    /// reads two bytes and two spans, where [`Splitter::sentence_end`]
    /// would come to the same answer the long way.
    #[inline(always)]
    fn plainly_continues(&self, index: usize) -> bool {
        let (this, next) = (self.toks[index].span, self.toks[index + 1].span);
        let bytes = self.text.as_bytes();
        let gap = next.start - this.end;
        (gap == 0 || (gap == 1 && bytes[this.end] == b' '))
            && bytes[this.start].is_ascii_alphanumeric()
            && bytes[this.end - 1] != b'.'
    }

    fn gap_breaks(&self, index: usize) -> usize {
        match (self.toks.get(index), self.toks.get(index + 1)) {
            (Some(this), Some(next)) => {
                let gap = &self.text.as_bytes()[this.span.end..next.span.start];
                // Most gaps are nothing or one space.
                if gap.len() > 1 || gap.first().is_some_and(|&b| b != b' ') {
                    line_breaks(&self.text[this.span.end..next.span.start])
                } else {
                    0
                }
            }
            _ => 0,
        }
    }

    fn starts_line(&self, index: usize) -> bool {
        index == 0 || self.gap_breaks(index - 1) > 0
    }

    /// `Ok(last)` when a sentence ends at `index` or at the closing marks
    /// after it, `Err(next)` with the index to look at next otherwise.
    fn sentence_end(&self, index: usize) -> Result<usize, usize> {
        let toks = self.toks;
        if index + 1 >= toks.len() {
            return Ok(index);
        }
        let breaks = self.gap_breaks(index);
        if breaks >= 2 {
            return Ok(index);
        }
        let Some(terminal) = self.terminal(index) else {
            return if breaks == 1 && self.headline_break(index) {
                Ok(index)
            } else {
                Err(index + 1)
            };
        };
        let mut last = index;
        while last + 1 < toks.len() && self.closes(last + 1) {
            last += 1;
        }
        if last + 1 >= toks.len() || self.gap_breaks(last) >= 2 {
            return Ok(last);
        }
        let next = &toks[last + 1];
        let ends = next.space_before
            && match terminal {
                Terminal::Stop => !(next.kind == TokenKind::Word && next.shape == Shape::Lower),
                Terminal::Ellipsis => {
                    let capital = |k: usize| self.piece(k).starts_with(char::is_uppercase);
                    capital(last + 1)
                        || (is_opening_quote(self.piece(last + 1)) && capital(last + 2))
                }
                Terminal::Abbreviation(AbbreviationKind::Title) => false,
                Terminal::Abbreviation(_) => {
                    self.is_starter(last + 1) || is_opening_quote(self.piece(last + 1))
                }
            };
        // Resuming after the marks just read keeps a run of them linear.
        if ends { Ok(last) } else { Err(last + 1) }
    }

    /// Whether the token at `index`, right after a sentence-final mark,
    /// still belongs to that sentence: a glued closing quote or bracket or
    /// another mark ("?!"), or a quote that ends its line (`said. "⏎`).
    fn closes(&self, index: usize) -> bool {
        let piece = self.piece(index);
        if !self.toks[index].space_before {
            return is_closer(piece) || self.terminal(index) == Some(Terminal::Stop);
        }
        matches!(piece, "\"" | "”" | "'" | "’")
            && (index + 1 == self.toks.len() || self.gap_breaks(index) > 0)
    }

    fn terminal(&self, index: usize) -> Option<Terminal> {
        let span = self.toks.get(index)?.span;
        // Most tokens are plain words: rule them out on two bytes, read
        // without slicing a str (its char-boundary checks showed).
        let bytes = &self.text.as_bytes()[span.start..span.end];
        if bytes.first().is_some_and(u8::is_ascii_alphanumeric) && bytes.last() != Some(&b'.') {
            return None;
        }
        let piece = &self.text[span];
        match piece {
            "." | "!" | "?" | "!?" | "?!" | "‼" | "⁇" | "⁈" | "⁉" | "。" | "！" | "？" | "؟"
            | "۔" | "।" => Some(Terminal::Stop),
            "…" => Some(Terminal::Ellipsis),
            _ if piece.starts_with("..") => Some(Terminal::Ellipsis),
            _ if self.toks[index].kind == TokenKind::Word && piece.ends_with('.') => {
                Some(abbreviation(piece).map_or(Terminal::Stop, Terminal::Abbreviation))
            }
            _ => None,
        }
    }

    /// A capitalized word of the lexicon's `starter` list.
    fn is_starter(&self, index: usize) -> bool {
        self.piece(index).starts_with(char::is_uppercase)
            && word_list!("starter").contains(self.tokens.key(index))
    }

    /// Whether a single line break after `index` ends a headline-like line.
    fn headline_break(&self, index: usize) -> bool {
        let this = &self.toks[index];
        let last = self.piece(index);
        let continues = match this.kind {
            TokenKind::Punct => matches!(
                last,
                "," | ";"
                    | ":"
                    | "("
                    | "["
                    | "{"
                    | "-"
                    | "–"
                    | "—"
                    | "―"
                    | "--"
                    | "/"
                    | "“"
                    | "‘"
                    | "«"
                    | "\""
                    | "'"
            ),
            TokenKind::Symbol => last == "&",
            TokenKind::Word => {
                CONTINUATION_WORDS
                    .binary_search(&self.tokens.key(index))
                    .is_ok()
                    || abbreviation(last) == Some(AbbreviationKind::Title)
            }
            _ => false,
        };
        if continues {
            return false;
        }
        let next = self.piece(index + 1);
        next.starts_with(|c: char| c.is_uppercase() || c.is_numeric())
            || is_opening_quote(next)
            || matches!(next, "(" | "[" | "•" | "*" | "-" | "–" | "—")
    }

    /// A dateline starting at `index`, and the index of its closing dash.
    fn dateline(&self, index: usize) -> Option<(Dateline, usize)> {
        let toks = self.toks;
        let place_caps = |k: usize| {
            toks.get(k).is_some_and(|t| {
                t.kind == TokenKind::Word && t.shape == Shape::AllCaps && !t.has_digit
            })
        };
        if !place_caps(index) {
            return None;
        }
        let start = toks[index].span.start;
        let mut place_end = toks[index].span.end;
        let mut k = index + 1;
        loop {
            if place_caps(k) && toks[k].space_before && self.gap_breaks(k - 1) == 0 {
                place_end = toks[k].span.end;
                k += 1;
            } else if matches!(self.piece(k), "-" | "/" | "'" | "’")
                && !toks[k].space_before
                && place_caps(k + 1)
                && !toks[k + 1].space_before
            {
                place_end = toks[k + 1].span.end;
                k += 2;
            } else if self.piece(k) == "."
                && !toks[k].space_before
                && place_caps(k + 1)
                && toks[k + 1].space_before
                && self.gap_breaks(k) == 0
            {
                // "ST. LOUIS": an all-caps abbreviation inside the place.
                place_end = toks[k + 1].span.end;
                k += 2;
            } else {
                break;
            }
        }
        let mut date: Option<Span> = None;
        for _ in 0..3 {
            if self.piece(k) != "," {
                break;
            }
            if let Some((span, next)) = self.date_at(k + 1) {
                date = Some(date.map_or(span, |d| d.cover(span)));
                k = next;
            } else if let Some(next) = self.region_at(k + 1) {
                k = next;
            } else {
                return None;
            }
        }
        if self.piece(k) == "(" {
            let close = (k + 2..(k + 7).min(toks.len())).find(|&c| self.piece(c) == ")")?;
            let inside_ok = (k + 1..close).all(|c| {
                toks[c].kind == TokenKind::Word || matches!(self.piece(c), "-" | "&" | "/" | ".")
            });
            if !inside_ok {
                return None;
            }
            k = close + 1;
        }
        if !matches!(self.piece(k), "—" | "–" | "-" | "--" | "―" | "−") {
            return None;
        }
        let dateline = Dateline {
            place: Span::new(start, place_end),
            date,
            span: Span::new(start, toks[k].span.end),
        };
        Some((dateline, k))
    }

    /// A capitalized word (an abbreviation may keep its period) in one of
    /// the lexicon's lists.
    fn key_in(&self, index: usize, lists: &[&WordList]) -> bool {
        index < self.toks.len()
            && self.toks[index].kind == TokenKind::Word
            && self.piece(index).starts_with(char::is_uppercase)
            && lists
                .iter()
                .any(|list| list.contains(self.tokens.key(index).trim_end_matches('.')))
    }

    fn is_month(&self, index: usize) -> bool {
        self.key_in(index, &[word_list!("month"), word_list!("monthabbrev")])
    }

    fn is_weekday(&self, index: usize) -> bool {
        self.key_in(index, &[word_list!("weekday"), word_list!("weekdayabbrev")])
    }

    fn is_day(&self, index: usize) -> bool {
        let piece = self.piece(index);
        let digits = piece.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = &piece[digits..];
        (1..=2).contains(&digits)
            && matches!(suffix, "" | "st" | "nd" | "rd" | "th")
            && piece[..digits]
                .parse::<u8>()
                .is_ok_and(|day| (1..=31).contains(&day))
    }

    fn is_year(&self, index: usize) -> bool {
        let piece = self.piece(index);
        piece.len() == 4 && piece.bytes().all(|b| b.is_ascii_digit())
    }

    /// A date at `index`: its span and the index after it.
    fn date_at(&self, index: usize) -> Option<(Span, usize)> {
        let (mut last, mut next) = if (self.is_month(index) && self.is_day(index + 1))
            || (self.is_day(index) && self.is_month(index + 1))
        {
            (index + 1, index + 2)
        } else if self.is_weekday(index) {
            (index, index + 1)
        } else {
            return None;
        };
        if self.piece(next) == "," && self.is_year(next + 1) {
            last = next + 1;
            next += 2;
        } else if self.is_year(next) {
            last = next;
            next += 1;
        }
        Some((
            Span::new(self.toks[index].span.start, self.toks[last].span.end),
            next,
        ))
    }

    /// A region name of up to four capitalized words ("Ukraine", "West
    /// Bank", "Calif.") at `index`: the index after it.
    fn region_at(&self, index: usize) -> Option<usize> {
        let capital = |k: usize| {
            self.toks.get(k).is_some_and(|t| t.kind == TokenKind::Word)
                && self.piece(k).starts_with(char::is_uppercase)
        };
        if !capital(index) {
            return None;
        }
        let mut k = index + 1;
        while k < index + 4 {
            if capital(k) && self.gap_breaks(k - 1) == 0 {
                k += 1;
            } else if self.piece(k) == "-" && !self.toks[k].space_before && capital(k + 1) {
                k += 2;
            } else {
                break;
            }
        }
        Some(k)
    }
}

/// The number of line breaks in whitespace: "\r\n" counts once, and a
/// paragraph separator (U+2029) counts as a blank line.
fn line_breaks(gap: &str) -> usize {
    if gap == " " {
        return 0;
    }
    let bytes = gap.as_bytes();
    let mut breaks = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b'\n' => breaks += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => breaks += 1,
            _ => {}
        }
    }
    if !gap.is_ascii() {
        for ch in gap.chars() {
            match ch {
                '\u{2028}' | '\u{0085}' => breaks += 1,
                '\u{2029}' => breaks += 2,
                _ => {}
            }
        }
    }
    breaks
}

fn is_closer(piece: &str) -> bool {
    matches!(
        piece,
        "”" | "\"" | "’" | "'" | ")" | "]" | "}" | "»" | "›" | "」" | "』" | "〕" | "】" | "）"
    )
}

fn is_opening_quote(piece: &str) -> bool {
    matches!(piece, "“" | "‘" | "\"" | "«" | "„")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [CONTINUATION_WORDS] {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{:?} before {:?}", pair[0], pair[1]);
            }
        }
    }

    proptest::proptest! {
        /// The skip over plain tokens takes only steps the long way takes.
        #[test]
        fn plain_tokens_end_no_sentence(
            words in proptest::collection::vec(
                "(Mr\\.|U\\.S\\.|said|Okafor|ROME|7|1\\.5|e\\.g\\.|\\.|…|\\?|!|,|\"|”|“|\\)|é|Émile|ok\\.)",
                0..30,
            ),
            gaps in proptest::collection::vec("( |  |\n|\n\n|\r\n|\u{2029}|)", 30),
        ) {
            let mut text = String::new();
            for (word, gap) in words.iter().zip(&gaps) {
                text.push_str(word);
                text.push_str(gap);
            }
            let tokens = crate::text::tokenize(&text);
            let splitter = Splitter { text: &text, tokens: &tokens, toks: tokens.as_slice() };
            for i in 0..tokens.len().saturating_sub(1) {
                if splitter.plainly_continues(i) {
                    proptest::prop_assert_eq!(splitter.sentence_end(i), Err(i + 1), "{:?} at {}", text, i);
                }
            }
        }
    }

    #[test]
    fn counts_line_breaks() {
        let cases = [
            (" ", 0),
            ("\n", 1),
            ("\r\n", 1),
            ("\n \n", 2),
            ("\r\n\r\n", 2),
            ("\r\r", 2),
            ("\u{2029}", 2),
            ("\u{2028}", 1),
        ];
        for (gap, expected) in cases {
            assert_eq!(line_breaks(gap), expected, "{gap:?}");
        }
    }
}
