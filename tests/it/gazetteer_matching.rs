//! Matching behaviour of the compiled gazetteer matcher, on a small list
//! written for these tests (tests/fixtures/gazetteer/world.tsv).

use herald::EntityKind;
use herald::gazetteer::{self, Gazetteer, GazetteerMatcher, MatchKind};
use herald::text::tokenize;
use jiff::civil::date;

fn matcher() -> GazetteerMatcher {
    let world = Gazetteer::from_file("tests/fixtures/gazetteer/world.tsv").unwrap();
    GazetteerMatcher::new(&[world]).unwrap()
}

/// Each match as (matched text, [canonical name / kind of each candidate]).
fn found(matcher: &GazetteerMatcher, text: &str) -> Vec<(String, Vec<String>)> {
    let tokens = tokenize(text);
    matcher
        .find(text, &tokens)
        .iter()
        .map(|m| {
            let candidates = matcher
                .candidates(m)
                .map(|c| {
                    let entry = matcher.entry(c.entry);
                    let subtype = entry.subtype().map(|s| format!("/{s}")).unwrap_or_default();
                    format!("{}{}:{:?}", entry.canonical(), subtype, c.kind)
                })
                .collect();
            (text[m.span()].to_owned(), candidates)
        })
        .collect()
}

/// Just the matched texts and each one's first candidate.
fn first(matcher: &GazetteerMatcher, text: &str) -> Vec<(String, String)> {
    found(matcher, text)
        .into_iter()
        .map(|(s, c)| (s, c[0].clone()))
        .collect()
}

/// A case: name, text, and the expected (matched text, canonical) pairs.
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

fn run(cases: &[Case<'_>]) {
    let matcher = matcher();
    for (name, text, expected) in cases {
        let actual = first(&matcher, text);
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(actual, expected, "case {name}: {text:?}");
    }
}

#[test]
fn capitalization_is_evidence() {
    run(&[
        (
            "lowercase us is not US",
            "Let us hope the talks go well.",
            &[],
        ),
        (
            "capital US is US",
            "US troops left.",
            &[("US", "United States/country:Acronym")],
        ),
        (
            "lowercase may is not May",
            "It may rain, said Theresa May.",
            &[("Theresa May", "Theresa May:Full")],
        ),
        (
            "lowercase turkey is not Turkey",
            "A turkey farm in Turkey.",
            &[("Turkey", "Turkey/country:Full")],
        ),
        (
            "all-caps dateline matches",
            "BAGHDAD (Reuters) - Talks began.",
            &[("BAGHDAD", "Baghdad/city:Full")],
        ),
        (
            "all-caps headline matches",
            "NATO CHIEF VISITS IRAQ",
            &[
                ("NATO", "North Atlantic Treaty Organization/igo:Acronym"),
                ("IRAQ", "Iraq/country:Full"),
            ],
        ),
        (
            "capitalized acronym matches",
            "Nato allies met.",
            &[("Nato", "North Atlantic Treaty Organization/igo:Acronym")],
        ),
        ("lowercase acronym does not", "nato allies met.", &[]),
        (
            "titles match in any case",
            "the prime minister and the PRESIDENT spoke",
            &[
                ("prime minister", "Prime Minister/office:Full"),
                ("PRESIDENT", "President/office:Full"),
            ],
        ),
        (
            "lowercase surname does not match",
            "the sudani delegation",
            &[],
        ),
    ]);
}

#[test]
fn dotted_abbreviations_match_their_undotted_form() {
    let matcher = matcher();
    for text in ["U.S. troops left.", "US troops left.", "The U.S.-led force"] {
        let found = found(&matcher, text);
        assert_eq!(found.len(), 1, "{text:?}");
        assert!(found[0].0.starts_with("U"), "{text:?}");
        assert!(
            found[0].1[0].starts_with("United States/country:"),
            "{text:?}"
        );
    }
}

#[test]
fn longest_match_wins_and_gives_way_when_capitals_disagree() {
    run(&[
        (
            "longest alias",
            "He flew to New York City.",
            &[("New York City", "New York City/city:Full")],
        ),
        (
            "lowercase tail falls back",
            "He loves New York city life.",
            &[("New York", "New York/city:Full")],
        ),
        (
            "longer org beats shorter",
            "The UN General Assembly opened.",
            &[("UN General Assembly", "UN General Assembly/igo:Full")],
        ),
        (
            "adjacent matches",
            "Iraq Baghdad",
            &[
                ("Iraq", "Iraq/country:Full"),
                ("Baghdad", "Baghdad/city:Full"),
            ],
        ),
        (
            "acronym",
            "At UNGA, leaders spoke.",
            &[("UNGA", "UN General Assembly/igo:Acronym")],
        ),
    ]);
}

#[test]
fn matches_are_token_aligned() {
    run(&[
        (
            "no match inside a word",
            "Baghdadi and Iraqiya are not places.",
            &[],
        ),
        (
            "demonym plural is its own alias",
            "Iraqis voted.",
            &[("Iraqis", "Iraqi:Full")],
        ),
        (
            "possessive curly",
            "NATO’s chief spoke.",
            &[("NATO", "North Atlantic Treaty Organization/igo:Acronym")],
        ),
        (
            "possessive straight",
            "NATO's chief spoke.",
            &[("NATO", "North Atlantic Treaty Organization/igo:Acronym")],
        ),
        (
            "possessive of a person",
            "Stoltenberg’s term ended.",
            &[("Stoltenberg", "Jens Stoltenberg:Surname")],
        ),
        (
            "alias with an apostrophe",
            "McDonald's opened and McDonald’s closed.",
            &[
                ("McDonald's", "McDonald’s/company:Full"),
                ("McDonald’s", "McDonald’s/company:Full"),
            ],
        ),
        (
            "punctuation inside alias",
            "in Washington, D.C. today",
            &[("Washington, D.C.", "Washington/city:Full")],
        ),
    ]);
}

#[test]
fn one_alias_keeps_every_candidate() {
    let matcher = matcher();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Washington: state, city and a surname",
            "Washington",
            &[
                "Washington/state:Full",
                "Washington/city:Full",
                "George Washington:Surname",
            ],
        ),
        (
            "Georgia: the more populous first",
            "Georgia",
            &["Georgia/state:Full", "Georgia/country:Full"],
        ),
    ];
    for (name, text, expected) in cases {
        let found = found(&matcher, text);
        assert_eq!(found.len(), 1, "case {name}");
        assert_eq!(found[0].1, *expected, "case {name}");
    }
}

#[test]
fn hyphenated_and_particle_names() {
    run(&[
        (
            "full name",
            "Mohammed Shia al-Sudani spoke.",
            &[("Mohammed Shia al-Sudani", "Mohammed Shia al-Sudani:Full")],
        ),
        (
            "capital particle",
            "Al-Sudani spoke.",
            &[("Al-Sudani", "Mohammed Shia al-Sudani:Surname")],
        ),
        (
            "lowercase particle",
            "Prime Minister al-Sudani spoke.",
            &[
                ("Prime Minister", "Prime Minister/office:Full"),
                ("al-Sudani", "Mohammed Shia al-Sudani:Surname"),
            ],
        ),
        (
            "bare surname",
            "Sudani spoke.",
            &[("Sudani", "Mohammed Shia al-Sudani:Surname")],
        ),
        (
            "particle with space",
            "Al Sudani spoke.",
            &[("Al Sudani", "Mohammed Shia al-Sudani:Surname")],
        ),
        (
            "dash variant",
            "El–Sudani spoke.",
            &[("El–Sudani", "Mohammed Shia al-Sudani:Surname")],
        ),
        (
            "sun letter article",
            "as-Sharaa and ash-Sharaa and al-Sharaa",
            &[
                ("as-Sharaa", "Ahmed al-Sharaa:Surname"),
                ("ash-Sharaa", "Ahmed al-Sharaa:Surname"),
                ("al-Sharaa", "Ahmed al-Sharaa:Surname"),
            ],
        ),
        (
            "sun letter needs its hyphen",
            "Ahmed as Sharaa",
            &[("Sharaa", "Ahmed al-Sharaa:Surname")],
        ),
        (
            "hyphenated surname",
            "Abdul-Mahdi resigned.",
            &[("Abdul-Mahdi", "Adil Abdul-Mahdi:Surname")],
        ),
        (
            "hyphenated title",
            "The Secretary-General and the Secretary General",
            &[
                ("Secretary-General", "Secretary-General/office:Full"),
                ("Secretary General", "Secretary-General/office:Full"),
            ],
        ),
        (
            "surname keeps its particles",
            "von der Leyen said",
            &[("von der Leyen", "Ursula von der Leyen:Surname")],
        ),
        ("surname particles are not surnames", "Leyen said", &[]),
        (
            "generational suffix is skipped",
            "King spoke; Jr. did not.",
            &[("King", "Martin Luther King Jr.:Surname")],
        ),
        (
            "final period is optional",
            "Mr Smith and Mr. Jones",
            &[("Mr", "Mr./honorific:Full"), ("Mr.", "Mr./honorific:Full")],
        ),
        (
            "name with suffix",
            "Martin Luther King, Jr. spoke.",
            &[("Martin Luther King, Jr.", "Martin Luther King Jr.:Full")],
        ),
    ]);
}

#[test]
fn transliteration_variants_reach_one_entry() {
    let matcher = matcher();
    let spellings = [
        "Mohammed Shia al-Sudani",
        "Mohammed Shiaa’ Al-Sudani",
        "Muhammad Shia Al Sudani",
        "Mohamed Shi'a al-Sudani",
        "Mohamad Shiʿa el-Sudani",
        "Muhammed Shiaa Al-Sudani",
        "MOHAMMED SHIA AL-SUDANI",
    ];
    for text in spellings {
        let found = found(&matcher, text);
        let expected = vec![(
            text.to_owned(),
            vec!["Mohammed Shia al-Sudani:Full".to_owned()],
        )];
        assert_eq!(found, expected, "spelling {text:?}");
    }
}

#[test]
fn diacritics_fold() {
    run(&[
        (
            "with diacritic",
            "Recep Tayyip Erdoğan arrived.",
            &[("Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan:Full")],
        ),
        (
            "without diacritic",
            "Recep Tayyip Erdogan arrived.",
            &[("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan:Full")],
        ),
        (
            "surname without diacritic",
            "Erdogan arrived.",
            &[("Erdogan", "Recep Tayyip Erdoğan:Surname")],
        ),
    ]);
}

#[test]
fn matches_report_spans_tokens_and_sources() {
    let matcher = matcher();
    let text = "“NATO’s” chief met Al-Sudani.";
    let tokens = tokenize(text);
    let found = matcher.find(text, &tokens);
    assert_eq!(found.len(), 2);
    let nato = &found[0];
    assert_eq!(&text[nato.span()], "NATO");
    assert_eq!(nato.tokens(), 1..2);
    let sudani = &found[1];
    assert_eq!(&text[sudani.span()], "Al-Sudani");
    assert_eq!(sudani.tokens(), 6..9);
    let candidate = matcher.candidates(nato).next().unwrap();
    let entry = matcher.entry(candidate.entry);
    assert_eq!(entry.kind(), EntityKind::Org);
    assert_eq!(entry.gazetteer(), "world");
    assert_eq!(String::from(entry.source()), "gazetteer:world:Q7184");
    let sudani = matcher.entry(matcher.candidates(sudani).next().unwrap().entry);
    assert_eq!(
        String::from(sudani.source()),
        "gazetteer:world:Mohammed Shia al-Sudani"
    );
}

#[test]
fn lookup_finds_exact_names() {
    let matcher = matcher();
    let cases: &[(&str, &[(&str, MatchKind)])] = &[
        (
            "NATO",
            &[("North Atlantic Treaty Organization", MatchKind::Acronym)],
        ),
        (
            "North Atlantic Treaty Organization",
            &[("North Atlantic Treaty Organization", MatchKind::Full)],
        ),
        (
            "Al-Sudani",
            &[("Mohammed Shia al-Sudani", MatchKind::Surname)],
        ),
        ("prime minister", &[("Prime Minister", MatchKind::Full)]),
        ("nato", &[]),
        ("NATO summit", &[]),
        ("North Atlantic", &[]),
        ("", &[]),
    ];
    for (name, expected) in cases {
        let actual: Vec<(&str, MatchKind)> = matcher
            .lookup(name)
            .map(|c| (matcher.entry(c.entry).canonical(), c.kind))
            .collect();
        assert_eq!(actual, *expected, "lookup {name:?}");
    }
}

#[test]
fn office_holders_follow_their_terms() {
    let matcher = matcher();
    let cases: &[(&str, &str, jiff::civil::Date, Option<&str>)] = &[
        (
            "Secretary-General",
            "NATO",
            date(2020, 5, 1),
            Some("Jens Stoltenberg"),
        ),
        (
            "Secretary General",
            "NATO",
            date(2025, 5, 1),
            Some("Mark Rutte"),
        ),
        (
            "secretary-general",
            "North Atlantic Treaty Organization",
            date(2024, 10, 1),
            Some("Mark Rutte"),
        ),
        ("Secretary-General", "NATO", date(2010, 1, 1), None),
        (
            "Prime Minister",
            "IQ",
            date(2023, 1, 1),
            Some("Mohammed Shia al-Sudani"),
        ),
        ("PM", "Iraq", date(2019, 1, 1), Some("Adil Abdul-Mahdi")),
        (
            "Prime Minister",
            "Iraqi",
            date(2024, 1, 1),
            Some("Mohammed Shia al-Sudani"),
        ),
        (
            "Prime Minister",
            "NO",
            date(2010, 1, 1),
            Some("Jens Stoltenberg"),
        ),
        (
            "President",
            "European Commission",
            date(2021, 1, 1),
            Some("Ursula von der Leyen"),
        ),
        (
            "President",
            "US",
            date(1790, 1, 1),
            Some("George Washington"),
        ),
        ("President", "US", date(1800, 1, 1), None),
        ("Foreign Minister", "IQ", date(2023, 1, 1), None),
    ];
    for (office, body, on, expected) in cases {
        let holder = matcher
            .office_holder(office, body, *on)
            .map(|id| matcher.entry(id).canonical());
        assert_eq!(holder, *expected, "{office}@{body} on {on}");
    }
}

#[test]
fn matching_survives_hostile_text() {
    let matcher = matcher();
    let texts = [
        "",
        " ",
        "-",
        "’",
        "al-",
        "-Sudani",
        "Al--Sudani",
        "NATO’",
        "’s",
        "\u{0}\u{feff}Iraq",
        &"Iraq ".repeat(1000),
        &"al-".repeat(500),
    ];
    for text in texts {
        let tokens = tokenize(text);
        for m in matcher.find(text, &tokens) {
            assert!(m.span().end <= text.len());
            assert!(matcher.candidates(&m).count() > 0, "{text:?}");
        }
    }
}

#[test]
fn default_gazetteers_load_and_compile() {
    let defaults = gazetteer::defaults();
    let names: Vec<&str> = defaults.iter().map(Gazetteer::name).collect();
    assert_eq!(
        names,
        [
            "places",
            "cities",
            "orgs",
            "clubs",
            "companies",
            "people",
            "titles",
            "demonyms"
        ]
    );
    for list in &defaults {
        assert!(!list.is_empty(), "{} is empty", list.name());
    }
    let matcher = GazetteerMatcher::new(&defaults).unwrap();
    assert_eq!(
        matcher.entries().len(),
        defaults.iter().map(Gazetteer::len).sum::<usize>()
    );
}

#[test]
fn gazetteers_must_have_distinct_names() {
    let a = Gazetteer::parse("orgs", "ORG\tNATO\n").unwrap();
    let error = GazetteerMatcher::new(&[a.clone(), a]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "orgs:0:0: two gazetteers are named \"orgs\": names must be unique"
    );
}

#[test]
fn matcher_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<GazetteerMatcher>();
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn shared() -> &'static GazetteerMatcher {
        static MATCHER: OnceLock<GazetteerMatcher> = OnceLock::new();
        MATCHER.get_or_init(matcher)
    }

    proptest! {
        #![proptest_config(crate::proptest_config(256))]

        /// Matches are ordered, never overlap, lie on token boundaries and
        /// each has a candidate, whatever the text.
        #[test]
        fn matches_are_ordered_disjoint_and_token_aligned(
            text in "([A-Za-z’'ʿ\\-–. ,]|Al|al-|NATO|Sudani|Baghdad|New York|Washington|Shiaa’|Mohamed| ){0,40}"
        ) {
            let matcher = shared();
            let tokens = tokenize(&text);
            let mut previous_end = 0;
            for m in matcher.find(&text, &tokens) {
                let range = m.tokens();
                prop_assert!(range.start < range.end && range.end <= tokens.len());
                prop_assert_eq!(m.span().start, tokens[range.start].span.start);
                prop_assert_eq!(m.span().end, tokens[range.end - 1].span.end);
                prop_assert!(m.span().start >= previous_end);
                previous_end = m.span().end;
                prop_assert!(matcher.candidates(&m).count() > 0);
            }
        }
    }
}

#[test]
fn an_entry_is_a_candidate_once_whatever_the_capitals_of_its_aliases() {
    let list = Gazetteer::parse(
        "orgs",
        "ORG\tNATO\tNato | nato-alliance | Nato-Alliance\nORG\tNato Alliance\t\tkind=test\nPERSON\tAnna Nato\n",
    )
    .unwrap();
    let matcher = GazetteerMatcher::new(&[list]).unwrap();
    let cases: &[(&str, &[(&str, MatchKind)])] = &[
        (
            // The full alias "Nato", needing the same capitals, outranks the acronym.
            "NATO",
            &[("NATO", MatchKind::Full), ("Anna Nato", MatchKind::Surname)],
        ),
        (
            "Nato",
            &[("NATO", MatchKind::Full), ("Anna Nato", MatchKind::Surname)],
        ),
        (
            "Nato-Alliance",
            &[
                ("NATO", MatchKind::Full),
                ("Nato Alliance", MatchKind::Full),
            ],
        ),
        ("nato-alliance", &[("NATO", MatchKind::Full)]),
        ("nato", &[]),
    ];
    for (text, expected) in cases {
        let actual: Vec<(&str, MatchKind)> = matcher
            .lookup(text)
            .map(|c| (matcher.entry(c.entry).canonical(), c.kind))
            .collect();
        assert_eq!(actual, *expected, "lookup {text:?}");
    }
}
