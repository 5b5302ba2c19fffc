//! Known abbreviations: the tokenizer keeps their final period, the sentence
//! splitter decides from their kind whether that period can end a sentence.

/// How an abbreviation behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AbbreviationKind {
    /// A title or honorific that stands before a name ("Mr.", "Dr.", "Gen.",
    /// "St."): it never ends a sentence.
    Title,
    /// Letters each followed by a period ("U.S.", "U.N.", "e.g.", "p.m."),
    /// or a single capital initial ("W."): ends a sentence only before a
    /// common sentence starter.
    Initialism,
    /// Any other listed abbreviation ("Jan.", "Inc.", "Calif.", "etc."):
    /// ends a sentence only before a common sentence starter.
    Other,
}

use std::sync::LazyLock;

use crate::keymap::KeyMap;

/// Known abbreviations, without their period, sorted by byte value (a
/// test keeps them so, and unique). Matching is case-sensitive: "No." is an
/// abbreviation, "no." is a word at the end of a sentence. Initialisms are
/// recognized by their form and need not be listed.
pub const ABBREVIATIONS: &[(&str, AbbreviationKind)] = {
    use AbbreviationKind::{Other, Title};
    &[
        ("Adm", Title),
        ("Ala", Other),
        ("Amb", Title),
        ("Apr", Other),
        ("Ariz", Other),
        ("Ark", Other),
        ("Assn", Other),
        ("Atty", Title),
        ("Aug", Other),
        ("Ave", Other),
        ("Blvd", Other),
        ("Brig", Title),
        ("Bros", Other),
        ("Calif", Other),
        ("Capt", Title),
        ("Cmdr", Title),
        ("Co", Other),
        ("Col", Title),
        ("Colo", Other),
        ("Conn", Other),
        ("Corp", Other),
        ("Cpl", Title),
        ("Dec", Other),
        ("Del", Other),
        ("Dept", Other),
        ("Det", Title),
        ("Dr", Title),
        ("Feb", Other),
        ("Fla", Other),
        ("Fr", Title),
        ("Fri", Other),
        ("Ft", Title),
        ("Ga", Other),
        ("Gen", Title),
        ("Gov", Title),
        ("Hon", Title),
        ("Ill", Other),
        ("Inc", Other),
        ("Ind", Other),
        ("Insp", Title),
        ("Jan", Other),
        ("Jr", Other),
        ("Jul", Other),
        ("Jun", Other),
        ("Kan", Other),
        ("Ky", Other),
        ("La", Other),
        ("Lt", Title),
        ("Ltd", Other),
        ("Maj", Title),
        ("Mar", Other),
        ("Mass", Other),
        ("Md", Other),
        ("Messrs", Title),
        ("Mich", Other),
        ("Minn", Other),
        ("Mo", Other),
        ("Mon", Other),
        ("Mont", Other),
        ("Mr", Title),
        ("Mrs", Title),
        ("Ms", Title),
        ("Mt", Title),
        ("Neb", Other),
        ("Nev", Other),
        ("No", Other),
        ("Nos", Other),
        ("Nov", Other),
        ("Oct", Other),
        ("Okla", Other),
        ("Ore", Other),
        ("Pa", Other),
        ("Pres", Title),
        ("Prof", Title),
        ("Pvt", Title),
        ("Rd", Other),
        ("Rep", Title),
        ("Rev", Title),
        ("Sat", Other),
        ("Sen", Title),
        ("Sep", Other),
        ("Sept", Other),
        ("Sgt", Title),
        ("Sr", Other),
        ("St", Title),
        ("Sun", Other),
        ("Supt", Title),
        ("Tenn", Other),
        ("Thu", Other),
        ("Thur", Other),
        ("Thurs", Other),
        ("Tue", Other),
        ("Tues", Other),
        ("Univ", Other),
        ("Va", Other),
        ("Vol", Other),
        ("Vt", Other),
        ("Wash", Other),
        ("Wed", Other),
        ("Wis", Other),
        ("Wyo", Other),
        ("al", Other),
        ("approx", Other),
        ("cf", Other),
        ("est", Other),
        ("etc", Other),
        ("vs", Other),
    ]
};

/// The kind of abbreviation `word` is, if it is one. `word` may carry its
/// final period or not: "Mr" and "Mr." both give [`AbbreviationKind::Title`].
///
/// ```
/// use herald::text::{AbbreviationKind, abbreviation};
/// assert_eq!(abbreviation("Mr."), Some(AbbreviationKind::Title));
/// assert_eq!(abbreviation("U.S."), Some(AbbreviationKind::Initialism));
/// assert_eq!(abbreviation("Jan."), Some(AbbreviationKind::Other));
/// assert_eq!(abbreviation("talks."), None);
/// ```
pub fn abbreviation(word: &str) -> Option<AbbreviationKind> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if is_initialism(word) {
        return Some(AbbreviationKind::Initialism);
    }
    // A packed-key table, where the binary search's string compares cost
    // some 240 instructions at every word before a period.
    static LISTED: LazyLock<KeyMap<Option<AbbreviationKind>>> = LazyLock::new(|| {
        KeyMap::new(
            ABBREVIATIONS
                .iter()
                .map(|&(entry, kind)| (entry, Some(kind))),
        )
    });
    LISTED.get(word).flatten()
}

/// "U.S", "e.g", "Ph.D", "W": letters in groups of one or two separated by
/// single periods, or one capital letter alone.
fn is_initialism(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() == 1 {
        return bytes[0].is_ascii_uppercase();
    }
    if !word.contains('.') {
        return false;
    }
    word.split('.')
        .all(|part| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_unique_and_every_entry_is_found() {
        for pair in ABBREVIATIONS.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{:?} before {:?}",
                pair[0].0,
                pair[1].0
            );
        }
        for (word, kind) in ABBREVIATIONS {
            assert_eq!(abbreviation(word), Some(*kind), "{word}");
        }
    }

    #[test]
    fn kinds_of_abbreviations() {
        use AbbreviationKind::*;
        let cases = [
            ("Mr.", Some(Title)),
            ("Dr.", Some(Title)),
            ("St.", Some(Title)),
            ("Gen.", Some(Title)),
            ("U.S.", Some(Initialism)),
            ("U.N.", Some(Initialism)),
            ("e.g.", Some(Initialism)),
            ("Ph.D.", Some(Initialism)),
            ("W.", Some(Initialism)),
            ("Jan.", Some(Other)),
            ("Inc.", Some(Other)),
            ("no.", None),
            ("w.", None),
            ("said.The", None),
            ("U..S", None),
            ("", None),
            (".", None),
        ];
        for (word, expected) in cases {
            assert_eq!(abbreviation(word), expected, "{word:?}");
        }
    }
}
