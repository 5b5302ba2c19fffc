//! Learning a gazetteer from annotated text: every entity string of a
//! CoNLL-2003 file or of herald gold files, with the type it was annotated
//! with most often and the evidence for it, written in herald's TSV format.
//!
//! Mentions are grouped by the key the matcher gives an alias (case,
//! diacritics, dashes and spelling variants folded), so "BAGHDAD" and
//! "Baghdad" are one string. A string is kept when its most frequent type
//! is one asked for, it was seen at least [`LearnOptions::min_count`] times
//! with that type, and that type holds at least [`LearnOptions::min_share`]
//! of its mentions. Types a gazetteer cannot hold (CoNLL's MISC, DATE) still
//! count against the share: a string that is MISC more often than PLACE
//! ("German") is not learned as a place.
//!
//! For precision, each kept string is also looked for in the annotated
//! text the way the matcher would find it: `plain` counts capitalized
//! occurrences outside every annotated mention (the annotators saw it and
//! did not call it an entity), `lowercase` counts occurrences written in
//! lowercase (a common word), and `within` counts mentions of which it is
//! only a part ("Anna" in "Anna Kovacs"): listed alone, such a fragment
//! would cut the longer names short. [`LearnOptions::max_plain_share`],
//! [`LearnOptions::max_lowercase_share`] and [`LearnOptions::max_within_share`]
//! drop strings seen that way too often.
//!
//! ```
//! use herald::gazetteer::learn::{LearnOptions, Learner};
//!
//! let conll = "-DOCSTART- -X- O O\n\nAnna NNP I-NP I-PER\nKovacs NNP I-NP I-PER\nleft VBD I-VP O\nOslo NNP I-NP I-LOC\n\n\
//!              Anna NNP I-NP I-PER\nKovacs NNP I-NP I-PER\nreturned VBD I-VP O\nto TO I-PP O\nOslo NNP I-NP I-LOC\n";
//! let mut learner = Learner::new();
//! learner.add_conll("notes.conll", conll).unwrap();
//! let learned = learner.learn(&LearnOptions::default());
//! let names: Vec<(&str, &str, usize)> = learned
//!     .entries()
//!     .iter()
//!     .map(|e| (e.kind.as_str(), e.name.as_str(), e.count))
//!     .collect();
//! assert_eq!(names, [("PERSON", "Anna Kovacs", 2), ("PLACE", "Oslo", 2)]);
//! // The TSV loads as any gazetteer does.
//! let gazetteer = herald::gazetteer::Gazetteer::parse("learned", &learned.to_tsv()).unwrap();
//! assert_eq!(gazetteer.len(), 2);
//! ```

use super::entry::Entry;
use super::load::Gazetteer;
use super::matcher::{GazetteerMatcher, words_key};
use crate::document::EntityKind;
use crate::eval::{self, GoldDocument};
use crate::span::Span;
use crate::text::{Shape, TokenKind, tokenize};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

/// What an annotated file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotatedFormat {
    /// CoNLL-2003 columns: a token a line, its IOB tag last.
    Conll,
    /// herald gold JSON (`shared/eval/README.md`), its text file beside it;
    /// a directory means every `*.json` in it.
    Gold,
}

impl AnnotatedFormat {
    /// The format a path most likely holds: gold for a directory or a
    /// `.json` file, CoNLL for anything else.
    pub fn detect(path: &Path) -> AnnotatedFormat {
        if path.is_dir() || path.extension().is_some_and(|e| e == "json") {
            AnnotatedFormat::Gold
        } else {
            AnnotatedFormat::Conll
        }
    }

    /// Its name in headers and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            AnnotatedFormat::Conll => "conll",
            AnnotatedFormat::Gold => "gold",
        }
    }
}

/// Which strings [`Learner::learn`] keeps.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnOptions {
    /// The fewest mentions with its most frequent type a string needs.
    pub min_count: usize,
    /// The smallest share of a string's mentions its most frequent type
    /// must hold (0 to 1).
    pub min_share: f64,
    /// The types to list; a string whose most frequent type is another is
    /// left out. Only gazetteer types (PERSON, ORG, PLACE, TITLE, DEMONYM)
    /// can be listed.
    pub kinds: Vec<EntityKind>,
    /// The largest share of a string's occurrences that may be capitalized
    /// text outside every annotated mention (1 keeps all).
    pub max_plain_share: f64,
    /// The largest share of a string's occurrences that may be written in
    /// lowercase (1 keeps all).
    pub max_lowercase_share: f64,
    /// The largest share of a string's occurrences that may be parts of
    /// longer annotated mentions (1 keeps all).
    pub max_within_share: f64,
}

impl Default for LearnOptions {
    fn default() -> LearnOptions {
        // Measured on CoNLL-2003 (learned from train, scored on dev), each
        // filter earns its place: min-count 1 beat 2, 3, 5 and 10; without
        // the lowercase filter F1 fell 0.837 -> 0.811, without the within
        // filter 0.837 -> 0.815; the plain filter moved it by 0.001.
        LearnOptions {
            min_count: 1,
            min_share: 0.5,
            kinds: vec![EntityKind::Person, EntityKind::Org, EntityKind::Place],
            max_plain_share: 0.5,
            max_lowercase_share: 0.5,
            max_within_share: 0.5,
        }
    }
}

/// One learned string and the evidence for it.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnedEntry {
    /// The type it was annotated with most often.
    pub kind: EntityKind,
    /// Its most frequent spelling (one not in capitals when there is one).
    pub name: String,
    /// Mentions annotated with `kind`.
    pub count: usize,
    /// Mentions annotated with any type.
    pub mentions: usize,
    /// Mentions annotated with each other type, by type name, most first.
    pub others: Vec<(String, usize)>,
    /// Capitalized occurrences outside every annotated mention.
    pub plain: usize,
    /// Occurrences written in lowercase.
    pub lowercase: usize,
    /// Occurrences as a part of a longer annotated mention.
    pub within: usize,
}

impl LearnedEntry {
    /// The share of its mentions annotated with its type.
    pub fn share(&self) -> f64 {
        self.count as f64 / self.mentions.max(1) as f64
    }

    /// Occurrences in the text: annotated mentions, parts of longer ones,
    /// plain and lowercase.
    fn occurrences(&self) -> usize {
        self.mentions + self.within + self.plain + self.lowercase
    }
}

/// What one input contributed, for the header of the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnedSource {
    /// The file as given.
    pub path: String,
    /// How it was read.
    pub format: AnnotatedFormat,
    /// Documents read from it.
    pub documents: usize,
    /// Entity mentions read from it.
    pub mentions: usize,
}

/// Why strings were left out, by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Most often annotated with a type not asked for (MISC, DATE, …).
    pub other_type: usize,
    /// Seen fewer than `min_count` times with their type.
    pub below_min_count: usize,
    /// Their type holds less than `min_share` of their mentions.
    pub below_min_share: usize,
    /// Too often capitalized outside annotated mentions.
    pub plain: usize,
    /// Too often written in lowercase.
    pub lowercase: usize,
    /// Too often a part of a longer mention.
    pub within: usize,
}

/// A learned gazetteer: its entries, in output order, and how it was made.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnedGazetteer {
    entries: Vec<LearnedEntry>,
    sources: Vec<LearnedSource>,
    options: LearnOptions,
    dropped: Dropped,
}

impl LearnedGazetteer {
    /// The entries: by type in the order of [`LearnOptions::kinds`], then
    /// most mentions first, then by name.
    pub fn entries(&self) -> &[LearnedEntry] {
        &self.entries
    }

    /// The inputs it was learned from.
    pub fn sources(&self) -> &[LearnedSource] {
        &self.sources
    }

    /// The strings left out, by reason.
    pub fn dropped(&self) -> Dropped {
        self.dropped
    }

    /// The gazetteer in herald's TSV format (`gazetteers/README.md`): a
    /// header saying what it was learned from and with which options, then
    /// one entry a line with its evidence as attributes: `count` (mentions
    /// with its type), `share` (of all its mentions), `also` (mentions with
    /// other types), `plain` and `lowercase` (occurrences outside mentions).
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        out.push_str("# Learned by `herald gazetteer learn` from annotated text:\n");
        for source in &self.sources {
            let _ = writeln!(
                out,
                "#   {} ({}): {} documents, {} mentions",
                source.path,
                source.format.as_str(),
                source.documents,
                source.mentions
            );
        }
        let options = &self.options;
        let kinds: Vec<&str> = options.kinds.iter().map(EntityKind::as_str).collect();
        let _ = writeln!(
            out,
            "# Options: min-count {}, min-share {}, max-plain-share {}, max-lowercase-share {}, max-within-share {}, types {}.",
            options.min_count,
            options.min_share,
            options.max_plain_share,
            options.max_lowercase_share,
            options.max_within_share,
            kinds.join(",")
        );
        out.push_str(
            "# Each string is listed with the type it was annotated with most often.\n\
             # count: mentions with that type; share: of all its mentions; also: mentions\n\
             # with other types; within: occurrences as a part of a longer mention;\n\
             # plain: capitalized occurrences outside every mention; lowercase:\n\
             # occurrences in lowercase. The entries come from the annotated data,\n\
             # so the data's license applies to them.\n",
        );
        for entry in &self.entries {
            let _ = writeln!(
                out,
                "{}\t{}\t\t{}",
                entry.kind.as_str(),
                entry.name,
                attributes(entry)
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(" ; ")
            );
        }
        out
    }

    /// The entries as a [`Gazetteer`] named `name`, with the same
    /// attributes as [`LearnedGazetteer::to_tsv`] (an entry's line is its
    /// position in the list).
    pub fn to_gazetteer(&self, name: &str) -> Gazetteer {
        let name: Arc<str> = Arc::from(name);
        let entries = self
            .entries
            .iter()
            .enumerate()
            .map(|(index, learned)| Entry {
                kind: learned.kind,
                canonical: learned.name.clone(),
                aliases: Vec::new(),
                attributes: attributes(learned),
                offices: Vec::new(),
                population: None,
                gazetteer: name.clone(),
                line: index + 1,
                written: Default::default(),
            });
        Gazetteer::from_entries(&name, entries)
    }
}

/// An entry's evidence as `key=value` attributes.
fn attributes(entry: &LearnedEntry) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("count".to_owned(), entry.count.to_string()),
        ("share".to_owned(), format!("{:.2}", entry.share())),
    ];
    if !entry.others.is_empty() {
        let others: Vec<String> = entry
            .others
            .iter()
            .map(|(kind, count)| format!("{kind}:{count}"))
            .collect();
        pairs.push(("also".to_owned(), others.join(",")));
    }
    pairs.push(("within".to_owned(), entry.within.to_string()));
    pairs.push(("plain".to_owned(), entry.plain.to_string()));
    pairs.push(("lowercase".to_owned(), entry.lowercase.to_string()));
    pairs
}

/// The mentions of one matching key.
#[derive(Default)]
struct Tally {
    /// Mentions by annotated type.
    kinds: BTreeMap<String, usize>,
    /// Mentions by spelling.
    spellings: BTreeMap<String, usize>,
}

impl Tally {
    fn mentions(&self) -> usize {
        self.kinds.values().sum()
    }

    /// The most frequent type; ties go to the first name in order.
    fn majority(&self) -> Option<(&str, usize)> {
        let mut best: Option<(&str, usize)> = None;
        for (kind, &count) in &self.kinds {
            if best.is_none_or(|(_, most)| count > most) {
                best = Some((kind, count));
            }
        }
        best
    }

    /// The spelling to list: the most frequent one not written in capitals
    /// when there is one (headlines and datelines are in capitals, and a
    /// one-word name in capitals would read as an acronym), else the most
    /// frequent; ties go to the first in order.
    fn spelling(&self) -> &str {
        let in_capitals = |s: &str| !s.chars().any(char::is_lowercase);
        let any_mixed = self.spellings.keys().any(|s| !in_capitals(s));
        let mut best: Option<(&str, usize)> = None;
        for (spelling, &count) in &self.spellings {
            if any_mixed && in_capitals(spelling) {
                continue;
            }
            if best.is_none_or(|(_, most)| count > most) {
                best = Some((spelling, count));
            }
        }
        best.map_or("", |(spelling, _)| spelling)
    }
}

/// One annotated document kept for counting occurrences.
struct Annotated {
    text: String,
    /// Its mentions' spans, sorted by start.
    mentions: Vec<Span>,
}

/// Collects entity mentions from annotated documents; [`Learner::learn`]
/// turns them into a gazetteer.
#[derive(Default)]
pub struct Learner {
    tallies: HashMap<String, Tally>,
    /// By key: how often a string was a part of a longer mention.
    within: HashMap<String, usize>,
    documents: Vec<Annotated>,
    sources: Vec<LearnedSource>,
}

impl Learner {
    /// An empty learner.
    pub fn new() -> Learner {
        Learner::default()
    }

    /// Reads an annotated file (or, for gold, a directory of them) in
    /// `format`. Errors name the file, and the line and column when the
    /// problem is inside it.
    pub fn add_file(&mut self, path: &Path, format: AnnotatedFormat) -> Result<(), eval::Error> {
        match format {
            AnnotatedFormat::Conll => {
                let text = std::fs::read_to_string(path).map_err(|e| eval::Error::io(path, &e))?;
                self.add_conll(&path.display().to_string(), &text)
                    .map_err(|e| e.in_file(path))
            }
            AnnotatedFormat::Gold => {
                let mut source = LearnedSource {
                    path: path.display().to_string(),
                    format,
                    documents: 0,
                    mentions: 0,
                };
                for file in eval::gold_files(path)? {
                    let (gold, text) = eval::load_gold(&file)?;
                    source.mentions += self
                        .add_document(&text, &gold)
                        .map_err(|e| e.in_file(&file))?;
                    source.documents += 1;
                }
                self.sources.push(source);
                Ok(())
            }
        }
    }

    /// Reads the text of a CoNLL-2003 file; `name` names it in the header.
    /// Errors give the line and column.
    pub fn add_conll(&mut self, name: &str, text: &str) -> Result<(), eval::Error> {
        let documents = eval::read_conll(text)?;
        let mut source = LearnedSource {
            path: name.to_owned(),
            format: AnnotatedFormat::Conll,
            documents: documents.len(),
            mentions: 0,
        };
        for document in documents {
            source.mentions += self.add_document(&document.text, &document.gold)?;
        }
        self.sources.push(source);
        Ok(())
    }

    /// Counts the entity mentions of one gold document over `text`, its
    /// text; returns how many it counted. A document whose entities were
    /// not annotated (`entities_annotated: false`) adds nothing: its names
    /// are no evidence either way. A mention whose span is not in the text
    /// is an error naming it.
    pub fn add_document(&mut self, text: &str, gold: &GoldDocument) -> Result<usize, eval::Error> {
        if !gold.entities_annotated {
            return Ok(0);
        }
        let mut mentions = Vec::with_capacity(gold.entities.len());
        for (index, entity) in gold.entities.iter().enumerate() {
            let Some(surface) = text.get(entity.start..entity.end) else {
                return Err(eval::Error::new(format!(
                    "entity {} ({:?}) spans bytes {}..{}, which are not a part of its {}-byte text",
                    index + 1,
                    entity.text,
                    entity.start,
                    entity.end,
                    text.len()
                )));
            };
            mentions.push(entity.span());
            // Gold spans may cross a line break; a gazetteer name is one line.
            let spelling = surface.split_whitespace().collect::<Vec<_>>().join(" ");
            if !spelling.chars().any(char::is_alphanumeric) {
                continue;
            }
            self.count_parts(&spelling);
            let tally = self.tallies.entry(words_key(&spelling)).or_default();
            *tally.kinds.entry(entity.kind.clone()).or_default() += 1;
            *tally.spellings.entry(spelling).or_default() += 1;
        }
        mentions.sort_by_key(|span| (span.start, span.end));
        let count = mentions.len();
        self.documents.push(Annotated {
            text: text.to_owned(),
            mentions,
        });
        Ok(count)
    }

    /// Counts every run of whole tokens of a mention, short of the whole,
    /// as a part of a longer mention.
    fn count_parts(&mut self, spelling: &str) {
        let tokens = tokenize(spelling);
        let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
        for first in 0..spans.len() {
            for last in first..spans.len() {
                if first == 0 && last + 1 == spans.len() {
                    continue;
                }
                let part = &spelling[spans[first].start..spans[last].end];
                if part.chars().any(char::is_alphanumeric) {
                    *self.within.entry(words_key(part)).or_default() += 1;
                }
            }
        }
    }

    /// The gazetteer of the strings `options` keep.
    pub fn learn(&self, options: &LearnOptions) -> LearnedGazetteer {
        let mut dropped = Dropped::default();
        let mut entries = Vec::new();
        for (key, tally) in &self.tallies {
            let Some((majority, count)) = tally.majority() else {
                continue;
            };
            let Some(kind) = EntityKind::parse(majority).filter(|k| options.kinds.contains(k))
            else {
                dropped.other_type += 1;
                continue;
            };
            if count < options.min_count {
                dropped.below_min_count += 1;
                continue;
            }
            let mentions = tally.mentions();
            if (count as f64) < options.min_share * mentions as f64 {
                dropped.below_min_share += 1;
                continue;
            }
            let mut others: Vec<(String, usize)> = tally
                .kinds
                .iter()
                .filter(|(other, _)| other.as_str() != majority)
                .map(|(other, &n)| (other.clone(), n))
                .collect();
            others.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            entries.push(LearnedEntry {
                kind,
                name: tally.spelling().to_owned(),
                count,
                mentions,
                others,
                plain: 0,
                lowercase: 0,
                within: self.within.get(key).copied().unwrap_or(0),
            });
        }
        self.count_unannotated(&mut entries);
        entries.retain(|entry| {
            let occurrences = entry.occurrences() as f64;
            if entry.plain as f64 > options.max_plain_share * occurrences {
                dropped.plain += 1;
                false
            } else if entry.lowercase as f64 > options.max_lowercase_share * occurrences {
                dropped.lowercase += 1;
                false
            } else if entry.within as f64 > options.max_within_share * occurrences {
                dropped.within += 1;
                false
            } else {
                true
            }
        });
        let rank = |kind: EntityKind| options.kinds.iter().position(|&k| k == kind);
        entries.sort_by(|a, b| {
            rank(a.kind)
                .cmp(&rank(b.kind))
                .then_with(|| b.count.cmp(&a.count))
                .then_with(|| a.name.cmp(&b.name))
        });
        LearnedGazetteer {
            entries,
            sources: self.sources.clone(),
            options: options.clone(),
            dropped,
        }
    }

    /// Finds each entry in the annotated text as the matcher would and
    /// counts the occurrences outside every annotated mention: in
    /// lowercase, or capitalized (`plain`).
    fn count_unannotated(&self, entries: &mut [LearnedEntry]) {
        // Lowercase names match text in any case, so one pass finds both
        // kinds of occurrence; every entry is an ORG here because PERSON
        // entries would also match by surname, which is not the string.
        let probes = entries.iter().enumerate().map(|(index, entry)| Entry {
            kind: EntityKind::Org,
            canonical: entry.name.to_lowercase(),
            aliases: Vec::new(),
            attributes: Vec::new(),
            offices: Vec::new(),
            population: None,
            gazetteer: Arc::from("learned"),
            line: index + 1,
            written: Default::default(),
        });
        let Ok(matcher) =
            GazetteerMatcher::from_gazetteers(vec![Gazetteer::from_entries("learned", probes)])
        else {
            // One gazetteer cannot clash with another's name.
            return;
        };
        for document in &self.documents {
            let tokens = tokenize(&document.text);
            for found in matcher.find(&document.text, &tokens) {
                let span = found.span();
                let overlaps = document
                    .mentions
                    .iter()
                    .take_while(|m| m.start < span.end)
                    .any(|m| m.end > span.start);
                if overlaps {
                    continue;
                }
                let lowercase = tokens.as_slice()[found.tokens()]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .all(|t| t.shape == Shape::Lower);
                for candidate in matcher.candidates(&found) {
                    // Ids count entries in load order: the order of `entries`.
                    let entry = &mut entries[candidate.entry.index()];
                    if lowercase {
                        entry.lowercase += 1;
                    } else {
                        entry.plain += 1;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CoNLL lines from `(token, tag)` pairs; an empty token ends a sentence.
    fn conll(tokens: &[(&str, &str)]) -> String {
        let mut out = String::from("-DOCSTART- -X- O O\n\n");
        for (token, tag) in tokens {
            if token.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "{token} X X {tag}");
            }
        }
        out
    }

    fn learn(tokens: &[(&str, &str)], options: &LearnOptions) -> LearnedGazetteer {
        let mut learner = Learner::new();
        learner.add_conll("test.conll", &conll(tokens)).unwrap();
        learner.learn(options)
    }

    fn names(learned: &LearnedGazetteer) -> Vec<(&str, &str, usize)> {
        learned
            .entries()
            .iter()
            .map(|e| (e.kind.as_str(), e.name.as_str(), e.count))
            .collect()
    }

    fn keep_all() -> LearnOptions {
        LearnOptions {
            min_count: 1,
            min_share: 0.0,
            max_plain_share: 1.0,
            max_lowercase_share: 1.0,
            max_within_share: 1.0,
            ..LearnOptions::default()
        }
    }

    #[test]
    fn the_majority_type_wins_and_the_others_are_recorded() {
        let tokens = [
            ("Tarnow", "I-ORG"),
            ("won", "O"),
            ("", ""),
            ("Tarnow", "I-ORG"),
            ("lost", "O"),
            ("", ""),
            ("in", "O"),
            ("Tarnow", "I-LOC"),
        ];
        let learned = learn(&tokens, &keep_all());
        assert_eq!(names(&learned), [("ORG", "Tarnow", 2)]);
        let entry = &learned.entries()[0];
        assert_eq!(entry.others, [("PLACE".to_owned(), 1)]);
        assert_eq!(entry.mentions, 3);
        assert!(
            learned
                .to_tsv()
                .contains("ORG\tTarnow\t\tcount=2 ; share=0.67 ; also=PLACE:1")
        );
    }

    #[test]
    fn spellings_fold_into_one_key_and_the_listed_one_is_not_in_capitals() {
        let tokens = [
            ("VELDRA", "I-LOC"),
            ("", ""),
            ("VELDRA", "I-LOC"),
            ("", ""),
            ("VELDRA", "I-LOC"),
            ("", ""),
            ("in", "O"),
            ("Veldra", "I-LOC"),
        ];
        let learned = learn(&tokens, &keep_all());
        assert_eq!(names(&learned), [("PLACE", "Veldra", 4)]);
    }

    #[test]
    fn min_count_and_min_share_drop_weak_strings() {
        let tokens = [
            ("Osk", "I-PER"),
            ("", ""),
            ("Brevik", "I-PER"),
            ("", ""),
            ("Brevik", "I-PER"),
            ("", ""),
            ("Brevik", "I-LOC"),
            ("", ""),
            ("Brevik", "I-ORG"),
        ];
        let strict = LearnOptions {
            min_count: 2,
            min_share: 0.6,
            ..keep_all()
        };
        let learned = learn(&tokens, &strict);
        assert!(learned.entries().is_empty(), "{:?}", learned.entries());
        assert_eq!(learned.dropped().below_min_count, 1);
        assert_eq!(learned.dropped().below_min_share, 1);
        let looser = LearnOptions {
            min_share: 0.5,
            ..strict
        };
        assert_eq!(names(&learn(&tokens, &looser)), [("PERSON", "Brevik", 2)]);
    }

    #[test]
    fn misc_counts_against_a_place_but_is_never_listed() {
        let tokens = [
            ("Dornish", "I-MISC"),
            ("", ""),
            ("Dornish", "I-MISC"),
            ("", ""),
            ("Dornish", "I-LOC"),
        ];
        let learned = learn(&tokens, &keep_all());
        assert!(learned.entries().is_empty());
        assert_eq!(learned.dropped().other_type, 1);
    }

    #[test]
    fn only_the_types_asked_for_are_listed() {
        let tokens = [
            ("Mira", "I-PER"),
            ("Zell", "I-PER"),
            ("", ""),
            ("Kalto", "I-LOC"),
        ];
        let places = LearnOptions {
            kinds: vec![EntityKind::Place],
            ..keep_all()
        };
        assert_eq!(names(&learn(&tokens, &places)), [("PLACE", "Kalto", 1)]);
    }

    #[test]
    fn unannotated_occurrences_are_counted_and_can_drop_a_string() {
        // "Summit" is a place twice, plain capitalized text once (a
        // headline word), and a lowercase word three times.
        let tokens = [
            ("Summit", "I-LOC"),
            ("", ""),
            ("in", "O"),
            ("Summit", "I-LOC"),
            ("", ""),
            ("Summit", "O"),
            ("talks", "O"),
            ("", ""),
            ("the", "O"),
            ("summit", "O"),
            ("summit", "O"),
            ("summit", "O"),
        ];
        let learned = learn(&tokens, &keep_all());
        let entry = &learned.entries()[0];
        assert_eq!((entry.plain, entry.lowercase), (1, 3));
        let no_lowercase = LearnOptions {
            max_lowercase_share: 0.4,
            ..keep_all()
        };
        let learned = learn(&tokens, &no_lowercase);
        assert!(learned.entries().is_empty());
        assert_eq!(learned.dropped().lowercase, 1);
        let no_plain = LearnOptions {
            max_plain_share: 0.1,
            ..keep_all()
        };
        assert_eq!(learn(&tokens, &no_plain).dropped().plain, 1);
    }

    #[test]
    fn a_string_mostly_seen_inside_longer_names_is_a_fragment() {
        // "Ilka" is a person alone once and the first name of "Ilka Brandt"
        // and "Ilka Sorel" three times.
        let tokens = [
            ("Ilka", "I-PER"),
            ("", ""),
            ("Ilka", "I-PER"),
            ("Brandt", "I-PER"),
            ("", ""),
            ("Ilka", "I-PER"),
            ("Brandt", "I-PER"),
            ("", ""),
            ("Ilka", "I-PER"),
            ("Sorel", "I-PER"),
        ];
        let learned = learn(&tokens, &keep_all());
        let ilka = learned.entries().iter().find(|e| e.name == "Ilka").unwrap();
        assert_eq!(ilka.within, 3);
        let learned = learn(
            &tokens,
            &LearnOptions {
                max_within_share: 0.5,
                ..keep_all()
            },
        );
        assert_eq!(
            names(&learned),
            [("PERSON", "Ilka Brandt", 2), ("PERSON", "Ilka Sorel", 1)]
        );
        assert_eq!(learned.dropped().within, 1);
    }

    #[test]
    fn a_longer_mention_hides_its_parts_from_the_plain_count() {
        // "Norvik" inside the ORG "Norvik Shipping" is no plain occurrence.
        let tokens = [
            ("Norvik", "I-LOC"),
            ("", ""),
            ("Norvik", "I-ORG"),
            ("Shipping", "I-ORG"),
            ("rose", "O"),
        ];
        let learned = learn(&tokens, &keep_all());
        let norvik = learned
            .entries()
            .iter()
            .find(|e| e.name == "Norvik")
            .unwrap();
        assert_eq!((norvik.plain, norvik.lowercase), (0, 0));
    }

    #[test]
    fn output_is_sorted_by_type_then_count_then_name_and_loads() {
        let tokens = [
            ("Ilse", "I-PER"),
            ("", ""),
            ("Vorn", "I-LOC"),
            ("", ""),
            ("Arbo", "I-LOC"),
            ("", ""),
            ("Vorn", "I-LOC"),
            ("", ""),
            ("Cendra", "I-LOC"),
        ];
        let learned = learn(&tokens, &keep_all());
        assert_eq!(
            names(&learned),
            [
                ("PERSON", "Ilse", 1),
                ("PLACE", "Vorn", 2),
                ("PLACE", "Arbo", 1),
                ("PLACE", "Cendra", 1)
            ]
        );
        let tsv = learned.to_tsv();
        assert!(
            tsv.starts_with("# Learned by `herald gazetteer learn`"),
            "{tsv}"
        );
        assert!(
            tsv.contains("#   test.conll (conll): 1 documents, 5 mentions"),
            "{tsv}"
        );
        assert!(tsv.contains("min-count 1, min-share 0"), "{tsv}");
        let parsed = Gazetteer::parse("learned", &tsv).unwrap();
        let built = learned.to_gazetteer("learned");
        let canonicals = |g: &Gazetteer| -> Vec<String> {
            g.entries()
                .iter()
                .map(|e| e.canonical().to_owned())
                .collect()
        };
        assert_eq!(canonicals(&parsed), canonicals(&built));
        assert_eq!(
            parsed.entries()[1].attributes(),
            built.entries()[1].attributes()
        );
    }

    #[test]
    fn gold_documents_are_read_with_their_types() {
        let text = "Dr. Ama Owusu met Lior Hadad in Kumasi. Ama Owusu left Kumasi.";
        let gold = GoldDocument::from_json(
            r#"{"text": "a.txt", "entities": [
                {"start": 4, "end": 13, "type": "PERSON", "entity": "owusu"},
                {"start": 18, "end": 28, "type": "PERSON", "entity": "hadad"},
                {"start": 32, "end": 38, "type": "PLACE", "entity": "kumasi"},
                {"start": 40, "end": 49, "type": "PERSON", "entity": "owusu"},
                {"start": 55, "end": 61, "type": "PLACE", "entity": "kumasi"}
            ]}"#,
        )
        .unwrap();
        let mut learner = Learner::new();
        assert_eq!(learner.add_document(text, &gold).unwrap(), 5);
        let learned = learner.learn(&LearnOptions::default());
        assert_eq!(
            names(&learned),
            [
                ("PERSON", "Ama Owusu", 2),
                ("PERSON", "Lior Hadad", 1),
                ("PLACE", "Kumasi", 2)
            ]
        );
    }

    #[test]
    fn a_document_without_entity_annotation_adds_no_evidence() {
        let mut learner = Learner::new();
        learner
            .add_conll("a.conll", &conll(&[("Veldra", "I-LOC")]))
            .unwrap();
        let unannotated = GoldDocument::from_json(
            r#"{"text": "b.txt", "entities_annotated": false, "entities": []}"#,
        )
        .unwrap();
        assert_eq!(
            learner
                .add_document("Veldra said Veldra was Veldra.", &unannotated)
                .unwrap(),
            0
        );
        let learned = learner.learn(&keep_all());
        let entry = &learned.entries()[0];
        assert_eq!((entry.name.as_str(), entry.plain), ("Veldra", 0));
    }

    #[test]
    fn a_span_outside_the_text_is_an_error_naming_the_entity() {
        let gold = GoldDocument::from_json(
            r#"{"text": "a.txt", "entities": [{"start": 3, "end": 40, "type": "ORG", "text": "Acme"}]}"#,
        )
        .unwrap();
        let error = Learner::new()
            .add_document("Short text.", &gold)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("entity 1 (\"Acme\") spans bytes 3..40"),
            "{error}"
        );
    }

    #[test]
    fn a_bad_conll_line_names_line_and_column() {
        let error = Learner::new()
            .add_conll("x.conll", "Oslo X X I-LOC\nRain X X I-WEATHER\n")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("2:10: unknown tag"), "{error}");
    }
}
