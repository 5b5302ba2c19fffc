//! What one extraction returns.

use crate::span::Span;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod json;

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
    /// Every kind, in declaration order.
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Person,
        EntityKind::Org,
        EntityKind::Place,
        EntityKind::Date,
        EntityKind::Title,
        EntityKind::Demonym,
    ];

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
        EntityKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad` so width and alignment flags apply, as for `str`.
        f.pad(self.as_str())
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

impl EventKind {
    /// Every kind, in declaration order.
    pub const ALL: [EventKind; 3] = [
        EventKind::Meeting,
        EventKind::Invitation,
        EventKind::Statement,
    ];

    /// The name used in rule files and JSON ("Meeting", "Invitation",
    /// "Statement").
    ///
    /// ```
    /// assert_eq!(herald::EventKind::Meeting.as_str(), "Meeting");
    /// assert_eq!(herald::EventKind::parse("Statement"), Some(herald::EventKind::Statement));
    /// ```
    pub const fn as_str(&self) -> &'static str {
        match self {
            EventKind::Meeting => "Meeting",
            EventKind::Invitation => "Invitation",
            EventKind::Statement => "Statement",
        }
    }

    /// Parses the name [`EventKind::as_str`] gives.
    pub fn parse(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad` so width and alignment flags apply, as for `str`.
        f.pad(self.as_str())
    }
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

impl Role {
    /// Every role, in declaration order.
    pub const ALL: [Role; 9] = [
        Role::Participant,
        Role::Place,
        Role::Occasion,
        Role::Inviter,
        Role::Invitee,
        Role::Destination,
        Role::Speaker,
        Role::Addressee,
        Role::Content,
    ];

    /// The name used in rule captures and JSON ("participant", "inviter", …).
    ///
    /// ```
    /// assert_eq!(herald::Role::Inviter.as_str(), "inviter");
    /// assert_eq!(herald::Role::parse("speaker"), Some(herald::Role::Speaker));
    /// ```
    pub const fn as_str(&self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Place => "place",
            Role::Occasion => "occasion",
            Role::Inviter => "inviter",
            Role::Invitee => "invitee",
            Role::Destination => "destination",
            Role::Speaker => "speaker",
            Role::Addressee => "addressee",
            Role::Content => "content",
        }
    }

    /// Parses the name [`Role::as_str`] gives.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// The event kind the role belongs to.
    pub const fn event_kind(&self) -> EventKind {
        match self {
            Role::Participant | Role::Place | Role::Occasion => EventKind::Meeting,
            Role::Inviter | Role::Invitee | Role::Destination => EventKind::Invitation,
            Role::Speaker | Role::Addressee | Role::Content => EventKind::Statement,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad` so width and alignment flags apply, as for `str`.
        f.pad(self.as_str())
    }
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

impl Modality {
    /// Every modality, in declaration order.
    pub const ALL: [Modality; 4] = [
        Modality::Asserted,
        Modality::Negated,
        Modality::Future,
        Modality::Hypothetical,
    ];

    /// The name used in JSON ("asserted", "negated", "future",
    /// "hypothetical").
    ///
    /// ```
    /// assert_eq!(herald::Modality::Future.to_string(), "future");
    /// ```
    pub const fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Future => "future",
            Modality::Hypothetical => "hypothetical",
        }
    }

    /// Parses the name [`Modality::as_str`] gives.
    pub fn parse(name: &str) -> Option<Modality> {
        Modality::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

impl std::fmt::Display for Modality {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad` so width and alignment flags apply, as for `str`.
        f.pad(self.as_str())
    }
}

/// Where a mention or event came from, so a user can see why it was found.
/// It serializes as its [`Display`](std::fmt::Display) string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(from = "String")]
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

/// As its display string, written straight into the output: every entity
/// of every document has a source, and going through a `String` cost a
/// clone and an allocation each.
impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl From<Source> for String {
    fn from(source: Source) -> String {
        source.to_string()
    }
}

impl Source {
    /// The pieces of the display string, in order: the one place its
    /// shape is written, for `Display` and the JSON writer alike.
    pub(crate) fn pieces(&self) -> [&str; 4] {
        match self {
            Source::Gazetteer { gazetteer, entry } => ["gazetteer:", gazetteer, ":", entry],
            Source::Rule(id) => ["rule:", id, "", ""],
        }
    }
}

/// `gazetteer:NAME:ENTRY` or `rule:ID`, as in JSON.
///
/// ```
/// let source = herald::Source::Rule("meeting/verb/meet".into());
/// assert_eq!(source.to_string(), "rule:meeting/verb/meet");
/// ```
impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.pieces()
            .into_iter()
            .try_for_each(|piece| f.write_str(piece))
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

/// The value of a DATE mention, at the precision the text gives: a day
/// ("Tuesday" against the document date), a month ("in May"), an ISO week
/// ("last week") or a year ("in 2023").
///
/// It displays and serializes as ISO 8601: `YYYY-MM-DD`, `YYYY-MM`,
/// `YYYY-Www` or `YYYY`.
///
/// ```
/// use herald::DateValue;
/// let day = DateValue::parse("2023-04-09").unwrap();
/// assert_eq!(day, DateValue::Day(jiff::civil::date(2023, 4, 9)));
/// assert_eq!(day.to_string(), "2023-04-09");
/// assert_eq!(DateValue::parse("2023-W14").unwrap().to_string(), "2023-W14");
/// assert_eq!(DateValue::parse("2023-04").unwrap().day(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DateValue {
    /// A calendar day.
    Day(jiff::civil::Date),
    /// A month of a year.
    Month {
        /// The year.
        year: i16,
        /// The month, 1 to 12.
        month: i8,
    },
    /// An ISO 8601 week.
    Week {
        /// The ISO week-numbering year.
        year: i16,
        /// The week, 1 to 53.
        week: i8,
    },
    /// A year.
    Year(i16),
}

impl DateValue {
    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www` or `YYYY` (four-digit
    /// years); `None` for anything else or an impossible date.
    pub fn parse(text: &str) -> Option<DateValue> {
        fn number<T: std::str::FromStr>(digits: &str, len: usize) -> Option<T> {
            if digits.len() == len && digits.bytes().all(|b| b.is_ascii_digit()) {
                digits.parse().ok()
            } else {
                None
            }
        }
        let mut parts = text.split('-');
        let year: i16 = number(parts.next()?, 4)?;
        let value = match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => DateValue::Year(year),
            (Some(week), None, _) if week.starts_with('W') => {
                let week: i8 = number(&week[1..], 2)?;
                jiff::civil::ISOWeekDate::new(year, week, jiff::civil::Weekday::Monday).ok()?;
                DateValue::Week { year, week }
            }
            (Some(month), None, _) => {
                let month: i8 = number(month, 2)?;
                if !(1..=12).contains(&month) {
                    return None;
                }
                DateValue::Month { year, month }
            }
            (Some(month), Some(day), None) => DateValue::Day(
                jiff::civil::Date::new(year, number(month, 2)?, number(day, 2)?).ok()?,
            ),
            _ => return None,
        };
        Some(value)
    }

    /// The day, for a value of day precision.
    pub fn day(&self) -> Option<jiff::civil::Date> {
        match self {
            DateValue::Day(date) => Some(*date),
            _ => None,
        }
    }
}

impl DateValue {
    /// The ISO 8601 text of a value whose year has four digits (every year
    /// news writes), put together without the formatting machinery, which
    /// cost about five hundred instructions a value: dates are written out
    /// and keyed (coreference) for every document.
    fn iso_text(&self) -> Option<IsoText> {
        let (year, parts): (i16, [Option<(&str, i8)>; 2]) = match self {
            DateValue::Day(date) => (
                date.year(),
                [Some(("-", date.month())), Some(("-", date.day()))],
            ),
            DateValue::Month { year, month } => (*year, [Some(("-", *month)), None]),
            DateValue::Week { year, week } => (*year, [Some(("-W", *week)), None]),
            DateValue::Year(year) => (*year, [None, None]),
        };
        if !(0..=9999).contains(&year) {
            return None;
        }
        let mut text = IsoText {
            bytes: [0; 10],
            len: 0,
        };
        text.push_digits(year.unsigned_abs(), 4);
        for (separator, number) in parts.into_iter().flatten() {
            for &byte in separator.as_bytes() {
                text.push(byte);
            }
            text.push_digits(number.unsigned_abs().into(), 2);
        }
        Some(text)
    }

    /// Appends the value's ISO 8601 text (its `Display`) to `out`.
    pub(crate) fn push_to(&self, out: &mut String) {
        match self.iso_text() {
            Some(text) => out.push_str(text.as_str()),
            None => {
                use std::fmt::Write;
                write!(out, "{self}").expect("writing to a String cannot fail");
            }
        }
    }
}

/// The text of [`DateValue::iso_text`]: at most ten ASCII bytes.
struct IsoText {
    bytes: [u8; 10],
    len: usize,
}

impl IsoText {
    fn push(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    /// Pushes `number`'s last `digits` decimal digits, zero-padded.
    fn push_digits(&mut self, number: u16, digits: u32) {
        for place in (0..digits).rev() {
            self.push(b'0' + (number / 10_u16.pow(place) % 10) as u8);
        }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// ISO 8601, as in JSON.
impl std::fmt::Display for DateValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(text) = self.iso_text() {
            return f.write_str(text.as_str());
        }
        match self {
            DateValue::Day(date) => write!(
                f,
                "{:04}-{:02}-{:02}",
                date.year(),
                date.month(),
                date.day()
            ),
            DateValue::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            DateValue::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            DateValue::Year(year) => write!(f, "{year:04}"),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A cluster id, shared by every mention, reference and event argument
/// of its cluster: a story names a cluster many times, and each owning its
/// own copy of the id cost an allocation and a copy (about a tenth of the
/// blocks extraction allocates).
pub(crate) type ClusterId = Arc<str>;

/// An entity's attributes: its own, or its gazetteer entry's, shared with
/// the entry's other mentions (most mentions of an entry carry just the
/// entry's `country`, and each had owned a copy).
#[derive(Clone)]
pub(crate) enum Attributes {
    Own(Vec<(String, String)>),
    Shared(Arc<[(String, String)]>),
}

impl Default for Attributes {
    fn default() -> Attributes {
        Attributes::Own(Vec::new())
    }
}

impl std::ops::Deref for Attributes {
    type Target = [(String, String)];
    fn deref(&self) -> &[(String, String)] {
        match self {
            Attributes::Own(own) => own,
            Attributes::Shared(shared) => shared,
        }
    }
}

impl FromIterator<(String, String)> for Attributes {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Attributes {
        Attributes::Own(pairs.into_iter().collect())
    }
}

impl From<Vec<(String, String)>> for Attributes {
    fn from(own: Vec<(String, String)>) -> Attributes {
        Attributes::Own(own)
    }
}

/// Equal when they hold the same pairs, however held.
impl PartialEq for Attributes {
    fn eq(&self, other: &Attributes) -> bool {
        **self == **other
    }
}

impl Eq for Attributes {}

impl std::fmt::Debug for Attributes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

/// One entity mention.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entity {
    /// Byte span of the mention.
    pub(crate) span: Span,
    /// Its kind.
    pub(crate) kind: EntityKind,
    /// Cluster id shared by every mention of the same real-world thing.
    pub(crate) cluster: ClusterId,
    /// Canonical name, where known: its gazetteer entry's, shared with the
    /// entry's other mentions.
    pub(crate) canonical: Option<Arc<str>>,
    /// The date's value, for dates.
    pub(crate) value: Option<DateValue>,
    /// What produced it, shared with the other mentions of its gazetteer
    /// entry or rule.
    pub(crate) source: Arc<Source>,
    /// Further facts about the mention, such as the `title` a person was
    /// named with or the `country` of a title ("Iraqi Prime Minister").
    pub(crate) attributes: Attributes,
}

impl Entity {
    /// Byte span of the mention.
    pub fn span(&self) -> Span {
        self.span
    }

    /// Its kind.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }

    /// Cluster id shared by every mention of the same real-world thing.
    pub fn cluster(&self) -> &str {
        &self.cluster
    }

    /// Canonical name, where known (a gazetteer entry's name).
    pub fn canonical(&self) -> Option<&str> {
        self.canonical.as_deref()
    }

    /// The value, for a DATE mention whose date the text fixes.
    pub fn value(&self) -> Option<DateValue> {
        self.value
    }

    /// What produced it: a gazetteer entry or a rule.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Further facts about the mention as `(key, value)` pairs, such as the
    /// `title` a person was named with or the `country` of a title.
    pub fn attributes(&self) -> &[(String, String)] {
        &self.attributes
    }

    /// The value of the attribute `key`, if the mention has it.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A pronoun or role nominal ("he", "NATO Secretary-General") that refers to
/// an entity cluster without being a name itself. References are not entity
/// mentions; later stages use them to resolve event arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reference {
    /// Byte span of the pronoun or nominal.
    pub(crate) span: Span,
    /// The cluster it refers to.
    pub(crate) cluster: ClusterId,
    /// The kind of entity referred to.
    pub(crate) kind: EntityKind,
    /// What resolved it (`coref/pronoun`, `coref/office-holder`), shared
    /// with the other references it resolved.
    pub(crate) source: Arc<Source>,
}

impl Reference {
    /// Byte span of the pronoun or nominal.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The cluster it refers to.
    pub fn cluster(&self) -> &str {
        &self.cluster
    }

    /// The kind of entity referred to.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }

    /// What resolved it (`coref/pronoun`, `coref/office-holder`).
    pub fn source(&self) -> &Source {
        &self.source
    }
}

/// One argument of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Argument {
    /// The role it plays.
    pub(crate) role: Role,
    /// Byte span of the argument text.
    pub(crate) span: Span,
    /// Cluster id of the entity it refers to, if resolved.
    pub(crate) entity: Option<ClusterId>,
}

impl Argument {
    /// The role it plays.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Byte span of the argument text.
    pub fn span(&self) -> Span {
        self.span
    }

    /// Cluster id of the entity it refers to, if resolved.
    pub fn entity(&self) -> Option<&str> {
        self.entity.as_deref()
    }
}

/// One event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Event {
    /// Its kind.
    pub(crate) kind: EventKind,
    /// Byte span of the trigger ("met", "extended an invitation").
    pub(crate) trigger: Span,
    /// Byte span of the sentence holding the trigger.
    pub(crate) sentence: Span,
    /// Its arguments.
    pub(crate) arguments: Vec<Argument>,
    /// The day the event happened, if the text says.
    pub(crate) date: Option<jiff::civil::Date>,
    /// Whether it happened.
    pub(crate) modality: Modality,
    /// Id shared by every mention of the same real-world event.
    pub(crate) id: String,
    /// The rule that produced it, shared with the rule set (an owned copy
    /// per event was an allocation each).
    pub(crate) rule: Arc<str>,
}

impl Event {
    /// Its kind.
    pub fn kind(&self) -> EventKind {
        self.kind
    }

    /// Byte span of the trigger ("met", "extended an invitation").
    pub fn trigger(&self) -> Span {
        self.trigger
    }

    /// Byte span of the sentence holding the trigger.
    pub fn sentence(&self) -> Span {
        self.sentence
    }

    /// Its arguments.
    pub fn arguments(&self) -> &[Argument] {
        &self.arguments
    }

    /// The day the event happened, if the text says.
    pub fn date(&self) -> Option<jiff::civil::Date> {
        self.date
    }

    /// Whether it happened.
    pub fn modality(&self) -> Modality {
        self.modality
    }

    /// Id shared by every mention of the same real-world event.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The id of the rule that produced it.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

/// The result of extracting one text: the text itself plus entities and
/// events referring to byte spans in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub(crate) text: String,
    pub(crate) date: Option<jiff::civil::Date>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) events: Vec<Event>,
    pub(crate) references: Vec<Reference>,
}

impl Document {
    /// Assembles a document. Entities are kept in text order.
    pub(crate) fn new(
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
            references: Vec::new(),
        }
    }

    /// Adds the pronoun and nominal references found in the text.
    pub(crate) fn with_references(mut self, mut references: Vec<Reference>) -> Document {
        references.sort_by_key(|r| r.span.start);
        self.references = references;
        self
    }

    /// Pronouns and role nominals that refer to entity clusters, in text order.
    pub fn references(&self) -> &[Reference] {
        &self.references
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
    ///
    /// ```
    /// use herald::{EventKind, Modality, Role};
    /// let extractor = herald::Extractor::default();
    /// let doc = extractor.extract("Emmanuel Macron will meet Olaf Scholz in Berlin.");
    /// let meeting = &doc.events()[0];
    /// assert_eq!(meeting.kind(), EventKind::Meeting);
    /// assert_eq!(meeting.modality(), Modality::Future);
    /// let roles: Vec<(Role, &str)> = meeting
    ///     .arguments()
    ///     .iter()
    ///     .map(|a| (a.role(), &doc.text()[a.span()]))
    ///     .collect();
    /// assert_eq!(
    ///     roles,
    ///     [
    ///         (Role::Participant, "Emmanuel Macron"),
    ///         (Role::Participant, "Olaf Scholz"),
    ///         (Role::Place, "Berlin"),
    ///     ]
    /// );
    /// ```
    pub fn events(&self) -> &[Event] {
        &self.events
    }
}

/// Serializes to the prediction format of the evaluation README: byte
/// offsets (`start`, `end`) plus char offsets (`char_start`, `char_end`) for
/// languages that count chars, the covered `text`, and every mention's and
/// event's provenance. The schema is documented in `docs/output-format.md`.
impl Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let view = View::new(&self.text);
        let entities: Vec<EntityOut<'_>> = self
            .entities
            .iter()
            .map(|entity| EntityOut {
                view: &view,
                entity,
            })
            .collect();
        let events: Vec<EventOut<'_>> = self
            .events
            .iter()
            .map(|event| EventOut { view: &view, event })
            .collect();
        let references: Vec<ReferenceOut<'_>> = self
            .references
            .iter()
            .map(|reference| ReferenceOut {
                view: &view,
                reference,
            })
            .collect();
        let mut out = serializer.serialize_struct("Document", 5)?;
        out.serialize_field("document_date", &self.date.map(|date| date.to_string()))?;
        out.serialize_field("text_length", &self.text.len())?;
        out.serialize_field("entities", &entities)?;
        out.serialize_field("events", &events)?;
        out.serialize_field("references", &references)?;
        out.end()
    }
}

/// What every serialized span needs: the text to slice and the char offsets.
struct View<'a> {
    text: &'a str,
    offsets: crate::span::OffsetMap,
}

impl View<'_> {
    fn new(text: &str) -> View<'_> {
        View {
            text,
            offsets: crate::span::OffsetMap::new(text),
        }
    }

    /// The covered text; empty rather than a panic for a span that does not
    /// lie on char boundaries of this text (a stage bug must not kill output).
    fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    fn char_start(&self, span: Span) -> usize {
        self.offsets.char_offset(span.start.min(self.text.len()))
    }

    fn char_end(&self, span: Span) -> usize {
        self.offsets.char_offset(span.end.min(self.text.len()))
    }
}

struct EntityOut<'a> {
    view: &'a View<'a>,
    entity: &'a Entity,
}

impl Serialize for EntityOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (view, entity) = (self.view, self.entity);
        let mut out = serializer.serialize_struct("Entity", 10)?;
        out.serialize_field("start", &entity.span.start)?;
        out.serialize_field("end", &entity.span.end)?;
        out.serialize_field("char_start", &view.char_start(entity.span))?;
        out.serialize_field("char_end", &view.char_end(entity.span))?;
        out.serialize_field("text", view.slice(entity.span))?;
        out.serialize_field("type", entity.kind.as_str())?;
        out.serialize_field("entity", &*entity.cluster)?;
        out.serialize_field("canonical", &entity.canonical.as_deref())?;
        out.serialize_field("value", &entity.value)?;
        out.serialize_field("source", &*entity.source)?;
        let attributes: std::collections::BTreeMap<&str, &str> = entity
            .attributes
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
            .collect();
        out.serialize_field("attributes", &attributes)?;
        out.end()
    }
}

struct ReferenceOut<'a> {
    view: &'a View<'a>,
    reference: &'a Reference,
}

impl Serialize for ReferenceOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (view, reference) = (self.view, self.reference);
        let mut out = serializer.serialize_struct("Reference", 8)?;
        out.serialize_field("start", &reference.span.start)?;
        out.serialize_field("end", &reference.span.end)?;
        out.serialize_field("char_start", &view.char_start(reference.span))?;
        out.serialize_field("char_end", &view.char_end(reference.span))?;
        out.serialize_field("text", view.slice(reference.span))?;
        out.serialize_field("type", reference.kind.as_str())?;
        out.serialize_field("entity", &*reference.cluster)?;
        out.serialize_field("source", &*reference.source)?;
        out.end()
    }
}

struct TriggerOut<'a> {
    view: &'a View<'a>,
    span: Span,
}

impl Serialize for TriggerOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Trigger", 5)?;
        out.serialize_field("start", &self.span.start)?;
        out.serialize_field("end", &self.span.end)?;
        out.serialize_field("char_start", &self.view.char_start(self.span))?;
        out.serialize_field("char_end", &self.view.char_end(self.span))?;
        out.serialize_field("text", self.view.slice(self.span))?;
        out.end()
    }
}

struct ArgumentOut<'a> {
    view: &'a View<'a>,
    argument: &'a Argument,
}

impl Serialize for ArgumentOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (view, argument) = (self.view, self.argument);
        let mut out = serializer.serialize_struct("Argument", 7)?;
        out.serialize_field("role", &argument.role)?;
        out.serialize_field("start", &argument.span.start)?;
        out.serialize_field("end", &argument.span.end)?;
        out.serialize_field("char_start", &view.char_start(argument.span))?;
        out.serialize_field("char_end", &view.char_end(argument.span))?;
        out.serialize_field("text", view.slice(argument.span))?;
        out.serialize_field("entity", &argument.entity.as_deref())?;
        out.end()
    }
}

struct EventOut<'a> {
    view: &'a View<'a>,
    event: &'a Event,
}

impl Serialize for EventOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (view, event) = (self.view, self.event);
        let arguments: Vec<ArgumentOut<'_>> = event
            .arguments
            .iter()
            .map(|argument| ArgumentOut { view, argument })
            .collect();
        let mut out = serializer.serialize_struct("Event", 8)?;
        out.serialize_field("type", &event.kind)?;
        out.serialize_field(
            "trigger",
            &TriggerOut {
                view,
                span: event.trigger,
            },
        )?;
        out.serialize_field(
            "sentence",
            &TriggerOut {
                view,
                span: event.sentence,
            },
        )?;
        out.serialize_field("arguments", &arguments)?;
        out.serialize_field(
            "date",
            &event.date.map(|date| DateValue::Day(date).to_string()),
        )?;
        out.serialize_field("modality", &event.modality)?;
        out.serialize_field("id", &event.id)?;
        out.serialize_field("rule", &*event.rule)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ISO text put together by hand reads as the formatter pads it,
    /// for every precision and for years short of four digits; a year
    /// beyond four digits takes the formatter's way.
    #[test]
    fn date_values_read_as_the_formatter_writes_them() {
        let formatted = |value: &DateValue| match value {
            DateValue::Day(date) => {
                format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
            }
            DateValue::Month { year, month } => format!("{year:04}-{month:02}"),
            DateValue::Week { year, week } => format!("{year:04}-W{week:02}"),
            DateValue::Year(year) => format!("{year:04}"),
        };
        for year in [-44, 0, 7, 476, 1999, 2024, 9999, 12_000] {
            let mut values = vec![
                DateValue::Month { year, month: 3 },
                DateValue::Week { year, week: 9 },
                DateValue::Year(year),
            ];
            if let Ok(date) = jiff::civil::Date::new(year, 11, 30) {
                values.push(DateValue::Day(date));
            }
            for value in values {
                let mut pushed = String::from("date-");
                value.push_to(&mut pushed);
                assert_eq!(value.to_string(), formatted(&value));
                assert_eq!(pushed, format!("date-{}", formatted(&value)));
            }
        }
    }

    fn sample() -> Document {
        let text = "Erdoğan met Al-Sudani in Ankara on Monday.".to_owned();
        let entities = vec![
            Entity {
                span: Span::new(0, 8),
                kind: EntityKind::Person,
                cluster: "erdogan".into(),
                canonical: Some("Recep Tayyip Erdoğan".into()),
                value: None,
                source: Source::Gazetteer {
                    gazetteer: "people".into(),
                    entry: "Q39723".into(),
                }
                .into(),
                attributes: Attributes::default(),
            },
            Entity {
                span: Span::new(13, 22),
                kind: EntityKind::Person,
                cluster: "sudani".into(),
                canonical: None,
                value: None,
                source: Source::Rule("person/name/2".into()).into(),
                attributes: Attributes::default(),
            },
            Entity {
                span: Span::new(36, 42),
                kind: EntityKind::Date,
                cluster: "d1".into(),
                canonical: None,
                value: DateValue::parse("2024-03-04"),
                source: Source::Rule("date/weekday".into()).into(),
                attributes: Attributes::default(),
            },
        ];
        let events = vec![Event {
            kind: EventKind::Meeting,
            trigger: Span::new(9, 12),
            sentence: Span::new(0, 43),
            arguments: vec![Argument {
                role: Role::Participant,
                span: Span::new(13, 22),
                entity: Some("sudani".into()),
            }],
            date: Some(jiff::civil::date(2024, 3, 4)),
            modality: Modality::Asserted,
            id: "meeting-1".into(),
            rule: "meeting/verb/1".into(),
        }];
        Document::new(
            text,
            jiff::civil::Date::new(2024, 3, 5).ok(),
            entities,
            events,
        )
    }

    #[test]
    fn serializes_prediction_format_with_byte_and_char_offsets() {
        let json = serde_json::to_value(sample()).unwrap();
        assert_eq!(json["document_date"], "2024-03-05");
        assert_eq!(json["text_length"], 43);
        let sudani = &json["entities"][1];
        assert_eq!(
            (
                sudani["start"].as_u64(),
                sudani["char_start"].as_u64(),
                sudani["text"].as_str()
            ),
            (Some(13), Some(12), Some("Al-Sudani"))
        );
        assert_eq!(sudani["source"], "rule:person/name/2");
        assert_eq!(json["entities"][0]["source"], "gazetteer:people:Q39723");
        assert_eq!(json["entities"][0]["type"], "PERSON");
        assert_eq!(json["entities"][2]["value"], "2024-03-04");
        let event = &json["events"][0];
        assert_eq!(event["type"], "Meeting");
        assert_eq!(event["trigger"]["text"], "met");
        assert_eq!(event["arguments"][0]["role"], "participant");
        assert_eq!(event["arguments"][0]["entity"], "sudani");
        assert_eq!(event["modality"], "asserted");
        assert_eq!(event["rule"], "meeting/verb/1");
    }

    #[test]
    fn serializes_a_span_off_char_boundaries_as_empty_text() {
        let doc = Document::new(
            "Erdoğan".to_owned(),
            None,
            vec![Entity {
                span: Span::new(0, 5),
                kind: EntityKind::Person,
                cluster: "x".into(),
                canonical: None,
                value: None,
                source: Source::Rule("r".into()).into(),
                attributes: Attributes::default(),
            }],
            Vec::new(),
        );
        let json = serde_json::to_value(doc).unwrap();
        assert_eq!(json["entities"][0]["text"], "");
        assert_eq!(json["document_date"], serde_json::Value::Null);
    }
}
