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
    pub fn bit(self) -> u8 {
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
/// Inlined: it runs for every token of a sentence a rule is tried on.
#[inline]
pub(crate) fn mask(text: &str, token: &Token) -> u8 {
    let mut mask = 0;
    match token.kind {
        TokenKind::Word => {
            mask |= Class::Word.bit();
            let cap = match token.shape {
                Shape::Capitalized | Shape::AllCaps => true,
                Shape::Lower | Shape::Uncased => false,
                _ => first_letter_is_upper(&text[token.span]),
            };
            if cap {
                mask |= Class::Cap.bit();
            }
            match token.shape {
                Shape::AllCaps => mask |= Class::Caps.bit(),
                Shape::Lower => mask |= Class::Lower.bit(),
                _ => {}
            }
        }
        TokenKind::Number => mask |= Class::Num.bit(),
        TokenKind::Punct => mask |= Class::Punct.bit(),
        _ => mask |= Class::Sym.bit(),
    }
    mask
}

/// Whether the first letter of a mixed-case word ("McDonald", "iPhone") is
/// uppercase.
#[inline(never)]
fn first_letter_is_upper(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}
