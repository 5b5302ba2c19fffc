//! DATE recognition and resolution, against a fixed document date:
//! Thursday 21 September 2023. Every sentence here is written for the test.

use herald::Span;
use herald::entity::date::{
    DateMention, DateOptions, DayMonthOrder, document_date, find_dates, find_dates_with,
};
use herald::text::{Dateline, split_sentences, tokenize};
use jiff::civil::{Date, date};

const DOC: Date = date(2023, 9, 21);

fn dates_in(text: &str, doc: Option<Date>) -> Vec<DateMention> {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    find_dates(text, &tokens, &sentences, doc)
}

fn pairs<'t>(text: &'t str, found: &[DateMention]) -> Vec<(&'t str, Option<String>)> {
    found
        .iter()
        .map(|m| (&text[m.span], m.value.map(|v| v.to_string())))
        .collect()
}

/// (name, sentence, every expected mention as (span text, value)).
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, Option<&'static str>)],
);

const CASES: &[Case] = &[
    // Absolute dates.
    (
        "month_day_year",
        "The accord was signed on September 20, 2023, in Geneva.",
        &[("September 20, 2023", Some("2023-09-20"))],
    ),
    (
        "abbreviated_month_with_period",
        "Ministers met on Sept. 20, 2023.",
        &[("Sept. 20, 2023", Some("2023-09-20"))],
    ),
    (
        "abbreviated_month_without_period_or_comma",
        "The vote took place Sep 20 2023 after delays.",
        &[("Sep 20 2023", Some("2023-09-20"))],
    ),
    (
        "day_month_year",
        "The summit opened on 20 September 2023.",
        &[("20 September 2023", Some("2023-09-20"))],
    ),
    (
        "month_day_takes_document_year",
        "Delegates arrived on September 20.",
        &[("September 20", Some("2023-09-20"))],
    ),
    (
        "day_month_takes_document_year",
        "Elections are due on 12 October.",
        &[("12 October", Some("2023-10-12"))],
    ),
    (
        "abbreviated_month_day",
        "The envoy left on Sept. 19 for Cairo.",
        &[("Sept. 19", Some("2023-09-19"))],
    ),
    (
        "abbreviated_month_without_period_after_on",
        "Negotiators meet on Sept 20 in Oslo.",
        &[("Sept 20", Some("2023-09-20"))],
    ),
    (
        "day_then_abbreviated_month",
        "He was detained on 2 Aug. in Basra.",
        &[("2 Aug.", Some("2023-08-02"))],
    ),
    (
        "ordinal_suffix",
        "Talks resume Sept. 20th in Doha.",
        &[("Sept. 20th", Some("2023-09-20"))],
    ),
    (
        "the_ordinal_of_month",
        "The ceasefire began on the 20th of September.",
        &[("the 20th of September", Some("2023-09-20"))],
    ),
    (
        "the_ordinal_of_month_with_year",
        "It ended on the 3rd of March, 2021.",
        &[("the 3rd of March, 2021", Some("2021-03-03"))],
    ),
    (
        "month_year_has_month_precision",
        "Inflation peaked in September 2022.",
        &[("September 2022", Some("2022-09"))],
    ),
    (
        "month_of_year",
        "The mine closed in June of 2019.",
        &[("June of 2019", Some("2019-06"))],
    ),
    (
        "iso_date",
        "The filing is dated 2023-09-20 and sealed.",
        &[("2023-09-20", Some("2023-09-20"))],
    ),
    (
        "numeric_first_number_above_twelve_is_day",
        "The decree of 20/9/2023 remains in force.",
        &[("20/9/2023", Some("2023-09-20"))],
    ),
    (
        "numeric_second_number_above_twelve_is_day",
        "A memo dated 9/20/2023 was leaked.",
        &[("9/20/2023", Some("2023-09-20"))],
    ),
    (
        "numeric_ambiguous_is_day_first_by_default",
        "The letter dated 4/9/2023 surfaced.",
        &[("4/9/2023", Some("2023-09-04"))],
    ),
    (
        "numeric_with_dots",
        "Der Vertrag vom 20.09.2023 gilt.",
        &[("20.09.2023", Some("2023-09-20"))],
    ),
    (
        "weekday_then_date",
        "The cabinet met Wednesday, September 20, to discuss the budget.",
        &[("Wednesday, September 20", Some("2023-09-20"))],
    ),
    (
        "abbreviated_weekday_then_date",
        "Polls close Wed., Sept. 20, at noon.",
        &[("Wed., Sept. 20", Some("2023-09-20"))],
    ),
    (
        "weekday_then_day_month",
        "Voters return on Sunday 1 October.",
        &[("Sunday 1 October", Some("2023-10-01"))],
    ),
    (
        "capitalized_may_with_day",
        "The law took effect on May 5.",
        &[("May 5", Some("2023-05-05"))],
    ),
    (
        "month_after_preposition_past",
        "Exports fell sharply in March.",
        &[("March", Some("2023-03"))],
    ),
    (
        "later_bare_month_takes_document_year",
        "Voters go to the polls in November.",
        &[("November", Some("2023-11"))],
    ),
    (
        "month_day_of_last_year",
        "The journey began on June 16th of last year in Texas.",
        &[("June 16th of last year", Some("2022-06-16"))],
    ),
    (
        "month_last_year",
        "The strike began in June last year.",
        &[("June last year", Some("2022-06"))],
    ),
    (
        "month_of_this_year",
        "He courted controversy in January of this year.",
        &[("January of this year", Some("2023-01"))],
    ),
    (
        "day_range_in_month",
        "The summit runs September 20-21 in Vienna.",
        &[("September 20-21", Some("2023-09-20"))],
    ),
    (
        "day_range_before_month_with_year",
        "Observers were present on 4–5 March 2022.",
        &[("4–5 March 2022", Some("2022-03-04"))],
    ),
    (
        "year_with_modifier",
        "Construction should finish in early 2025 or mid-2026.",
        &[("early 2025", Some("2025")), ("mid-2026", Some("2026"))],
    ),
    (
        "compound_number_word_ago",
        "Seventy-four years ago, a battle raged here.",
        &[("Seventy-four years ago", Some("1949"))],
    ),
    (
        "years_ago_without_a_count_is_not_a_date",
        "He began the feud years ago.",
        &[],
    ),
    (
        "future_yearless_date_before_document_date_is_next_year",
        "The new president will take office on Jan. 20.",
        &[("Jan. 20", Some("2024-01-20"))],
    ),
    (
        "past_yearless_date_keeps_document_year",
        "The new president took office on Jan. 20.",
        &[("Jan. 20", Some("2023-01-20"))],
    ),
    (
        "weekday_ending_a_name_is_not_a_date",
        "She appeared on Fox News Sunday to defend the plan.",
        &[],
    ),
    (
        "today_ending_a_name_is_not_a_date",
        "The senator told USA Today about the bill.",
        &[],
    ),
    (
        "capitalized_today_opening_a_sentence_is_a_date",
        "Talks stalled. Today, the envoys left.",
        &[("Today", Some("2023-09-21"))],
    ),
    (
        "earlier_month_in_future_report_is_next_year",
        "Parliament will reconvene in March.",
        &[("March", Some("2024-03"))],
    ),
    (
        "mid_month",
        "Fighting resumed in mid-September.",
        &[("mid-September", Some("2023-09"))],
    ),
    (
        "last_month_name",
        "The port reopened last May.",
        &[("last May", Some("2023-05"))],
    ),
    (
        "next_month_name",
        "The mission ends next March.",
        &[("next March", Some("2024-03"))],
    ),
    // Not dates.
    (
        "lowercase_may_is_a_verb",
        "Officials may meet again soon.",
        &[],
    ),
    (
        "lowercase_march_is_a_verb",
        "Thousands march through the capital each spring.",
        &[],
    ),
    (
        "sentence_initial_may_without_number_is_not_a_month",
        "May the talks succeed, he said.",
        &[],
    ),
    (
        "may_after_a_verb_is_a_person",
        "Reporters asked May about the vote.",
        &[],
    ),
    (
        "year_alone_is_not_a_date",
        "The budget for 2024 was approved.",
        &[],
    ),
    (
        "impossible_day_is_not_a_date",
        "The memo was dated February 30, 2023.",
        &[],
    ),
    (
        "clock_time_is_not_a_day",
        "The train left at 20:30 from Basra.",
        &[],
    ),
    (
        "fraction_without_year_is_not_a_date",
        "The motion passed 9/11 in committee.",
        &[],
    ),
    // Relative days.
    (
        "yesterday",
        "The ministry said yesterday that talks had stalled.",
        &[("yesterday", Some("2023-09-20"))],
    ),
    (
        "today",
        "The court rules today on the appeal.",
        &[("today", Some("2023-09-21"))],
    ),
    (
        "tomorrow",
        "Voting ends tomorrow.",
        &[("tomorrow", Some("2023-09-22"))],
    ),
    (
        "yesterday_morning",
        "Shelling resumed yesterday morning.",
        &[("yesterday morning", Some("2023-09-20"))],
    ),
    (
        "last_night",
        "Explosions were heard last night near the airport.",
        &[("last night", Some("2023-09-20"))],
    ),
    (
        "two_days_ago",
        "The convoy left two days ago.",
        &[("two days ago", Some("2023-09-19"))],
    ),
    (
        "digits_days_ago",
        "The ship sank 3 days ago.",
        &[("3 days ago", Some("2023-09-18"))],
    ),
    (
        "a_week_ago",
        "He resigned a week ago.",
        &[("a week ago", Some("2023-09-14"))],
    ),
    (
        "two_months_ago",
        "The dam burst two months ago.",
        &[("two months ago", Some("2023-07"))],
    ),
    (
        "a_year_ago",
        "The mayor took office a year ago.",
        &[("a year ago", Some("2022"))],
    ),
    (
        "vague_count_has_no_value",
        "She returned a few days ago.",
        &[("a few days ago", None)],
    ),
    (
        "a_couple_of_days_ago",
        "The convoy left a couple of days ago.",
        &[("a couple of days ago", Some("2023-09-19"))],
    ),
    (
        "determiners_open_only_their_shapes",
        "A court in the capital heard an appeal on the 5-7 of September.",
        &[("the 5-7 of September", Some("2023-09-05"))],
    ),
    (
        "next_month",
        "Elections are due next month.",
        &[("next month", Some("2023-10"))],
    ),
    (
        "last_year",
        "The treaty expired last year.",
        &[("last year", Some("2022"))],
    ),
    (
        "earlier_this_month",
        "Prices rose earlier this month.",
        &[("earlier this month", Some("2023-09"))],
    ),
    (
        "later_this_year",
        "A census is planned for later this year.",
        &[("later this year", Some("2023"))],
    ),
    (
        "last_week_is_an_iso_week",
        "The embassy reopened last week.",
        &[("last week", Some("2023-W37"))],
    ),
    (
        "next_week_is_an_iso_week",
        "Inspectors return next week.",
        &[("next week", Some("2023-W39"))],
    ),
    // Weekdays.
    (
        "past_weekday_is_latest_before",
        "The envoy arrived on Wednesday.",
        &[("Wednesday", Some("2023-09-20"))],
    ),
    (
        "past_weekday_earlier_in_week",
        "The strike began on Monday.",
        &[("Monday", Some("2023-09-18"))],
    ),
    (
        "past_weekday_after_document_weekday_goes_back_a_week",
        "The rally was held on Friday.",
        &[("Friday", Some("2023-09-15"))],
    ),
    (
        "past_weekday_equal_to_document_date",
        "The leaders spoke on Thursday.",
        &[("Thursday", Some("2023-09-21"))],
    ),
    (
        "future_weekday_with_will",
        "The committee will meet on Tuesday.",
        &[("Tuesday", Some("2023-09-26"))],
    ),
    (
        "future_weekday_with_scheduled",
        "A vote is scheduled for Friday.",
        &[("Friday", Some("2023-09-22"))],
    ),
    (
        "future_weekday_with_to_be_held",
        "Talks are to be held on Monday.",
        &[("Monday", Some("2023-09-25"))],
    ),
    (
        "future_weekday_with_contraction",
        "They'll sign the deal on Saturday.",
        &[("Saturday", Some("2023-09-23"))],
    ),
    (
        "future_weekday_with_ahead_of",
        "Parties campaigned hard ahead of Sunday's vote.",
        &[("Sunday", Some("2023-09-24"))],
    ),
    (
        "future_cue_after_fronted_weekday",
        "On Saturday, the president will address the nation.",
        &[("Saturday", Some("2023-09-23"))],
    ),
    (
        "reporting_verb_after_fronted_weekday_is_past",
        "On Tuesday, the minister said he will resign.",
        &[("Tuesday", Some("2023-09-19"))],
    ),
    (
        "future_weekday_equal_to_document_date",
        "The panel will meet on Thursday.",
        &[("Thursday", Some("2023-09-21"))],
    ),
    (
        "last_weekday",
        "Protesters gathered last Tuesday.",
        &[("last Tuesday", Some("2023-09-19"))],
    ),
    (
        "next_weekday",
        "Results are expected next Tuesday.",
        &[("next Tuesday", Some("2023-09-26"))],
    ),
    (
        "next_weekday_skips_document_date",
        "The court sits again next Thursday.",
        &[("next Thursday", Some("2023-09-28"))],
    ),
    (
        "last_weekday_skips_document_date",
        "The court last sat last Thursday.",
        &[("last Thursday", Some("2023-09-14"))],
    ),
    (
        "this_weekday_in_past_report",
        "Negotiators met this Tuesday.",
        &[("this Tuesday", Some("2023-09-19"))],
    ),
    (
        "weekday_with_part_of_day",
        "Rockets struck the town Tuesday night.",
        &[("Tuesday night", Some("2023-09-19"))],
    ),
    (
        "weekday_possessive",
        "Sunday's vote was peaceful.",
        &[("Sunday", Some("2023-09-17"))],
    ),
    (
        "two_mentions_in_one_sentence",
        "Talks began on Monday and ended on Wednesday.",
        &[
            ("Monday", Some("2023-09-18")),
            ("Wednesday", Some("2023-09-20")),
        ],
    ),
    // Datelines.
    (
        "dateline_date",
        "BAGHDAD, September 21 — The minister arrived on Wednesday.",
        &[
            ("September 21", Some("2023-09-21")),
            ("Wednesday", Some("2023-09-20")),
        ],
    ),
    (
        "dateline_with_region_and_agency",
        "SPRINGFIELD, Ill., Sept. 20 (Reuters) - Flooding closed roads.",
        &[("Sept. 20", Some("2023-09-20"))],
    ),
    (
        "dateline_with_weekday",
        "KABUL, Thursday, Sept. 21 — Schools reopened.",
        &[("Thursday, Sept. 21", Some("2023-09-21"))],
    ),
];

#[test]
fn expressions_resolve_against_the_document_date() {
    let mut failures = Vec::new();
    for &(name, text, expected) in CASES {
        let found = dates_in(text, Some(DOC));
        let got = pairs(text, &found);
        let want: Vec<(&str, Option<String>)> = expected
            .iter()
            .map(|&(s, v)| (s, v.map(str::to_string)))
            .collect();
        if got != want {
            failures.push(format!(
                "{name}: {text:?}\n   expected {want:?}\n   got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn case_table_covers_at_least_forty_expressions() {
    let expressions: usize = CASES.iter().map(|(_, _, expected)| expected.len()).sum();
    assert!(expressions >= 40, "only {expressions} expressions");
}

#[test]
fn rules_and_relative_flags_name_their_origin() {
    let text = "BAGHDAD, September 21 — Envoys met on Wednesday, a week after talks on September 13, 2023.";
    let found = dates_in(text, Some(DOC));
    let got: Vec<(&str, &str, bool)> = found
        .iter()
        .map(|m| (&text[m.span], m.rule, m.relative))
        .collect();
    assert_eq!(
        got,
        [
            ("September 21", "date/dateline", false),
            ("Wednesday", "date/relative/weekday", true),
            ("September 13, 2023", "date/absolute/month-day-year", false),
        ]
    );
}

#[test]
fn month_first_order_reads_ambiguous_numeric_dates_as_us_dates() {
    let cases = [
        ("4/9/2023", "2023-04-09"),
        ("20/9/2023", "2023-09-20"),
        ("9/20/2023", "2023-09-20"),
    ];
    let mut options = DateOptions::default();
    options.day_month = DayMonthOrder::MonthFirst;
    for (numeric, expected) in cases {
        let text = format!("The order dated {numeric} was published.");
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        let found = find_dates_with(&text, &tokens, &sentences, None, &options);
        assert_eq!(
            pairs(&text, &found),
            [(numeric, Some(expected.to_string()))],
            "{numeric}"
        );
    }
}

#[test]
fn bare_years_after_a_preposition_are_dates_only_when_asked() {
    let text = "Output grew in 2021, fell 2022 units and stayed flat since 2019.";
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    assert_eq!(find_dates(text, &tokens, &sentences, Some(DOC)), []);
    let mut options = DateOptions::default();
    options.bare_years = true;
    let found = find_dates_with(text, &tokens, &sentences, Some(DOC), &options);
    assert_eq!(
        pairs(text, &found),
        [
            ("2021", Some("2021".to_string())),
            ("2019", Some("2019".to_string()))
        ]
    );
}

#[test]
fn values_that_need_a_document_date_are_none_without_one() {
    let text = "Troops withdrew on Tuesday, on September 20 and on September 20, 2023.";
    let found = dates_in(text, None);
    assert_eq!(
        pairs(text, &found),
        [
            ("Tuesday", None),
            ("September 20", None),
            ("September 20, 2023", Some("2023-09-20".to_string()))
        ]
    );
}

fn resolved(text: &str, given: Option<Date>) -> Option<Date> {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    document_date(text, &tokens, &sentences, given)
}

#[test]
fn document_date_resolution_order() {
    let cases: &[(&str, &str, Option<Date>, Option<Date>)] = &[
        (
            "caller_date_wins_over_dateline",
            "BAGHDAD, September 21, 2023 — Talks ended.",
            Some(date(2024, 1, 5)),
            Some(date(2024, 1, 5)),
        ),
        (
            "dateline_with_year_wins_over_later_text_date",
            "WASHINGTON, Sept. 20, 2023 — A hearing is set for October 2, 2023.",
            None,
            Some(date(2023, 9, 20)),
        ),
        (
            "dateline_without_year_takes_year_from_signature",
            "Envoys meet at the UN\n\nBAGHDAD, September 21 — The minister met envoys on Wednesday.\n\nSeptember 20, 2023",
            None,
            Some(date(2023, 9, 21)),
        ),
        (
            "dateline_year_is_nearest_the_latest_text_date",
            "KYIV, January 2 — Shelling continued after talks on December 30, 2023.",
            None,
            Some(date(2024, 1, 2)),
        ),
        (
            "dateline_with_weekday_and_year",
            "KABUL, Thursday, Sept. 21, 2023 — Schools reopened on October 2, 2023.",
            None,
            Some(date(2023, 9, 21)),
        ),
        (
            "latest_full_date_without_dateline",
            "Talks began on March 3, 2024 and ended on March 5, 2024.",
            None,
            Some(date(2024, 3, 5)),
        ),
        (
            "latest_full_date_in_iso_numeric_or_ordinal_form",
            "The memo of 2024-02-10 cites a 3/2/2024 letter and the 9th of February, 2024 hearing.",
            None,
            Some(date(2024, 2, 10)),
        ),
        (
            "year_less_and_relative_dates_do_not_set_the_document_date",
            "Talks ended on March 5 and resume next week; a deal was signed in 2019.",
            None,
            None,
        ),
        (
            "dateline_without_year_or_text_date_gives_none",
            "BAGHDAD, September 21 — The minister met envoys.",
            None,
            None,
        ),
        (
            "no_date_at_all_gives_none",
            "The minister met envoys on Wednesday.",
            None,
            None,
        ),
        (
            "place_not_at_line_start_is_not_a_dateline",
            "He said BAGHDAD, March 2 - was chosen. It was filed May 1, 2020.",
            None,
            Some(date(2020, 5, 1)),
        ),
    ];
    for &(name, text, given, expected) in cases {
        assert_eq!(resolved(text, given), expected, "{name}: {text:?}");
    }
}

#[test]
fn dateline_from_sentence_splitter_is_used() {
    // No dash, so only the splitter's dateline marks "June 3" as the filing date.
    let text = "PARIS, June 3 The talks ended. Signed June 1, 2022.";
    let tokens = tokenize(text);
    let mut sentences = split_sentences(text, &tokens);
    assert_eq!(resolved(text, None), Some(date(2022, 6, 1)));
    sentences[0].dateline = Some(Dateline {
        place: Span::new(0, 5),
        date: Some(Span::new(7, 13)),
        span: Span::new(0, 13),
    });
    assert_eq!(
        document_date(text, &tokens, &sentences, None),
        Some(date(2022, 6, 3))
    );
    let found = find_dates(text, &tokens, &sentences, Some(date(2022, 6, 3)));
    assert_eq!(found[0].rule, "date/dateline");
}

#[test]
fn junk_input_does_not_panic() {
    let inputs = [
        "",
        " ",
        "—",
        "September",
        "Sept.",
        "Sept. .",
        "the",
        "the 20th of",
        "a couple of",
        "a few",
        "last",
        "next next next",
        "31 31 31/31/31",
        "99/99/9999",
        "0/0/0000",
        "2023-",
        "2023-09-",
        "2023-13-45",
        "9999-99-99",
        "February 29",
        "February 29, 2023",
        "BAGHDAD",
        "NEW YORK",
        "BAGHDAD,",
        "BAGHDAD, September",
        "BAGHDAD, September 21 (",
        "1000000000000000000000000 days ago",
        "999 years ago",
        "😀 Tuesday 😀 September 20 😀",
        "Wed., Wed., Wed.,",
        "\n\n\nKYIV, December 31 —\n",
    ];
    for input in inputs {
        for doc in [None, Some(DOC), Some(Date::MIN), Some(Date::MAX)] {
            let found = dates_in(input, doc);
            for m in &found {
                assert!(
                    m.span.end <= input.len() && input.is_char_boundary(m.span.start),
                    "{input:?}"
                );
            }
        }
        assert_resolution(input);
    }
}

/// A caller's date is the document date whatever the text; without one,
/// a document date comes only from a full date the text spells out, so its
/// year is written there (a dateline without a year takes the year of such
/// a date, or the one before or after it, whichever lands nearest).
fn assert_resolution(text: &str) {
    for given in [DOC, Date::MIN, Date::MAX] {
        assert_eq!(resolved(text, Some(given)), Some(given), "{text:?}");
    }
    if let Some(found) = resolved(text, None) {
        let year = i32::from(found.year());
        assert!(
            (year - 1..=year + 1).any(|y| text.contains(&y.to_string())),
            "{text:?} dated {found}, but no year near it is written"
        );
    }
}

#[test]
fn spans_are_ordered_and_disjoint() {
    let text = "On Monday, two days ago, talks that began on 2023-09-01 and ended Wed., Sept. 20 resumed; next week, next month and last year too.";
    let found = dates_in(text, Some(DOC));
    assert_eq!(found.len(), 7, "{:?}", pairs(text, &found));
    for pair in found.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start);
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::proptest_config(256))]

        #[test]
        fn arbitrary_text_yields_valid_ordered_spans(text in "\\PC{0,200}") {
            let found = dates_in(&text, Some(DOC));
            let mut last = 0;
            for m in &found {
                prop_assert!(m.span.start >= last && m.span.start < m.span.end && m.span.end <= text.len());
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                last = m.span.end;
            }
            assert_resolution(&text);
        }

        #[test]
        fn date_like_word_soup_yields_valid_spans_and_resolutions(words in proptest::collection::vec(prop::sample::select(vec![
            "September", "Sept", ".", ",", "20", "20th", "2023", "-", "/", "09", "Wednesday", "Wed", "the", "of",
            "last", "next", "this", "week", "days", "ago", "a", "few", "BAGHDAD", "—", "(", ")", "Reuters", "\n", "mid", "in",
            "March", "may", "will", "said", "31", "13", "0",
        ]), 0..30)) {
            let text = words.join(" ");
            let glued = words.concat();
            for t in [&text, &glued] {
                for doc in [None, Some(DOC), Some(Date::MAX)] {
                    let mut last = 0;
                    for m in dates_in(t, doc) {
                        prop_assert!(m.span.start >= last && m.span.start < m.span.end, "{:?}: {:?}", t, m);
                        prop_assert!(t.is_char_boundary(m.span.start) && t.is_char_boundary(m.span.end));
                        last = m.span.end;
                    }
                }
                assert_resolution(t);
            }
        }
    }
}
