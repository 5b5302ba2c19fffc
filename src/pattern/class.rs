//! Token shape classes (`Cap`, `CAPS`, `Num`, …) and their per-token bit masks.

use crate::text::{Shape, Token, TokenKind};

/// A token class usable as a pattern atom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Any,
    Word,
    Cap,
    Caps,
    Lower,
    Num,
    Punct,
    Sym,
}

impl Class {
    pub const NAMES: &'static str = "Any, Word, Cap, CAPS, Lower, Num, Punct, Sym";

    pub fn parse(name: &str) -> Option<Class> {
        Some(match name {
            "Any" => Class::Any,
            "Word" => Class::Word,
            "Cap" => Class::Cap,
            "CAPS" => Class::Caps,
            "Lower" => Class::Lower,
            "Num" => Class::Num,
            "Punct" => Class::Punct,
            "Sym" => Class::Sym,
            _ => return None,
        })
    }

    /// The bit this class has in a token's mask.
    pub const fn bit(self) -> u8 {
        match self {
            Class::Any => 0xff,
            Class::Word => 1,
            Class::Cap => 2,
            Class::Caps => 4,
            Class::Lower => 8,
            Class::Num => 16,
            Class::Punct => 32,
            Class::Sym => 64,
        }
    }
}

/// The classes a token belongs to, as a bit mask (see [`Class::bit`]).
/// Inlined: it runs for every token of a sentence a rule is tried on, so
/// the mask is read from a table by kind and shape; only a mixed-case
/// word's (`Cap` or not) needs its text.
#[inline]
pub(crate) fn mask(text: &str, token: &Token) -> u8 {
    let mask = MASKS[token.kind as usize][token.shape as usize];
    if token.kind == TokenKind::Word
        && token.shape == Shape::Mixed
        && first_letter_is_upper(&text[token.span])
    {
        return mask | Class::Cap.bit();
    }
    mask
}

/// The mask of a token of `kind` and `shape`, leaving out `Cap` for a
/// mixed-case word.
const fn shape_mask(kind: TokenKind, shape: Shape) -> u8 {
    match kind {
        TokenKind::Word => {
            Class::Word.bit()
                | match shape {
                    Shape::Capitalized => Class::Cap.bit(),
                    Shape::AllCaps => Class::Cap.bit() | Class::Caps.bit(),
                    Shape::Lower => Class::Lower.bit(),
                    Shape::Uncased | Shape::Mixed => 0,
                }
        }
        TokenKind::Number => Class::Num.bit(),
        TokenKind::Punct => Class::Punct.bit(),
        _ => Class::Sym.bit(),
    }
}

/// Every kind and shape, in declaration order, for the table.
const KINDS: [TokenKind; 8] = [
    TokenKind::Word,
    TokenKind::Number,
    TokenKind::Punct,
    TokenKind::Symbol,
    TokenKind::Url,
    TokenKind::Email,
    TokenKind::Handle,
    TokenKind::Hashtag,
];
const SHAPES: [Shape; 5] = [
    Shape::Lower,
    Shape::Capitalized,
    Shape::AllCaps,
    Shape::Mixed,
    Shape::Uncased,
];

/// [`shape_mask`] by kind and shape.
static MASKS: [[u8; SHAPES.len()]; KINDS.len()] = {
    let mut table = [[0; SHAPES.len()]; KINDS.len()];
    let mut k = 0;
    while k < KINDS.len() {
        let mut s = 0;
        while s < SHAPES.len() {
            // `as usize` is the index `mask` reads: the arrays must be in
            // declaration order, which the unit test checks.
            table[KINDS[k] as usize][SHAPES[s] as usize] = shape_mask(KINDS[k], SHAPES[s]);
            s += 1;
        }
        k += 1;
    }
    table
};

/// Whether the first letter of a mixed-case word ("McDonald", "iPhone") is
/// uppercase.
#[inline(never)]
fn first_letter_is_upper(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table's rows and columns are the enums' discriminants, and a
    /// new kind or shape cannot be left out of it: the matches below are
    /// exhaustive, so a new variant fails to compile until it is added.
    #[test]
    fn the_table_covers_every_kind_and_shape_in_order() {
        for (index, kind) in KINDS.iter().enumerate() {
            assert_eq!(*kind as usize, index, "{kind:?}");
            let listed = match kind {
                TokenKind::Word
                | TokenKind::Number
                | TokenKind::Punct
                | TokenKind::Symbol
                | TokenKind::Url
                | TokenKind::Email
                | TokenKind::Handle
                | TokenKind::Hashtag => 8,
            };
            assert_eq!(KINDS.len(), listed);
        }
        for (index, shape) in SHAPES.iter().enumerate() {
            assert_eq!(*shape as usize, index, "{shape:?}");
            let listed = match shape {
                Shape::Lower
                | Shape::Capitalized
                | Shape::AllCaps
                | Shape::Mixed
                | Shape::Uncased => 5,
            };
            assert_eq!(SHAPES.len(), listed);
        }
    }

    #[test]
    fn masks_of_news_words() {
        let text = "NATO met McDonald, iPhone makers 7 $ in Baghdad";
        let tokens = crate::text::tokenize(text);
        let names: Vec<&str> = tokens
            .iter()
            .map(|t| match mask(text, t) {
                m if m == Class::Word.bit() | Class::Cap.bit() | Class::Caps.bit() => "CAPS",
                m if m == Class::Word.bit() | Class::Cap.bit() => "Cap",
                m if m == Class::Word.bit() | Class::Lower.bit() => "Lower",
                m if m == Class::Word.bit() => "Word",
                m if m == Class::Num.bit() => "Num",
                m if m == Class::Punct.bit() => "Punct",
                m if m == Class::Sym.bit() => "Sym",
                _ => "?",
            })
            .collect();
        assert_eq!(
            names,
            [
                "CAPS", "Lower", "Cap", "Punct", "Word", "Lower", "Num", "Sym", "Lower", "Cap"
            ]
        );
    }
}
