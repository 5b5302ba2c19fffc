//! Words that make up date expressions, looked up by token key.

use jiff::civil::Weekday;

use std::sync::LazyLock;

use crate::keymap::{Key, KeyMap};
use crate::lexicon::{WordList, word_list};

/// A month name: its number and whether the form is an abbreviation. The
/// names are the lists `month` (in calendar order) and `monthabbrev` (each a
/// prefix of its month) of `rules/lexicon.rules`.
pub(super) fn month(word: &str) -> Option<(i8, bool)> {
    match calendar(word)? {
        Calendar::Month(n, short) => Some((n, short)),
        Calendar::Weekday(..) => None,
    }
}

/// A weekday name: the day and whether the form is an abbreviation (the
/// lists `weekday`, Monday first, and `weekdayabbrev`).
pub(super) fn weekday(word: &str) -> Option<(Weekday, bool)> {
    match calendar(word)? {
        Calendar::Weekday(day, short) => Some((day, short)),
        Calendar::Month(..) => None,
    }
}

#[derive(Clone, Copy, Debug)]
enum Calendar {
    Month(i8, bool),
    Weekday(Weekday, bool),
}

/// Every month and weekday form, read once from the lexicon's lists into
/// one table: the date scanner asks about every token.
fn calendar(word: &str) -> Option<Calendar> {
    static TABLE: LazyLock<KeyMap<Option<Calendar>>> = LazyLock::new(|| {
        use Weekday::*;
        const DAYS: [Weekday; 7] = [
            Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
        ];
        // Each form keeps its first meaning (KeyMap keeps a repeated key's
        // first value).
        let mut table: Vec<(&'static str, Option<Calendar>)> = Vec::new();
        let mut add = |full: &'static WordList,
                       short: &'static WordList,
                       make: &dyn Fn(usize, bool) -> Option<Calendar>| {
            for (n, name) in full.words().iter().enumerate() {
                if let Some(value) = make(n, false) {
                    table.push((*name, Some(value)));
                }
            }
            for abbrev in short.words() {
                if let Some(n) = full
                    .words()
                    .iter()
                    .position(|name| name.starts_with(abbrev))
                    && let Some(value) = make(n, true)
                {
                    table.push((*abbrev, Some(value)));
                }
            }
        };
        add(
            word_list!("month"),
            word_list!("monthabbrev"),
            &|n, short| Some(Calendar::Month(n as i8 + 1, short)),
        );
        add(
            word_list!("weekday"),
            word_list!("weekdayabbrev"),
            &|n, short| Some(Calendar::Weekday(*DAYS.get(n)?, short)),
        );
        KeyMap::new(table)
    });
    TABLE.get(word).flatten()
}

/// Small cardinals written as words ("a week ago", "two days ago").
const CARDINALS: &[(&str, i32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];

/// Multiples of ten written as words.
const TENS: &[(&str, i32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// A small cardinal written as a word ("a week ago", "two days ago"),
/// including the multiples of ten.
pub(super) fn cardinal(word: &str) -> Option<i32> {
    static TABLE: LazyLock<KeyMap<i32>> =
        LazyLock::new(|| KeyMap::new(CARDINALS.iter().chain(TENS).copied()));
    TABLE.get(word)
}

/// A multiple of ten written as a word, which may take a unit after a
/// hyphen ("seventy-four").
pub(super) fn tens(word: &str) -> Option<i32> {
    TENS.iter().find(|(w, _)| *w == word).map(|&(_, n)| n)
}

/// Quantities too vague to compute a date from ("a few days ago").
pub(super) fn is_vague_quantity(word: &str) -> bool {
    matches!(word, "few" | "several" | "some" | "many")
}

/// A calendar unit a relative expression counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A unit word, singular or plural, and whether it was plural.
pub(super) fn unit(word: &str) -> Option<(Unit, bool)> {
    Some(match word {
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        _ => return None,
    })
}

/// A part of the day that may follow a day word ("Tuesday night").
pub(super) fn is_part_of_day(word: &str) -> bool {
    matches!(word, "morning" | "afternoon" | "evening" | "night")
}

/// Prepositions after which a capitalized month name alone is a date
/// ("in March", "since May"). "by" and "to" are left out: "written by May",
/// "spoke to May" are about a person far more often than a deadline.
pub(super) fn is_month_cue(word: &str) -> bool {
    matches!(
        word,
        "in" | "since"
            | "until"
            | "till"
            | "during"
            | "before"
            | "after"
            | "from"
            | "through"
            | "throughout"
            | "between"
    )
}

/// Words before a weekday that say the sentence speaks of the future.
pub(super) fn is_future_cue(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "'ll"
            | "shall"
            | "scheduled"
            | "slated"
            | "planned"
            | "plans"
            | "plan"
            | "planning"
            | "due"
            | "upcoming"
            | "ahead"
            | "next"
            | "expected"
            | "expects"
            | "set"
            | "intends"
            | "going"
            | "tomorrow"
    )
}

/// Words that mark a past-tense report around a weekday.
pub(super) fn is_past_cue(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "told"
            | "met"
            | "held"
            | "was"
            | "were"
            | "had"
            | "did"
            | "took"
            | "gave"
            | "came"
            | "went"
            | "left"
            | "spoke"
            | "wrote"
            | "made"
            | "began"
            | "won"
            | "lost"
            | "ago"
            | "yesterday"
            | "last"
    )
}

/// Words that may open a sentence right before a weekday ("On Tuesday",
/// "Since Monday") without making it part of a name.
pub(super) fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "on" | "by"
            | "since"
            | "until"
            | "till"
            | "from"
            | "before"
            | "after"
            | "through"
            | "and"
            | "or"
            | "but"
            | "early"
            | "late"
            | "earlier"
            | "later"
            | "last"
            | "next"
            | "this"
            | "that"
            | "every"
            | "each"
            | "as"
            | "of"
            | "at"
            | "for"
            | "to"
            | "in"
            | "between"
            | "said"
            | "says"
            | "the"
            | "a"
            | "an"
            | "then"
            | "so"
    )
}

/// Words other than numbers, months and weekdays that can open a date
/// expression.
const STARTERS: &[&str] = &[
    "the",
    "last",
    "next",
    "this",
    "early",
    "earlier",
    "late",
    "later",
    "mid",
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "few",
    "several",
    "some",
    "many",
    "days",
    "weeks",
    "months",
];

/// Whether a word can open a date expression, and if only capitalized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Opener {
    /// In any case: "last", "two", "yesterday".
    Any,
    /// Only capitalized: month and weekday names.
    Capitalized,
    /// "the", which opens only "the 20th (of) September".
    The,
    /// "a" and "an", which open only "a week ago", "a few days ago", "a
    /// couple of days ago".
    Article,
}

/// The one lookup every word token goes through: most fail it at once.
/// Built from the starters, the cardinals and the calendar's forms, so it
/// agrees with [`cardinal`], [`month`] and [`weekday`].
///
/// The word comes as a lookup key ([`Key`]): a token's own is packed by
/// the tokenizer. A word with a period ("Sept.", "Jan.") is in the table
/// as itself, so a token's key is looked up as it is, without slicing it
/// or stripping the period first.
#[inline(always)]
pub(super) fn opener(word: Key<'_>) -> Option<Opener> {
    openers().get_key(word).flatten()
}

/// The table [`opener`] looks words up in, for a caller that joins it
/// with other word tables ([`KeyMap::union`]) to look a token up once.
pub(crate) fn openers() -> &'static KeyMap<Option<Opener>> {
    static TABLE: LazyLock<KeyMap<Option<Opener>>> = LazyLock::new(|| {
        let any = STARTERS
            .iter()
            .copied()
            .chain(CARDINALS.iter().chain(TENS).map(|&(w, _)| w))
            .map(|w| {
                let opener = match w {
                    "the" => Opener::The,
                    "a" | "an" => Opener::Article,
                    _ => Opener::Any,
                };
                (w, opener)
            });
        let capitalized = [word_list!("month"), word_list!("monthabbrev")]
            .into_iter()
            .chain([word_list!("weekday"), word_list!("weekdayabbrev")])
            .flat_map(|list| list.words().iter().copied())
            .filter(|w| calendar(w).is_some())
            .map(|w| (w, Opener::Capitalized));
        // Any first: a word that is both keeps `Any`.
        KeyMap::new(any.chain(capitalized).flat_map(|(w, opener)| {
            [
                (w.to_owned(), Some(opener)),
                (format!("{w}."), Some(opener)),
            ]
        }))
    });
    &TABLE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opener_accepts_every_word_the_recognizers_know() {
        let words = [
            ("september", Opener::Capitalized),
            ("sept", Opener::Capitalized),
            ("wednesday", Opener::Capitalized),
            ("thurs", Opener::Capitalized),
            ("yesterday", Opener::Any),
            ("seventeen", Opener::Any),
            ("nineteen", Opener::Any),
            ("seventy", Opener::Any),
            ("earlier", Opener::Any),
            ("several", Opener::Any),
            ("the", Opener::The),
            ("a", Opener::Article),
            ("an", Opener::Article),
            ("sept.", Opener::Capitalized),
            ("jan.", Opener::Capitalized),
            ("thurs.", Opener::Capitalized),
            ("the.", Opener::The),
        ];
        for (word, expected) in words {
            assert_eq!(
                opener(Key::from_bytes(word.as_bytes())),
                Some(expected),
                "{word}"
            );
        }
        for word in [
            "said",
            "government",
            "mayor",
            "marching",
            "septembers",
            "said.",
            ".",
        ] {
            assert_eq!(opener(Key::from_bytes(word.as_bytes())), None, "{word}");
        }
    }
}
