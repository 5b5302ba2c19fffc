//! Turns a recognized expression into an ISO value against the document date.

use crate::document::DateValue;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::lexicon;
use super::scan::{Expr, Match, Shift};
use crate::text::{Sentence, Shape, Tokens};

/// Whether an expression is spoken of as past or coming.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
}

/// How far past a weekday the clause that may carry its verb reaches
/// ("On Tuesday, the council will vote").
const FORWARD_WINDOW: usize = 12;

/// Decides the tense around a weekday, bare month or year-less day from cue
/// words: the nearest cue before the expression in its sentence wins, else
/// the nearest within [`FORWARD_WINDOW`] tokens after it, else the report is
/// taken as past.
pub(super) fn tense(tokens: &Tokens, sentences: &[Sentence], m: &Match) -> Tense {
    let (start, end) = sentence_bounds(tokens, sentences, m.anchor);
    let before = (start..m.first).rev();
    let after = m.end..end.min(m.end + FORWARD_WINDOW);
    before
        .chain(after)
        .find_map(|i| cue(tokens, i))
        .unwrap_or(Tense::Past)
}

fn cue(tokens: &Tokens, i: usize) -> Option<Tense> {
    let key = tokens.key(i);
    let next = if i + 1 < tokens.len() {
        tokens.key(i + 1)
    } else {
        ""
    };
    let previous = if i > 0 { tokens.key(i - 1) } else { "" };
    let future = match key {
        "set" | "plan" | "plans" | "planning" | "going" | "expected" | "expects" | "intends" => {
            matches!(next, "to" | "for")
        }
        _ => lexicon::is_future_cue(key) || key.ends_with("'ll"),
    };
    if future {
        return Some(Tense::Future);
    }
    let lower = tokens[i].shape == Shape::Lower;
    let past = lexicon::is_past_cue(key) || lower && key.len() > 4 && key.ends_with("ed");
    if past {
        // "to be held", "will be signed": a passive infinitive looks ahead.
        return Some(if previous == "be" {
            Tense::Future
        } else {
            Tense::Past
        });
    }
    None
}

/// Token bounds of the sentence holding `anchor`; when the sentences do not
/// cover it, the run between sentence-ending marks.
fn sentence_bounds(tokens: &Tokens, sentences: &[Sentence], anchor: usize) -> (usize, usize) {
    let index = sentences.partition_point(|s| s.tokens.end <= anchor);
    if let Some(sentence) = sentences.get(index).filter(|s| s.tokens.contains(&anchor)) {
        // Clamped: sentences from another tokenization must not panic.
        return (
            sentence.tokens.start.min(anchor),
            sentence.tokens.end.min(tokens.len()),
        );
    }
    let stop = |i: &usize| matches!(tokens.key_bytes(*i), b"." | b"!" | b"?");
    let start = (0..anchor).rev().find(stop).map_or(0, |i| i + 1);
    let end = (anchor..tokens.len()).find(stop).unwrap_or(tokens.len());
    (start, end)
}

/// The ISO value of `expr`: `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www` or `YYYY`.
pub(super) fn value(expr: Expr, document: Option<Date>, tense: Tense) -> Option<DateValue> {
    match expr {
        Expr::Day {
            year: Some(year),
            month,
            day,
        } => Date::new(year, month, day).ok().map(day_value),
        Expr::Day {
            year: None,
            month,
            day,
        } => {
            let document = document?;
            let date = Date::new(document.year(), month, day).ok()?;
            // A future sentence never points back before the document date.
            if tense == Tense::Future && date < document {
                return date.checked_add(1.year()).ok().map(day_value);
            }
            Some(day_value(date))
        }
        Expr::DayInYear { years, month, day } => {
            let year = i16::try_from(i32::from(document?.year()) + years).ok()?;
            Date::new(year, month, day).ok().map(day_value)
        }
        Expr::Year(year) => Some(DateValue::Year(year)),
        Expr::MonthInYear { years, month } => {
            let year = i16::try_from(i32::from(document?.year()) + years).ok()?;
            Some(month_value(year, month))
        }
        Expr::Month {
            year: Some(year),
            month,
            ..
        } => Some(month_value(year, month)),
        Expr::Month {
            year: None,
            month,
            shift,
        } => {
            let document = document?;
            let year = match shift {
                Shift::This => document.year(),
                // News style names the year whenever it is not the current
                // one, so a bare month is this year's, unless a future
                // sentence puts it past the document's month.
                Shift::Bare => match tense {
                    Tense::Future if month < document.month() => document.year().checked_add(1)?,
                    _ => document.year(),
                },
                Shift::Last if month < document.month() => document.year(),
                Shift::Last => document.year().checked_sub(1)?,
                Shift::Next if month > document.month() => document.year(),
                Shift::Next => document.year().checked_add(1)?,
            };
            Some(month_value(year, month))
        }
        Expr::Weekday { weekday, shift } => {
            weekday_date(document?, weekday, shift, tense).map(day_value)
        }
        Expr::Days(n) => document?.checked_add(n.days()).ok().map(day_value),
        Expr::Weeks(n) => {
            let week = document?.checked_add(n.weeks()).ok()?.iso_week_date();
            Some(DateValue::Week {
                year: week.year(),
                week: week.week(),
            })
        }
        Expr::Months(n) => {
            let date = document?.first_of_month().checked_add(n.months()).ok()?;
            Some(month_value(date.year(), date.month()))
        }
        Expr::Years(n) => {
            let date = document?.first_of_year().checked_add(n.years()).ok()?;
            Some(DateValue::Year(date.year()))
        }
        Expr::Vague => None,
    }
}

/// A bare or "this" weekday is the latest such day on or before the document
/// date in a past report and the first on or after it in a future one (a
/// story filed on Thursday calls its own day "Thursday"); "last" and "next"
/// skip the document date itself.
fn weekday_date(document: Date, weekday: Weekday, shift: Shift, tense: Tense) -> Option<Date> {
    let same = document.weekday() == weekday;
    let nth = match (shift, tense) {
        (Shift::Last, _) => -1,
        (Shift::Next, _) => 1,
        _ if same => return Some(document),
        (_, Tense::Past) => -1,
        (_, Tense::Future) => 1,
    };
    document.nth_weekday(nth, weekday).ok()
}

fn day_value(date: Date) -> DateValue {
    DateValue::Day(date)
}

fn month_value(year: i16, month: i8) -> DateValue {
    DateValue::Month { year, month }
}
