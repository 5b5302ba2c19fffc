//! What one extraction returns.

use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The kind of an entity mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organization: governments, ministries, parties, agencies, outlets.
    Org,
    /// A place: countries, cities, regions.
    Place,
    /// A calendar date.
    Date,
    /// A title or role ("Prime Minister"); supporting type, not scored.
    Title,
    /// A demonym ("Iraqi"); supporting type, not scored.
    Demonym,
}

impl EntityKind {
    /// The upper-case name used in files and JSON ("PERSON", "ORG", …).
    pub const fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Place => "PLACE",
            EntityKind::Date => "DATE",
            EntityKind::Title => "TITLE",
            EntityKind::Demonym => "DEMONYM",
        }
    }

    /// Parses the upper-case name ("PERSON", "ORG", …).
    pub fn parse(name: &str) -> Option<EntityKind> {
        Some(match name {
            "PERSON" => EntityKind::Person,
            "ORG" => EntityKind::Org,
            "PLACE" => EntityKind::Place,
            "DATE" => EntityKind::Date,
            "TITLE" => EntityKind::Title,
            "DEMONYM" => EntityKind::Demonym,
            _ => return None,
        })
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum EventKind {
    /// Two or more parties meet.
    Meeting,
    /// One party invites another somewhere.
    Invitation,
    /// Someone says something.
    Statement,
}

/// The role an argument plays in an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Role {
    /// Meeting: who met.
    Participant,
    /// Meeting: where.
    Place,
    /// Meeting: on what occasion.
    Occasion,
    /// Invitation: who invites.
    Inviter,
    /// Invitation: who is invited.
    Invitee,
    /// Invitation: where to.
    Destination,
    /// Statement: who speaks.
    Speaker,
    /// Statement: to whom.
    Addressee,
    /// Statement: what was said.
    Content,
}

/// Whether an event is said to have happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Modality {
    /// Reported as having happened.
    #[default]
    Asserted,
    /// Reported as not having happened.
    Negated,
    /// Announced for the future.
    Future,
    /// Conditional or speculative.
    Hypothetical,
}

/// Where a mention or event came from, so a user can see why it was found.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Source {
    /// A gazetteer entry: `gazetteer` names the list, `entry` the entry id.
    Gazetteer {
        /// The gazetteer's name (its file stem).
        gazetteer: String,
        /// The entry's id within it.
        entry: String,
    },
    /// A rule, by its hierarchical id.
    Rule(String),
}

impl From<Source> for String {
    fn from(source: Source) -> String {
        match source {
            Source::Gazetteer { gazetteer, entry } => format!("gazetteer:{gazetteer}:{entry}"),
            Source::Rule(id) => format!("rule:{id}"),
        }
    }
}

impl From<String> for Source {
    fn from(text: String) -> Source {
        if let Some(rest) = text.strip_prefix("gazetteer:") {
            let (gazetteer, entry) = rest.split_once(':').unwrap_or((rest, ""));
            Source::Gazetteer {
                gazetteer: gazetteer.to_owned(),
                entry: entry.to_owned(),
            }
        } else {
            Source::Rule(text.strip_prefix("rule:").unwrap_or(&text).to_owned())
        }
    }
}

/// One entity mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Byte span of the mention.
    pub span: Span,
    /// Its kind.
    pub kind: EntityKind,
    /// Cluster id shared by every mention of the same real-world thing.
    pub cluster: String,
    /// Canonical name, where known.
    pub canonical: Option<String>,
    /// ISO 8601 value, for dates.
    pub value: Option<String>,
    /// What produced it.
    pub source: Source,
}

/// One argument of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Argument {
    /// The role it plays.
    pub role: Role,
    /// Byte span of the argument text.
    pub span: Span,
    /// Cluster id of the entity it refers to, if resolved.
    pub entity: Option<String>,
}

/// One event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Its kind.
    pub kind: EventKind,
    /// Byte span of the trigger ("met", "extended an invitation").
    pub trigger: Span,
    /// Its arguments.
    pub arguments: Vec<Argument>,
    /// ISO date when the event happened, if the text says.
    pub date: Option<String>,
    /// Whether it happened.
    pub modality: Modality,
    /// Id shared by every mention of the same real-world event.
    pub id: String,
    /// The rule that produced it.
    pub rule: String,
}

/// The result of extracting one text: the text itself plus entities and
/// events referring to byte spans in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub(crate) text: String,
    pub(crate) date: Option<jiff::civil::Date>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) events: Vec<Event>,
}

impl Document {
    /// Assembles a document. Entities are kept in text order.
    pub fn new(
        text: String,
        date: Option<jiff::civil::Date>,
        mut entities: Vec<Entity>,
        events: Vec<Event>,
    ) -> Document {
        entities.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
        Document {
            text,
            date,
            entities,
            events,
        }
    }

    /// The input text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The document date the extraction resolved relative dates against.
    pub fn date(&self) -> Option<jiff::civil::Date> {
        self.date
    }

    /// Entity mentions, in text order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Events, in text order of their triggers.
    pub fn events(&self) -> &[Event] {
        &self.events
    }
}
