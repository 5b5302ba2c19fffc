//! Events: Meeting, Invitation and Statement, with their arguments, a
//! modality, a date and a document-level id.
//!
//! The stage runs after coreference, over the entities and references of
//! the entity layer. The policy, in order:
//!
//! 1. **Triggers.** Event rules (`rules/events.rules`, in the one rule
//!    language, with examples and counter-examples that run as tests) find
//!    trigger words and the shapes around them; near-misses ("the meeting
//!    room", "meet the requirements", "an invitation-only gala") are
//!    vetoed there with `unless`. A rule's named captures become roles.
//! 2. **Arguments.** Roles a rule did not capture are attached by code,
//!    by the trigger's frame:
//!    - a verb ("met", "hosted", "invited"): the subject is the nearest
//!      party before it in its clause, past an apposition ("Stoltenberg,
//!      the NATO chief, met"), with the parties coordinated with it ("A
//!      and B met"); the object is the first party after it, past fillers
//!      ("met on Monday with"), with its coordinated parties. A passive
//!      invitation ("B was invited by A") swaps them.
//!    - a noun ("meeting", "talks", "visit", "invitation"): parties after
//!      "between", "with", "of", "from"; a possessive or name before it;
//!      and the subject of a light verb governing it ("A held talks", "A
//!      extended an invitation" — A invites; "B accepted an invitation" —
//!      B is invited; "at the invitation of A" — the clause's subject is).
//!    - Meeting place: "in" or "at" a place, nearest to the trigger in its
//!      sentence. Occasion: a body after "on the sidelines of", "during",
//!      "session of", or a body named for an event ("… Summit", "…
//!      Assembly") after "at" or "in". Invitation destination: "to
//!      (visit|attend|join)? X" after the invitee; "invited to discuss"
//!      has none.
//!
//!    A party is a named entity, a pronoun or role nominal through its
//!    reference (and so its cluster), or a noun phrase with no name
//!    ("Foreign ministers"), which has no cluster unless a body modifies
//!    it ("U.S. officials" speak for the U.S.).
//! 3. **Modality**, from cues between the clause's subject and the
//!    trigger: negated ("did not", "refused to", "cancelled the"), else
//!    hypothetical ("if", "could", "would"), else future ("will",
//!    "expected to", "is to"), else asserted.
//! 4. **Date**: a date in the trigger's sentence outside its dateline,
//!    the nearest one; else the date of another mention of the same
//!    event; else the date of an event mentioned in the same sentence
//!    ("During the meeting, …"); else none — never the document date.
//! 5. **Merging**: mentions of the same kind are one event (one `id`) when
//!    their dates do not differ and their parties agree (one set contains
//!    the other), or, when one names no party, they share an occasion or
//!    place or the later is a definite re-mention ("the talks").
//!    Statements are never merged.
//! 6. **Statements** (`rules/statements.rules`, roles in [`statement`]):
//!    verbs of saying and writing, "according to", "expressed gratitude",
//!    headline and transcript colons, signed and continued quotations. The
//!    speaker is the subject, or the party after an inverted verb ("…,”
//!    said X"), or after "according to"; a spokesperson phrase ("a
//!    spokesman for X", "X's office") is the speaker with X's cluster;
//!    noun phrases without a name ("two people familiar with the talks")
//!    are speakers with their own span. The addressee is the object of
//!    "told"; the content is the quotation or reported clause. A trigger
//!    inside a quotation, inside a name, or in an agentless passive is
//!    dropped, and so is a statement with no speaker.
//!
//! Every word list this code reads is declared once in
//! `rules/lexicon.rules` (see [`lexicon`]).

mod args;
pub(crate) mod lexicon;
mod merge;
mod stage;
mod statement;

pub(crate) use stage::{EventBuffers, EventStage};
