//! End-to-end event stories: short news-style texts written for these tests,
//! with the Meeting, Invitation and Statement events `Extractor::default()`
//! must find in them. The stories live in plain-text fixtures,
//! `tests/fixtures/events/*.stories`; the format is documented at the top of
//! each fixture file and in `parse` below.
//!
//! Every story is run and every failing story is reported at once, with the
//! text, the expected events, the produced events (in the fixture format, so
//! they can be pasted back) and the entity clusters they refer to.
//!
//! `HERALD_STORY=substring cargo test --test it event_stories` runs only the
//! stories whose name contains the substring.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use herald::{Argument, Document, Event, EventKind, Extractor, Modality, Role};
use jiff::civil::Date;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

// -----------------------------------------------------------
// The fixture model.

/// A quoted text an expected trigger or argument must have: `"x"` equal to
/// it, `~"x"` containing it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pattern {
    Exact(String),
    Contains(String),
}

impl Pattern {
    fn text(&self) -> &str {
        match self {
            Pattern::Exact(text) | Pattern::Contains(text) => text,
        }
    }

    fn matches(&self, text: &str) -> bool {
        match self {
            Pattern::Exact(expected) => text == expected,
            Pattern::Contains(expected) => text.contains(expected.as_str()),
        }
    }
}

impl std::fmt::Display for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pattern::Exact(text) => write!(f, "{}", quote(text)),
            Pattern::Contains(text) => write!(f, "~{}", quote(text)),
        }
    }
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// What an expectation says about the event date.
#[derive(Clone, Debug, PartialEq, Eq)]
enum DateCheck {
    /// Nothing written: not checked.
    Unchecked,
    /// `nodate`: the event must have no date.
    Absent,
    /// `YYYY-MM-DD`: the event must have this date.
    Is(String),
}

/// One `event` block.
#[derive(Clone, Debug)]
struct Expected {
    line: usize,
    kind: EventKind,
    trigger: Pattern,
    /// `None` when not written: not checked.
    modality: Option<Modality>,
    date: DateCheck,
    /// `id=LABEL`: events with the same label share an id, others differ.
    label: Option<String>,
    /// Listed roles with their expected arguments, in the order written. A
    /// role written as `ROLE -` has no arguments.
    roles: Vec<(Role, Vec<Pattern>)>,
}

/// One `story` block.
#[derive(Clone, Debug)]
struct Story {
    file: String,
    line: usize,
    name: String,
    date: Option<Date>,
    text: String,
    events: Vec<Expected>,
    /// `none KIND`: no produced event of these kinds.
    none: Vec<(usize, EventKind)>,
    /// `only`: no produced events beyond the expected ones.
    only: bool,
}

const KINDS: [(&str, EventKind); 3] = [
    ("Meeting", EventKind::Meeting),
    ("Invitation", EventKind::Invitation),
    ("Statement", EventKind::Statement),
];

const ROLES: [(&str, Role, EventKind); 9] = [
    ("participant", Role::Participant, EventKind::Meeting),
    ("place", Role::Place, EventKind::Meeting),
    ("occasion", Role::Occasion, EventKind::Meeting),
    ("inviter", Role::Inviter, EventKind::Invitation),
    ("invitee", Role::Invitee, EventKind::Invitation),
    ("destination", Role::Destination, EventKind::Invitation),
    ("speaker", Role::Speaker, EventKind::Statement),
    ("addressee", Role::Addressee, EventKind::Statement),
    ("content", Role::Content, EventKind::Statement),
];

const MODALITIES: [(&str, Modality); 4] = [
    ("asserted", Modality::Asserted),
    ("negated", Modality::Negated),
    ("future", Modality::Future),
    ("hypothetical", Modality::Hypothetical),
];

fn kind_name(kind: EventKind) -> &'static str {
    KINDS
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("?", |(name, _)| name)
}

fn role_name(role: Role) -> &'static str {
    ROLES
        .iter()
        .find(|(_, r, _)| *r == role)
        .map_or("?", |(name, _, _)| name)
}

fn modality_name(modality: Modality) -> &'static str {
    MODALITIES
        .iter()
        .find(|(_, m)| *m == modality)
        .map_or("?", |(name, _)| name)
}

// -----------------------------------------------------------
// The parser.

/// Splits the rest of an `event` or role line into words and quoted
/// patterns. A pattern is `"…"` or `~"…"`, with `\"` and `\\` escapes.
#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Pattern(Pattern),
}

fn tokens(rest: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = rest.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let contains = c == '~';
        if contains {
            chars.next();
            if chars.peek() != Some(&'"') {
                return Err("`~` must be followed by a quoted text".into());
            }
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut text = String::new();
            loop {
                match chars.next() {
                    None => return Err("unterminated quoted text".into()),
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(escaped @ ('"' | '\\')) => text.push(escaped),
                        _ => return Err("only \\\" and \\\\ are escapes".into()),
                    },
                    Some(other) => text.push(other),
                }
            }
            if text.is_empty() {
                return Err("empty quoted text".into());
            }
            out.push(Token::Pattern(if contains {
                Pattern::Contains(text)
            } else {
                Pattern::Exact(text)
            }));
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            out.push(Token::Word(word));
        }
    }
    Ok(out)
}

/// Parses one fixture file. Errors read `FILE:LINE: message`.
///
/// Lines (leading whitespace is ignored; indentation is for readers):
///
/// - `# …` and blank lines: ignored.
/// - `story NAME`: starts a story.
/// - `date YYYY-MM-DD`: the document date (optional).
/// - `text LINE`: a line of the text; lines are joined by "\n", a bare
///   `text` is an empty line (a paragraph break).
/// - `event KIND TRIGGER [MODALITY] [YYYY-MM-DD | nodate] [id=LABEL]`: an
///   expected event; TRIGGER is `"…"` (equal) or `~"…"` (contains).
/// - `ROLE "TEXT"` / `ROLE ~"TEXT"` / `ROLE -` under an event: its
///   arguments of that role, exactly as a set (`-`: none).
/// - `none KIND`: no event of that kind; `only`: no events beyond those
///   expected.
fn parse(file: &str, source: &str) -> Result<Vec<Story>, String> {
    let mut stories: Vec<Story> = Vec::new();
    let mut names = BTreeSet::new();
    let mut has_text = false;
    // (event line, role) of every `ROLE -` line.
    let mut dashed: BTreeSet<(usize, Role)> = BTreeSet::new();
    let finish = |story: Option<&Story>, has_text: bool| -> Result<(), String> {
        if let Some(story) = story {
            let at = format!("{file}:{}", story.line);
            if !has_text {
                return Err(format!("{at}: story {} has no text", story.name));
            }
            if story.events.is_empty() && story.none.is_empty() {
                return Err(format!(
                    "{at}: story {} expects nothing (write `event` or `none`)",
                    story.name
                ));
            }
        }
        Ok(())
    };
    for (index, raw) in source.lines().enumerate() {
        let line = index + 1;
        let at = |message: String| format!("{file}:{line}: {message}");
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (keyword, rest) = trimmed
            .split_once(' ')
            .map_or((trimmed.trim_end(), ""), |(k, r)| (k, r));
        if keyword == "story" {
            finish(stories.last(), has_text)?;
            let name = rest.trim();
            if name.is_empty() || name.contains(char::is_whitespace) {
                return Err(at("a story needs one name without spaces".into()));
            }
            if !names.insert(name.to_owned()) {
                return Err(at(format!("story {name} is defined twice")));
            }
            stories.push(Story {
                file: file.to_owned(),
                line,
                name: name.to_owned(),
                date: None,
                text: String::new(),
                events: Vec::new(),
                none: Vec::new(),
                only: false,
            });
            has_text = false;
            continue;
        }
        let Some(story) = stories.last_mut() else {
            return Err(at(format!("`{keyword}` before the first `story`")));
        };
        match keyword {
            "date" => {
                if story.date.is_some() {
                    return Err(at("a second `date`".into()));
                }
                let date: Date = rest
                    .trim()
                    .parse()
                    .map_err(|e| at(format!("bad date {:?}: {e}", rest.trim())))?;
                story.date = Some(date);
            }
            "text" => {
                if has_text {
                    story.text.push('\n');
                }
                story.text.push_str(rest.trim_end());
                has_text = true;
            }
            "only" => {
                if !rest.trim().is_empty() {
                    return Err(at("`only` takes nothing".into()));
                }
                story.only = true;
            }
            "none" => {
                let kind = KINDS
                    .iter()
                    .find(|(name, _)| *name == rest.trim())
                    .map(|(_, kind)| *kind)
                    .ok_or_else(|| at(format!("unknown event kind {:?}", rest.trim())))?;
                story.none.push((line, kind));
            }
            "event" => {
                let mut words = tokens(rest).map_err(at)?.into_iter();
                let kind = match words.next() {
                    Some(Token::Word(word)) => KINDS
                        .iter()
                        .find(|(name, _)| *name == word)
                        .map(|(_, kind)| *kind)
                        .ok_or_else(|| at(format!("unknown event kind {word:?}")))?,
                    _ => return Err(at("`event` needs a kind".into())),
                };
                let Some(Token::Pattern(trigger)) = words.next() else {
                    return Err(at("`event KIND` needs a quoted trigger".into()));
                };
                let mut expected = Expected {
                    line,
                    kind,
                    trigger,
                    modality: None,
                    date: DateCheck::Unchecked,
                    label: None,
                    roles: Vec::new(),
                };
                for token in words {
                    let Token::Word(word) = token else {
                        return Err(at("one quoted trigger per event".into()));
                    };
                    if let Some((_, modality)) = MODALITIES.iter().find(|(n, _)| *n == word) {
                        if expected.modality.replace(*modality).is_some() {
                            return Err(at("a second modality".into()));
                        }
                    } else if word == "nodate" || word.parse::<Date>().is_ok() {
                        if expected.date != DateCheck::Unchecked {
                            return Err(at("a second date".into()));
                        }
                        expected.date = if word == "nodate" {
                            DateCheck::Absent
                        } else {
                            DateCheck::Is(word)
                        };
                    } else if let Some(label) = word.strip_prefix("id=") {
                        if label.is_empty() || expected.label.is_some() {
                            return Err(at("one non-empty id=LABEL per event".into()));
                        }
                        expected.label = Some(label.to_owned());
                    } else {
                        return Err(at(format!(
                            "unknown word {word:?} (expected a modality, a date, nodate or id=LABEL)"
                        )));
                    }
                }
                story.events.push(expected);
            }
            _ => {
                let Some(&(_, role, role_kind)) = ROLES.iter().find(|(n, _, _)| *n == keyword)
                else {
                    return Err(at(format!("unknown keyword {keyword:?}")));
                };
                let Some(event) = story.events.last_mut() else {
                    return Err(at(format!("role `{keyword}` outside an event")));
                };
                if role_kind != event.kind {
                    return Err(at(format!(
                        "{} has no role `{keyword}`",
                        kind_name(event.kind)
                    )));
                }
                let position = match event.roles.iter().position(|(r, _)| *r == role) {
                    Some(position) => position,
                    None => {
                        event.roles.push((role, Vec::new()));
                        event.roles.len() - 1
                    }
                };
                let dashed_key = (event.line, role);
                let mut words = tokens(rest).map_err(at)?;
                match (words.pop(), words.is_empty()) {
                    (Some(Token::Word(dash)), true) if dash == "-" => {
                        if !event.roles[position].1.is_empty() {
                            return Err(at(format!("`{keyword} -` after `{keyword}` arguments")));
                        }
                        // Listed with no patterns: the role must be empty.
                        dashed.insert(dashed_key);
                    }
                    (Some(Token::Pattern(pattern)), true) => {
                        if dashed.contains(&dashed_key) {
                            return Err(at(format!("`{keyword}` arguments after `{keyword} -`")));
                        }
                        event.roles[position].1.push(pattern);
                    }
                    _ => return Err(at(format!("`{keyword}` needs one quoted text or `-`"))),
                }
            }
        }
    }
    finish(stories.last(), has_text)?;
    Ok(stories)
}

// -----------------------------------------------------------
// Matching produced events against expectations.

fn slice(doc: &Document, span: herald::Span) -> &str {
    doc.text().get(span.range()).unwrap_or("")
}

/// Whether a produced argument stands for the expected text: its own text
/// matches, or (for `"…"`) its cluster is shared by an entity or reference
/// whose text equals it.
fn argument_matches(doc: &Document, argument: &Argument, pattern: &Pattern) -> bool {
    if pattern.matches(slice(doc, argument.span())) {
        return true;
    }
    let (Pattern::Exact(text), Some(cluster)) = (pattern, argument.entity()) else {
        return false;
    };
    doc.entities()
        .iter()
        .any(|e| e.cluster() == cluster && slice(doc, e.span()) == text)
        || doc
            .references()
            .iter()
            .any(|r| r.cluster() == cluster && slice(doc, r.span()) == text)
}

/// A maximum matching of expected patterns to arguments (Kuhn's algorithm);
/// returns the unmatched pattern and argument indexes.
fn match_sets(
    doc: &Document,
    patterns: &[Pattern],
    arguments: &[&Argument],
) -> (Vec<usize>, Vec<usize>) {
    fn augment(
        p: usize,
        edges: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &a in &edges[p] {
            if !seen[a] {
                seen[a] = true;
                if owner[a].is_none_or(|q| augment(q, edges, seen, owner)) {
                    owner[a] = Some(p);
                    return true;
                }
            }
        }
        false
    }
    let edges: Vec<Vec<usize>> = patterns
        .iter()
        .map(|pattern| {
            (0..arguments.len())
                .filter(|&a| argument_matches(doc, arguments[a], pattern))
                .collect()
        })
        .collect();
    let mut owner = vec![None; arguments.len()];
    let mut unmatched_patterns = Vec::new();
    for p in 0..patterns.len() {
        let mut seen = vec![false; arguments.len()];
        if !augment(p, &edges, &mut seen, &mut owner) {
            unmatched_patterns.push(p);
        }
    }
    let unmatched_arguments = (0..arguments.len())
        .filter(|&a| owner[a].is_none())
        .collect();
    (unmatched_patterns, unmatched_arguments)
}

/// Everything that keeps `event` from satisfying `expected`, trigger and
/// kind aside.
fn problems(doc: &Document, expected: &Expected, event: &Event) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(modality) = expected.modality
        && modality != event.modality()
    {
        out.push(format!(
            "modality is {}, expected {}",
            modality_name(event.modality()),
            modality_name(modality)
        ));
    }
    match (&expected.date, &event.date()) {
        (DateCheck::Unchecked, _) | (DateCheck::Absent, None) => {}
        (DateCheck::Is(want), Some(got)) if *want == got.to_string() => {}
        (DateCheck::Absent, Some(got)) => out.push(format!("date is {got}, expected none")),
        (DateCheck::Is(want), got) => out.push(format!(
            "date is {}, expected {want}",
            got.map_or("none".to_owned(), |d| d.to_string())
        )),
    }
    for (role, patterns) in &expected.roles {
        let arguments: Vec<&Argument> = event
            .arguments()
            .iter()
            .filter(|a| a.role() == *role)
            .collect();
        let (missing, extra) = match_sets(doc, patterns, &arguments);
        if missing.is_empty() && extra.is_empty() {
            continue;
        }
        let mut message = format!("{}:", role_name(*role));
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|&p| patterns[p].to_string()).collect();
            write!(message, " missing {}", list.join(", ")).ok();
        }
        if !extra.is_empty() {
            let list: Vec<String> = extra
                .iter()
                .map(|&a| render_argument_text(doc, arguments[a]))
                .collect();
            write!(message, " extra {}", list.join(", ")).ok();
        }
        out.push(message);
    }
    out
}

fn render_argument_text(doc: &Document, argument: &Argument) -> String {
    match &argument.entity() {
        Some(cluster) => format!("{} [{cluster}]", quote(slice(doc, argument.span()))),
        None => quote(slice(doc, argument.span())),
    }
}

/// Assigns every expected event a distinct produced event that satisfies it
/// and the id labels; `candidates[i]` lists the satisfying events of `i`.
fn assign(
    expected: &[Expected],
    events: &[Event],
    candidates: &[Vec<usize>],
    chosen: &mut Vec<usize>,
) -> bool {
    let i = chosen.len();
    if i == expected.len() {
        return true;
    }
    for &j in &candidates[i] {
        if chosen.contains(&j) {
            continue;
        }
        let consistent = chosen.iter().enumerate().all(|(k, &other)| {
            match (&expected[k].label, &expected[i].label) {
                (Some(a), Some(b)) => (a == b) == (events[other].id() == events[j].id()),
                _ => true,
            }
        });
        if consistent {
            chosen.push(j);
            if assign(expected, events, candidates, chosen) {
                return true;
            }
            chosen.pop();
        }
    }
    false
}

/// Runs one story; `Err` carries the readable report.
fn check(story: &Story) -> Result<(), String> {
    check_document(story, &EXTRACTOR.extract_dated(&story.text, story.date))
}

/// Checks a produced document against a story's expectations.
fn check_document(story: &Story, doc: &Document) -> Result<(), String> {
    let events = doc.events();
    let mut complaints = Vec::new();

    let mut candidates = Vec::new();
    for expected in &story.events {
        let same_trigger: Vec<usize> = (0..events.len())
            .filter(|&j| {
                events[j].kind() == expected.kind
                    && expected.trigger.matches(slice(doc, events[j].trigger()))
            })
            .collect();
        let satisfying: Vec<usize> = same_trigger
            .iter()
            .copied()
            .filter(|&j| problems(doc, expected, &events[j]).is_empty())
            .collect();
        if same_trigger.is_empty() {
            complaints.push(format!(
                "line {}: no {} event with trigger {}",
                expected.line,
                kind_name(expected.kind),
                expected.trigger
            ));
        } else if satisfying.is_empty() {
            for &j in &same_trigger {
                complaints.push(format!(
                    "line {}: {} {} at {}..{}: {}",
                    expected.line,
                    kind_name(expected.kind),
                    expected.trigger,
                    events[j].trigger().start,
                    events[j].trigger().end,
                    problems(doc, expected, &events[j]).join("; ")
                ));
            }
        }
        candidates.push(satisfying);
    }
    if complaints.is_empty() && !assign(&story.events, events, &candidates, &mut Vec::new()) {
        complaints.push(
            "every expected event has a match, but no assignment gives each its own event \
             with ids as the id= labels say"
                .into(),
        );
    }
    for &(line, kind) in &story.none {
        let found = events.iter().filter(|e| e.kind() == kind).count();
        if found > 0 {
            complaints.push(format!(
                "line {line}: expected no {} event, found {found}",
                kind_name(kind)
            ));
        }
    }
    if story.only && events.len() > story.events.len() {
        complaints.push(format!(
            "`only`: {} events produced, {} expected",
            events.len(),
            story.events.len()
        ));
    }
    if complaints.is_empty() {
        Ok(())
    } else {
        Err(report(story, doc, &complaints))
    }
}

// -----------------------------------------------------------
// Reporting.

fn render_expected(expected: &Expected) -> String {
    let mut out = format!("event {} {}", kind_name(expected.kind), expected.trigger);
    if let Some(modality) = expected.modality {
        write!(out, " {}", modality_name(modality)).ok();
    }
    match &expected.date {
        DateCheck::Unchecked => {}
        DateCheck::Absent => out.push_str(" nodate"),
        DateCheck::Is(date) => write!(out, " {date}").ok().unwrap_or(()),
    }
    if let Some(label) = &expected.label {
        write!(out, " id={label}").ok();
    }
    write!(out, "   (line {})", expected.line).ok();
    for (role, patterns) in &expected.roles {
        if patterns.is_empty() {
            write!(out, "\n  {} -", role_name(*role)).ok();
        }
        for pattern in patterns {
            write!(out, "\n  {} {pattern}", role_name(*role)).ok();
        }
    }
    out
}

fn render_event(doc: &Document, event: &Event) -> String {
    let mut out = format!(
        "event {} {} {} {} id={}   (rule {}, trigger {}..{})",
        kind_name(event.kind()),
        quote(slice(doc, event.trigger())),
        modality_name(event.modality()),
        event.date().map_or("nodate".to_owned(), |d| d.to_string()),
        event.id(),
        event.rule(),
        event.trigger().start,
        event.trigger().end
    );
    for argument in event.arguments() {
        write!(
            out,
            "\n  {} {}",
            role_name(argument.role()),
            render_argument_text(doc, argument)
        )
        .ok();
    }
    out
}

fn indent(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|line| format!("{prefix}{line}").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn report(story: &Story, doc: &Document, complaints: &[String]) -> String {
    let mut out = format!("── {} ({}:{})\n", story.name, story.file, story.line);
    if let Some(date) = story.date {
        writeln!(out, "  date {date}").ok();
    }
    writeln!(out, "{}", indent(&story.text, "  text ")).ok();
    out.push_str("  problems:\n");
    for complaint in complaints {
        writeln!(out, "    - {complaint}").ok();
    }
    out.push_str("  expected:\n");
    for expected in &story.events {
        writeln!(out, "{}", indent(&render_expected(expected), "    ")).ok();
    }
    for (_, kind) in &story.none {
        writeln!(out, "    none {}", kind_name(*kind)).ok();
    }
    if story.only {
        out.push_str("    only\n");
    }
    out.push_str("  produced:\n");
    if doc.events().is_empty() {
        out.push_str("    (no events)\n");
    }
    for event in doc.events() {
        writeln!(out, "{}", indent(&render_event(doc, event), "    ")).ok();
    }
    let mut clusters: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for entity in doc.entities() {
        clusters
            .entry(entity.cluster())
            .or_default()
            .insert(quote(slice(doc, entity.span())));
    }
    for reference in doc.references() {
        clusters
            .entry(reference.cluster())
            .or_default()
            .insert(format!("{} (ref)", quote(slice(doc, reference.span()))));
    }
    out.push_str("  clusters:");
    for (cluster, texts) in &clusters {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        write!(out, " [{cluster}] {};", texts.join(" ")).ok();
    }
    out.push('\n');
    out
}

// -----------------------------------------------------------
// Loading and running.

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events")
}

fn load(name: &str) -> Vec<Story> {
    let path = fixture_dir().join(name);
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let label = format!("tests/fixtures/events/{name}");
    parse(&label, &source).unwrap_or_else(|message| panic!("{message}"))
}

fn run(name: &str) {
    let filter = std::env::var("HERALD_STORY").unwrap_or_default();
    let stories: Vec<Story> = load(name)
        .into_iter()
        .filter(|story| story.name.contains(&filter))
        .collect();
    let failures: Vec<String> = stories.iter().filter_map(|s| check(s).err()).collect();
    assert!(
        failures.is_empty(),
        "\n{}\n{} of {} stories in {name} failed",
        failures.join("\n"),
        failures.len(),
        stories.len()
    );
}

#[test]
fn meeting_and_invitation_stories() {
    run("meetings.stories");
}

#[test]
fn statement_stories() {
    run("statements.stories");
}

/// Every fixture parses, story names are unique across files, and every
/// quoted trigger and argument occurs in its story's text (a typo would
/// otherwise only show as an extraction failure).
#[test]
fn fixtures_are_well_formed() {
    let mut names = BTreeSet::new();
    let mut files = 0;
    let mut problems = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures/events exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "stories"))
        .collect();
    entries.sort();
    for path in entries {
        files += 1;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        for story in load(name) {
            if !names.insert(story.name.clone()) {
                problems.push(format!(
                    "{}:{}: story {} defined in two files",
                    story.file, story.line, story.name
                ));
            }
            for expected in &story.events {
                let patterns = std::iter::once(&expected.trigger)
                    .chain(expected.roles.iter().flat_map(|(_, p)| p));
                for pattern in patterns {
                    if !story.text.contains(pattern.text()) {
                        problems.push(format!(
                            "{}:{}: {pattern} is not in the text of {}",
                            story.file, expected.line, story.name
                        ));
                    }
                }
            }
        }
    }
    assert!(
        files >= 2,
        "expected the event fixtures, found {files} files"
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn parses_the_documented_format() {
    let source = "\
# a comment
story meeting/example
  date 2024-03-05
  text Presidents Amara Diallo and Tomas Reyes met in Lisbon on Monday.
  text
  text The \"talks\" went well.
  event Meeting \"met\" asserted 2024-03-04 id=a
    participant \"Amara Diallo\"
    participant ~\"Reyes\"
    occasion -
  event Statement ~\"said\" nodate
  only

story meeting/near-miss
  text The meeting room was painted blue.
  none Meeting
";
    let stories = parse("example.stories", source).expect("parses");
    assert_eq!(stories.len(), 2);
    let story = &stories[0];
    assert_eq!((story.name.as_str(), story.line), ("meeting/example", 2));
    assert_eq!(story.date, Some(jiff::civil::date(2024, 3, 5)));
    assert_eq!(
        story.text,
        "Presidents Amara Diallo and Tomas Reyes met in Lisbon on Monday.\n\nThe \"talks\" went well."
    );
    assert!(story.only);
    let meeting = &story.events[0];
    assert_eq!(meeting.kind, EventKind::Meeting);
    assert_eq!(meeting.trigger, Pattern::Exact("met".into()));
    assert_eq!(meeting.modality, Some(Modality::Asserted));
    assert_eq!(meeting.date, DateCheck::Is("2024-03-04".into()));
    assert_eq!(meeting.label.as_deref(), Some("a"));
    assert_eq!(
        meeting.roles,
        vec![
            (
                Role::Participant,
                vec![
                    Pattern::Exact("Amara Diallo".into()),
                    Pattern::Contains("Reyes".into())
                ]
            ),
            (Role::Occasion, vec![]),
        ]
    );
    let statement = &story.events[1];
    assert_eq!(statement.trigger, Pattern::Contains("said".into()));
    assert_eq!(
        (statement.modality, &statement.date),
        (None, &DateCheck::Absent)
    );
    assert_eq!(stories[1].none, vec![(16, EventKind::Meeting)]);
}

#[test]
fn malformed_fixtures_name_file_and_line() {
    let cases = [
        (
            "story a\n  text x\n  event Meeting met\n",
            3,
            "quoted trigger",
        ),
        (
            "story a\n  text x\n  event Meeting \"met\" sometimes\n",
            3,
            "unknown word",
        ),
        (
            "story a\n  text x\n  event Gathering \"met\"\n",
            3,
            "unknown event kind",
        ),
        (
            "story a\n  text x\n  event Meeting \"met\"\n    speaker \"X\"\n",
            4,
            "no role",
        ),
        (
            "story a\n  text x\n  participant \"X\"\n",
            3,
            "outside an event",
        ),
        (
            "story a\n  text x\n  event Meeting \"met\n",
            3,
            "unterminated",
        ),
        ("story a\n  date 2024-13-01\n", 2, "bad date"),
        ("text x\n", 1, "before the first"),
        (
            "story a\n  text x\n  none Meeting\n\nstory a\n",
            5,
            "defined twice",
        ),
        ("# c\nstory a\n  text x\nstory b\n", 2, "expects nothing"),
        ("story a\n  none Meeting\n", 1, "has no text"),
        ("story a\n  text x\n  frobnicate\n", 3, "unknown keyword"),
        (
            "story a\n  text x\n  event Meeting \"met\"\n    place -\n    place \"Oslo\"\n",
            5,
            "after `place -`",
        ),
    ];
    for (source, line, message) in cases {
        let error = parse("bad.stories", source).expect_err(source);
        assert!(
            error.starts_with(&format!("bad.stories:{line}: ")) && error.contains(message),
            "{source:?} gave {error:?}, expected bad.stories:{line}: …{message}…"
        );
    }
}

/// The matcher itself, on a known extraction: arguments match by text or
/// through their cluster, roles are compared as sets, id labels, `none` and
/// `only` are enforced, and every problem is reported.
#[test]
fn matcher_checks_what_the_format_promises() {
    let text = "Emmanuel Macron met Olaf Scholz in Berlin on Monday. He invited him to Paris.";
    let doc = EXTRACTOR.extract_dated(text, Some(jiff::civil::date(2024, 3, 5)));

    let story = |expectations: &str| {
        let source = format!("story s\n  text {text}\n{expectations}");
        parse("t.stories", &source)
            .expect("test story parses")
            .remove(0)
    };
    let passing = story(
        "  event Meeting \"met\" asserted 2024-03-04 id=a
    participant \"Olaf Scholz\"
    participant \"Emmanuel Macron\"
    place \"Berlin\"
    occasion -
  event Invitation ~\"invit\" nodate id=b
    inviter \"Emmanuel Macron\"
    invitee \"Olaf Scholz\"
    destination \"Paris\"
  none Statement
  only",
    );
    if let Err(report) = check_document(&passing, &doc) {
        panic!("expected to pass:\n{report}");
    }
    let failing = [
        (
            "  event Meeting \"met\"\n    participant \"Emmanuel Macron\"\n",
            "participant: extra \"Olaf Scholz\" [olaf-scholz]",
        ),
        (
            "  event Meeting \"met\"\n    participant \"Emmanuel Macron\"\n    participant \"Olaf Scholz\"\n    participant \"Berlin\"\n",
            "participant: missing \"Berlin\"",
        ),
        (
            "  event Meeting \"met\" negated\n",
            "modality is asserted, expected negated",
        ),
        (
            "  event Meeting \"met\" nodate\n",
            "date is 2024-03-04, expected none",
        ),
        (
            "  event Invitation \"invited\" 2024-03-04\n",
            "date is none, expected 2024-03-04",
        ),
        (
            "  event Meeting \"meets\"\n",
            "no Meeting event with trigger \"meets\"",
        ),
        ("  event Statement ~\"met\"\n", "no Statement event"),
        (
            "  event Meeting \"met\" id=a\n  event Invitation \"invited\" id=a\n",
            "no assignment",
        ),
        (
            "  event Meeting \"met\"\n  event Meeting \"met\"\n",
            "no assignment",
        ),
        (
            "  none Invitation\n",
            "expected no Invitation event, found 1",
        ),
        (
            "  event Meeting \"met\"\n  only\n",
            "`only`: 2 events produced, 1 expected",
        ),
        (
            "  event Meeting \"met\"\n    occasion -\n    place -\n",
            "place: extra \"Berlin\"",
        ),
    ];
    for (expectations, message) in failing {
        match check_document(&story(expectations), &doc) {
            Ok(()) => panic!("expected a failure with {message:?} for\n{expectations}"),
            Err(report) => assert!(
                report.contains(message),
                "report lacks {message:?}:\n{report}"
            ),
        }
    }
}
