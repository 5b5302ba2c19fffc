//! Building custom extractors: added gazetteers and rules take part in
//! extraction, and bad files fail at build time with file:line:column.

use herald::{EntityKind, Extractor};

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("herald-builder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

#[test]
fn extractor_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extractor>();
}

#[test]
fn added_gazetteer_entries_are_found_with_their_source() {
    let path = write("boards.tsv", "ORG\tTigris Water Board\tTWB\tkind=agency\n");
    let extractor = Extractor::builder().gazetteer_file(&path).build().unwrap();
    let doc = extractor.extract("Levels fell, the TWB said.");
    let org = doc
        .entities()
        .iter()
        .find(|e| e.kind() == EntityKind::Org)
        .expect("ORG found");
    assert_eq!(&doc.text()[org.span()], "TWB");
    assert_eq!(org.canonical(), Some("Tigris Water Board"));
    match &org.source() {
        herald::Source::Gazetteer { gazetteer, .. } => assert_eq!(gazetteer, "boards"),
        other => panic!("expected a gazetteer source, got {other:?}"),
    }
}

#[test]
fn spacy_patterns_load_by_extension() {
    let path = write(
        "ruler.jsonl",
        "{\"label\": \"ORG\", \"pattern\": \"Tigris Water Board\", \"id\": \"twb\"}\n",
    );
    let extractor = Extractor::builder().gazetteer_file(&path).build().unwrap();
    let doc = extractor.extract("The Tigris Water Board met.");
    assert!(
        doc.entities()
            .iter()
            .any(|e| e.kind() == EntityKind::Org && &doc.text()[e.span()] == "Tigris Water Board")
    );
}

#[test]
fn added_rules_take_part_in_extraction() {
    let path = write(
        "mine.rules",
        "rule org/water-board/1 -> ORG priority 22\n  match entity:(Cap+ \"water\" \"board\")\n  example \"The Lower Zab Water Board met.\" => entity=\"Lower Zab Water Board\"\n",
    );
    let extractor = Extractor::builder().rules_file(&path).build().unwrap();
    let doc = extractor.extract("Officials of the Lower Zab Water Board met on Monday.");
    assert!(
        doc.entities().iter().any(
            |e| &doc.text()[e.span()] == "Lower Zab Water Board" && e.kind() == EntityKind::Org
        ),
        "{:?}",
        doc.entities()
    );
}

#[test]
fn malformed_gazetteer_fails_with_file_line_and_column() {
    let path = write("broken.tsv", "PLACE\tZakho\n\nCITY\tDuhok\n");
    let error = Extractor::builder()
        .gazetteer_file(&path)
        .build()
        .unwrap_err()
        .to_string();
    assert!(error.contains("broken.tsv:3:1"), "{error}");
}

#[test]
fn malformed_rules_fail_at_build_with_file_line_and_column() {
    let path = write(
        "broken.rules",
        "rule org/x/1 -> ORG\n  match entity:Cap @nolist\n  example \"Acme said.\"\n",
    );
    let error = Extractor::builder()
        .rules_file(&path)
        .build()
        .unwrap_err()
        .to_string();
    assert!(error.contains("broken.rules:2:20"), "{error}");
}

#[test]
fn missing_file_names_the_path_and_keeps_the_io_cause() {
    use std::error::Error as _;
    let error = Extractor::builder()
        .gazetteer_file("/nonexistent/people.tsv")
        .build()
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("/nonexistent/people.tsv"), "{message}");
    let cause = error.source().expect("the I/O error is the source");
    assert_eq!(
        cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind),
        Some(std::io::ErrorKind::NotFound)
    );
    // the cause is not repeated in the message
    assert!(!message.contains(&cause.to_string()), "{message}");
}

/// One story with a probe for each data source: "Baghdad" is in the default
/// places; "Meridian Oil Inc." is found by the default rule org/company/1;
/// "TWB" only by the custom gazetteer; "Zarqa Frobnicators" only by the
/// custom rule; "September 21, 2023" by the date recognizer, which is code
/// and always on.
const PROBE: &str = "Shares of Meridian Oil Inc. fell in Baghdad on September 21, 2023, the TWB said. The Zarqa Frobnicators met.";

const CUSTOM_GAZETTEER: &str = "ORG\tTigris Water Board\tTWB\tkind=agency\n";

const CUSTOM_RULES: &str = "rule org/frobnicators/1 -> ORG priority 22\n  match entity:(Cap \"frobnicators\")\n  example \"The Zarqa Frobnicators met.\" => entity=\"Zarqa Frobnicators\"\n";

/// Every combination of {default gazetteers, default rules} on or off with a
/// custom gazetteer and custom rules added or not builds, and each source
/// contributes exactly when it is in.
#[test]
fn every_combination_of_default_and_custom_data_builds_and_uses_what_it_has() {
    let rules_path = write("combinations.rules", CUSTOM_RULES);
    for mask in 0..16u8 {
        let (default_gazetteers, default_rules, custom_gazetteer, custom_rules) =
            (mask & 1 != 0, mask & 2 != 0, mask & 4 != 0, mask & 8 != 0);
        let case = format!(
            "default gazetteers {default_gazetteers}, default rules {default_rules}, custom gazetteer {custom_gazetteer}, custom rules {custom_rules}"
        );
        let mut builder = Extractor::builder();
        if !default_gazetteers {
            builder = builder.without_default_gazetteers();
        }
        if !default_rules {
            builder = builder.without_default_rules();
        }
        if custom_gazetteer {
            builder = builder.gazetteer_source("mine", CUSTOM_GAZETTEER);
        }
        if custom_rules {
            builder = builder.rules_file(&rules_path);
        }
        let extractor = builder
            .build()
            .unwrap_or_else(|error| panic!("{case}: {error}"));
        let doc = extractor.extract(PROBE);
        let found = |text: &str, kind: EntityKind, source: &dyn Fn(&herald::Source) -> bool| {
            doc.entities()
                .iter()
                .any(|e| &doc.text()[e.span()] == text && e.kind() == kind && source(e.source()))
        };
        let from_gazetteer = |name: &'static str| move |source: &herald::Source| matches!(source, herald::Source::Gazetteer { gazetteer, .. } if gazetteer == name);
        let from_rule = |id: &'static str| move |source: &herald::Source| matches!(source, herald::Source::Rule(rule) if rule == id);
        let any_gazetteer =
            |source: &herald::Source| matches!(source, herald::Source::Gazetteer { .. });
        let entities = doc.entities();

        assert_eq!(
            found("Baghdad", EntityKind::Place, &any_gazetteer),
            default_gazetteers,
            "{case}: Baghdad from the default places; {entities:?}"
        );
        assert_eq!(
            found(
                "Meridian Oil Inc.",
                EntityKind::Org,
                &from_rule("org/company/1")
            ),
            default_rules,
            "{case}: default rule org/company/1; {entities:?}"
        );
        assert_eq!(
            found("TWB", EntityKind::Org, &from_gazetteer("mine")),
            custom_gazetteer,
            "{case}: TWB from the custom gazetteer; {entities:?}"
        );
        assert_eq!(
            found(
                "Zarqa Frobnicators",
                EntityKind::Org,
                &from_rule("org/frobnicators/1")
            ),
            custom_rules,
            "{case}: the custom rule; {entities:?}"
        );
        assert!(
            doc.entities()
                .iter()
                .any(|e| e.kind() == EntityKind::Date
                    && &doc.text()[e.span()] == "September 21, 2023"),
            "{case}: the date; {entities:?}"
        );
    }
}

#[test]
fn a_rule_needing_an_empty_generated_list_loads_and_never_matches() {
    // Without TITLE entries the generated @title list is empty: a rule that
    // needs a title loads (the bundled rules do) but cannot match.
    let path = write(
        "titled.rules",
        "rule person/titled/1 -> PERSON priority 21\n  match @title entity:Cap\n  example \"Minister Okafor spoke.\" => entity=\"Okafor\"\n",
    );
    let without_titles = |title: &str| {
        Extractor::builder()
            .without_default_gazetteers()
            .without_default_rules()
            .gazetteer_source("mine", &format!("ORG\tTigris Water Board\tTWB\n{title}"))
            .rules_file(&path)
            .build()
            .unwrap()
    };
    let titled = |extractor: &Extractor| {
        let doc = extractor.extract("Minister Okafor spoke.");
        doc.entities()
            .iter()
            .any(|e| matches!(&e.source(), herald::Source::Rule(id) if id == "person/titled/1"))
    };
    assert!(!titled(&without_titles("")));
    // The same rule fires once a gazetteer lists the title.
    assert!(titled(&without_titles("TITLE\tMinister\n")));
}
