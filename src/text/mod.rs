//! Tokenizer, sentence splitter and normalization for news text.
//!
//! Tokens keep byte spans into the original text; normalization only changes
//! a token's matching key, never its offsets.

mod normalize;
mod sentence;
mod tokenize;

pub use normalize::{fold_into, normalize_key};
pub use sentence::{Dateline, Sentence, split_sentences};
pub use tokenize::{Shape, Token, TokenKind, Tokens, tokenize};
