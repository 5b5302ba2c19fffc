//! The entity stage: gazetteer matches, entity rules and dates become one
//! clean layer of mentions with cluster ids.
//!
//! The policy, in order:
//!
//! 1. **Dates** (priority 40) are found first and win every overlap, so
//!    "May" in "on May 3" is never a person.
//! 2. **Gazetteer matches** (priority 20) choose one entry per match from
//!    context: a two-word person name over anything shorter, then a country,
//!    an organization, a state, a city (by population), a title, a demonym.
//!    A bare surname ("Sudani") counts only when its full name occurs in the
//!    document or a title stands right before it ("Mr. Stoltenberg"). An
//!    alias made only of digits ("964") counts only where an attribution
//!    rule confirms it ("received by 964").
//! 3. **Entity rules** (`rules/entities.rules`, priorities 12–25) add names
//!    no list has. A rule match with exactly the span and type of a
//!    gazetteer match merges into it and keeps the entry.
//! 4. **Overlaps** are resolved by [`super::resolve`]: priority, then
//!    length, then evidence (gazetteer over rule), then leftmost.
//! 5. A one-word town that is a given name, before one unclaimed
//!    capitalized word, becomes that person ([`super::persons`]).
//!    **Unknown names** left over are classified by context
//!    (`entity::names`, documented in its source), and bare surnames of people already found join
//!    them.
//! 6. **Sports teams**: a place in a results line, a standings row or a
//!    fixture names a team, an ORG, and so do its other mentions in the
//!    document ([`super::teams`]).
//! 7. **Acronyms** defined after a name ("… Authority (QWA)") make the
//!    name an ORG, and the acronym's later uses too ([`super::acronyms`]).
//! 8. **Lists of people**: an unknown name listed next to a person is one
//!    ([`super::coordination`]).
//! 9. **Coreference** gives cluster ids ([`super::coref`]); pronouns and
//!    role nominals ("NATO Secretary-General", resolved through office
//!    terms at the document date) become references.

// Per-document maps hash text-derived keys only, and are only looked up
// (never iterated), so FxHash is safe and its order does not matter.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use crate::document::{Attributes, ClusterId, Entity, EntityKind, Reference, Source};
use crate::event::lexicon::class::Bits as WordClassBits;
use crate::gazetteer::{Entry, EntryId, GazetteerMatcher, MatchKind, WordId};
use crate::keymap::{Key, KeyMap};
use crate::lexicon;
use crate::pattern::{self, Annotation, NO_WORD, OverlapPolicy, OverlapScope, Produces, RuleSet};
use crate::span::Span;
use crate::text::{Parsed, Sentence, Shape, TokenKind, Tokens};

use super::acronyms;
use super::coordination;
use super::coref::{self, Clustered};
use super::date;
use super::names;
use super::persons;
use super::resolve::{self, Candidate, Evidence, Provenance, Reaches, RuleId, RuleSources};
use super::teams;

/// Priority of date mentions.
pub const DATE_PRIORITY: i32 = 40;
/// Priority of full gazetteer names.
pub const GAZETTEER_PRIORITY: i32 = 20;
/// Priority of bare surnames derived from gazetteer people.
pub const SURNAME_PRIORITY: i32 = 19;

/// Everything the entity stage found in one text.
#[derive(Clone, Debug, Default)]
pub struct EntityLayer {
    /// The date the document was filed, given or found.
    pub document_date: Option<Date>,
    /// Entity mentions in text order, with cluster ids.
    pub entities: Vec<Entity>,
    /// Pronouns and role nominals referring to clusters.
    pub references: Vec<Reference>,
    /// Where the anchor words of rules that produce events occur: the
    /// only sentences the event stage has to visit, with the rules each
    /// triggered.
    pub(crate) event_triggers: pattern::Deferred,
    /// The tokens of each entity, as the stage found them: the event
    /// stage needs them and need not look them up again.
    pub(crate) entity_tokens: Vec<std::ops::Range<usize>>,
}

/// The compiled entity stage: gazetteers, entity rules, and the overlap
/// order. Built once; `Send + Sync`.
#[derive(Debug)]
pub struct EntityStage {
    matcher: GazetteerMatcher,
    rules: RuleSet,
    /// A token key's gazetteer id, rule vocabulary id, date opening and
    /// the event stage's word classes, in one lookup: every token is
    /// looked up in all of them, and a table each meant a trip to memory
    /// each.
    words: KeyMap<Words>,
    given_names: HashSet<String>,
    given_name_genders: coref::GivenNameGenders,
}

/// What one look-up of a token's key tells: its gazetteer id and rule
/// vocabulary id, whether it opens a date, and its event word classes.
type Words = (WordId, ((u32, Option<date::Opener>), WordClassBits));

/// The memory the entity stage reuses from document to document.
#[derive(Debug, Default)]
pub(crate) struct EntityBuffers {
    /// Per token, its id in the gazetteer's vocabulary.
    gazetteer_ids: Vec<WordId>,
    /// Per token, its id in the rules' vocabulary.
    vocabulary_ids: Vec<u32>,
    /// Per token, whether it opens a date expression.
    openers: Vec<Option<date::Opener>>,
    /// Per token, the bits of the event stage's word classes it is in.
    word_classes: Vec<WordClassBits>,
}

impl EntityBuffers {
    pub(crate) fn memory_usage(&self) -> usize {
        self.gazetteer_ids.capacity() * std::mem::size_of::<WordId>()
            + self.vocabulary_ids.capacity() * std::mem::size_of::<u32>()
            + self.openers.capacity() * std::mem::size_of::<Option<date::Opener>>()
            + self.word_classes.capacity() * std::mem::size_of::<WordClassBits>()
    }

    /// Per token of the last document, the bits of the word classes given
    /// to [`EntityStage::new`] it is in.
    pub(crate) fn word_classes(&self) -> &[WordClassBits] {
        &self.word_classes
    }
}

/// The word lists generated for entity rules from the gazetteers, so each
/// concept is listed in one place only: `@title`, every alias of every TITLE
/// entry; `@givenname`, the given names of `gazetteers/given-names.txt` and
/// of the people list.
///
/// Either list may be empty (custom gazetteers without TITLE entries, or
/// the defaults switched off): the rule set accepts empty lists from this
/// generated source only, and a rule that needs `@title` then never
/// matches, so the bundled rules load whatever gazetteers are used.
pub fn generated_word_lists(matcher: &GazetteerMatcher) -> String {
    let mut titles: Vec<String> = matcher
        .entries()
        .iter()
        .filter(|entry| entry.kind() == EntityKind::Title)
        .flat_map(|entry| entry.names().map(|name| name.replace('"', "")))
        .filter(|name| !name.trim().is_empty())
        .collect();
    titles.sort();
    titles.dedup();
    let mut given: Vec<String> = given_names(matcher)
        .into_iter()
        .filter(|name| !name.contains('"'))
        .collect();
    given.sort();
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|name| format!("\"{name}\""))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "words title = {}\nwords givenname = {}\n",
        quoted(&titles),
        quoted(&given)
    )
}

/// The name under which the generated word lists appear in messages.
const GENERATED_SOURCE: &str = "<word lists from gazetteers>";

/// Compiles rule sources together with the generated word lists and the
/// shared lexicon (`rules/lexicon.rules`, unless a source is the lexicon
/// itself).
fn compile_rules(
    matcher: &GazetteerMatcher,
    rule_sources: &[(String, String)],
) -> Result<RuleSet, crate::pattern::RuleError> {
    let generated = generated_word_lists(matcher);
    let mut sources: Vec<(&str, &str)> = Vec::new();
    if !rule_sources
        .iter()
        .any(|(_, text)| lexicon::is_lexicon(text))
    {
        sources.push((lexicon::NAME, lexicon::SOURCE));
    }
    RuleSet::parse_with_generated(
        (GENERATED_SOURCE, generated.as_str()),
        sources.into_iter().chain(
            rule_sources
                .iter()
                .map(|(name, text)| (name.as_str(), text.as_str())),
        ),
    )
}

/// Loads rule sources the way the extractor does (with the generated
/// `@title` and `@givenname` lists and the lexicon) and runs their embedded examples: what
/// `herald check` does for entity rule files.
pub fn check_rules(
    matcher: &GazetteerMatcher,
    rule_sources: &[(String, String)],
) -> Result<crate::pattern::CheckReport, crate::pattern::RuleError> {
    compile_rules(matcher, rule_sources).map(|set| set.check_report())
}

impl EntityStage {
    /// Builds the stage from a compiled matcher and rule sources (name,
    /// text). The word lists of [`generated_word_lists`] may be used by
    /// every source. `word_classes` are the event stage's, looked up with
    /// the stage's own words and left in [`EntityBuffers::word_classes`].
    pub fn new(
        matcher: GazetteerMatcher,
        rule_sources: &[(String, String)],
        word_classes: &KeyMap<WordClassBits>,
    ) -> Result<EntityStage, crate::pattern::RuleError> {
        let mut rules = compile_rules(&matcher, rule_sources)?;
        rules.set_overlap(OverlapPolicy::KeepAll, OverlapScope::AllTypes);
        let given_names = given_names(&matcher);
        // The small tables joined first: the gazetteer's vocabulary, ten
        // times their size, is walked once.
        let small = rules
            .vocabulary()
            .union(date::openers(), (NO_WORD, None))
            .union(word_classes, ((NO_WORD, None), 0));
        let words = matcher
            .vocabulary()
            .union(&small, (WordId::default(), ((NO_WORD, None), 0)));
        Ok(EntityStage {
            matcher,
            rules,
            words,
            given_names,
            given_name_genders: coref::GivenNameGenders::bundled(),
        })
    }

    /// The compiled entity rules.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Runs the stage over tokenized text. The document's date (see
    /// [`date::document_date`]), `given` or found, resolves dates and
    /// office holders; `cache` is the rule search's memory, `buffers` the
    /// stage's own.
    pub fn run(
        &self,
        cache: &mut pattern::Cache,
        buffers: &mut EntityBuffers,
        sources: &mut RuleSources,
        doc: &Parsed<'_>,
        given: Option<Date>,
    ) -> EntityLayer {
        let (text, tokens, sentences) = (doc.text, &doc.tokens, &doc.sentences[..]);
        self.look_up_words(tokens, buffers);
        let EntityBuffers {
            gazetteer_ids,
            vocabulary_ids,
            openers,
            ..
        } = &*buffers;
        let options = date::DateOptions::default();
        let document_date =
            date::document_date_looked_up(tokens, sentences, given, &options, Some(openers));
        let mut candidates = date_candidates(doc, document_date, openers);
        let gazetteer = self.supported_gazetteer_candidates(doc, gazetteer_ids);
        let annotations: Vec<Annotation> = candidates
            .iter()
            .chain(gazetteer.iter())
            .map(|c| Annotation {
                tokens: c.tokens.clone(),
                kind: c.kind,
            })
            .collect();
        let (rule_candidates, event_triggers) =
            self.rule_candidates(cache, text, tokens, sentences, &annotations, vocabulary_ids);

        // An alias made of digits ("964") needs a rule to confirm it.
        let confirmed: HashSet<Span> = rule_candidates.iter().map(|c| c.span).collect();
        candidates.reserve(gazetteer.len() + rule_candidates.len());
        for candidate in gazetteer {
            let supported =
                !is_digits(&text[candidate.span]) || confirmed.contains(&candidate.span);
            if supported {
                candidates.push(candidate);
            }
        }
        let rule_candidates = drop_rules_inside_longer_names(rule_candidates, &candidates);
        merge_rule_candidates(&self.matcher, &mut candidates, rule_candidates);

        let kept = self.mentions(doc, candidates);
        let clustered = coref::cluster_mentions(kept, tokens);
        let mut references =
            coref::pronoun_references(tokens, sentences, &clustered, &self.given_name_genders);
        references.extend(self.office_references(&clustered, document_date));

        let entity_tokens = clustered.iter().map(|c| c.mention.tokens.clone()).collect();
        let entities = clustered
            .into_iter()
            .map(|Clustered { mention, cluster }| {
                let (source, attributes) =
                    written_out(&self.matcher, sources, mention.source, mention.attributes);
                let canonical = mention
                    .canonical
                    .map(|entry| entry.written().canonical.clone());
                Entity {
                    span: mention.span,
                    kind: mention.kind,
                    cluster,
                    canonical,
                    value: mention.value,
                    source,
                    attributes,
                }
            })
            .collect();
        EntityLayer {
            document_date,
            entities,
            references,
            event_triggers,
            entity_tokens,
        }
    }

    /// Leaves in `buffers` every token's gazetteer id, rule vocabulary
    /// id, date opening and word classes, from one lookup of its key.
    fn look_up_words(&self, tokens: &Tokens, buffers: &mut EntityBuffers) {
        let EntityBuffers {
            gazetteer_ids,
            vocabulary_ids,
            openers,
            word_classes,
        } = buffers;
        gazetteer_ids.clear();
        gazetteer_ids.resize(tokens.len(), WordId::default());
        vocabulary_ids.clear();
        vocabulary_ids.resize(tokens.len(), NO_WORD);
        openers.clear();
        openers.resize(tokens.len(), None);
        word_classes.clear();
        word_classes.resize(tokens.len(), 0);
        let slots = gazetteer_ids
            .iter_mut()
            .zip(vocabulary_ids.iter_mut())
            .zip(openers.iter_mut())
            .zip(word_classes.iter_mut());
        for (i, (((gazetteer, vocabulary), opener), classes)) in slots.enumerate() {
            if let Some(words) = self.words.get_key(Key::of(tokens, i)) {
                (*gazetteer, ((*vocabulary, *opener), *classes)) = words;
            }
        }
    }

    /// The gazetteer's candidates and dateline places, without weak
    /// evidence (bare surnames, small towns) that nothing supports: it must
    /// be dropped before rules see it, or "Mitchell said" would read as a
    /// capital speaking.
    fn supported_gazetteer_candidates(
        &self,
        doc: &Parsed<'_>,
        gazetteer_ids: &[WordId],
    ) -> Vec<Candidate<'_>> {
        let (text, tokens, sentences) = (doc.text, &doc.tokens, &doc.sentences[..]);
        let mut gazetteer = self.gazetteer_candidates(text, tokens, gazetteer_ids);
        gazetteer.extend(dateline_places(text, tokens, sentences, &gazetteer));
        let full_names_present: HashSet<Cow<'_, str>> = gazetteer
            .iter()
            .filter(|c| c.kind == EntityKind::Person && c.evidence == Evidence::Gazetteer)
            .filter_map(|c| c.key.clone())
            .collect();
        let title_ends: HashSet<usize> = gazetteer
            .iter()
            .filter(|c| c.kind == EntityKind::Title)
            .map(|c| c.tokens.end)
            .collect();
        gazetteer.retain(|candidate| match (candidate.evidence, candidate.kind) {
            (Evidence::PartialName, EntityKind::Person) => {
                candidate
                    .key
                    .as_ref()
                    .is_some_and(|k| full_names_present.contains(k))
                    || title_ends.contains(&candidate.tokens.start)
            }
            (Evidence::PartialName, EntityKind::Place) => {
                place_context(tokens, sentences, candidate.tokens.start)
            }
            _ => true,
        });
        gazetteer
    }

    /// The mentions: candidates without overlaps, then unknown names in the
    /// tokens left unclaimed, then surnames of people already mentioned, in
    /// text order.
    fn mentions<'g>(&self, doc: &Parsed<'_>, candidates: Vec<Candidate<'g>>) -> Vec<Candidate<'g>> {
        let (tokens, sentences) = (&doc.tokens, &doc.sentences[..]);
        let mut kept = resolve::resolve_overlaps(candidates, tokens.len());
        let mut claimed = vec![false; tokens.len()];
        for candidate in &kept {
            claimed[candidate.tokens.clone()]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        persons::given_names_over_towns(tokens, &mut kept, &mut claimed, &self.given_names, |m| {
            self.names_a_nation(&doc.text[m.span])
        });
        // Words the document writes in lowercase are common words, not
        // names, for the name classifier and the acronym pass alike.
        let lowercase_words = names::LowercaseWords::of(tokens);
        kept.extend(names::classify_unknown_names(
            tokens,
            sentences,
            &claimed,
            &self.given_names,
            &lowercase_words,
        ));
        resolve::sort_by_start(&mut kept);
        let kept = surname_mentions(tokens, kept);
        let kept = surnames_over_places(tokens, kept, |mention| {
            self.names_a_nation(&doc.text[mention.span])
        });
        let kept = teams::sports_teams(doc, kept, &self.given_names, |mention| {
            self.names_a_nation(&doc.text[mention.span])
        });
        let kept = acronyms::defined_acronyms(tokens, sentences, &lowercase_words, kept);
        coordination::listed_people(tokens, sentences, kept)
    }

    /// True when `name` is an alias of a country, a continent or a world
    /// region, or of one of the United Kingdom's nations (England,
    /// Scotland, Wales), which field national sides of their own: in
    /// sports news these stay places. A region inside one country (an
    /// English county) fields a club, not a national side.
    fn names_a_nation(&self, name: &str) -> bool {
        self.matcher.lookup(name).any(|c| {
            let entry = self.matcher.entry(c.entry);
            match entry.subtype() {
                Some("country" | "continent") => true,
                Some("region") => entry.country().is_none(),
                Some("state") => entry.country() == Some("GB"),
                _ => false,
            }
        })
    }

    /// One candidate per gazetteer match: the entry chosen by context.
    fn gazetteer_candidates(
        &self,
        text: &str,
        tokens: &Tokens,
        gazetteer_ids: &[WordId],
    ) -> Vec<Candidate<'_>> {
        let matches = self.matcher.find_with_ids(text, tokens, gazetteer_ids);
        let mut out = Vec::with_capacity(matches.len());
        for found in matches {
            let range = found.tokens();
            let mut best: Option<(u32, EntryId, MatchKind)> = None;
            for candidate in self.matcher.candidates(&found) {
                let entry = self.matcher.entry(candidate.entry);
                let rank = entry_rank(entry, candidate.kind, range.len());
                if best.is_none_or(|(r, _, _)| rank > r) {
                    best = Some((rank, candidate.entry, candidate.kind));
                }
            }
            let Some((_, id, match_kind)) = best else {
                continue;
            };
            let entry = self.matcher.entry(id);
            let (priority, evidence) = match match_kind {
                MatchKind::Surname => (SURNAME_PRIORITY, Evidence::PartialName),
                _ if is_small_town(entry, range.len()) => {
                    (GAZETTEER_PRIORITY, Evidence::PartialName)
                }
                _ => (GAZETTEER_PRIORITY, Evidence::Gazetteer),
            };
            out.push(Candidate {
                span: found.span(),
                tokens: range,
                kind: entry.kind(),
                priority,
                evidence,
                canonical: Some(entry),
                key: Some(Cow::Borrowed(entry.key())),
                value: None,
                source: Provenance::Entry(id),
                attributes: Vec::new(),
            });
        }
        out
    }

    /// Candidates from the entity rules, with their attribute captures, and
    /// the sentences where event rules have their anchors.
    fn rule_candidates(
        &self,
        cache: &mut pattern::Cache,
        text: &str,
        tokens: &Tokens,
        sentences: &[Sentence],
        annotations: &[Annotation],
        vocabulary_ids: &[u32],
    ) -> (Vec<Candidate<'static>>, pattern::Deferred) {
        let (found, event_triggers) = self.rules.find_document_deferred(
            cache,
            text,
            tokens,
            sentences,
            annotations,
            Some(vocabulary_ids),
            |p| matches!(p, Produces::Entity(_)),
        );
        let mut out = Vec::with_capacity(found.len());
        for found in &found {
            let Produces::Entity(kind) = found.produces else {
                continue;
            };
            let Some(entity) = found.capture("entity") else {
                continue;
            };
            if entity.tokens.is_empty() {
                continue;
            }
            let mut attributes = Vec::new();
            for capture in &found.captures {
                if &*capture.name == "entity" {
                    continue;
                }
                let surface = &text[capture.span];
                let title = (&*capture.name == "title")
                    .then(|| {
                        self.matcher
                            .lookup_tokens(tokens, capture.tokens.clone())
                            .next()
                    })
                    .flatten();
                let value = match title {
                    Some(candidate) => self.matcher.entry(candidate.entry).canonical(),
                    None => surface,
                };
                attributes.push((String::from(&*capture.name), value.to_owned()));
            }
            out.push(Candidate {
                span: entity.span,
                tokens: entity.tokens.clone(),
                kind,
                priority: found.priority,
                evidence: Evidence::Rule,
                canonical: None,
                key: None,
                value: None,
                source: Provenance::Rule(RuleId::Compiled(found.rule.clone())),
                attributes,
            });
        }
        cache.recycle(found);
        (out, event_triggers)
    }

    /// "NATO Secretary-General", "Iraqi Prime Minister": a body (ORG, PLACE
    /// or DEMONYM) and a title not followed by a name refer to whoever held
    /// that office on the document date.
    fn office_references(
        &self,
        mentions: &[Clustered],
        document_date: Option<Date>,
    ) -> Vec<Reference> {
        let Some(date) = document_date else {
            return Vec::new();
        };
        let cluster_of_key: HashMap<&str, &ClusterId> = mentions
            .iter()
            .filter_map(|m| Some((m.mention.key.as_deref()?, &m.cluster)))
            .collect();
        let person_starts: HashSet<usize> = mentions
            .iter()
            .filter(|m| m.mention.kind == EntityKind::Person)
            .map(|m| m.mention.tokens.start)
            .collect();
        let mut out = Vec::new();
        for pair in mentions.windows(2) {
            let (body, title) = (&pair[0].mention, &pair[1].mention);
            if title.kind != EntityKind::Title
                || !matches!(
                    body.kind,
                    EntityKind::Org | EntityKind::Place | EntityKind::Demonym
                )
            {
                continue;
            }
            if body.tokens.end != title.tokens.start {
                continue;
            }
            if person_starts.contains(&title.tokens.end) {
                continue;
            }
            let body_name = body.canonical.map_or("", Entry::canonical);
            let office = title.canonical.map_or("", Entry::canonical);
            let Some(holder) = self.matcher.office_holder(office, body_name, date) else {
                continue;
            };
            let entry = self.matcher.entry(holder);
            let cluster = cluster_of_key
                .get(entry.key())
                .map(|&c| c.clone())
                .unwrap_or_else(|| coref::slug(entry.canonical()).into());
            out.push(Reference {
                span: body.span.cover(title.span),
                cluster,
                kind: EntityKind::Person,
                source: Arc::new(Source::Rule("coref/office-holder".into())),
            });
        }
        out
    }
}

/// How much an entry is preferred for a match; higher wins.
fn entry_rank(entry: &Entry, match_kind: MatchKind, token_count: usize) -> u32 {
    let full = match match_kind {
        MatchKind::Surname => 0,
        _ => 1_000_000,
    };
    let kind = match (entry.kind(), entry.subtype()) {
        (EntityKind::Person, _) if token_count >= 2 => 900_000,
        (EntityKind::Place, Some("country")) => 800_000,
        (EntityKind::Org, _) => 700_000,
        // A big city is meant more often than the state that shares its
        // name ("Washington", "New York").
        (EntityKind::Place, Some("city")) if entry.population().unwrap_or(0) >= 500_000 => 650_000,
        (EntityKind::Place, Some("state")) => 600_000,
        (EntityKind::Place, Some("continent" | "region")) => 550_000,
        (EntityKind::Place, _) => 500_000,
        (EntityKind::Title, _) => 400_000,
        (EntityKind::Demonym, _) => 300_000,
        _ => 100_000,
    };
    // Larger cities first among places of one kind; capped so it never
    // crosses kinds.
    let population = entry
        .population()
        .map(|p| (p / 100).min(99_999) as u32)
        .unwrap_or(0);
    full + kind + population
}

/// Common given names (`gazetteers/given-names.txt`, one per line, `#`
/// comments), embedded at build time.
const DEFAULT_GIVEN_NAMES: &str = include_str!("../../gazetteers/given-names.txt");

/// Given names as evidence for unknown names: the embedded list plus the
/// first names of the gazetteer's people (which bring names from every
/// region the people list covers).
fn given_names(matcher: &GazetteerMatcher) -> HashSet<String> {
    let listed = DEFAULT_GIVEN_NAMES
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(crate::text::normalize_key);
    let from_people = matcher
        .entries()
        .iter()
        .filter(|entry| entry.kind() == EntityKind::Person)
        .filter_map(|entry| {
            let first = entry.canonical().split_whitespace().next()?;
            let key = crate::text::normalize_key(first);
            (key.chars().count() >= 3 && entry.canonical().split_whitespace().count() >= 2)
                .then_some(key)
        });
    listed.chain(from_people).collect()
}

/// A kept mention's source and attributes as they are written out: a
/// gazetteer entry's source, and its attributes before the mention's own
/// (the entry's alone shared with its other mentions).
fn written_out(
    matcher: &GazetteerMatcher,
    sources: &mut RuleSources,
    source: Provenance,
    attributes: Vec<(String, String)>,
) -> (Arc<Source>, Attributes) {
    match source {
        Provenance::Entry(id) => {
            let entry = matcher.entry(id);
            let written = entry.written();
            let attributes = if attributes.is_empty() {
                Attributes::Shared(written.attributes.clone())
            } else {
                Attributes::Own(
                    written
                        .attributes
                        .iter()
                        .cloned()
                        .chain(attributes)
                        .collect(),
                )
            };
            (written.source.clone(), attributes)
        }
        Provenance::Rule(rule) => (sources.source(&rule), attributes.into()),
    }
}

/// The value of attribute `name` of `candidate` as its mention would be
/// written out: its entry's attributes first, then its own.
fn attribute<'a>(
    matcher: &'a GazetteerMatcher,
    candidate: &'a Candidate,
    name: &str,
) -> Option<&'a str> {
    let entry = match &candidate.source {
        Provenance::Entry(id) => Some(matcher.entry(*id)),
        Provenance::Rule(_) => None,
    };
    let from_entry = entry.into_iter().flat_map(Entry::written_attributes);
    let own = candidate
        .attributes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()));
    from_entry
        .chain(own)
        .find(|(k, _)| *k == name)
        .map(|(_, value)| value)
}

/// A rule candidate with the same span and type as a gazetteer candidate
/// merges into it (the entry is the stronger evidence; the rule's priority
/// and attributes carry over). Other rule candidates are added.
fn merge_rule_candidates<'g>(
    matcher: &GazetteerMatcher,
    candidates: &mut Vec<Candidate<'g>>,
    rule_candidates: Vec<Candidate<'g>>,
) {
    let mut by_span: HashMap<(Span, EntityKind), usize> =
        HashMap::with_capacity_and_hasher(candidates.len(), Default::default());
    for (index, candidate) in candidates.iter().enumerate() {
        by_span
            .entry((candidate.span, candidate.kind))
            .or_insert(index);
    }
    for mut rule in rule_candidates {
        if let Some(&index) = by_span.get(&(rule.span, rule.kind)) {
            let existing = &mut candidates[index];
            existing.priority = existing.priority.max(rule.priority);
            existing.attributes.extend(rule.attributes);
            if existing.evidence == Evidence::PartialName {
                existing.evidence = Evidence::Gazetteer;
            }
            continue;
        }
        // A place named as an actor ("Washington said") is its government:
        // the rule's ORG keeps the place's name, and says what it stands for.
        if rule.kind == EntityKind::Org
            && let Some(&index) = by_span.get(&(rule.span, EntityKind::Place))
        {
            let place = &candidates[index];
            rule.canonical = place.canonical;
            if let Some(code) = attribute(matcher, place, "country") {
                rule.attributes
                    .push(("government_of".to_owned(), code.to_owned()));
            }
        }
        by_span.insert((rule.span, rule.kind), candidates.len());
        candidates.push(rule);
    }
}

/// A rule match inside a longer full gazetteer name was fooled by a word
/// of that name: "General" in "United Nations General Assembly" is no title.
fn drop_rules_inside_longer_names<'g>(
    rule_candidates: Vec<Candidate<'g>>,
    candidates: &[Candidate],
) -> Vec<Candidate<'g>> {
    // A rule's span lies strictly inside a longer name when one starting
    // before it reaches its end, or one starting with it reaches past its
    // end.
    if rule_candidates.is_empty() {
        return rule_candidates;
    }
    let names = Reaches::new(
        candidates
            .iter()
            .filter(|c| c.evidence == Evidence::Gazetteer && c.kind != EntityKind::Title)
            .map(|c| c.tokens.clone()),
    );
    rule_candidates
        .into_iter()
        .filter(|rule| {
            let t = rule.tokens.start;
            !(names.furthest_before(t) >= rule.tokens.end
                || names.furthest_before(t + 1) > rule.tokens.end)
        })
        .collect()
}

/// Priority of a dateline's place that no gazetteer knows: below gazetteer
/// names, above context guesses.
const DATELINE_PLACE_PRIORITY: i32 = 15;

/// The place of a dateline ("KIRKUK, May 3 —", "ZAKHO (Reuters) -") is a
/// place even when no gazetteer lists it; a gazetteer match on it keeps its
/// entry. A bare capitals word before a dash with neither date, comma nor
/// agency ("CRICKET - …") is a rubric, not a dateline.
fn dateline_places<'g>(
    text: &str,
    tokens: &Tokens,
    sentences: &[Sentence],
    gazetteer: &[Candidate<'g>],
) -> Vec<Candidate<'g>> {
    // Not a scan of every match per dateline: quadratic in a long feed of
    // datelined items.
    let known = Reaches::new(
        gazetteer
            .iter()
            .filter(|c| c.kind != EntityKind::Title)
            .map(|c| c.tokens.clone()),
    );
    let mut out = Vec::new();
    for dateline in sentences.iter().filter_map(|s| s.dateline) {
        let rest = text
            .get(dateline.place.end..dateline.span.end)
            .unwrap_or("");
        if dateline.date.is_none() && !rest.contains([',', '(']) {
            continue;
        }
        let Some(range) = tokens.covering(dateline.place) else {
            continue;
        };
        if known.furthest_before(range.end) > range.start {
            continue;
        }
        out.push(Candidate {
            span: dateline.place,
            tokens: range,
            kind: EntityKind::Place,
            priority: DATELINE_PLACE_PRIORITY,
            evidence: Evidence::Rule,
            canonical: None,
            key: None,
            value: None,
            source: "place/dateline".into(),
            attributes: Vec::new(),
        });
    }
    out
}

/// Towns below this population, named in one word, are often also people's
/// names ("Dole", "Clinton", "David"): they need a place context.
const SMALL_TOWN_POPULATION: u64 = 100_000;

fn is_small_town(entry: &Entry, token_count: usize) -> bool {
    token_count == 1
        && entry.kind() == EntityKind::Place
        && entry.subtype() == Some("city")
        && entry.population().is_none_or(|p| p < SMALL_TOWN_POPULATION)
}

/// True when token `index` stands where places stand: after a place
/// preposition, or as a dateline's place.
fn place_context(tokens: &Tokens, sentences: &[Sentence], index: usize) -> bool {
    let after_preposition = index > 0 && {
        let key = tokens.key(index - 1);
        lexicon::word_list!("placeprep").contains(key)
            || lexicon::word_list!("motionprep").contains(key)
    };
    let sentence = sentences.partition_point(|s| s.tokens.start <= index);
    let in_dateline = sentence > 0
        && sentences[sentence - 1].dateline.is_some_and(|d| {
            d.place.start <= tokens[index].span.start && tokens[index].span.end <= d.place.end
        });
    after_preposition || in_dateline
}

/// Bare surnames of people found with a full name become mentions too:
/// "Tamsin Oduya said … Oduya added".
fn surname_mentions<'g>(tokens: &Tokens, mut kept: Vec<Candidate<'g>>) -> Vec<Candidate<'g>> {
    let mut surnames: HashMap<&str, usize> = HashMap::default();
    for (index, mention) in kept.iter().enumerate() {
        let words = mention
            .tokens
            .clone()
            .filter(|&i| tokens[i].kind == TokenKind::Word)
            .count();
        if mention.kind == EntityKind::Person
            && words >= 2
            && let Some(surname) = coref::surname_key(tokens, mention)
        {
            surnames.entry(surname).or_insert(index);
        }
    }
    if surnames.is_empty() {
        return kept;
    }
    let mut claimed = vec![false; tokens.len()];
    for mention in &kept {
        claimed[mention.tokens.clone()]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    let mut added = Vec::new();
    for index in 0..tokens.len() {
        let token = &tokens[index];
        if claimed[index]
            || token.kind != TokenKind::Word
            || !matches!(token.shape, Shape::Capitalized | Shape::AllCaps)
        {
            continue;
        }
        // Most capitalized words are no surname named before: asked
        // first, it spares them the tests of the words around.
        let Some(&source) = surnames.get(tokens.key(index)) else {
            continue;
        };
        // "Al-Tamimi": the particle and hyphen glued before the surname
        // belong to the mention.
        let start = if index >= 2
            && !token.space_before
            && !tokens[index - 1].space_before
            && tokens.key_is(index - 1, "-")
            && lexicon::word_list!("particle").contains(tokens.key(index - 2))
            && !claimed[index - 2]
        {
            index - 2
        } else {
            index
        };
        let joined_before = start > 0 && !tokens[start].space_before && claimed[start - 1];
        // An unknown capitalized word before it makes it part of another
        // name ("Layla Haddad" when "Omar Haddad" was named): left to the
        // later stages, which see the whole name.
        let unknown_name_before = start > 0
            && !claimed[start - 1]
            && tokens[start - 1].kind == TokenKind::Word
            && tokens[start - 1].shape == Shape::Capitalized
            && !lexicon::word_list!("starter").contains(tokens.key(start - 1));
        if unknown_name_before {
            continue;
        }
        // A possessive ("Karimi’s aides") does not join the name to a word.
        let joined_after = tokens.get(index + 1).is_some_and(|next| {
            !next.space_before
                && next.kind == TokenKind::Word
                && !is_possessive(tokens.key(index + 1))
        });
        if joined_before || joined_after {
            continue;
        }
        let span = Span::new(tokens[start].span.start, token.span.end);
        added.push(named_again(&kept[source], span, start..index + 1));
    }
    kept.extend(added);
    resolve::sort_by_start(&mut kept);
    kept
}

/// The mention at `span` (tokens `tokens`) of the person `full` names in
/// full: a surname standing alone, or a place word that is one.
fn named_again<'g>(full: &Candidate<'g>, span: Span, tokens: Range<usize>) -> Candidate<'g> {
    Candidate {
        span,
        tokens,
        kind: EntityKind::Person,
        priority: names::CONTEXT_PRIORITY,
        evidence: Evidence::PartialName,
        canonical: full.canonical,
        key: full.key.clone(),
        value: None,
        source: "name/surname-of-known-person".into(),
        attributes: Vec::new(),
    }
}

/// A one-word place that is the surname of a person named in full in the
/// document is that person again ("Gary Marlow … Marlow, who was
/// benched"), unless it stands where places stand ("in Marlow", "to
/// Marlow") or names a nation.
fn surnames_over_places<'g>(
    tokens: &Tokens,
    mut kept: Vec<Candidate<'g>>,
    is_nation: impl Fn(&Candidate) -> bool,
) -> Vec<Candidate<'g>> {
    let mut surnames: HashMap<&str, usize> = HashMap::default();
    for (index, mention) in kept.iter().enumerate() {
        let words = mention
            .tokens
            .clone()
            .filter(|&i| tokens[i].kind == TokenKind::Word)
            .count();
        if mention.kind == EntityKind::Person
            && words >= 2
            && let Some(surname) = coref::surname_key(tokens, mention)
        {
            surnames.entry(surname).or_insert(index);
        }
    }
    if surnames.is_empty() {
        return kept;
    }
    for index in 0..kept.len() {
        let mention = &kept[index];
        if mention.kind != EntityKind::Place || mention.tokens.len() != 1 {
            continue;
        }
        let Some(&person) = surnames.get(tokens.key(mention.tokens.start)) else {
            continue;
        };
        let start = mention.tokens.start;
        let place_word_before = start > 0 && {
            let key = tokens.key(start - 1);
            lexicon::word_list!("placeprep").contains(key)
                || lexicon::word_list!("motionprep").contains(key)
                || matches!(key, "from" | "of")
        };
        if place_word_before || is_nation(mention) {
            continue;
        }
        let (span, mention) = (kept[index].span, kept[index].tokens.clone());
        kept[index] = named_again(&kept[person], span, mention);
    }
    kept
}

fn is_possessive(key: &str) -> bool {
    matches!(key, "'s" | "'")
}

/// A candidate per date the date scanner finds.
fn date_candidates(
    doc: &Parsed<'_>,
    document_date: Option<Date>,
    openers: &[Option<date::Opener>],
) -> Vec<Candidate<'static>> {
    let (tokens, sentences) = (&doc.tokens, &doc.sentences[..]);
    let options = date::DateOptions::default();
    let dates =
        date::find_dates_looked_up(tokens, sentences, document_date, &options, Some(openers));
    let mut candidates = Vec::with_capacity(dates.len());
    for found in dates {
        if let Some(range) = tokens.covering(found.span) {
            candidates.push(Candidate {
                span: found.span,
                tokens: range,
                kind: EntityKind::Date,
                priority: DATE_PRIORITY,
                evidence: Evidence::Rule,
                canonical: None,
                key: None,
                value: found.value,
                source: found.rule.into(),
                attributes: Vec::new(),
            });
        }
    }
    candidates
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Example tables for the decisions that carry rule-like ids but are Rust
/// code, in the manner of rule examples: sentence → what the id produces.
#[cfg(test)]
mod decision_examples {
    use crate::document::Source;
    use std::sync::LazyLock;

    static EXTRACTOR: LazyLock<crate::Extractor> = LazyLock::new(crate::Extractor::default);

    /// (id, sentence, document date, expected texts the id produced).
    const EXAMPLES: &[(&str, &str, &str, &[&str])] = &[
        (
            "name/context/person",
            "After the vote, Tamsin Oduya said the bill was dead.",
            "2024-05-03",
            &["Tamsin Oduya"],
        ),
        (
            "name/context/person",
            "The bill is dead, Oduya said on Friday.",
            "2024-05-03",
            &["Oduya"],
        ),
        (
            "name/context/person",
            "The Clarion said the bill was dead.",
            "2024-05-03",
            &[],
        ),
        (
            "name/context/org",
            "Talks with Tigris Reform Council ended on Monday.",
            "2024-05-03",
            &["Tigris Reform Council"],
        ),
        (
            "name/context/place",
            "Protests continued in Qalat for a week.",
            "2024-05-03",
            &["Qalat"],
        ),
        (
            "name/surname-of-known-person",
            "Ida Marlow scored twice. Marlow, who joined in May, was pleased. Fans in Marlow cheered.",
            "2024-05-03",
            &["Marlow"],
        ),
        (
            "place/dateline",
            "ZORVANI, May 3 — Water prices rose again.",
            "2024-05-03",
            &["ZORVANI"],
        ),
        (
            "place/dateline",
            "CRICKET - Zorvani beat the visitors by six wickets.",
            "2024-05-03",
            &[],
        ),
        (
            "date/dateline",
            "ZORVANI, May 3 — Water prices rose again.",
            "2024-05-03",
            &["May 3"],
        ),
        (
            "name/surname-of-known-person",
            "Tamsin Oduya said the bill was dead. Oduya left.",
            "2024-05-03",
            &["Oduya"],
        ),
        (
            "coref/office-holder",
            "The NATO Secretary-General arrived in Baghdad.",
            "2020-05-03",
            &["NATO Secretary-General"],
        ),
    ];

    #[test]
    fn rust_decisions_produce_their_examples() {
        let mut failures = Vec::new();
        for &(id, text, date, expected) in EXAMPLES {
            let date: jiff::civil::Date = date.parse().expect("example date");
            let doc = EXTRACTOR.extract_dated(text, Some(date));
            let by_id = |source: &Source| matches!(source, Source::Rule(rule) if rule == id);
            let mut found: Vec<&str> = doc
                .entities()
                .iter()
                .filter(|e| by_id(&e.source))
                .map(|e| &text[e.span])
                .chain(
                    doc.references()
                        .iter()
                        .filter(|r| by_id(&r.source))
                        .map(|r| &text[r.span]),
                )
                .collect();
            found.sort_unstable();
            if found != expected {
                failures.push(format!(
                    "{id}: {text:?}: expected {expected:?}, found {found:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    fn candidate(
        kind: EntityKind,
        source: Provenance,
        attributes: &[(&str, &str)],
    ) -> Candidate<'static> {
        Candidate {
            span: Span::new(0, 7),
            tokens: 0..1,
            kind,
            priority: GAZETTEER_PRIORITY,
            evidence: Evidence::Gazetteer,
            canonical: None,
            key: None,
            value: None,
            source,
            attributes: attributes
                .iter()
                .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    /// "Ostland said": a rule's ORG over a gazetteer place says which
    /// country's government it is, from the place's entry or, for a place
    /// without one, from the place's own attribute; a rule candidate over
    /// the same place and type merges into it after the entry's
    /// attributes.
    #[test]
    fn a_place_acting_as_an_organization_names_the_country_it_governs() {
        let places = Gazetteer::parse("places", "PLACE\tOstland\t\tcountry=OS ; kind=country\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let matcher = GazetteerMatcher::new(&[places]).unwrap_or_else(|e| panic!("{e}"));
        let id = matcher.lookup("Ostland").next().expect("the entry").entry;
        let rule = || candidate(EntityKind::Org, "org/actor".into(), &[]);
        for (place, code) in [
            (
                candidate(EntityKind::Place, Provenance::Entry(id), &[]),
                "OS",
            ),
            (
                candidate(
                    EntityKind::Place,
                    "place/dateline".into(),
                    &[("country", "XX")],
                ),
                "XX",
            ),
        ] {
            let mut candidates = vec![place];
            merge_rule_candidates(&matcher, &mut candidates, vec![rule()]);
            assert_eq!(candidates.len(), 2);
            assert_eq!(
                candidates[1].attributes,
                [("government_of".to_owned(), code.to_owned())]
            );
        }

        let place = candidate(EntityKind::Place, Provenance::Entry(id), &[]);
        let title_rule = candidate(EntityKind::Place, "place/x".into(), &[("title", "capital")]);
        let mut candidates = vec![place];
        merge_rule_candidates(&matcher, &mut candidates, vec![title_rule]);
        assert_eq!(candidates.len(), 1);
        assert_eq!(attribute(&matcher, &candidates[0], "country"), Some("OS"));
        assert_eq!(
            attribute(&matcher, &candidates[0], "title"),
            Some("capital")
        );
        let merged = candidates.remove(0);
        let mut sources = RuleSources::default();
        let (source, attributes) =
            written_out(&matcher, &mut sources, merged.source, merged.attributes);
        assert_eq!(source.to_string(), "gazetteer:places:Ostland");
        let attributes: Vec<(&str, &str)> = attributes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(attributes, [("country", "OS"), ("title", "capital")]);

        // Mentions with no attributes of their own share their entry's.
        let (first_source, first) =
            written_out(&matcher, &mut sources, Provenance::Entry(id), Vec::new());
        let (second_source, second) =
            written_out(&matcher, &mut sources, Provenance::Entry(id), Vec::new());
        assert!(Arc::ptr_eq(&first_source, &second_source));
        assert!(matches!(
            (&first, &second),
            (Attributes::Shared(a), Attributes::Shared(b)) if Arc::ptr_eq(a, b)
        ));
        assert_eq!(*first, [("country".to_owned(), "OS".to_owned())]);

        // So do mentions found by one rule.
        let by_rule = |sources: &mut RuleSources| {
            written_out(&matcher, sources, "place/x".into(), Vec::new()).0
        };
        let (first, second) = (by_rule(&mut sources), by_rule(&mut sources));
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!(first.to_string(), "rule:place/x");
    }
}
