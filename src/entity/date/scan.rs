//! Recognizes date expressions on the token stream.
//!
//! Every recognizer starts at one token index and returns the end of what it
//! read; [`scan`] keeps, at each position, the longest expression found and
//! moves past it, so expressions never overlap.

use jiff::civil::{Date, Weekday};

use super::lexicon::{self, Unit};
use super::{DateOptions, DayMonthOrder};
use crate::keymap::Key;
use crate::text::{Shape, TokenKind, Tokens};

/// Which way a weekday or month is shifted from the document date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shift {
    /// No modifier: tense decides ("on Tuesday").
    Bare,
    /// "this Tuesday": like a bare weekday.
    This,
    /// "last Tuesday": strictly before the document date.
    Last,
    /// "next Tuesday": strictly after the document date.
    Next,
}

/// What a date expression means, before it is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Expr {
    /// A calendar day; a missing year is the document's.
    Day {
        year: Option<i16>,
        month: i8,
        day: i8,
    },
    /// A calendar day in the year so many years from the document's
    /// ("June 16 of last year").
    DayInYear { years: i32, month: i8, day: i8 },
    /// A month in the year so many years from the document's ("June last
    /// year", "January of this year").
    MonthInYear { years: i32, month: i8 },
    /// A calendar year, named with a modifier ("early 2024").
    Year(i16),
    /// A calendar month ("September 2023", "in March", "last May").
    Month {
        year: Option<i16>,
        month: i8,
        shift: Shift,
    },
    /// A weekday near the document date.
    Weekday { weekday: Weekday, shift: Shift },
    /// So many days from the document date ("yesterday", "3 days ago").
    Days(i32),
    /// The ISO week so many weeks from the document date's ("last week").
    Weeks(i32),
    /// The month so many months from the document date's ("next month").
    Months(i32),
    /// The year so many years from the document date's ("last year").
    Years(i32),
    /// A date whose value cannot be computed ("a few days ago").
    Vague,
}

impl Expr {
    /// True when the value is counted from the document date rather than
    /// named on the calendar.
    pub(super) fn is_relative(&self) -> bool {
        !matches!(
            self,
            Expr::Day { .. }
                | Expr::Year(_)
                | Expr::Month {
                    shift: Shift::Bare,
                    ..
                }
        )
    }
}

/// One recognized expression: tokens `first..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Match {
    pub first: usize,
    pub end: usize,
    /// The token whose sentence decides tense (the weekday itself).
    pub anchor: usize,
    pub expr: Expr,
    pub rule: &'static str,
}

/// The longest distance, in tokens, from the start of a calendar day to its
/// year ("Wed . , Sept . 20 th , 2023").
const MAX_TOKENS_BEFORE_YEAR: usize = 8;

/// Every calendar day that names its year. Such a day always holds a
/// year-like number, and those are rare, so only their neighbourhoods are
/// searched.
pub(super) fn full_dates(scanner: &Scanner<'_>) -> Vec<Date> {
    let tokens = scanner.tokens;
    let mut dates = Vec::new();
    for (y, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Number {
            continue;
        }
        let key = tokens.key(y);
        let lead = key.bytes().take_while(u8::is_ascii_digit).count();
        if lead != 4 && key.bytes().filter(u8::is_ascii_digit).count() < 6 {
            continue;
        }
        for start in y.saturating_sub(MAX_TOKENS_BEFORE_YEAR)..=y {
            if let Some(m) = scanner.at(start).filter(|m| m.end > y)
                && let Expr::Day {
                    year: Some(year),
                    month,
                    day,
                } = m.expr
            {
                dates.extend(Date::new(year, month, day).ok());
            }
        }
    }
    dates
}

/// Finds every date expression in `tokens`, in text order.
pub(super) fn scan(scanner: &Scanner<'_>) -> Vec<Match> {
    let tokens = scanner.tokens;
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match scanner.at(i) {
            Some(m) => {
                i = m.end;
                found.push(m);
            }
            None => i += 1,
        }
    }
    found
}

pub(super) struct Scanner<'a> {
    pub tokens: &'a Tokens,
    pub options: DateOptions,
    /// Per token, whether it opens a date expression, when the caller
    /// looked the tokens up (see [`lexicon::openers`]).
    pub openers: Option<&'a [Option<lexicon::Opener>]>,
}

impl Scanner<'_> {
    fn key(&self, i: usize) -> &str {
        if i < self.tokens.len() {
            self.tokens.key(i)
        } else {
            ""
        }
    }

    /// [`Scanner::key`] as bytes, for comparisons with words: no `str`
    /// slice's char-boundary checks.
    fn key_bytes(&self, i: usize) -> &[u8] {
        if i < self.tokens.len() {
            self.tokens.key_bytes(i)
        } else {
            b""
        }
    }

    /// The key without a trailing period, for tokenizers that keep "Sept."
    /// whole.
    fn word(&self, i: usize) -> &str {
        let key = self.key(i);
        key.strip_suffix('.').unwrap_or(key)
    }

    fn shape(&self, i: usize) -> Option<Shape> {
        self.tokens.get(i).map(|t| t.shape)
    }

    /// True when token `i` exists and touches the token before it.
    fn glued(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.space_before)
    }

    /// True when token `i` exists and its key is `word` ([`Tokens::key_is`]).
    fn is(&self, i: usize, word: &str) -> bool {
        i < self.tokens.len() && self.tokens.key_is(i, word)
    }

    /// Consumes a period glued to token `i - 1` ("Sept" + ".").
    fn skip_period(&self, i: usize) -> usize {
        if self.glued(i) && self.is(i, ".") && !self.key(i - 1).ends_with('.') {
            i + 1
        } else {
            i
        }
    }

    fn capitalized(&self, i: usize) -> bool {
        matches!(self.shape(i), Some(Shape::Capitalized | Shape::AllCaps))
    }

    /// A month name; lowercase never counts, so "may" and "march" stay verbs.
    fn month(&self, i: usize) -> Option<(i8, usize, bool)> {
        if !self.capitalized(i) {
            return None;
        }
        let (month, abbrev) = lexicon::month(self.word(i))?;
        let end = if abbrev {
            self.skip_period(i + 1)
        } else {
            i + 1
        };
        Some((month, end, abbrev))
    }

    /// A weekday name, and with `abbrev` also "Wed" / "Wed.".
    fn weekday(&self, i: usize, abbrev: bool) -> Option<(Weekday, usize)> {
        if !self.capitalized(i) {
            return None;
        }
        let (weekday, short) = lexicon::weekday(self.word(i))?;
        if short && !abbrev {
            return None;
        }
        let end = if short {
            self.skip_period(i + 1)
        } else {
            i + 1
        };
        Some((weekday, end))
    }

    /// A day of the month: "20", "20th", or "20" + "th" split by a tokenizer.
    fn day(&self, i: usize) -> Option<(i8, usize)> {
        let token = self.tokens.get(i)?;
        if token.kind != TokenKind::Number {
            return None;
        }
        let key = self.key(i);
        let (digits, end) = match ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| key.strip_suffix(s))
        {
            Some(digits) => (digits, i + 1),
            None if self.glued(i + 1)
                && matches!(self.key_bytes(i + 1), b"st" | b"nd" | b"rd" | b"th") =>
            {
                (key, i + 2)
            }
            None => (key, i + 1),
        };
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let day: i8 = digits.parse().ok()?;
        if !(1..=31).contains(&day) {
            return None;
        }
        // "20:30" and "20-year" are not days.
        if self.glued(end) && matches!(self.key_bytes(end), b":" | b"-" | b"/") {
            return None;
        }
        // "20km" and "20s" are not days.
        if self.glued(end) && self.tokens[end].kind == TokenKind::Word {
            return None;
        }
        Some((day, end))
    }

    /// A day, or a range of days in one month ("20-21", "20–21"), which
    /// stands for its first day.
    fn day_range(&self, i: usize) -> Option<(i8, usize)> {
        if let Some(found) = self.day(i) {
            return Some(found);
        }
        let first = self.small_number(i)?;
        if !(self.glued(i + 1) && self.key(i + 1) == "-" && self.glued(i + 2)) {
            return None;
        }
        let (last, end) = self.day(i + 2)?;
        (1 <= first && first < last).then_some((first, end))
    }

    /// A four-digit year, 1000–2999.
    fn year(&self, i: usize) -> Option<(i16, usize)> {
        let found = self.year_glued(i)?;
        // "2023-09" glued to a further number is an ISO date, not a year.
        let number_follows = self.glued(i + 1) && self.tokens[i + 1].kind == TokenKind::Number;
        (!number_follows).then_some(found)
    }

    /// "(of) last year", "(of) this year", "(of) next year" after a day or
    /// month.
    fn year_shift(&self, i: usize) -> Option<(i32, usize)> {
        let i = if self.is(i, "of") { i + 1 } else { i };
        if !self.is(i + 1, "year") {
            return None;
        }
        let years = match self.key(i) {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return None,
        };
        Some((years, i + 2))
    }

    /// A yearless day, or one placed by "of last year".
    fn yearless_day(
        &self,
        first: usize,
        end: usize,
        month: i8,
        day: i8,
        rule: &'static str,
    ) -> Option<Match> {
        let found = self.day_match(first, end, None, month, day, rule)?;
        Some(match self.year_shift(end) {
            Some((years, end)) => Match {
                end,
                expr: Expr::DayInYear { years, month, day },
                rule: "date/relative/day-of-year",
                ..found
            },
            None => found,
        })
    }

    /// A year after a day: ", 2023" or " 2023".
    fn trailing_year(&self, i: usize) -> Option<(i16, usize)> {
        if self.is(i, ",") {
            self.year(i + 1)
        } else {
            self.year(i)
        }
    }

    /// The longest expression starting at token `i`.
    #[inline]
    pub(super) fn at(&self, i: usize) -> Option<Match> {
        if !self.may_start(i) {
            return None;
        }
        self.recognize(i)
    }

    /// [`Scanner::at`] for a token that may open an expression: apart, so
    /// that the filter every token passes through is inlined in the scan
    /// and the big frame of the recognizers is set up only for the few.
    #[inline(never)]
    fn recognize(&self, i: usize) -> Option<Match> {
        let mut best: Option<Match> = None;
        for found in [
            self.weekday_date(i),
            self.absolute(i),
            self.relative(i),
            self.bare_year(i),
        ]
        .into_iter()
        .flatten()
        {
            if best.is_none_or(|b| found.end > b.end) {
                best = Some(found);
            }
        }
        best
    }

    /// Whether word token `i` opens a date expression.
    #[inline(always)]
    fn opener(&self, i: usize) -> Option<lexicon::Opener> {
        match self.openers {
            Some(openers) => openers[i],
            None => lexicon::opener(Key::of(self.tokens, i)),
        }
    }

    /// True when token `i` can open some expression: a number or one of the
    /// few words that do. Most tokens fail this one lookup.
    #[inline(always)]
    fn may_start(&self, i: usize) -> bool {
        let Some(token) = self.tokens.get(i) else {
            return false;
        };
        match token.kind {
            TokenKind::Number => true,
            TokenKind::Word => match self.opener(i) {
                Some(lexicon::Opener::Any) => true,
                Some(lexicon::Opener::Capitalized) => token.shape != Shape::Lower,
                // The commonest openers open one shape each: asking for
                // that shape's next token here spares the recognizers a
                // thousand instructions at most of them.
                Some(lexicon::Opener::The) => self.day_range(i + 1).is_some(),
                Some(lexicon::Opener::Article) => (i + 2..=i + 4).any(|j| self.is(j, "ago")),
                None => false,
            },
            _ => false,
        }
    }

    /// A calendar day, with or without a weekday before it.
    pub(super) fn calendar_day(&self, i: usize) -> Option<Match> {
        self.weekday_date(i)
            .or_else(|| self.absolute(i))
            .filter(|m| matches!(m.expr, Expr::Day { .. }))
    }

    /// "Wednesday, September 20", "Wed., Sept. 20", "Wednesday 20 September".
    fn weekday_date(&self, i: usize) -> Option<Match> {
        let (_, mut j) = self.weekday(i, true)?;
        if self.is(j, ",") {
            j += 1;
        }
        let date = self.absolute(j)?;
        matches!(date.expr, Expr::Day { .. }).then_some(Match {
            first: i,
            rule: "date/absolute/weekday-date",
            ..date
        })
    }

    /// Calendar dates and months named outright.
    pub(super) fn absolute(&self, i: usize) -> Option<Match> {
        self.month_first(i)
            .or_else(|| self.day_first(i))
            .or_else(|| self.iso(i))
            .or_else(|| self.numeric(i))
    }

    fn day_match(
        &self,
        first: usize,
        end: usize,
        year: Option<i16>,
        month: i8,
        day: i8,
        rule: &'static str,
    ) -> Option<Match> {
        // Reject days the month never has; a year-less February 29 is kept.
        let valid = match year {
            Some(year) => Date::new(year, month, day).is_ok(),
            None => Date::new(2024, month, day).is_ok(),
        };
        valid.then_some(Match {
            first,
            end,
            anchor: first,
            expr: Expr::Day { year, month, day },
            rule,
        })
    }

    /// "September 20, 2023", "Sept. 20th", "September 2023", "in March".
    fn month_first(&self, i: usize) -> Option<Match> {
        let (month, j, abbrev) = self.month(i)?;
        if let Some((day, k)) = self.day_range(j) {
            return match self.trailing_year(k) {
                Some((year, end)) => self.day_match(
                    i,
                    end,
                    Some(year),
                    month,
                    day,
                    "date/absolute/month-day-year",
                ),
                None => self.yearless_day(i, k, month, day, "date/absolute/month-day"),
            };
        }
        let year = if self.is(j, "of") {
            self.year(j + 1)
        } else {
            self.year(j)
        };
        if let Some((year, end)) = year {
            let expr = Expr::Month {
                year: Some(year),
                month,
                shift: Shift::Bare,
            };
            return Some(Match {
                first: i,
                end,
                anchor: i,
                expr,
                rule: "date/absolute/month-year",
            });
        }
        let cue = i > 0 && lexicon::is_month_cue(self.key(i - 1));
        if let Some((years, end)) = self.year_shift(j).filter(|_| cue || self.is(j, "of")) {
            let expr = Expr::MonthInYear { years, month };
            return Some(Match {
                first: i,
                end,
                anchor: i,
                expr,
                rule: "date/relative/month-of-year",
            });
        }
        (cue && !abbrev && self.shape(i) == Some(Shape::Capitalized)).then_some(Match {
            first: i,
            end: j,
            anchor: i,
            expr: Expr::Month {
                year: None,
                month,
                shift: Shift::Bare,
            },
            rule: "date/absolute/month",
        })
    }

    /// "20 September 2023", "20th Sept.", "the 20th of September".
    fn day_first(&self, i: usize) -> Option<Match> {
        let the = self.is(i, "the");
        let start = if the { i + 1 } else { i };
        let (day, mut j) = self.day_range(start)?;
        let of = self.is(j, "of");
        if of {
            j += 1;
        }
        let (month, k, _) = self.month(j)?;
        let rule = if of {
            "date/absolute/day-of-month"
        } else {
            "date/absolute/day-month"
        };
        match self.trailing_year(k) {
            Some((year, end)) => {
                let rule = if of {
                    rule
                } else {
                    "date/absolute/day-month-year"
                };
                self.day_match(i, end, Some(year), month, day, rule)
            }
            None => self.yearless_day(i, k, month, day, rule),
        }
    }

    /// Two digits or fewer, as a number.
    fn small_number(&self, i: usize) -> Option<i8> {
        self.digits(i, 2).and_then(|n| i8::try_from(n).ok())
    }

    /// A Number token of 1 to `max_len` plain digits, as a number.
    fn digits(&self, i: usize, max_len: usize) -> Option<i32> {
        // the kind first: most tokens asked about are words
        if self.tokens.get(i)?.kind != TokenKind::Number {
            return None;
        }
        let key = self.tokens.key_bytes(i);
        if key.is_empty() || key.len() > max_len || !key.iter().all(u8::is_ascii_digit) {
            return None;
        }
        key.iter().try_fold(0i32, |n, &digit| {
            n.checked_mul(10)?.checked_add(i32::from(digit - b'0'))
        })
    }

    /// "2023-09-20" and "2023/09/20", one token or several glued together.
    fn iso(&self, i: usize) -> Option<Match> {
        if let Some([y, m, d]) = self.one_token_parts(i) {
            let year = (y.len() == 4).then(|| y.parse::<i16>().ok()).flatten()?;
            return self.day_match(
                i,
                i + 1,
                Some(year),
                small(m)?,
                small(d)?,
                "date/absolute/iso",
            );
        }
        let (year, j) = self.year_glued(i)?;
        let sep = self.key(j);
        if !matches!(sep, "-" | "/")
            || !self.glued(j)
            || !self.glued(j + 1)
            || !self.glued(j + 2)
            || !self.glued(j + 3)
            || self.key(j + 2) != sep
        {
            return None;
        }
        let month = self.small_number(j + 1)?;
        let day = self.small_number(j + 3)?;
        if self.glued(j + 4) && matches!(self.tokens[j + 4].kind, TokenKind::Number) {
            return None;
        }
        self.day_match(i, j + 4, Some(year), month, day, "date/absolute/iso")
    }

    /// A year that may be followed by glued punctuation (unlike [`Self::year`]).
    fn year_glued(&self, i: usize) -> Option<(i16, usize)> {
        if self.key_bytes(i).len() != 4 {
            return None;
        }
        let year = i16::try_from(self.digits(i, 4)?).ok()?;
        (1000..=2999).contains(&year).then_some((year, i + 1))
    }

    /// "20/9/2023", "9/20/2023", "20.09.2023" under the day/month policy.
    fn numeric(&self, i: usize) -> Option<Match> {
        let (a, b, year, end) = self.numeric_parts(i)?;
        let day_first = match (a > 12, b > 12) {
            (true, true) => return None,
            (true, false) => true,
            (false, true) => false,
            (false, false) => self.options.day_month == DayMonthOrder::DayFirst,
        };
        let (day, month) = if day_first { (a, b) } else { (b, a) };
        self.day_match(i, end, Some(year), month, day, "date/absolute/numeric")
    }

    fn numeric_parts(&self, i: usize) -> Option<(i8, i8, i16, usize)> {
        if let Some([a, b, c]) = self.one_token_parts(i) {
            let year = (c.len() == 4).then(|| c.parse::<i16>().ok()).flatten()?;
            return Some((small(a)?, small(b)?, year, i + 1));
        }
        let a = self.small_number(i)?;
        let sep = self.key(i + 1);
        if !matches!(sep, "/" | "-" | ".")
            || !(1..=4).all(|k| self.glued(i + k))
            || self.key(i + 3) != sep
        {
            return None;
        }
        let b = self.small_number(i + 2)?;
        let (year, end) = self.year_glued(i + 4)?;
        if self.glued(end) && self.tokens[end].kind == TokenKind::Number {
            return None;
        }
        Some((a, b, year, end))
    }

    /// The three digit groups of a number token that holds a whole numeric
    /// date ("20/9/2023", "20.09.2023", "2023/09/20"), as tokenizers may keep
    /// such a date in one token.
    fn one_token_parts(&self, i: usize) -> Option<[&str; 3]> {
        let token = self.tokens.get(i)?;
        if token.kind != TokenKind::Number {
            return None;
        }
        let key = self.key(i);
        let sep = key.bytes().find(|b| !b.is_ascii_digit())?;
        if !matches!(sep, b'/' | b'.' | b'-') {
            return None;
        }
        let mut parts = key.split(sep as char);
        let groups = [parts.next()?, parts.next()?, parts.next()?];
        let digits = groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
        (parts.next().is_none() && digits).then_some(groups)
    }

    /// "in 2023", "since 1999": a year after a preposition, only when
    /// [`DateOptions::bare_years`] asks for it.
    fn bare_year(&self, i: usize) -> Option<Match> {
        if !self.options.bare_years || i == 0 || !lexicon::is_month_cue(self.key(i - 1)) {
            return None;
        }
        let (year, end) = self.year(i)?;
        // "in 2023-24" is a season, "in 2023 2024" a list of numbers.
        if self.glued(end) && matches!(self.key_bytes(end), b"-" | b"/")
            || self
                .tokens
                .get(end)
                .is_some_and(|t| t.kind == TokenKind::Number)
        {
            return None;
        }
        Some(Match {
            first: i,
            end,
            anchor: i,
            expr: Expr::Year(year),
            rule: "date/absolute/year",
        })
    }

    /// Expressions counted from the document date.
    fn relative(&self, i: usize) -> Option<Match> {
        self.deictic(i)
            .or_else(|| self.shifted(i))
            .or_else(|| self.ago(i))
            .or_else(|| self.bare_weekday(i))
    }

    /// Extends `end` over a part of the day ("Tuesday night").
    fn part_of_day(&self, end: usize) -> usize {
        if lexicon::is_part_of_day(self.key(end)) {
            end + 1
        } else {
            end
        }
    }

    /// "yesterday", "today", "tomorrow", "tonight", "earlier today".
    fn deictic(&self, i: usize) -> Option<Match> {
        let hedge = matches!(self.key_bytes(i), b"earlier" | b"later");
        let head = if hedge { i + 1 } else { i };
        // "USA Today", "Russia Today": a capitalized day word after a
        // capitalized word is the end of a name.
        let named = |k: usize| {
            self.tokens.get(k).is_some_and(|t| {
                t.kind == TokenKind::Word && matches!(t.shape, Shape::Capitalized | Shape::AllCaps)
            })
        };
        if !hedge && head > 0 && self.shape(head) != Some(Shape::Lower) && named(head - 1) {
            return None;
        }
        let days = match self.key_bytes(head) {
            b"yesterday" => -1,
            b"today" | b"tonight" => 0,
            b"tomorrow" => 1,
            _ => return None,
        };
        let end = if self.is(head, "tonight") {
            head + 1
        } else {
            self.part_of_day(head + 1)
        };
        Some(Match {
            first: i,
            end,
            anchor: head,
            expr: Expr::Days(days),
            rule: "date/relative/deictic",
        })
    }

    /// "last week", "next month", "earlier this year", "last Tuesday",
    /// "next March", "mid-September", "late last year", "last night".
    fn shifted(&self, i: usize) -> Option<Match> {
        let mut j = i;
        let mut hedged = false;
        if matches!(
            self.key_bytes(j),
            b"early" | b"earlier" | b"late" | b"later" | b"mid"
        ) {
            hedged = true;
            j += 1;
            if self.is(j, "-") && self.glued(j) {
                j += 1;
            }
        }
        let shift = match self.key_bytes(j) {
            b"last" => Shift::Last,
            b"next" => Shift::Next,
            b"this" => Shift::This,
            _ if hedged => return self.hedged(i, j),
            _ => return None,
        };
        let head = j + 1;
        let step = match shift {
            Shift::Last => -1,
            Shift::Next => 1,
            _ => 0,
        };
        let matched = |end, expr, rule| {
            Some(Match {
                first: i,
                end,
                anchor: head,
                expr,
                rule,
            })
        };
        if let Some((unit, false)) = lexicon::unit(self.key(head)) {
            let expr = match unit {
                Unit::Day => return None,
                Unit::Week => Expr::Weeks(step),
                Unit::Month => Expr::Months(step),
                Unit::Year => Expr::Years(step),
            };
            return matched(head + 1, expr, "date/relative/unit");
        }
        if !hedged {
            match (shift, self.key(head)) {
                (Shift::Last, "night") => {
                    return matched(head + 1, Expr::Days(-1), "date/relative/deictic");
                }
                (Shift::This, "morning" | "afternoon" | "evening") => {
                    return matched(head + 1, Expr::Days(0), "date/relative/deictic");
                }
                _ => {}
            }
            if let Some((weekday, end)) = self.weekday(head, false) {
                return matched(
                    self.part_of_day(end),
                    Expr::Weekday { weekday, shift },
                    "date/relative/weekday",
                );
            }
        }
        let (month, end, abbrev) = self.month(head)?;
        if abbrev || self.shape(head) != Some(Shape::Capitalized) || self.day(end).is_some() {
            return None;
        }
        matched(
            end,
            Expr::Month {
                year: None,
                month,
                shift,
            },
            "date/relative/month",
        )
    }

    /// A hedge at `i` ("early", "mid-", "late") before a year or a month at
    /// `j` with no shift word: "early 2024", "mid-2023", "mid-September",
    /// "late September 2023".
    fn hedged(&self, i: usize, j: usize) -> Option<Match> {
        // "early 2024", "mid-2023": a year with a modifier is a date.
        if matches!(self.key_bytes(i), b"early" | b"mid" | b"late")
            && let Some((year, end)) = self.year(j)
        {
            return Some(Match {
                first: i,
                end,
                anchor: j,
                expr: Expr::Year(year),
                rule: "date/absolute/year-part",
            });
        }
        let month = self
            .month_first(j)
            .filter(|m| matches!(m.expr, Expr::Month { .. }));
        let month = month.or_else(|| {
            let (month, end, abbrev) = self.month(j)?;
            (!abbrev && self.shape(j) == Some(Shape::Capitalized)).then_some(Match {
                first: j,
                end,
                anchor: j,
                expr: Expr::Month {
                    year: None,
                    month,
                    shift: Shift::Bare,
                },
                rule: "date/absolute/month",
            })
        })?;
        Some(Match { first: i, ..month })
    }

    /// "two days ago", "3 weeks ago", "a year ago", "a few days ago".
    fn ago(&self, i: usize) -> Option<Match> {
        let mut j = i;
        let mut count = None;
        let mut vague = false;
        if self.is(j, "a") && self.is(j + 1, "couple") && self.is(j + 2, "of") {
            count = Some(2);
            j += 3;
        } else if self.is(j, "a") && lexicon::is_vague_quantity(self.key(j + 1))
            || lexicon::is_vague_quantity(self.key(j))
        {
            vague = true;
            j += if self.is(j, "a") { 2 } else { 1 };
        } else if let Some(n) = lexicon::cardinal(self.key(j)) {
            count = Some(n);
            j += 1;
            // "seventy-four": the tokenizer makes the hyphen a token.
            let unit = (1..=9).contains(&lexicon::cardinal(self.key(j + 1)).unwrap_or(0));
            if lexicon::tens(self.key(j - 1)).is_some()
                && self.key(j) == "-"
                && self.glued(j)
                && self.glued(j + 1)
                && unit
            {
                count = Some(n + lexicon::cardinal(self.key(j + 1)).unwrap_or(0));
                j += 2;
            }
        } else if let Some(n) = self.number(j) {
            count = Some(n);
            j += 1;
        }
        let (unit, plural) = lexicon::unit(self.key(j))?;
        // "years ago" with no count at all is a manner of speaking, not a date.
        if !self.is(j + 1, "ago") || count.is_none() && !vague || count == Some(1) && plural {
            return None;
        }
        let expr = match count {
            None => Expr::Vague,
            Some(n) => match unit {
                Unit::Day => Expr::Days(-n),
                Unit::Week => Expr::Days(-7 * n),
                Unit::Month => Expr::Months(-n),
                Unit::Year => Expr::Years(-n),
            },
        };
        Some(Match {
            first: i,
            end: j + 2,
            anchor: j,
            expr,
            rule: "date/relative/ago",
        })
    }

    /// A plain count in digits, up to three of them.
    fn number(&self, i: usize) -> Option<i32> {
        self.digits(i, 3)
    }

    /// "Tuesday", "Tuesday night".
    fn bare_weekday(&self, i: usize) -> Option<Match> {
        let (weekday, end) = self.weekday(i, false)?;
        // "Fox News Sunday", "Super Tuesday": a weekday after a capitalized
        // content word ends a name. News style puts the weekday after the
        // verb ("Obama said Tuesday"), never straight after a name.
        let named = i > 0 && {
            let before = &self.tokens[i - 1];
            before.kind == TokenKind::Word
                && matches!(before.shape, Shape::Capitalized | Shape::AllCaps)
                && !lexicon::is_function_word(self.word(i - 1))
        };
        if named {
            return None;
        }
        Some(Match {
            first: i,
            end: self.part_of_day(end),
            anchor: i,
            expr: Expr::Weekday {
                weekday,
                shift: Shift::Bare,
            },
            rule: "date/relative/weekday",
        })
    }
}

/// One or two digits, as a number.
fn small(digits: &str) -> Option<i8> {
    (!digits.is_empty() && digits.len() <= 2)
        .then(|| digits.parse().ok())
        .flatten()
}
