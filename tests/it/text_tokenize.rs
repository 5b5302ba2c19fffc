//! Table tests for the tokenizer: one table per rule of news text.

use herald::text::{Shape, TokenKind, Tokens, tokenize};

use TokenKind::{Email, Handle, Hashtag, Number, Punct, Symbol, Url, Word};

/// The text and kind of every token.
fn pieces<'t>(text: &'t str, tokens: &Tokens) -> Vec<(&'t str, TokenKind)> {
    tokens.iter().map(|t| (&text[t.span], t.kind)).collect()
}

/// One table row: name, input, expected tokens with their kinds.
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, TokenKind)]);

/// Runs a table of cases.
fn check(cases: &[Case<'_>]) {
    for &(name, input, expected) in cases {
        let tokens = tokenize(input);
        assert_eq!(pieces(input, &tokens), expected, "case {name:?}: {input:?}");
    }
}

#[test]
fn possessives_are_split_off() {
    check(&[
        (
            "curly apostrophe",
            "NATO’s chief",
            &[("NATO", Word), ("’s", Word), ("chief", Word)],
        ),
        (
            "straight apostrophe",
            "the Minister's office",
            &[
                ("the", Word),
                ("Minister", Word),
                ("'s", Word),
                ("office", Word),
            ],
        ),
        (
            "plural possessive",
            "the officials’ union",
            &[
                ("the", Word),
                ("officials", Word),
                ("’", Punct),
                ("union", Word),
            ],
        ),
        (
            "plural straight",
            "the ministers' talks",
            &[
                ("the", Word),
                ("ministers", Word),
                ("'", Punct),
                ("talks", Word),
            ],
        ),
        (
            "diacritics",
            "Erdoğan’s visit",
            &[("Erdoğan", Word), ("’s", Word), ("visit", Word)],
        ),
        (
            "name with apostrophe",
            "O'Brien's aide",
            &[("O'Brien", Word), ("'s", Word), ("aide", Word)],
        ),
        (
            "after initialism",
            "the U.S.’s envoy",
            &[("the", Word), ("U.S.", Word), ("’s", Word), ("envoy", Word)],
        ),
        (
            "modifier letter apostrophe",
            "NATOʼs chief",
            &[("NATO", Word), ("ʼs", Word), ("chief", Word)],
        ),
        (
            "all caps",
            "NATO’S CHIEF",
            &[("NATO", Word), ("’S", Word), ("CHIEF", Word)],
        ),
        (
            "before comma",
            "Iraq’s, Syria’s",
            &[
                ("Iraq", Word),
                ("’s", Word),
                (",", Punct),
                ("Syria", Word),
                ("’s", Word),
            ],
        ),
    ]);
}

#[test]
fn possessive_keys_fold_the_apostrophe() {
    let text = "NATO’s and Minister's";
    let tokens = tokenize(text);
    let keys: Vec<&str> = tokens.keys_iter().collect();
    assert_eq!(keys, ["nato", "'s", "and", "minister", "'s"]);
}

#[test]
fn hyphenated_names_keep_their_parts_reachable() {
    check(&[
        (
            "capital al",
            "Al-Sudani",
            &[("Al", Word), ("-", Punct), ("Sudani", Word)],
        ),
        (
            "lowercase al",
            "al-Sudani",
            &[("al", Word), ("-", Punct), ("Sudani", Word)],
        ),
        (
            "title",
            "Secretary-General",
            &[("Secretary", Word), ("-", Punct), ("General", Word)],
        ),
        (
            "unicode hyphen",
            "Secretary‐General",
            &[("Secretary", Word), ("‐", Punct), ("General", Word)],
        ),
        (
            "three parts",
            "Port-au-Prince",
            &[
                ("Port", Word),
                ("-", Punct),
                ("au", Word),
                ("-", Punct),
                ("Prince", Word),
            ],
        ),
    ]);
    let text = "Prime Minister Mohammed Shiaa Al-Sudani";
    let tokens = tokenize(text);
    let spaced: Vec<(&str, bool)> = tokens
        .iter()
        .map(|t| (&text[t.span], t.space_before))
        .collect();
    assert_eq!(
        spaced,
        [
            ("Prime", true),
            ("Minister", true),
            ("Mohammed", true),
            ("Shiaa", true),
            ("Al", true),
            ("-", false),
            ("Sudani", false)
        ]
    );
    assert_eq!(
        tokens.key(6),
        "sudani",
        "an alias \"Sudani\" matches inside Al-Sudani"
    );
    let dashed = tokenize("Secretary–General");
    assert_eq!(
        dashed.keys_iter().collect::<Vec<_>>(),
        ["secretary", "-", "general"]
    );
}

#[test]
fn abbreviations_keep_their_final_period() {
    check(&[
        (
            "mr",
            "Mr. Stoltenberg",
            &[("Mr.", Word), ("Stoltenberg", Word)],
        ),
        ("dr", "Dr. Tedros", &[("Dr.", Word), ("Tedros", Word)]),
        (
            "us",
            "the U.S. envoy",
            &[("the", Word), ("U.S.", Word), ("envoy", Word)],
        ),
        (
            "un",
            "the U.N. chief",
            &[("the", Word), ("U.N.", Word), ("chief", Word)],
        ),
        ("month", "Jan. 5", &[("Jan.", Word), ("5", Number)]),
        (
            "saint",
            "St. Petersburg",
            &[("St.", Word), ("Petersburg", Word)],
        ),
        (
            "initial",
            "George W. Bush",
            &[("George", Word), ("W.", Word), ("Bush", Word)],
        ),
        (
            "lowercase initialism",
            "talks, e.g. trade",
            &[
                ("talks", Word),
                (",", Punct),
                ("e.g.", Word),
                ("trade", Word),
            ],
        ),
        (
            "time",
            "at 9 a.m. today",
            &[("at", Word), ("9", Number), ("a.m.", Word), ("today", Word)],
        ),
        (
            "initialism before hyphen",
            "U.S.-led talks",
            &[("U.S.", Word), ("-", Punct), ("led", Word), ("talks", Word)],
        ),
        (
            "sentence end in U.S.",
            "in the U.S.",
            &[("in", Word), ("the", Word), ("U.S.", Word)],
        ),
        (
            "ordinary word keeps no period",
            "talks ended.",
            &[("talks", Word), ("ended", Word), (".", Punct)],
        ),
        (
            "case matters",
            "he said no.",
            &[("he", Word), ("said", Word), ("no", Word), (".", Punct)],
        ),
    ]);
    let tokens = tokenize("U.S.");
    assert_eq!(tokens[0].shape, Shape::AllCaps);
    assert_eq!(tokens.key(0), "u.s.");
}

#[test]
fn numbers() {
    check(&[
        (
            "thousands separator",
            "1,200 troops",
            &[("1,200", Number), ("troops", Word)],
        ),
        (
            "decimal",
            "3.5 per cent",
            &[("3.5", Number), ("per", Word), ("cent", Word)],
        ),
        (
            "ordinal",
            "the 78th session",
            &[("the", Word), ("78th", Number), ("session", Word)],
        ),
        (
            "year",
            "in 2023.",
            &[("in", Word), ("2023", Number), (".", Punct)],
        ),
        (
            "slash date",
            "since 9/11",
            &[("since", Word), ("9/11", Number)],
        ),
        (
            "full date",
            "on 21/09/2023",
            &[("on", Word), ("21/09/2023", Number)],
        ),
        ("clock", "at 10:30", &[("at", Word), ("10:30", Number)]),
        (
            "percent",
            "45% of voters",
            &[
                ("45", Number),
                ("%", Symbol),
                ("of", Word),
                ("voters", Word),
            ],
        ),
        (
            "currency",
            "$5bn in aid",
            &[("$", Symbol), ("5bn", Number), ("in", Word), ("aid", Word)],
        ),
        ("pounds", "£1,400", &[("£", Symbol), ("1,400", Number)]),
        (
            "range",
            "2023-24",
            &[("2023", Number), ("-", Punct), ("24", Number)],
        ),
        ("decade", "the 1990s", &[("the", Word), ("1990s", Number)]),
        ("arabic-indic digits", "٢٠٢٣", &[("٢٠٢٣", Number)]),
    ]);
    let tokens = tokenize("G7 and 78th");
    assert!(tokens[0].has_digit && tokens[0].kind == Word);
    assert!(!tokens[1].has_digit);
    assert!(tokens[2].has_digit);
}

#[test]
fn apostrophes_inside_names() {
    check(&[
        (
            "trailing curly before a name",
            "Mohammed Shiaa’ Al-Sudani",
            &[
                ("Mohammed", Word),
                ("Shiaa’", Word),
                ("Al", Word),
                ("-", Punct),
                ("Sudani", Word),
            ],
        ),
        (
            "trailing straight before a name",
            "Shiaa' Al-Sudani",
            &[
                ("Shiaa'", Word),
                ("Al", Word),
                ("-", Punct),
                ("Sudani", Word),
            ],
        ),
        (
            "inner straight",
            "O'Brien said",
            &[("O'Brien", Word), ("said", Word)],
        ),
        (
            "inner capital",
            "N'Djamena talks",
            &[("N'Djamena", Word), ("talks", Word)],
        ),
        ("inner curly", "N’Djamena", &[("N’Djamena", Word)]),
        (
            "possessive before lowercase",
            "the players’ union",
            &[
                ("the", Word),
                ("players", Word),
                ("’", Punct),
                ("union", Word),
            ],
        ),
        (
            "lowercase word before a name",
            "the players’ Union",
            &[
                ("the", Word),
                ("players", Word),
                ("’", Punct),
                ("Union", Word),
            ],
        ),
        (
            "closing single quote",
            "‘Peace’ Talks",
            &[("‘", Punct), ("Peace", Word), ("’", Punct), ("Talks", Word)],
        ),
        ("end of text", "Shiaa’", &[("Shiaa", Word), ("’", Punct)]),
        (
            "before a blank line",
            "Shiaa’\n\nAl",
            &[("Shiaa", Word), ("’", Punct), ("Al", Word)],
        ),
    ]);
    let text = "Shiaa’ Al-Sudani";
    assert_eq!(tokenize(text).key(0), "shiaa'");
}

#[test]
fn quotes_dashes_and_ellipses() {
    check(&[
        (
            "curly quotes",
            "“We agree,” he said.",
            &[
                ("“", Punct),
                ("We", Word),
                ("agree", Word),
                (",", Punct),
                ("”", Punct),
                ("he", Word),
                ("said", Word),
                (".", Punct),
            ],
        ),
        (
            "straight quotes",
            "\"Yes\"",
            &[("\"", Punct), ("Yes", Word), ("\"", Punct)],
        ),
        (
            "em dash",
            "Baghdad — the capital",
            &[
                ("Baghdad", Word),
                ("—", Punct),
                ("the", Word),
                ("capital", Word),
            ],
        ),
        (
            "glued em dash",
            "talks—and",
            &[("talks", Word), ("—", Punct), ("and", Word)],
        ),
        (
            "en dash",
            "2023–24",
            &[("2023", Number), ("–", Punct), ("24", Number)],
        ),
        (
            "double hyphen",
            "talks -- and",
            &[("talks", Word), ("--", Punct), ("and", Word)],
        ),
        (
            "three periods",
            "and then...",
            &[("and", Word), ("then", Word), ("...", Punct)],
        ),
        (
            "ellipsis char",
            "and then…",
            &[("and", Word), ("then", Word), ("…", Punct)],
        ),
        (
            "brackets",
            "(AP)",
            &[("(", Punct), ("AP", Word), (")", Punct)],
        ),
    ]);
    let tokens = tokenize("“Yes” — no…");
    assert_eq!(
        tokens.keys_iter().collect::<Vec<_>>(),
        ["\"", "yes", "\"", "-", "no", "..."]
    );
}

#[test]
fn urls_emails_handles_and_hashtags() {
    check(&[
        (
            "https url with sentence period",
            "See https://example.org/news?id=5.",
            &[
                ("See", Word),
                ("https://example.org/news?id=5", Url),
                (".", Punct),
            ],
        ),
        (
            "www in brackets",
            "(www.example.org)",
            &[("(", Punct), ("www.example.org", Url), (")", Punct)],
        ),
        (
            "url keeps its own brackets",
            "https://example.org/wiki/Foo_(bar)",
            &[("https://example.org/wiki/Foo_(bar)", Url)],
        ),
        (
            "email",
            "write to press@example.org.",
            &[
                ("write", Word),
                ("to", Word),
                ("press@example.org", Email),
                (".", Punct),
            ],
        ),
        (
            "email with dots",
            "jane.doe+news@mail.example.co.uk",
            &[("jane.doe+news@mail.example.co.uk", Email)],
        ),
        ("handle", "@NATO said", &[("@NATO", Handle), ("said", Word)]),
        (
            "handle with possessive",
            "@NATO’s post",
            &[("@NATO", Handle), ("’s", Word), ("post", Word)],
        ),
        (
            "hashtag",
            "#UNGA78, #Ukraine",
            &[("#UNGA78", Hashtag), (",", Punct), ("#Ukraine", Hashtag)],
        ),
        ("unicode hashtag", "#Україна", &[("#Україна", Hashtag)]),
        (
            "number sign is not a hashtag",
            "#1 spot",
            &[("#", Symbol), ("1", Number), ("spot", Word)],
        ),
        ("lone at sign", "@ noon", &[("@", Symbol), ("noon", Word)]),
        (
            "not an email",
            "a@b",
            &[("a", Word), ("@", Symbol), ("b", Word)],
        ),
    ]);
}

#[test]
fn other_scripts_lose_nothing() {
    check(&[
        (
            "arabic",
            "قال السوداني، اليوم",
            &[
                ("قال", Word),
                ("السوداني", Word),
                ("،", Punct),
                ("اليوم", Word),
            ],
        ),
        (
            "cyrillic",
            "Москва, 21 сентября",
            &[
                ("Москва", Word),
                (",", Punct),
                ("21", Number),
                ("сентября", Word),
            ],
        ),
        (
            "cjk",
            "習近平在北京。",
            &[
                ("習", Word),
                ("近", Word),
                ("平", Word),
                ("在", Word),
                ("北", Word),
                ("京", Word),
                ("。", Punct),
            ],
        ),
        (
            "emoji",
            "talks 😀!",
            &[("talks", Word), ("😀", Symbol), ("!", Punct)],
        ),
    ]);
    for text in [
        "قال رئيس الوزراء العراقي محمد شياع السوداني إن",
        "Президент Украины заявил, что",
        "日本の首相は東京で会談した。",
        "서울에서 회담",
    ] {
        let tokens = tokenize(text);
        let covered: usize = tokens.iter().map(|t| t.span.len()).sum();
        let non_space: usize = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        assert_eq!(covered, non_space, "{text:?}");
    }
}

#[test]
fn keys_fold_diacritics_and_case() {
    let text = "Erdoğan ERDOGAN erdogan";
    let tokens = tokenize(text);
    assert_eq!(
        tokens.keys_iter().collect::<Vec<_>>(),
        ["erdogan", "erdogan", "erdogan"]
    );
    assert_eq!(
        &text[tokens[0].span], "Erdoğan",
        "the span still covers the original text"
    );
}

#[test]
fn shapes() {
    let text = "Baghdad NATO said McDonald O'Brien 2023 W. بغداد";
    let tokens = tokenize(text);
    let shapes: Vec<Shape> = tokens.iter().map(|t| t.shape).collect();
    assert_eq!(
        shapes,
        [
            Shape::Capitalized,
            Shape::AllCaps,
            Shape::Lower,
            Shape::Mixed,
            Shape::Capitalized,
            Shape::Uncased,
            Shape::Capitalized,
            Shape::Uncased
        ]
    );
}

#[test]
fn bad_input_tokenizes_without_panic() {
    let long_word = "a".repeat(10 << 20);
    let cases: Vec<(&str, String, usize)> = vec![
        ("empty", String::new(), 0),
        ("only whitespace", " \n\t\u{a0}\u{3000} ".to_owned(), 0),
        ("10 MB without a space", long_word, 1),
        ("only periods", ".".repeat(100_000), 1),
        ("only hyphens", "-".repeat(100_000), 1),
        ("mixed punctuation", "!?,;:".repeat(20_000), 100_000),
        ("lone combining mark", "\u{301}".to_owned(), 1),
        (
            "combining marks after spaces",
            " \u{301} \u{301}\u{302}".to_owned(),
            2,
        ),
        ("at signs", "@".repeat(100_000), 100_000),
        ("hash signs", "#".repeat(100_000), 100_000),
        ("slashes between digits", "9/".repeat(50_000) + "9", 1),
    ];
    for (name, input, expected) in &cases {
        assert_eq!(tokenize(input).len(), *expected, "case {name:?}");
    }
}

#[test]
fn hostile_long_chunks_stay_linear() {
    // Each of these is quadratic for a scanner that rescans the chunk per
    // piece; at this size that would not finish.
    let inputs = [
        format!("https://example.org/{}", ")".repeat(200_000)),
        format!("{}@example.org", "a.".repeat(100_000)),
        format!("#{}", "a".repeat(200_000)),
        "Shiaa’ ".repeat(30_000),
        "a.".repeat(100_000),
        "U.S.".repeat(50_000),
        "\u{301}".repeat(100_000),
        // 2 MB of news punctuation and Unicode with no space anywhere.
        "“NATO’s”—U.S.-led…Al-Sudani’s$5bn,45%;9/11@x#y.".repeat(40_000),
        "مرحبا".repeat(40_000),
    ];
    for input in &inputs {
        let tokens = tokenize(input);
        let covered: usize = tokens.iter().map(|t| t.span.len()).sum();
        let non_space: usize = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        assert_eq!(covered, non_space);
    }
}

#[test]
fn output_is_deterministic() {
    let text = "BAGHDAD, September 21 — NATO’s Secretary-General Jens Stoltenberg met Al-Sudani in New York.";
    let (a, b) = (tokenize(text), tokenize(text));
    assert_eq!(a.as_slice(), b.as_slice());
    assert!(a.keys_iter().eq(b.keys_iter()));
}
