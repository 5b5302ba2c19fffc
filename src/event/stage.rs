//! The event stage: rule matches become events with attached arguments, a
//! modality, a date and a document-level id. The policy is written in the
//! [module docs](super).

use std::collections::HashMap;
use std::ops::Range;

use crate::document::{Argument, EntityKind, Event, EventKind, Modality, Role};
use crate::entity::stage::EntityLayer;
use crate::pattern::{Annotation, Cache, Produces, RuleMatch, RuleSet};
use crate::span::Span;
use crate::text::{Parsed, Sentence, Tokens};

use super::args::{ArgKind, Candidate, Candidates, Mentions};
use super::lexicon::{self, Lexicon, WordClasses, WordSet, class};
use super::merge;
use super::statement;

/// How far (in tokens) a subject may lie before its verb, and an object
/// or a role phrase after it.
const SUBJECT_REACH: usize = 14;
const OBJECT_REACH: usize = 4;
const PHRASE_REACH: usize = 16;
/// How far from its trigger a place, an occasion or a date may lie.
const NEAR: usize = 40;

/// The compiled event stage. Its rules live in the extractor's one rule
/// set (they share word lists with the entity rules); the stage keeps the
/// lexicon its code reads. Built once; `Send + Sync`.
#[derive(Debug)]
pub struct EventStage {
    lexicon: Lexicon,
}

impl EventStage {
    /// Builds the stage, reading its word lists from the lexicon.
    pub(crate) fn new() -> EventStage {
        EventStage {
            lexicon: Lexicon::new(),
        }
    }

    /// Runs the event rules of `rules` over a document whose entities and
    /// references are known (`layer`), visiting the sentences where the
    /// entity pass saw event anchors, and returns its events in text order.
    pub(crate) fn run(
        &self,
        cache: &mut Cache,
        buffers: &mut EventBuffers,
        word_classes: &[lexicon::class::Bits],
        doc: &Parsed<'_>,
        rules: &RuleSet,
        layer: &EntityLayer,
    ) -> Vec<Event> {
        debug_assert_eq!(word_classes.len(), doc.tokens.len());
        let triggers = &layer.event_triggers;
        if !triggers.any() {
            return Vec::new();
        }
        let mentions = Mentions::locate(&doc.tokens, layer);
        let annotations: Vec<Annotation> = mentions.annotations().collect();
        let found = rules.find_deferred(
            cache,
            doc.text,
            &doc.tokens,
            &doc.sentences,
            triggers,
            &annotations,
            |p| matches!(p, Produces::Event(_)),
        );
        if found.is_empty() {
            cache.recycle(found);
            return Vec::new();
        }
        let mut wanted = vec![false; doc.sentences.len()];
        for m in &found {
            let at = doc
                .sentences
                .partition_point(|s| s.tokens.end <= m.tokens.start);
            if let Some(slot) = wanted.get_mut(at) {
                *slot = true;
            }
        }
        let candidates = Candidates::find(
            doc,
            &wanted,
            &mentions,
            WordClasses(word_classes),
            std::mem::take(&mut buffers.covering),
        );
        let attach = Attach {
            doc,
            candidates: &candidates,
            lexicon: &self.lexicon,
            word_classes: WordClasses(word_classes),
            quotes: statement::QuoteMarks::new(doc.text),
        };
        let mut events: Vec<Event> = found.iter().filter_map(|m| attach.event(m)).collect();
        events.sort_by_key(|e| (e.trigger.start, e.trigger.end));
        statement::continue_quotes(&mut events);
        events.dedup_by(|b, a| a.kind == b.kind && a.trigger.overlaps(b.trigger));
        invited_to_meet(&mut events);
        merge::assign_ids(&mut events, doc, &self.lexicon);
        cache.recycle(found);
        buffers.covering = candidates.into_buffer();
        events
    }
}

/// The memory the event stage reuses from document to document.
#[derive(Debug, Default)]
pub(crate) struct EventBuffers {
    /// Per token, the argument candidate covering it.
    covering: Vec<Option<u32>>,
}

impl EventBuffers {
    pub(crate) fn memory_usage(&self) -> usize {
        self.covering.capacity() * std::mem::size_of::<Option<u32>>()
    }
}

/// True when `arguments` already fill `role`.
fn has(arguments: &[Argument], role: Role) -> bool {
    arguments.iter().any(|a| a.role == role)
}

/// Argument attachment for one document.
pub(super) struct Attach<'a> {
    pub(super) doc: &'a Parsed<'a>,
    pub(super) candidates: &'a Candidates,
    pub(super) lexicon: &'a Lexicon,
    /// Per token, the bits of its [`lexicon::class`]es.
    pub(super) word_classes: WordClasses<'a>,
    pub(super) quotes: statement::QuoteMarks,
}

/// What a trigger word is, which decides where its roles are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Frame {
    /// "A met B", "A hosted B": subject and object are participants.
    MeetVerb,
    /// "A visited B": B is a participant, or the place when B is a place.
    VisitVerb,
    /// "the meeting between A and B", "A's visit to C".
    MeetNoun,
    /// "A invited B to C".
    InviteVerb,
    /// "B was invited by A to C".
    InvitePassive,
    /// "an invitation to B to visit C", "at the invitation of A".
    InviteNoun,
    /// "A said", "according to A": roles attached by [`statement`].
    Statement,
}

impl Attach<'_> {
    #[inline]
    pub(super) fn key(&self, index: usize) -> &str {
        self.doc.tokens.key(index)
    }

    /// True when token `index` is a clause boundary or a quotation mark
    /// (`@clauseboundary`, or [`lexicon::is_quote`]), read from its word
    /// classes.
    #[inline]
    pub(super) fn is_boundary_at(&self, index: usize) -> bool {
        self.word_classes.has(index, class::BOUNDARY)
    }

    /// True when token `index` is in one of the word `classes`: the sets
    /// of [`lexicon::class`] asked of a token without looking its key up.
    #[inline]
    pub(super) fn is_a(&self, index: usize, classes: class::Bits) -> bool {
        self.word_classes.has(index, classes)
    }

    /// [`Attach::key`] as bytes, for comparisons with words: no `str`
    /// slice's char-boundary checks.
    #[inline]
    pub(super) fn key_bytes(&self, index: usize) -> &[u8] {
        self.doc.tokens.key_bytes(index)
    }

    /// True when the key of token `index` is `word` ([`Tokens::key_is`]).
    #[inline]
    pub(super) fn is(&self, index: usize, word: &str) -> bool {
        self.doc.tokens.key_is(index, word)
    }

    pub(super) fn sentence_of(&self, index: usize) -> &Sentence {
        let at = self
            .doc
            .sentences
            .partition_point(|s| s.tokens.end <= index)
            .min(self.doc.sentences.len().saturating_sub(1));
        &self.doc.sentences[at]
    }

    /// The number of tokens at `index` that spell an entry of `list`.
    pub(super) fn phrase_at(&self, list: &WordSet, index: usize, limit: usize) -> usize {
        list.match_at_token(&self.doc.tokens, index, limit)
    }

    fn event(&self, found: &RuleMatch) -> Option<Event> {
        let Produces::Event(kind) = found.produces else {
            return None;
        };
        let trigger = found
            .capture("trigger")
            .map_or(found.anchor.clone(), |c| c.tokens.clone());
        if trigger.is_empty() {
            return None;
        }
        let sentence = self.sentence_of(trigger.start).clone();
        let mut arguments: Vec<Argument> = Vec::new();
        for capture in &found.captures {
            let Some(role) = capture.role else { continue };
            self.push_tokens(&mut arguments, role, capture.tokens.clone());
        }
        let frame = self.frame(kind, &trigger, &sentence);
        if frame == Frame::Statement {
            statement::fill_roles(self, found, &trigger, &sentence, &mut arguments)?;
        } else {
            self.fill_roles(kind, frame, &trigger, &sentence, &mut arguments);
        }
        one_argument_per_party(&mut arguments);
        let trigger_span = Span::new(
            self.doc.tokens[trigger.start].span.start,
            self.doc.tokens[trigger.end - 1].span.end,
        );
        Some(Event {
            kind,
            trigger: trigger_span,
            sentence: sentence.span,
            arguments,
            date: self.date(&trigger, &sentence),
            modality: self.modality(&trigger, &sentence, frame),
            id: String::new(),
            rule: found.rule.clone(),
        })
    }

    /// Adds the argument covering `tokens`: the candidate there when one
    /// covers them, else the bare tokens with no cluster.
    pub(super) fn push_tokens(
        &self,
        arguments: &mut Vec<Argument>,
        role: Role,
        tokens: Range<usize>,
    ) {
        if tokens.is_empty() {
            return;
        }
        if let Some(c) = self.candidates.at(tokens.start)
            && c.tokens.start <= tokens.start
            && c.tokens.end >= tokens.end
        {
            push(arguments, role, c);
            return;
        }
        let span = Span::new(
            self.doc.tokens[tokens.start].span.start,
            self.doc.tokens[tokens.end - 1].span.end,
        );
        if !arguments.iter().any(|a| a.role == role && a.span == span) {
            arguments.push(Argument {
                role,
                span,
                entity: None,
            });
        }
    }

    fn frame(&self, kind: EventKind, trigger: &Range<usize>, sentence: &Sentence) -> Frame {
        let head = self.key(trigger.end - 1);
        let nominal = self.is_nominal(trigger.start, sentence);
        match kind {
            EventKind::Statement => Frame::Statement,
            EventKind::Invitation => {
                if self.lexicon.invitation_nouns.contains(head) && (nominal || head != "invite") {
                    Frame::InviteNoun
                } else if self.is_passive(trigger, sentence) {
                    Frame::InvitePassive
                } else {
                    Frame::InviteVerb
                }
            }
            _ => {
                let visit = self.lexicon.visit_words.contains(head);
                let noun = self.lexicon.meeting_nouns.contains(head) || (visit && nominal);
                if noun && (nominal || !visit) && !self.verb_use_of_meeting(trigger, sentence) {
                    Frame::MeetNoun
                } else if visit {
                    Frame::VisitVerb
                } else {
                    Frame::MeetVerb
                }
            }
        }
    }

    /// "The unions meeting Mr Prescott": "meeting" right before a party is
    /// a verb.
    fn verb_use_of_meeting(&self, trigger: &Range<usize>, sentence: &Sentence) -> bool {
        self.is(trigger.end - 1, "meeting")
            && !self.is_nominal(trigger.start, sentence)
            && self
                .candidates
                .starting_at(trigger.end)
                .or_else(|| self.skip_modifiers(trigger.end, sentence.tokens.end))
                .is_some_and(|c| c.is_agent())
    }

    /// The candidate after any titles and demonyms starting at `index`. A
    /// body that only qualifies a titled name is passed over: in "NATO
    /// Secretary-General Jens Stoltenberg" the party is the person.
    pub(super) fn skip_modifiers(&self, mut index: usize, limit: usize) -> Option<&Candidate> {
        if index + 1 < limit
            && self.is(index, "the")
            && self.candidates.starting_at(index).is_none()
        {
            index += 1;
        }
        if let Some(title) = self.title_after_descriptor(index, limit) {
            index = title;
        }
        while index < limit {
            let c = self.candidates.starting_at(index)?;
            if matches!(c.kind, ArgKind::Modifier { .. }) {
                index = c.tokens.end;
                continue;
            }
            if matches!(c.kind, ArgKind::Named(EntityKind::Org | EntityKind::Place))
                && self
                    .candidates
                    .starting_at(c.tokens.end)
                    .is_some_and(|next| matches!(next.kind, ArgKind::Modifier { .. }))
            {
                let mut j = c.tokens.end;
                while let Some(next) = self
                    .candidates
                    .starting_at(j)
                    .filter(|n| matches!(n.kind, ArgKind::Modifier { .. }))
                {
                    j = next.tokens.end;
                }
                if let Some(person) = self
                    .candidates
                    .starting_at(j)
                    .filter(|p| p.kind == ArgKind::Named(EntityKind::Person))
                {
                    return Some(person);
                }
            }
            return Some(c);
        }
        None
    }

    /// The first token from `index` that is not a filler or a date
    /// ("invitation on Wednesday to …").
    fn skip_fillers(&self, mut index: usize, limit: usize) -> usize {
        for _ in 0..OBJECT_REACH {
            if index >= limit {
                break;
            }
            if let Some(c) = self
                .candidates
                .starting_at(index)
                .filter(|c| c.kind == ArgKind::Date)
            {
                index = c.tokens.end;
                continue;
            }
            let n = self.phrase_at(&self.lexicon.object_fillers, index, limit);
            if n == 0 {
                break;
            }
            index += n;
        }
        index
    }

    /// A noun use: a determiner, possessive or modifier right before the
    /// word ("a visit", "Sudani's visit", "the two-day summit").
    fn is_nominal(&self, start: usize, sentence: &Sentence) -> bool {
        let mut i = start;
        let mut steps = 0;
        while i > sentence.tokens.start && steps < 4 {
            i -= 1;
            steps += 1;
            let key = self.key(i);
            if self.is_a(i, class::DETERMINER) || key == "'s" || key == "'" {
                return true;
            }
            if let Some(c) = self.candidates.at(i) {
                // "the EU-Turkey talks", "an EU foreign ministers' meeting",
                // but not "Kishida visited"
                let start = c.tokens.start;
                let determined = (start > sentence.tokens.start
                    && self.is_a(start - 1, class::DETERMINER))
                    || (c.kind == ArgKind::Nominal && self.is_a(start, class::DETERMINER));
                let joined = i + 1 < self.doc.tokens.len() && self.is(i + 1, "-");
                return (c.is_agent() || matches!(c.kind, ArgKind::Modifier { .. }))
                    && (determined || joined);
            }
            let token = &self.doc.tokens[i];
            let adjective = token.kind == crate::text::TokenKind::Word
                && !self.is_a(
                    i,
                    class::NOT_MODIFIER | class::FUTURE | class::BE | class::NEGATION,
                )
                && key != "to";
            if !(adjective || token.kind == crate::text::TokenKind::Number || self.is_hyphen(i)) {
                return false;
            }
        }
        false
    }

    fn is_passive(&self, trigger: &Range<usize>, sentence: &Sentence) -> bool {
        let mut i = trigger.start;
        let mut steps = 0;
        while i > sentence.tokens.start && steps < 3 {
            i -= 1;
            steps += 1;
            if self.is_a(i, class::BE) {
                return true;
            }
            if !(self.is_a(i, class::NEGATION)
                || matches!(self.key_bytes(i), b"also" | b"formally"))
            {
                break;
            }
        }
        trigger.end < sentence.tokens.end && self.is(trigger.end, "by")
    }

    /// Fills the roles the rule's captures left empty, by where the trigger's
    /// frame puts them, then a meeting's place and occasion.
    fn fill_roles(
        &self,
        kind: EventKind,
        frame: Frame,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &mut Vec<Argument>,
    ) {
        match frame {
            Frame::MeetVerb | Frame::VisitVerb => {
                if !has(arguments, Role::Participant) {
                    self.verb_participants(frame, trigger, sentence, arguments);
                }
            }
            Frame::MeetNoun => {
                if !has(arguments, Role::Participant) {
                    for c in self.noun_parties(trigger, sentence) {
                        push(arguments, Role::Participant, c);
                    }
                }
            }
            Frame::InviteVerb => self.invite_verb_roles(trigger, sentence, arguments),
            Frame::InvitePassive => self.invite_passive_roles(trigger, sentence, arguments),
            Frame::InviteNoun => self.invitation_noun(trigger, sentence, arguments),
            Frame::Statement => {}
        }
        if kind == EventKind::Meeting {
            if !has(arguments, Role::Place) {
                for c in self.places(trigger, sentence, arguments) {
                    push(arguments, Role::Place, c);
                }
            }
            if !has(arguments, Role::Occasion) {
                let occasions = self.occasions(trigger, sentence, arguments);
                arguments.extend(occasions);
            }
        }
    }

    /// The participants of a meeting or visiting verb: its subject and its
    /// object (a visited place is the place).
    fn verb_participants(
        &self,
        frame: Frame,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &mut Vec<Argument>,
    ) {
        let end = sentence.tokens.end;
        for c in self.subject(trigger.start, sentence) {
            push(arguments, Role::Participant, c);
        }
        let mut objects = self.object(trigger.end, end);
        if objects.is_empty() {
            // "will host a lunch next month with Obama"
            let reach = end.min(trigger.end + PHRASE_REACH / 2);
            if let Some(with) = (trigger.end..reach)
                .take_while(|&i| !self.is_boundary_at(i))
                .find(|&i| self.is(i, "with"))
            {
                objects = self.object(with + 1, end);
            }
        }
        for c in objects {
            let role = if frame == Frame::VisitVerb && c.is_place() {
                Role::Place
            } else {
                Role::Participant
            };
            push(arguments, role, c);
        }
    }

    /// "A invited B to visit C": inviter from the subject, invitee from the
    /// object, destination after it.
    fn invite_verb_roles(
        &self,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &mut Vec<Argument>,
    ) {
        let end = sentence.tokens.end;
        if !has(arguments, Role::Inviter) {
            for c in self.subject(trigger.start, sentence) {
                push(arguments, Role::Inviter, c);
            }
        }
        let after = if has(arguments, Role::Invitee) {
            last_end(arguments, Role::Invitee, &self.doc.tokens).unwrap_or(trigger.end)
        } else {
            let invitees = self.object(trigger.end, end);
            let after = invitees.last().map_or(trigger.end, |c| c.tokens.end);
            for c in invitees {
                push(arguments, Role::Invitee, c);
            }
            after
        };
        if !has(arguments, Role::Destination) {
            self.destination(after, end, arguments);
        }
    }

    /// "B was invited (to visit C) by A": invitee from the subject, inviter
    /// after "by", destination after the verb or after the inviter.
    fn invite_passive_roles(
        &self,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &mut Vec<Argument>,
    ) {
        let end = sentence.tokens.end;
        if !has(arguments, Role::Invitee) {
            for c in self.subject(trigger.start, sentence) {
                push(arguments, Role::Invitee, c);
            }
        }
        // "invited (to visit Washington) by A"
        let reach = end.min(trigger.end + PHRASE_REACH);
        let by = (trigger.end..reach)
            .take_while(|&i| !self.is_boundary_at(i))
            .find(|&i| self.is(i, "by"));
        if let Some(by) = by
            && !has(arguments, Role::Inviter)
        {
            for c in self.object(by + 1, end) {
                push(arguments, Role::Inviter, c);
            }
        }
        if !has(arguments, Role::Destination) {
            let after = match by {
                Some(by) if by == trigger.end => self
                    .object(by + 1, end)
                    .last()
                    .map_or(by + 1, |c| c.tokens.end),
                _ => trigger.end,
            };
            self.destination(after, end, arguments);
        }
    }

    /// The subject of the verb at `verb`: the nearest party before it in
    /// its clause, with the parties coordinated with it. An apposition
    /// between subject and verb ("Stoltenberg, the NATO chief, met") is
    /// passed over.
    pub(super) fn subject(&self, verb: usize, sentence: &Sentence) -> Vec<&Candidate> {
        let floor = sentence
            .tokens
            .start
            .max(verb.saturating_sub(SUBJECT_REACH));
        // "A met B on Sunday and invited him": the verb shares the subject
        // of the clause it is coordinated with
        let mut before = verb;
        while before > sentence.tokens.start
            && (self.is_a(before - 1, class::FUTURE)
                || matches!(self.key_bytes(before - 1), b"also" | b"then" | b"later"))
        {
            before -= 1;
        }
        // ("met Lula in Nairobi and invited him": a place after a
        // preposition ends the first clause, it does not open a subject)
        let governed_place = |c: &Candidate| {
            c.is_place()
                && c.tokens.start > sentence.tokens.start
                && matches!(
                    self.key(c.tokens.start - 1),
                    "in" | "at" | "to" | "from" | "near"
                )
        };
        if before > sentence.tokens.start + 1
            && matches!(self.key_bytes(before - 1), b"and" | b"but")
            && self
                .candidates
                .at(before - 2)
                .is_none_or(|c| !c.is_agent() || governed_place(c))
        {
            return self.clause_subject(before - 1, sentence);
        }
        // "Parents who met Mr Blair": the relative pronoun stands for the
        // head before it
        if before > sentence.tokens.start + 1
            && matches!(self.key_bytes(before - 1), b"who" | b"which")
        {
            let mut head = before - 1;
            if head > sentence.tokens.start && self.is(head - 1, ",") {
                head -= 1;
            }
            if let Some(c) = head
                .checked_sub(1)
                .and_then(|h| self.candidates.at(h))
                .filter(|c| c.is_agent() || c.kind == ArgKind::Unknown)
            {
                return self.coordinated_left(c, sentence);
            }
        }
        // "Negroponte will travel to Colombia to meet officials": an
        // infinitive's subject is its clause's
        if before > sentence.tokens.start && self.is(before - 1, "to") {
            return self.clause_subject(before - 1, sentence);
        }
        let mut i = verb;
        while i > floor {
            i -= 1;
            if self.is_boundary_at(i) {
                break;
            }
            let Some(c) = self.candidates.at(i) else {
                continue;
            };
            if c.kind == ArgKind::Unknown {
                let before_verb = self.doc.tokens[verb].shape == crate::text::Shape::Lower
                    && !matches!(self.key_bytes(verb), b"at" | b"on" | b"upon" | b"in");
                // "Al-Sudani had been invited"
                let mut verb_start = verb;
                while verb_start > c.tokens.end && self.is_auxiliary(verb_start - 1) {
                    verb_start -= 1;
                }
                if c.tokens.end == verb_start && before_verb {
                    return self.coordinated_left(c, sentence);
                }
                i = c.tokens.start;
                continue;
            }
            if !c.is_agent() {
                i = c.tokens.start;
                continue;
            }
            // "X and Y met": an object of a preposition is not a subject
            // ("talks in Paris with Y" has no subject here).
            if c.tokens.start > sentence.tokens.start
                && matches!(
                    self.key(c.tokens.start - 1),
                    "in" | "at" | "to" | "from" | "of"
                )
                && c.is_place()
            {
                i = c.tokens.start;
                continue;
            }
            let c = self.before_apposition(c, verb, sentence);
            let c = self.relative_clause_head(c, sentence).unwrap_or(c);
            return self.coordinated_left(c, sentence);
        }
        Vec::new()
    }

    /// The tokens of the trigger's sentence near enough to hold its roles:
    /// bounded, so a page-long sentence with many triggers stays linear.
    fn near(&self, trigger: &Range<usize>, sentence: &Sentence) -> Range<usize> {
        sentence
            .tokens
            .start
            .max(trigger.start.saturating_sub(NEAR))
            ..sentence.tokens.end.min(trigger.end + NEAR)
    }

    /// A hyphen inside a word ("EU-Turkey", "two-day"), not a dash between
    /// phrases.
    fn is_hyphen(&self, index: usize) -> bool {
        let tokens = &self.doc.tokens;
        self.is(index, "-")
            && !tokens[index].space_before
            && tokens.get(index + 1).is_some_and(|t| !t.space_before)
    }

    /// "and" before a lowercase past form ("and invited", "and then
    /// signed"): a second verb coordinated with the clause before it.
    fn coordinated_verb_at(&self, index: usize) -> bool {
        if !self.is(index, "and") {
            return false;
        }
        let mut next = index + 1;
        while next < self.doc.tokens.len()
            && matches!(self.key_bytes(next), b"then" | b"later" | b"also")
        {
            next += 1;
        }
        self.doc.tokens.get(next).is_some_and(|token| {
            let word = &self.doc.text[token.span.range()];
            word.len() > 3 && word.ends_with("ed") && word.starts_with(|c: char| c.is_lowercase())
        })
    }

    /// Token `index` is an auxiliary or adverb between a subject and its
    /// verb.
    fn is_auxiliary(&self, index: usize) -> bool {
        self.is_a(
            index,
            class::BE | class::FUTURE | class::NEGATION | class::HYPOTHETICAL,
        ) || matches!(
            self.key_bytes(index),
            b"has" | b"have" | b"had" | b"also" | b"did" | b"does" | b"do"
        )
    }

    /// The subject of the clause that ends at `end`: its first party, not
    /// the object of a preposition.
    pub(super) fn clause_subject(&self, end: usize, sentence: &Sentence) -> Vec<&Candidate> {
        let floor = sentence.tokens.start.max(end.saturating_sub(NEAR));
        let mut start = end;
        while start > floor && !self.is_boundary_at(start - 1) {
            start -= 1;
        }
        let mut i = start;
        while i < end {
            let Some(c) = self.candidates.at(i) else {
                i += 1;
                continue;
            };
            let governed = c.tokens.start > sentence.tokens.start
                && matches!(
                    self.key(c.tokens.start - 1),
                    "in" | "at" | "to" | "from" | "of" | "on"
                );
            if (c.is_agent() || c.kind == ArgKind::Unknown) && !governed {
                return self.coordinated_right(c, end);
            }
            i = c.tokens.end.max(i + 1);
        }
        Vec::new()
    }

    /// "Parents who met Mr Blair were invited": a party found inside a
    /// relative clause is its object; the clause's head, before "who", is
    /// the subject.
    fn relative_clause_head<'c>(
        &'c self,
        found: &'c Candidate,
        sentence: &Sentence,
    ) -> Option<&'c Candidate> {
        let floor = sentence
            .tokens
            .start
            .max(found.tokens.start.saturating_sub(8));
        let mut i = found.tokens.start;
        while i > floor {
            i -= 1;
            let key = self.key(i);
            if matches!(key, "who" | "which" | "whom") {
                let mut head = i;
                if head > sentence.tokens.start && self.is(head - 1, ",") {
                    head -= 1;
                }
                let c = self.candidates.at(head.checked_sub(1)?)?;
                return (c.is_agent() || c.kind == ArgKind::Unknown).then_some(c);
            }
            if self.candidates.at(i).is_some_and(|c| c.is_agent()) || self.is_boundary_at(i) {
                return None;
            }
        }
        None
    }

    /// "Stoltenberg, the NATO chief, met": the apposition is closed by a
    /// comma right before the verb; the subject is the name before it.
    pub(super) fn before_apposition<'c>(
        &'c self,
        found: &'c Candidate,
        verb: usize,
        sentence: &Sentence,
    ) -> &'c Candidate {
        let closes = (found.tokens.end..verb).any(|i| self.is(i, ","));
        if !closes {
            return found;
        }
        let mut i = found.tokens.start;
        let floor = sentence.tokens.start.max(i.saturating_sub(6));
        while i > floor {
            i -= 1;
            if self.is(i, ",") {
                if let Some(prev) = i.checked_sub(1).and_then(|p| self.candidates.at(p))
                    && prev.is_agent()
                    && prev.kind != ArgKind::Nominal
                {
                    return prev;
                }
                break;
            }
        }
        found
    }

    /// `first` and the parties joined to it by "and" on its left ("A, B and
    /// C met") in text order.
    pub(super) fn coordinated_left<'c>(
        &'c self,
        first: &'c Candidate,
        sentence: &Sentence,
    ) -> Vec<&'c Candidate> {
        let mut out = vec![first];
        let mut start = self.modifiers_start(first.tokens.start, sentence);
        let mut saw_and = false;
        loop {
            if start <= sentence.tokens.start + 1 {
                break;
            }
            let joiner = self.key(start - 1);
            let is_and = joiner == "and" || joiner == "&";
            if !(is_and || (joiner == "," && saw_and)) {
                break;
            }
            let Some(prev) = self.agent_ending_at(start - 1, sentence) else {
                break;
            };
            saw_and |= is_and;
            out.push(prev);
            start = self.modifiers_start(prev.tokens.start, sentence);
        }
        out.reverse();
        out
    }

    /// The first token of the titles and demonyms right before `index`
    /// ("Spanish Prime Minister Pedro Sánchez").
    fn modifiers_start(&self, mut index: usize, sentence: &Sentence) -> usize {
        while index > sentence.tokens.start {
            match self.candidates.at(index - 1) {
                Some(c) if matches!(c.kind, ArgKind::Modifier { .. }) => index = c.tokens.start,
                _ => break,
            }
        }
        index
    }

    /// The party ending right before token `index`, past a title.
    fn agent_ending_at(&self, index: usize, sentence: &Sentence) -> Option<&Candidate> {
        let c = self.candidates.at(index.checked_sub(1)?)?;
        ((c.is_agent() || c.kind == ArgKind::Unknown) && c.tokens.start >= sentence.tokens.start)
            .then_some(c)
    }

    /// "the Trade and Industry Secretary X": capitalized words no stage
    /// recognized, joined by "and" or "of", that qualify a title; the
    /// title's position, where the person it stands before is found. The
    /// joining word is required: without it the capitalized words are as
    /// likely a name of their own ("told the Sunday Times Mr X").
    fn title_after_descriptor(&self, from: usize, limit: usize) -> Option<usize> {
        const LONGEST: usize = 5;
        let capitalized = |i: usize| {
            self.doc.tokens[i].shape.has_uppercase()
                && self
                    .candidates
                    .at(i)
                    .is_none_or(|c| c.kind == ArgKind::Unknown)
        };
        let (mut i, mut joined) = (from, false);
        while i < limit && i < from + LONGEST {
            if self
                .candidates
                .starting_at(i)
                .is_some_and(|c| c.kind == ArgKind::Modifier { title: true })
            {
                return joined.then_some(i);
            }
            let joins = i > from && matches!(self.key_bytes(i), b"and" | b"of" | b"&");
            if !(capitalized(i) || (joins && i + 1 < limit && capitalized(i + 1))) {
                return None;
            }
            joined |= joins;
            i += 1;
        }
        None
    }

    /// The object after a verb ending at `from`: the first party within a
    /// few tokens, past fillers ("with", "on Monday", titles), with the
    /// parties coordinated with it.
    pub(super) fn object(&self, from: usize, limit: usize) -> Vec<&Candidate> {
        let mut i = from;
        let mut fillers = 0;
        while i < limit && fillers <= OBJECT_REACH {
            if self.is(i, "the") && self.candidates.starting_at(i + 1).is_some() {
                i += 1;
                continue;
            }
            // "the Trade and Industry Secretary X", with or without "the"
            let descriptor = if self.is(i, "the") { i + 1 } else { i };
            if let Some(title) = self.title_after_descriptor(descriptor, limit) {
                i = title;
                continue;
            }
            if let Some(c) = self.candidates.at(i)
                && c.kind == ArgKind::Unknown
            {
                return if i == from {
                    self.coordinated_right(self.titled_person(c, limit), limit)
                } else {
                    Vec::new()
                };
            }
            if let Some(c) = self.candidates.at(i) {
                match c.kind {
                    ArgKind::Date => {
                        i = c.tokens.end;
                        fillers += 1;
                        continue;
                    }
                    _ => match self.skip_modifiers(c.tokens.start, limit) {
                        Some(c) if c.is_agent() => {
                            return self.coordinated_right(self.titled_person(c, limit), limit);
                        }
                        _ => return Vec::new(),
                    },
                }
            }
            let n = self.phrase_at(&self.lexicon.object_fillers, i, limit);
            if n == 0 {
                break;
            }
            i += n;
            fillers += 1;
        }
        Vec::new()
    }

    /// "Republican presidential nominee John McCain": a description with no
    /// cluster right before a named person stands for the person.
    fn titled_person<'c>(&'c self, found: &'c Candidate, limit: usize) -> &'c Candidate {
        if found.cluster.is_some() {
            return found;
        }
        let mut i = found.tokens.end;
        while i < limit && i < found.tokens.end + 4 {
            if let Some(c) = self.candidates.starting_at(i) {
                if c.kind == ArgKind::Named(EntityKind::Person) {
                    return c;
                }
                if !matches!(c.kind, ArgKind::Modifier { .. } | ArgKind::Unknown) {
                    break;
                }
                i = c.tokens.end;
                continue;
            }
            let token = &self.doc.tokens[i];
            if token.kind != crate::text::TokenKind::Word
                || token.shape != crate::text::Shape::Lower
                || self.is_a(i, class::NOT_MODIFIER)
            {
                break;
            }
            i += 1;
        }
        found
    }

    /// `first` and the parties joined to it on its right ("B and C", "B,
    /// C and D", "B along with C").
    pub(super) fn coordinated_right<'c>(
        &'c self,
        first: &'c Candidate,
        limit: usize,
    ) -> Vec<&'c Candidate> {
        let mut out = vec![first];
        let mut end = first.tokens.end;
        loop {
            let n = self.phrase_at(&self.lexicon.coordinators, end, limit);
            if n == 0 {
                break;
            }
            let comma = n == 1 && self.is(end, ",");
            let mut next = end + n;
            if comma && next < limit && self.lexicon.coordinators.contains(self.key(next)) {
                next += self
                    .phrase_at(&self.lexicon.coordinators, next, limit)
                    .max(1);
            }
            let Some(c) = self.skip_modifiers(next, limit) else {
                break;
            };
            // A comma that opens an apposition ("Macron, the French
            // president,") joins nothing.
            let unknown_list = c.kind == ArgKind::Unknown && first.kind == ArgKind::Unknown;
            if !(c.is_agent() || unknown_list) || (comma && c.kind == ArgKind::Nominal) {
                break;
            }
            out.push(c);
            end = c.tokens.end;
        }
        out
    }

    /// Parties of a meeting noun: "between A and B", "with B", "of A"
    /// after it; a possessive or name before it ("A's visit", "EU-Turkey
    /// talks"); the subject of a light verb governing it ("A held talks").
    fn noun_parties(&self, trigger: &Range<usize>, sentence: &Sentence) -> Vec<&Candidate> {
        let mut out = self.parties_after_noun(trigger, sentence);
        self.parties_before_noun(trigger, sentence, &mut out);
        if out.iter().all(|c| c.tokens.start > trigger.start) {
            out.extend(self.party_before_phrase(trigger, sentence));
        }
        if out.iter().all(|c| c.tokens.start > trigger.start) {
            out.extend(self.light_verb_subject(trigger, sentence));
        }
        out.sort_by_key(|c| c.tokens.start);
        out.dedup_by_key(|c| c.tokens.start);
        out
    }

    /// The parties in a phrase after a meeting noun: "a meeting of the
    /// Security Council", "talks with X", "talks of A with B".
    fn parties_after_noun(&self, trigger: &Range<usize>, sentence: &Sentence) -> Vec<&Candidate> {
        let mut out: Vec<&Candidate> = Vec::new();
        let end = sentence.tokens.end;
        let i = trigger.end;
        if i < end
            && matches!(
                self.key_bytes(i),
                b"between" | b"with" | b"of" | b"from" | b"among"
            )
        {
            // "a visit from the ministry to Washington": the place is for
            // `places`
            out.extend(self.object(i + 1, end));
        }
        // "with B" after the first party: "talks of A with B"
        if let Some(last) = out.last()
            && last.tokens.end + 1 < end
            && self.is(last.tokens.end, "with")
        {
            out.extend(self.object(last.tokens.end + 1, end));
        }
        out
    }

    /// The parties right before a meeting noun: "Sudani's visit",
    /// "EU-Turkey talks", "the NATO summit" (a body naming a meeting takes
    /// part in it), or the subject of a light verb met first.
    fn parties_before_noun<'s>(
        &'s self,
        trigger: &Range<usize>,
        sentence: &Sentence,
        out: &mut Vec<&'s Candidate>,
    ) {
        let mut j = trigger.start;
        let floor = sentence.tokens.start.max(trigger.start.saturating_sub(4));
        while j > floor {
            j -= 1;
            let key = self.key(j);
            if key == "'s" || key == "'" || self.is_hyphen(j) {
                continue;
            }
            if let Some(c) = self.candidates.at(j) {
                if c.is_agent() && c.kind != ArgKind::Nominal {
                    out.push(c);
                    j = c.tokens.start;
                    continue;
                }
                if matches!(c.kind, ArgKind::Modifier { .. }) || c.kind == ArgKind::Date {
                    j = c.tokens.start;
                    continue;
                }
                break;
            }
            if self.is_a(j, class::DETERMINER) {
                break;
            }
            if self.is_a(j, class::LIGHT_VERB) {
                out.extend(self.subject(j, sentence));
                break;
            }
        }
    }

    /// "Delegates to the climate conference", "Officials at the summit":
    /// the party before the phrase the meeting noun sits in.
    fn party_before_phrase(
        &self,
        trigger: &Range<usize>,
        sentence: &Sentence,
    ) -> Option<&Candidate> {
        let floor = sentence.tokens.start.max(trigger.start.saturating_sub(8));
        let mut j = trigger.start;
        while j > floor {
            j -= 1;
            let key = self.key(j);
            if matches!(key, "at" | "to" | "for") {
                // a place there is where someone went ("arrives in Jakarta
                // for a summit"), not who met
                return self.candidates.at(j.saturating_sub(1)).filter(|c| {
                    j > sentence.tokens.start && c.is_agent() && !c.is_place() && c.tokens.end == j
                });
            }
            let token = &self.doc.tokens[j];
            let inside_phrase = self.candidates.at(j).is_some_and(|c| !c.is_agent())
                || self.is_a(j, class::DETERMINER)
                || self.is_hyphen(j)
                || token.kind == crate::text::TokenKind::Number
                || (token.kind == crate::text::TokenKind::Word
                    && !self.is_a(j, class::NOT_MODIFIER));
            if !inside_phrase {
                break;
            }
        }
        None
    }

    /// "held talks", "a meeting": the subject of a light verb governing
    /// the noun from further left.
    fn light_verb_subject(&self, trigger: &Range<usize>, sentence: &Sentence) -> Vec<&Candidate> {
        let floor = sentence.tokens.start.max(trigger.start.saturating_sub(5));
        let mut j = trigger.start;
        while j > floor {
            j -= 1;
            if self.is_a(j, class::LIGHT_VERB) {
                return self.subject(j, sentence);
            }
            if self.candidates.at(j).is_some_and(|c| c.is_agent()) {
                break;
            }
        }
        Vec::new()
    }

    /// Roles of an invitation noun: parties in the phrase after it, a
    /// possessive before it, and the subject of the verb governing it.
    fn invitation_noun(
        &self,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &mut Vec<Argument>,
    ) {
        let end = sentence.tokens.end;
        let start = trigger.start;
        // "at the invitation of A": A invites the clause's subject
        let at_the = start >= sentence.tokens.start + 2
            && self.is(start - 1, "the")
            && matches!(self.key_bytes(start - 2), b"at" | b"upon" | b"on");
        let (i, mut inviter_after) = self.invitation_phrase(trigger, end, arguments);
        if !has(arguments, Role::Destination) {
            self.destination(i, end, arguments);
        }
        // "the invitation to Biden … came from Duda"
        if !has(arguments, Role::Inviter) && !at_the {
            let reach = end.min(trigger.end + PHRASE_REACH);
            if let Some(from) = (i..reach)
                .take_while(|&j| !self.is_boundary_at(j))
                .find(|&j| matches!(self.key_bytes(j), b"from" | b"by"))
            {
                let inviters = self.object(from + 1, end);
                inviter_after |= !inviters.is_empty();
                for c in inviters {
                    push(arguments, Role::Inviter, c);
                }
            }
        }
        // before the noun: possessive inviter ("Sudani's invitation")
        if !has(arguments, Role::Inviter) && start > sentence.tokens.start + 1 {
            let key = self.key(start - 1);
            if (key == "'s" || key == "'")
                && let Some(c) = self.candidates.at(start - 2).filter(|c| c.is_agent())
            {
                push(arguments, Role::Inviter, c);
                inviter_after = true;
            }
        }
        let verb = self.governing_light_verb(start, sentence);
        if at_the && !has(arguments, Role::Destination) {
            self.arrival_destination(start, sentence, arguments);
        }
        self.invitation_subject(at_the, verb, inviter_after, trigger, sentence, arguments);
    }

    /// The phrase right after an invitation noun: "an invitation from A
    /// (on Wednesday) to B". Fills the inviter and invitee found there and
    /// returns where the phrase ends and whether an inviter was named.
    fn invitation_phrase(
        &self,
        trigger: &Range<usize>,
        end: usize,
        arguments: &mut Vec<Argument>,
    ) -> (usize, bool) {
        let mut i = trigger.end;
        let mut inviter_after = false;
        if i < end && matches!(self.key_bytes(i), b"of" | b"from" | b"by") {
            let inviters = self.object(i + 1, end);
            if !inviters.is_empty() {
                inviter_after = true;
                i = inviters.last().map_or(i, |c| c.tokens.end);
                if !has(arguments, Role::Inviter) {
                    for c in inviters {
                        push(arguments, Role::Inviter, c);
                    }
                }
            }
        }
        // "an invitation (on Wednesday) to B to visit C"
        let to = self.skip_fillers(i, end);
        if to < end && self.is(to, "to") {
            let invitees: Vec<&Candidate> = self
                .object(to + 1, end)
                .into_iter()
                .filter(|c| !c.is_place())
                .collect();
            if let Some(last) = invitees.last() {
                i = last.tokens.end;
                if !has(arguments, Role::Invitee) {
                    for c in &invitees {
                        push(arguments, Role::Invitee, c);
                    }
                }
            }
        }
        (i, inviter_after)
    }

    /// The light verb governing a noun at `start` ("A extended an
    /// invitation"), looking left past everything but a named party.
    fn governing_light_verb(&self, start: usize, sentence: &Sentence) -> Option<usize> {
        let floor = sentence.tokens.start.max(start.saturating_sub(5));
        let mut j = start;
        while j > floor {
            j -= 1;
            if self.is_a(j, class::LIGHT_VERB) {
                return Some(j);
            }
            if self
                .candidates
                .at(j)
                .is_some_and(|c| c.is_agent() && c.kind != ArgKind::Nominal)
            {
                break;
            }
        }
        None
    }

    /// "Putin arrived in Beijing at the invitation of Xi": the last place
    /// gone to before "at the invitation" (at `start`) is the destination.
    fn arrival_destination(
        &self,
        start: usize,
        sentence: &Sentence,
        arguments: &mut Vec<Argument>,
    ) {
        let mut found = None;
        for i in sentence.tokens.start.max(start.saturating_sub(NEAR))..start - 2 {
            let key = self.key(i);
            if (matches!(key, "in" | "to") || self.lexicon.visit_words.contains(key))
                && let Some(c) = self.skip_modifiers(i + 1, start).filter(|c| c.is_place())
            {
                found = Some(c);
            }
        }
        if let Some(c) = found {
            push(arguments, Role::Destination, c);
        }
    }

    /// The clause's subject takes the role the verb governing an invitation
    /// noun gives it: "A extended an invitation" (A invites), "B accepted an
    /// invitation" (B is invited), "B came at the invitation of A" (B is
    /// invited), and likewise when the inviter was already named.
    fn invitation_subject(
        &self,
        at_the: bool,
        verb: Option<usize>,
        inviter_after: bool,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &mut Vec<Argument>,
    ) {
        let start = trigger.start;
        let subject_invited = at_the
            || verb.is_some_and(|v| self.lexicon.receiving_verbs.contains(self.key(v)))
            || (verb.is_none() && inviter_after);
        let subject_at = if at_the {
            start - 2
        } else {
            verb.unwrap_or(start)
        };
        let subject = if at_the {
            self.clause_subject(subject_at, sentence)
        } else {
            self.subject(subject_at, sentence)
        };
        let role = if subject_invited {
            Role::Invitee
        } else {
            Role::Inviter
        };
        if !has(arguments, role) && (verb.is_some() || at_the || inviter_after) {
            for c in subject {
                push(arguments, role, c);
            }
        }
    }

    /// The destination after an invitee: "to (visit|attend|join)? X" where
    /// X is a place, a body or an event ("to a meeting in Cairo"); "for a
    /// visit". "Invited to discuss …" has none.
    fn destination(&self, from: usize, limit: usize, arguments: &mut Vec<Argument>) {
        let mut i = from;
        let reach = (from + PHRASE_REACH).min(limit);
        while i < reach {
            let key = self.key(i);
            if key == "to" || key == "for" {
                let mut j = i + 1;
                let verb = self.phrase_at(&self.lexicon.destination_verbs, j, limit);
                j += verb;
                if key == "to" && verb == 0 && j < limit && self.is_bare_verb(j) {
                    return;
                }
                if let Some(c) = self.skip_modifiers(j, limit) {
                    if c.is_agent() || c.is_place() {
                        for c in self.coordinated_right(c, limit) {
                            push(arguments, Role::Destination, c);
                        }
                        return;
                    }
                    if c.kind == ArgKind::Date {
                        // "to Friday's commemoration": the event noun
                        j = c.tokens.end;
                        if j < limit && self.is(j, "'s") {
                            j += 1;
                        }
                    }
                }
                if let Some(span) = self.event_phrase(j, limit) {
                    arguments.push(Argument {
                        role: Role::Destination,
                        span,
                        entity: None,
                    });
                }
                return;
            }
            if self.is_boundary_at(i) || key == "." {
                return;
            }
            i += 1;
        }
    }

    /// A lowercase word after "to" that is not a determiner: the verb of
    /// "invited to discuss".
    fn is_bare_verb(&self, index: usize) -> bool {
        let token = &self.doc.tokens[index];
        token.kind == crate::text::TokenKind::Word
            && token.shape == crate::text::Shape::Lower
            && !self.is_a(index, class::DETERMINER)
            && self.candidates.at(index).is_none()
    }

    /// "a meeting", "the luncheon", "private briefings": a determiner or
    /// lowercase modifiers and a lowercase head, up to four words.
    fn event_phrase(&self, from: usize, limit: usize) -> Option<Span> {
        let mut i = from;
        let mut last = None;
        while i < limit && i < from + 5 {
            let token = &self.doc.tokens[i];
            let key = self.key(i);
            let wordy = token.kind == crate::text::TokenKind::Word
                && !matches!(
                    key,
                    "in" | "on"
                        | "at"
                        | "with"
                        | "to"
                        | "for"
                        | "from"
                        | "of"
                        | "by"
                        | "and"
                        | "or"
                        | "as"
                        | "than"
                )
                && !self.is_boundary_at(i)
                && (self.is_a(i, class::DETERMINER) || token.shape == crate::text::Shape::Lower);
            if !wordy || (i > from && self.is_a(i, class::DETERMINER)) {
                break;
            }
            if !self.is_a(i, class::DETERMINER) {
                last = Some(i);
            }
            i += 1;
        }
        let last = last?;
        Some(Span::new(
            self.doc.tokens[from].span.start,
            self.doc.tokens[last].span.end,
        ))
    }

    /// Places of a meeting: "in|at PLACE" (and a place coordinated with it:
    /// "in Medellin, Colombia") in the trigger's sentence, nearest to the
    /// trigger; or "to PLACE" after a visit.
    fn places(
        &self,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &[Argument],
    ) -> Vec<&Candidate> {
        let taken = |c: &Candidate| arguments.iter().any(|a| a.span == c.span);
        let mut best: Option<(usize, &Candidate)> = None;
        let mut window = self.near(trigger, sentence);
        // "hosted Lula on Monday and invited him to Mombasa": a second
        // verb in the past ends the trigger's clause, and its places
        window.end = (trigger.end..window.end)
            .find(|&i| self.coordinated_verb_at(i))
            .unwrap_or(window.end);
        for i in window {
            let key = self.key_bytes(i);
            // "welcomed X to Kyiv", "a visit to Washington"
            if !(matches!(key, b"in" | b"at") || (key == b"to" && i >= trigger.end)) {
                continue;
            }
            let Some(c) = self.skip_modifiers(i + 1, sentence.tokens.end) else {
                continue;
            };
            if !c.is_place() || taken(c) {
                continue;
            }
            let distance = if i >= trigger.end {
                i - trigger.end
            } else {
                trigger.start - i + 4
            };
            if distance > PHRASE_REACH {
                continue;
            }
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, c));
            }
        }
        let Some((_, first)) = best else {
            return Vec::new();
        };
        let mut out = vec![first];
        // "in Medellin, Colombia"
        let end = first.tokens.end;
        if end + 1 < sentence.tokens.end
            && self.is(end, ",")
            && let Some(next) = self.candidates.starting_at(end + 1)
            && next.is_place()
        {
            out.push(next);
        }
        out
    }

    /// Occasions in the trigger's sentence: a body after "on the sidelines
    /// of", "during", "session of" …, or a body whose name ends in an event
    /// word ("the G20 Summit", "the General Assembly") after "at" or "in".
    /// An event word right after the body belongs to the occasion ("the
    /// NATO summit"); after a cue, an unknown name or an event phrase ("the
    /// Munich Security Conference", "the annual forum") is one too.
    fn occasions(
        &self,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &[Argument],
    ) -> Vec<Argument> {
        let mut out: Vec<Argument> = Vec::new();
        // taken by another role, or the event's own trigger ("During the
        // meeting, …": an event is not its own occasion)
        let own = Span::new(
            self.doc.tokens[trigger.start].span.start,
            self.doc.tokens[trigger.end - 1].span.end,
        );
        let taken =
            |span: Span| span.overlaps(own) || arguments.iter().any(|a| a.span.overlaps(span));
        let near = self.near(trigger, sentence);
        let end = near.end;
        let heads = &self.lexicon.occasion_heads;
        let mut i = near.start;
        while i < end {
            let n = self.phrase_at(&self.lexicon.occasion_cues, i, end);
            let at = n == 0 && matches!(self.key_bytes(i), b"at" | b"in");
            if n == 0 && !at {
                i += 1;
                continue;
            }
            let j = i + n.max(1);
            i += n.max(1);
            if n > 0
                && let Some(span) = self.capitalized_occasion(j, end)
                && !out.iter().any(|o| o.span.overlaps(span))
                && !taken(span)
            {
                let cluster = self
                    .candidates
                    .at(self.token_at(span.start))
                    .filter(|c| c.span == span)
                    .and_then(|c| c.cluster.clone());
                out.push(Argument {
                    role: Role::Occasion,
                    span,
                    entity: cluster,
                });
                continue;
            }
            let Some(c) = self.skip_modifiers(j, end) else {
                if n > 0
                    && let Some(span) = self.event_phrase(j, end)
                    && heads.contains(
                        &self.doc.text[span]
                            .rsplit(' ')
                            .next()
                            .unwrap_or("")
                            .to_lowercase(),
                    )
                    && !taken(span)
                {
                    out.push(Argument {
                        role: Role::Occasion,
                        span,
                        entity: None,
                    });
                }
                continue;
            };
            let followed_by_head = c.tokens.end < end && heads.contains(self.key(c.tokens.end));
            let acceptable = match c.kind {
                ArgKind::Named(EntityKind::Org) => {
                    n > 0 || followed_by_head || heads.contains(self.key(c.tokens.end - 1))
                }
                ArgKind::Unknown => n > 0 || heads.contains(self.key(c.tokens.end - 1)),
                _ => false,
            };
            if !acceptable || taken(c.span) {
                continue;
            }
            let span = if followed_by_head {
                Span::new(c.span.start, self.doc.tokens[c.tokens.end].span.end)
            } else {
                c.span
            };
            if !out.iter().any(|o| o.span.overlaps(span)) {
                out.push(Argument {
                    role: Role::Occasion,
                    span,
                    entity: c.cluster.clone(),
                });
            }
        }
        out
    }

    /// "the Munich Security Conference", "the G20 summit": capitalized
    /// words (or numbers) from `from`, past "the", ending in an event
    /// word.
    fn capitalized_occasion(&self, from: usize, limit: usize) -> Option<Span> {
        let mut i = from;
        if i < limit && self.is(i, "the") {
            i += 1;
        }
        let start = i;
        let mut last = None;
        let mut named = false;
        while i < limit {
            let token = &self.doc.tokens[i];
            let cased = token.shape.has_uppercase();
            let head = self.lexicon.occasion_heads.contains(self.key(i));
            if !(cased || token.kind == crate::text::TokenKind::Number || (head && i > start)) {
                break;
            }
            if head && named {
                last = Some(i);
            }
            named |= cased && !head;
            i += 1;
        }
        let last = last?;
        (last > start).then(|| {
            Span::new(
                self.doc.tokens[start].span.start,
                self.doc.tokens[last].span.end,
            )
        })
    }

    fn token_at(&self, byte: usize) -> usize {
        self.doc
            .tokens
            .as_slice()
            .partition_point(|t| t.span.end <= byte)
    }

    /// The event's date: a date in its sentence (outside the dateline),
    /// nearest to the trigger.
    fn date(&self, trigger: &Range<usize>, sentence: &Sentence) -> Option<jiff::civil::Date> {
        let dateline_end = sentence.dateline.map_or(0, |d| d.span.end);
        let mut best: Option<(usize, &Candidate)> = None;
        let near = self.near(trigger, sentence);
        let mut i = near.start;
        while i < near.end {
            let Some(c) = self.candidates.at(i) else {
                i += 1;
                continue;
            };
            i = c.tokens.end.max(i + 1);
            // a year or a month ("this year") does not date an event
            let day = c.value.is_some_and(|v| v.day().is_some());
            if c.kind != ArgKind::Date || !day || c.span.start < dateline_end {
                continue;
            }
            let distance = if c.tokens.start >= trigger.end {
                c.tokens.start - trigger.end
            } else {
                trigger.start - c.tokens.end
            };
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, c));
            }
        }
        best.and_then(|(_, c)| c.value?.day())
    }

    /// The modality, from cues between the clause start and the trigger:
    /// negation first ("did not meet", "refused to meet", "cancelled the
    /// talks"), then the hypothetical ("if they meet", "could meet"), then
    /// the future ("will meet", "is expected to meet").
    pub(super) fn modality(
        &self,
        trigger: &Range<usize>,
        sentence: &Sentence,
        frame: Frame,
    ) -> Modality {
        let floor = sentence.tokens.start.max(trigger.start.saturating_sub(7));
        let mut window = Vec::new();
        let mut i = trigger.start;
        while i > floor {
            i -= 1;
            let key = self.key_bytes(i);
            // a comma closes the window: "…will stay open, said X" does not
            // make the saying future
            if (self.is_boundary_at(i) || key == b",")
                && !matches!(key, b"if" | b"unless" | b"whether")
            {
                break;
            }
            if let Some(c) = self.candidates.at(i)
                && c.is_agent()
                && c.kind != ArgKind::Nominal
                && !matches!(key, b"his" | b"her" | b"their" | b"its" | b"our")
            {
                // the subject closes the window; a condition may open its
                // clause ("if they meet")
                let mut start = c.tokens.start;
                while start > sentence.tokens.start
                    && (self.candidates.at(start - 1).is_some()
                        || matches!(self.key_bytes(start - 1), b"and" | b"," | b"&"))
                {
                    start -= 1;
                }
                if start > sentence.tokens.start
                    && matches!(self.key_bytes(start - 1), b"if" | b"unless" | b"whether")
                {
                    window.push(start - 1);
                }
                break;
            }
            window.push(i);
            if matches!(key, b"if" | b"unless" | b"whether") {
                break;
            }
        }
        // The window's words, nearest the trigger first.
        let follows = |n: usize, word: &str| n > 0 && self.is(window[n - 1], word);
        let nominal = matches!(frame, Frame::MeetNoun | Frame::InviteNoun);
        let negated = (0..window.len()).any(|n| {
            let i = window[n];
            if self.is_a(i, class::NEGATION) {
                // "no meeting", "not" before the verb; "not only" is no negation
                return !follows(n, "only");
            }
            if self.is_a(i, class::NEGATING_VERB) {
                // "refused to meet"
                return follows(n, "to");
            }
            if self.is_a(i, class::CANCELLING_VERB) {
                // "cancelled the meeting", "called off talks"
                return nominal || follows(n, "to");
            }
            false
        });
        if negated {
            return Modality::Negated;
        }
        // (a window word is before the trigger: `phrase_at` finds a
        // one-word entry too)
        let phrase = |list: &WordSet| {
            window
                .iter()
                .any(|&i| self.phrase_at(list, i, trigger.start) > 0)
        };
        if phrase(&self.lexicon.hypothetical) {
            return Modality::Hypothetical;
        }
        // "is to meet": a form of be right before "to"
        let be_to =
            window.len() >= 2 && self.is(window[0], "to") && self.is_a(window[1], class::BE);
        if phrase(&self.lexicon.future) || be_to {
            return Modality::Future;
        }
        Modality::Asserted
    }
}

/// "Egypt invited Hamas and Fatah to a meeting in Cairo": a meeting that
/// is an invitation's destination is between the inviter and the invited,
/// when its own sentence names no participant.
fn invited_to_meet(events: &mut [Event]) {
    // The invitations of each sentence, in event order, so a meeting looks
    // only at its own sentence's (a scan of every event per meeting was
    // quadratic in a long document).
    let mut invitations: HashMap<Span, Vec<usize>> = HashMap::new();
    for (index, event) in events.iter().enumerate() {
        if event.kind == EventKind::Invitation {
            invitations.entry(event.sentence).or_default().push(index);
        }
    }
    for m in 0..events.len() {
        if events[m].kind != EventKind::Meeting
            || events[m]
                .arguments
                .iter()
                .any(|a| a.role == Role::Participant)
        {
            continue;
        }
        let meeting = events[m].trigger;
        let same_sentence = invitations.get(&events[m].sentence);
        let parties: Vec<Argument> = same_sentence
            .into_iter()
            .flatten()
            .map(|&i| &events[i])
            .filter(|e| {
                e.arguments
                    .iter()
                    .any(|a| a.role == Role::Destination && a.span.overlaps(meeting))
            })
            .flat_map(|e| e.arguments.iter())
            .filter(|a| matches!(a.role, Role::Inviter | Role::Invitee))
            .map(|a| Argument {
                role: Role::Participant,
                ..a.clone()
            })
            .collect();
        events[m].arguments.extend(parties);
    }
}

/// "Ruto cancelled his meeting with Tinubu": "his" and "Ruto" are one
/// party; the longest mention (the name) stays, in its place.
fn one_argument_per_party(arguments: &mut Vec<Argument>) {
    let outdone = |i: usize| {
        let a = &arguments[i];
        let Some(cluster) = &a.entity else {
            return false;
        };
        arguments.iter().enumerate().any(|(j, b)| {
            j != i
                && b.role == a.role
                && b.entity.as_ref() == Some(cluster)
                && (b.span.len(), std::cmp::Reverse(j)) > (a.span.len(), std::cmp::Reverse(i))
        })
    };
    // Most events have no party twice: no list of verdicts is made for them.
    if !(0..arguments.len()).any(outdone) {
        return;
    }
    let keep: Vec<bool> = (0..arguments.len()).map(|i| !outdone(i)).collect();
    let mut index = 0;
    arguments.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

/// Adds `candidate` as an argument of `role` unless it is there already.
pub(super) fn push(arguments: &mut Vec<Argument>, role: Role, candidate: &Candidate) {
    if arguments
        .iter()
        .any(|a| a.role == role && a.span == candidate.span)
    {
        return;
    }
    arguments.push(Argument {
        role,
        span: candidate.span,
        entity: candidate.cluster.clone(),
    });
}

/// The token after the last argument of `role`.
fn last_end(arguments: &[Argument], role: Role, tokens: &Tokens) -> Option<usize> {
    let span = arguments
        .iter()
        .filter(|a| a.role == role)
        .map(|a| a.span)
        .max_by_key(|s| s.end)?;
    Some(
        tokens
            .as_slice()
            .partition_point(|t| t.span.end <= span.end),
    )
}
