//! Token shape classes (`Cap`, `CAPS`, `Num`, …) and their bits in a
//! token's classes, which the tokenizer works out.

use crate::text::class_bit;

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

    /// The bit this class has in a token's classes
    /// ([`Token::classes`](crate::text::Token::classes)).
    pub fn bit(self) -> u8 {
        match self {
            Class::Any => 0xff,
            Class::Word => class_bit::WORD,
            Class::Cap => class_bit::CAP,
            Class::Caps => class_bit::CAPS,
            Class::Lower => class_bit::LOWER,
            Class::Num => class_bit::NUM,
            Class::Punct => class_bit::PUNCT,
            Class::Sym => class_bit::SYM,
        }
    }
}
