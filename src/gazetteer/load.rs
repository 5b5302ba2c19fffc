//! Loading gazetteer files: the TSV format of `gazetteers/README.md` and
//! spaCy EntityRuler phrase patterns. Every problem is reported, with its
//! file, line and column; loading never panics.

use super::entry::{Entry, OfficeTerm};
use crate::document::EntityKind;
use jiff::civil::Date;
use rustc_hash::FxHashMap as FastMap;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// One problem found while loading or compiling gazetteers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The gazetteer name or file path.
    pub path: String,
    /// 1-based line (0 when the problem concerns no particular line).
    pub line: usize,
    /// 1-based column, counted in chars (0 when the problem concerns no particular column).
    pub column: usize,
    /// What was wrong and what was expected, in lowercase.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// Everything wrong with one or more gazetteers; `Display` prints one
/// `FILE:LINE:COL: message` line per problem.
///
/// ```
/// let error = herald::gazetteer::Gazetteer::parse("people", "PERSN\tJens Stoltenberg\n").unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "people:1:1: unknown type \"PERSN\": expected PERSON, ORG, PLACE, TITLE or DEMONYM"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerError {
    problems: Vec<Problem>,
}

impl GazetteerError {
    pub(crate) fn new(problems: Vec<Problem>) -> GazetteerError {
        GazetteerError { problems }
    }

    /// The same problems, each naming `path` (the file the user gave).
    pub(crate) fn in_file(mut self, path: &str) -> GazetteerError {
        for problem in &mut self.problems {
            problem.path = path.to_owned();
        }
        self
    }

    /// Each problem, in file order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GazetteerError {}

/// A named list of entries, as loaded from one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gazetteer {
    name: Arc<str>,
    entries: Vec<Entry>,
}

const TYPES: &str = "PERSON, ORG, PLACE, TITLE or DEMONYM";

impl Gazetteer {
    /// Parses the TSV format documented in `gazetteers/README.md`. `name`
    /// names the list in sources and error messages.
    ///
    /// ```
    /// use herald::gazetteer::Gazetteer;
    /// let source = "# orgs\nORG\tNorth Atlantic Treaty Organization\tNATO | OTAN\tid=Q7184 ; kind=igo\n";
    /// let gazetteer = Gazetteer::parse("orgs", source).unwrap();
    /// let entry = &gazetteer.entries()[0];
    /// assert_eq!(entry.canonical(), "North Atlantic Treaty Organization");
    /// assert_eq!(entry.aliases(), ["NATO", "OTAN"]);
    /// assert_eq!(entry.id(), Some("Q7184"));
    /// assert_eq!(entry.line(), 2);
    /// ```
    pub fn parse(name: &str, source: &str) -> Result<Gazetteer, GazetteerError> {
        let name: Arc<str> = Arc::from(name);
        let mut parser = Parser {
            name: &name,
            problems: Vec::new(),
        };
        // An entry a line, at most: the vector of large entries is not
        // grown (and copied) a dozen times over a 3 MB file.
        let mut entries =
            Vec::with_capacity(memchr::memchr_iter(b'\n', source.as_bytes()).count() + 1);
        let mut ids: FastMap<String, usize> = FastMap::default();
        for (index, raw) in source.lines().enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let number = index + 1;
            let content = trim(line);
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            if let Some(entry) = parser.entry(line, number) {
                if let Some(id) = entry.id() {
                    if let Some(first) = ids.get(id) {
                        let column = id_column(line);
                        parser.problem(
                            number,
                            column,
                            format!("duplicate id \"{id}\": already used on line {first}"),
                        );
                        continue;
                    }
                    ids.insert(id.to_owned(), number);
                }
                entries.push(entry);
            }
        }
        if parser.problems.is_empty() {
            Ok(Gazetteer { name, entries })
        } else {
            Err(GazetteerError::new(parser.problems))
        }
    }

    /// Reads and parses a TSV gazetteer file; its name is the file stem.
    /// A `.jsonl` file is read as spaCy EntityRuler patterns
    /// (see [`Gazetteer::from_spacy_jsonl`]).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Gazetteer, GazetteerError> {
        let path = path.as_ref();
        let display = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|error| {
            GazetteerError::new(vec![Problem {
                path: display.clone(),
                line: 0,
                column: 0,
                message: format!("cannot read file: {error}"),
            }])
        })?;
        Gazetteer::from_file_text(path, &source)
    }

    /// Parses `source`, the text of the file at `path`, as
    /// [`Gazetteer::from_file`] does after reading it: named by the file's
    /// stem, spaCy patterns when it ends in `.jsonl`, problems naming the
    /// path.
    pub fn from_file_text(path: &Path, source: &str) -> Result<Gazetteer, GazetteerError> {
        let display = path.display().to_string();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("gazetteer");
        let is_jsonl = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
        let result = if is_jsonl {
            Gazetteer::from_spacy_jsonl(stem, source)
        } else {
            Gazetteer::parse(stem, source)
        };
        // Problems name the file the user gave, so they can jump to it.
        result.map_err(|error| error.in_file(&display))
    }

    /// Imports spaCy EntityRuler phrase patterns, one JSON object a line:
    /// `{"label": "ORG", "pattern": "NATO", "id": "nato"}`. Patterns sharing
    /// a label and an `id` become the aliases of one entry (the first is its
    /// canonical name). Labels: PERSON/PER, ORG, GPE/LOC/PLACE/FAC (→ PLACE),
    /// NORP (→ DEMONYM), TITLE. Token patterns (a list of token dicts) are
    /// rejected: write those as herald rules (rules/README.md).
    ///
    /// ```
    /// use herald::gazetteer::Gazetteer;
    /// let source = r#"{"label": "ORG", "pattern": "NATO", "id": "nato"}
    /// {"label": "ORG", "pattern": "North Atlantic Treaty Organization", "id": "nato"}
    /// {"label": "GPE", "pattern": "Baghdad"}"#;
    /// let gazetteer = Gazetteer::from_spacy_jsonl("ruler", source).unwrap();
    /// assert_eq!(gazetteer.entries().len(), 2);
    /// assert_eq!(gazetteer.entries()[0].aliases(), ["North Atlantic Treaty Organization"]);
    /// assert_eq!(gazetteer.entries()[1].kind(), herald::EntityKind::Place);
    /// ```
    pub fn from_spacy_jsonl(name: &str, source: &str) -> Result<Gazetteer, GazetteerError> {
        let name: Arc<str> = Arc::from(name);
        let mut problems = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_id: HashMap<(EntityKind, String), usize> = HashMap::new();
        for (index, raw) in source.lines().enumerate() {
            let number = index + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() {
                continue;
            }
            let (kind, pattern, id) = match spacy_pattern(line) {
                Ok(found) => found,
                Err((column, message)) => {
                    problems.push(Problem {
                        path: name.to_string(),
                        line: number,
                        column,
                        message,
                    });
                    continue;
                }
            };
            // Patterns sharing a label and an id are one entry: the first is
            // its canonical name, the others its aliases.
            if let Some(id) = &id {
                if let Some(&at) = by_id.get(&(kind, id.clone())) {
                    let entry = &mut entries[at];
                    if entry.canonical != pattern && !entry.aliases.contains(&pattern) {
                        entry.aliases.push(pattern);
                    }
                    continue;
                }
                by_id.insert((kind, id.clone()), entries.len());
            }
            let attributes = id.map(|id| vec![("id".to_owned(), id)]).unwrap_or_default();
            entries.push(Entry {
                kind,
                canonical: pattern,
                aliases: Vec::new(),
                attributes,
                offices: Vec::new(),
                population: None,
                gazetteer: name.clone(),
                line: number,
                written: Default::default(),
            });
        }
        if problems.is_empty() {
            Ok(Gazetteer { name, entries })
        } else {
            Err(GazetteerError::new(problems))
        }
    }

    /// Builds a gazetteer from entries made elsewhere (their gazetteer name
    /// is replaced by `name`).
    pub fn from_entries(name: &str, entries: impl IntoIterator<Item = Entry>) -> Gazetteer {
        let name: Arc<str> = Arc::from(name);
        let entries = entries.into_iter().map(|mut e| {
            e.gazetteer = name.clone();
            e
        });
        Gazetteer {
            entries: entries.collect(),
            name,
        }
    }

    /// Consumes the list, yielding its entries.
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    /// The list's name (used in sources and errors).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// `text.split(" | ")` (or `" ; "` for `b';'`), found by searching for
/// the middle byte alone and checking its spaces: a `&str` pattern sets up
/// a substring searcher for every field, which cost more than the search,
/// and so did a memchr (fields are short); an indexed byte loop was a
/// sixteenth of loading the defaults (measured on the bundled gazetteers).
/// `middle` is ASCII.
fn split_on(text: &str, middle: u8) -> impl Iterator<Item = &str> {
    debug_assert!(middle.is_ascii());
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while let Some(offset) = memchr::memchr(middle, &bytes[at..]) {
            let i = at + offset;
            at = i + 1;
            if i > start && bytes[i - 1] == b' ' && bytes.get(i + 1) == Some(&b' ') {
                let piece = &text[start..i - 1];
                start = i + 2;
                at = start;
                return Some(piece);
            }
        }
        done = true;
        Some(&text[start..])
    })
}

/// `value` without the underscores that group its digits ("1_807_000"),
/// copied only when it has some: every city line has a population.
fn without_underscores(value: &str) -> std::borrow::Cow<'_, str> {
    if value.bytes().any(|b| b == b'_') {
        std::borrow::Cow::Owned(value.replace('_', ""))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// `text.trim()`, without decoding a char when the text starts and ends
/// with a visible ASCII byte, as nearly every field of a gazetteer does:
/// a gazetteer's lines are trimmed field by field, some seventeen times a
/// line, and `trim` cost about fifty instructions each.
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

fn id_column(line: &str) -> usize {
    let byte = line.find("id=").unwrap_or(0);
    line[..byte].chars().count() + 1
}

struct Parser<'a> {
    name: &'a Arc<str>,
    problems: Vec<Problem>,
}

impl Parser<'_> {
    fn problem(&mut self, line: usize, column: usize, message: String) {
        self.problems.push(Problem {
            path: self.name.to_string(),
            line,
            column,
            message,
        });
    }

    /// Parses one non-comment line; records problems and returns `None` when
    /// the line is unusable.
    fn entry(&mut self, line: &str, number: usize) -> Option<Entry> {
        // (byte offset, text) of each column; a fifth is an error, and
        // counting goes on past it for the message.
        let mut fields: [(usize, &str); 5] = [(0, ""); 5];
        let mut count = 0;
        let mut start = 0;
        // One SIMD scan of the line for its tabs (`split('\t')` searched
        // again for every field).
        let tabs = memchr::memchr_iter(b'\t', line.as_bytes()).chain(std::iter::once(line.len()));
        for end in tabs {
            if count < fields.len() {
                fields[count] = (start, &line[start..end]);
            }
            count += 1;
            start = end + 1;
        }
        let fields = &fields[..count.min(5)];
        let before = self.problems.len();
        if count > 4 {
            self.problem(
                number,
                column(line, fields[4].0),
                format!("expected at most 4 tab-separated columns (TYPE, CANONICAL, ALIASES, ATTRIBUTES), found {count}"),
            );
            return None;
        }
        if count < 2 {
            let message = if line.contains(' ') {
                "expected a tab after the type, then the canonical name (columns are separated by tabs, not spaces)"
            } else {
                "expected a tab after the type, then the canonical name"
            };
            self.problem(number, line.chars().count() + 1, message.to_owned());
            return None;
        }
        let kind = self.kind(fields[0].1, number);
        let canonical = self.canonical(line, fields[1], number);
        let aliases = match fields.get(2) {
            Some(&field) => self.aliases(line, field, canonical, number),
            None => Vec::new(),
        };
        let attributes = match fields.get(3) {
            Some(&field) => self.attributes(line, field, number),
            None => Attributes::default(),
        };
        if self.problems.len() > before {
            return None;
        }
        Some(Entry {
            kind: kind?,
            canonical: canonical.to_owned(),
            aliases,
            attributes: attributes.pairs,
            offices: attributes.offices,
            population: attributes.population,
            gazetteer: self.name.clone(),
            line: number,
            written: Default::default(),
        })
    }

    /// The TYPE column: one of the kinds a gazetteer may list.
    fn kind(&mut self, type_name: &str, number: usize) -> Option<EntityKind> {
        match EntityKind::parse(trim(type_name)) {
            Some(
                kind @ (EntityKind::Person
                | EntityKind::Org
                | EntityKind::Place
                | EntityKind::Title
                | EntityKind::Demonym),
            ) => Some(kind),
            _ => {
                self.problem(
                    number,
                    1,
                    format!("unknown type \"{}\": expected {TYPES}", type_name.trim()),
                );
                None
            }
        }
    }

    /// The CANONICAL column, trimmed; a problem when it has no letter or
    /// digit.
    fn canonical<'l>(
        &mut self,
        line: &str,
        (at, text): (usize, &'l str),
        number: usize,
    ) -> &'l str {
        let canonical = trim(text);
        if canonical.is_empty() {
            self.problem(number, column(line, at), "empty canonical name".to_owned());
        } else if !canonical.chars().any(char::is_alphanumeric) {
            self.problem(
                number,
                column(line, at),
                format!("canonical name \"{canonical}\" has no letter or digit"),
            );
        }
        canonical
    }

    /// The ALIASES column: names separated by " | ", without repeats and
    /// without the canonical name.
    fn aliases(
        &mut self,
        line: &str,
        (at, text): (usize, &str),
        canonical: &str,
        number: usize,
    ) -> Vec<String> {
        let mut aliases = Vec::new();
        if trim(text).is_empty() {
            return aliases;
        }
        let mut offset = at;
        for alias in split_on(text, b'|') {
            let trimmed = trim(alias);
            if trimmed.is_empty() {
                self.problem(
                    number,
                    column(line, offset),
                    "empty alias: expected a name between \" | \" separators".to_owned(),
                );
            } else if !trimmed.chars().any(char::is_alphanumeric) {
                // It would match stray punctuation everywhere.
                self.problem(
                    number,
                    column(line, offset),
                    format!("alias \"{trimmed}\" has no letter or digit"),
                );
            } else if trimmed != canonical && !aliases.iter().any(|a| a == trimmed) {
                aliases.push(trimmed.to_owned());
            }
            offset += alias.len() + 3;
        }
        aliases
    }

    /// The ATTRIBUTES column: `key=value` pairs separated by " ; ", with the
    /// values herald reads (offices held, population, country) checked.
    fn attributes(&mut self, line: &str, (at, text): (usize, &str), number: usize) -> Attributes {
        let mut out = Attributes::default();
        if trim(text).is_empty() {
            return out;
        }

        let mut offset = at;
        for pair in split_on(text, b';') {
            let here = offset + (pair.len() - pair.trim_start().len());
            offset += pair.len() + 3;
            let pair = trim(pair);
            // A key is a few bytes: a plain search for its "=" costs less
            // than setting up `split_once`'s.
            let Some((key, value)) = pair
                .bytes()
                .position(|b| b == b'=')
                .map(|at| (&pair[..at], &pair[at + 1..]))
                .filter(|(k, _)| !trim(k).is_empty() && !k.bytes().any(|b| b == b' '))
            else {
                self.problem(
                    number,
                    column(line, here),
                    format!(
                        "bad attribute \"{pair}\": expected key=value, pairs separated by \" ; \""
                    ),
                );
                continue;
            };
            let value = trim(value);
            let value_at = here + key.len() + 1;
            match key {
                "held" => match parse_held(value) {
                    Ok(term) => out.offices.push(term),
                    Err((delta, message)) => {
                        let byte = value_at + value[..delta.min(value.len())].len();
                        self.problem(number, column(line, byte), message);
                    }
                },
                "population" => match without_underscores(value).parse::<u64>() {
                    Ok(n) => out.population = Some(n),
                    Err(_) => self.problem(
                        number,
                        column(line, value_at),
                        format!("bad population \"{value}\": expected a whole number"),
                    ),
                },
                "country"
                    if !(value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase())) =>
                {
                    self.problem(
                        number,
                        column(line, value_at),
                        format!(
                            "bad country \"{value}\": expected an ISO 3166-1 alpha-2 code such as IQ"
                        ),
                    );
                }
                _ if value.is_empty() => {
                    self.problem(
                        number,
                        column(line, value_at),
                        format!("empty value for attribute \"{key}\""),
                    );
                }
                _ => {}
            }
            out.pairs.push((key.to_owned(), value.to_owned()));
        }
        out
    }
}

/// A spaCy phrase pattern's kind, pattern (trimmed) and id.
type SpacyPattern = (EntityKind, String, Option<String>);

/// Reads one line of spaCy EntityRuler patterns, or says the column and
/// message of its problem.
fn spacy_pattern(line: &str) -> Result<SpacyPattern, (usize, String)> {
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(value) => value,
        Err(error) => {
            // serde_json counts lines within this one line: drop its position.
            let text = error.to_string();
            let text = text
                .rsplit_once(" at line ")
                .map_or(text.as_str(), |(message, _)| message);
            return Err((
                error.column(),
                format!("invalid json: {}", text.to_lowercase()),
            ));
        }
    };
    let Some(object) = value.as_object() else {
        return Err((
            1,
            "expected a json object with \"label\" and \"pattern\"".to_owned(),
        ));
    };
    let column_of = |key: &str| {
        line.find(&format!("\"{key}\""))
            .map_or(1, |byte| column(line, byte))
    };
    let Some(label) = object.get("label").and_then(|l| l.as_str()) else {
        return Err((column_of("label"), "expected a string \"label\"".to_owned()));
    };
    let kind = match label {
        "PERSON" | "PER" => EntityKind::Person,
        "ORG" => EntityKind::Org,
        "GPE" | "LOC" | "PLACE" | "FAC" => EntityKind::Place,
        "NORP" => EntityKind::Demonym,
        "TITLE" => EntityKind::Title,
        other => {
            return Err((
                column_of("label"),
                format!(
                    "unsupported label \"{other}\": expected PERSON, PER, ORG, GPE, LOC, PLACE, FAC, NORP or TITLE"
                ),
            ));
        }
    };
    let pattern = match object.get("pattern") {
        Some(serde_json::Value::String(pattern)) => pattern.trim(),
        Some(serde_json::Value::Array(_)) => {
            return Err((
                column_of("pattern"),
                "token patterns are not supported: a gazetteer takes phrase patterns (a string); \
                 write token patterns as herald rules (see rules/README.md)"
                    .to_owned(),
            ));
        }
        _ => {
            return Err((
                column_of("pattern"),
                "expected a string \"pattern\"".to_owned(),
            ));
        }
    };
    if pattern.is_empty() {
        return Err((column_of("pattern"), "empty pattern".to_owned()));
    }
    if !pattern.chars().any(char::is_alphanumeric) {
        return Err((
            column_of("pattern"),
            format!("pattern \"{pattern}\" has no letter or digit"),
        ));
    }
    let id = match object.get("id") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(id)) => Some(id.clone()),
        Some(other) => Some(other.to_string()),
    };
    Ok((kind, pattern.to_owned(), id))
}

/// The 1-based char column of byte offset `byte` in `line`.
fn column(line: &str, byte: usize) -> usize {
    line[..byte].chars().count() + 1
}

/// What the ATTRIBUTES column of an entry holds.
#[derive(Default)]
struct Attributes {
    pairs: Vec<(String, String)>,
    offices: Vec<OfficeTerm>,
    population: Option<u64>,
}

/// Parses `OFFICE@BODY:FROM..TO`; on error, the byte offset in `value` where
/// it went wrong and the message.
fn parse_held(value: &str) -> Result<OfficeTerm, (usize, String)> {
    const SYNTAX: &str = "expected OFFICE@BODY:FROM..TO, e.g. held=Prime Minister@IQ:2022-10-27..";
    let Some((office, rest)) = value.split_once('@') else {
        return Err((0, format!("bad held \"{value}\": missing '@' ({SYNTAX})")));
    };
    let Some((body, dates)) = rest.rsplit_once(':') else {
        return Err((
            office.len() + 1,
            format!("bad held \"{value}\": missing ':' before the dates ({SYNTAX})"),
        ));
    };
    if office.trim().is_empty() {
        return Err((0, format!("bad held \"{value}\": empty office ({SYNTAX})")));
    }
    if body.trim().is_empty() {
        return Err((
            office.len() + 1,
            format!("bad held \"{value}\": empty body ({SYNTAX})"),
        ));
    }
    let dates_at = office.len() + 1 + body.len() + 1;
    let Some((from, to)) = dates.split_once("..") else {
        return Err((
            dates_at,
            format!("bad held \"{value}\": missing '..' between the dates ({SYNTAX})"),
        ));
    };
    let from_date = parse_date(from.trim(), false).ok_or_else(|| {
        (
            dates_at,
            format!("bad date \"{from}\": expected an ISO date YYYY-MM-DD (or YYYY-MM, YYYY)"),
        )
    })?;
    let to_at = dates_at + from.len() + 2;
    let to_date = if to.trim().is_empty() {
        None
    } else {
        let date = parse_date(to.trim(), true)
            .ok_or_else(|| (to_at, format!("bad date \"{to}\": expected an ISO date YYYY-MM-DD (or YYYY-MM, YYYY), or nothing while in office")))?;
        if date < from_date {
            return Err((
                to_at,
                format!("bad held \"{value}\": term ends before it starts"),
            ));
        }
        Some(date)
    };
    Ok(OfficeTerm {
        office: office.trim().to_owned(),
        body: body.trim().to_owned(),
        from: from_date,
        to: to_date,
    })
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; a partial date means its first
/// day, or its last day when `end` is set.
fn parse_date(text: &str, end: bool) -> Option<Date> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, digits: usize| {
        (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] => Date::new(number(y, 4)?, number(m, 2)? as i8, number(d, 2)? as i8).ok(),
        [y, m] => {
            let first = Date::new(number(y, 4)?, number(m, 2)? as i8, 1).ok()?;
            Some(if end { first.last_of_month() } else { first })
        }
        [y] => Date::new(
            number(y, 4)?,
            if end { 12 } else { 1 },
            if end { 31 } else { 1 },
        )
        .ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_split_like_str_split() {
        for text in [
            "",
            "a",
            "a | b",
            "a | b | c",
            " | ",
            "a |  | b",
            "a|b | c",
            "a | ",
            " | a",
            "a  |  b",
            "a | | b",
            "| a",
            "a |",
            "x ; y",
            "x ; ; y",
            "é | ü | ∑",
            " |  | ",
            "a ||| b",
        ] {
            let ours: Vec<&str> = split_on(text, b'|').collect();
            let std: Vec<&str> = text.split(" | ").collect();
            assert_eq!(ours, std, "{text:?}");
            let ours: Vec<&str> = split_on(text, b';').collect();
            let std: Vec<&str> = text.split(" ; ").collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn partial_dates_cover_their_period() {
        let cases = [
            ("2014-10-01", false, Some("2014-10-01")),
            ("2014-02", true, Some("2014-02-28")),
            ("2014-02", false, Some("2014-02-01")),
            ("2014", true, Some("2014-12-31")),
            ("2014-13-01", false, None),
            ("14-10-01", false, None),
            ("yesterday", false, None),
        ];
        for (text, end, expected) in cases {
            assert_eq!(
                parse_date(text, end).map(|d| d.to_string()),
                expected.map(str::to_owned),
                "{text}"
            );
        }
    }
}
