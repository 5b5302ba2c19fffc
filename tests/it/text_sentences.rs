//! Table tests for the sentence splitter and dateline detection.

use herald::text::{split_sentences, tokenize};

fn sentences(text: &str) -> Vec<&str> {
    let tokens = tokenize(text);
    split_sentences(text, &tokens)
        .iter()
        .map(|s| &text[s.span])
        .collect()
}

fn check(cases: &[(&str, &str, &[&str])]) {
    for &(name, input, expected) in cases {
        assert_eq!(sentences(input), expected, "case {name:?}: {input:?}");
    }
}

#[test]
fn ordinary_sentence_ends() {
    check(&[
        (
            "period",
            "Talks began. They ended.",
            &["Talks began.", "They ended."],
        ),
        (
            "question and exclamation",
            "Will he come? Yes! He will.",
            &["Will he come?", "Yes!", "He will."],
        ),
        (
            "number after period",
            "Talks began in 2023. 15 people came.",
            &["Talks began in 2023.", "15 people came."],
        ),
        (
            "lowercase after period does not end",
            "It cost 3.5 per cent. and more",
            &["It cost 3.5 per cent. and more"],
        ),
        ("no final punctuation", "Talks began", &["Talks began"]),
        ("empty", "", &[]),
        ("only whitespace", " \n\n ", &[]),
        (
            "ellipsis before capital",
            "He paused... Then he left.",
            &["He paused...", "Then he left."],
        ),
        (
            "ellipsis before a quoted capital",
            "He paused... “Then we left,” he said.",
            &["He paused...", "“Then we left,” he said."],
        ),
        (
            "ellipsis before lowercase",
            "He paused… and left.",
            &["He paused… and left."],
        ),
        (
            "arabic question mark",
            "هل سيأتي؟ نعم.",
            &["هل سيأتي؟", "نعم."],
        ),
        (
            "cjk full stop",
            "会談した。 首相は",
            &["会談した。", "首相は"],
        ),
    ]);
}

#[test]
fn abbreviations_and_sentence_ends() {
    check(&[
        (
            "title before a name",
            "Mr. Stoltenberg arrived.",
            &["Mr. Stoltenberg arrived."],
        ),
        (
            "titles in a row",
            "Lt. Gen. Smith and Dr. Jones met St. Petersburg officials.",
            &["Lt. Gen. Smith and Dr. Jones met St. Petersburg officials."],
        ),
        (
            "initialism then a sentence starter",
            "He arrived in the U.S. The talks began.",
            &["He arrived in the U.S.", "The talks began."],
        ),
        (
            "initialism then a name-like word",
            "He met U.S. President Joe Biden.",
            &["He met U.S. President Joe Biden."],
        ),
        (
            "initialism then a name",
            "He spoke at the U.N. Security Council.",
            &["He spoke at the U.N. Security Council."],
        ),
        (
            "initialism at the end",
            "He left the U.S.",
            &["He left the U.S."],
        ),
        (
            "initialism before opening quote",
            "He left the U.S. “It was good,” he said.",
            &["He left the U.S.", "“It was good,” he said."],
        ),
        (
            "month before a day",
            "On Jan. 5 they met.",
            &["On Jan. 5 they met."],
        ),
        (
            "company then starter",
            "He joined Acme Inc. He left in May.",
            &["He joined Acme Inc.", "He left in May."],
        ),
        (
            "initial in a name",
            "George W. Bush spoke.",
            &["George W. Bush spoke."],
        ),
        (
            "time then starter",
            "They met at 9 a.m. Then they ate.",
            &["They met at 9 a.m.", "Then they ate."],
        ),
        (
            "initialism before hyphen",
            "The U.S.-led talks ended.",
            &["The U.S.-led talks ended."],
        ),
    ]);
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    check(&[
        (
            "curly quote",
            "“We agree.” Then he left.",
            &["“We agree.”", "Then he left."],
        ),
        (
            "straight quote",
            "\"We agree.\" Then he left.",
            &["\"We agree.\"", "Then he left."],
        ),
        (
            "bracket",
            "(He had left.) Then talks began.",
            &["(He had left.)", "Then talks began."],
        ),
        (
            "quote and bracket",
            "He said (“no.”) Then he left.",
            &["He said (“no.”)", "Then he left."],
        ),
        (
            "question then attribution",
            "“Will you come?” he asked.",
            &["“Will you come?” he asked."],
        ),
        (
            "single quotes",
            "He said ‘no.’ Then he left.",
            &["He said ‘no.’", "Then he left."],
        ),
        (
            "spaced quote ending its line",
            "He said: \"It is too little. \"\nThe report went on.",
            &["He said: \"It is too little. \"", "The report went on."],
        ),
        (
            "spaced quote ending the text",
            "He said: “It is too little. ”",
            &["He said: “It is too little. ”"],
        ),
        (
            "spaced quote opening the next sentence",
            "He left. \"We stay,\" she said.",
            &["He left.", "\"We stay,\" she said."],
        ),
    ]);
}

#[test]
fn headlines_and_paragraphs() {
    check(&[
        (
            "blank line",
            "First paragraph\n\nSecond paragraph",
            &["First paragraph", "Second paragraph"],
        ),
        ("blank line with spaces", "One\n  \nTwo", &["One", "Two"]),
        (
            "windows line ends",
            "Headline here\r\n\r\nBody text.",
            &["Headline here", "Body text."],
        ),
        (
            "headline then body on the next line",
            "Iraq and NATO agree to deepen ties\nThe two sides met.",
            &["Iraq and NATO agree to deepen ties", "The two sides met."],
        ),
        (
            "wrapped line continues in lowercase",
            "The minister said the talks\nwould go on.",
            &["The minister said the talks\nwould go on."],
        ),
        (
            "wrapped line after a function word",
            "He met the\nPresident today.",
            &["He met the\nPresident today."],
        ),
        (
            "wrapped line after a comma",
            "He met Mr. Smith,\nMs. Jones and others.",
            &["He met Mr. Smith,\nMs. Jones and others."],
        ),
        (
            "line ending with a title",
            "He met Mr.\nSmith.",
            &["He met Mr.\nSmith."],
        ),
        (
            "blank line after a title",
            "Talks with Mr.\n\nNext part",
            &["Talks with Mr.", "Next part"],
        ),
        (
            "headline ending in a quote",
            "PM says “no deal”\nTalks ended.",
            &["PM says “no deal”", "Talks ended."],
        ),
        ("paragraph separator", "One\u{2029}Two", &["One", "Two"]),
    ]);
}

#[test]
fn datelines_stay_with_their_sentence() {
    let cases: &[(&str, &str, &str, Option<&str>, &str)] = &[
        // (name, input, place, date, dateline)
        (
            "place and date",
            "BAGHDAD, September 21 — The prime minister spoke.",
            "BAGHDAD",
            Some("September 21"),
            "BAGHDAD, September 21 —",
        ),
        (
            "agency",
            "WASHINGTON (Reuters) - Officials met.",
            "WASHINGTON",
            None,
            "WASHINGTON (Reuters) -",
        ),
        (
            "region, date and agency",
            "KYIV, Ukraine, March 3 (AP) — Talks resumed.",
            "KYIV",
            Some("March 3"),
            "KYIV, Ukraine, March 3 (AP) —",
        ),
        (
            "two-word place",
            "NEW YORK, Sept. 21, 2023 — Leaders met.",
            "NEW YORK",
            Some("Sept. 21, 2023"),
            "NEW YORK, Sept. 21, 2023 —",
        ),
        (
            "hyphenated place",
            "PORT-AU-PRINCE, Haiti — Aid arrived.",
            "PORT-AU-PRINCE",
            None,
            "PORT-AU-PRINCE, Haiti —",
        ),
        (
            "day before month",
            "LONDON, 21 September 2023 – Ministers met.",
            "LONDON",
            Some("21 September 2023"),
            "LONDON, 21 September 2023 –",
        ),
        (
            "weekday",
            "CAIRO, Tuesday — Talks began.",
            "CAIRO",
            Some("Tuesday"),
            "CAIRO, Tuesday —",
        ),
        (
            "abbreviated place",
            "ST. LOUIS, Mo. — The mayor spoke.",
            "ST. LOUIS",
            None,
            "ST. LOUIS, Mo. —",
        ),
        (
            "two cities",
            "BEIJING/WASHINGTON (Reuters) - Trade talks resumed.",
            "BEIJING/WASHINGTON",
            None,
            "BEIJING/WASHINGTON (Reuters) -",
        ),
        (
            "state abbreviation",
            "SACRAMENTO, Calif. — The governor spoke.",
            "SACRAMENTO",
            None,
            "SACRAMENTO, Calif. —",
        ),
    ];
    for &(name, input, place, date, whole) in cases {
        let tokens = tokenize(input);
        let sentences = split_sentences(input, &tokens);
        assert_eq!(
            sentences.len(),
            1,
            "case {name:?}: one sentence, dateline included"
        );
        assert_eq!(sentences[0].span.start, 0, "case {name:?}");
        let dateline = sentences[0]
            .dateline
            .unwrap_or_else(|| panic!("case {name:?}: no dateline"));
        assert_eq!(&input[dateline.place], place, "case {name:?}");
        assert_eq!(dateline.date.map(|d| &input[d]), date, "case {name:?}");
        assert_eq!(&input[dateline.span], whole, "case {name:?}");
    }
}

#[test]
fn dateline_after_a_headline() {
    let text = "Iraq’s leader invites NATO chief\n\nBAGHDAD, September 21 — Mohammed Shiaa’ Al-Sudani met Mr. Stoltenberg. He invited him to Baghdad.";
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let pieces: Vec<&str> = sentences.iter().map(|s| &text[s.span]).collect();
    assert_eq!(
        pieces,
        [
            "Iraq’s leader invites NATO chief",
            "BAGHDAD, September 21 — Mohammed Shiaa’ Al-Sudani met Mr. Stoltenberg.",
            "He invited him to Baghdad."
        ]
    );
    let datelines: Vec<bool> = sentences.iter().map(|s| s.dateline.is_some()).collect();
    assert_eq!(datelines, [false, true, false]);
}

#[test]
fn no_dateline_where_there_is_none() {
    for text in [
        "NATO said on Tuesday it would meet.",
        "Talks began. BAGHDAD — later.",
        "BAGHDAD is the capital.",
        "NATO, the alliance, met.",
        "The city — BAGHDAD — waited.",
    ] {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        assert!(sentences.iter().all(|s| s.dateline.is_none()), "{text:?}");
    }
}

#[test]
fn bad_input_splits_without_panic() {
    let inputs = [
        String::new(),
        ".".repeat(10_000),
        ". ".repeat(10_000),
        "\n".repeat(10_000),
        "BAGHDAD, ".repeat(5_000),
        "U.S. ".repeat(10_000),
        "“".repeat(10_000),
        "A\n".repeat(10_000),
        // Runs of marks a splitter could rescan from every position.
        "!".repeat(100_000) + " and more",
        ".".to_owned() + &")".repeat(100_000) + " and more",
        "He said?".to_owned() + &"”".repeat(100_000) + " he asked",
    ];
    for input in &inputs {
        let tokens = tokenize(input);
        let sentences = split_sentences(input, &tokens);
        assert_eq!(
            sentences.iter().map(|s| s.tokens.len()).sum::<usize>(),
            tokens.len()
        );
    }
}
