//! The things an event argument can be, found once per document: named
//! entities, pronouns and role nominals (through their references), and
//! noun phrases with no name ("Foreign ministers", "a campaign source").
//!
//! Everything here works on token indices of one document; spans are only
//! looked up when an argument is built.

use std::ops::Range;

use crate::document::{ClusterId, Entity, EntityKind, Reference};
use crate::entity::stage::EntityLayer;
use crate::pattern::Annotation;
use crate::span::Span;
use crate::text::{Parsed, Sentence, Shape, TokenKind, Tokens};

use super::lexicon::{WordClasses, class};

/// What kind of thing a candidate argument is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ArgKind {
    /// A named person, organization or place (a country or city acting).
    Named(EntityKind),
    /// A pronoun or role nominal resolved to a cluster.
    Reference(EntityKind),
    /// A noun phrase without a name ("regional officials", "the ministry").
    Nominal,
    /// A date (never an argument itself, but found and skipped like one).
    Date,
    /// A run of capitalized words no stage recognized ("Modi meets
    /// Macron" in a headline): a party only right next to a verb.
    Unknown,
    /// A title or demonym standing before a name ("Prime Minister",
    /// "Iraqi"); skipped when looking for arguments. True for a title.
    Modifier { title: bool },
}

/// One candidate argument.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub tokens: Range<usize>,
    pub span: Span,
    pub kind: ArgKind,
    pub cluster: Option<ClusterId>,
    /// For dates: the value.
    pub value: Option<crate::document::DateValue>,
}

impl Candidate {
    /// True for candidates that can fill an agent role (participant,
    /// speaker, inviter, invitee).
    pub fn is_agent(&self) -> bool {
        match self.kind {
            ArgKind::Named(kind) | ArgKind::Reference(kind) => matches!(
                kind,
                EntityKind::Person | EntityKind::Org | EntityKind::Place
            ),
            ArgKind::Nominal => true,
            ArgKind::Date | ArgKind::Modifier { .. } | ArgKind::Unknown => false,
        }
    }

    pub fn is_place(&self) -> bool {
        self.kind == ArgKind::Named(EntityKind::Place)
    }
}

/// Every candidate argument of a document, and which covers each token.
#[derive(Debug, Default)]
pub(crate) struct Candidates {
    pub list: Vec<Candidate>,
    /// For each token, the candidate covering it.
    covering: Vec<Option<u32>>,
}

impl Candidates {
    /// The candidate covering token `index`.
    pub fn at(&self, index: usize) -> Option<&Candidate> {
        self.covering
            .get(index)
            .copied()
            .flatten()
            .map(|i| &self.list[i as usize])
    }

    /// The per-token buffer, for the next document's [`Candidates::find`].
    pub fn into_buffer(self) -> Vec<Option<u32>> {
        self.covering
    }

    /// The candidate starting at token `index`.
    pub fn starting_at(&self, index: usize) -> Option<&Candidate> {
        self.at(index).filter(|c| c.tokens.start == index)
    }

    /// Finds the candidates in the sentences of a document where `wanted`
    /// is true (those holding a trigger: arguments come from the
    /// trigger's own sentence).
    /// `covering` is a buffer from an earlier document
    /// ([`Candidates::into_buffer`]), or empty.
    pub fn find(
        doc: &Parsed<'_>,
        wanted: &[bool],
        mentions: &Mentions<'_>,
        word_classes: WordClasses<'_>,
        mut covering: Vec<Option<u32>>,
    ) -> Candidates {
        let (text, tokens, sentences) = (doc.text, &doc.tokens, &doc.sentences[..]);
        // Asked of a span before its tokens are looked up, since most
        // entities lie in sentences without an event. A span starting at
        // a token lands in that token's sentence; one that does not covers
        // no tokens and is skipped either way.
        // Mentions come in text order, so the sentence is found by walking
        // on from the last one's; a span before it starts the walk over.
        let mut at = 0;
        let mut in_wanted = |span: Span| {
            if at > 0 && sentences[at - 1].span.end > span.start {
                at = sentences.partition_point(|s| s.span.end <= span.start);
            }
            while at < sentences.len() && sentences[at].span.end <= span.start {
                at += 1;
            }
            at < sentences.len() && wanted.get(at).copied().unwrap_or(false)
        };
        // Sized for every mention and some nominals: growing it from empty
        // reallocated it about six times a document.
        let mentioned = mentions.entities.len() + mentions.references.len();
        // Reused rather than allocated zeroed: fresh zeroed memory was a
        // tenth of the stage's cache misses.
        covering.clear();
        covering.resize(tokens.len(), None);
        let mut claims = Claims {
            list: Vec::with_capacity(mentioned + 16),
            covering,
        };
        // References first: a role nominal such as "NATO Secretary-General"
        // covers the ORG and TITLE mentions inside it.
        for (reference, range) in mentions.references.iter().zip(&mentions.reference_tokens) {
            if in_wanted(reference.span)
                && let Some(range) = range.clone()
            {
                claims.claim(Candidate {
                    tokens: range,
                    span: reference.span,
                    kind: ArgKind::Reference(reference.kind),
                    cluster: Some(reference.cluster.clone()),
                    value: None,
                });
            }
        }
        for (entity, range) in mentions.entities.iter().zip(&mentions.entity_tokens) {
            if !in_wanted(entity.span) {
                continue;
            }
            let Some(range) = range.clone() else {
                continue;
            };
            let kind = match entity.kind {
                EntityKind::Date => ArgKind::Date,
                EntityKind::Title => ArgKind::Modifier { title: true },
                EntityKind::Demonym => ArgKind::Modifier { title: false },
                kind => ArgKind::Named(kind),
            };
            claims.claim(Candidate {
                tokens: range,
                span: entity.span,
                kind,
                cluster: (!matches!(kind, ArgKind::Modifier { .. }))
                    .then(|| entity.cluster.clone()),
                value: entity.value,
            });
        }
        let chosen = || {
            sentences
                .iter()
                .zip(wanted)
                .filter(|(_, w)| **w)
                .map(|(s, _)| s)
        };
        // A sentence's finds, gathered before any is claimed; one list
        // for every sentence.
        let mut found = Vec::new();
        for sentence in chosen() {
            nominals(text, tokens, sentence, &claims, word_classes, &mut found);
            for nominal in found.drain(..) {
                claims.release_words(&nominal.tokens);
                claims.claim(nominal);
            }
        }
        for sentence in chosen() {
            capitalized_runs(tokens, sentence, &claims.covering, word_classes, &mut found);
            for unknown in found.drain(..) {
                claims.claim(unknown);
            }
        }
        claims.in_text_order()
    }
}

/// The entity layer's mentions, each with the tokens it covers (`None`
/// for a span off token boundaries), looked up once for the whole event
/// stage.
pub(super) struct Mentions<'a> {
    entities: &'a [Entity],
    entity_tokens: Vec<Option<Range<usize>>>,
    references: &'a [Reference],
    reference_tokens: Vec<Option<Range<usize>>>,
}

impl<'a> Mentions<'a> {
    pub fn locate(tokens: &Tokens, layer: &'a EntityLayer) -> Mentions<'a> {
        // The entity stage's own tokens for an entity, when they are
        // exactly its span's (they are, but a look-up costs more than the
        // check).
        let of_entity = |entity: &Entity, found: &Range<usize>| {
            let exact = !found.is_empty()
                && found.end <= tokens.len()
                && tokens[found.start].span.start == entity.span.start
                && tokens[found.end - 1].span.end == entity.span.end;
            if exact {
                Some(found.clone())
            } else {
                tokens.covering(entity.span)
            }
        };
        Mentions {
            entities: &layer.entities,
            entity_tokens: layer
                .entities
                .iter()
                .zip(&layer.entity_tokens)
                .map(|(entity, found)| of_entity(entity, found))
                .collect(),
            references: &layer.references,
            reference_tokens: layer
                .references
                .iter()
                .map(|r| tokens.covering(r.span))
                .collect(),
        }
    }

    /// The entities, then the references, as annotations for the event
    /// rules' entity atoms.
    pub fn annotations(&self) -> impl Iterator<Item = Annotation> + '_ {
        let entities = self
            .entities
            .iter()
            .map(|e| e.kind)
            .zip(&self.entity_tokens);
        let references = self
            .references
            .iter()
            .map(|r| r.kind)
            .zip(&self.reference_tokens);
        entities.chain(references).filter_map(|(kind, tokens)| {
            Some(Annotation {
                tokens: tokens.clone()?,
                kind,
            })
        })
    }
}

/// The candidates found so far, and per token the one covering it.
struct Claims {
    list: Vec<Candidate>,
    covering: Vec<Option<u32>>,
}

impl Claims {
    /// Adds `c` unless it is empty or overlaps a candidate already claimed.
    fn claim(&mut self, c: Candidate) {
        if c.tokens.is_empty() || self.covering[c.tokens.clone()].iter().any(Option::is_some) {
            return;
        }
        let index = self.list.len() as u32;
        self.covering[c.tokens.clone()]
            .iter_mut()
            .for_each(|slot| *slot = Some(index));
        self.list.push(c);
    }

    /// A phrase headed by a title ("Foreign ministers") or holding a
    /// demonym or a body ("Chinese leaders", "U.S. officials") takes over
    /// their words (it keeps the body's cluster): frees them in `range`.
    fn release_words(&mut self, range: &Range<usize>) {
        for slot in &mut self.covering[range.clone()] {
            if slot.is_some_and(|i| {
                matches!(
                    self.list[i as usize].kind,
                    ArgKind::Modifier { .. } | ArgKind::Named(EntityKind::Org | EntityKind::Place)
                )
            }) {
                *slot = None;
            }
        }
    }

    /// The candidates in text order, so that neighbours are neighbours in
    /// the list.
    fn in_text_order(self) -> Candidates {
        let Claims { list, mut covering } = self;
        let order = crate::order_by_key(list.iter().map(|c| c.tokens.start));
        let mut renumber = vec![0u32; list.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = new as u32;
        }
        // moved, not cloned: a candidate may own its cluster id
        let list = crate::take_in_order(list, &order);
        for slot in covering.iter_mut().flatten() {
            *slot = renumber[*slot as usize];
        }
        Candidates { list, covering }
    }
}

/// Noun phrases that name people or bodies without a name: an optional
/// determiner or quantity, up to three modifiers (lowercase words,
/// capitalized words, demonyms, a named body), and a head noun from the
/// lexicon's `@agentnoun` list; or a personal pronoun that no reference
/// resolved ("we", "they"). A modifier that names a body gives the phrase
/// that body's cluster: "U.S. officials" speak for the U.S. They are
/// appended to `out`.
fn nominals(
    text: &str,
    tokens: &Tokens,
    sentence: &Sentence,
    claims: &Claims,
    word_classes: WordClasses<'_>,
    out: &mut Vec<Candidate>,
) {
    let covering = &claims.covering[..];
    let phrase = Phrase {
        tokens,
        range: sentence.tokens.clone(),
        covering,
        list: &claims.list,
        word_classes,
    };
    let range = sentence.tokens.clone();
    let mut index = range.start;
    while index < range.end {
        let token = &tokens[index];
        let free = covering[index].is_none();
        let is_head = free
            && token.kind == TokenKind::Word
            && word_classes.has(index, class::NOMINAL_HEAD)
            && !(token.shape == Shape::AllCaps && tokens.key_bytes(index).len() > 1);
        let title_head = phrase.bare_title(index);
        if !is_head && title_head.is_none() {
            index += 1;
            continue;
        }
        if word_classes.has(index, class::FREE_PRONOUN) {
            out.push(Candidate {
                tokens: index..index + 1,
                span: token.span,
                kind: ArgKind::Nominal,
                cluster: None,
                value: None,
            });
            index += 1;
            continue;
        }
        let head_start = title_head.map_or(index, |c| c.tokens.start);
        let (start, mut cluster) = phrase.left_edge(head_start);
        let mut end = phrase.right_edge(index);
        // "representatives of the United Nations", "a spokesman for the
        // ministry": the body they speak for names them
        if let Some(body) = phrase.body_after(end) {
            cluster = body.cluster.clone();
            end = body.tokens.end;
        }
        let span = Span::new(tokens[start].span.start, tokens[end - 1].span.end);
        debug_assert!(text.is_char_boundary(span.start));
        out.push(Candidate {
            tokens: start..end,
            span,
            kind: ArgKind::Nominal,
            cluster,
            value: None,
        });
        index = end;
    }
}

/// One sentence, for finding the edges of noun phrases around a head.
struct Phrase<'a> {
    tokens: &'a Tokens,
    range: Range<usize>,
    /// Per token, the candidate of `list` covering it.
    covering: &'a [Option<u32>],
    list: &'a [Candidate],
    /// Per token, its [`lexicon::class`]es.
    word_classes: WordClasses<'a>,
}

impl<'a> Phrase<'a> {
    fn covering(&self, index: usize) -> Option<&'a Candidate> {
        self.covering[index].map(|i| &self.list[i as usize])
    }

    /// A title ending at `index` with no name after it: "the prime minister
    /// said", "Foreign ministers met".
    fn bare_title(&self, index: usize) -> Option<&'a Candidate> {
        self.covering(index)
            .filter(|c| c.kind == ArgKind::Modifier { title: true } && c.tokens.end == index + 1)
            .filter(|_| {
                index + 1 >= self.range.end
                    || !self
                        .covering(index + 1)
                        .is_some_and(|c| matches!(c.kind, ArgKind::Named(EntityKind::Person)))
            })
    }

    /// Where a phrase whose head starts at `head_start` starts: extended left
    /// over up to three modifiers, a named body or a possessor, then a
    /// determiner; and the cluster of a body or place among them ("U.S.
    /// officials").
    fn left_edge(&self, head_start: usize) -> (usize, Option<ClusterId>) {
        let (tokens, range, classes) = (self.tokens, &self.range, self.word_classes);
        let mut start = head_start;
        let mut cluster = None;
        let mut modifiers = 0;
        while start > range.start && modifiers < 3 {
            let before = start - 1;
            let key = tokens.key(before);
            if let Some(c) = self.covering(before) {
                match c.kind {
                    ArgKind::Modifier { .. } => {
                        start = c.tokens.start;
                        modifiers += 1;
                        continue;
                    }
                    ArgKind::Named(EntityKind::Org | EntityKind::Place) => {
                        cluster = c.cluster.clone();
                        start = c.tokens.start;
                        break;
                    }
                    _ => break,
                }
            }
            if key == "'s" || key == "'" {
                // "Pakistan's ruling coalition": the owner is a modifier
                if let Some(c) = before
                    .checked_sub(1)
                    .and_then(|b| self.covering(b))
                    .filter(|c| {
                        matches!(
                            c.kind,
                            ArgKind::Named(_) | ArgKind::Modifier { title: true }
                        )
                    })
                {
                    if matches!(c.kind, ArgKind::Named(EntityKind::Org | EntityKind::Place)) {
                        cluster = c.cluster.clone();
                    }
                    start = c.tokens.start;
                }
                break;
            }
            let t = &tokens[before];
            let modifier_word = t.kind == TokenKind::Word
                && !classes.has(
                    before,
                    class::NOT_MODIFIER | class::SAYVERB | class::DETERMINER,
                )
                && (t.shape == Shape::Lower || t.shape == Shape::Capitalized);
            let number = t.kind == TokenKind::Number;
            // a hyphen inside a word ("two-day"), not a dash between phrases
            let hyphen = key == "-" && !t.space_before && !tokens[before + 1].space_before;
            if modifier_word || number || hyphen {
                start = before;
                modifiers += 1;
                continue;
            }
            break;
        }
        // A capitalized modifier at the start of a sentence is an ordinary
        // word ("Foreign ministers"); elsewhere it may be the end of a name
        // the entity layer did not know, so it stays in the phrase.
        if start > range.start && classes.has(start - 1, class::DETERMINER) {
            start -= 1;
            // "more than 1,300 elders": the quantity belongs to the phrase
            if start >= range.start + 2
                && tokens.key_is(start - 1, "than")
                && matches!(tokens.key_bytes(start - 2), b"more" | b"less" | b"fewer")
            {
                start -= 2;
            }
        }
        (start, cluster)
    }

    /// Where a phrase whose head is at `index` ends: after a compound's
    /// last noun ("a campaign source") and a qualifying phrase ("people
    /// familiar with the matter").
    fn right_edge(&self, index: usize) -> usize {
        let (tokens, range, classes) = (self.tokens, &self.range, self.word_classes);
        // Modifiers that are the tail of a verb phrase ("has agreed
        // officials") are rare; a modifier that is itself a verb of the
        // lexicon (said, met) was excluded by `left_edge`.
        let mut end = index + 1;
        // "a campaign source", "government officials": a compound's last
        // noun is its head
        while end < range.end
            && self.covering[end].is_none()
            && tokens[end].shape == Shape::Lower
            && classes.has(end, class::AGENT_NOUN)
        {
            end += 1;
        }
        // "people familiar with the matter", "officials close to the talks"
        let familiar = match (
            tokens.key(end.min(range.end - 1)),
            tokens.get(end + 1).map(|_| tokens.key(end + 1)),
        ) {
            ("familiar", Some("with")) | ("close", Some("to")) | ("briefed", Some("on")) => {
                Some(end + 2)
            }
            _ => None,
        };
        if let Some(mut j) = familiar.filter(|_| end < range.end) {
            if j < range.end && classes.has(j, class::DETERMINER) {
                j += 1;
            }
            let mut last = None;
            while j < range.end
                && j < end + 6
                && tokens[j].shape == Shape::Lower
                && tokens[j].kind == TokenKind::Word
            {
                last = Some(j);
                j += 1;
            }
            if let Some(last) = last {
                end = last + 1;
            }
        }
        end
    }

    /// The named body or place in "of/from/for (the) X" right after a
    /// phrase ending at `end`.
    fn body_after(&self, end: usize) -> Option<&'a Candidate> {
        let (tokens, range) = (self.tokens, &self.range);
        if !(end + 1 < range.end && matches!(tokens.key_bytes(end), b"of" | b"from" | b"for")) {
            return None;
        }
        let mut body = end + 1;
        if tokens.key_is(body, "the") && body + 1 < range.end {
            body += 1;
        }
        self.covering(body)
            .filter(|c| c.tokens.start == body)
            .filter(|c| matches!(c.kind, ArgKind::Named(EntityKind::Org | EntityKind::Place)))
    }
}

/// Runs of capitalized words (joined by glued hyphens: "Al-Sudani") that
/// no candidate covers, leaving out function words ("The", "In"),
/// appended to `out`.
fn capitalized_runs(
    tokens: &Tokens,
    sentence: &Sentence,
    covering: &[Option<u32>],
    word_classes: WordClasses<'_>,
    out: &mut Vec<Candidate>,
) {
    // Most tokens fail on kind, shape or cover: that part is inlined at
    // every use, and only a free capitalized word's classes are read (a
    // word is never a quotation mark, the other boundaries).
    #[inline(always)]
    fn free_capitalized(tokens: &Tokens, covering: &[Option<u32>], i: usize) -> bool {
        let t = &tokens[i];
        t.kind == TokenKind::Word && t.shape.has_uppercase() && covering[i].is_none()
    }
    let function_word =
        |i: usize| word_classes.has(i, class::NOT_MODIFIER | class::DETERMINER | class::BOUNDARY);
    let capitalized = |i: usize| free_capitalized(tokens, covering, i) && !function_word(i);
    let mut i = sentence.tokens.start;
    while i < sentence.tokens.end {
        if !capitalized(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < sentence.tokens.end {
            if capitalized(end) {
                end += 1;
            } else if end + 1 < sentence.tokens.end
                && tokens.key_is(end, "-")
                && !tokens[end].space_before
                && !tokens[end + 1].space_before
                && capitalized(end + 1)
            {
                end += 2;
            } else {
                break;
            }
        }
        out.push(Candidate {
            tokens: start..end,
            span: Span::new(tokens[start].span.start, tokens[end - 1].span.end),
            kind: ArgKind::Unknown,
            cluster: None,
            value: None,
        });
        i = end;
    }
}
