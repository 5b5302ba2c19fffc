//! Tokenizer, sentence splitter and normalization for news text.
//!
//! Tokens keep byte spans into the original text; normalization only changes
//! a token's matching key, never its offsets.
//!
//! ## Tokens
//!
//! [`tokenize`] cuts at Unicode word boundaries (UAX #29), never inside a
//! run of letters, and applies these rules for news text. Every
//! non-whitespace char of the input lies in exactly one token, and only
//! whitespace lies between tokens.
//!
//! | input | tokens | why |
//! |---|---|---|
//! | `NATO’s`, `Minister's` | `NATO` `’s` | possessive split off |
//! | `officials’` | `officials` `’` | plural possessive |
//! | `Shiaa’ Al-Sudani` | `Shiaa’` `Al` `-` `Sudani` | a trailing apostrophe on a capitalized word, followed by whitespace and a capitalized word, is part of the name (key `shiaa'`) |
//! | `Al-Sudani` | `Al` `-` `Sudani` | parts reachable; later parts have `space_before == false` |
//! | `Mr.` `U.S.` `Jan.` `W.` | one token each | known abbreviations and initialisms keep their period ([`abbreviation`], [`ABBREVIATIONS`]) |
//! | `1,200` `3.5` `78th` `2023` `9/11` `10:30` | one Number each | digits joined by `/` or `:` stay together |
//! | `45%` | `45` `%` | the sign is a Symbol |
//! | `$5bn` | `$` `5bn` | the currency is a Symbol, `5bn` a Number |
//! | `...` `…` `--` | one Punct each | |
//! | `“` `”` `—` `–` | one Punct each | quotes and dashes |
//! | `https://un.org/x`, `press@un.org`, `@NATO`, `#UNGA78` | one token each | kinds Url, Email, Handle, Hashtag; trailing punctuation stays out |
//! | `السوداني` `Москва` `習近平` | `السوداني` `Москва` `習` `近` `平` | other scripts by UAX #29; ideographs one each |
//!
//! Each token's matching key ([`Tokens::key`], [`normalize_key`]) is
//! lowercased, with ’ ‘ ʼ folded to `'`, “ ” to `"`, – — ‐ to `-`, … to
//! `...`, and diacritics removed ("Erdoğan" and "Erdogan" share a key).
//!
//! ## Sentences
//!
//! [`split_sentences`] partitions the tokens: every token belongs to
//! exactly one sentence, in order. A sentence ends:
//!
//! - at a blank line (a paragraph break), always;
//! - at a single line break after a line without final punctuation (a
//!   headline), when the next line starts with a capital, a digit, an
//!   opening quote or bracket, and the line does not end in a word or mark
//!   that asks for more (a comma, colon, dash, "the", "of", "said", …);
//! - after `.` `!` `?` (and their Arabic and CJK forms) followed by
//!   whitespace and anything but a lowercase word; closing quotes and
//!   brackets glued to the mark stay with its sentence;
//! - after an ellipsis followed by whitespace and a capital, or an opening
//!   quote and a capital;
//! - after an abbreviation, by its [`AbbreviationKind`]: a title ("Mr.",
//!   "Dr.", "Gen.", "St.") never ends a sentence; an initialism ("U.S.") or
//!   other abbreviation ("Jan.", "Inc.") ends one only when the next word is
//!   a capitalized common sentence starter ("The", "He", "But", "In", …) or
//!   an opening quote. So "in the U.S. The talks" is two sentences and "the
//!   U.S. Senate" is not split;
//! - after [`MAX_SENTENCE_TOKENS`] tokens without any of the above, so a
//!   page without full stops cannot make one sentence of itself.
//!
//! At the start of a line, a dateline ("BAGHDAD, September 21 —",
//! "WASHINGTON (Reuters) -", "KYIV, Ukraine, March 3 (AP) —") is kept with
//! the sentence it opens and reported in [`Sentence::dateline`]: the place
//! is the leading all-caps word(s), which may be joined by hyphens or a
//! slash ("PORT-AU-PRINCE", "BEIJING/WASHINGTON") or hold an abbreviation
//! ("ST. LOUIS"); after it may come, separated by commas,
//! a region ("Ukraine", "Calif.") and a date ("September 21", "21
//! September 2023", "Sept. 21, 2023", "Tuesday"); then an agency in
//! brackets; then a dash.
//!
//! ```
//! use herald::text::{split_sentences, tokenize};
//! let text = "Iraq’s leader meets NATO chief\n\nBAGHDAD, September 21 — Mr. Al-Sudani spoke.";
//! let tokens = tokenize(text);
//! let sentences = split_sentences(text, &tokens);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(&text[sentences[1].dateline.unwrap().place], "BAGHDAD");
//! let first = sentences[1].tokens.start;
//! assert_eq!(tokens.key(first), "baghdad");
//! ```

mod abbrev;
mod normalize;
mod sentence;
mod tokenize;
pub(crate) use tokenize::is_mark_byte;

pub use abbrev::{ABBREVIATIONS, AbbreviationKind, abbreviation};
pub use normalize::{fold_into, normalize_key};
pub use sentence::{Dateline, MAX_SENTENCE_TOKENS, Sentence, split_sentences};
pub use tokenize::{Shape, Token, TokenKind, Tokenizing, Tokens, tokenize};

/// One text with its tokens and sentences, made together so that stages
/// cannot be handed the tokens of one text and the sentences of another.
#[derive(Clone, Debug)]
pub(crate) struct Parsed<'a> {
    pub text: &'a str,
    pub tokens: Tokens,
    pub sentences: Vec<Sentence>,
}

impl<'a> Parsed<'a> {
    /// Tokenizes `text` and splits it into sentences, in the buffers an
    /// earlier document left in `buffers` (see [`Parsed::recycle`]).
    pub fn reusing(text: &'a str, buffers: &mut TextBuffers) -> Parsed<'a> {
        let tokens = tokenize::tokenize_into(text, std::mem::take(&mut buffers.tokens));
        let sentences =
            sentence::split_sentences_into(text, &tokens, std::mem::take(&mut buffers.sentences));
        Parsed {
            text,
            tokens,
            sentences,
        }
    }

    /// Gives the tokens' and sentences' memory back for the next document.
    pub fn recycle(self, buffers: &mut TextBuffers) {
        buffers.tokens = self.tokens;
        buffers.sentences = self.sentences;
    }
}

/// The memory of one document's tokens and sentences, kept by a
/// [`Cache`](crate::Cache) from document to document.
#[derive(Debug, Default)]
pub(crate) struct TextBuffers {
    tokens: Tokens,
    sentences: Vec<Sentence>,
}

impl TextBuffers {
    /// The bytes of heap memory the buffers hold.
    pub fn memory_usage(&self) -> usize {
        self.tokens.memory_usage() + self.sentences.capacity() * std::mem::size_of::<Sentence>()
    }
}
