//! The tokenizer: Unicode word boundaries plus rules for news text.

use crate::span::Span;
use unicode_segmentation::UnicodeSegmentation;

use super::normalize::fold_into;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes or periods ("O'Brien", "U.S.").
    Word,
    /// Digits, possibly with separators or a suffix ("1,200", "78th").
    Number,
    /// Punctuation: . , ; : ! ? quotes, brackets, dashes.
    Punct,
    /// Any other symbol: $ % & + …
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A social media handle ("@NATO").
    Handle,
    /// A hashtag ("#UNGA78").
    Hashtag,
}

/// The capitalization of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// No uppercase letters ("said", "al").
    Lower,
    /// An uppercase letter followed only by lowercase ones ("Baghdad").
    Capitalized,
    /// Two or more letters, all uppercase ("NATO", "BAGHDAD").
    AllCaps,
    /// Any other mix of cases ("McDonald", "iPhone"), or a single capital ("A").
    Mixed,
    /// No cased letters (numbers, punctuation, scripts without case).
    Uncased,
}

/// One token: its byte span, kind, shape and matching key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span into the original text.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
    /// Its capitalization.
    pub shape: Shape,
    /// True when the token contains a decimal digit.
    pub has_digit: bool,
    /// True when whitespace (or the start of the text) precedes the token;
    /// false for the parts of "Al-Sudani" after the first.
    pub space_before: bool,
    key_start: u32,
    key_end: u32,
}

/// The tokens of one text, with their matching keys stored in one buffer.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
    keys: String,
}

impl Tokens {
    /// All tokens, in text order.
    #[inline]
    pub fn as_slice(&self) -> &[Token] {
        &self.tokens
    }

    /// The number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the text had no tokens.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The token at `index`.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&Token> {
        self.tokens.get(index)
    }

    /// The matching key of the token at `index` (see [`super::normalize_key`]).
    #[inline]
    pub fn key(&self, index: usize) -> &str {
        let token = &self.tokens[index];
        &self.keys[token.key_start as usize..token.key_end as usize]
    }

    /// Iterates over the tokens.
    pub fn iter(&self) -> std::slice::Iter<'_, Token> {
        self.tokens.iter()
    }

    fn push(&mut self, text: &str, span: Span, kind: TokenKind, space_before: bool) {
        let piece = &text[span];
        let key_start = self.keys.len() as u32;
        fold_into(piece, &mut self.keys);
        let key_end = self.keys.len() as u32;
        self.tokens.push(Token {
            span,
            kind,
            shape: shape_of(piece),
            has_digit: piece.bytes().any(|b| b.is_ascii_digit()),
            space_before,
            key_start,
            key_end,
        });
    }
}

impl std::ops::Index<usize> for Tokens {
    type Output = Token;
    fn index(&self, index: usize) -> &Token {
        &self.tokens[index]
    }
}

/// Tokenizes `text`. Never panics; runs in time linear in the input.
///
/// ```
/// use herald::text::tokenize;
/// let text = "NATO’s chief met Al-Sudani.";
/// let tokens = tokenize(text);
/// let pieces: Vec<&str> = tokens.iter().map(|t| &text[t.span]).collect();
/// assert_eq!(pieces, ["NATO", "’s", "chief", "met", "Al", "-", "Sudani", "."]);
/// assert_eq!(tokens.key(1), "'s");
/// ```
pub fn tokenize(text: &str) -> Tokens {
    let mut tokens = Tokens {
        tokens: Vec::with_capacity(text.len() / 5),
        keys: String::with_capacity(text.len()),
    };
    let mut space_before = true;
    for (start, piece) in text.split_word_bound_indices() {
        if piece.chars().all(char::is_whitespace) {
            space_before = true;
            continue;
        }
        let span = Span::new(start, start + piece.len());
        let kind = kind_of(piece);
        if kind == TokenKind::Word {
            if let Some(split) = possessive_split(piece) {
                tokens.push(text, Span::new(start, start + split), kind, space_before);
                tokens.push(
                    text,
                    Span::new(start + split, span.end),
                    TokenKind::Word,
                    false,
                );
                space_before = false;
                continue;
            }
        }
        tokens.push(text, span, kind, space_before);
        space_before = false;
    }
    tokens
}

/// Byte index where a trailing possessive "'s" / "’s" starts, if any.
fn possessive_split(word: &str) -> Option<usize> {
    for apostrophe in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = word.strip_suffix(apostrophe) {
            if !stem.is_empty() {
                return Some(stem.len());
            }
        }
    }
    None
}

fn kind_of(piece: &str) -> TokenKind {
    let first = piece.chars().next().unwrap_or(' ');
    if first.is_numeric() {
        TokenKind::Number
    } else if first.is_alphanumeric() || piece.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else if first.is_ascii_punctuation()
        && !matches!(
            first,
            '$' | '%' | '&' | '+' | '<' | '=' | '>' | '^' | '|' | '~' | '#' | '@' | '*'
        )
        || matches!(unicode_punct_class(first), true)
    {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

fn unicode_punct_class(ch: char) -> bool {
    matches!(
        ch,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{00A1}' | '\u{00AB}' | '\u{00BB}' | '\u{00BF}' | '\u{3001}'..='\u{3003}' | '\u{300C}'..='\u{300F}' | '\u{060C}' | '\u{061F}' | '\u{06D4}'
    )
}

fn shape_of(piece: &str) -> Shape {
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut first_upper = false;
    for (i, ch) in piece.chars().filter(|c| c.is_alphabetic()).enumerate() {
        if ch.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            }
        } else if ch.is_lowercase() {
            lower += 1;
        }
    }
    match (upper, lower) {
        (0, 0) => Shape::Uncased,
        (0, _) => Shape::Lower,
        (1, _) if first_upper && lower > 0 => Shape::Capitalized,
        (u, 0) if u >= 2 => Shape::AllCaps,
        _ => Shape::Mixed,
    }
}
