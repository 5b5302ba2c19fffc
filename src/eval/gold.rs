//! The gold format of the evaluation README, and loading it from files.

use super::error::Error;
use crate::span::Span;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One gold document: what a correct extraction of one text contains.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GoldDocument {
    /// The text file, relative to the gold file's directory.
    pub text: String,
    /// The date the story was filed (ISO 8601), relative dates resolve against it.
    #[serde(default)]
    pub document_date: Option<String>,
    /// False when only events were annotated: entity scores are then not computed.
    #[serde(default = "yes")]
    pub entities_annotated: bool,
    /// Scored entity mentions.
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Nominal and pronoun mentions: not scored, used to resolve event arguments.
    #[serde(default)]
    pub references: Vec<GoldReference>,
    /// Gold events.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    /// The entity types this document annotates, when fewer than all four
    /// (CoNLL-2003 has no DATE): predictions of other types are not scored.
    #[serde(default)]
    pub scored_types: Option<Vec<String>>,
}

fn yes() -> bool {
    true
}

/// A gold entity mention.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GoldEntity {
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The covered text.
    #[serde(default)]
    pub text: String,
    /// `PERSON`, `ORG`, `PLACE` or `DATE`; any other type (CoNLL's `MISC`)
    /// is not scored, and a prediction overlapping it is ignored.
    #[serde(rename = "type")]
    pub kind: String,
    /// Cluster id shared by every mention of the same thing.
    #[serde(default)]
    pub entity: String,
    /// The calendar date a DATE denotes.
    #[serde(default)]
    pub value: Option<String>,
    /// Defensible either way: finding it is not rewarded, missing it not penalised.
    #[serde(default)]
    pub optional: bool,
}

impl GoldEntity {
    /// Its byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end.max(self.start))
    }
}

/// A gold nominal or pronoun mention, used only to resolve arguments.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GoldReference {
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The covered text.
    #[serde(default)]
    pub text: String,
    /// The cluster it refers to.
    pub entity: String,
}

impl GoldReference {
    /// Its byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end.max(self.start))
    }
}

/// One trigger span of a gold event.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GoldTrigger {
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The covered text.
    #[serde(default)]
    pub text: String,
}

impl GoldTrigger {
    /// Its byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end.max(self.start))
    }
}

/// A gold event.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GoldEvent {
    /// `Meeting`, `Invitation` or `Statement`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its trigger spans; a prediction matches when its trigger overlaps any.
    pub triggers: Vec<GoldTrigger>,
    /// Role name → cluster ids.
    #[serde(default)]
    pub arguments: BTreeMap<String, Vec<String>>,
    /// When it happened (ISO 8601), if the text says.
    #[serde(default)]
    pub date: Option<String>,
    /// Shared by gold events describing the same real-world event.
    #[serde(default)]
    pub same_as: Option<String>,
    /// Defensible either way: a match counts nothing, a miss costs nothing.
    #[serde(default)]
    pub optional: bool,
}

impl GoldEvent {
    /// The distinct cluster ids filling `role`.
    pub fn clusters(&self, role: &str) -> std::collections::BTreeSet<&str> {
        self.arguments
            .get(role)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect()
    }
}

impl GoldDocument {
    /// Every gold mention, entity or reference, as (span, cluster id).
    pub fn mentions(&self) -> impl Iterator<Item = (Span, &str)> + '_ {
        self.entities
            .iter()
            .map(|g| (g.span(), g.entity.as_str()))
            .chain(
                self.references
                    .iter()
                    .map(|r| (r.span(), r.entity.as_str())),
            )
    }

    /// Parses gold JSON; errors carry line and column.
    pub fn from_json(json: &str) -> Result<GoldDocument, Error> {
        let gold: GoldDocument = serde_json::from_str(json).map_err(|e| Error::json(&e))?;
        if let Some(date) = &gold.document_date
            && date.parse::<jiff::civil::Date>().is_err()
        {
            return Err(Error::new(format!(
                "document_date {date:?} is not a YYYY-MM-DD date"
            )));
        }
        Ok(gold)
    }

    /// The document date, parsed.
    pub fn date(&self) -> Option<jiff::civil::Date> {
        self.document_date
            .as_deref()
            .and_then(|date| date.parse().ok())
    }
}

/// Reads a gold file and the text file it names (beside it).
///
/// Errors name the file, with line and column for malformed JSON.
pub fn load_gold(path: &Path) -> Result<(GoldDocument, String), Error> {
    let json = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let gold = GoldDocument::from_json(&json).map_err(|e| e.in_file(path))?;
    let text_path = path.parent().unwrap_or(Path::new(".")).join(&gold.text);
    let text = std::fs::read_to_string(&text_path).map_err(|e| Error::io(&text_path, &e))?;
    Ok((gold, text))
}

/// The gold files a path names: the path itself when it is a file, every
/// `*.json` in it (sorted by name) when it is a directory.
pub fn gold_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, &e))? {
        let entry = entry.map_err(|e| Error::io(path, &e))?;
        let file = entry.path();
        if file.extension().is_some_and(|ext| ext == "json") && file.is_file() {
            files.push(file);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::new("directory holds no *.json gold files").in_file(path));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_defaults_entities_annotated_to_true() {
        let gold =
            GoldDocument::from_json(r#"{"text": "a.txt", "document_date": "2021-01-05"}"#).unwrap();
        assert!(gold.entities_annotated);
        assert_eq!(gold.date(), Some(jiff::civil::date(2021, 1, 5)));
    }

    #[test]
    fn malformed_gold_names_line_and_column() {
        let cases = [
            (
                "missing comma",
                "{\"text\": \"a.txt\"\n \"entities\": []}",
                "2:2: expected `,` or `}`",
            ),
            (
                "wrong type",
                "{\"text\": \"a.txt\", \"entities\": {}}",
                "1:30: invalid type: map, expected a sequence",
            ),
            (
                "bad date",
                "{\"text\": \"a.txt\", \"document_date\": \"May 5\"}",
                "document_date \"May 5\"",
            ),
        ];
        for (name, json, expected) in cases {
            let error = GoldDocument::from_json(json).unwrap_err().to_string();
            assert!(error.contains(expected), "{name}: {error}");
        }
    }
}
