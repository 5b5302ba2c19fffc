//! The rule language shared by entity and event rules: parser, compiler and
//! matcher.
//!
//! Rules are written in `.rules` files (the language is documented in
//! `rules/README.md`), loaded with [`RuleSet::parse`] or
//! [`RuleSet::from_file`], and run over one tokenized sentence at a time
//! with [`RuleSet::find`] (or a whole document with
//! [`RuleSet::find_document`]). A search's working memory is a [`Cache`]
//! that the caller owns and passes in, so the rule set itself stays
//! immutable and shared while each thread reuses its own buffers. Loading reports every problem in a file with
//! its line and column; matching never fails and runs in time linear in the
//! input for every rule set: patterns compile to an NFA simulated Pike-style,
//! without backtracking, and a sentence is examined only by the rules whose
//! anchor words occur in it.
//!
//! ```
//! use herald::pattern::{Annotation, Cache, RuleSet};
//! use herald::{EntityKind, Role};
//!
//! let rules = RuleSet::parse("demo.rules", r#"
//! words say = said says told
//! rule statement/say/1 -> Statement priority 2
//!   match speaker:PERSON @say
//!   example "[PERSON Ruto] said the talks went well." => speaker="Ruto"
//! "#).unwrap();
//!
//! let text = "Ruto said the talks went well.";
//! let tokens = herald::text::tokenize(text);
//! let sentences = herald::text::split_sentences(text, &tokens);
//! let people = [Annotation { tokens: 0..1, kind: EntityKind::Person }];
//! let mut cache = Cache::new(); // the search's memory, reused across calls
//! let found = rules.find(&mut cache, text, &tokens, &sentences[0], &people);
//! assert_eq!(found.len(), 1);
//! assert_eq!(&*found[0].rule, "statement/say/1");
//! assert_eq!(&text[found[0].span], "Ruto said");
//! let speaker = found[0].capture("speaker").unwrap();
//! assert_eq!((&text[speaker.span], speaker.role), ("Ruto", Some(Role::Speaker)));
//! ```

mod class;
mod compile;
mod error;
mod examples;
#[cfg(test)]
mod reference;
mod resolve;
mod search;
mod syntax;
mod vm;

pub(crate) use vm::NO_WORD;

pub use crate::entity::stage::check_rules;
pub use error::{Diagnostic, RuleError};
pub use examples::{CheckReport, ExampleFailure, check, check_source};
pub use resolve::{OverlapPolicy, OverlapScope};
pub use search::Cache;

use crate::document::{EntityKind, EventKind, Role};
use crate::span::Span;
use crate::text::{Sentence, Tokens};
use compile::Compiled;
pub(crate) use search::Deferred;
use search::{Candidate, CaptureRange, Triggers};
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// Which sentences a document pass searches, and how it learns their
/// triggered rules.
#[derive(Clone, Copy)]
enum Visit<'a> {
    /// Every sentence, looking its words up (or reading their vocabulary
    /// ids from `ids`, one per token of the document, when the caller
    /// looked them up); `record` keeps what they triggered of the rules
    /// left out, for a later pass.
    All {
        record: bool,
        ids: Option<&'a [u32]>,
    },
    /// The sentences marked true, looking their words up.
    Marked(&'a [bool]),
    /// The sentences where an earlier pass found left-out rules, with what
    /// it found.
    Deferred(&'a Deferred),
}

/// A sentence's tokens, clamped to the tokens there are.
fn sentence_range(sentence: &Sentence, tokens: &Tokens) -> Range<usize> {
    sentence.tokens.start.min(tokens.len())..sentence.tokens.end.min(tokens.len())
}

/// The name of the capture an entity rule gets when it names none: one
/// shared string rather than one per match.
static ENTITY: LazyLock<Arc<str>> = LazyLock::new(|| Arc::from("entity"));

/// What a rule produces: an entity of some kind or an event of some kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Produces {
    /// An entity mention; its span is the `entity` capture.
    Entity(EntityKind),
    /// An event; its arguments are the role captures.
    Event(EventKind),
}

impl std::fmt::Display for Produces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Produces::Entity(kind) => f.write_str(kind.as_str()),
            Produces::Event(kind) => write!(f, "{kind}"),
        }
    }
}

/// An entity already found in the text, which entity atoms (`PERSON`, `ORG`,
/// …) match as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// The token indices it covers (indices into the document's [`Tokens`]).
    pub tokens: Range<usize>,
    /// Its kind.
    pub kind: EntityKind,
}

/// A named part of a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
    /// The capture's name as written in the rule (`speaker`, `entity`, `title`, …).
    pub name: Arc<str>,
    /// The event role it fills, for role captures of event rules.
    pub role: Option<Role>,
    /// The tokens it covers.
    pub tokens: Range<usize>,
    /// The bytes it covers.
    pub span: Span,
}

/// One match of a rule: which rule, what it produces, and which tokens
/// each capture covered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMatch {
    /// The rule's hierarchical id.
    pub rule: Arc<str>,
    /// What the rule produces.
    pub produces: Produces,
    /// The rule's priority.
    pub priority: i32,
    /// The bytes the whole match covers.
    pub span: Span,
    /// The tokens the whole match covers.
    pub tokens: Range<usize>,
    /// The first token of the match that is one of the rule's anchor words
    /// (see `rules/README.md`): for event rules without a `trigger`
    /// capture, a natural trigger.
    pub anchor: Range<usize>,
    /// The captures, in text order; a capture inside a repetition appears
    /// once per repetition. Entity rules always have an `entity` capture
    /// (the whole match when the rule names none).
    pub captures: Vec<Capture>,
}

impl RuleMatch {
    /// The first capture named `name`.
    pub fn capture(&self, name: &str) -> Option<&Capture> {
        self.captures.iter().find(|c| &*c.name == name)
    }

    /// Every capture named `name`, in text order.
    pub fn captures_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Capture> + 'a {
        self.captures.iter().filter(move |c| &*c.name == name)
    }
}

/// A summary of one loaded rule.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo<'a> {
    rule: &'a compile::CompiledRule,
}

impl<'a> RuleInfo<'a> {
    /// The rule's hierarchical id.
    pub fn id(&self) -> &'a str {
        &self.rule.id
    }

    /// What it produces.
    pub fn produces(&self) -> Produces {
        self.rule.produces
    }

    /// Its priority.
    pub fn priority(&self) -> i32 {
        self.rule.priority
    }

    /// The file and line it was declared at.
    pub fn location(&self) -> (&'a str, usize) {
        (&self.rule.file, self.rule.line)
    }
}

/// A compiled set of rules. Built once, shared by every thread (`Send +
/// Sync`); matching never fails.
#[derive(Clone, Debug)]
pub struct RuleSet {
    compiled: Compiled,
    policy: OverlapPolicy,
    scope: OverlapScope,
}

impl RuleSet {
    /// Parses and compiles one rule source; `name` is used in error
    /// messages (usually the file name).
    pub fn parse(name: &str, source: &str) -> Result<RuleSet, RuleError> {
        RuleSet::parse_sources([(name, source)])
    }

    /// Parses and compiles several sources as one set (e.g. the bundled
    /// `entities.rules` and `events.rules`). Word lists declared in any of
    /// them can be used in all of them; rule ids must be unique across them.
    pub fn parse_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<RuleSet, RuleError> {
        RuleSet::parse_all(sources, 0)
    }

    /// [`RuleSet::parse_sources`] where the first source is `generated`:
    /// word lists herald generated from data (the entity stage's `@title`
    /// and `@givenname`), which may be empty when the data has no such
    /// names. A rule needing an empty list then never matches.
    pub(crate) fn parse_with_generated<'a>(
        generated: (&'a str, &'a str),
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<RuleSet, RuleError> {
        RuleSet::parse_all(std::iter::once(generated).chain(sources), 1)
    }

    /// Parses every source; the first `generated` of them may declare empty
    /// word lists.
    fn parse_all<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
        generated: usize,
    ) -> Result<RuleSet, RuleError> {
        let mut errors = Vec::new();
        let mut names = Vec::new();
        let mut parsed = Vec::new();
        for (index, (name, source)) in sources.into_iter().enumerate() {
            let mut diags = syntax::Diags {
                file: name,
                list: &mut errors,
            };
            parsed.push(syntax::parse(source, index, index < generated, &mut diags));
            names.push(name.to_owned());
        }
        let compiled = compile::compile(&parsed, &names, &mut errors);
        if errors.is_empty() {
            Ok(RuleSet {
                compiled,
                policy: OverlapPolicy::default(),
                scope: OverlapScope::default(),
            })
        } else {
            errors.sort_by(|a, b| {
                (names.iter().position(|n| *n == a.file), a.line, a.column).cmp(&(
                    names.iter().position(|n| *n == b.file),
                    b.line,
                    b.column,
                ))
            });
            Err(RuleError {
                diagnostics: errors,
            })
        }
    }

    /// Parses a source that declares only word lists (such as
    /// `rules/lexicon.rules`) and returns each list's name and entries (token
    /// keys joined by spaces), in declared order. A `rule` in it is an
    /// error, and so is anything [`RuleSet::parse`] rejects.
    pub fn parse_word_lists(
        name: &str,
        source: &str,
    ) -> Result<Vec<(String, Vec<String>)>, RuleError> {
        let mut errors = Vec::new();
        let mut diags = syntax::Diags {
            file: name,
            list: &mut errors,
        };
        let parsed = syntax::parse(source, 0, false, &mut diags);
        for rule in &parsed.rules {
            diags.error(
                rule.pos,
                &rule.id,
                "rule in a word-list file; expected only `words` declarations",
            );
        }
        compile::compile(
            std::slice::from_ref(&parsed),
            &[name.to_owned()],
            &mut errors,
        );
        if !errors.is_empty() {
            errors.sort_by_key(|d| (d.line, d.column));
            return Err(RuleError {
                diagnostics: errors,
            });
        }
        Ok(parsed
            .words
            .iter()
            .map(|decl| {
                let entries = decl.entries.iter().map(|e| e.keys.join(" ")).collect();
                (decl.name.clone(), entries)
            })
            .collect())
    }

    /// Reads and compiles a rule file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<RuleSet, RuleError> {
        RuleSet::from_files([path])
    }

    /// Reads and compiles several rule files as one set (see [`RuleSet::parse_sources`]).
    pub fn from_files<P: AsRef<Path>>(
        paths: impl IntoIterator<Item = P>,
    ) -> Result<RuleSet, RuleError> {
        let mut sources = Vec::new();
        for path in paths {
            let path = path.as_ref();
            let name = path.display().to_string();
            let source = std::fs::read_to_string(path).map_err(|e| RuleError::io(&name, &e))?;
            sources.push((name, source));
        }
        RuleSet::parse_sources(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
    }

    /// Changes how overlapping matches are resolved (see [`OverlapPolicy`]).
    pub fn set_overlap(&mut self, policy: OverlapPolicy, scope: OverlapScope) {
        self.policy = policy;
        self.scope = scope;
    }

    /// The number of rules.
    pub fn len(&self) -> usize {
        self.compiled.rules.len()
    }

    /// True when the set has no rules.
    pub fn is_empty(&self) -> bool {
        self.compiled.rules.is_empty()
    }

    /// The number of word lists declared.
    pub fn word_lists(&self) -> usize {
        self.compiled.word_lists
    }

    /// The entries of the word list `name` (declared with `words name = …`
    /// in any source of the set), as matching keys; a multi-word entry's
    /// keys are joined by single spaces.
    ///
    /// ```
    /// let rules = herald::pattern::RuleSet::parse("x.rules", "words say = Said \"told reporters\"\n").unwrap();
    /// assert_eq!(rules.word_list("say").unwrap(), ["said", "told reporters"]);
    /// ```
    pub fn word_list(&self, name: &str) -> Option<&[String]> {
        self.compiled.list_entries.get(name).map(Vec::as_slice)
    }

    /// The rules, in file order.
    pub fn rules(&self) -> impl Iterator<Item = RuleInfo<'_>> + '_ {
        self.compiled.rules.iter().map(|rule| RuleInfo { rule })
    }

    /// Finds the matches of every rule in one sentence. `annotations` are
    /// the entities already found, in document token indices; only those
    /// lying inside the sentence are used, and they may overlap. Overlapping
    /// matches are resolved by the set's [`OverlapPolicy`]. `cache` is the
    /// search's memory (see [`Cache`]).
    pub fn find(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentence: &Sentence,
        annotations: &[Annotation],
    ) -> Vec<RuleMatch> {
        self.find_where(cache, text, tokens, sentence, annotations, |_| true)
    }

    /// Like [`RuleSet::find`], running only the rules whose product passes
    /// `wanted`: one set holding entity and event rules (which share word
    /// lists) serves the entity stage and, after coreference, the event
    /// stage.
    pub fn find_where(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentence: &Sentence,
        annotations: &[Annotation],
        wanted: impl Fn(Produces) -> bool,
    ) -> Vec<RuleMatch> {
        let search = Triggers::Search {
            only: None,
            ids: None,
        };
        let mut out = Vec::new();
        self.find_where_deferring(
            cache,
            text,
            tokens,
            sentence,
            annotations,
            search,
            &wanted,
            None,
            &mut out,
        );
        out
    }

    /// [`RuleSet::find_where`] with the rules that can match found as
    /// `triggers` says; leaves in `s.refused` the rules not wanted whose
    /// anchor words were in the sentence (so a later pass need only run on
    /// such sentences). The matches are appended to `out`, the document's
    /// list, rather than collected per sentence and copied there.
    #[allow(clippy::too_many_arguments)]
    fn find_where_deferring(
        &self,
        s: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentence: &Sentence,
        annotations: &[Annotation],
        triggers: Triggers<'_>,
        wanted: &dyn Fn(Produces) -> bool,
        classes: Option<&[u8]>,
        out: &mut Vec<RuleMatch>,
    ) {
        let range = sentence_range(sentence, tokens);
        s.refused.clear();
        if range.is_empty() {
            return;
        }
        let base = range.start;
        self.sentence_candidates(
            s,
            text,
            tokens,
            range,
            annotations,
            triggers,
            wanted,
            classes,
        );
        // The built-in policies rank matches by facts known before a match
        // is built, so only the matches kept are built.
        s.ranked.clear();
        s.ranked
            .extend(s.candidates.iter().map(|m| resolve::Ranked {
                index: m.rule as usize,
                priority: self.compiled.rules[m.rule as usize].priority,
                produces: self.compiled.rules[m.rule as usize].produces,
                start: m.start as usize,
                end: m.end as usize,
            }));
        let mut kept = std::mem::take(&mut s.kept);
        if resolve::resolve_ranked(&s.ranked, self.policy, self.scope, &mut kept) {
            let mut spare = std::mem::take(&mut s.spare_captures);
            out.extend(kept.iter().map(|&i| {
                let captures = spare.pop().unwrap_or_default();
                self.build_candidate(s, tokens, base, &s.candidates[i], captures)
            }));
            s.spare_captures = spare;
        } else {
            out.extend(resolve::resolve(
                self.candidate_matches(s, tokens, base),
                self.policy,
                self.scope,
            ));
        }
        s.kept = kept;
    }

    /// Finds the matches in every sentence of a document (see [`RuleSet::find`]).
    pub fn find_document(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentences: &[Sentence],
        annotations: &[Annotation],
    ) -> Vec<RuleMatch> {
        self.find_document_where(cache, text, tokens, sentences, annotations, |_| true)
    }

    /// Like [`RuleSet::find_document`], running only the rules whose
    /// product passes `wanted` (see [`RuleSet::find_where`]).
    pub fn find_document_where(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentences: &[Sentence],
        annotations: &[Annotation],
        wanted: impl Fn(Produces) -> bool,
    ) -> Vec<RuleMatch> {
        self.find_document_inner(
            cache,
            text,
            tokens,
            sentences,
            annotations,
            Visit::All {
                record: false,
                ids: None,
            },
            &wanted,
        )
        .0
    }

    /// Like [`RuleSet::find_document_where`], and also says for each
    /// sentence whether rules that `wanted` left out had their anchor words
    /// there: the sentences a later pass over those rules must visit (see
    /// [`RuleSet::find_in_sentences`]). The entity stage runs entity rules
    /// this way, and the event stage then visits only the sentences marked.
    pub fn find_document_deferring(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentences: &[Sentence],
        annotations: &[Annotation],
        wanted: impl Fn(Produces) -> bool,
    ) -> (Vec<RuleMatch>, Vec<bool>) {
        let (found, deferred) =
            self.find_document_deferred(cache, text, tokens, sentences, annotations, None, wanted);
        (found, deferred.sentences())
    }

    /// [`RuleSet::find_document_deferring`], recording for the later pass
    /// what triggered the rules left out, so that it need not look the
    /// words up again (see [`RuleSet::find_deferred`]). `vocabulary_ids`,
    /// when given, holds every token's id in [`RuleSet::vocabulary`] (or
    /// [`NO_WORD`](vm::NO_WORD)), looked up by the caller.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn find_document_deferred(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentences: &[Sentence],
        annotations: &[Annotation],
        vocabulary_ids: Option<&[u32]>,
        wanted: impl Fn(Produces) -> bool,
    ) -> (Vec<RuleMatch>, Deferred) {
        debug_assert!(vocabulary_ids.is_none_or(|ids| ids.len() == tokens.len()));
        self.find_document_inner(
            cache,
            text,
            tokens,
            sentences,
            annotations,
            Visit::All {
                record: true,
                ids: vocabulary_ids,
            },
            &wanted,
        )
    }

    /// The rules' words: a token key's vocabulary id.
    pub(crate) fn vocabulary(&self) -> &compile::Vocab {
        &self.compiled.vocab
    }

    /// The later pass of [`RuleSet::find_document_deferred`]: the rules
    /// `wanted` accepts among those the earlier pass left out, over the
    /// sentences where their words were.
    // The arguments are those of `find_in_sentences`, with the record for
    // `visit`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn find_deferred(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentences: &[Sentence],
        deferred: &Deferred,
        annotations: &[Annotation],
        wanted: impl Fn(Produces) -> bool,
    ) -> Vec<RuleMatch> {
        let visit = Visit::Deferred(deferred);
        self.find_document_inner(cache, text, tokens, sentences, annotations, visit, &wanted)
            .0
    }

    /// Like [`RuleSet::find_document_where`], over only the sentences whose
    /// entry in `visit` is true.
    // The arguments are those of its siblings plus `visit`.
    #[allow(clippy::too_many_arguments)]
    pub fn find_in_sentences(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentences: &[Sentence],
        visit: &[bool],
        annotations: &[Annotation],
        wanted: impl Fn(Produces) -> bool,
    ) -> Vec<RuleMatch> {
        self.find_document_inner(
            cache,
            text,
            tokens,
            sentences,
            annotations,
            Visit::Marked(visit),
            &wanted,
        )
        .0
    }

    #[allow(clippy::too_many_arguments)]
    fn find_document_inner(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        sentences: &[Sentence],
        annotations: &[Annotation],
        visit: Visit<'_>,
        wanted: &dyn Fn(Produces) -> bool,
    ) -> (Vec<RuleMatch>, Deferred) {
        // Only a recording pass keeps the tokens' ids and the triggers.
        let mut deferred = matches!(visit, Visit::All { record: true, .. })
            .then(|| Deferred::with_tokens(tokens.len()));
        // The token classes, made once for both passes of the entity and
        // event stages (the recording pass makes them, the later one reads
        // them); a single pass makes each sentence's own.
        let own_classes = match visit {
            Visit::All { record: true, .. } => search::token_classes(text, tokens),
            _ => Vec::new(),
        };
        let classes = match visit {
            Visit::All { record: true, .. } => Some(own_classes.as_slice()),
            Visit::Deferred(earlier) => Some(earlier.classes()),
            Visit::All { record: false, .. } | Visit::Marked(_) => None,
        };
        // The buffers leave the cache while it is lent to each sentence.
        let mut sorted = std::mem::take(&mut cache.order);
        let mut local = std::mem::take(&mut cache.sentence_anns);
        sorted.clear();
        sorted.extend(0..annotations.len());
        sorted.sort_by_key(|&a| annotations[a].tokens.start);
        let mut out = std::mem::take(&mut cache.spare_matches);
        let mut next = 0;
        for (index, sentence) in sentences.iter().enumerate() {
            while next < sorted.len()
                && annotations[sorted[next]].tokens.start < sentence.tokens.start
            {
                next += 1;
            }
            let triggers = match visit {
                Visit::All { ids, .. } => Triggers::Search {
                    only: None,
                    ids: ids.map(|ids| &ids[sentence_range(sentence, tokens)]),
                },
                Visit::Marked(marked) if marked.get(index).copied().unwrap_or(false) => {
                    Triggers::Search {
                        only: None,
                        ids: None,
                    }
                }
                Visit::Deferred(earlier) if earlier.visits(index) => {
                    earlier.sentence(index, sentence_range(sentence, tokens))
                }
                Visit::Marked(_) | Visit::Deferred(_) => continue,
            };
            local.clear();
            let mut i = next;
            while i < sorted.len() && annotations[sorted[i]].tokens.start < sentence.tokens.end {
                local.push(annotations[sorted[i]].clone());
                i += 1;
            }
            self.find_where_deferring(
                cache, text, tokens, sentence, &local, triggers, wanted, classes, &mut out,
            );
            if let Some(deferred) = &mut deferred {
                let range = sentence_range(sentence, tokens);
                if range.is_empty() {
                    deferred.skip_sentence();
                } else {
                    deferred.push_sentence(range, cache);
                }
            }
        }
        cache.order = sorted;
        cache.sentence_anns = local;
        if let Some(deferred) = &mut deferred {
            deferred.keep_classes(own_classes);
        }
        (out, deferred.unwrap_or_default())
    }

    /// The matches of the rules in one sentence, before overlap resolution;
    /// `only` restricts to one rule (for running its examples).
    fn sentence_matches(
        &self,
        cache: &mut Cache,
        text: &str,
        tokens: &Tokens,
        range: Range<usize>,
        annotations: &[Annotation],
        only: Option<usize>,
    ) -> Vec<(usize, RuleMatch)> {
        let range = range.start.min(tokens.len())..range.end.min(tokens.len());
        if range.is_empty() {
            return Vec::new();
        }
        let base = range.start;
        let search = Triggers::Search { only, ids: None };
        self.sentence_candidates(
            cache,
            text,
            tokens,
            range,
            annotations,
            search,
            &|_| true,
            None,
        );
        self.candidate_matches(cache, tokens, base)
    }

    /// Every candidate the last search left in `cache`, built, with its
    /// rule's index.
    fn candidate_matches(
        &self,
        cache: &Cache,
        tokens: &Tokens,
        base: usize,
    ) -> Vec<(usize, RuleMatch)> {
        cache
            .candidates
            .iter()
            .map(|m| {
                (
                    m.rule as usize,
                    self.build_candidate(cache, tokens, base, m, Vec::new()),
                )
            })
            .collect()
    }

    /// A candidate of the last search built as a match, its captures put
    /// in `captures` (empty).
    fn build_candidate(
        &self,
        s: &Cache,
        tokens: &Tokens,
        base: usize,
        m: &Candidate,
        captures: Vec<Capture>,
    ) -> RuleMatch {
        self.build(
            tokens,
            &s.ids,
            base,
            m,
            &s.candidate_caps[m.caps.0 as usize..m.caps.1 as usize],
            captures,
        )
    }

    fn build(
        &self,
        tokens: &Tokens,
        ids: &[u32],
        base: usize,
        m: &Candidate,
        caps: &[CaptureRange],
        mut captures: Vec<Capture>,
    ) -> RuleMatch {
        let rule = &self.compiled.rules[m.rule as usize];
        let (start, end) = (m.start, m.end);
        let span_of = |start: u32, end: u32| -> (Range<usize>, Span) {
            let r = base + start as usize..base + end as usize;
            let span = Span::new(tokens[r.start].span.start, tokens[r.end - 1].span.end);
            (r, span)
        };
        debug_assert!(captures.is_empty());
        captures.extend(caps.iter().map(|&(index, start, end)| {
            let def = &rule.program.captures[index];
            let (tokens, span) = span_of(start, end);
            Capture {
                name: def.name.clone(),
                role: def.role,
                tokens,
                span,
            }
        }));
        let (range, span) = span_of(start, end);
        if matches!(rule.produces, Produces::Entity(_))
            && !captures.iter().any(|c| &*c.name == "entity")
        {
            captures.insert(
                0,
                Capture {
                    name: Arc::clone(&ENTITY),
                    role: None,
                    tokens: range.clone(),
                    span,
                },
            );
        }
        let at = (start..end)
            .find(|&i| rule.anchor.ids.binary_search(&ids[i as usize]).is_ok())
            .map_or(range.start, |i| base + i as usize);
        RuleMatch {
            rule: rule.id.clone(),
            produces: rule.produces,
            priority: rule.priority,
            span,
            tokens: range,
            anchor: at..at + 1,
            captures,
        }
    }
}

/// The matches of `rules` in `text`, tokenized and split here, without
/// annotations: the unit tests' way to run a rule set.
#[cfg(test)]
pub(crate) fn find_in(rules: &RuleSet, cache: &mut Cache, text: &str) -> Vec<RuleMatch> {
    let tokens = crate::text::tokenize(text);
    let sentences = crate::text::split_sentences(text, &tokens);
    rules.find_document(cache, text, &tokens, &sentences, &[])
}

#[cfg(test)]
mod regex_atom_tests {
    use super::{Cache, RuleSet, find_in};

    fn errors(source: &str) -> String {
        RuleSet::parse("t.rules", source)
            .expect_err("the source should not load")
            .to_string()
    }

    #[test]
    fn regex_atoms_match_the_original_text_negated_and_quantified() {
        let rules = RuleSet::parse(
            "t.rules",
            r#"
rule org/acronym-said/1 -> ORG
  match entity:/^[A-Z]{2,5}$/ "said"
  example "Officials of the NRC said so." => entity="NRC"
  counter "Officials of the Nrc said so."
  counter "Officials of the NATOSTAN said so."

rule org/not-a-number/1 -> ORG
  match "unit" entity:!/^\d+$/
  example "The unit Alpha left." => entity="Alpha"
  counter "The unit 42 left."

rule org/code/1 -> ORG
  match "code" entity:/^[A-Z]\d$/{2,3} "."
  example "The code A1 B2 C3." => entity="A1 B2 C3"
  counter "The code A1 bb C3."

rule org/slash/1 -> ORG
  match "via" entity:(/(?i)^www\./ | /^\w+\/\w+$/)
  example "Sent via www.example.org today." => entity="www.example.org"
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let failures: Vec<String> = rules.run_examples().iter().map(|f| f.to_string()).collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn each_distinct_regex_is_compiled_once() {
        let rules = RuleSet::parse(
            "t.rules",
            r#"
rule a/x/1 -> ORG
  match /^[A-Z]+$/ "said" !/^[A-Z]+$/
  example "NRC said so."
rule a/y/1 -> ORG
  match /^[A-Z]+$/ "told" /^\d+$/
  example "NRC told 12."
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rules.compiled.regexes.len(), 2);
    }

    #[test]
    fn bad_regex_reports_file_line_column_and_the_regex_crate_message() {
        let err = errors("rule a/x/1 -> ORG\n  match \"said\" /[a-/\n  example \"said\"\n");
        assert!(err.contains("t.rules:2:16"), "{err}");
        assert!(err.contains("bad regex"), "{err}");
        assert!(err.contains("unclosed character class"), "{err}");
        assert!(err.contains("/[a-/"), "{err}");
    }

    #[test]
    fn unterminated_and_empty_regexes_are_errors() {
        let err = errors("rule a/x/1 -> ORG\n  match \"said\" /abc\n  example \"said\"\n");
        assert!(err.contains("t.rules:2:16: unterminated regex"), "{err}");
        let err = errors("rule a/x/1 -> ORG\n  match \"said\" //\n  example \"said\"\n");
        assert!(err.contains("empty regex"), "{err}");
    }

    #[test]
    fn a_word_every_alternative_needs_is_required_of_the_rule() {
        let rules = RuleSet::parse(
            "t.rules",
            r#"
rule a/x/1 -> Statement
  match ("amid" "a" trigger:"statement" | trigger:"statement" ("from" | "by"))
  example "amid a statement" => trigger="statement"
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let c = &rules.compiled;
        let sig_of = |words: &[&str]| {
            let mut sig = super::compile::Sig::default();
            for word in words {
                if let Some(id) = c.vocab.get(word) {
                    sig.add(&c.word_sigs[id as usize]);
                }
            }
            sig
        };
        let needs = &c.rules[0].required;
        assert!(needs.rest.is_empty());
        // "amid" anchors the first alternative (as rare as "statement",
        // and first), but a sentence with "amid" and no "statement" cannot
        // match either one.
        assert!(!sig_of(&["amid", "a", "from"]).covers(&needs.sig));
        assert!(sig_of(&["statement"]).covers(&needs.sig));
    }

    /// "the" and "of" are everywhere: the list between them anchors the
    /// rule, though it has more words.
    #[test]
    fn the_rarest_mandatory_element_anchors_a_rule() {
        let rules = RuleSet::parse(
            "t.rules",
            "words head = council ministry\nrule org/x/1 -> ORG\n  match \"the\" Cap{1,3} @head \"of\"\n  example \"the Grand Council of\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let c = &rules.compiled;
        let id = |word: &str| c.vocab.get(word).expect("in the vocabulary");
        let mut heads = vec![id("council"), id("ministry")];
        heads.sort_unstable();
        assert_eq!(c.rules[0].anchor.ids, heads);
        let mut cache = Cache::new();
        let found = find_in(&rules, &mut cache, "He met the Grand Council of elders.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].anchor, 4..5);
    }

    #[test]
    fn a_regex_is_not_an_anchor() {
        let err = errors("rule a/x/1 -> ORG\n  match /^[A-Z]+$/ Cap\n  example \"NRC Ltd\"\n");
        assert!(err.contains("rule without an anchor"), "{err}");
    }
}

#[cfg(test)]
mod recycle_tests {
    use super::{Cache, RuleSet, find_in};

    /// Matches built into a cache's recycled lists are the matches a new
    /// cache finds, however many rounds the lists go through.
    #[test]
    fn recycled_match_lists_change_no_result() {
        let rules = RuleSet::parse(
            "t.rules",
            r#"
rule person/minister/1 -> PERSON
  match "minister" entity:(Cap Cap?)
  example "Minister Dara Velkova met him." => entity="Dara Velkova"

rule org/ministry-of/1 -> ORG
  match entity:("ministry" "of" Cap)
  example "The Ministry of Defence spoke." => entity="Ministry of Defence"
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let texts = [
            "Minister Dara Velkova met Minister Tomas Reyes. The Ministry of Trade agreed.",
            "The Ministry of Defence and Minister Okafor spoke.",
            "Nothing here.",
        ];
        let mut recycling = Cache::new();
        let mut built = 0;
        for round in 0..3 {
            for text in texts {
                let fresh = find_in(&rules, &mut Cache::new(), text);
                let found = find_in(&rules, &mut recycling, text);
                assert_eq!(found, fresh, "{text:?} in round {round}");
                built += found.len();
                recycling.recycle(found);
            }
        }
        assert!(built >= 12, "only {built} matches");
        assert!(!recycling.spare_captures.is_empty(), "nothing was recycled");
        assert!(recycling.spare_matches.capacity() > 0);
    }
}
