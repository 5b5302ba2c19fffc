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
    let extractor = Extractor::builder()
        .gazetteer_file(&path)
        .unwrap()
        .build()
        .unwrap();
    let doc = extractor.extract("Levels fell, the TWB said.");
    let org = doc
        .entities()
        .iter()
        .find(|e| e.kind == EntityKind::Org)
        .expect("ORG found");
    assert_eq!(&doc.text()[org.span], "TWB");
    assert_eq!(org.canonical.as_deref(), Some("Tigris Water Board"));
    match &org.source {
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
    let extractor = Extractor::builder()
        .gazetteer_file(&path)
        .unwrap()
        .build()
        .unwrap();
    let doc = extractor.extract("The Tigris Water Board met.");
    assert!(
        doc.entities()
            .iter()
            .any(|e| e.kind == EntityKind::Org && &doc.text()[e.span] == "Tigris Water Board")
    );
}

#[test]
fn added_rules_take_part_in_extraction() {
    let path = write(
        "mine.rules",
        "rule org/water-board/1 -> ORG priority 22\n  match entity:(Cap+ \"water\" \"board\")\n  example \"The Lower Zab Water Board met.\" => entity=\"Lower Zab Water Board\"\n",
    );
    let extractor = Extractor::builder()
        .rules_file(&path)
        .unwrap()
        .build()
        .unwrap();
    let doc = extractor.extract("Officials of the Lower Zab Water Board met on Monday.");
    assert!(
        doc.entities()
            .iter()
            .any(|e| &doc.text()[e.span] == "Lower Zab Water Board" && e.kind == EntityKind::Org),
        "{:?}",
        doc.entities()
    );
}

#[test]
fn malformed_gazetteer_fails_with_file_line_and_column() {
    let path = write("broken.tsv", "PLACE\tZakho\n\nCITY\tDuhok\n");
    let error = Extractor::builder()
        .gazetteer_file(&path)
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
        .unwrap()
        .build()
        .unwrap_err()
        .to_string();
    assert!(error.contains("broken.rules:2:20"), "{error}");
}

#[test]
fn missing_file_names_the_path() {
    let error = Extractor::builder()
        .gazetteer_file("/nonexistent/people.tsv")
        .unwrap_err()
        .to_string();
    assert!(error.contains("/nonexistent/people.tsv"), "{error}");
}
