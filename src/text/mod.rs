//! Tokenizer, sentence splitter and normalization for news text.
//!
//! Tokens keep byte spans into the original text; normalization only changes
//! a token's matching key, never its offsets.
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

pub use abbrev::{ABBREVIATIONS, AbbreviationKind, abbreviation};
pub use normalize::{fold_into, normalize_key};
pub use sentence::{Dateline, Sentence, split_sentences};
pub use tokenize::{Shape, Token, TokenKind, Tokens, tokenize};
