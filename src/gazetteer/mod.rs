//! Gazetteers: entry model, file loading with line-numbered errors, and the
//! compiled matcher.
//!
//! Load lists with [`Gazetteer::parse`], [`Gazetteer::from_file`] or
//! [`Gazetteer::from_spacy_jsonl`] (every problem is reported with its
//! file, line and column), compile them with [`GazetteerMatcher::new`], then
//! [`GazetteerMatcher::find`] matches in tokenized text. The matching rules
//! (case, capitalization evidence, transliteration, derived surnames) are
//! documented in `gazetteers/README.md` under "Matching".
//!
//! ```
//! use herald::gazetteer::{self, GazetteerMatcher};
//! use herald::text::tokenize;
//!
//! let matcher = GazetteerMatcher::new(&gazetteer::defaults()).unwrap();
//! let text = "NATO’s chief arrived in Baghdad.";
//! let tokens = tokenize(text);
//! let names: Vec<&str> = matcher.find(text, &tokens).iter().map(|m| &text[m.span()]).collect();
//! assert_eq!(names, ["NATO", "Baghdad"]);
//! ```

mod entry;
// Learning reads the annotated formats of the evaluation harness.
#[cfg(feature = "eval")]
pub mod learn;
mod load;
mod matcher;
mod transliterate;

pub use entry::{Entry, OfficeTerm};
pub use load::{Gazetteer, GazetteerError, Problem};
pub(crate) use matcher::Id as WordId;
pub use matcher::{Candidate, Candidates, EntryId, GazetteerMatch, GazetteerMatcher, MatchKind};
pub use transliterate::{VARIANTS, skeleton};

/// The default gazetteers embedded from `gazetteers/*.tsv`, by name.
const DEFAULTS: &[(&str, &str)] = &[
    ("places", include_str!("../../gazetteers/places.tsv")),
    ("cities", include_str!("../../gazetteers/cities.tsv")),
    ("orgs", include_str!("../../gazetteers/orgs.tsv")),
    ("clubs", include_str!("../../gazetteers/clubs.tsv")),
    ("companies", include_str!("../../gazetteers/companies.tsv")),
    ("people", include_str!("../../gazetteers/people.tsv")),
    ("titles", include_str!("../../gazetteers/titles.tsv")),
    ("demonyms", include_str!("../../gazetteers/demonyms.tsv")),
];

/// The default gazetteers (places, cities, orgs, clubs, companies, people,
/// titles, demonyms),
/// parsed from the files embedded at build time.
///
/// The embedded files are checked by the test suite, so parsing them cannot
/// fail in a released build; a broken file panics here with every problem listed.
pub fn defaults() -> Vec<Gazetteer> {
    DEFAULTS
        .iter()
        .map(|(name, source)| {
            Gazetteer::parse(name, source)
                .unwrap_or_else(|error| panic!("embedded gazetteer {name} is invalid:\n{error}"))
        })
        .collect()
}

/// The embedded default gazetteers as `(name, source text)` pairs.
pub fn default_sources() -> &'static [(&'static str, &'static str)] {
    DEFAULTS
}
