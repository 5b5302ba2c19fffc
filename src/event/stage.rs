//! The event stage: rule matches become events with attached arguments, a
//! modality, a date and a document-level id. The policy is written in the
//! [module docs](super).

use std::ops::Range;

use crate::document::{Argument, Entity, EntityKind, Event, EventKind, Modality, Reference, Role};
use crate::pattern::{Annotation, Produces, RuleMatch, RuleSet};
use crate::span::Span;
use crate::text::{Sentence, Tokens};

use super::args::{ArgKind, Candidate, Candidates, is_boundary, token_range};
use super::lexicon::{Lexicon, WordSet};
use super::merge;
use super::statement;

/// How far (in tokens) a subject may lie before its verb, and an object
/// or a role phrase after it.
const SUBJECT_REACH: usize = 14;
const OBJECT_REACH: usize = 4;
const PHRASE_REACH: usize = 16;

/// The compiled event stage. Its rules live in the extractor's one rule
/// set (they share word lists with the entity rules); the stage keeps the
/// lexicon its code reads. Built once; `Send + Sync`.
#[derive(Debug)]
pub struct EventStage {
    lexicon: Lexicon,
}

/// One document, tokenized and split, as every stage reads it.
#[derive(Clone, Copy)]
pub(crate) struct Parsed<'a> {
    pub text: &'a str,
    pub tokens: &'a Tokens,
    pub sentences: &'a [Sentence],
}

impl EventStage {
    /// Builds the stage from the rule set the extractor compiled; fails
    /// when a word list the code reads is missing.
    pub(crate) fn new(rules: &RuleSet) -> Result<EventStage, String> {
        Ok(EventStage {
            lexicon: Lexicon::from_rules(rules)?,
        })
    }

    /// Runs the event rules of `rules` over a document whose entities and
    /// references are known, and returns its events in text order.
    pub(crate) fn run(
        &self,
        doc: Parsed<'_>,
        rules: &RuleSet,
        entities: &[Entity],
        references: &[Reference],
    ) -> Vec<Event> {
        let candidates = Candidates::find(
            doc.text,
            doc.tokens,
            doc.sentences,
            entities,
            references,
            &self.lexicon,
        );
        let annotations: Vec<Annotation> = entities
            .iter()
            .map(|e| (e.span, e.kind))
            .chain(references.iter().map(|r| (r.span, r.kind)))
            .filter_map(|(span, kind)| {
                Some(Annotation {
                    tokens: token_range(doc.tokens, span)?,
                    kind,
                })
            })
            .collect();
        let found =
            rules.find_document_where(doc.text, doc.tokens, doc.sentences, &annotations, |p| {
                matches!(p, Produces::Event(_))
            });
        let attach = Attach {
            doc,
            candidates: &candidates,
            lexicon: &self.lexicon,
        };
        let mut events: Vec<Event> = found.iter().filter_map(|m| attach.event(m)).collect();
        events.sort_by_key(|e| (e.trigger.start, e.trigger.end));
        statement::continue_quotes(&mut events);
        events.dedup_by(|b, a| a.kind == b.kind && a.trigger.overlaps(b.trigger));
        merge::assign_ids(&mut events, doc, &self.lexicon);
        events
    }
}

/// Argument attachment for one document.
pub(super) struct Attach<'a> {
    pub(super) doc: Parsed<'a>,
    pub(super) candidates: &'a Candidates,
    pub(super) lexicon: &'a Lexicon,
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
    pub(super) fn key(&self, index: usize) -> &str {
        self.doc.tokens.key(index)
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
        let keys = |i: usize| (i < limit).then(|| self.key(i).to_owned());
        list.match_at(&keys, index)
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
            rule: found.rule.to_string(),
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
        self.key(trigger.end - 1) == "meeting"
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
        while index < limit {
            let c = self.candidates.starting_at(index)?;
            if c.kind == ArgKind::Modifier {
                index = c.tokens.end;
                continue;
            }
            if matches!(c.kind, ArgKind::Named(EntityKind::Org | EntityKind::Place))
                && self
                    .candidates
                    .starting_at(c.tokens.end)
                    .is_some_and(|next| next.kind == ArgKind::Modifier)
            {
                let mut j = c.tokens.end;
                while let Some(next) = self
                    .candidates
                    .starting_at(j)
                    .filter(|n| n.kind == ArgKind::Modifier)
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
            if self.lexicon.determiners.contains(key) || key == "'s" || key == "'" {
                return true;
            }
            if let Some(c) = self.candidates.at(i) {
                // "the EU-Turkey talks", "an EU foreign ministers' meeting"
                return c.is_agent() || c.kind == ArgKind::Modifier;
            }
            let token = &self.doc.tokens[i];
            let adjective = token.kind == crate::text::TokenKind::Word
                && !self.lexicon.not_modifiers.contains(key)
                && !self.lexicon.future.contains(key)
                && !self.lexicon.be_forms.contains(key)
                && !self.lexicon.negation.contains(key)
                && key != "to";
            if !(adjective || token.kind == crate::text::TokenKind::Number || key == "-") {
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
            let key = self.key(i);
            if self.lexicon.be_forms.contains(key) {
                return true;
            }
            if !(self.lexicon.negation.contains(key) || key == "also" || key == "formally") {
                break;
            }
        }
        trigger.end < sentence.tokens.end && self.key(trigger.end) == "by"
    }

    fn fill_roles(
        &self,
        kind: EventKind,
        frame: Frame,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &mut Vec<Argument>,
    ) {
        let has = |arguments: &Vec<Argument>, role: Role| arguments.iter().any(|a| a.role == role);
        let end = sentence.tokens.end;
        match frame {
            Frame::MeetVerb | Frame::VisitVerb => {
                if !has(arguments, Role::Participant) {
                    for c in self.subject(trigger.start, sentence) {
                        push(arguments, Role::Participant, c);
                    }
                    for c in self.object(trigger.end, end) {
                        let role = if frame == Frame::VisitVerb && c.is_place() {
                            Role::Place
                        } else {
                            Role::Participant
                        };
                        push(arguments, role, c);
                    }
                }
            }
            Frame::MeetNoun => {
                if !has(arguments, Role::Participant) {
                    for c in self.noun_parties(trigger, sentence) {
                        push(arguments, Role::Participant, c);
                    }
                }
            }
            Frame::InviteVerb => {
                if !has(arguments, Role::Inviter) {
                    for c in self.subject(trigger.start, sentence) {
                        push(arguments, Role::Inviter, c);
                    }
                }
                let after = if has(arguments, Role::Invitee) {
                    last_end(arguments, Role::Invitee, self.doc.tokens).unwrap_or(trigger.end)
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
            Frame::InvitePassive => {
                if !has(arguments, Role::Invitee) {
                    for c in self.subject(trigger.start, sentence) {
                        push(arguments, Role::Invitee, c);
                    }
                }
                let mut after = trigger.end;
                if after < end && self.key(after) == "by" {
                    let inviters = self.object(after + 1, end);
                    after = inviters.last().map_or(after + 1, |c| c.tokens.end);
                    if !has(arguments, Role::Inviter) {
                        for c in inviters {
                            push(arguments, Role::Inviter, c);
                        }
                    }
                }
                if !has(arguments, Role::Destination) {
                    self.destination(after, end, arguments);
                }
            }
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
                for c in self.occasions(sentence, arguments) {
                    push(arguments, Role::Occasion, c);
                }
            }
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
        let mut i = verb;
        while i > floor {
            i -= 1;
            let key = self.key(i);
            if is_boundary(self.lexicon, key) {
                break;
            }
            let Some(c) = self.candidates.at(i) else {
                continue;
            };
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
            return self.coordinated_left(c, sentence);
        }
        Vec::new()
    }

    /// "Stoltenberg, the NATO chief, met": the apposition is closed by a
    /// comma right before the verb; the subject is the name before it.
    pub(super) fn before_apposition<'c>(
        &'c self,
        found: &'c Candidate,
        verb: usize,
        sentence: &Sentence,
    ) -> &'c Candidate {
        let closes = (found.tokens.end..verb).any(|i| self.key(i) == ",");
        if !closes {
            return found;
        }
        let mut i = found.tokens.start;
        let floor = sentence.tokens.start.max(i.saturating_sub(6));
        while i > floor {
            i -= 1;
            if self.key(i) == "," {
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
        let mut start = first.tokens.start;
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
            start = prev.tokens.start;
        }
        out.reverse();
        out
    }

    /// The party ending right before token `index`, past a title.
    fn agent_ending_at(&self, index: usize, sentence: &Sentence) -> Option<&Candidate> {
        let c = self.candidates.at(index.checked_sub(1)?)?;
        (c.is_agent() && c.tokens.start >= sentence.tokens.start).then_some(c)
    }

    /// The object after a verb ending at `from`: the first party within a
    /// few tokens, past fillers ("with", "on Monday", titles), with the
    /// parties coordinated with it.
    pub(super) fn object(&self, from: usize, limit: usize) -> Vec<&Candidate> {
        let mut i = from;
        let mut fillers = 0;
        while i < limit && fillers <= OBJECT_REACH {
            if let Some(c) = self.candidates.at(i) {
                match c.kind {
                    ArgKind::Date => {
                        i = c.tokens.end;
                        fillers += 1;
                        continue;
                    }
                    _ => match self.skip_modifiers(c.tokens.start, limit) {
                        Some(c) if c.is_agent() => return self.coordinated_right(c, limit),
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
            let comma = self.key(end) == ",";
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
            if !c.is_agent() || (comma && c.kind == ArgKind::Nominal) {
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
        let mut out: Vec<&Candidate> = Vec::new();
        let end = sentence.tokens.end;
        let mut i = trigger.end;
        // "a meeting of the Security Council in Nairobi", "talks with X"
        if i < end {
            let key = self.key(i);
            if matches!(key, "between" | "with" | "of" | "from" | "among") {
                out.extend(self.object(i + 1, end));
                i = out.last().map_or(i, |c| c.tokens.end);
                if key == "from" || key == "of" {
                    // "a visit from the ministry to Washington" handled by places
                    let _ = i;
                }
            }
        }
        // "with B" after the first party: "talks of A with B"
        if let Some(last) = out.last()
            && last.tokens.end + 1 < end
            && self.key(last.tokens.end) == "with"
        {
            out.extend(self.object(last.tokens.end + 1, end));
        }
        // before the noun: "Sudani's visit", "EU-Turkey talks", "the
        // NATO summit" (a body naming a meeting takes part in it)
        let mut j = trigger.start;
        let floor = sentence.tokens.start.max(trigger.start.saturating_sub(4));
        while j > floor {
            j -= 1;
            let key = self.key(j);
            if key == "'s" || key == "'" || key == "-" {
                continue;
            }
            if let Some(c) = self.candidates.at(j) {
                if c.is_agent() && c.kind != ArgKind::Nominal {
                    out.push(c);
                    j = c.tokens.start;
                    continue;
                }
                if c.kind == ArgKind::Modifier || c.kind == ArgKind::Date {
                    j = c.tokens.start;
                    continue;
                }
                break;
            }
            if self.lexicon.determiners.contains(key) {
                break;
            }
            if self.lexicon.light_verbs.contains(key) {
                out.extend(self.subject(j, sentence));
                break;
            }
        }
        // "held talks", "a meeting", governed by a light verb further left
        if out.is_empty() {
            let floor = sentence.tokens.start.max(trigger.start.saturating_sub(5));
            let mut j = trigger.start;
            while j > floor {
                j -= 1;
                if self.lexicon.light_verbs.contains(self.key(j)) {
                    out.extend(self.subject(j, sentence));
                    break;
                }
                if self.candidates.at(j).is_some_and(|c| c.is_agent()) {
                    break;
                }
            }
        }
        out.sort_by_key(|c| c.tokens.start);
        out.dedup_by_key(|c| c.tokens.start);
        out
    }

    /// Roles of an invitation noun.
    fn invitation_noun(
        &self,
        trigger: &Range<usize>,
        sentence: &Sentence,
        arguments: &mut Vec<Argument>,
    ) {
        let end = sentence.tokens.end;
        let has = |arguments: &Vec<Argument>, role: Role| arguments.iter().any(|a| a.role == role);
        let start = trigger.start;
        // "at the invitation of A": A invites the clause's subject
        let at_the = start >= sentence.tokens.start + 2
            && self.key(start - 1) == "the"
            && matches!(self.key(start - 2), "at" | "upon" | "on");
        let mut i = trigger.end;
        let mut inviter_after = false;
        if i < end && matches!(self.key(i), "of" | "from" | "by") {
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
        if to < end && self.key(to) == "to" {
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
        if !has(arguments, Role::Destination) {
            self.destination(i, end, arguments);
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
        // the verb governing the noun: "A extended an invitation" (A
        // invites), "B accepted an invitation" (B is invited); "at the
        // invitation of A" (the clause's subject is invited)
        let floor = sentence.tokens.start.max(start.saturating_sub(5));
        let mut j = start;
        let mut verb = None;
        while j > floor {
            j -= 1;
            let key = self.key(j);
            if self.lexicon.light_verbs.contains(key) {
                verb = Some(j);
                break;
            }
            if self
                .candidates
                .at(j)
                .is_some_and(|c| c.is_agent() && c.kind != ArgKind::Nominal)
            {
                break;
            }
        }
        let subject_invited = at_the
            || verb.is_some_and(|v| self.lexicon.receiving_verbs.contains(self.key(v)))
            || (verb.is_none() && inviter_after);
        let subject_at = if at_the {
            start - 2
        } else {
            verb.unwrap_or(start)
        };
        let subject = self.subject(subject_at, sentence);
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
                        if j < limit && self.key(j) == "'s" {
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
            if is_boundary(self.lexicon, key) || key == "." {
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
            && !self.lexicon.determiners.contains(self.key(index))
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
                && !self.lexicon.not_modifiers.contains(key)
                && (self.lexicon.determiners.contains(key)
                    || token.shape == crate::text::Shape::Lower);
            if !wordy || (i > from && self.lexicon.determiners.contains(key)) {
                break;
            }
            if !self.lexicon.determiners.contains(key) {
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
        for i in sentence.tokens.clone() {
            let key = self.key(i);
            let visit = self.lexicon.visit_words.contains(self.key(trigger.end - 1));
            if !(matches!(key, "in" | "at") || (visit && key == "to" && i >= trigger.end)) {
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
            && self.key(end) == ","
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
    fn occasions(&self, sentence: &Sentence, arguments: &[Argument]) -> Vec<&Candidate> {
        let mut out: Vec<&Candidate> = Vec::new();
        let end = sentence.tokens.end;
        let mut i = sentence.tokens.start;
        while i < end {
            let n = self.phrase_at(&self.lexicon.occasion_cues, i, end);
            let at = n == 0 && matches!(self.key(i), "at" | "in");
            if n == 0 && !at {
                i += 1;
                continue;
            }
            let mut j = i + n.max(1);
            if j < end && self.key(j) == "the" {
                j += 1;
            }
            // "the 78th session of the United Nations General Assembly"
            if let Some(c) = self.skip_modifiers(j, end)
                && c.kind == ArgKind::Named(EntityKind::Org)
                && (n > 0
                    || self
                        .lexicon
                        .occasion_heads
                        .contains(self.key(c.tokens.end - 1)))
                && !arguments.iter().any(|a| a.span == c.span)
                && !out.iter().any(|o| o.span == c.span)
            {
                out.push(c);
            }
            i += n.max(1);
        }
        out
    }

    /// The event's date: a date in its sentence (outside the dateline),
    /// nearest to the trigger.
    fn date(&self, trigger: &Range<usize>, sentence: &Sentence) -> Option<String> {
        let dateline_end = sentence.dateline.map_or(0, |d| d.span.end);
        let mut best: Option<(usize, &Candidate)> = None;
        let mut i = sentence.tokens.start;
        while i < sentence.tokens.end {
            let Some(c) = self.candidates.at(i) else {
                i += 1;
                continue;
            };
            i = c.tokens.end.max(i + 1);
            if c.kind != ArgKind::Date || c.value.is_none() || c.span.start < dateline_end {
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
        best.and_then(|(_, c)| c.value.clone())
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
            let key = self.key(i);
            if is_boundary(self.lexicon, key) && !matches!(key, "if" | "unless" | "whether") {
                break;
            }
            if let Some(c) = self.candidates.at(i)
                && c.is_agent()
                && c.kind != ArgKind::Nominal
            {
                // the subject closes the window
                break;
            }
            window.push(i);
            if matches!(key, "if" | "unless" | "whether") {
                break;
            }
        }
        let keys: Vec<&str> = window.iter().map(|&i| self.key(i)).collect();
        let nominal = matches!(frame, Frame::MeetNoun | Frame::InviteNoun);
        let negated = keys.iter().enumerate().any(|(n, key)| {
            if self.lexicon.negation.contains(key) {
                // "no meeting", "not" before the verb; "not only" is no negation
                return !(n > 0 && keys[n - 1] == "only");
            }
            if self.lexicon.negating_verbs.contains(key) {
                // "refused to meet", "cancelled the meeting"
                return (n > 0 && keys[n - 1] == "to") || nominal;
            }
            false
        });
        if negated {
            return Modality::Negated;
        }
        let phrase = |list: &WordSet| {
            window
                .iter()
                .any(|&i| self.phrase_at(list, i, trigger.start) > 0 || list.contains(self.key(i)))
        };
        if phrase(&self.lexicon.hypothetical) {
            return Modality::Hypothetical;
        }
        // "is to meet": a form of be right before "to"
        let be_to = keys.len() >= 2 && keys[0] == "to" && self.lexicon.be_forms.contains(keys[1]);
        if phrase(&self.lexicon.future) || be_to {
            return Modality::Future;
        }
        Modality::Asserted
    }
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
