//! Merging: every mention of the same real-world event gets one id, and a
//! mention without a date takes the date of the event it belongs to.

use std::collections::BTreeSet;

use crate::document::{Event, EventKind, Role};

use super::lexicon::Lexicon;
use crate::text::Parsed;

/// The clusters of an event's parties (participants, inviter and invitee,
/// speaker), and of its occasion and place: the facts two mentions must
/// share to be one event.
struct Facts<'a> {
    parties: BTreeSet<&'a str>,
    setting: BTreeSet<&'a str>,
    definite: bool,
}

fn facts<'a>(event: &'a Event, doc: &Parsed<'_>, lexicon: &Lexicon) -> Facts<'a> {
    let mut parties = BTreeSet::new();
    let mut setting = BTreeSet::new();
    if event.kind == EventKind::Statement {
        // never merged (see `same_event`): most events, and nothing to learn
        return Facts {
            parties,
            setting,
            definite: false,
        };
    }
    for argument in &event.arguments {
        let Some(cluster) = argument.entity.as_deref() else {
            continue;
        };
        match argument.role {
            Role::Participant | Role::Inviter | Role::Invitee | Role::Speaker => {
                parties.insert(cluster);
            }
            Role::Occasion | Role::Place | Role::Destination => {
                setting.insert(cluster);
            }
            _ => {}
        }
    }
    // "the meeting", "that visit": a definite noun refers back
    let before = doc.text[..event.trigger.start].trim_end();
    let last_word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let definite = matches!(
        last_word.as_str(),
        "the" | "that" | "this" | "these" | "those"
    ) && lexicon
        .meeting_nouns
        .contains(&doc.text[event.trigger].to_lowercase())
        || lexicon
            .invitation_nouns
            .contains(&doc.text[event.trigger].to_lowercase())
            && matches!(last_word.as_str(), "the" | "that" | "this");
    Facts {
        parties,
        setting,
        definite,
    }
}

/// How many earlier mentions a mention is compared with.
const MERGE_WINDOW: usize = 64;

/// Two mentions are one event when they are of the same kind, their dates
/// do not differ, and either their parties agree (one set contains the
/// other, and both are known) or, where one side names no party, they
/// share their setting or the later one is a definite re-mention ("the
/// talks"). Statements are never merged: each act of saying is its own.
fn same_event(a: &Event, fa: &Facts<'_>, b: &Event, fb: &Facts<'_>) -> bool {
    if a.kind != b.kind || a.kind == EventKind::Statement {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.date, &b.date)
        && x != y
    {
        return false;
    }
    if !fa.parties.is_empty() && !fb.parties.is_empty() {
        return fa.parties.is_subset(&fb.parties) || fb.parties.is_subset(&fa.parties);
    }
    if fa.parties.is_empty()
        && fb.parties.is_empty()
        && fa.setting.is_empty()
        && fb.setting.is_empty()
    {
        return fb.definite;
    }
    !fa.setting.is_disjoint(&fb.setting) || fb.definite
}

/// Gives every event an id (`meeting-1`, `invitation-2`, …, numbered per
/// kind in text order) shared with the earlier mentions of the same event,
/// and passes dates between the mentions of one event: a mention without
/// a date takes its event's. Then an event whose sentence holds the
/// mention of another event ("During the meeting, …") takes that event's
/// date when it has none.
pub(crate) fn assign_ids(events: &mut [Event], doc: &Parsed<'_>, lexicon: &Lexicon) {
    let facts: Vec<Facts<'_>> = events.iter().map(|e| facts(e, doc, lexicon)).collect();
    let mut group: Vec<usize> = (0..events.len()).collect();
    for later in 0..events.len() {
        // Statements are never merged (see `same_event`).
        if events[later].kind == EventKind::Statement {
            continue;
        }
        // Only recent mentions are compared, so a page of triggers stays
        // linear; a story refers back within far fewer events than this.
        for earlier in (later.saturating_sub(MERGE_WINDOW)..later).rev() {
            let root = group[earlier];
            if same_event(
                &events[earlier],
                &facts[earlier],
                &events[later],
                &facts[later],
            ) && same_event(&events[root], &facts[root], &events[later], &facts[later])
            {
                group[later] = root;
                break;
            }
        }
    }
    drop(facts);
    let mut numbers: Vec<(EventKind, usize)> = Vec::new();
    let mut ids: Vec<String> = vec![String::new(); events.len()];
    for index in 0..events.len() {
        let root = group[index];
        if root == index {
            let kind = events[index].kind;
            let n = match numbers.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    numbers.push((kind, 1));
                    1
                }
            };
            let name = kind.as_str();
            let mut id = String::with_capacity(name.len() + 4);
            // lowercased as one ASCII string, not char by char
            id.push_str(name);
            id.make_ascii_lowercase();
            id.push('-');
            crate::push_decimal(&mut id, n);
            ids[index] = id;
        } else {
            ids[index] = ids[root].clone();
        }
    }
    for (event, id) in events.iter_mut().zip(ids) {
        event.id = id;
    }
    // one date per event: the first mention's that has one (an event is
    // its group's root)
    let mut dates: Vec<Option<jiff::civil::Date>> = vec![None; events.len()];
    for (event, &root) in events.iter().zip(&group) {
        if let Some(date) = event.date {
            dates[root].get_or_insert(date);
        }
    }
    for (event, &root) in events.iter_mut().zip(&group) {
        if event.date.is_none() {
            event.date = dates[root];
        }
    }
    // "During the meeting, A invited B": the containing event's date.
    // Events are in text order, so those of one sentence are neighbours.
    for index in 0..events.len() {
        if events[index].date.is_some() {
            continue;
        }
        let sentence = events[index].sentence;
        let first = events.partition_point(|e| e.trigger.start < sentence.start);
        let date = events[first..]
            .iter()
            .take_while(|e| e.trigger.start < sentence.end)
            .filter(|e| e.id != events[index].id && sentence.contains(e.trigger))
            .find_map(|e| e.date);
        events[index].date = date;
    }
}
