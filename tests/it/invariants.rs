//! What every extracted document must satisfy, whatever its input: the
//! checks the hostile-input, concurrency and property tests share.

use std::borrow::Cow;
use std::collections::HashSet;

use herald::{Document, Span};
use serde::Deserialize;

/// Checks `doc` and returns the first violation found:
///
/// - every entity, reference, event trigger, event sentence and argument
///   span lies within the text, on char boundaries (entities and
///   references are never empty);
/// - in the JSON output, every span's `text` is exactly the slice of the
///   text it names, and its `char_start`/`char_end` count the chars before
///   its ends;
/// - every argument's cluster id is the cluster of some entity or
///   reference of the document, and every event has an id.
pub fn check_document(doc: &Document) -> Result<(), String> {
    let text = doc.text();
    let within = |what: &str, span: Span, nonempty: bool| -> Result<(), String> {
        if span.start > span.end || span.end > text.len() {
            return Err(format!("{what} span {span:?} outside 0..{}", text.len()));
        }
        if nonempty && span.is_empty() {
            return Err(format!("{what} span {span:?} is empty"));
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(format!("{what} span {span:?} splits a char"));
        }
        Ok(())
    };
    // A role nominal ("the Jordanian Prime Minister") may be the only
    // mention of its cluster: it resolves to the office holder a gazetteer
    // names, whom the text need not name.
    let clusters: HashSet<&str> = doc
        .entities()
        .iter()
        .map(|e| e.cluster())
        .chain(doc.references().iter().map(|r| r.cluster()))
        .collect();
    for entity in doc.entities() {
        within("entity", entity.span(), true)?;
    }
    for reference in doc.references() {
        within("reference", reference.span(), true)?;
    }
    for event in doc.events() {
        within("trigger", event.trigger(), true)?;
        within("sentence", event.sentence(), false)?;
        if event.id().is_empty() {
            return Err(format!("event at {:?} has no id", event.trigger()));
        }
        for argument in event.arguments() {
            within("argument", argument.span(), false)?;
            if let Some(cluster) = argument.entity()
                && !clusters.contains(cluster)
            {
                return Err(format!(
                    "argument {:?} names cluster {cluster:?}, which no mention has",
                    argument.span()
                ));
            }
        }
    }
    check_json(doc)
}

/// The JSON side: each span the output shows (entities, references,
/// triggers, sentences, arguments) has the text's own slice as its `text`
/// and the right char offsets. Read into borrowed structs, not a
/// `serde_json::Value` tree, which took gigabytes on the hostile inputs.
fn check_json(doc: &Document) -> Result<(), String> {
    let text = doc.text();
    let json = serde_json::to_string(doc).map_err(|e| format!("does not serialize: {e}"))?;
    // The direct writer the command uses gives serde's bytes.
    if doc.to_json() != json {
        return Err(format!(
            "Document::to_json differs from serde_json:\n{}\n{json}",
            doc.to_json()
        ));
    }
    let out: Output<'_> =
        serde_json::from_str(&json).map_err(|e| format!("unexpected JSON shape: {e}"))?;
    let spans = out
        .entities
        .iter()
        .chain(&out.references)
        .chain(out.events.iter().flat_map(|e| {
            [&e.trigger, &e.sentence]
                .into_iter()
                .chain(e.arguments.iter())
        }));
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for span in spans {
        let (start, end) = (span.start, span.end);
        let slice = text.get(start..end).ok_or(format!(
            "JSON span {start}..{end} is not a slice of the text"
        ))?;
        if slice != span.text {
            return Err(format!(
                "JSON span {start}..{end} shows {:?}, the text has {slice:?}",
                span.text
            ));
        }
        ends.push((start, span.char_start));
        ends.push((end, span.char_end));
    }
    // Char offsets, checked in one walk over the text (a count per span
    // would be quadratic on the long hostile documents).
    ends.sort_unstable();
    let mut chars = 0;
    let mut at = 0;
    for (byte, expected) in ends {
        chars += text[at..byte].chars().count();
        at = byte;
        if chars != expected {
            return Err(format!(
                "byte offset {byte} is char {chars}, the JSON says {expected}"
            ));
        }
    }
    Ok(())
}

#[derive(Deserialize)]
struct Output<'a> {
    #[serde(borrow)]
    entities: Vec<JsonSpan<'a>>,
    #[serde(borrow)]
    references: Vec<JsonSpan<'a>>,
    #[serde(borrow)]
    events: Vec<JsonEvent<'a>>,
}

#[derive(Deserialize)]
struct JsonEvent<'a> {
    #[serde(borrow)]
    trigger: JsonSpan<'a>,
    #[serde(borrow)]
    sentence: JsonSpan<'a>,
    #[serde(borrow)]
    arguments: Vec<JsonSpan<'a>>,
}

#[derive(Deserialize)]
struct JsonSpan<'a> {
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    /// Borrowed from the JSON unless it holds escapes.
    #[serde(borrow)]
    text: Cow<'a, str>,
}

/// The document as JSON, the byte-exact form two extractions are compared in.
pub fn json(doc: &Document) -> String {
    serde_json::to_string(doc).expect("documents serialize")
}
