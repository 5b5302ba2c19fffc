//! Sports results and tables: a place that names a team is an organization.
//!
//! News reports results and standings as lines of names and numbers, and a
//! city or county in them stands for its club ("Marlow 2 Quenby 1"). The
//! policy, line by line (a table row is one line):
//!
//! - **standings row**: an optional rank, one name, then three numbers or
//!   more and nothing else ("Quenby Rovers 10 6 2 2 19 9 20");
//! - **results line**: two names or more, each followed by its score, and
//!   nothing else ("Marlow 2 Quenby 1", "Ashby 14.12 ( 96 ) Lowe 9.7 ( 61 )");
//! - **fixture**: two names joined by "v" or "vs" ("Marlow v Quenby"), or a
//!   line that is only two names joined by "at" ("ASHBY AT LOWE").
//!
//! Each name in such a slot becomes an ORG, unless it is a person or
//! already an organization, or a country: national sides are reported by
//! their country's name and read as the country. Once a name has stood for
//! a team, its other mentions in the same document as a place do too
//! ("Marlow beat Quenby" after the table); a mention right after "in" or
//! "near" stays a place.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use crate::document::EntityKind;
use crate::keymap;
use crate::lexicon::word_list;
use crate::span::Span;
use crate::text::{Parsed, Shape, TokenKind, Tokens};

use super::resolve::{self, Candidate, Evidence, Owners};

/// Priority of team names: those of full gazetteer names and name rules.
const TEAM_PRIORITY: i32 = 21;

/// One piece of a line, for matching the table shapes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    /// A run of capitalized words: a name.
    Name(Range<usize>),
    /// A whole number.
    Number,
    /// Any other figure: "108.9", "1,086".
    Figure,
    /// "v", "vs" or "vs.".
    Versus,
    /// "at".
    At,
    /// Any other word or symbol.
    Other,
}

/// Rewrites `kept` (mentions in text order, without overlaps) so that
/// names standing for sports teams are ORG mentions; `is_country` says
/// whether a PLACE mention names a country.
pub(crate) fn sports_teams<'g>(
    doc: &Parsed<'_>,
    mut kept: Vec<Candidate<'g>>,
    given_names: &HashSet<String>,
    is_country: impl Fn(&Candidate) -> bool,
) -> Vec<Candidate<'g>> {
    let tokens = &doc.tokens;
    let owners = Owners::new(&kept);
    // A block of consecutive lines with team slots is a table; it counts
    // when one of its names is a known club, or a place that is no
    // country: a table of unknown names ("Net Income 821 512 565") is more
    // likely a company's accounts.
    let names_a_club = |run: &Range<usize>| {
        run.clone().all(|t| {
            owners.at(t).is_some_and(|o| {
                let m = &kept[o];
                m.tokens == *run
                    && (m.kind == EntityKind::Org
                        || (m.kind == EntityKind::Place && !is_country(m)))
            })
        })
    };
    let mut blocks: Vec<Vec<(Range<usize>, &'static str)>> = Vec::new();
    let mut block: Vec<(Range<usize>, &'static str)> = Vec::new();
    for line in lines(tokens) {
        let found = if may_hold_slots(tokens, line.clone()) {
            team_slots(&items(tokens, line, owners, &kept))
        } else {
            Vec::new()
        };
        if found.is_empty() && !block.is_empty() {
            blocks.push(std::mem::take(&mut block));
        }
        block.extend(found);
    }
    if !block.is_empty() {
        blocks.push(block);
    }
    // A story with a sport's rubric or one table of known clubs is a
    // sports story, and then its every table is one of teams.
    let rubric = sport_rubric(tokens);
    let sports_story = rubric.is_some()
        || blocks
            .iter()
            .any(|block| block.iter().any(|(run, _)| names_a_club(run)));
    if !sports_story {
        return kept;
    }
    let slots: Vec<(Range<usize>, &'static str)> = blocks.into_iter().flatten().collect();
    let mut removed = vec![false; kept.len()];
    let mut added = Vec::new();
    let mut team_keys: HashSet<String> = HashSet::default();
    for (run, rule) in slots {
        let held: Vec<usize> = run.clone().filter_map(|t| owners.at(t)).collect();
        let mentions = || held.iter().map(|&i| &kept[i]);
        if mentions().any(|m| matches!(m.kind, EntityKind::Person | EntityKind::Date)) {
            continue;
        }
        if mentions().any(|m| m.kind == EntityKind::Org) {
            if mentions().all(|m| m.tokens == run) {
                team_keys.insert(key(tokens, run.clone()));
            }
            continue;
        }
        if mentions().any(|m| m.kind == EntityKind::Place && is_country(m)) {
            continue;
        }
        // The mentions inside must lie inside the run: a longer place
        // ("Lowe Park Road") is not this team's name.
        if mentions().any(|m| m.tokens.start < run.start || m.tokens.end > run.end) {
            continue;
        }
        for &i in &held {
            removed[i] = true;
        }
        team_keys.insert(key(tokens, run.clone()));
        added.push(team(tokens, run, rule));
    }
    // In a sports story, other places that are no country name clubs too:
    // the same names elsewhere, "Quenby's striker", "beat Quenby". A place
    // where something happens ("in Quenby", "at Quenby"), a dateline's or
    // a venue's ("Quenby :") stays a place.
    let datelines: Vec<Span> = doc
        .sentences
        .iter()
        .filter_map(|s| s.dateline.map(|d| d.place))
        .collect();
    let mut stayed: Vec<Range<usize>> = Vec::new();
    // Rewritten mentions go in after the loop: `owners` answers for the
    // mentions as they were.
    let mut rewritten: Vec<(usize, Candidate)> = Vec::new();
    for index in 0..kept.len() {
        let mention = &kept[index];
        if removed[index] || mention.kind != EntityKind::Place {
            continue;
        }
        if is_country(mention)
            || mention.source.is_rule("place/dateline")
            || datelines.iter().any(|d| d.overlaps(mention.span))
            || after_place_preposition(tokens, mention.tokens.start)
            || modifies_team_noun(tokens, mention.tokens.end)
            || names_a_venue(tokens, mention.tokens.clone(), owners)
        {
            stayed.push(mention.tokens.clone());
            continue;
        }
        let rule = if team_keys.contains(&key(tokens, mention.tokens.clone())) {
            "org/team/named-again"
        } else {
            "org/team/sports-story"
        };
        // The club's full name: "Quenby" in "Quenby Rovers", "Sporting
        // Quenby" or "the Quenby Hawks" (unless a given name opens it:
        // "Ian Marlow" is a person).
        let joins = |index: usize, neighbour: usize| {
            owners.at(index).is_none()
                && joined_name_word(tokens, index)
                && !tokens.breaks_line_before(index.max(neighbour))
        };
        let mut run = mention.tokens.clone();
        while run.start > 0 && joins(run.start - 1, run.start) {
            run.start -= 1;
        }
        while run.end < tokens.len() && joins(run.end, run.end - 1) {
            run.end += 1;
        }
        // A given name or an initial opening the longer name makes it a
        // person's: "Ian Marlow", "M. Marlow", and "Marlow Okafor" when the
        // place is itself a given name. The place was that person's name.
        if run != mention.tokens
            && (given_names.contains(tokens.key(run.start)) || is_initial(tokens, run.start))
        {
            let mut person = team(tokens, run, "person/name-over-place");
            person.kind = EntityKind::Person;
            rewritten.push((index, person));
            continue;
        }
        // A place named right after a place where something happens is one
        // too: "in Hamilton and Wellington".
        if stays_place_by_coordination(tokens, mention.tokens.start, &stayed) {
            stayed.push(mention.tokens.clone());
            continue;
        }
        // Players of a single-player sport have no home clubs: a place
        // that no result table named as a team stays a place.
        if rubric == Some(Sport::Individual) && rule == "org/team/sports-story" {
            continue;
        }
        rewritten.push((index, team(tokens, run, rule)));
    }
    for (index, mention) in rewritten {
        kept[index] = mention;
    }
    let mut out: Vec<Candidate> = kept
        .into_iter()
        .zip(removed)
        .filter(|(_, removed)| !removed)
        .map(|(mention, _)| mention)
        .collect();
    out.extend(added);
    resolve::sort_by_start(&mut out);
    out
}

fn team(tokens: &Tokens, run: Range<usize>, rule: &'static str) -> Candidate<'static> {
    Candidate::from_rule(
        tokens,
        run,
        EntityKind::Org,
        TEAM_PRIORITY,
        Evidence::Rule,
        rule,
    )
}

fn key(tokens: &Tokens, run: Range<usize>) -> String {
    let mut out = String::new();
    for i in run {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(tokens.key(i));
    }
    out
}

fn after_place_preposition(tokens: &Tokens, index: usize) -> bool {
    index > 0
        && matches!(
            tokens.key_bytes(index - 1),
            b"in" | b"near" | b"at" | b"from"
        )
}

/// True when the token at `index` is a lowercase noun for a team that the
/// place before it modifies: "the Quenby club", "the Marlow side" name the
/// club by its town, and the town stays a place.
fn modifies_team_noun(tokens: &Tokens, index: usize) -> bool {
    index < tokens.len()
        && tokens[index].shape == Shape::Lower
        && matches!(
            tokens.key_bytes(index),
            b"club" | b"side" | b"team" | b"outfit"
        )
}

/// True when the token before `start` is "and", "or" or a comma that
/// follows a place that `stayed` a place.
fn stays_place_by_coordination(tokens: &Tokens, start: usize, stayed: &[Range<usize>]) -> bool {
    start >= 2
        && matches!(tokens.key_bytes(start - 1), b"and" | b"or" | b",")
        && stayed.iter().any(|place| place.end == start - 1)
}

/// A place followed by a date ("AKRON , Ohio 2024-08-22"), or a line's
/// opening place followed by a colon (the venue of the results below it)
/// or by a comma and a region ("LEEDS , England"): a dateline or a venue.
fn names_a_venue(tokens: &Tokens, run: Range<usize>, owners: Owners<'_>) -> bool {
    let line_start = tokens.breaks_line_before(run.start);
    let next =
        |offset: usize| (run.end + offset < tokens.len()).then(|| tokens.key(run.end + offset));
    let date_follows = owners
        .mention_at(run.end)
        .is_some_and(|m| m.kind == EntityKind::Date);
    // "London ( Ashby Park ) :", a ground in brackets after its town.
    let ground_in_brackets =
        next(0) == Some("(") && (1..=5).any(|k| next(k) == Some(")") && next(k + 1) == Some(":"));
    // "( Leeds ) :" and "( at Ashby Park , Leeds )": a town after its
    // ground.
    let previous = |offset: usize| run.start.checked_sub(offset).map(|i| tokens.key(i));
    let in_brackets_opened_by_at = (2..=6)
        .find(|&k| previous(k) == Some("("))
        .is_some_and(|k| previous(k - 1) == Some("at") && (1..k).all(|j| previous(j) != Some(")")));
    let town_of_ground = (previous(1) == Some("(") && next(0) == Some(")") && next(1) == Some(":"))
        || (in_brackets_opened_by_at && next(0) == Some(")"));
    date_follows
        || town_of_ground
        || (line_start
            && (next(0) == Some(":")
                || ground_in_brackets
                || (next(0) == Some(",")
                    && tokens
                        .get(run.end + 1)
                        .is_some_and(|t| matches!(t.shape, Shape::Capitalized | Shape::AllCaps)))))
}

/// "M." or "J.": one capital letter and a period.
fn is_initial(tokens: &Tokens, index: usize) -> bool {
    let key = tokens.key(index).as_bytes();
    key.len() == 2 && key[0].is_ascii_alphabetic() && key[1] == b'.'
}

/// A capitalized word on the same line as its neighbour, with no
/// punctuation between: part of the same name.
fn joined_name_word(tokens: &Tokens, index: usize) -> bool {
    tokens[index].kind == TokenKind::Word
        && matches!(tokens[index].shape, Shape::Capitalized | Shape::Mixed)
        && !word_list!("starter").contains(tokens.key(index))
}

/// The kind of sport a story's rubric names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sport {
    /// Played by clubs: "SOCCER", "CRICKET".
    Team,
    /// Played by single players: "ATHLETICS", "TENNIS".
    Individual,
}

/// The sport when the text's first line opens with a sport's name and a
/// dash: "SOCCER - …", "Tennis-…", "ICE HOCKEY - …".
fn sport_rubric(tokens: &Tokens) -> Option<Sport> {
    (1..=2)
        .filter(|&words| tokens.len() > words && tokens.key_is(words, "-"))
        .find_map(|words| {
            (0..words).find_map(|i| {
                let key = tokens.key(i);
                if word_list!("teamsport").contains(key) {
                    Some(Sport::Team)
                } else if word_list!("individualsport").contains(key) {
                    Some(Sport::Individual)
                } else {
                    None
                }
            })
        })
}

/// Token ranges of the text's lines (a line break between two tokens
/// starts a new one).
fn lines(tokens: &Tokens) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for index in 1..tokens.len() {
        if tokens.breaks_line_before(index) {
            out.push(start..index);
            start = index;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// False when the line can hold no team slot (see [`team_slots`]), and
/// need not be itemized. A slot needs a number (a score or a standings
/// figure), "v" or "at"; and every shape but "name v name" needs a line
/// of names and figures alone, which a lowercase word other than those and
/// the joiners of club names ("Vasco da Gama") rules out. Lines of prose
/// have such words.
fn may_hold_slots(tokens: &Tokens, line: Range<usize>) -> bool {
    let is_versus = |key: &[u8]| matches!(key, b"v" | b"vs" | b"vs.");
    let mut slot_word = false;
    for index in line.clone() {
        let token = &tokens[index];
        if token.kind == TokenKind::Number {
            slot_word = true;
            continue;
        }
        match tokens.key_bytes(index) {
            key if is_versus(key) => return true,
            b"at" => slot_word = true,
            key => {
                if token.kind == TokenKind::Word
                    && token.shape == Shape::Lower
                    && !is_name_joiner(key)
                {
                    // Prose: only "name v name" is left to find, over
                    // the rest of the line's packed keys (a whole
                    // paragraph of prose, in an article). A packed key's
                    // lowest byte is its first: one compare of it rules
                    // out nearly every word (three of the whole key cost
                    // 0.4 M instructions more over 118 articles).
                    const V: u64 = keymap::packed(b"v");
                    const VS: u64 = keymap::packed(b"vs");
                    const VS_DOT: u64 = keymap::packed(b"vs.");
                    return tokens
                        .packed_keys(index + 1..line.end)
                        .iter()
                        .any(|&key| key as u8 == b'v' && matches!(key, V | VS | VS_DOT));
                }
            }
        }
    }
    slot_word
}

/// A word that can be part of a team's name: capitalized, in capitals, or
/// of mixed case ("VfL").
fn is_name_word(tokens: &Tokens, index: usize) -> bool {
    tokens[index].kind == TokenKind::Word
        && tokens[index].shape.has_uppercase()
        && !matches!(tokens.key_bytes(index), b"v" | b"vs" | b"vs." | b"at")
}

/// Lowercase words inside club names ("Vasco da Gama") and glued hyphens
/// ("Weston-super-Mare").
fn joins_name(tokens: &Tokens, index: usize) -> bool {
    is_name_joiner(tokens.key_bytes(index))
        || (tokens.key_is(index, "-") && !tokens[index].space_before)
}

/// The lowercase words inside club names ("Vasco da Gama").
fn is_name_joiner(key: &[u8]) -> bool {
    matches!(key, b"da" | b"de" | b"del" | b"do" | b"of" | b"&")
}

/// The line as items. A name run stops at a mention's edge, so a date
/// ("May 17") or a person stays one item of its own.
fn items(tokens: &Tokens, line: Range<usize>, owners: Owners<'_>, kept: &[Candidate]) -> Vec<Item> {
    // A person or a date bounds a name run; a place may grow into a
    // club's longer name ("Quenby" in "Quenby Rovers").
    let bound = |t: usize| {
        owners
            .at(t)
            .filter(|&o| matches!(kept[o].kind, EntityKind::Person | EntityKind::Date))
    };
    let mut out = Vec::new();
    let mut index = line.start;
    while index < line.end {
        let token = &tokens[index];
        if is_name_word(tokens, index) {
            let mut end = index + 1;
            while end < line.end && bound(end) == bound(index) {
                if is_name_word(tokens, end) {
                    end += 1;
                } else if end + 1 < line.end
                    && joins_name(tokens, end)
                    && bound(end + 1) == bound(index)
                    && is_name_word(tokens, end + 1)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            let date = bound(index).is_some_and(|o| kept[o].kind == EntityKind::Date);
            out.push(if date {
                Item::Other
            } else {
                Item::Name(index..end)
            });
            index = end;
            continue;
        }
        let item = match (token.kind, tokens.key(index)) {
            // A shirt number before its player ("3 - Ana Velkova") is no
            // score.
            (TokenKind::Number, _) if is_shirt_number(tokens, index, line.end) => Item::Other,
            // A date's digits ("1996-08-22") are no score; a standings row
            // needs whole numbers (a figure such as "1,086" or "0.31" alone
            // is more likely accounts).
            (TokenKind::Number, key) if owners.at(index).is_none() => {
                if key.bytes().all(|b| b.is_ascii_digit()) {
                    Item::Number
                } else {
                    Item::Figure
                }
            }
            (TokenKind::Word, "v" | "vs" | "vs.") => Item::Versus,
            (TokenKind::Word, "at") => Item::At,
            (TokenKind::Punct, _) => {
                index += 1;
                continue;
            }
            _ => Item::Other,
        };
        out.push(item);
        index += 1;
    }
    out
}

/// True when the number at `index` is followed by a spaced hyphen and a
/// name, as a team sheet numbers its players ("3 - Ana Velkova ;").
fn is_shirt_number(tokens: &Tokens, index: usize, end: usize) -> bool {
    index + 2 < end
        && tokens.key_is(index + 1, "-")
        && tokens[index + 1].space_before
        && is_name_word(tokens, index + 2)
}

/// The names of a line that stand in a team's slot, with the rule that
/// says so.
fn team_slots(items: &[Item]) -> Vec<(Range<usize>, &'static str)> {
    let mut out = Vec::new();
    let name = |item: &Item| match item {
        Item::Name(run) => Some(run.clone()),
        _ => None,
    };
    // Standings row: rank? name number{3,}.
    let body = match items {
        [Item::Number, rest @ ..] => rest,
        _ => items,
    };
    let is_figure = |i: &Item| matches!(i, Item::Number | Item::Figure);
    if let [Item::Name(run), numbers @ ..] = body
        && numbers.iter().filter(|i| **i == Item::Number).count() >= 3
        && numbers.iter().all(is_figure)
    {
        out.push((run.clone(), "org/team/standings"));
        return out;
    }
    // Results line: (name number+){2,}.
    let mut names = Vec::new();
    let mut index = 0;
    let mut results = !items.is_empty();
    while index < items.len() {
        let Some(run) = name(&items[index]) else {
            results = false;
            break;
        };
        let scores = items[index + 1..]
            .iter()
            .take_while(|i| is_figure(i))
            .count();
        if scores == 0 {
            results = false;
            break;
        }
        names.push(run);
        index += 1 + scores;
    }
    if results && names.len() >= 2 {
        out.extend(names.into_iter().map(|run| (run, "org/team/results")));
        return out;
    }
    // Fixture: a whole line "visitors at venue"; the venue is a place.
    if let [Item::Name(visitors), Item::At, Item::Name(_venue)] = items {
        out.push((visitors.clone(), "org/team/fixture"));
        return out;
    }
    // Fixture: "name v name" anywhere.
    for window in items.windows(3) {
        if let [Item::Name(home), Item::Versus, Item::Name(away)] = window {
            out.push((home.clone(), "org/team/fixture"));
            out.push((away.clone(), "org/team/fixture"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Owners, items, may_hold_slots, team_slots};
    use crate::Extractor;
    use crate::text::tokenize;
    use std::sync::LazyLock;

    /// The filter only skips lines that hold no slot: on lines made of
    /// every kind of item, a line it refuses gives no slot when itemized.
    #[test]
    fn lines_refused_by_the_slot_filter_hold_no_slot() {
        let words = [
            "Quenby", "Rovers", "FC", "Vasco", "da", "Gama", "of", "&", "3", "2", "1,086", "0.31",
            "v", "vs", "vs.", "at", "AT", "beat", "the", "won", "-", ",", ":", "(", "€",
        ];
        let mut state = 11u64;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        let (mut refused, mut slotted) = (0, 0);
        for _ in 0..20_000 {
            let line: Vec<&str> = (0..1 + next(8)).map(|_| words[next(words.len())]).collect();
            let text = line.join(" ");
            let tokens = tokenize(&text);
            let all = 0..tokens.len();
            let slots = team_slots(&items(&tokens, all.clone(), Owners::new(&[]), &[]));
            slotted += usize::from(!slots.is_empty());
            if !may_hold_slots(&tokens, all) {
                refused += 1;
                assert!(slots.is_empty(), "{text:?} holds {slots:?}");
            }
        }
        // Both sides are exercised.
        assert!(
            refused > 5_000 && slotted > 200,
            "{refused} refused, {slotted} slotted"
        );
    }

    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

    /// (case, text, expected (text, type) of the entities named)
    type Case = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );

    const CASES: &[Case] = &[
        (
            "results line",
            "Results on Saturday:\nLeeds 2 Norwich 1\nIpswich 0 Reading 3\n",
            &[
                ("Leeds", "ORG"),
                ("Norwich", "ORG"),
                ("Ipswich", "ORG"),
                ("Reading", "ORG"),
            ],
        ),
        (
            "standings row with a rank",
            "Standings:\n1. Leeds 10 7 2 1 20\n2. Norwich 10 6 2 2 18\n",
            &[("Leeds", "ORG"), ("Norwich", "ORG")],
        ),
        (
            "fixture with v",
            "Saturday's games: Leeds v Norwich, Ipswich v Reading.",
            &[
                ("Leeds", "ORG"),
                ("Norwich", "ORG"),
                ("Ipswich", "ORG"),
                ("Reading", "ORG"),
            ],
        ),
        (
            "a county in a cricket story is its club, a country its national side",
            "CRICKET - COUNTY SCORES.\nKent beat Sussex by six wickets in the match at Canterbury.\nIndia play England next.\n",
            &[
                ("Kent", "ORG"),
                ("Sussex", "ORG"),
                ("Canterbury", "PLACE"),
                ("India", "PLACE"),
                ("England", "PLACE"),
            ],
        ),
        (
            "a player whose surname is a town, by initial or given name",
            "CRICKET - SCORES.\nKent 200 ( M. Marlow 57 , Ian Marlow 12 ) v Sussex .\n",
            &[
                ("Kent", "ORG"),
                ("M. Marlow", "PERSON"),
                ("Ian Marlow", "PERSON"),
                ("Sussex", "ORG"),
            ],
        ),
        (
            "a story on a sport of single players keeps its places",
            "ATHLETICS - RECORD FALLS.\nCrowds at the Leeds grand prix cheered Tomas Reyes.\n",
            &[("Leeds", "PLACE"), ("Tomas Reyes", "PERSON")],
        ),
        (
            "a town named with its ground stays a place",
            "CRICKET - FIXTURES.\nMay 2 Third test ( at Ashby Park , Leeds )\nLeeds ( Ashby Park ) : Kent 200 , Sussex 150\n",
            &[
                ("Ashby Park", "PLACE"),
                ("Leeds", "PLACE"),
                ("Leeds", "PLACE"),
                ("Kent", "ORG"),
                ("Sussex", "ORG"),
            ],
        ),
        (
            "a town before 'club' or 'side' stays a place",
            "SOCCER - LEEDS WIN.\nThe Leeds side beat Norwich, and the Norwich club sacked its coach.\n",
            &[
                ("LEEDS", "ORG"),
                ("Leeds", "PLACE"),
                ("Norwich", "ORG"),
                ("Norwich", "PLACE"),
            ],
        ),
        (
            "fixture line with at: the visitors, then the venue",
            "Games on Sunday:\nBOSTON AT DENVER\n",
            &[("BOSTON", "ORG"), ("DENVER", "PLACE")],
        ),
        (
            "a team sheet's shirt numbers are no scores",
            "SOCCER - FRIENDLY.\nTeams:\nFrance - 1 - Tomas Reyes ; 2 - Quillan Ostrowe , 5 - Dan Kerr ( 12 - Sam Dube 46th )\n",
            &[
                ("France", "PLACE"),
                ("Tomas Reyes", "PERSON"),
                ("Quillan Ostrowe", "PERSON"),
                ("Dan Kerr", "PERSON"),
                ("Sam Dube", "PERSON"),
            ],
        ),
        (
            "a team named again in prose; the venue after in stays a place",
            "Leeds 2 Norwich 1\nLeeds beat Norwich in Leeds on Saturday.\n",
            &[
                ("Leeds", "ORG"),
                ("Norwich", "ORG"),
                ("Leeds", "ORG"),
                ("Norwich", "ORG"),
                ("Leeds", "PLACE"),
            ],
        ),
        (
            "a sports story by its rubric: clubs, and places where games are",
            "SOCCER - NEW COACH FOR NORWICH\nLeeds beat Norwich on Saturday. The next games are in Hamilton and Wellington.\n",
            &[
                ("NORWICH", "ORG"),
                ("Leeds", "ORG"),
                ("Norwich", "ORG"),
                ("Hamilton", "PLACE"),
                ("Wellington", "PLACE"),
            ],
        ),
        (
            "a club's full name",
            "SOCCER - RESULT\nThe Ipswich Hawks lost at home.\n",
            &[("Ipswich Hawks", "ORG")],
        ),
        (
            "national sides stay their country",
            "Results:\nItaly 2 Norway 1\n",
            &[("Italy", "PLACE"), ("Norway", "PLACE")],
        ),
        (
            "prose without a table keeps places",
            "Officials from Leeds and Norwich met on Saturday.",
            &[("Leeds", "PLACE"), ("Norwich", "PLACE")],
        ),
        (
            "a date and a number are no result",
            "Leeds, May 17 - Rain fell in Norwich 3 times.",
            &[("Leeds", "PLACE"), ("Norwich", "PLACE")],
        ),
    ];

    #[test]
    fn places_in_results_and_tables_are_teams() {
        let mut failures = Vec::new();
        for &(case, text, expected) in CASES {
            let doc = EXTRACTOR.extract(text);
            let found: Vec<(&str, &str)> = doc
                .entities()
                .iter()
                .filter(|e| matches!(e.kind.as_str(), "PERSON" | "ORG" | "PLACE"))
                .map(|e| (&text[e.span], e.kind.as_str()))
                .collect();
            if found != expected {
                failures.push(format!(
                    "{case}: {text:?}\n  expected {expected:?}\n  found    {found:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// (case, text) where no organization is to be found.
    const NO_TEAMS: &[(&str, &str)] = &[
        (
            "players with their countries in a draw",
            "Second round:\nTomas Berdan ( Norway ) vs. Ivo Marten ( Italy )\n",
        ),
        (
            "a dateline with a numeric date",
            "Rain in the north.\nLEEDS 2024-08-22\nRain fell in Leeds.\n",
        ),
        (
            "a company's accounts",
            "Results in millions:\nNet Income 821 512 565\nOperating Costs 906 962 599\n",
        ),
    ];

    #[test]
    fn lines_of_names_and_numbers_that_are_no_sports_table_give_no_team() {
        let mut failures = Vec::new();
        for &(case, text) in NO_TEAMS {
            let doc = EXTRACTOR.extract(text);
            let orgs: Vec<&str> = doc
                .entities()
                .iter()
                .filter(|e| e.kind.as_str() == "ORG")
                .map(|e| &text[e.span])
                .collect();
            if !orgs.is_empty() {
                failures.push(format!("{case}: {text:?}: found {orgs:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
