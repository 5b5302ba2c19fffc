//! The configurable bounds of the builder: each gives an error that says
//! which limit was hit and where, never a crash.

use herald::{
    DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_GAZETTEER_LINE_BYTES, Error, ExtractError, Extractor,
};

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("herald-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

fn small_builder() -> herald::ExtractorBuilder {
    // The limits do not depend on the embedded data; leaving it out keeps
    // each build quick.
    Extractor::builder()
        .without_default_gazetteers()
        .without_default_rules()
}

#[test]
fn try_extract_refuses_a_document_over_the_limit() {
    let extractor = small_builder().max_document_bytes(10).build().unwrap();
    assert_eq!(extractor.max_document_bytes(), 10);
    assert!(extractor.try_extract("0123456789").is_ok(), "at the limit");
    let error = extractor.try_extract("0123456789A").unwrap_err();
    assert_eq!(
        error,
        ExtractError::DocumentTooLarge {
            bytes: 11,
            limit: 10
        }
    );
    assert_eq!(
        error.to_string(),
        "document of 11 bytes is over the limit of 10 bytes"
    );
    let dated = extractor.try_extract_dated("0123456789AB", Some(jiff::civil::date(2024, 1, 2)));
    assert!(matches!(
        dated,
        Err(ExtractError::DocumentTooLarge { bytes: 12, .. })
    ));
}

#[test]
fn try_extract_gives_what_extract_gives() {
    let extractor = Extractor::default();
    let text = "Talks resumed in Lisbon on Tuesday, Kessler said.";
    assert_eq!(
        extractor.try_extract(text).unwrap(),
        extractor.extract(text)
    );
    assert_eq!(extractor.max_document_bytes(), DEFAULT_MAX_DOCUMENT_BYTES);
}

#[test]
fn a_gazetteer_file_with_a_long_line_names_its_file_line_and_column() {
    let long = format!("ORG\tTigris Water Board\t{}\n", "é".repeat(20));
    let path = write("long-line.tsv", &format!("# boards\nORG\tTWB\n{long}"));
    let error = small_builder()
        .max_gazetteer_line_bytes(30)
        .gazetteer_file(&path)
        .build()
        .unwrap_err();
    let Error::Gazetteer(problems) = &error else {
        panic!("expected a gazetteer error, got {error:?}");
    };
    let problem = &problems.problems()[0];
    assert_eq!(
        (problem.line, problem.path.as_str()),
        (3, &*path.to_string_lossy())
    );
    // 30 bytes are "ORG\tTigris Water Board\t" (23) and three "é" (6):
    // char 27 is the first that does not fit.
    assert_eq!(problem.column, 27);
    assert_eq!(
        error.to_string(),
        format!("{}:3:27: line longer than 30 bytes", path.display())
    );
}

#[test]
fn the_default_line_limit_lets_every_embedded_gazetteer_line_through() {
    // The embedded gazetteers are not checked, but an exported copy of one
    // loaded as a user file must still load.
    let cities = std::fs::read_to_string("gazetteers/cities.tsv").expect("cities");
    let longest = cities.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < DEFAULT_MAX_GAZETTEER_LINE_BYTES, "{longest}");
}

#[test]
fn too_many_gazetteer_entries_name_the_first_line_over_the_limit() {
    let source = "# three entries\nORG\tAlpha Board\n\nORG\tBeta Board\n# note\nORG\tGamma Board\n";
    let error = small_builder()
        .max_gazetteer_entries(2)
        .gazetteer_source("boards", source)
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "boards:6:1: more than 2 entries in one gazetteer"
    );
    let extractor = small_builder()
        .max_gazetteer_entries(3)
        .gazetteer_source("boards", source)
        .build()
        .expect("three entries are allowed");
    let doc = extractor.extract("The Gamma Board met.");
    assert_eq!(doc.entities().len(), 1);
}

#[test]
fn rule_limits_name_their_file_line_and_column() {
    let cases = [
        (
            "rule a/b/1 -> ORG\n  match \"x\" Cap{1,500}\n  example \"x Y\" => entity=\"x Y\"\n",
            "r.rules:2:16: repetition bound too large",
        ),
        (
            "rule a/b/1 -> ORG\n  match \"x\" ... \"y\"\n  example \"x y\" => entity=\"x y\"\n",
            "r.rules:2:13: unbounded gap",
        ),
        (
            "rule a/b/1 -> ORG\n  match \"x\" Any* \"y\"\n  example \"x y\" => entity=\"x y\"\n",
            "r.rules:2:16: unbounded gap",
        ),
    ];
    for (source, expected) in cases {
        let error = small_builder()
            .rules_source("r.rules", source)
            .build()
            .unwrap_err();
        assert!(matches!(error, Error::Rules(_)), "{error:?}");
        assert!(
            error.to_string().starts_with(expected),
            "{source:?}: {error}"
        );
    }
}
