//! Coreference: which mentions name the same real-world thing.
//!
//! Mentions are clustered by, in order:
//!
//! 1. dates, by their resolved value;
//! 2. the gazetteer entry behind the mention (so "UNGA" and "United Nations
//!    General Assembly" share a cluster because they share an entry);
//! 3. people not in a gazetteer, by surname: "Layla Haddad", "Haddad" and
//!    "Ms. Haddad" share a cluster, whichever comes first in the text;
//! 4. organizations not in a gazetteer, by acronym: "Iraqi Media Network" and
//!    "IMN";
//! 5. otherwise by the normalized text.
//!
//! Personal pronouns become references: "he", "she" (and "his", "her") go to
//! the most recent person in subject position (the first person named in a
//! sentence) whose sex does not contradict the pronoun (titles such as
//! "Mrs" and "King", and the gendered given names of
//! `gazetteers/given-name-genders.tsv`, tell it); object pronouns ("told
//! him") never go to the subject of their own sentence; "they" and "their"
//! go to the most recent organization ("it" is left alone: too often it
//! refers to no entity at all). See [`pronoun_references`].

use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap as HashMap;

use crate::document::{ClusterId, EntityKind, Reference, Source};
use crate::gazetteer::Entry;
use crate::keymap;
use crate::lexicon::word_list;
use crate::text::{Sentence, Shape, TokenKind, Tokens};

use super::resolve::Candidate;

/// Words of an organization name skipped when forming its acronym.
const ACRONYM_SKIP: &[&str] = &["of", "the", "and", "for", "on", "in", "&", "-"];

/// A mention with its cluster id.
#[derive(Clone, Debug)]
pub struct Clustered<'g> {
    /// The mention.
    pub mention: Candidate<'g>,
    /// Its cluster id.
    pub cluster: ClusterId,
}

/// Assigns cluster ids to resolved mentions (in text order).
pub fn cluster_mentions<'g>(
    mut mentions: Vec<Candidate<'g>>,
    tokens: &Tokens,
) -> Vec<Clustered<'g>> {
    // "the Northern Reconstruction Council (NRC)": an acronym defined in
    // brackets names the organization before it, whatever else a gazetteer
    // says the letters stand for.
    let mut defined_by = bracketed_acronyms(&mentions, tokens);
    // Later uses of the same letters mean the same organization: the first
    // definition of a set of letters claims every later ORG that spells
    // them. One pass with an index by letters, not a scan of the later
    // mentions per definition, which was quadratic in a long document.
    let mut first_definition: HashMap<String, usize> = HashMap::default();
    let mut letters = String::new();
    for index in 0..mentions.len() {
        let defines = defined_by[index].is_some();
        if !defines && mentions[index].kind != EntityKind::Org {
            continue;
        }
        if first_definition.is_empty() && !defines {
            continue;
        }
        letters.clear();
        push_name_key(tokens, &mentions[index], &mut letters);
        match defined_by[index] {
            Some(expansion) => {
                if !first_definition.contains_key(letters.as_str()) {
                    first_definition.insert(letters.clone(), expansion);
                }
            }
            None => defined_by[index] = first_definition.get(letters.as_str()).copied(),
        }
    }
    for (index, expansion) in defined_by.iter().enumerate() {
        if let Some(expansion) = *expansion {
            mentions[index].key = mentions[expansion].key.clone();
            mentions[index].canonical = mentions[expansion].canonical;
        }
    }
    let mut ids = ClusterIds::with_capacity(mentions.len());
    // Full person names claim their surnames first, so that a bare surname
    // in a headline joins the full name that comes later.
    let mut by_surname: HashMap<&str, ClusterId> = HashMap::default();
    let mut by_acronym: HashMap<String, ClusterId> = HashMap::default();
    let mut assigned: Vec<Option<ClusterId>> = vec![None; mentions.len()];

    for (index, mention) in mentions.iter().enumerate() {
        let cluster = match (&mention.key, mention.kind) {
            (_, EntityKind::Date) => {
                // Unresolved dates (no document date to anchor them) are
                // the same date only when they read the same.
                let mut key = String::with_capacity(24);
                key.push_str("date-");
                match mention.value {
                    Some(value) => value.push_to(&mut key),
                    None => push_name_key(tokens, mention, &mut key),
                }
                Some(ids.named(Cow::Owned(key), None))
            }
            (Some(key), _) => Some(ids.named(key.clone(), mention.canonical.map(Entry::canonical))),
            _ => None,
        };
        if let Some(cluster) = &cluster {
            if mention.kind == EntityKind::Person
                && let Some(surname) = surname_key(tokens, mention)
            {
                by_surname.entry(surname).or_insert_with(|| cluster.clone());
            }
            if mention.kind == EntityKind::Org
                && let Some(acronym) = acronym_of(tokens, mention)
            {
                by_acronym.entry(acronym).or_insert_with(|| cluster.clone());
            }
        }
        assigned[index] = cluster;
    }
    // Multi-word unknown person names and organizations next.
    for (index, mention) in mentions.iter().enumerate() {
        if assigned[index].is_some() {
            continue;
        }
        let words = word_count(tokens, mention);
        if mention.kind == EntityKind::Person && words >= 2 {
            let surname = surname_key(tokens, mention).unwrap_or("");
            let cluster = by_surname
                .entry(surname)
                .or_insert_with(|| {
                    let key = prefixed_name_key("person-", tokens, mention);
                    ids.named_by_tail(key, "person-".len())
                })
                .clone();
            assigned[index] = Some(cluster);
        } else if mention.kind == EntityKind::Org && words >= 2 {
            let key = prefixed_name_key("org-", tokens, mention);
            let cluster = ids.named_by_tail(key, "org-".len());
            if let Some(acronym) = acronym_of(tokens, mention) {
                by_acronym.entry(acronym).or_insert_with(|| cluster.clone());
            }
            assigned[index] = Some(cluster);
        }
    }
    // Then everything else: single words join by surname or acronym.
    for (index, mention) in mentions.iter().enumerate() {
        if assigned[index].is_some() {
            continue;
        }
        let joined = match mention.kind {
            EntityKind::Person => {
                surname_key(tokens, mention).and_then(|s| by_surname.get(s).cloned())
            }
            EntityKind::Org => {
                letters.clear();
                push_name_key(tokens, mention, &mut letters);
                letters.retain(|c| c != '.' && c != ' ');
                by_acronym.get(letters.as_str()).cloned()
            }
            _ => None,
        };
        assigned[index] = Some(joined.unwrap_or_else(|| {
            // "person-", "org-", …: the kind's name lowercased
            let kind = mention.kind.as_str();
            let mut key = String::with_capacity(kind.len() + 1 + mention.span.len());
            key.push_str(kind);
            key.make_ascii_lowercase();
            key.push('-');
            let label_at = key.len();
            push_name_key(tokens, mention, &mut key);
            ids.named_by_tail(key, label_at)
        }));
    }
    for (index, expansion) in defined_by.iter().enumerate() {
        if let Some(expansion) = *expansion {
            assigned[index] = assigned[expansion].clone();
        }
    }
    mentions
        .into_iter()
        .zip(assigned)
        .map(|(mention, cluster)| Clustered {
            mention,
            cluster: cluster.unwrap_or_else(|| ClusterId::from("")),
        })
        .collect()
}

/// A person's sex as far as the text tells it: a title ("Mrs", "King") or
/// a given name that the Census lists give nearly always one sex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Gender {
    Female,
    Male,
}

/// Titles that tell a person's sex, as matching keys without a period.
const FEMALE_TITLES: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "madam",
    "madame",
    "mme",
    "queen",
    "princess",
    "lady",
    "dame",
    "duchess",
    "countess",
    "baroness",
    "empress",
    "sister",
    "mother",
    "congresswoman",
    "chairwoman",
    "spokeswoman",
    "businesswoman",
    "sra",
    "senora",
    "signora",
    "frau",
];
const MALE_TITLES: &[&str] = &[
    "mr",
    "king",
    "prince",
    "lord",
    "sir",
    "duke",
    "count",
    "baron",
    "emperor",
    "father",
    "brother",
    "congressman",
    "chairman",
    "spokesman",
    "businessman",
    "sr",
    "senor",
    "signor",
    "herr",
    "sheikh",
    "monsieur",
];

/// Given names with a sex (`gazetteers/given-name-genders.tsv`, generated
/// from the 1990 U.S. Census lists by `tools/build_given_names.py`).
const GIVEN_NAME_GENDERS: &str = include_str!("../../gazetteers/given-name-genders.tsv");

/// The sex of given names, by folded key; built with the entity stage, so
/// that its thousands of names are read when the extractor is built and
/// not during the first document.
#[derive(Clone, Debug)]
pub(crate) struct GivenNameGenders(HashMap<String, Gender>);

impl GivenNameGenders {
    /// The bundled list ([`GIVEN_NAME_GENDERS`]).
    pub(crate) fn bundled() -> GivenNameGenders {
        GivenNameGenders(
            GIVEN_NAME_GENDERS
                .lines()
                .filter(|line| !line.starts_with('#'))
                .filter_map(|line| {
                    let (name, sex) = line.split_once('\t')?;
                    let gender = match sex.trim() {
                        "F" => Gender::Female,
                        "M" => Gender::Male,
                        _ => return None,
                    };
                    Some((crate::text::normalize_key(name), gender))
                })
                .collect(),
        )
    }

    fn of(&self, key: &str) -> Option<Gender> {
        self.0.get(key).copied()
    }
}

/// The sex a person mention tells: a gendered title right before it (or
/// inside it), else its first word as a gendered given name.
fn mention_gender(
    tokens: &Tokens,
    mention: &Candidate,
    genders: &GivenNameGenders,
) -> Option<Gender> {
    let title = |index: usize| {
        let key = tokens.key(index).trim_end_matches('.');
        if FEMALE_TITLES.contains(&key) {
            Some(Gender::Female)
        } else if MALE_TITLES.contains(&key) {
            Some(Gender::Male)
        } else {
            None
        }
    };
    let start = mention.tokens.start;
    // "Mrs. Clinton", "Queen Elizabeth", "Mr Smith": the title, maybe
    // with a further title between ("Ms. Foreign Minister").
    for back in 1..=2 {
        if let Some(index) = start.checked_sub(back)
            && let Some(gender) = title(index)
        {
            return Some(gender);
        }
    }
    let mut words = word_indices(tokens, mention);
    let first = words.next()?;
    if let Some(gender) = title(first) {
        return Some(gender);
    }
    // A listed person is known by the given name of the entry, not by the
    // words the story happens to use ("Lula da Silva" is Luiz Inácio).
    if let Some(canonical) = mention.canonical.map(Entry::canonical) {
        let mut names = canonical.split_whitespace();
        let given = names.next()?;
        names.next()?;
        return genders.of(&crate::text::normalize_key(given));
    }
    // a single word is a surname ("Clinton"), not a given name
    words.next()?;
    genders.of(tokens.key(first))
}

/// Finds personal pronouns and links each to the most recent compatible
/// person (or organization, for "they"/"their"/"them"):
///
/// - a subject pronoun or possessive goes to the most recent subject (the
///   first person named in a sentence) whose sex does not contradict it,
///   else to the most recent compatible person named anywhere;
/// - an object pronoun ("told him", "thanked her") never goes to the
///   subject of its own sentence: the clause's subject is not its object;
/// - the sex of a cluster comes from any of its mentions: a title ("Mrs",
///   "Queen", "Mr", "King") or a given name of the Census lists
///   (`gazetteers/given-name-genders.tsv`). "She" never resolves to a
///   man, "he" never to a woman; a person of unknown sex fits both.
pub(crate) fn pronoun_references(
    tokens: &Tokens,
    sentences: &[Sentence],
    mentions: &[Clustered],
    given_names: &GivenNameGenders,
) -> Vec<Reference> {
    let mut genders: HashMap<&str, Gender> = HashMap::default();
    for m in mentions {
        if m.mention.kind == EntityKind::Person
            && let Some(gender) = mention_gender(tokens, &m.mention, given_names)
        {
            genders.entry(&*m.cluster).or_insert(gender);
        }
    }
    // The most recent fitting cluster, found without walking back through
    // every earlier mention (which made a page of pronouns that fit no one
    // quadratic): a cluster's sex is fixed, so within one sex only the two
    // latest distinct clusters can answer (one may be the excluded own
    // subject).
    let class = |cluster: &str| genders.get(cluster).copied();
    let mut references = Vec::new();
    let mut subjects = RecentClusters::default();
    let mut named = RecentClusters::default();
    let mut seq = 0;
    let mut next_mention = 0;
    // Where the next mention ends: the test made at every token.
    let end_of = |at: usize| {
        mentions
            .get(at)
            .map_or(usize::MAX, |m| m.mention.tokens.end)
    };
    let mut next_end = end_of(0);
    for sentence in sentences {
        // Whether the sentence's first person and first organization
        // (its subjects) have been seen.
        let mut subject_seen = [false; 2];
        let mut sentence_subject: Option<&ClusterId> = None;
        // The packed keys, not the tokens, are walked, and only to the next
        // word that may be a pronoun: every pronoun below starts with "he",
        // "hi", "sh" or "th" (its packed key's two lowest bytes), which
        // rules out most words; the rest are compared whole. The mentions
        // ending by then are taken in first, and before the next sentence
        // those ending by its last token, as a walk token by token would.
        let may_be_pronoun = |packed: u64| {
            matches!(
                &(packed as u16).to_le_bytes(),
                b"he" | b"hi" | b"sh" | b"th"
            )
        };
        let range = sentence.tokens.start.min(tokens.len())..sentence.tokens.end.min(tokens.len());
        if range.is_empty() {
            continue;
        }
        let keys = tokens.packed_keys(range.clone());
        let mut from = 0;
        loop {
            let next = keys[from..]
                .iter()
                .position(|&packed| may_be_pronoun(packed))
                .map(|k| from + k);
            let index = range.start + next.unwrap_or(keys.len() - 1);
            while next_end <= index {
                let mention = &mentions[next_mention];
                let kind = mention.mention.kind;
                let cluster = &mention.cluster;
                if matches!(kind, EntityKind::Person | EntityKind::Org) {
                    seq += 1;
                    let gender = class(cluster);
                    let seen = &mut subject_seen[usize::from(kind == EntityKind::Org)];
                    if !*seen {
                        *seen = true;
                        subjects.push(kind, gender, cluster, seq);
                        if kind == EntityKind::Person {
                            sentence_subject = Some(cluster);
                        }
                    }
                    named.push(kind, gender, cluster, seq);
                }
                next_mention += 1;
                next_end = end_of(next_mention);
            }
            let Some(k) = next else {
                break;
            };
            from = k + 1;
            const HE: u64 = keymap::packed(b"he");
            const HIS: u64 = keymap::packed(b"his");
            const HIM: u64 = keymap::packed(b"him");
            const SHE: u64 = keymap::packed(b"she");
            const HER: u64 = keymap::packed(b"her");
            const THEY: u64 = keymap::packed(b"they");
            const THEIR: u64 = keymap::packed(b"their");
            const THEM: u64 = keymap::packed(b"them");
            let (kind, gender, object) = match keys[k] {
                HE | HIS => (EntityKind::Person, Some(Gender::Male), false),
                HIM => (EntityKind::Person, Some(Gender::Male), true),
                SHE => (EntityKind::Person, Some(Gender::Female), false),
                HER => (
                    EntityKind::Person,
                    Some(Gender::Female),
                    is_object_her(tokens, index, sentence),
                ),
                THEY | THEIR => (EntityKind::Org, None, false),
                THEM => (EntityKind::Org, None, true),
                _ => continue,
            };
            let token = &tokens[index];
            if token.kind != TokenKind::Word
                || !matches!(
                    token.shape,
                    Shape::Lower | Shape::Capitalized | Shape::Mixed
                )
            {
                continue;
            }

            let own_subject = sentence_subject.filter(|_| object);
            let found = if object {
                named.latest(kind, gender, own_subject)
            } else {
                subjects
                    .latest(kind, gender, own_subject)
                    .or_else(|| named.latest(kind, gender, own_subject))
            };
            if let Some(cluster) = found {
                references.push(Reference {
                    span: token.span,
                    cluster: cluster.clone(),
                    kind,
                    source: Arc::clone(&PRONOUN_SOURCE),
                });
            }
        }
    }
    references
}

/// The latest person and organization clusters mentioned, by sex: for
/// each (kind, sex or none known), the two most recent distinct clusters
/// with the order of their last mention.
#[derive(Default)]
struct RecentClusters<'a> {
    latest: HashMap<(EntityKind, Option<Gender>), [Option<Seen<'a>>; 2]>,
}

/// The source of every pronoun reference, one shared value: a story
/// resolves hundreds of pronouns.
static PRONOUN_SOURCE: LazyLock<Arc<Source>> =
    LazyLock::new(|| Arc::new(Source::Rule("coref/pronoun".into())));

/// A cluster and the order of its latest mention.
type Seen<'a> = (&'a ClusterId, usize);

impl<'a> RecentClusters<'a> {
    fn push(
        &mut self,
        kind: EntityKind,
        gender: Option<Gender>,
        cluster: &'a ClusterId,
        seq: usize,
    ) {
        let top = self.latest.entry((kind, gender)).or_default();
        match top {
            [Some((first, at)), _] if *first == cluster => *at = seq,
            _ => {
                // Another cluster becomes the latest; the previous latest
                // is now second (a second-place `cluster` moves up).
                top[1] = top[0];
                top[0] = Some((cluster, seq));
            }
        }
    }

    /// The most recently mentioned cluster of `kind` whose sex does not
    /// contradict `wanted` (an unknown sex fits both), other than `except`.
    fn latest(
        &self,
        kind: EntityKind,
        wanted: Option<Gender>,
        except: Option<&ClusterId>,
    ) -> Option<&'a ClusterId> {
        let sexes: &[Option<Gender>] = match wanted {
            None => &[None, Some(Gender::Male), Some(Gender::Female)],
            Some(Gender::Male) => &[None, Some(Gender::Male)],
            Some(Gender::Female) => &[None, Some(Gender::Female)],
        };
        sexes
            .iter()
            .filter_map(|&sex| self.latest.get(&(kind, sex)))
            .flat_map(|top| top.iter().flatten())
            .filter(|(cluster, _)| Some(*cluster) != except)
            .max_by_key(|(_, seq)| *seq)
            .map(|(cluster, _)| *cluster)
    }
}

/// "told her", "with her.": "her" as an object, not a possessive ("her
/// husband"): no lowercase noun-like word follows it.
fn is_object_her(tokens: &Tokens, index: usize, sentence: &Sentence) -> bool {
    let next = index + 1;
    if next >= sentence.tokens.end {
        return true;
    }
    let token = &tokens[next];
    if token.kind != TokenKind::Word {
        return true;
    }
    matches!(
        tokens.key(next),
        "to" | "and"
            | "or"
            | "that"
            | "of"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "about"
            | "from"
            | "by"
            | "as"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "so"
            | "not"
            | "back"
            | "up"
            | "down"
            | "out"
            | "off"
            | "again"
            | "too"
            | "is"
            | "was"
            | "the"
            | "a"
            | "an"
            | "this"
            | "what"
            | "how"
            | "why"
            | "whether"
            | "because"
    )
}

/// For each mention, the organization its bracketed acronym defines: an
/// all-caps ORG right after "(" that itself follows an ORG whose initials
/// spell it.
fn bracketed_acronyms(mentions: &[Candidate], tokens: &Tokens) -> Vec<Option<usize>> {
    let mut defined_by = vec![None; mentions.len()];
    for index in 1..mentions.len() {
        let (before, acronym) = (&mentions[index - 1], &mentions[index]);
        let start = acronym.tokens.start;
        let bracketed = start >= 1
            && tokens.key_is(start - 1, "(")
            && before.tokens.end == start - 1
            && acronym.tokens.end < tokens.len()
            && tokens.key_is(acronym.tokens.end, ")");
        if !(bracketed && before.kind == EntityKind::Org && acronym.kind == EntityKind::Org) {
            continue;
        }
        let letters: String = word_indices(tokens, acronym)
            .map(|i| tokens.key(i).replace('.', ""))
            .collect();
        if acronym_of(tokens, before).is_some_and(|initials| initials == letters) {
            defined_by[index] = Some(index - 1);
        }
    }
    defined_by
}

fn word_indices(tokens: &Tokens, mention: &Candidate) -> impl Iterator<Item = usize> {
    let range = mention.tokens.start.min(tokens.len())..mention.tokens.end.min(tokens.len());
    range.filter(|&i| matches!(tokens[i].kind, TokenKind::Word | TokenKind::Number))
}

fn word_count(tokens: &Tokens, mention: &Candidate) -> usize {
    word_indices(tokens, mention).count()
}

/// `prefix` and then the mention's name key ([`push_name_key`]), in one
/// allocation and without the formatting machinery: a cluster key is made
/// for most mentions, and the name is the key's tail (`key[prefix.len()..]`).
fn prefixed_name_key(prefix: &str, tokens: &Tokens, mention: &Candidate) -> String {
    let mut key = String::with_capacity(prefix.len() + mention.span.len());
    key.push_str(prefix);
    push_name_key(tokens, mention, &mut key);
    key
}

/// Appends the mention's name key to `out`: its normalized words joined
/// by spaces, without a trailing period of an abbreviation.
fn push_name_key(tokens: &Tokens, mention: &Candidate, out: &mut String) {
    for (n, i) in word_indices(tokens, mention).enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(tokens.key(i));
    }
}

/// The key of a person's surname: its last word without a name particle.
pub(crate) fn surname_key<'t>(tokens: &'t Tokens, mention: &Candidate) -> Option<&'t str> {
    let last = word_indices(tokens, mention).last()?;
    let key = tokens.key(last);
    let key = key.trim_end_matches(['\'', '.']);
    // "al-sudani" as one key, when a tokenizer keeps hyphenated names whole.
    let key = key.split('-').next_back().unwrap_or(key);
    (!key.is_empty() && !word_list!("particle").contains(key)).then_some(key)
}

/// The acronym of a multi-word name ("Iraqi Media Network" → "imn").
fn acronym_of(tokens: &Tokens, mention: &Candidate) -> Option<String> {
    let initials: String = word_indices(tokens, mention)
        .map(|i| tokens.key(i))
        .filter(|key| !ACRONYM_SKIP.contains(key))
        .filter_map(|key| key.chars().next())
        .collect();
    (initials.chars().count() >= 2).then_some(initials)
}

/// Hands out readable, unique cluster ids.
struct ClusterIds<'g> {
    /// Keys borrowed from gazetteer entries where they come from one.
    by_key: HashMap<Cow<'g, str>, ClusterId>,
    taken: HashMap<ClusterId, usize>,
    /// The slug being made, reused from id to id.
    slug: String,
}

impl<'g> ClusterIds<'g> {
    /// Sized for about `mentions` clusters: a story names most things
    /// once or twice, and growing the maps rehashed every id.
    fn with_capacity(mentions: usize) -> ClusterIds<'g> {
        ClusterIds {
            by_key: HashMap::with_capacity_and_hasher(mentions, Default::default()),
            taken: HashMap::with_capacity_and_hasher(mentions, Default::default()),
            slug: String::new(),
        }
    }

    /// The cluster id for `key`, derived on first use from `label`, or
    /// from the key itself when there is none.
    fn named(&mut self, key: Cow<'g, str>, label: Option<&str>) -> ClusterId {
        if let Some(id) = self.by_key.get(&*key) {
            return id.clone();
        }
        let id = self.new_id(label.unwrap_or(&key));
        self.by_key.insert(key, id.clone());
        id
    }

    /// [`ClusterIds::named`] for a key whose label is its tail from byte
    /// `label_at` ("person-" and then the name): one string for both.
    fn named_by_tail(&mut self, key: String, label_at: usize) -> ClusterId {
        if let Some(id) = self.by_key.get(key.as_str()) {
            return id.clone();
        }
        let id = self.new_id(&key[label_at..]);
        self.by_key.insert(Cow::Owned(key), id.clone());
        id
    }

    /// A cluster id made from `label`, unique among those handed out.
    fn new_id(&mut self, label: &str) -> ClusterId {
        self.slug.clear();
        slug_into(label, &mut self.slug);
        let base = ClusterId::from(self.slug.as_str());
        let count = self.taken.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            let mut id = String::from(&*base);
            id.push('-');
            crate::push_decimal(&mut id, *count);
            ClusterId::from(id)
        }
    }
}

/// Lowercase ASCII-ish slug: letters and digits kept, runs of anything else
/// become one hyphen.
pub(crate) fn slug(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    slug_into(label, &mut out);
    out
}

/// [`slug`], written into `out` (empty).
fn slug_into(label: &str, out: &mut String) {
    if label.is_ascii() {
        // An ASCII label's key is the label lowercased: no key string is
        // built, and its bytes are slugged as bytes (most labels are
        // ASCII). A hyphen waits for the next letter or digit, so none
        // ends the slug.
        let mut hyphen = false;
        for b in label.bytes() {
            if b.is_ascii_alphanumeric() {
                if hyphen {
                    out.push('-');
                    hyphen = false;
                }
                out.push(char::from(b.to_ascii_lowercase()));
            } else {
                hyphen = !out.is_empty();
            }
        }
        if out.is_empty() {
            out.push_str("entity");
        }
        return;
    }
    slug_of_key(crate::text::normalize_key(label).chars(), out)
}

/// [`slug`] of a key given as chars.
#[inline]
fn slug_of_key(key: impl Iterator<Item = char>, out: &mut String) {
    for ch in key {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("entity");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::resolve::Evidence;
    use crate::span::Span;
    use crate::text::normalize_key;
    use crate::text::{split_sentences, tokenize};

    /// Builds person/org mentions from (kind, surface) pairs found in order.
    fn mentions_in(
        text: &str,
        tokens: &Tokens,
        wanted: &[(EntityKind, &str)],
    ) -> Vec<Candidate<'static>> {
        let mut from = 0;
        wanted
            .iter()
            .map(|&(kind, surface)| {
                let start = from + text[from..].find(surface).expect("surface in text");
                let end = start + surface.len();
                from = end;
                let first = tokens
                    .iter()
                    .position(|t| t.span.start == start)
                    .expect("token start");
                let last = tokens
                    .iter()
                    .position(|t| t.span.end == end)
                    .expect("token end");
                Candidate {
                    span: Span::new(start, end),
                    tokens: first..last + 1,
                    kind,
                    priority: 0,
                    evidence: Evidence::Rule,
                    canonical: None,
                    key: None,
                    value: None,
                    source: "test".into(),
                    attributes: Vec::new(),
                }
            })
            .collect()
    }

    #[test]
    fn surname_before_full_name_joins_its_cluster() {
        let text = "Haddad visits Mosul. Layla Haddad arrived. Ms. Haddad spoke.";
        let tokens = tokenize(text);
        let wanted = [
            (EntityKind::Person, "Haddad"),
            (EntityKind::Person, "Layla Haddad"),
            (EntityKind::Person, "Haddad"),
        ];
        let clustered = cluster_mentions(mentions_in(text, &tokens, &wanted), &tokens);
        assert_eq!(clustered[0].cluster, clustered[1].cluster);
        assert_eq!(clustered[1].cluster, clustered[2].cluster);
    }

    #[test]
    fn hyphenated_particle_surname_joins_full_name() {
        let text = "Karim Abdul al-Tamimi met them. Al-Tamimi left.";
        let tokens = tokenize(text);
        let wanted = [
            (EntityKind::Person, "Karim Abdul al-Tamimi"),
            (EntityKind::Person, "Al-Tamimi"),
        ];
        let clustered = cluster_mentions(mentions_in(text, &tokens, &wanted), &tokens);
        assert_eq!(clustered[0].cluster, clustered[1].cluster);
    }

    #[test]
    fn different_people_get_different_clusters() {
        let text = "Layla Haddad met Omar Karimi.";
        let tokens = tokenize(text);
        let wanted = [
            (EntityKind::Person, "Layla Haddad"),
            (EntityKind::Person, "Omar Karimi"),
        ];
        let clustered = cluster_mentions(mentions_in(text, &tokens, &wanted), &tokens);
        assert_ne!(clustered[0].cluster, clustered[1].cluster);
    }

    #[test]
    fn acronym_joins_its_expansion() {
        let text = "The Iraqi Media Network said the IMN would air it.";
        let tokens = tokenize(text);
        let wanted = [
            (EntityKind::Org, "Iraqi Media Network"),
            (EntityKind::Org, "IMN"),
        ];
        let clustered = cluster_mentions(mentions_in(text, &tokens, &wanted), &tokens);
        assert_eq!(clustered[0].cluster, clustered[1].cluster);
    }

    #[test]
    fn pronoun_goes_to_most_recent_subject() {
        let text = "Layla Haddad thanked Omar Karimi for his help. He also spoke about trade.";
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let wanted = [
            (EntityKind::Person, "Layla Haddad"),
            (EntityKind::Person, "Omar Karimi"),
        ];
        let clustered = cluster_mentions(mentions_in(text, &tokens, &wanted), &tokens);
        let references = pronoun_references(
            &tokens,
            &sentences,
            &clustered,
            &GivenNameGenders::bundled(),
        );
        let he = references
            .iter()
            .find(|r| &text[r.span] == "He")
            .expect("He resolved");
        assert_eq!(he.cluster, clustered[0].cluster);
    }

    #[test]
    fn she_does_not_resolve_to_a_man() {
        let text = "Maria Lopez met Peter Novak on Monday. He left early. She stayed.";
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let wanted = [
            (EntityKind::Person, "Maria Lopez"),
            (EntityKind::Person, "Peter Novak"),
        ];
        let clustered = cluster_mentions(mentions_in(text, &tokens, &wanted), &tokens);
        let references = pronoun_references(
            &tokens,
            &sentences,
            &clustered,
            &GivenNameGenders::bundled(),
        );
        let find = |word: &str| {
            references
                .iter()
                .find(|r| &text[r.span] == word)
                .map(|r| r.cluster.clone())
        };
        assert_eq!(find("He"), Some(clustered[1].cluster.clone()));
        assert_eq!(find("She"), Some(clustered[0].cluster.clone()));
    }

    #[test]
    fn a_title_tells_the_sex() {
        let text = "Mrs. Okafor spoke after Dr. Tamsin Reyes. He was not there.";
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let wanted = [
            (EntityKind::Person, "Okafor"),
            (EntityKind::Person, "Tamsin Reyes"),
        ];
        let clustered = cluster_mentions(mentions_in(text, &tokens, &wanted), &tokens);
        let references = pronoun_references(
            &tokens,
            &sentences,
            &clustered,
            &GivenNameGenders::bundled(),
        );
        let he = references.iter().find(|r| &text[r.span] == "He");
        // Okafor is a woman; Reyes's sex is unknown, so "He" may be Reyes
        assert!(he.is_none_or(|r| r.cluster != clustered[0].cluster));
    }

    #[test]
    fn an_object_pronoun_is_not_its_own_subject() {
        let text = "Peter Novak met Omar Karimi. Novak told him the plan.";
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let wanted = [
            (EntityKind::Person, "Peter Novak"),
            (EntityKind::Person, "Omar Karimi"),
            (EntityKind::Person, "Novak"),
        ];
        let clustered = cluster_mentions(mentions_in(text, &tokens, &wanted), &tokens);
        let references = pronoun_references(
            &tokens,
            &sentences,
            &clustered,
            &GivenNameGenders::bundled(),
        );
        let him = references
            .iter()
            .find(|r| &text[r.span] == "him")
            .expect("him resolved");
        assert_eq!(him.cluster, clustered[1].cluster);
    }

    #[test]
    fn slug_is_readable() {
        assert_eq!(
            slug("Mohammed Shiaa’ Al-Sudani"),
            "mohammed-shiaa-al-sudani"
        );
        assert_eq!(slug("!!!"), "entity");
    }

    #[test]
    fn ascii_slugs_match_the_char_by_char_rule() {
        // the rule for any label: alphanumerics kept, other runs one hyphen
        let by_chars = |label: &str| {
            let mut out = String::new();
            for ch in normalize_key(label).chars() {
                if ch.is_alphanumeric() {
                    out.push(ch);
                } else if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
            let out = out.trim_end_matches('-').to_owned();
            if out.is_empty() {
                "entity".to_owned()
            } else {
                out
            }
        };
        for label in [
            "",
            "-",
            "--a--",
            "U.S. Senate",
            "A  B",
            "x-",
            "NATO",
            "9/11 Commission",
            "a.b.c.",
            "  lead",
        ] {
            assert_eq!(slug(label), by_chars(label), "{label:?}");
        }
        // and generated labels of letters, digits, spaces and marks
        let mut next = crate::test_numbers();
        let pieces = ["a", "Z", "7", " ", "-", ".", "'", "&", "  "];
        for _ in 0..5_000 {
            let label: String = (0..next(9)).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(slug(&label), by_chars(&label), "{label:?}");
        }
    }
}
