//! herald's lexicon: the word lists that rules and Rust stages share,
//! declared once as data in `rules/lexicon.rules`.
//!
//! The file is a rule-language file holding only `words` declarations (its
//! header documents the format, every list, and how to add one). It is
//! embedded in the library and parsed once per process. Every rule set the
//! extractor compiles includes it, so entity and event rules use the lists
//! as `@particle`, `@starter`, `@meetverb`, …; Rust code (the entity stage,
//! the event stage, the date scanner) reads the same parsed lists by name
//! with [`list`], so the two can never disagree.
//!
//! ```
//! let starters = herald::lexicon::list("starter");
//! assert!(starters.contains("however"));
//! assert!(!starters.contains("baghdad"));
//! // Entries are matching keys: lowercase, folded like token keys.
//! assert_eq!(herald::lexicon::list("month").words()[0], "january");
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::keymap::KeyMap;
use crate::pattern::RuleSet;

/// The name under which the lexicon appears in rule sets and messages.
pub const NAME: &str = "rules/lexicon.rules";

/// The lexicon's source text, embedded at build time.
pub const SOURCE: &str = include_str!("../rules/lexicon.rules");

/// One word list of the lexicon.
#[derive(Debug)]
pub struct WordList {
    name: &'static str,
    /// Entries in declared order.
    words: Vec<&'static str>,
    /// Each entry's first position in declared order, for lookups: lists
    /// are looked up for every token on hot paths (month names by the date
    /// scanner), so a key is found without comparing strings.
    positions: KeyMap<usize>,
}

impl WordList {
    /// The list's name (as in `@name`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The entries in the order the file declares them. A multi-word entry
    /// is its token keys joined by single spaces.
    pub fn words(&self) -> &[&'static str] {
        &self.words
    }

    /// True when `key` (a token's matching key) is an entry.
    #[inline]
    pub fn contains(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// The position of `key` in declared order (its first, if repeated).
    #[inline]
    pub fn position(&self, key: &str) -> Option<usize> {
        self.positions.get(key)
    }

    /// [`WordList::contains`] of the key of token `index`, looked up as
    /// the tokenizer packed it: no key is sliced or packed again.
    #[inline]
    pub(crate) fn contains_token(&self, tokens: &crate::text::Tokens, index: usize) -> bool {
        self.positions
            .get_key(crate::keymap::Key::of(tokens, index))
            .is_some()
    }
}

/// Every list of the lexicon, by name.
#[derive(Debug)]
pub struct Lexicon {
    lists: HashMap<&'static str, WordList>,
}

impl Lexicon {
    fn parse(name: &str, source: &str) -> Result<Lexicon, crate::pattern::RuleError> {
        // The lexicon lives for the whole process: its words are leaked once
        // so that lists hand out `&'static str`.
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let lists = RuleSet::parse_word_lists(name, source)?
            .into_iter()
            .map(|(name, entries)| {
                let name = leak(name);
                let words: Vec<&'static str> = entries.into_iter().map(leak).collect();
                let positions = KeyMap::new(words.iter().enumerate().map(|(i, w)| (*w, i)));
                (
                    name,
                    WordList {
                        name,
                        words,
                        positions,
                    },
                )
            })
            .collect();
        Ok(Lexicon { lists })
    }

    /// The list called `name`, if declared.
    pub fn get(&self, name: &str) -> Option<&WordList> {
        self.lists.get(name)
    }

    /// The names of every list, sorted.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.lists.keys().copied().collect();
        names.sort_unstable();
        names
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(NAME, SOURCE)
        .unwrap_or_else(|err| panic!("the embedded lexicon is broken:\n{err}"))
});

/// The embedded lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// The lexicon's list called `name`.
///
/// # Panics
///
/// When the lexicon declares no such list: a list Rust reads must be in
/// `rules/lexicon.rules` (the tests check every name the library reads).
pub fn list(name: &str) -> &'static WordList {
    LEXICON
        .get(name)
        .unwrap_or_else(|| panic!("rules/lexicon.rules declares no word list `{name}`"))
}

/// `word_list!("name")`: the lexicon's list `name` as a `&'static
/// WordList`, looked up once per call site (for hot paths).
macro_rules! word_list {
    ($name:literal) => {{
        static LIST: std::sync::LazyLock<&'static $crate::lexicon::WordList> =
            std::sync::LazyLock::new(|| $crate::lexicon::list($name));
        *LIST
    }};
}
pub(crate) use word_list;

/// True when `source` is the lexicon itself (so it is not loaded twice when
/// a caller passes every file of `rules/`).
pub(crate) fn is_lexicon(source: &str) -> bool {
    source == SOURCE
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list name the library's Rust code passes to [`list`].
    const READ_BY_RUST: &[&str] = &[
        "particle",
        "article",
        "sunarticle",
        "starter",
        "orghead",
        "placehead",
        "landmarkhead",
        "placeprep",
        "motionprep",
        "appositionrole",
        "orgnoun",
        "orgfollower",
        "orgpossession",
        "month",
        "monthabbrev",
        "weekday",
        "weekdayabbrev",
        "nameverb",
        "teamsport",
        "individualsport",
        "notacronym",
    ];

    /// Every list name the event stage's code reads (src/event/lexicon.rs
    /// and the scorer); their entries may be phrases.
    const READ_BY_EVENT_STAGE: &[&str] = &[
        "agentnoun",
        "freepronoun",
        "determiner",
        "notmodifier",
        "clauseboundary",
        "objectfiller",
        "coordinator",
        "negation",
        "negatingverb",
        "cancelverb",
        "future",
        "hypothetical",
        "be",
        "lightverb",
        "receivingverb",
        "destinationverb",
        "occasioncue",
        "occasionhead",
        "meetingnoun",
        "invitationnoun",
        "visit",
        "representative",
        "tellverb",
        "sayverb",
        "expressverb",
    ];

    #[test]
    fn every_list_rust_reads_is_declared() {
        for name in READ_BY_RUST.iter().chain(READ_BY_EVENT_STAGE) {
            assert!(lexicon().get(name).is_some(), "@{name} missing");
            assert!(!list(name).words().is_empty(), "@{name} empty");
        }
    }

    #[test]
    fn article_forms_are_particles() {
        let particle = list("particle");
        for form in list("article")
            .words()
            .iter()
            .chain(list("sunarticle").words())
        {
            assert!(
                particle.contains(form),
                "{form} is an article but no @particle"
            );
        }
    }

    #[test]
    fn months_and_weekdays_are_complete_and_abbreviations_are_prefixes() {
        for (full, abbrev, count) in [
            ("month", "monthabbrev", 12),
            ("weekday", "weekdayabbrev", 7),
        ] {
            assert_eq!(list(full).words().len(), count, "@{full}");
            for short in list(abbrev).words() {
                let of: Vec<_> = list(full)
                    .words()
                    .iter()
                    .filter(|w| w.starts_with(short))
                    .collect();
                assert_eq!(of.len(), 1, "{short} abbreviates {of:?}");
            }
        }
    }

    /// Rust compares the lists with one token's key at a time.
    #[test]
    fn lists_rust_reads_hold_single_lowercase_keys() {
        for name in READ_BY_RUST {
            for word in list(name).words() {
                assert!(!word.contains(' '), "@{name}: {word:?} is a phrase");
                assert_eq!(word.to_lowercase(), *word, "@{name}: {word:?}");
            }
        }
    }

    #[test]
    fn a_rule_in_a_word_list_file_is_an_error() {
        let source = "words a = x\nrule x/y/1 -> PERSON\n  match \"x\"\n  example \"x\"\n";
        let err = Lexicon::parse("bad.rules", source).unwrap_err().to_string();
        assert!(err.contains("bad.rules:2:6"), "{err}");
        assert!(err.contains("expected only `words` declarations"), "{err}");
    }
}
