//! Datelines through the whole extractor: the place is a PLACE even when no
//! gazetteer lists it, its date is a DATE, and a capitals rubric before a
//! dash is neither.

use herald::{EntityKind, Extractor};
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

fn entities(text: &str) -> Vec<(String, EntityKind, Option<String>)> {
    let doc = EXTRACTOR.extract_dated(text, jiff::civil::Date::new(2024, 5, 3).ok());
    doc.entities()
        .iter()
        .map(|e| {
            (
                text[e.span()].to_owned(),
                e.kind(),
                e.value().map(|v| v.to_string()),
            )
        })
        .collect()
}

#[test]
fn unknown_dateline_town_is_a_place() {
    let found = entities("ZORVANI, May 3 — Water prices rose again.");
    assert!(
        found.contains(&("ZORVANI".into(), EntityKind::Place, None)),
        "{found:?}"
    );
    assert!(
        found.contains(&("May 3".into(), EntityKind::Date, Some("2024-05-03".into()))),
        "{found:?}"
    );
}

#[test]
fn dateline_with_agency_and_no_date_is_a_place() {
    let found = entities("ZORVANI (Reuters) - Water prices rose again.");
    assert!(
        found.contains(&("ZORVANI".into(), EntityKind::Place, None)),
        "{found:?}"
    );
}

#[test]
fn capitals_rubric_before_a_dash_is_not_a_place() {
    let found = entities("CRICKET - Zorvani beat the visitors by six wickets.");
    assert!(
        found.iter().all(|(text, _, _)| text != "CRICKET"),
        "{found:?}"
    );
}

#[test]
fn mentions_of_one_date_share_a_cluster_named_for_it() {
    let text = "Talks opened on Friday. The Friday session ran late.";
    let doc = EXTRACTOR.extract_dated(text, jiff::civil::Date::new(2024, 5, 3).ok());
    let clusters: Vec<&str> = doc
        .entities()
        .iter()
        .filter(|e| e.kind() == EntityKind::Date)
        .map(|e| e.cluster())
        .collect();
    assert_eq!(clusters, ["date-2024-05-03", "date-2024-05-03"]);
}

#[test]
fn unresolved_dates_cluster_by_what_they_say() {
    let text = "Talks opened on Tuesday and resume next month.";
    let doc = EXTRACTOR.extract(text);
    let clusters: Vec<&str> = doc
        .entities()
        .iter()
        .filter(|e| e.kind() == EntityKind::Date)
        .map(|e| e.cluster())
        .collect();
    assert_eq!(clusters, ["date-tuesday", "date-next-month"]);
}
