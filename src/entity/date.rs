//! DATE mentions: absolute, relative and dateline dates, each resolved to an
//! ISO value against the document date.
//!
//! ```
//! use herald::entity::date::{document_date, find_dates};
//! use herald::text::{split_sentences, tokenize};
//!
//! let text = "BAGHDAD, September 21 — The minister met envoys on Wednesday.\n\nSeptember 20, 2023";
//! let tokens = tokenize(text);
//! let sentences = split_sentences(text, &tokens);
//! let date = document_date(text, &tokens, &sentences, None);
//! assert_eq!(date, Some(jiff::civil::date(2023, 9, 21)));
//!
//! let mentions = find_dates(text, &tokens, &sentences, date);
//! let found: Vec<(&str, Option<String>)> = mentions
//!     .iter()
//!     .map(|m| (&text[m.span], m.value.map(|v| v.to_string())))
//!     .collect();
//! assert_eq!(found, [
//!     ("September 21", Some("2023-09-21".to_owned())),
//!     ("Wednesday", Some("2023-09-20".to_owned())),
//!     ("September 20, 2023", Some("2023-09-20".to_owned())),
//! ]);
//! ```
//!
//! # What counts as a date, and what it is worth
//!
//! - **Calendar days** in the usual news forms: "September 20, 2023",
//!   "Sept. 20", "Sep 20 2023", "20 September 2023", "the 20th of
//!   September", "Sept. 20th", "2023-09-20", "20/9/2023", optionally after a
//!   weekday ("Wednesday, September 20", "Wed., Sept. 20"). Value
//!   `YYYY-MM-DD`. A date without a year takes the document's year, or the
//!   year named after it ("June 16 of last year"); only a future sentence
//!   moves it on a year, when the document's year would put it in the past
//!   ("will take office on Jan. 20", filed in September).
//! - **Ranges** within a month ("September 20-21", "20–21 September") are
//!   one mention valued at their first day.
//! - **Numeric dates** "a/b/yyyy" follow [`DayMonthOrder`]: whichever number
//!   is above 12 is the day, and when both could be months the configured
//!   order decides (day first by default, as in most of the world's press).
//! - **Months**: "September 2023", "in March", "in June last year", "last
//!   May", "mid-September" have month precision, value `YYYY-MM`. Wire style
//!   names the year whenever it is not the current one, so a month without a
//!   year is in the document's year ("prices rose in March", "the vote in
//!   November"), except that a future sentence never points back before the
//!   document's month ("will reconvene in March", filed in September 2023 →
//!   2024-03). "last May" / "next May" skip the document's own month. A month
//!   name alone must be capitalized and follow a preposition ("in", "since",
//!   "until", …) or a modifier: lowercase "may" and "march" are never months,
//!   and "by May" is left alone because it names a person as often as a
//!   deadline.
//! - **A year alone** ("2023") is not a date: it is as often a quantity, a
//!   model or a score ([`DateOptions::bare_years`] turns on "in 2023",
//!   "since 1999"). With a modifier ("early 2024", "mid-2023") it is one,
//!   value `YYYY`.
//! - **Weekdays** ("on Tuesday", "Tuesday night", "this Tuesday") are the
//!   latest such day on or before the document date in a past report, and
//!   the first such day on or after it when the sentence speaks of the
//!   future. A story filed on Thursday calls that very day "Thursday", so in
//!   both tenses the document's own weekday is the document date. "last
//!   Tuesday" and "next Tuesday" are the nearest Tuesday strictly before or
//!   after it. A weekday right after a capitalized content word ends a name
//!   ("Fox News Sunday") and is not a date.
//! - **Tense** comes from cue words: the nearest cue before the expression in
//!   its sentence wins ("will", "shall", "'ll", "scheduled", "due",
//!   "upcoming", "ahead", "next", "set to", "plans to", "expected to", "to be
//!   held" say future; "said", "met", "was", other "-ed" verbs say past);
//!   with none before it, the nearest within twelve tokens after it ("On Tuesday, the
//!   council will vote"); with none at all, the report is past.
//! - **Relative days**: "yesterday", "today", "tonight", "tomorrow", "last
//!   night", "this morning", "two days ago", "a week ago" (value
//!   `YYYY-MM-DD`); "next month", "two months ago", "earlier this month"
//!   (`YYYY-MM`); "last year", "a year ago" (`YYYY`). "last week", "this
//!   week" are ISO weeks, `YYYY-Www`, because no single day is meant. Vague
//!   counts ("a few days ago") are dates without a value; "years ago" with no
//!   count at all is a manner of speaking, not a date. A capitalized "Today"
//!   after a capitalized word ends a name ("USA Today") and is not a date.
//! - **Spans** leave out a leading preposition ("on Wednesday" →
//!   "Wednesday") but keep modifiers that change the meaning ("last
//!   Tuesday", "earlier this month", "mid-September", "the 20th of
//!   September") and a part of the day ("Tuesday night").
//! - **Datelines** ("BAGHDAD, September 21 —", "SPRINGFIELD, Ill., Sept. 20
//!   (Reuters) -") are found once, by the sentence splitter, and read from
//!   [`Sentence::dateline`]; their date is a mention with rule
//!   `date/dateline`.
//! - **The document date** is resolved by [`document_date`]: the caller's
//!   date, else the dateline's (its year, when missing, from the latest full
//!   date in the text, e.g. a closing "September 20, 2023"), else the latest
//!   full date in the text.

mod dateline;
mod lexicon;
mod resolve;
mod scan;

use crate::document::DateValue;
use crate::span::Span;
use crate::text::{Sentence, Tokens};
use jiff::civil::Date;

pub(crate) use lexicon::{Opener, openers};
use scan::{Expr, Scanner, Shift};

/// One DATE mention.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateMention {
    /// The date expression, without a leading preposition.
    pub span: Span,
    /// The value: a day, month, ISO week or year (ISO `YYYY-MM-DD`,
    /// `YYYY-MM`, `YYYY-Www` or `YYYY` when displayed); `None` when it
    /// depends on a document date that is unknown or the expression is too
    /// vague ("a few days ago").
    pub value: Option<DateValue>,
    /// The rule that recognized it, e.g. `date/absolute/month-day-year`.
    pub rule: &'static str,
    /// True when the expression counts from the document date ("yesterday",
    /// "on Tuesday", "last year"); false for calendar dates, even year-less
    /// ones, which only borrow the document's year.
    pub relative: bool,
}

/// How to read a numeric date "a/b/yyyy" whose two numbers could both be
/// months.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DayMonthOrder {
    /// "4/9/2023" is 4 September (most of the world).
    #[default]
    DayFirst,
    /// "4/9/2023" is 9 April (United States).
    MonthFirst,
}

/// Options for date recognition.
///
/// ```
/// use herald::entity::date::{DateOptions, DayMonthOrder};
/// let mut options = DateOptions::default();
/// options.day_month = DayMonthOrder::MonthFirst;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DateOptions {
    /// How to read ambiguous numeric dates.
    pub day_month: DayMonthOrder,
    /// Take a year alone after a preposition ("in 2023", "since 1999") as a
    /// date, value `YYYY`. Off by default: a lone number is as often a
    /// quantity or a model as a year.
    pub bare_years: bool,
}

/// Finds every DATE mention, in text order, with values resolved against
/// `document_date` (see [`document_date`]). Never panics.
pub fn find_dates(
    text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    document_date: Option<Date>,
) -> Vec<DateMention> {
    find_dates_with(
        text,
        tokens,
        sentences,
        document_date,
        &DateOptions::default(),
    )
}

/// [`find_dates`] with explicit options.
///
/// ```
/// use herald::entity::date::{find_dates_with, DateOptions, DayMonthOrder};
/// use herald::text::{split_sentences, tokenize};
///
/// let text = "The contract was signed on 4/9/2023.";
/// let tokens = tokenize(text);
/// let sentences = split_sentences(text, &tokens);
/// let mut options = DateOptions::default();
/// options.day_month = DayMonthOrder::MonthFirst;
/// let found = find_dates_with(text, &tokens, &sentences, None, &options);
/// assert_eq!(found[0].value, Some(herald::DateValue::Day(jiff::civil::date(2023, 4, 9))));
/// ```
pub fn find_dates_with(
    _text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    document_date: Option<Date>,
    options: &DateOptions,
) -> Vec<DateMention> {
    find_dates_looked_up(tokens, sentences, document_date, options, None)
}

/// [`find_dates_with`], with the tokens' openers looked up by the caller
/// (see [`Scanner::openers`](scan::Scanner)).
pub(crate) fn find_dates_looked_up(
    tokens: &Tokens,
    sentences: &[Sentence],
    document_date: Option<Date>,
    options: &DateOptions,
    openers: Option<&[Option<Opener>]>,
) -> Vec<DateMention> {
    let scanner = Scanner {
        tokens,
        options: *options,
        openers,
    };
    let dateline = dateline::dateline_date(tokens, sentences, &scanner);
    scan::scan(&scanner)
        .into_iter()
        .map(|m| {
            let in_dateline = dateline.is_some_and(|d| m.first <= d.first && d.end <= m.end);
            let tense = match m.expr {
                _ if in_dateline => resolve::Tense::Past,
                Expr::Weekday { .. }
                | Expr::Day { year: None, .. }
                | Expr::Month {
                    year: None,
                    shift: Shift::Bare,
                    ..
                } => resolve::tense(tokens, sentences, &m),
                _ => resolve::Tense::Past,
            };
            DateMention {
                span: Span::new(tokens[m.first].span.start, tokens[m.end - 1].span.end),
                value: resolve::value(m.expr, document_date, tense),
                rule: if in_dateline { "date/dateline" } else { m.rule },
                relative: m.expr.is_relative(),
            }
        })
        .collect()
}

/// The date a document was filed: `given` when the caller knows it, else the
/// dateline's date, else the latest full date (day, month and year) in the
/// text. A dateline without a year takes the year that puts it nearest the
/// latest full date in the text, and without such a date gives none.
///
/// ```
/// use herald::entity::date::document_date;
/// use herald::text::{split_sentences, tokenize};
///
/// let text = "Talks began on March 3, 2024 and ended on March 5, 2024.";
/// let tokens = tokenize(text);
/// let sentences = split_sentences(text, &tokens);
/// assert_eq!(document_date(text, &tokens, &sentences, None), Some(jiff::civil::date(2024, 3, 5)));
/// ```
pub fn document_date(
    text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    given: Option<Date>,
) -> Option<Date> {
    document_date_with(text, tokens, sentences, given, &DateOptions::default())
}

/// [`document_date`] with explicit options.
pub fn document_date_with(
    _text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    given: Option<Date>,
    options: &DateOptions,
) -> Option<Date> {
    document_date_looked_up(tokens, sentences, given, options, None)
}

/// [`document_date_with`], with the tokens' openers looked up by the
/// caller (see [`Scanner::openers`](scan::Scanner)).
pub(crate) fn document_date_looked_up(
    tokens: &Tokens,
    sentences: &[Sentence],
    given: Option<Date>,
    options: &DateOptions,
    openers: Option<&[Option<Opener>]>,
) -> Option<Date> {
    if given.is_some() {
        return given;
    }
    let scanner = Scanner {
        tokens,
        options: *options,
        openers,
    };
    let latest = scan::full_dates(&scanner).into_iter().max();
    let Some(dateline) = dateline::dateline_date(tokens, sentences, &scanner) else {
        return latest;
    };
    match dateline.expr {
        Expr::Day {
            year: Some(year),
            month,
            day,
        } => Date::new(year, month, day).ok().or(latest),
        Expr::Day {
            year: None,
            month,
            day,
        } => {
            let latest = latest?;
            [-1, 0, 1]
                .into_iter()
                .filter_map(|shift| Date::new(latest.year().checked_add(shift)?, month, day).ok())
                .min_by_key(|date| date.duration_since(latest).abs())
        }
        _ => latest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Key;
    use crate::text::{split_sentences, tokenize};

    /// The entity stage looks the tokens' openers up with its other word
    /// tables: dates found from them are the dates the scanner finds by
    /// looking the words up itself.
    #[test]
    fn openers_given_find_what_openers_looked_up_find() {
        let texts = [
            "BAGHDAD, Sept. 20 (Reuters) - Talks that began last Tuesday ended.",
            "The vote, held on 4/9/2023, comes a week ago after the 20th of September.",
            "Ministers will meet in March and again on Wednesday, Sept. 27, 2023.",
            "They met two days ago; the summit opens the 3rd, and ends in mid-2024.",
        ];
        let mut found = 0;
        for text in texts {
            let tokens = tokenize(text);
            let sentences = split_sentences(text, &tokens);
            let given: Vec<Option<Opener>> = (0..tokens.len())
                .map(|i| openers().get_key(Key::of(&tokens, i)).flatten())
                .collect();
            let options = DateOptions::default();
            let date = document_date_looked_up(&tokens, &sentences, None, &options, Some(&given));
            assert_eq!(
                date,
                document_date(text, &tokens, &sentences, None),
                "{text}"
            );
            let dates = find_dates_looked_up(&tokens, &sentences, date, &options, Some(&given));
            assert_eq!(dates, find_dates(text, &tokens, &sentences, date), "{text}");
            found += dates.len();
        }
        assert!(found >= 8, "only {found} dates");
    }
}
