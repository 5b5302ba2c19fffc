//! Loading gazetteers: every kind of problem is reported with its line and
//! column, all problems at once, and spaCy phrase patterns import.

use herald::EntityKind;
use herald::gazetteer::{Gazetteer, Problem};
use jiff::civil::date;

/// The (line, column, message) of each problem `source` has.
fn problems(source: &str) -> Vec<(usize, usize, String)> {
    match Gazetteer::parse("test", source) {
        Ok(_) => Vec::new(),
        Err(error) => error
            .problems()
            .iter()
            .map(|p| (p.line, p.column, p.message.clone()))
            .collect(),
    }
}

/// Asserts `source` has exactly one problem, at `line`:`column`, whose
/// message contains `needle`.
fn assert_problem(name: &str, source: &str, line: usize, column: usize, needle: &str) {
    let found = problems(source);
    assert_eq!(found.len(), 1, "case {name}: {found:?}");
    let (l, c, message) = &found[0];
    assert_eq!((*l, *c), (line, column), "case {name}: {message}");
    assert!(
        message.contains(needle),
        "case {name}: {message:?} lacks {needle:?}"
    );
}

#[test]
fn unknown_type() {
    assert_problem(
        "misspelled",
        "# people\nPERSN\tJens Stoltenberg\n",
        2,
        1,
        "unknown type \"PERSN\": expected PERSON, ORG, PLACE, TITLE or DEMONYM",
    );
    assert_problem(
        "date is no gazetteer type",
        "DATE\tTuesday\n",
        1,
        1,
        "unknown type \"DATE\"",
    );
}

#[test]
fn empty_canonical() {
    assert_problem(
        "blank column",
        "PLACE\t\tBagdad\n",
        1,
        7,
        "empty canonical name",
    );
    assert_problem(
        "spaces only",
        "PLACE\t   \tBagdad\n",
        1,
        7,
        "empty canonical name",
    );
}

#[test]
fn names_without_letters_or_digits() {
    assert_problem(
        "punctuation alias",
        "ORG\tNATO\tOTAN | -\n",
        1,
        17,
        "alias \"-\" has no letter or digit",
    );
    assert_problem(
        "punctuation canonical",
        "ORG\t—\n",
        1,
        5,
        "canonical name \"—\" has no letter or digit",
    );
}

#[test]
fn empty_alias() {
    assert_problem(
        "trailing separator",
        "ORG\tNATO\tOTAN | \tkind=igo\n",
        1,
        17,
        "empty alias",
    );
    assert_problem(
        "leading separator",
        "ORG\tNATO\t | OTAN\n",
        1,
        10,
        "empty alias",
    );
}

#[test]
fn bad_date() {
    assert_problem(
        "month 13",
        "PERSON\tMark Rutte\t\theld=Secretary-General@NATO:2024-13-01..\n",
        1,
        48,
        "bad date \"2024-13-01\"",
    );
    assert_problem(
        "bad end",
        "PERSON\tMark Rutte\t\theld=Secretary-General@NATO:2024-10-01..soon\n",
        1,
        60,
        "bad date \"soon\"",
    );
    assert_problem(
        "end before start",
        "PERSON\tMark Rutte\t\theld=Secretary-General@NATO:2024-10-01..2020-01-01\n",
        1,
        60,
        "term ends before it starts",
    );
}

#[test]
fn bad_held_syntax() {
    assert_problem(
        "no body",
        "PERSON\tMark Rutte\t\tid=Q57792 ; held=Secretary-General 2024-10-01..\n",
        1,
        37,
        "missing '@'",
    );
    assert_problem(
        "no dates",
        "PERSON\tMark Rutte\t\theld=Secretary-General@NATO\n",
        1,
        43,
        "missing ':' before the dates",
    );
    assert_problem(
        "no range",
        "PERSON\tMark Rutte\t\theld=Secretary-General@NATO:2024-10-01\n",
        1,
        48,
        "missing '..'",
    );
    assert_problem(
        "empty office",
        "PERSON\tMark Rutte\t\theld=@NATO:2024-10-01..\n",
        1,
        25,
        "empty office",
    );
}

#[test]
fn wrong_number_of_columns() {
    assert_problem(
        "five columns",
        "ORG\tNATO\tOTAN\tkind=igo\textra\n",
        1,
        24,
        "expected at most 4 tab-separated columns",
    );
    assert_problem(
        "spaces instead of tabs",
        "ORG NATO\n",
        1,
        9,
        "columns are separated by tabs",
    );
}

#[test]
fn bad_attribute_syntax() {
    assert_problem(
        "no equals sign",
        "ORG\tNATO\t\tid=Q7184 ; igo\n",
        1,
        22,
        "bad attribute \"igo\": expected key=value",
    );
    assert_problem(
        "empty key",
        "ORG\tNATO\t\t=igo\n",
        1,
        11,
        "bad attribute \"=igo\"",
    );
    assert_problem(
        "empty value",
        "ORG\tNATO\t\tkind=\n",
        1,
        16,
        "empty value for attribute \"kind\"",
    );
    assert_problem(
        "bad population",
        "PLACE\tBaghdad\t\tpopulation=7.2m\n",
        1,
        27,
        "bad population \"7.2m\"",
    );
    assert_problem(
        "bad country",
        "PLACE\tBaghdad\t\tcountry=Iraq\n",
        1,
        24,
        "bad country \"Iraq\"",
    );
}

#[test]
fn duplicate_id() {
    assert_problem(
        "same id twice",
        "ORG\tNATO\t\tid=Q7184\n# again\nORG\tOTAN\t\tkind=igo ; id=Q7184\n",
        3,
        22,
        "duplicate id \"Q7184\": already used on line 1",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let error = Gazetteer::from_file("tests/fixtures/gazetteer/broken.tsv").unwrap_err();
    let path = "tests/fixtures/gazetteer/broken.tsv";
    let lines: Vec<String> = error.to_string().lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            format!(
                "{path}:2:1: unknown type \"PERSN\": expected PERSON, ORG, PLACE, TITLE or DEMONYM"
            ),
            format!("{path}:4:7: empty canonical name"),
            format!(
                "{path}:5:48: bad date \"2024-13-01\": expected an ISO date YYYY-MM-DD (or YYYY-MM, YYYY)"
            ),
        ]
    );
    assert_eq!(
        error.problems()[0],
        Problem {
            path: path.to_owned(),
            line: 2,
            column: 1,
            message: error.problems()[0].message.clone()
        }
    );
}

#[test]
fn columns_count_chars_not_bytes() {
    assert_problem(
        "after a non-ascii canonical",
        "PERSON\tRecep Tayyip Erdoğan\t\tcountry=Türkiye\n",
        1,
        38,
        "bad country",
    );
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let error = Gazetteer::from_file("tests/fixtures/gazetteer/no-such-list.tsv").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("tests/fixtures/gazetteer/no-such-list.tsv:0:0: cannot read file"),
        "{error}"
    );
}

#[test]
fn a_well_formed_file_loads_every_field() {
    let source = "\
# comment, then a blank line

PERSON\tJens Stoltenberg\tStoltenberg\tid=Q57286 ; country=NO ; held=Prime Minister@NO:2005-10-17..2013-10-16 ; held=Secretary-General@NATO:2014-10-01..2024-10-01 ; wikipedia=Jens_Stoltenberg\r
PLACE\tBaghdad\tBagdad\tid=geonames:98182 ; country=IQ ; kind=city ; population=7216000
TITLE\tPrime Minister\tPremier | PM\tkind=office
DEMONYM\tIraqi\tIraqis\tof=Iraq
ORG\tNATO
";
    let gazetteer = Gazetteer::parse("mixed", source).unwrap();
    assert_eq!(gazetteer.name(), "mixed");
    let kinds: Vec<EntityKind> = gazetteer.entries().iter().map(|e| e.kind()).collect();
    assert_eq!(
        kinds,
        [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Title,
            EntityKind::Demonym,
            EntityKind::Org
        ]
    );
    let jens = &gazetteer.entries()[0];
    assert_eq!(jens.line(), 3);
    assert_eq!(jens.aliases(), ["Stoltenberg"]);
    assert_eq!(jens.attribute("wikipedia"), Some("Jens_Stoltenberg"));
    assert_eq!(jens.offices().len(), 2);
    assert_eq!(jens.offices()[1].office, "Secretary-General");
    assert_eq!(jens.offices()[1].body, "NATO");
    assert_eq!(jens.offices()[1].to, Some(date(2024, 10, 1)));
    let baghdad = &gazetteer.entries()[1];
    assert_eq!(
        (
            baghdad.id(),
            baghdad.country(),
            baghdad.subtype(),
            baghdad.population()
        ),
        (
            Some("geonames:98182"),
            Some("IQ"),
            Some("city"),
            Some(7216000)
        )
    );
    assert_eq!(gazetteer.entries()[2].aliases(), ["Premier", "PM"]);
    assert_eq!(gazetteer.entries()[3].of(), Some("Iraq"));
    assert_eq!(gazetteer.entries()[4].names().collect::<Vec<_>>(), ["NATO"]);
}

#[test]
fn open_and_partial_terms() {
    let gazetteer = Gazetteer::parse("people", "PERSON\tA B\t\theld=Mayor@Ankara:2019..\nPERSON\tC D\t\theld=Mayor@Ankara:2009-03..2014-03\n").unwrap();
    let open = &gazetteer.entries()[0].offices()[0];
    assert_eq!((open.from, open.to), (date(2019, 1, 1), None));
    let partial = &gazetteer.entries()[1].offices()[0];
    assert_eq!(
        (partial.from, partial.to),
        (date(2009, 3, 1), Some(date(2014, 3, 31)))
    );
}

/// An entry in brief: kind, canonical name, aliases, id, source line.
type EntrySummary<'a> = (EntityKind, &'a str, Vec<&'a str>, Option<&'a str>, usize);

#[test]
fn spacy_phrase_patterns_import() {
    let gazetteer = Gazetteer::from_file("tests/fixtures/gazetteer/ruler.jsonl").unwrap();
    assert_eq!(gazetteer.name(), "ruler");
    let summary: Vec<EntrySummary<'_>> = gazetteer
        .entries()
        .iter()
        .map(|e| {
            (
                e.kind(),
                e.canonical(),
                e.aliases().iter().map(String::as_str).collect(),
                e.id(),
                e.line(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                EntityKind::Org,
                "NATO",
                vec!["North Atlantic Treaty Organization"],
                Some("nato"),
                1
            ),
            (EntityKind::Place, "Baghdad", vec![], None, 3),
            (EntityKind::Demonym, "Iraqi", vec![], None, 4),
            (
                EntityKind::Person,
                "Jens Stoltenberg",
                vec![],
                Some("Q57286"),
                5
            ),
        ]
    );
}

#[test]
fn spacy_token_patterns_are_rejected_with_a_pointer_to_rules() {
    let error = Gazetteer::from_file("tests/fixtures/gazetteer/token_pattern.jsonl").unwrap_err();
    assert_eq!(error.problems().len(), 1);
    let problem = &error.problems()[0];
    assert_eq!((problem.line, problem.column), (2, 18));
    assert!(
        problem.message.contains("token patterns are not supported"),
        "{}",
        problem.message
    );
    assert!(
        problem.message.contains("rules/README.md"),
        "{}",
        problem.message
    );
}

#[test]
fn spacy_problems_carry_line_and_column() {
    let cases: &[(&str, &str, usize, usize, &str)] = &[
        (
            "unsupported label",
            "{\"label\": \"ORG\", \"pattern\": \"NATO\"}\n{\"label\": \"MONEY\", \"pattern\": \"$5\"}\n",
            2,
            2,
            "unsupported label \"MONEY\"",
        ),
        (
            "invalid json",
            "{\"label\": \"ORG\", \"pattern\": \"NATO\"\n",
            1,
            34,
            "invalid json: eof while parsing an object",
        ),
        (
            "missing label",
            "{\"pattern\": \"NATO\"}\n",
            1,
            1,
            "expected a string \"label\"",
        ),
        (
            "missing pattern",
            "{\"label\": \"ORG\"}\n",
            1,
            1,
            "expected a string \"pattern\"",
        ),
        (
            "empty pattern",
            "{\"label\": \"ORG\", \"pattern\": \" \"}\n",
            1,
            18,
            "empty pattern",
        ),
        ("not an object", "[1, 2]\n", 1, 1, "expected a json object"),
        (
            "punctuation pattern",
            "{\"label\": \"ORG\", \"pattern\": \"--\"}\n",
            1,
            18,
            "pattern \"--\" has no letter or digit",
        ),
    ];
    for (name, source, line, column, needle) in cases {
        let error = Gazetteer::from_spacy_jsonl("ruler", source).unwrap_err();
        let problem = &error.problems()[0];
        assert_eq!(
            (problem.line, problem.column),
            (*line, *column),
            "case {name}: {}",
            problem.message
        );
        assert!(
            problem.message.contains(needle),
            "case {name}: {}",
            problem.message
        );
    }
}
