//! A prediction in the format of the evaluation README: what herald writes
//! for one document, read back from JSON or taken from a [`Document`].

use super::error::Error;
use crate::document::Document;
use crate::span::Span;
use serde::Deserialize;

/// The entities and events predicted for one document.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Prediction {
    /// Predicted entity mentions.
    #[serde(default)]
    pub entities: Vec<PredictedEntity>,
    /// Predicted events, in the order they are matched.
    #[serde(default)]
    pub events: Vec<PredictedEvent>,
}

/// A predicted entity mention.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PredictedEntity {
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Entity type (`PERSON`, `ORG`, `PLACE`, `DATE`; others are not scored).
    #[serde(rename = "type")]
    pub kind: String,
    /// The system's cluster id.
    #[serde(default)]
    pub entity: Option<String>,
    /// ISO value, for dates.
    #[serde(default)]
    pub value: Option<String>,
    /// What produced it (`gazetteer:…` or `rule:…`), shown with mistakes.
    #[serde(default)]
    pub source: Option<String>,
}

impl PredictedEntity {
    /// Its byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end.max(self.start))
    }
}

/// The trigger of a predicted event.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PredictedTrigger {
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A predicted event argument.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PredictedArgument {
    /// Role name (`participant`, `speaker`, …).
    pub role: String,
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Cluster id of the entity it refers to.
    #[serde(default)]
    pub entity: Option<String>,
}

impl PredictedArgument {
    /// Its byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end.max(self.start))
    }
}

/// A predicted event.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PredictedEvent {
    /// `Meeting`, `Invitation` or `Statement`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The trigger span.
    pub trigger: PredictedTrigger,
    /// Arguments.
    #[serde(default)]
    pub arguments: Vec<PredictedArgument>,
    /// When it happened (ISO 8601).
    #[serde(default)]
    pub date: Option<String>,
    /// The rule that produced it, shown with mistakes.
    #[serde(default)]
    pub rule: Option<String>,
}

impl PredictedEvent {
    /// The trigger's byte span.
    pub fn trigger_span(&self) -> Span {
        Span::new(self.trigger.start, self.trigger.end.max(self.trigger.start))
    }
}

impl Prediction {
    /// Parses herald's JSON output for one document (extra fields are ignored).
    pub fn from_json(json: &str) -> Result<Prediction, Error> {
        serde_json::from_str(json).map_err(|e| Error::json(&e))
    }

    /// Reads a prediction file; errors name the file, line and column.
    pub fn load(path: &std::path::Path) -> Result<Prediction, Error> {
        let json = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        Prediction::from_json(&json).map_err(|e| e.in_file(path))
    }
}

impl From<&Document> for Prediction {
    fn from(doc: &Document) -> Prediction {
        let entities = doc
            .entities()
            .iter()
            .map(|entity| PredictedEntity {
                start: entity.span.start,
                end: entity.span.end,
                kind: entity.kind.as_str().to_owned(),
                entity: Some(entity.cluster.to_string()),
                value: entity.value.map(|value| value.to_string()),
                source: Some(entity.source.to_string()),
            })
            .collect();
        let events = doc
            .events()
            .iter()
            .map(|event| PredictedEvent {
                kind: event.kind.as_str().to_owned(),
                trigger: PredictedTrigger {
                    start: event.trigger.start,
                    end: event.trigger.end,
                },
                arguments: event
                    .arguments
                    .iter()
                    .map(|argument| PredictedArgument {
                        role: argument.role.as_str().to_owned(),
                        start: argument.span.start,
                        end: argument.span.end,
                        entity: argument.entity.as_deref().map(str::to_owned),
                    })
                    .collect(),
                date: event
                    .date
                    .map(|date| crate::DateValue::Day(date).to_string()),
                rule: Some(event.rule.to_string()),
            })
            .collect();
        Prediction { entities, events }
    }
}

/// The name serde gives a value that serializes to a plain string.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Argument, Entity, EntityKind, Event, EventKind, Modality, Role, Source};

    #[test]
    fn prediction_from_document_equals_prediction_from_its_json() {
        let text = "The mayor of Lyon said on Friday that talks failed.".to_owned();
        let doc = Document::new(
            text,
            None,
            vec![Entity {
                span: Span::new(13, 17),
                kind: EntityKind::Place,
                cluster: "lyon".into(),
                canonical: None,
                value: None,
                source: Source::Rule("place/cap".into()).into(),
                attributes: Default::default(),
            }],
            vec![Event {
                kind: EventKind::Statement,
                trigger: Span::new(18, 22),
                sentence: Span::new(0, 30),
                arguments: vec![Argument {
                    role: Role::Speaker,
                    span: Span::new(0, 17),
                    entity: Some("mayor".into()),
                }],
                date: Some(jiff::civil::date(2022, 6, 3)),
                modality: Modality::Asserted,
                id: "s1".into(),
                rule: "statement/said".into(),
            }],
        );
        let direct = Prediction::from(&doc);
        let via_json = Prediction::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        assert_eq!(direct, via_json);
        assert_eq!(direct.events[0].kind, "Statement");
        assert_eq!(direct.events[0].arguments[0].role, "speaker");
    }
}
