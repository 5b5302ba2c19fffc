//! Statement events: who said (or wrote) something, to whom, and what.
//!
//! Triggers come from `rules/statements.rules` (verbs of saying and
//! writing in every tense and voice, "according to", "expressed
//! gratitude", a statement noun with no verb near it, a headline or
//! transcript colon, a dash after a quotation, and the opening quote mark of
//! a paragraph that continues a quotation). This module attaches the roles.
//! The policy:
//!
//! 1. **Not a trigger**: a trigger word inside a name ("the Washington
//!    Post") is dropped; so is a passive without an agent ("is said",
//!    "was told"), which reports no one's act.
//! 2. **Speaker**, the first that applies:
//!    - a speaker the rule captured (the colon and dash shapes);
//!    - "according to X" (also "according to a statement from X"): X;
//!    - a passive with an agent: "B was told by A" — A speaks, B hears;
//!      also without its "be" ("the tariffs announced by A");
//!    - an inverted attribution after a quotation or a comma: "“…,” said
//!      X", "…, says X": the party right after the verb;
//!    - the subject: the nearest party before the verb in its clause,
//!      skipping objects of prepositions ("for Iraq") and possessors
//!      ("NATO's respect"), past an apposition ("X, the Y of Z, said") or a
//!      relative clause ("X, who …, said"), with coordinated parties ("A
//!      and B said"). A participle after a comma ("…, saying") takes the
//!      first party of its clause (the main clause's subject, not its
//!      object);
//!    - "“…,” he said, “…”": the quotation is passed over (quote marks end
//!      the clause), so the speaker is the pronoun, which coreference
//!      resolves.
//!
//!    **Spokespeople.** A noun phrase that speaks for someone ("a
//!    spokesman for X", "X's office", "a lawyer for X", "X's campaign") is
//!    the speaker argument with its whole span ("a spokesman for the
//!    ministry") and X's cluster, following the evaluation convention that
//!    nominal representatives are references in the cluster of the body
//!    they speak for. Other noun phrases ("officials", "two people familiar
//!    with the matter") are speakers with their own span and no cluster
//!    unless a body modifies them ("U.S. officials").
//!
//!    A statement with no speaker found is dropped.
//! 3. **Addressee**: the object of a verb of telling ("told X", "urged
//!    X", "told reporters"), and "to X" after the trigger ("expressed
//!    gratitude to X").
//! 4. **Content** (output only): for a passive with no clause after its
//!    agent, its subject ("new rules were announced by X"); else the
//!    quotation next to the attribution, else the clause after the verb
//!    ("said (that) …"), else the clause before an attribution at the end
//!    of the sentence ("…, X said.").
//! 5. **Continued quotations**: when a paragraph ends inside an open
//!    quotation and the next paragraph opens with a quote mark and has no
//!    attribution of its own, that opening quote mark is the trigger of a
//!    Statement of the same speaker as the latest statement before it.
//! 6. Modality and date as for every event (the stage's `modality`: "did
//!    not say" negated, "will announce" future, "would say"
//!    hypothetical). Statements are never merged.

use std::ops::Range;

use crate::document::{Argument, ClusterId, Event, EventKind, Role};
use crate::pattern::RuleMatch;
use crate::span::Span;
use crate::text::Sentence;

use super::args::{ArgKind, Candidate};
use super::lexicon::{class, is_quote};
use super::stage::{Attach, push};

/// How far (in tokens) a subject may lie before its verb.
const SPEAKER_REACH: usize = 24;

/// The rule whose trigger is the opening quote mark of a paragraph.
const CONTINUED_RULE: &str = "statement/quote/continued";

/// Prepositions whose object is never a speaker.
const PREPOSITIONS: &[&str] = &[
    "of", "for", "in", "at", "to", "from", "with", "on", "about", "by", "against", "over", "under",
    "among", "between", "into", "than", "like", "toward", "towards", "during", "after", "before",
    "since", "through", "across", "without", "behind",
];

/// A speaker found by this module: a candidate, maybe widened to the noun
/// phrase it speaks for ("a spokesman for X").
struct Speaker {
    span: Span,
    cluster: Option<ClusterId>,
}

impl Speaker {
    fn of(candidate: &Candidate) -> Speaker {
        Speaker {
            span: candidate.span,
            cluster: candidate.cluster.clone(),
        }
    }
}

/// Attaches the roles of a Statement; `None` drops the event (see the
/// module policy).
pub(super) fn fill_roles(
    at: &Attach<'_>,
    found: &RuleMatch,
    trigger: &Range<usize>,
    sentence: &Sentence,
    arguments: &mut Vec<Argument>,
) -> Option<()> {
    // a trigger word inside a name: "The Washington Post", "Says Who"
    if at
        .candidates
        .at(trigger.start)
        .is_some_and(|c| matches!(c.kind, ArgKind::Named(_) | ArgKind::Reference(_)))
    {
        return None;
    }
    if &*found.rule == CONTINUED_RULE {
        if !continues_quotation(at, trigger, sentence) {
            return None;
        }
        let end = sentence.tokens.end;
        if let Some(content) = quotation_after(at, trigger.start, end) {
            at.push_tokens(arguments, Role::Content, content);
        }
        return Some(());
    }
    if inside_quotation(at, trigger) {
        return None;
    }
    let has = |arguments: &Vec<Argument>, role: Role| arguments.iter().any(|a| a.role == role);
    if found.rule.starts_with("statement/quote/dash") {
        // "“…” ― Layla Haddad": a quote mark before the dash, the name
        // ends its line
        let speaker = found.capture("speaker")?;
        let quoted = trigger.start > 0 && is_quote(at.key_bytes(trigger.start - 1));
        let next = speaker.tokens.end;
        let ends = next >= sentence.tokens.end
            || matches!(at.key_bytes(next), b"." | b"," | b";")
            || at.doc.tokens.breaks_line_before(next);
        if !(quoted && ends) {
            return None;
        }
    } else if found.capture("speaker").is_some() {
        // the colon shape: the speaker opens its line
        let speaker = found.capture("speaker")?;
        // a transcript line may open with a quote mark: "“PENCE: …"
        let caps = at.doc.tokens[speaker.tokens.start].shape == crate::text::Shape::AllCaps;
        let opens = speaker.tokens.start == sentence.tokens.start
            || (caps
                && speaker.tokens.start == sentence.tokens.start + 1
                && is_quote(at.key_bytes(sentence.tokens.start)));
        let place = at
            .candidates
            .at(speaker.tokens.start)
            .is_some_and(|c| c.is_place() || c.kind == ArgKind::Date);
        if !opens || place {
            return None;
        }
    }
    let voice = voice(at, trigger, sentence);
    let mut speaker_after = None;
    if !has(arguments, Role::Speaker) {
        let (speakers, after) = speakers(at, trigger, sentence, voice, arguments)?;
        speaker_after = after;
        for s in speakers {
            if !arguments
                .iter()
                .any(|a| a.role == Role::Speaker && a.span == s.span)
            {
                arguments.push(Argument {
                    role: Role::Speaker,
                    span: s.span,
                    entity: s.cluster,
                });
            }
        }
    }
    if !has(arguments, Role::Speaker) {
        return None;
    }
    let mut after = speaker_after.unwrap_or(trigger.end);
    if !has(arguments, Role::Addressee) {
        after = addressee(at, trigger, after, sentence, arguments);
    }
    if !has(arguments, Role::Content)
        && let Some(content) = passive_patient(at, trigger, after, sentence, voice)
            .or_else(|| content(at, trigger, after, sentence, arguments))
    {
        at.push_tokens(arguments, Role::Content, content);
    }
    Some(())
}

/// Speakers, and the token after them when they follow the trigger.
type Found = (Vec<Speaker>, Option<usize>);

/// The speakers of a trigger and, when they follow it, the token after
/// them. `None` when the trigger is an agentless passive.
fn speakers(
    at: &Attach<'_>,
    trigger: &Range<usize>,
    sentence: &Sentence,
    voice: Voice,
    arguments: &mut Vec<Argument>,
) -> Option<Found> {
    let end = sentence.tokens.end;
    let first = at.key(trigger.start);
    let head = at.key(trigger.end - 1);
    // "according to X", "according to a statement from X"
    if first == "according" {
        let found = after_phrase(at, trigger.end, end).or_else(|| {
            phrase_after(at, trigger.end, end).map(|np| {
                let after = np.end;
                (bare(at, np), after)
            })
        });
        let after = found.as_ref().map(|(_, e)| *e);
        return Some((found.map(|(s, _)| s).into_iter().collect(), after));
    }
    // a statement noun: "a statement from X", "X's statement", "X issued
    // a statement"
    if matches!(head, "statement" | "statements") {
        if trigger.end < end
            && matches!(at.key_bytes(trigger.end), b"from" | b"by" | b"of")
            && let Some((s, e)) = after_phrase(at, trigger.end, end)
        {
            return Some((vec![s], Some(e)));
        }
        return Some((subject(at, trigger.start, sentence), None));
    }
    if voice != Voice::Active {
        return passive_speakers(at, trigger, sentence, arguments);
    }
    if let Some(found) = participle_speaker(at, trigger, sentence) {
        return Some((found, None));
    }
    if let Some(found) = inverted_speaker(at, trigger, sentence) {
        return Some(found);
    }
    let found = subject(at, trigger.start, sentence);
    if found.is_empty()
        && let Some(np) = phrase_before(at, trigger.start, sentence)
    {
        return Some((vec![bare(at, np)], None));
    }
    Some((found, None))
}

/// "…, she told the agency, adding that …": a participle after a comma
/// speaks with the subject of the saying verb it hangs on, not with the
/// noun phrase nearest to it (the agency).
fn participle_speaker(
    at: &Attach<'_>,
    trigger: &Range<usize>,
    sentence: &Sentence,
) -> Option<Vec<Speaker>> {
    let start = sentence.tokens.start;
    let participle = trigger.end - trigger.start == 1 && at.key(trigger.start).ends_with("ing");
    if !participle || trigger.start <= start || !at.is(trigger.start - 1, ",") {
        return None;
    }
    let verb = (start..trigger.start - 1)
        .rev()
        .find(|&i| at.is_a(i, class::SAYVERB) && !at.key_bytes(i).ends_with(b"ing"))?;
    let found = subject(at, verb, sentence);
    if !found.is_empty() {
        return Some(found);
    }
    if let Some(np) = phrase_before(at, verb, sentence) {
        return Some(vec![bare(at, np)]);
    }
    // "“…,” said the minister, adding …"; after "told" stands the hearer
    if at.is_a(verb, class::TELL_VERB) {
        return None;
    }
    inverted_speaker(at, &(verb..verb + 1), sentence).map(|(found, _)| found)
}

/// A passive trigger: "B was told", "is said to", "has also been warned".
fn is_passive(at: &Attach<'_>, trigger: &Range<usize>, sentence: &Sentence) -> bool {
    let start = sentence.tokens.start;
    let head = at.key(trigger.end - 1);
    trigger.start > start && {
        let mut i = trigger.start;
        let mut be = false;
        while i > start && i + 3 > trigger.start {
            i -= 1;
            if at.is_a(i, class::BE) {
                be = true;
                break;
            }
            if !(at.is_a(i, class::NEGATION) || matches!(at.key_bytes(i), b"also" | b"reportedly"))
            {
                break;
            }
        }
        be && head.ends_with("ed") | matches!(head, "told" | "said" | "written" | "spoken")
    }
}

/// How a saying verb stands to its speaker; found once per trigger, for
/// both the speaker and the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Voice {
    Active,
    /// A form of "be" before the participle: "B was told by A", "is said to".
    Passive,
    /// A participle without "be" after the common noun ending at
    /// `noun_end`: "the tariffs announced by A", "the rules, announced by
    /// A, …".
    BareParticiple {
        noun_end: usize,
    },
}

fn voice(at: &Attach<'_>, trigger: &Range<usize>, sentence: &Sentence) -> Voice {
    if is_passive(at, trigger, sentence) {
        Voice::Passive
    } else if let Some(noun_end) = bare_participle(at, trigger, sentence) {
        Voice::BareParticiple { noun_end }
    } else {
        Voice::Active
    }
}

/// A participle after a common noun with a named agent after "by": "the
/// tariffs announced by Trade Minister X" is a passive without its "be".
/// A "by" before anything but a name or a resolved reference is a means
/// ("announced by video link"), and a name or pronoun before the verb is
/// its subject, so both stay active. Returns the end of the noun.
fn bare_participle(at: &Attach<'_>, trigger: &Range<usize>, sentence: &Sentence) -> Option<usize> {
    let (start, end) = (sentence.tokens.start, sentence.tokens.end);
    let head = at.key(trigger.end - 1);
    let participle = head.ends_with("ed") || matches!(head, "told" | "said" | "written");
    if !participle || trigger.start <= start || trigger.end + 1 >= end {
        return None;
    }
    // "the rules, announced by X, …": the participle set off by a comma
    let mut before = trigger.start - 1;
    if at.is(before, ",") && before > start {
        before -= 1;
    }
    let common_noun_before = at.doc.tokens[before].shape == crate::text::Shape::Lower
        && at
            .candidates
            .at(before)
            .is_none_or(|c| !matches!(c.kind, ArgKind::Named(_) | ArgKind::Reference(_)));
    let agent_after = at.is(trigger.end, "by")
        && at
            .object(trigger.end + 1, end)
            .first()
            .is_some_and(|c| matches!(c.kind, ArgKind::Named(_) | ArgKind::Reference(_)));
    (common_noun_before && agent_after).then_some(before + 1)
}

/// What a passive announced, denied or confirmed is its subject: "new
/// rules on fees were announced by X on Tuesday" announced the rules, not
/// "on Tuesday". The subject of a passive with "be" is its clause up to the
/// auxiliaries ("targets to cut delays in the courts have been
/// announced"); a participle without "be" names the noun right before it
/// ("the tariffs announced by X"). A clause or a quotation after the agent
/// is still the content ("was told by X that …"), and so is anything a
/// verb of telling says, whose subject is the one told. "are expected to
/// be questioned" and "are to be questioned" keep the clause-based
/// content: their subject is not what was said.
fn passive_patient(
    at: &Attach<'_>,
    trigger: &Range<usize>,
    after: usize,
    sentence: &Sentence,
    voice: Voice,
) -> Option<Range<usize>> {
    if at.is_a(trigger.end - 1, class::TELL_VERB) {
        return None;
    }
    let clause_follows = after < sentence.tokens.end
        && (matches!(at.key_bytes(after), b"that" | b":") || is_quote(at.key_bytes(after)));
    if clause_follows {
        return None;
    }
    match voice {
        Voice::Active => None,
        Voice::BareParticiple { noun_end } => phrase_before(at, noun_end, sentence),
        Voice::Passive => passive_subject(at, trigger, sentence),
    }
}

/// The subject of a passive with "be": its clause up to the auxiliaries.
fn passive_subject(
    at: &Attach<'_>,
    trigger: &Range<usize>,
    sentence: &Sentence,
) -> Option<Range<usize>> {
    let start = sentence.tokens.start;
    let mut aux = trigger.start;
    while aux > start && is_auxiliary(at, aux - 1) {
        aux -= 1;
    }
    if (aux..trigger.start).any(|i| at.is(i, "to")) {
        return None;
    }
    let clause_start = |mut first: usize| {
        while first > start && !at.is_boundary_at(first - 1) && !at.is(first - 1, ",") {
            first -= 1;
        }
        first
    };
    let (mut first, mut end) = (clause_start(aux), aux);
    // "New rules, which cut fees, were announced": the subject is before
    // the phrase set off by commas
    if first == end
        && first > start
        && let Some(open) = (start..first - 1).rev().find(|&i| at.is(i, ","))
    {
        end = open;
        first = clause_start(open);
    }
    // a sentence opening "That charge was denied": a determiner there
    if first == start + 1 && at.is(start, "that") {
        first = start;
    }
    (first < end).then_some(first..end)
}

/// The perfect's and the modals' verbs before a main verb ("has said",
/// "would be told"), shared by the function words and the passive's
/// auxiliary chain.
const AUXILIARY_VERBS: &[&str] = &[
    "has", "have", "had", "will", "would", "could", "should", "may", "might",
];

/// A word of a passive's auxiliary chain: "has also been", "will not be",
/// "is to be".
fn is_auxiliary(at: &Attach<'_>, index: usize) -> bool {
    let key = at.key(index);
    at.is_a(index, class::BE | class::NEGATION)
        || AUXILIARY_VERBS.contains(&key)
        || matches!(
            key,
            "must" | "can" | "to" | "also" | "reportedly" | "already" | "now" | "just"
        )
        || (key.ends_with("ly") && at.doc.tokens[index].shape == crate::text::Shape::Lower)
}

/// The speakers of a passive: the agents after "by" ("B was told by A",
/// where B is the addressee); `None` for an agentless passive ("is said
/// to", "was told").
fn passive_speakers(
    at: &Attach<'_>,
    trigger: &Range<usize>,
    sentence: &Sentence,
    arguments: &mut Vec<Argument>,
) -> Option<Found> {
    let end = sentence.tokens.end;
    let head = at.key(trigger.end - 1);
    if trigger.end < end && at.is(trigger.end, "by") {
        let agents = at.object(trigger.end + 1, end);
        let after = agents.last().map(|c| c.tokens.end);
        let hearers = at.subject(trigger.start, sentence);
        if matches!(head, "told" | "asked" | "urged" | "warned") {
            for c in hearers {
                push(arguments, Role::Addressee, c);
            }
        }
        return Some((agents.into_iter().map(Speaker::of).collect(), after));
    }
    None
}

/// The speaker of an inverted attribution, when it closes the clause:
/// "“…,” said X.", "…, says X, the Y of Z".
fn inverted_speaker(at: &Attach<'_>, trigger: &Range<usize>, sentence: &Sentence) -> Option<Found> {
    let (start, end) = (sentence.tokens.start, sentence.tokens.end);
    let first = at.key(trigger.start);
    let before = trigger.start.checked_sub(1).filter(|&b| b >= start);
    let inverting = at.is_a(trigger.start, class::SAYVERB)
        && !first.ends_with("ing")
        && !at.is_a(trigger.start, class::TELL_VERB)
        && before.is_none_or(|b| at.is(b, ",") || is_quote(at.key_bytes(b)));
    if !inverting {
        return None;
    }
    let mut i = trigger.end;
    while i < end && at.is_a(i, class::DETERMINER) {
        i += 1;
    }
    // the speaker closes the clause: "said X." / "said X, the Y of Z"
    let closes = |after: usize| {
        after >= end
            || (at.doc.tokens[after].kind == crate::text::TokenKind::Punct
                && !matches!(at.key_bytes(after), b"-" | b"'s" | b"'"))
    };
    if let Some(c) = at.skip_modifiers(i, end)
        && c.is_agent()
        && !c.is_place()
    {
        let s = widen(at, c, end);
        let after = token_after(at, s.span);
        if closes(after) {
            return Some((vec![s], Some(after)));
        }
    }
    if let Some(np) = phrase_after(at, trigger.end, end)
        && closes(np.end)
    {
        let after = np.end;
        return Some((vec![bare(at, np)], Some(after)));
    }
    None
}

/// The party after a preposition-like phrase: "according to X", "a
/// statement from X", "according to a statement from X".
fn after_phrase(at: &Attach<'_>, from: usize, limit: usize) -> Option<(Speaker, usize)> {
    if let Some(c) = at.skip_modifiers(from, limit)
        && c.is_agent()
    {
        let s = widen(at, c, limit);
        let after = token_after(at, s.span);
        return Some((s, after));
    }
    let reach = (from + 6).min(limit);
    let mut i = from;
    while i < reach {
        if matches!(at.key_bytes(i), b"from" | b"by" | b"of")
            && let Some(c) = at.skip_modifiers(i + 1, limit)
            && c.is_agent()
        {
            let s = widen(at, c, limit);
            let after = token_after(at, s.span);
            return Some((s, after));
        }
        if at.is_boundary_at(i) {
            break;
        }
        i += 1;
    }
    None
}

/// An argument of bare tokens (no candidate, no cluster).
fn bare(at: &Attach<'_>, tokens: Range<usize>) -> Speaker {
    Speaker {
        span: Span::new(
            at.doc.tokens[tokens.start].span.start,
            at.doc.tokens[tokens.end - 1].span.end,
        ),
        cluster: None,
    }
}

/// Token `index` is not a noun phrase's: a function word, auxiliary or
/// adverb that may stand between a subject and its verb.
fn is_function_word(at: &Attach<'_>, index: usize) -> bool {
    let key = at.key(index);
    at.is_a(index, class::NOT_MODIFIER | class::BE | class::NEGATION)
        || PREPOSITIONS.contains(&key)
        || AUXILIARY_VERBS.contains(&key)
        || matches!(
            key,
            "did"
                | "does"
                | "do"
                | "also"
                | "then"
                | "again"
                | "once"
                | "often"
                | "just"
                | "already"
                | "still"
                | "further"
                | "ever"
                | "now"
                | "later"
                | "and"
                | "or"
                | "but"
                | "so"
                | "as"
                | "it's"
                | "there"
                | "here"
                | "when"
                | "what"
                | "how"
                | "why"
                | "this"
                | "these"
                | "those"
                | "such"
                | "very"
                | "too"
        )
}

/// The noun phrase right after `from` (a speaker after its verb, the
/// source after "according to"): up to eight tokens, to the first
/// punctuation, clause boundary or verb of saying.
fn phrase_after(at: &Attach<'_>, from: usize, limit: usize) -> Option<Range<usize>> {
    let limit = limit.min(at.doc.tokens.len());
    if from >= limit {
        return None;
    }
    let mut i = from;
    while i < limit && i < from + 8 {
        let key = at.key(i);
        let token = &at.doc.tokens[i];
        let punct =
            token.kind == crate::text::TokenKind::Punct && !matches!(key, "-" | "'s" | "'" | "&");
        // a verb ends the phrase: "said ships were late" is no inversion
        let verb = at.is_a(i, class::BE)
            || matches!(
                key,
                "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "could"
                    | "should"
                    | "can"
                    | "may"
                    | "might"
                    | "must"
                    | "did"
                    | "does"
                    | "do"
            );
        if punct || verb || at.is_boundary_at(i) || (i > from && at.is_a(i, class::SAYVERB)) {
            break;
        }
        i += 1;
    }
    // a phrase ends in a word, not a determiner or preposition
    while i > from && is_function_word(at, i - 1) && !at.is_a(i - 1, class::FREE_PRONOUN) {
        i -= 1;
    }
    let first = at.key(from);
    if PREPOSITIONS.contains(&first)
        || !matches!(
            at.doc.tokens[from].kind,
            crate::text::TokenKind::Word | crate::text::TokenKind::Number
        )
    {
        return None;
    }
    if i == from
        || (i == from + 1 && is_function_word(at, from) && !at.is_a(from, class::DETERMINER))
    {
        return None;
    }
    Some(from..i)
}

/// The noun phrase right before a verb of saying with no party before it
/// ("the 34-year-old mother of three replied", "it said", "Melanie
/// said"): past auxiliaries and adverbs, a word that is not a function
/// word, extended left to a determiner, up to six tokens.
fn phrase_before(at: &Attach<'_>, verb: usize, sentence: &Sentence) -> Option<Range<usize>> {
    let start = sentence.tokens.start;
    let mut end = verb;
    while end > start {
        let key = at.key(end - 1);
        let adverb =
            key.ends_with("ly") && at.doc.tokens[end - 1].shape == crate::text::Shape::Lower;
        if adverb
            || (is_function_word(at, end - 1) && !matches!(key, "it" | "they" | "we" | "i" | "you"))
        {
            end -= 1;
            if verb - end > 4 {
                return None;
            }
            continue;
        }
        break;
    }
    if end <= start {
        return None;
    }
    let key = at.key(end - 1);
    // "the study, which notes": the phrase before the relative pronoun
    if matches!(key, "who" | "which" | "that") && verb - end < 3 {
        let mut j = end - 1;
        while j > start && matches!(at.key_bytes(j - 1), b"," | b"-") {
            j -= 1;
        }
        if j < end - 1 || key != "that" {
            if let Some(c) = j
                .checked_sub(1)
                .and_then(|k| at.candidates.at(k))
                .filter(|c| c.is_agent())
            {
                return Some(c.tokens.clone());
            }
            return phrase_before(at, j, sentence).filter(|r| r.end == j);
        }
        return None;
    }
    let last = &at.doc.tokens[end - 1];
    if !matches!(
        last.kind,
        crate::text::TokenKind::Word | crate::text::TokenKind::Number
    ) || at.is_boundary_at(end - 1)
        || at.is_a(end - 1, class::SAYVERB)
    {
        return None;
    }
    let mut first = end - 1;
    while first > start && end - first < 6 {
        let key = at.key(first - 1);
        let token = &at.doc.tokens[first - 1];
        if at.is_a(first - 1, class::DETERMINER) {
            first -= 1;
            break;
        }
        let wordy = matches!(
            token.kind,
            crate::text::TokenKind::Word | crate::text::TokenKind::Number
        ) || matches!(key, "-" | "'s" | "'");
        if !wordy || at.is_boundary_at(first - 1) || is_function_word(at, first - 1) {
            break;
        }
        first -= 1;
    }
    Some(first..end)
}

/// The token index right after `span`.
fn token_after(at: &Attach<'_>, span: Span) -> usize {
    at.doc
        .tokens
        .as_slice()
        .partition_point(|t| t.span.end <= span.end)
}

/// The subject of a verb of saying at `verb` (see the module policy).
fn subject(at: &Attach<'_>, verb: usize, sentence: &Sentence) -> Vec<Speaker> {
    let (start, end) = (sentence.tokens.start, sentence.tokens.end);
    if let Some(shared) = coordinated_subject(at, verb, sentence) {
        return shared;
    }
    let participle = at.key(verb).ends_with("ing") && verb > start && at.is(verb - 1, ",");
    let from = before_relative_clause(at, verb, sentence);
    if !participle
        && from == verb
        && let Some(named) = apposition_subject(at, verb, sentence)
    {
        return named;
    }
    match nearest_speaker(at, from, participle, sentence) {
        Nearest::Speaker(s) => vec![s],
        Nearest::Party(c) => {
            let c = at.before_apposition(c, from, sentence);
            at.coordinated_left(c, sentence)
                .into_iter()
                .map(|c| widen(at, c, end))
                .collect()
        }
        Nearest::None => Vec::new(),
    }
}

/// "Scholz called Zelensky and told him …": a verb coordinated with an
/// earlier one shares its clause's subject, when it has one.
fn coordinated_subject(at: &Attach<'_>, verb: usize, sentence: &Sentence) -> Option<Vec<Speaker>> {
    let start = sentence.tokens.start;
    if verb > start + 1
        && matches!(at.key_bytes(verb - 1), b"and" | b"but")
        && at.candidates.at(verb - 2).is_none_or(|c| !c.is_agent())
    {
        let shared: Vec<Speaker> = at
            .clause_subject(verb - 1, sentence)
            .into_iter()
            .map(Speaker::of)
            .collect();
        if !shared.is_empty() {
            return Some(shared);
        }
    }
    None
}

/// "X, who …, said": where the subject search starts, before a relative
/// clause ending at the verb's comma (else at the verb).
fn before_relative_clause(at: &Attach<'_>, verb: usize, sentence: &Sentence) -> usize {
    let start = sentence.tokens.start;
    if verb > start + 1 && at.is(verb - 1, ",") {
        let floor = start.max(verb.saturating_sub(SPEAKER_REACH));
        let mut i = verb - 1;
        while i > floor + 1 {
            i -= 1;
            if matches!(at.key_bytes(i), b"who" | b"which" | b"whose") && at.is(i - 1, ",") {
                return i - 1;
            }
            if is_quote(at.key_bytes(i)) || matches!(at.key_bytes(i), b";" | b":") {
                break;
            }
        }
    }
    verb
}

/// "X, the Y of Z, said", "X, 59, of Ashton, Md., said": the name before
/// one of the commas of an apposition ending at the verb's comma.
fn apposition_subject(at: &Attach<'_>, verb: usize, sentence: &Sentence) -> Option<Vec<Speaker>> {
    let (start, end) = (sentence.tokens.start, sentence.tokens.end);
    if !(verb > start + 1 && at.is(verb - 1, ",")) {
        return None;
    }
    let floor = start.max(verb.saturating_sub(SPEAKER_REACH + 6));
    let mut i = verb - 1;
    while i > floor + 1 {
        i -= 1;
        let key = at.key(i);
        if is_quote(key) || matches!(key, ";" | ":") {
            break;
        }
        if key != "," {
            continue;
        }
        if let Some(c) = at.candidates.at(i - 1)
            && matches!(c.kind, ArgKind::Named(_) | ArgKind::Reference(_))
            && c.is_agent()
            && !c.is_place()
            && (c.tokens.start == start || !PREPOSITIONS.contains(&at.key(c.tokens.start - 1)))
        {
            return Some(
                at.coordinated_left(c, sentence)
                    .into_iter()
                    .map(|c| widen(at, c, end))
                    .collect(),
            );
        }
    }
    None
}

/// What the search left from a verb of saying found.
enum Nearest<'a> {
    /// A phrase that speaks for someone ("X's office", "a spokesman for X").
    Speaker(Speaker),
    /// The party nearest the verb (the farthest, after a participle).
    Party(&'a Candidate),
    None,
}

/// Searches left from `from` for the speaker, within the clause: quotations
/// and parentheses inside it are passed over, a party after a preposition
/// is none, and a possessor's representative speaks for it. After a
/// `participle` ("…, saying") the search goes on to the clause's first
/// party.
fn nearest_speaker<'a>(
    at: &'a Attach<'_>,
    from: usize,
    participle: bool,
    sentence: &Sentence,
) -> Nearest<'a> {
    let (start, end) = (sentence.tokens.start, sentence.tokens.end);
    let floor = start.max(from.saturating_sub(SPEAKER_REACH));
    let mut i = from;
    let mut found = Nearest::None;
    while i > floor {
        i -= 1;
        let key = at.key_bytes(i);
        if is_quote(key) && i + 1 < from {
            // a quotation inside the clause ("used the phrase “…” often,
            // and criticized"): passed over to its opening mark
            let mut j = i;
            while j > floor + 1 && !is_quote(at.key_bytes(j - 1)) {
                j -= 1;
            }
            if j > floor + 1 {
                i = j - 1;
                continue;
            }
            break;
        }
        if key == b")" || (key == b"-" && i + 1 == from) {
            // "Rep. Jane Doe (D-Md.) said", "X -- a former aide -- said":
            // the parenthesis is passed over
            let open = if key == b")" { "(" } else { "-" };
            if let Some(j) = (floor..i).rev().find(|&j| at.is(j, open)) {
                i = j;
                continue;
            }
            break;
        }
        if at.is_boundary_at(i) {
            break;
        }
        let Some(c) = at.candidates.at(i) else {
            continue;
        };
        i = c.tokens.start;
        if matches!(c.kind, ArgKind::Modifier { .. })
            && let Some(s) = titled_representative(at, c, from, end)
        {
            return Nearest::Speaker(s);
        }
        if !c.is_agent() {
            continue;
        }
        let mut first = c.tokens.start;
        while first > start && at.is_a(first - 1, class::DETERMINER) {
            first -= 1;
        }
        if first > start && PREPOSITIONS.contains(&at.key(first - 1)) {
            continue;
        }
        let next = c.tokens.end;
        if next < end && matches!(at.key_bytes(next), b"'s" | b"'") {
            // "X's office said": the representative speaks for X
            if let Some(s) = possessive_representative(at, c, from) {
                return Nearest::Speaker(s);
            }
            continue;
        }
        found = Nearest::Party(c);
        if !participle {
            break;
        }
    }
    found
}

/// "X's office said", "Clinton's campaign manager said": a possessor
/// followed (before the verb) by a representative noun or an agent noun:
/// the phrase, in X's cluster.
fn possessive_representative(at: &Attach<'_>, owner: &Candidate, verb: usize) -> Option<Speaker> {
    let mut i = owner.tokens.end + 1;
    let mut last = None;
    while i < verb && i < owner.tokens.end + 5 {
        let key = at.key(i);
        if at.lexicon.representatives.contains(key) || at.is_a(i, class::AGENT_NOUN) {
            last = Some(i);
        } else if at.doc.tokens[i].kind != crate::text::TokenKind::Word
            || at.is_a(i, class::NOT_MODIFIER)
        {
            break;
        }
        i += 1;
    }
    let last = last?;
    // "X's office, which …": only when the phrase ends right at the verb
    // or at a comma
    Some(Speaker {
        span: Span::new(owner.span.start, at.doc.tokens[last].span.end),
        cluster: owner.cluster.clone(),
    })
}

/// "A spokesman for the ministry said", where "spokesman" is a title: the
/// phrase from its determiner to the body, in the body's cluster.
fn titled_representative(
    at: &Attach<'_>,
    title: &Candidate,
    verb: usize,
    limit: usize,
) -> Option<Speaker> {
    if !at
        .lexicon
        .representatives
        .contains(at.key(title.tokens.end - 1))
    {
        return None;
    }
    let next = title.tokens.end;
    if next + 1 >= verb.min(limit) || !matches!(at.key_bytes(next), b"for" | b"of" | b"to") {
        return None;
    }
    let mut j = next + 1;
    while j < limit && at.is_a(j, class::DETERMINER) {
        j += 1;
    }
    let owner = at
        .skip_modifiers(j, limit)
        .filter(|o| matches!(o.kind, ArgKind::Named(_) | ArgKind::Reference(_)) && o.is_agent())?;
    let mut start = title.tokens.start;
    if start > 0 && at.is_a(start - 1, class::DETERMINER) {
        start -= 1;
    }
    Some(Speaker {
        span: Span::new(at.doc.tokens[start].span.start, owner.span.end),
        cluster: owner.cluster.clone(),
    })
}

/// A noun phrase that speaks for someone: "a spokesman for X", "a lawyer
/// for X", "the office of X" widen to X's cluster; others stay as found.
fn widen(at: &Attach<'_>, c: &Candidate, limit: usize) -> Speaker {
    if c.kind != ArgKind::Nominal {
        return Speaker::of(c);
    }
    let head = at.key(c.tokens.end - 1);
    let next = c.tokens.end;
    if at.lexicon.representatives.contains(head)
        && next + 1 < limit
        && matches!(at.key_bytes(next), b"for" | b"of" | b"to")
        && let Some(owner) = at.skip_modifiers(
            (next + 1..limit)
                .find(|&j| !at.is_a(j, class::DETERMINER))
                .unwrap_or(limit),
            limit,
        )
        && matches!(owner.kind, ArgKind::Named(_) | ArgKind::Reference(_))
        && owner.is_agent()
    {
        return Speaker {
            span: Span::new(c.span.start, owner.span.end),
            cluster: owner.cluster.clone(),
        };
    }
    Speaker::of(c)
}

/// The addressee: the object of a verb of telling, or "to X" after the
/// trigger. Returns the token after the roles found so far.
fn addressee(
    at: &Attach<'_>,
    trigger: &Range<usize>,
    after: usize,
    sentence: &Sentence,
    arguments: &mut Vec<Argument>,
) -> usize {
    let end = sentence.tokens.end;
    let telling = at.phrase_at(&at.lexicon.tell_verbs, trigger.start, trigger.end) > 0
        || at.is_a(trigger.end - 1, class::TELL_VERB);
    if telling && after == trigger.end {
        let hearers = at.object(trigger.end, end);
        if let Some(last) = hearers.last() {
            let next = last.tokens.end;
            for c in hearers {
                push(arguments, Role::Addressee, c);
            }
            return next;
        }
        return after;
    }
    // "expressed his gratitude to X", "said to X"
    let reach = (after + 4).min(end);
    let mut i = after;
    while i < reach {
        if at.is(i, "to") {
            let hearers = at.object(i + 1, end);
            if let Some(last) = hearers.last().filter(|c| !c.is_place()) {
                let next = last.tokens.end;
                for c in hearers {
                    push(arguments, Role::Addressee, c);
                }
                return next;
            }
            break;
        }
        if at.is_boundary_at(i) || at.doc.tokens[i].kind != crate::text::TokenKind::Word {
            break;
        }
        i += 1;
    }
    after
}

/// What was said: the quotation next to the attribution, else the clause
/// after the verb, else the clause before a closing attribution.
fn content(
    at: &Attach<'_>,
    trigger: &Range<usize>,
    after: usize,
    sentence: &Sentence,
    arguments: &[Argument],
) -> Option<Range<usize>> {
    let start = sentence.tokens.start;
    let mut end = sentence.tokens.end;
    while end > start && at.doc.tokens[end - 1].kind == crate::text::TokenKind::Punct {
        if is_quote(at.key_bytes(end - 1)) {
            break;
        }
        end -= 1;
    }
    // the attribution closes the sentence: "“…,” X said." / "…, X said."
    let speaker_start = arguments
        .iter()
        .filter(|a| a.role == Role::Speaker)
        .map(|a| a.span.start)
        .min()
        .unwrap_or(usize::MAX);
    let attribution_start = (trigger.start..trigger.start + 1)
        .map(|t| at.doc.tokens[t].span.start)
        .min()
        .unwrap_or(usize::MAX)
        .min(speaker_start);
    // "“…,” said X", "“…,” Ms. Wekesa told reporters": the quotation
    // closing right before the attribution, the speaker's title and name
    // between them
    let trigger_byte = at.doc.tokens[trigger.start].span.start;
    let next_to_trigger = arguments
        .iter()
        .filter(|a| a.role == Role::Speaker && a.span.end <= trigger_byte)
        .any(|a| {
            at.doc.text[a.span.end..trigger_byte]
                .trim_matches(|c: char| c == ',' || c.is_whitespace())
                .is_empty()
        });
    let mut q = if next_to_trigger {
        (start..trigger.start)
            .find(|&i| at.doc.tokens[i].span.start >= speaker_start)
            .unwrap_or(trigger.start)
    } else {
        trigger.start
    };
    let mut steps = 0;
    while q > start
        && steps < 4
        && (at.is(q - 1, ",")
            || at.doc.text[at.doc.tokens[q - 1].span.range()]
                .starts_with(|c: char| c.is_uppercase()))
    {
        q -= 1;
        steps += 1;
    }
    if q > start && is_quote(at.key_bytes(q - 1)) {
        let close = q - 1;
        let open = (start..close).rev().find(|&i| is_quote(at.key_bytes(i)));
        let first = open.map_or(start, |o| o + 1);
        let mut last = close;
        while last > first && matches!(at.key_bytes(last - 1), b"," | b"." | b"-") {
            last -= 1;
        }
        if last > first {
            return Some(first..last);
        }
    }
    let closing = after >= end;
    if closing {
        let mut last = start;
        for i in start..trigger.start {
            if at.doc.tokens[i].span.end <= attribution_start {
                last = i + 1;
            }
        }
        while last > start && matches!(at.key_bytes(last - 1), b"," | b"-") {
            last -= 1;
        }
        return (last > start).then_some(start..last);
    }
    // a quotation after the attribution
    let mut from = after;
    while from < end && matches!(at.key_bytes(from), b"," | b":" | b"that" | b"-") {
        from += 1;
    }
    if from < end && is_quote(at.key_bytes(from)) {
        return quotation_after(at, from, sentence.tokens.end);
    }
    // "announced on Tuesday that …", "said in a statement that …": the
    // clause begins after "that"
    if let Some(that) = (from..end.min(from + 8))
        .take_while(|&j| {
            !is_quote(at.key_bytes(j)) && !matches!(at.key_bytes(j), b"," | b";" | b":")
        })
        .find(|&j| at.is(j, "that"))
    {
        from = that + 1;
    }
    (from < end).then_some(from..end)
}

/// The quotation opened by the quote mark at `open`, to its closing mark
/// or the end of the sentence (`limit`).
fn quotation_after(at: &Attach<'_>, open: usize, limit: usize) -> Option<Range<usize>> {
    let first = open + 1;
    let mut i = first;
    while i < limit && !is_quote(at.key_bytes(i)) {
        i += 1;
    }
    let mut last = i;
    while last > first && at.doc.tokens[last - 1].kind == crate::text::TokenKind::Punct {
        last -= 1;
    }
    (last > first).then_some(first..last)
}

/// True when the trigger stands inside a quotation of its paragraph: the
/// speaker's own words ("“…, he said, ‘…’”", "“I would say …”") report
/// no act of the article's sources.
fn inside_quotation(at: &Attach<'_>, trigger: &Range<usize>) -> bool {
    let here = at.doc.tokens[trigger.start].span.start;
    at.quotes.open_at(here)
}

/// Where the quote marks and line breaks of a document are, so "is this
/// point inside a quotation of its paragraph" costs a few binary searches
/// instead of a scan from the paragraph's start: in a long paragraph with
/// many triggers that scan was quadratic. Answers exactly what
/// [`open_quotation`] says of the paragraph's text before the point.
pub(super) struct QuoteMarks {
    newlines: Vec<usize>,
    opens: Vec<usize>,
    closes: Vec<usize>,
    straight: Vec<usize>,
    /// Starts of the non-overlapping `''` pairs, found left to right. A
    /// pair never holds a line break, so the scan is the same from any
    /// paragraph's start as from the text's.
    doubled: Vec<usize>,
}

impl QuoteMarks {
    pub(super) fn new(text: &str) -> QuoteMarks {
        let mut marks = QuoteMarks {
            newlines: Vec::new(),
            opens: Vec::new(),
            closes: Vec::new(),
            straight: Vec::new(),
            doubled: Vec::new(),
        };
        // The marks are ASCII or start with 0xE2, and neither is ever
        // inside another char, so byte offsets are char offsets. Most
        // bytes of a text are none of them: memchr finds the few, where a
        // loop over every byte cost eight instructions a byte.
        let bytes = text.as_bytes();
        let mut pair_end = 0;
        for at in memchr::memchr3_iter(b'\n', b'"', b'\'', bytes) {
            match bytes[at] {
                b'\n' => marks.newlines.push(at),
                b'"' => marks.straight.push(at),
                _ if at >= pair_end && bytes.get(at + 1) == Some(&b'\'') => {
                    marks.doubled.push(at);
                    pair_end = at + 2;
                }
                _ => {}
            }
        }
        // “ is E2 80 9C, ” is E2 80 9D
        for at in memchr::memchr_iter(0xE2, bytes) {
            if bytes.get(at + 1) == Some(&0x80) {
                match bytes.get(at + 2) {
                    Some(0x9C) => marks.opens.push(at),
                    Some(0x9D) => marks.closes.push(at),
                    _ => {}
                }
            }
        }
        marks
    }

    /// [`open_quotation`] of the text from the last line break before
    /// `here` up to `here`.
    fn open_at(&self, here: usize) -> bool {
        let line = self.newlines.partition_point(|&n| n < here);
        let start = line.checked_sub(1).map_or(0, |i| self.newlines[i] + 1);
        let within = |marks: &[usize], width: usize| {
            marks.partition_point(|&m| m + width <= here) - marks.partition_point(|&m| m < start)
        };
        let opens = within(&self.opens, 1);
        let closes = within(&self.closes, 1);
        let straight = within(&self.straight, 1) + within(&self.doubled, 2);
        opens > closes || (opens == 0 && closes == 0 && straight % 2 == 1)
    }
}

/// True when `text` ends inside a quotation: more opening than closing
/// curly quotes, or (with no curly ones) an odd number of straight ones.
fn open_quotation(text: &str) -> bool {
    let opens = text.matches('“').count();
    let closes = text.matches('”').count();
    let straight = text.matches('"').count() + text.matches("''").count();
    opens > closes || (opens == 0 && closes == 0 && straight % 2 == 1)
}

/// True when the quote mark at `trigger` opens a paragraph and the
/// paragraph before it ends inside an open quotation.
fn continues_quotation(at: &Attach<'_>, trigger: &Range<usize>, sentence: &Sentence) -> bool {
    if trigger.start != sentence.tokens.start {
        return false;
    }
    let text = at.doc.text;
    let here = at.doc.tokens[trigger.start].span.start;
    let before = &text[..here];
    // a new paragraph: a line break between it and the text before
    let trimmed = before.trim_end_matches([' ', '\t']);
    if !trimmed.ends_with('\n') {
        return false;
    }
    let body = trimmed.trim_end();
    let paragraph_start = body.rfind('\n').map_or(0, |n| n + 1);
    let paragraph = &body[paragraph_start..];
    if paragraph.is_empty() {
        return false;
    }
    open_quotation(paragraph)
}

/// Gives each continued quotation the speakers of the latest statement
/// before it, and drops those with none. `events` are in text order.
pub(super) fn continue_quotes(events: &mut Vec<Event>) {
    let mut last_speakers: Vec<Argument> = Vec::new();
    let mut keep = vec![true; events.len()];
    for (index, event) in events.iter_mut().enumerate() {
        if event.kind != EventKind::Statement {
            continue;
        }
        if &*event.rule == CONTINUED_RULE {
            if last_speakers.is_empty() {
                keep[index] = false;
            } else {
                event.arguments.extend(last_speakers.iter().cloned());
            }
            continue;
        }
        // Copied only from a statement that names speakers, into the same
        // list: most statements are not continued.
        let is_speaker = |a: &&Argument| a.role == Role::Speaker;
        if event.arguments.iter().any(|a| is_speaker(&a)) {
            last_speakers.clear();
            last_speakers.extend(event.arguments.iter().filter(is_speaker).cloned());
        }
    }
    let mut flags = keep.into_iter();
    events.retain(|_| flags.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use crate::Extractor;
    use crate::document::{EventKind, Modality, Role};

    #[test]
    fn quote_marks_answer_what_a_scan_of_the_paragraph_says() {
        let texts = [
            "“Yes,” she said.\n“No” — and ''maybe'' he said \"so\".\n'''a'' b",
            "He said: “we stay.\n“We go,” said the café’s owner, “now”",
            "''''\n'' é ''\"\n\"x",
        ];
        for text in texts {
            let marks = super::QuoteMarks::new(text);
            for (here, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let start = text[..here].rfind('\n').map_or(0, |n| n + 1);
                assert_eq!(
                    marks.open_at(here),
                    super::open_quotation(&text[start..here]),
                    "{text:?} at {here}"
                );
            }
        }
    }

    type Args = Vec<(Role, String, Option<String>)>;

    fn statements(text: &str) -> Vec<(String, Args, Modality)> {
        let extractor = Extractor::default();
        let doc = extractor.extract(text);
        doc.events()
            .iter()
            .filter(|e| e.kind == EventKind::Statement)
            .map(|e| {
                (
                    text[e.trigger].to_owned(),
                    e.arguments
                        .iter()
                        .map(|a| {
                            (
                                a.role,
                                text[a.span].to_owned(),
                                a.entity.as_deref().map(str::to_owned),
                            )
                        })
                        .collect(),
                    e.modality,
                )
            })
            .collect()
    }

    fn role(args: &[(Role, String, Option<String>)], role: Role) -> Vec<&str> {
        args.iter()
            .filter(|(r, _, _)| *r == role)
            .map(|(_, t, _)| t.as_str())
            .collect()
    }

    #[test]
    fn subject_before_the_verb() {
        let found = statements("Layla Haddad said the bridge would reopen in May.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "said");
        assert_eq!(role(&found[0].1, Role::Speaker), ["Layla Haddad"]);
        assert_eq!(
            role(&found[0].1, Role::Content),
            ["the bridge would reopen in May"]
        );
    }

    #[test]
    fn inverted_after_a_quotation() {
        let found = statements("“We will not give up,” said Omar Karimi, the union leader.");
        assert_eq!(found.len(), 1);
        assert_eq!(role(&found[0].1, Role::Speaker), ["Omar Karimi"]);
        assert_eq!(role(&found[0].1, Role::Content), ["We will not give up"]);
    }

    #[test]
    fn told_names_the_addressee() {
        let found = statements("Layla Haddad told Omar Karimi that the vote was lost.");
        assert_eq!(role(&found[0].1, Role::Speaker), ["Layla Haddad"]);
        assert_eq!(role(&found[0].1, Role::Addressee), ["Omar Karimi"]);
    }

    #[test]
    fn according_to() {
        let found = statements("The plant will close, according to Omar Karimi.");
        assert_eq!(found.len(), 1);
        assert_eq!(role(&found[0].1, Role::Speaker), ["Omar Karimi"]);
    }

    #[test]
    fn spokesman_speaks_for_the_body() {
        let text = "A spokesman for the World Health Organization said the figures were wrong.";
        let found = statements(text);
        assert_eq!(found.len(), 1);
        let speaker = found[0]
            .1
            .iter()
            .find(|(r, _, _)| *r == Role::Speaker)
            .expect("a speaker");
        assert_eq!(speaker.1, "A spokesman for the World Health Organization");
        assert!(
            speaker.2.is_some(),
            "the spokesman takes the body's cluster"
        );
    }

    #[test]
    fn apposition_is_passed_over() {
        let found =
            statements("Layla Haddad, the director of the port authority, said ships were late.");
        assert_eq!(role(&found[0].1, Role::Speaker), ["Layla Haddad"]);
    }

    #[test]
    fn negated_and_future() {
        let found = statements("Layla Haddad did not say when the port would reopen.");
        assert_eq!(found[0].2, Modality::Negated);
        let found = statements("Layla Haddad will announce the results on Friday.");
        assert_eq!(found[0].2, Modality::Future);
    }

    #[test]
    fn near_misses_are_not_statements() {
        for text in [
            "The ship is said to be the largest ever built.",
            "That said, the port reopened.",
            "Needless to say, nobody came.",
            "The so-called reform changed little.",
        ] {
            assert!(statements(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn pronoun_after_a_quotation_is_the_speaker() {
        let text = "Maria Lopez arrived late. “The roads were closed,” she said.";
        let found = statements(text);
        assert_eq!(found.len(), 1);
        let (_, args, _) = &found[0];
        let speaker = args.iter().find(|(r, _, _)| *r == Role::Speaker).unwrap();
        assert_eq!(speaker.1, "she");
        assert!(speaker.2.as_deref().is_some_and(|c| c.contains("lopez")));
    }

    #[test]
    fn a_continued_quotation_keeps_its_speaker() {
        let text = "Layla Haddad said: “The port is closed. Ships wait outside.\n\n“We expect the backlog to clear by June.”";
        let found = statements(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(role(&found[1].1, Role::Speaker), ["Layla Haddad"]);
    }

    #[test]
    fn expressed_gratitude_to() {
        let found = statements("Layla Haddad expressed her gratitude to Omar Karimi for the loan.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "expressed her gratitude");
        assert_eq!(role(&found[0].1, Role::Addressee), ["Omar Karimi"]);
    }
}
