//! The extractor: the one place that knows the order of the stages.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use crate::cache::{Cache, Pool};
use crate::document::Document;
use crate::entity::stage::EntityStage;
use crate::event::EventStage;
use crate::gazetteer::{self, Gazetteer, GazetteerError, GazetteerMatcher};
use crate::pattern::RuleError;
use crate::text::Parsed;

/// The bundled entity rules, embedded at build time.
pub const DEFAULT_ENTITY_RULES: (&str, &str) = (
    "rules/entities.rules",
    include_str!("../rules/entities.rules"),
);

/// The bundled event rules, embedded at build time.
pub const DEFAULT_EVENT_RULES: (&str, &str) =
    ("rules/events.rules", include_str!("../rules/events.rules"));

/// The bundled Statement rules, embedded at build time and loaded with the
/// other defaults.
pub const DEFAULT_STATEMENT_RULES: (&str, &str) = (
    "rules/statements.rules",
    include_str!("../rules/statements.rules"),
);

/// Extracts entities and events from text. Built once, shared by every
/// thread (`Send + Sync`); a clone is cheap and shares the compiled
/// gazetteers and rules.
///
/// [`Extractor::default`] compiles the embedded gazetteers and rules once
/// per process, on first use, and every later call returns a clone of that
/// one extractor; so does a builder left at its defaults.
///
/// Each extraction needs working memory, a [`Cache`]: `extract` and
/// `extract_dated` borrow one from a small pool inside the extractor, and
/// [`Extractor::extract_with`] takes the caller's own.
///
/// ```
/// let extractor = herald::Extractor::default();
/// let doc = extractor.extract("Talks resumed in Baghdad on Tuesday.");
/// let places: Vec<&str> = doc
///     .entities()
///     .iter()
///     .filter(|e| e.kind() == herald::EntityKind::Place)
///     .map(|e| &doc.text()[e.span()])
///     .collect();
/// assert_eq!(places, ["Baghdad"]);
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    stages: Arc<Stages>,
    max_document_bytes: usize,
}

/// What a build compiles, shared by the clones of an extractor.
#[derive(Debug)]
struct Stages {
    entities: EntityStage,
    events: EventStage,
    pool: Pool,
}

/// The embedded defaults, compiled on first use and shared by every
/// extractor that asks for them.
static DEFAULT_STAGES: LazyLock<Arc<Stages>> = LazyLock::new(|| {
    Arc::new(
        ExtractorBuilder::default()
            .compile()
            .expect("the embedded gazetteers and rules are valid"),
    )
});

/// The largest document [`Extractor::try_extract`] takes unless the
/// builder says otherwise: 32 MiB. News text peaks near 26 bytes of memory
/// per input byte (under 1 GiB at this size); the worst shape measured,
/// text of nothing but quote marks, near 200 (some 6.5 GiB).
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 32 << 20;

/// The longest line a gazetteer added to the builder may have unless the
/// builder says otherwise: 64 KiB, some fifty times the longest line of
/// the embedded gazetteers.
pub const DEFAULT_MAX_GAZETTEER_LINE_BYTES: usize = 64 << 10;

/// The most entries one gazetteer added to the builder may have unless
/// the builder says otherwise: two million, a hundred times the embedded
/// cities list.
pub const DEFAULT_MAX_GAZETTEER_ENTRIES: usize = 2_000_000;

impl Default for Extractor {
    /// The embedded default gazetteers and rules, compiled once per process
    /// (the first call pays for it; later calls share it). Their loading is
    /// covered by the test suite, so it cannot fail at run time.
    ///
    /// ```
    /// let first = herald::Extractor::default();
    /// let second = herald::Extractor::default(); // no second compilation
    /// assert!(first.shares_compiled_stages_with(&second));
    /// ```
    fn default() -> Extractor {
        Extractor {
            stages: Arc::clone(&DEFAULT_STAGES),
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
}

impl Extractor {
    /// An extractor with the embedded default gazetteers and rules.
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// A builder for custom gazetteers and rules.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Extracts from `text`, resolving relative dates against the dateline
    /// or a date found in the text.
    ///
    /// It takes text of any size and cannot fail; time and memory grow
    /// linearly with the text. For input nobody vetted (scraped pages,
    /// uploads), [`Extractor::try_extract`] refuses text over the
    /// builder's [`max_document_bytes`](ExtractorBuilder::max_document_bytes)
    /// before doing any work.
    pub fn extract(&self, text: &str) -> Document {
        self.extract_dated(text, None)
    }

    /// [`Extractor::extract`], refusing a text longer than the builder's
    /// [`max_document_bytes`](ExtractorBuilder::max_document_bytes)
    /// ([`DEFAULT_MAX_DOCUMENT_BYTES`] unless set).
    ///
    /// ```
    /// let extractor = herald::Extractor::builder().max_document_bytes(16).build().unwrap();
    /// assert!(extractor.try_extract("Talks resumed.").is_ok());
    /// let error = extractor.try_extract("Talks resumed in Baghdad.").unwrap_err();
    /// assert_eq!(error.to_string(), "document of 25 bytes is over the limit of 16 bytes");
    /// ```
    pub fn try_extract(&self, text: &str) -> Result<Document, ExtractError> {
        self.try_extract_dated(text, None)
    }

    /// [`Extractor::extract_dated`], refusing a text longer than the
    /// builder's [`max_document_bytes`](ExtractorBuilder::max_document_bytes).
    pub fn try_extract_dated(
        &self,
        text: &str,
        date: Option<jiff::civil::Date>,
    ) -> Result<Document, ExtractError> {
        if text.len() > self.max_document_bytes {
            return Err(ExtractError::DocumentTooLarge {
                bytes: text.len(),
                limit: self.max_document_bytes,
            });
        }
        Ok(self.extract_dated(text, date))
    }

    /// The largest text [`Extractor::try_extract`] takes, in bytes.
    pub fn max_document_bytes(&self) -> usize {
        self.max_document_bytes
    }

    /// Whether the two extractors run the same compiled gazetteers and
    /// rules (one is a clone of the other, or both are the shared
    /// default), so building one cost nothing.
    pub fn shares_compiled_stages_with(&self, other: &Extractor) -> bool {
        Arc::ptr_eq(&self.stages, &other.stages)
    }

    /// Extracts from `text`, resolving relative dates against `date` when
    /// given (else the dateline's date, else a date in the text).
    pub fn extract_dated(&self, text: &str, date: Option<jiff::civil::Date>) -> Document {
        self.stages
            .pool
            .with(|cache| self.extract_with(cache, text, date))
    }

    /// The one rule set both stages run (for the matcher's tests).
    #[cfg(test)]
    pub(crate) fn rule_set(&self) -> &crate::pattern::RuleSet {
        self.stages.entities.rules()
    }

    /// A new, empty cache for [`Extractor::extract_with`].
    pub fn create_cache(&self) -> Cache {
        Cache::new()
    }

    /// [`Extractor::extract_dated`] with the caller's cache as working
    /// memory, for a caller that keeps one per thread rather than use the
    /// extractor's pool. The result does not depend on the cache.
    pub fn extract_with(
        &self,
        cache: &mut Cache,
        text: &str,
        date: Option<jiff::civil::Date>,
    ) -> Document {
        let parsed = Parsed::reusing(text, &mut cache.text);
        let Stages {
            entities, events, ..
        } = &*self.stages;
        let layer = entities.run(
            &mut cache.pattern,
            &mut cache.entities,
            &mut cache.sources,
            &parsed,
            date,
        );
        let events = events.run(
            &mut cache.pattern,
            &mut cache.events,
            cache.entities.word_classes(),
            &parsed,
            entities.rules(),
            &layer,
        );
        parsed.recycle(&mut cache.text);
        Document::new(text.to_owned(), layer.document_date, layer.entities, events)
            .with_references(layer.references)
    }
}

/// Builds an [`Extractor`] with custom gazetteers and rules.
///
/// Adding inputs never fails: files are read and everything is compiled
/// by [`ExtractorBuilder::build`], the one step that can fail, with an
/// error naming the file, line and column.
///
/// # Limits
///
/// Gazetteers, rules and documents may come from people who never meant
/// to test herald's stamina, so each has a bound that gives an error, not
/// a crash or an exhausted machine:
///
/// - **documents**: [`ExtractorBuilder::max_document_bytes`]
///   ([`DEFAULT_MAX_DOCUMENT_BYTES`]), enforced by
///   [`Extractor::try_extract`] with [`ExtractError::DocumentTooLarge`];
/// - **gazetteers added here**: [`ExtractorBuilder::max_gazetteer_line_bytes`]
///   ([`DEFAULT_MAX_GAZETTEER_LINE_BYTES`]) and
///   [`ExtractorBuilder::max_gazetteer_entries`]
///   ([`DEFAULT_MAX_GAZETTEER_ENTRIES`]), checked before parsing, as an
///   [`Error::Gazetteer`] naming `file:line:column`;
/// - **rules**: fixed by the rule language and reported as an
///   [`Error::Rules`] naming `file:line:column` (see `rules/README.md`):
///   repetition bounds and gaps of at most 100 (`{m,n}`, `...{0,n}`;
///   an unbounded gap is refused), at most 20,000 compiled steps per
///   pattern (about 6,000 alternatives of single words: a longer list
///   belongs in a `words` list, which has no such bound) and at most
///   100,000 entries in the closures the compiler precomputes.
///
/// ```
/// let error = herald::Extractor::builder()
///     .max_gazetteer_line_bytes(40)
///     .gazetteer_source("mine", "ORG\tTWB\nORG\tTigris Water Board\tTWB | the Tigris Board\n")
///     .build()
///     .unwrap_err();
/// assert_eq!(error.to_string(), "mine:2:41: line longer than 40 bytes");
/// ```
///
/// ```
/// let extractor = herald::Extractor::builder()
///     .gazetteer_source("mine", "ORG\tTigris Water Board\tTWB\tkind=agency\n")
///     .build()
///     .unwrap();
/// let doc = extractor.extract("The TWB said levels fell.");
/// assert_eq!(doc.entities()[0].canonical(), Some("Tigris Water Board"));
/// ```
#[derive(Debug)]
pub struct ExtractorBuilder {
    default_gazetteers: bool,
    default_rules: bool,
    gazetteers: Vec<Input>,
    rules: Vec<Input>,
    max_document_bytes: usize,
    max_gazetteer_line_bytes: usize,
    max_gazetteer_entries: usize,
}

/// A gazetteer or rule source added to a builder, loaded by `build`.
#[derive(Debug)]
enum Input {
    File(PathBuf),
    Text { name: String, text: String },
}

impl Input {
    /// The input's name (for messages) and text.
    fn read(self) -> Result<(String, String), Error> {
        match self {
            Input::File(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                Ok((path.display().to_string(), text))
            }
            Input::Text { name, text } => Ok((name, text)),
        }
    }

    /// The gazetteer: a file's is named by its stem, as with
    /// [`Gazetteer::from_file`], and its problems by the path given.
    fn gazetteer(self, builder: &ExtractorBuilder) -> Result<Gazetteer, Error> {
        Ok(match self {
            Input::File(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                builder.check_gazetteer_size(&path.display().to_string(), &text)?;
                Gazetteer::from_file_text(&path, &text)?
            }
            Input::Text { name, text } => {
                builder.check_gazetteer_size(&name, &text)?;
                Gazetteer::parse(&name, &text)?
            }
        })
    }
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder {
            default_gazetteers: true,
            default_rules: true,
            gazetteers: Vec::new(),
            rules: Vec::new(),
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            max_gazetteer_line_bytes: DEFAULT_MAX_GAZETTEER_LINE_BYTES,
            max_gazetteer_entries: DEFAULT_MAX_GAZETTEER_ENTRIES,
        }
    }
}

impl ExtractorBuilder {
    /// Adds a gazetteer file: herald's tab-separated format, or spaCy
    /// EntityRuler phrase patterns when the name ends in `.jsonl`. It is
    /// read by [`ExtractorBuilder::build`].
    pub fn gazetteer_file(mut self, path: impl AsRef<Path>) -> ExtractorBuilder {
        self.gazetteers.push(Input::File(path.as_ref().to_owned()));
        self
    }

    /// Adds a gazetteer from text in herald's format; `name` appears in
    /// sources and error messages.
    pub fn gazetteer_source(mut self, name: &str, source: &str) -> ExtractorBuilder {
        self.gazetteers.push(Input::Text {
            name: name.to_owned(),
            text: source.to_owned(),
        });
        self
    }

    /// Adds a rule file of entity and event rules (see `rules/README.md`),
    /// read by [`ExtractorBuilder::build`].
    pub fn rules_file(mut self, path: impl AsRef<Path>) -> ExtractorBuilder {
        self.rules.push(Input::File(path.as_ref().to_owned()));
        self
    }

    /// Adds rules from text; `name` appears in rule sources and error
    /// messages.
    pub fn rules_source(mut self, name: &str, source: &str) -> ExtractorBuilder {
        self.rules.push(Input::Text {
            name: name.to_owned(),
            text: source.to_owned(),
        });
        self
    }

    /// Leaves out the embedded gazetteers, so only added ones are used.
    pub fn without_default_gazetteers(mut self) -> ExtractorBuilder {
        self.default_gazetteers = false;
        self
    }

    /// Leaves out the embedded entity and event rules (the lexicon, which
    /// the stages' code reads, stays).
    pub fn without_default_rules(mut self) -> ExtractorBuilder {
        self.default_rules = false;
        self
    }

    /// The largest text [`Extractor::try_extract`] will take, in bytes
    /// (see [Limits](ExtractorBuilder#limits)).
    pub fn max_document_bytes(mut self, bytes: usize) -> ExtractorBuilder {
        self.max_document_bytes = bytes;
        self
    }

    /// The longest line, in bytes, of a gazetteer added to this builder;
    /// a longer one fails [`ExtractorBuilder::build`] before it is parsed
    /// (see [Limits](ExtractorBuilder#limits)).
    pub fn max_gazetteer_line_bytes(mut self, bytes: usize) -> ExtractorBuilder {
        self.max_gazetteer_line_bytes = bytes;
        self
    }

    /// The most entries (lines that are neither blank nor comments) of one
    /// gazetteer added to this builder; more fail
    /// [`ExtractorBuilder::build`] before the gazetteer is parsed (see
    /// [Limits](ExtractorBuilder#limits)).
    pub fn max_gazetteer_entries(mut self, entries: usize) -> ExtractorBuilder {
        self.max_gazetteer_entries = entries;
        self
    }

    /// Refuses a gazetteer over the size limits before any of it is
    /// parsed, naming the first line past a limit.
    fn check_gazetteer_size(&self, path: &str, text: &str) -> Result<(), GazetteerError> {
        let mut entries = 0;
        for (index, line) in text.lines().enumerate() {
            let problem = |column: usize, message: String| {
                GazetteerError::new(vec![gazetteer::Problem {
                    path: path.to_owned(),
                    line: index + 1,
                    column,
                    message,
                }])
            };
            if line.len() > self.max_gazetteer_line_bytes {
                let limit = line.floor_char_boundary(self.max_gazetteer_line_bytes);
                let column = line[..limit].chars().count() + 1;
                return Err(problem(
                    column,
                    format!("line longer than {} bytes", self.max_gazetteer_line_bytes),
                ));
            }
            let trimmed = line.trim_start();
            if trimmed.trim_end().is_empty() || trimmed.starts_with('#') {
                continue;
            }
            entries += 1;
            if entries > self.max_gazetteer_entries {
                return Err(problem(
                    1,
                    format!(
                        "more than {} entries in one gazetteer",
                        self.max_gazetteer_entries
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Compiles the extractor. Errors name the file, line and column.
    ///
    /// A builder that adds nothing and leaves out nothing returns the
    /// shared default (see [`Extractor::default`]) without compiling.
    pub fn build(self) -> Result<Extractor, Error> {
        let max_document_bytes = self.max_document_bytes;
        let stages = if self.adds_nothing() {
            Arc::clone(&DEFAULT_STAGES)
        } else {
            Arc::new(self.compile()?)
        };
        Ok(Extractor {
            stages,
            max_document_bytes,
        })
    }

    /// Whether the build would compile exactly the embedded defaults (the
    /// gazetteer limits only bound added gazetteers, so they do not matter).
    fn adds_nothing(&self) -> bool {
        self.default_gazetteers
            && self.default_rules
            && self.gazetteers.is_empty()
            && self.rules.is_empty()
    }

    /// Reads and compiles the gazetteers and rules.
    fn compile(mut self) -> Result<Stages, Error> {
        let mut gazetteers = if self.default_gazetteers {
            gazetteer::defaults()
        } else {
            Vec::new()
        };
        for input in std::mem::take(&mut self.gazetteers) {
            gazetteers.push(input.gazetteer(&self)?);
        }
        let matcher = GazetteerMatcher::from_gazetteers(gazetteers)?;
        // One rule set serves both stages, so event rules can use the word
        // lists of entity rules (the lexicon is always part of it).
        let mut rules = Vec::new();
        if self.default_rules {
            for (name, source) in [
                DEFAULT_ENTITY_RULES,
                DEFAULT_EVENT_RULES,
                DEFAULT_STATEMENT_RULES,
            ] {
                rules.push((name.to_owned(), source.to_owned()));
            }
        }
        for input in self.rules {
            rules.push(input.read()?);
        }
        let word_classes = crate::event::lexicon::Lexicon::word_classes();
        let entities = EntityStage::new(matcher, &rules, &word_classes)?;
        Ok(Stages {
            entities,
            events: EventStage::new(),
            pool: Pool::default(),
        })
    }
}

/// Why [`Extractor::try_extract`] refused a text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExtractError {
    /// The text is longer than the builder's
    /// [`max_document_bytes`](ExtractorBuilder::max_document_bytes).
    DocumentTooLarge {
        /// The text's length in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtractError::DocumentTooLarge { bytes, limit } => write!(
                f,
                "document of {bytes} bytes is over the limit of {limit} bytes"
            ),
        }
    }
}

impl std::error::Error for ExtractError {}

/// Why an extractor could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A gazetteer failed to load; every problem names file:line:column.
    Gazetteer(GazetteerError),
    /// A rule file failed to load; every problem names file:line:column.
    Rules(RuleError),
    /// A file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

impl Error {
    fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// The message names every problem with its file, line and column; an I/O
/// error's cause is its [`source`](std::error::Error::source), not repeated
/// in the message.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Gazetteer(error) => write!(f, "{error}"),
            Error::Rules(error) => write!(f, "{error}"),
            Error::Io { path, .. } => write!(f, "{}: cannot read the file", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // their messages are this error's message
            Error::Gazetteer(_) | Error::Rules(_) => None,
            Error::Io { source, .. } => Some(source),
        }
    }
}

impl From<GazetteerError> for Error {
    fn from(error: GazetteerError) -> Error {
        Error::Gazetteer(error)
    }
}

impl From<RuleError> for Error {
    fn from(error: RuleError) -> Error {
        Error::Rules(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon;

    /// The defaults compile once: every default extractor and every
    /// builder that adds nothing share them, while a builder that adds or
    /// removes anything compiles its own.
    #[test]
    fn the_default_stages_are_compiled_once_and_shared() {
        let shared = Extractor::default();
        assert!(shared.shares_compiled_stages_with(&Extractor::default()));
        assert!(shared.shares_compiled_stages_with(&Extractor::new()));
        let limited = Extractor::builder()
            .max_document_bytes(10)
            .max_gazetteer_entries(5)
            .build()
            .unwrap();
        assert!(shared.shares_compiled_stages_with(&limited));
        assert_eq!(limited.max_document_bytes(), 10);
        assert_eq!(shared.max_document_bytes(), DEFAULT_MAX_DOCUMENT_BYTES);
        for own in [
            Extractor::builder().rules_source("none", "").build(),
            Extractor::builder().gazetteer_source("none", "").build(),
            Extractor::builder().without_default_rules().build(),
            Extractor::builder().without_default_gazetteers().build(),
        ] {
            let own = own.unwrap();
            assert!(!shared.shares_compiled_stages_with(&own));
            assert!(own.shares_compiled_stages_with(&own.clone()));
        }
    }

    /// The rules and the Rust stages read the same word lists: the lists the
    /// compiled entity rule set sees are exactly the lexicon's.
    #[test]
    fn entity_rules_and_rust_stages_read_the_same_lists() {
        let extractor = Extractor::default();
        let rules = extractor.rule_set();
        for name in lexicon::lexicon().names() {
            let seen_by_rules = rules
                .word_list(name)
                .unwrap_or_else(|| panic!("@{name} is not in the entity rule set"));
            let seen_by_rust: Vec<&str> = lexicon::list(name).words().to_vec();
            assert_eq!(seen_by_rules, seen_by_rust, "@{name}");
        }
        // No bundled rule file declares a copy of a lexicon list (that would
        // not load: a list is declared once per set).
        for (file, bundled) in [
            DEFAULT_ENTITY_RULES,
            DEFAULT_EVENT_RULES,
            DEFAULT_STATEMENT_RULES,
        ] {
            for name in lexicon::lexicon().names() {
                assert!(
                    !bundled.contains(&format!("words {name} =")),
                    "{file} declares @{name} again"
                );
            }
        }
    }
}
