//! The entry model: what one gazetteer line says about one real-world thing.

use crate::document::{EntityKind, Source};
use jiff::civil::Date;
use std::sync::{Arc, OnceLock};

/// An office held by a person, from a `held=OFFICE@BODY:FROM..TO` attribute.
///
/// ```
/// let gazetteer = herald::gazetteer::Gazetteer::parse(
///     "people",
///     "PERSON\tJens Stoltenberg\t\theld=Secretary-General@NATO:2014-10-01..2024-10-01\n",
/// ).unwrap();
/// let term = &gazetteer.entries()[0].offices()[0];
/// assert_eq!(term.office, "Secretary-General");
/// assert_eq!(term.body, "NATO");
/// assert_eq!(term.from.to_string(), "2014-10-01");
/// assert!(term.covers(jiff::civil::date(2020, 1, 1)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OfficeTerm {
    /// The office, as written ("Prime Minister").
    pub office: String,
    /// The body: a country code ("IQ") or an organization's canonical name ("NATO").
    pub body: String,
    /// First day in office.
    pub from: Date,
    /// Last day in office; `None` while still in office.
    pub to: Option<Date>,
}

impl OfficeTerm {
    /// True when `date` falls within the term (both ends inclusive).
    pub fn covers(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// One gazetteer entry: a kind, a canonical name, aliases and attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub(crate) kind: EntityKind,
    pub(crate) canonical: String,
    pub(crate) aliases: Vec<String>,
    pub(crate) attributes: Vec<(String, String)>,
    pub(crate) offices: Vec<OfficeTerm>,
    pub(crate) population: Option<u64>,
    pub(crate) gazetteer: Arc<str>,
    pub(crate) line: usize,
    /// [`Entry::source`], made on first use and shared by every mention
    /// found through the entry.
    pub(crate) written: SharedWritten,
}

/// What every mention of an entry writes out the same ([`Written`]),
/// made on the entry's first mention and shared by the later ones: each
/// gazetteer mention had owned copies of its entry's source, canonical
/// name and attributes, the largest source of allocations in the entity
/// stage. A cache, so it takes no part in an entry's equality.
#[derive(Clone, Default)]
pub(crate) struct SharedWritten(OnceLock<Box<Written>>);

/// An entry's part of each of its mentions as written out.
#[derive(Clone)]
pub(crate) struct Written {
    pub source: Arc<Source>,
    pub canonical: Arc<str>,
    /// The attributes a mention carries from its entry
    /// ([`Entry::written_attributes`]).
    pub attributes: Arc<[(String, String)]>,
}

impl PartialEq for SharedWritten {
    fn eq(&self, _: &SharedWritten) -> bool {
        true
    }
}

impl Eq for SharedWritten {}

impl std::fmt::Debug for SharedWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedWritten")
    }
}

impl Entry {
    /// The entity kind (PERSON, ORG, PLACE, TITLE or DEMONYM).
    pub fn kind(&self) -> EntityKind {
        self.kind
    }

    /// The canonical name.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// The listed aliases, without the canonical name.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// The canonical name followed by the listed aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.canonical.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// The value of attribute `key` (the first one, for repeated keys).
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every attribute as written, in file order, repeated keys included.
    pub fn attributes(&self) -> &[(String, String)] {
        &self.attributes
    }

    /// The `id` attribute (a Wikidata QID or `geonames:N`), if any.
    pub fn id(&self) -> Option<&str> {
        self.attribute("id")
    }

    /// The `country` attribute (ISO 3166-1 alpha-2), if any.
    pub fn country(&self) -> Option<&str> {
        self.attribute("country")
    }

    /// The `kind` attribute: the subtype ("city", "igo", "office"…), if any.
    pub fn subtype(&self) -> Option<&str> {
        self.attribute("kind")
    }

    /// For a DEMONYM, the canonical name of its place (`of` attribute).
    pub fn of(&self) -> Option<&str> {
        self.attribute("of")
    }

    /// The `population` attribute, used to rank place candidates.
    pub fn population(&self) -> Option<u64> {
        self.population
    }

    /// Offices held (`held` attributes), in file order.
    pub fn offices(&self) -> &[OfficeTerm] {
        &self.offices
    }

    /// The name of the gazetteer the entry comes from.
    pub fn gazetteer(&self) -> &str {
        &self.gazetteer
    }

    /// The 1-based line of the entry in its gazetteer file.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The entry's key within its gazetteer: its `id`, or else its canonical name.
    pub fn key(&self) -> &str {
        self.id().unwrap_or(&self.canonical)
    }

    /// Where a mention found through this entry comes from.
    ///
    /// ```
    /// let gazetteer = herald::gazetteer::Gazetteer::parse("orgs", "ORG\tNATO\t\tid=Q7184\n").unwrap();
    /// let source = gazetteer.entries()[0].source();
    /// assert_eq!(String::from(source), "gazetteer:orgs:Q7184");
    /// ```
    pub fn source(&self) -> Source {
        Source::Gazetteer {
            // `String::from`: `to_string` on an `Arc<str>` goes through
            // `Display` and the formatting machinery
            gazetteer: String::from(&*self.gazetteer),
            entry: self.key().to_owned(),
        }
    }

    /// The attributes of the entry that its mentions carry: its `country`
    /// and, for a demonym, the place it is `of`.
    pub(crate) fn written_attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        let country = self.country().map(|country| ("country", country));
        let of = self.of().map(|of| ("of", of));
        country.into_iter().chain(of)
    }

    /// The entry's part of its mentions ([`Written`]), made once and shared.
    pub(crate) fn written(&self) -> &Written {
        self.written.0.get_or_init(|| {
            Box::new(Written {
                source: Arc::new(self.source()),
                canonical: Arc::from(self.canonical.as_str()),
                attributes: self
                    .written_attributes()
                    .map(|(name, value)| (name.to_owned(), value.to_owned()))
                    .collect(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;
    use std::sync::Arc;

    #[test]
    fn what_mentions_share_is_made_once_and_takes_no_part_in_equality() {
        let gazetteer =
            Gazetteer::parse("orgs", "ORG\tNATO\t\tid=Q7184 ; country=BE ; kind=igo\n").unwrap();
        let entry = &gazetteer.entries()[0];
        let before = entry.clone();
        let first = entry.written();
        assert_eq!(*first.source, entry.source());
        assert_eq!(&*first.canonical, "NATO");
        assert_eq!(*first.attributes, [("country".to_owned(), "BE".to_owned())]);
        let again = entry.written();
        assert!(Arc::ptr_eq(&first.source, &again.source));
        assert!(Arc::ptr_eq(&first.canonical, &again.canonical));
        assert!(Arc::ptr_eq(&first.attributes, &again.attributes));
        assert_eq!(&before, entry);
    }
}
