//! Parsing a rule file into its syntax tree: lexing, clause grouping and
//! the pattern grammar. Checks that need only one clause happen here; checks
//! that need the whole rule set (word lists, anchors) happen in `compile`.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

use super::error::Diagnostic;
use super::{Produces, class::Class};
use crate::document::{EntityKind, EventKind, Role};

/// The largest bound allowed in `{m,n}` and `...{m,n}`.
pub(crate) const MAX_REPEAT: u32 = 100;

/// A position in a source: 1-based line and char column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Collects diagnostics for one source.
pub(crate) struct Diags<'a> {
    pub file: &'a str,
    pub list: &'a mut Vec<Diagnostic>,
}

impl Diags<'_> {
    pub fn error(&mut self, pos: Pos, found: &str, message: impl Into<String>) {
        self.list.push(Diagnostic {
            file: self.file.to_owned(),
            line: pos.line,
            column: pos.col,
            found: found.to_owned(),
            message: message.into(),
        });
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Lx {
    Bare,
    Str(String),
    At(String),
    Name(String),
    LParen,
    RParen,
    Pipe,
    Question,
    Star,
    Plus,
    Brace(u32, Option<u32>),
    Bang,
    Gap,
    /// `/regex/`: the regex's source, slashes removed and `\/` unescaped.
    Regex(String),
    Eq,
    FatArrow,
    /// `^`: the start of the sentence, opening a `match`.
    Caret,
}

#[derive(Clone, Debug)]
struct Lexeme {
    kind: Lx,
    /// The source text of the lexeme.
    text: String,
    pos: Pos,
}

/// One word list entry: its token keys, where it was written and how.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub keys: Vec<String>,
    pub text: String,
}

/// `words NAME = entries…`
#[derive(Clone, Debug)]
pub(crate) struct WordsDecl {
    pub name: String,
    pub pos: Pos,
    pub entries: Vec<Entry>,
    pub source: usize,
}

/// A pattern node.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    Literal {
        keys: Vec<String>,
    },
    List {
        name: String,
        pos: Pos,
    },
    Class(Class),
    /// `/regex/`: one token whose original text the regex matches.
    Regex(regex::Regex),
    Entity(EntityKind),
    Gap {
        min: u32,
        max: u32,
    },
    Not {
        tests: Vec<Node>,
    },
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
    Capture {
        name: String,
        node: Box<Node>,
    },
}

/// One `example` or `counter` clause.
#[derive(Clone, Debug)]
pub(crate) struct ExampleDecl {
    /// The sentence with markup removed.
    pub text: String,
    /// Inline entity annotations, as byte spans of `text`.
    pub entities: Vec<(std::ops::Range<usize>, EntityKind)>,
    /// Expected captures, as (name, text).
    pub expected: Vec<(String, String)>,
    pub counter: bool,
    pub line: usize,
}

/// One `rule` with its clauses.
#[derive(Clone, Debug)]
pub(crate) struct RuleDecl {
    pub id: String,
    pub pos: Pos,
    pub produces: Produces,
    pub priority: i32,
    pub pattern: Option<(Node, Pos)>,
    /// The `match` opens with `^`: a match starts at the sentence's first
    /// token.
    pub sentence_start: bool,
    pub unless: Vec<Node>,
    pub examples: Vec<ExampleDecl>,
    pub source: usize,
    /// A clause of the rule failed to parse: it is not compiled, so that
    /// one mistake gives one error.
    pub broken: bool,
}

/// Everything declared in one source.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub words: Vec<WordsDecl>,
    pub rules: Vec<RuleDecl>,
}

/// Markers for lines that failed to lex.
const BROKEN_DECL: &str = "<broken declaration>";
const BROKEN: &str = "<broken clause>";

const KEYWORDS: [&str; 6] = ["words", "rule", "match", "unless", "example", "counter"];

/// Chars that end a bare word.
fn is_special(ch: char) -> bool {
    matches!(
        ch,
        '(' | ')'
            | '|'
            | '?'
            | '*'
            | '+'
            | '{'
            | '}'
            | '"'
            | '@'
            | '!'
            | ':'
            | '#'
            | '='
            | '['
            | ']'
            | '^'
    ) || ch.is_whitespace()
}

/// Lexes one line (without its newline) into lexemes; stops at a comment.
fn lex_line(line: &str, lineno: usize, diags: &mut Diags<'_>) -> Result<Vec<Lexeme>, ()> {
    let l = LineLexer {
        line,
        chars: line.char_indices().collect(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < l.chars.len() {
        let ch = l.chars[i].1;
        let pos = Pos {
            line: lineno,
            col: i + 1,
        };
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        if ch == '#' {
            break;
        }
        let start = i;
        let kind = if let Some((kind, width)) = symbol(ch, l.at(i + 1), l.at(i + 2)) {
            i += width;
            kind
        } else {
            match ch {
                '"' => l.string(&mut i, pos, diags)?,
                '/' => l.regex(&mut i, pos, diags)?,
                '{' => l.repetition(&mut i, pos, diags)?,
                '@' => {
                    i += 1;
                    l.skip_word(&mut i);
                    let name = &line[l.byte(start + 1)..l.byte(i)];
                    if name.is_empty() {
                        diags.error(pos, "@", "expected a word list name after `@`");
                        return Err(());
                    }
                    Lx::At(name.to_owned())
                }
                ']' | '[' | '}' | ':' => {
                    diags.error(
                        pos,
                        &ch.to_string(),
                        "unexpected character; quote it to match it as a word, e.g. `\":\"`",
                    );
                    return Err(());
                }
                _ => {
                    l.skip_word(&mut i);
                    if l.at(i) == Some(':') {
                        let name = line[l.byte(start)..l.byte(i)].to_owned();
                        i += 1;
                        Lx::Name(name)
                    } else {
                        Lx::Bare
                    }
                }
            }
        };
        out.push(Lexeme {
            kind,
            text: line[l.byte(start)..l.byte(i)].to_owned(),
            pos,
        });
    }
    Ok(out)
}

/// The punctuation lexeme starting with `ch` (followed by `next` and
/// `then`) and its width in chars, if it is one.
fn symbol(ch: char, next: Option<char>, then: Option<char>) -> Option<(Lx, usize)> {
    Some(match ch {
        '(' => (Lx::LParen, 1),
        ')' => (Lx::RParen, 1),
        '|' => (Lx::Pipe, 1),
        '?' => (Lx::Question, 1),
        '*' => (Lx::Star, 1),
        '+' => (Lx::Plus, 1),
        '!' => (Lx::Bang, 1),
        '=' if next == Some('>') => (Lx::FatArrow, 2),
        '=' => (Lx::Eq, 1),
        '.' if next == Some('.') && then == Some('.') => (Lx::Gap, 3),
        '^' => (Lx::Caret, 1),
        _ => return None,
    })
}

/// One line being lexed; positions are char indices.
struct LineLexer<'l> {
    line: &'l str,
    chars: Vec<(usize, char)>,
}

impl LineLexer<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    /// The byte offset of char `i` (the line's length past its end).
    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.line.len(), |&(b, _)| b)
    }

    /// Moves `i` past the chars of a bare word.
    fn skip_word(&self, i: &mut usize) {
        while self.at(*i).is_some_and(|c| !is_special(c)) {
            *i += 1;
        }
    }

    /// A `"…"` string at `i`, moving `i` past it. Escapes keep their
    /// backslash: example markup needs to know which brackets were escaped.
    fn string(&self, i: &mut usize, pos: Pos, diags: &mut Diags<'_>) -> Result<Lx, ()> {
        let start = *i;
        *i += 1;
        let mut value = String::new();
        loop {
            match self.at(*i) {
                None => {
                    diags.error(
                        pos,
                        &self.line[self.byte(start)..],
                        "unterminated string; expected a closing `\"`",
                    );
                    return Err(());
                }
                Some('"') => {
                    *i += 1;
                    return Ok(Lx::Str(value));
                }
                Some('\\') if self.at(*i + 1).is_some() => {
                    value.push('\\');
                    value.push(self.chars[*i + 1].1);
                    *i += 2;
                }
                Some(c) => {
                    value.push(c);
                    *i += 1;
                }
            }
        }
    }

    /// A `/regex/` at `i`, moving `i` past it; `\/` is a slash inside it,
    /// other escapes are the regex's own.
    fn regex(&self, i: &mut usize, pos: Pos, diags: &mut Diags<'_>) -> Result<Lx, ()> {
        let start = *i;
        *i += 1;
        let mut value = String::new();
        loop {
            match self.at(*i) {
                None => {
                    diags.error(
                        pos,
                        &self.line[self.byte(start)..],
                        "unterminated regex; expected a closing `/`",
                    );
                    return Err(());
                }
                Some('/') => {
                    *i += 1;
                    break;
                }
                Some('\\') if self.at(*i + 1) == Some('/') => {
                    value.push('/');
                    *i += 2;
                }
                Some('\\') if self.at(*i + 1).is_some() => {
                    value.push('\\');
                    value.push(self.chars[*i + 1].1);
                    *i += 2;
                }
                Some(c) => {
                    value.push(c);
                    *i += 1;
                }
            }
        }
        if value.is_empty() {
            diags.error(
                pos,
                "//",
                "empty regex; expected a pattern between the slashes, as in `/^[A-Z]{2,5}$/`",
            );
            return Err(());
        }
        Ok(Lx::Regex(value))
    }

    /// A `{m,n}` repetition at `i`, moving `i` past it, with its bounds
    /// checked.
    fn repetition(&self, i: &mut usize, pos: Pos, diags: &mut Diags<'_>) -> Result<Lx, ()> {
        let start = *i;
        let Some(close) = (*i..self.chars.len()).find(|&j| self.chars[j].1 == '}') else {
            diags.error(
                pos,
                &self.line[self.byte(start)..],
                "unterminated repetition; expected `{m,n}`",
            );
            return Err(());
        };
        let inner = &self.line[self.byte(*i + 1)..self.byte(close)];
        *i = close + 1;
        let text = &self.line[self.byte(start)..self.byte(*i)];
        let number = |s: &str| s.trim().parse::<u32>().ok();
        let bounds = match inner.split_once(',') {
            None => number(inner).map(|n| (n, Some(n))),
            Some((lo, hi)) if hi.trim().is_empty() => {
                number(if lo.trim().is_empty() { "0" } else { lo }).map(|m| (m, None))
            }
            Some((lo, hi)) => {
                let lo = if lo.trim().is_empty() {
                    Some(0)
                } else {
                    number(lo)
                };
                lo.zip(number(hi)).map(|(m, n)| (m, Some(n)))
            }
        };
        match bounds {
            Some((m, Some(n))) if m > n => {
                diags.error(
                    pos,
                    text,
                    "repetition minimum exceeds its maximum; expected `{m,n}` with m <= n",
                );
                Err(())
            }
            Some((m, max)) if m > MAX_REPEAT || max.is_some_and(|n| n > MAX_REPEAT) => {
                diags.error(
                    pos,
                    text,
                    format!("repetition bound too large; expected bounds of at most {MAX_REPEAT}"),
                );
                Err(())
            }
            Some((m, max)) => Ok(Lx::Brace(m, max)),
            None => {
                diags.error(
                    pos,
                    text,
                    "malformed repetition; expected `{n}`, `{m,n}` or `{m,}`",
                );
                Err(())
            }
        }
    }
}

/// Resolves backslash escapes.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a literal into token keys with herald's own tokenizer, so a
/// pattern word always lines up with the tokens of the text.
///
/// Rule authors write literals in lowercase, but the tokenizer knows
/// abbreviations in their written case ("Inc.", "Mr."), so a word followed
/// by a period that is an abbreviation in any common casing stays one key
/// ("inc."), as it is in text.
pub(crate) fn literal_keys(text: &str) -> Vec<String> {
    // A possessive ("'s", "’s") is a token only after a word, so it is
    // tokenized behind a stand-in word that is then dropped.
    if text.starts_with(['\'', '’']) && text.len() > 1 {
        let mut keys = literal_keys(&format!("x{text}"));
        if keys.len() > 1 && keys[0] == "x" {
            keys.remove(0);
            return keys;
        }
    }
    let tokens = crate::text::tokenize(text);
    let mut keys: Vec<String> = Vec::with_capacity(tokens.len());
    for i in 0..tokens.len() {
        let key = tokens.key(i);
        let glued_period = key == "." && i > 0 && !tokens[i].space_before;
        if glued_period && let Some(previous) = keys.last_mut() {
            let word = &text[tokens[i - 1].span];
            if is_abbreviation_in_any_case(word) {
                previous.push('.');
                continue;
            }
        }
        keys.push(key.to_owned());
    }
    keys
}

fn is_abbreviation_in_any_case(word: &str) -> bool {
    let mut capitalized: String = word.chars().take(1).flat_map(char::to_uppercase).collect();
    capitalized.extend(word.chars().skip(1));
    [word.to_owned(), capitalized, word.to_uppercase()]
        .iter()
        .any(|w| crate::text::abbreviation(w).is_some())
}

/// A clause: its keyword lexeme and the lexemes that follow, over one or
/// more lines.
struct Clause {
    keyword: Lexeme,
    rest: Vec<Lexeme>,
}

/// Parses one source.
/// `generated` marks a source herald wrote itself (the word lists generated
/// from gazetteers), whose `words` lists may be empty: see [`parse_words`].
pub(crate) fn parse(source: &str, index: usize, generated: bool, diags: &mut Diags<'_>) -> Parsed {
    let mut parsed = Parsed::default();
    // `None` after a rule header failed: its clauses are still checked but not kept.
    let mut current: Option<Option<RuleDecl>> = None;
    for clause in clauses(source, diags) {
        let keyword = clause.keyword.text.as_str();
        match keyword {
            BROKEN_DECL => {
                flush(&mut current, &mut parsed);
                current = Some(None);
            }
            BROKEN => {
                if let Some(Some(rule)) = current.as_mut() {
                    rule.broken = true;
                }
            }
            "words" => {
                flush(&mut current, &mut parsed);
                if let Some(decl) = parse_words(&clause, index, generated, diags) {
                    parsed.words.push(decl);
                }
            }
            "rule" => {
                flush(&mut current, &mut parsed);
                current = Some(parse_header(&clause, index, diags));
            }
            _ => {
                let Some(rule) = current.as_mut() else {
                    diags.error(
                        clause.keyword.pos,
                        keyword,
                        format!("`{keyword}` outside a rule; expected a `rule` line before it"),
                    );
                    continue;
                };
                let produces = rule.as_ref().map(|r| r.produces);
                match keyword {
                    "match" | "unless" => parse_pattern_clause(&clause, rule.as_mut(), diags),
                    _ => match (parse_example(&clause, produces, diags), rule) {
                        (Some(example), Some(rule)) => rule.examples.push(example),
                        (None, Some(rule)) => rule.broken = true,
                        _ => {}
                    },
                }
            }
        }
    }
    flush(&mut current, &mut parsed);
    parsed
}

/// Splits a source into clauses: a keyword and the lexemes after it,
/// continued on indented lines. A line that fails to lex becomes a marker
/// clause, so the rule around it is not compiled (one mistake, one error).
fn clauses(source: &str, diags: &mut Diags<'_>) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut broken = false; // the current clause had a lexing error: skip its continuation lines
    for (n, line) in source.lines().enumerate() {
        let Ok(lexemes) = lex_line(line, n + 1, diags) else {
            let first = line.split_whitespace().next().unwrap_or("");
            let marker = if matches!(first, "rule" | "words") {
                BROKEN_DECL
            } else {
                BROKEN
            };
            let pos = Pos {
                line: n + 1,
                col: 1,
            };
            let keyword = Lexeme {
                kind: Lx::Bare,
                text: marker.to_owned(),
                pos,
            };
            clauses.push(Clause {
                keyword,
                rest: Vec::new(),
            });
            broken = true;
            continue;
        };
        let Some(first) = lexemes.first() else {
            continue;
        };
        let indented = line.starts_with(char::is_whitespace);
        let is_keyword = first.kind == Lx::Bare && KEYWORDS.contains(&first.text.as_str());
        if is_keyword {
            broken = false;
            let mut lexemes = lexemes.into_iter();
            let keyword = lexemes.next().expect("non-empty");
            clauses.push(Clause {
                keyword,
                rest: lexemes.collect(),
            });
        } else if indented && !clauses.is_empty() {
            if !broken {
                clauses.last_mut().expect("non-empty").rest.extend(lexemes);
            }
        } else {
            diags.error(
                first.pos,
                &first.text,
                "expected `rule` or `words` at the start of a line",
            );
        }
    }
    clauses
}

/// A `match` or `unless` clause of `rule` (`None` when its header failed:
/// the pattern is still checked).
fn parse_pattern_clause(clause: &Clause, rule: Option<&mut RuleDecl>, diags: &mut Diags<'_>) {
    let keyword = clause.keyword.text.as_str();
    let anti = keyword == "unless";
    let produces = rule.as_ref().map(|r| r.produces);
    let Some(first) = clause.rest.first() else {
        diags.error(
            clause.keyword.pos,
            keyword,
            format!("empty `{keyword}`; expected a pattern"),
        );
        if let Some(rule) = rule {
            rule.broken = true;
        }
        return;
    };
    // `^` opens a `match` that starts at the sentence's first token.
    let sentence_start = first.kind == Lx::Caret;
    if sentence_start && (anti || clause.rest.len() == 1) {
        let message = if anti {
            "`^` (the start of the sentence) can only open a `match`, not an `unless`: an anti-pattern vetoes wherever it overlaps a match"
        } else {
            "expected a pattern after `^`"
        };
        diags.error(first.pos, "^", message);
        if let Some(rule) = rule {
            rule.broken = true;
        }
        return;
    }
    let lexemes = &clause.rest[usize::from(sentence_start)..];
    let start = lexemes[0].pos;
    let mut p = PatternParser {
        lx: lexemes,
        i: 0,
        produces,
        anti,
        diags,
    };
    let Ok(node) = p.parse_all() else {
        if let Some(rule) = rule {
            rule.broken = true;
        }
        return;
    };
    let Some(rule) = rule else {
        return;
    };
    if anti {
        rule.unless.push(node);
    } else if rule.pattern.is_some() {
        diags.error(
            clause.keyword.pos,
            "match",
            "second `match` in one rule; expected one `match` per rule (use `|` for alternatives)",
        );
    } else {
        rule.pattern = Some((node, start));
        rule.sentence_start = sentence_start;
    }
}

fn flush(current: &mut Option<Option<RuleDecl>>, parsed: &mut Parsed) {
    if let Some(Some(rule)) = current.take() {
        parsed.rules.push(rule);
    }
}

fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// A `words` declaration. A list written by hand must have words (an empty
/// one is a mistake); a generated list may be empty, e.g. `@title` when the
/// loaded gazetteers have no TITLE entry, and then matches nothing.
fn parse_words(
    clause: &Clause,
    source: usize,
    generated: bool,
    diags: &mut Diags<'_>,
) -> Option<WordsDecl> {
    let lx = &clause.rest;
    let Some(name) = lx.first() else {
        diags.error(
            clause.keyword.pos,
            "words",
            "expected a list name after `words`, as in `words say = said says`",
        );
        return None;
    };
    if name.kind != Lx::Bare || !is_name(&name.text) {
        diags.error(
            name.pos,
            &name.text,
            "bad word list name; expected lowercase letters, digits, `_` or `-`",
        );
        return None;
    }
    match lx.get(1) {
        Some(l) if l.kind == Lx::Eq => {}
        other => {
            let (pos, found) =
                other.map_or((name.pos, name.text.as_str()), |l| (l.pos, l.text.as_str()));
            diags.error(pos, found, "expected `=` after the word list name");
            return None;
        }
    }
    let mut entries = Vec::new();
    for l in &lx[2..] {
        let text = match &l.kind {
            Lx::Bare => l.text.clone(),
            Lx::Str(raw) => unescape(raw),
            _ => {
                diags.error(
                    l.pos,
                    &l.text,
                    "expected a word or a quoted phrase in a word list",
                );
                return None;
            }
        };
        let keys = literal_keys(&text);
        if keys.is_empty() {
            diags.error(l.pos, &l.text, "empty word list entry; expected a word");
            return None;
        }
        entries.push(Entry {
            keys,
            text: l.text.clone(),
        });
    }
    if entries.is_empty() && !generated {
        diags.error(
            name.pos,
            &name.text,
            "empty word list; expected at least one word after `=`",
        );
        return None;
    }
    Some(WordsDecl {
        name: name.text.clone(),
        pos: name.pos,
        entries,
        source,
    })
}

/// The type names a rule can produce, for messages.
const TYPE_NAMES: &str =
    "PERSON, ORG, PLACE, DATE, TITLE, DEMONYM, Meeting, Invitation or Statement";

pub(crate) fn parse_produces(name: &str) -> Option<Produces> {
    if let Some(kind) = EntityKind::parse(name) {
        return Some(Produces::Entity(kind));
    }
    EventKind::parse(name).map(Produces::Event)
}

fn parse_header(clause: &Clause, source: usize, diags: &mut Diags<'_>) -> Option<RuleDecl> {
    let lx = &clause.rest;
    let Some(id) = lx.first() else {
        diags.error(
            clause.keyword.pos,
            "rule",
            "expected a rule id after `rule`, as in `rule meeting/met/1 -> Meeting`",
        );
        return None;
    };
    let id_ok = id.kind == Lx::Bare
        && !id.text.starts_with('/')
        && !id.text.ends_with('/')
        && !id.text.contains("//")
        && id
            .text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'));
    if !id_ok {
        diags.error(
            id.pos,
            &id.text,
            "bad rule id; expected segments of letters, digits, `-`, `_` or `.` separated by `/`",
        );
        return None;
    }
    match lx.get(1) {
        Some(l) if l.kind == Lx::Bare && l.text == "->" => {}
        other => {
            let (pos, found) =
                other.map_or((id.pos, id.text.as_str()), |l| (l.pos, l.text.as_str()));
            diags.error(
                pos,
                found,
                "expected `->` and the type the rule produces after the rule id",
            );
            return None;
        }
    }
    let Some(ty) = lx.get(2) else {
        diags.error(
            lx[1].pos,
            "->",
            format!("expected the type the rule produces after `->`: {TYPE_NAMES}"),
        );
        return None;
    };
    let Some(produces) = parse_produces(&ty.text).filter(|_| ty.kind == Lx::Bare) else {
        diags.error(
            ty.pos,
            &ty.text,
            format!("unknown type; expected {TYPE_NAMES}"),
        );
        return None;
    };
    let mut priority = 0;
    match (lx.get(3), lx.get(4)) {
        (None, _) => {}
        (Some(p), Some(n)) if p.kind == Lx::Bare && p.text == "priority" && lx.len() == 5 => {
            match n.text.parse::<i32>() {
                Ok(value) if n.kind == Lx::Bare => priority = value,
                _ => {
                    diags.error(n.pos, &n.text, "bad priority; expected an integer");
                    return None;
                }
            }
        }
        (Some(p), _) => {
            diags.error(
                p.pos,
                &p.text,
                "unexpected text after the rule type; expected end of line or `priority N`",
            );
            return None;
        }
    }
    Some(RuleDecl {
        id: id.text.clone(),
        pos: id.pos,
        produces,
        priority,
        pattern: None,
        unless: Vec::new(),
        examples: Vec::new(),
        source,
        sentence_start: false,
        broken: false,
    })
}

/// The capture names a rule producing `produces` may use.
pub(crate) fn allowed_captures(produces: Produces) -> &'static [&'static str] {
    match produces {
        Produces::Entity(_) => &[
            "entity", "title", "demonym", "person", "org", "place", "date",
        ],
        Produces::Event(EventKind::Meeting) => {
            &["participant", "place", "occasion", "trigger", "date"]
        }
        Produces::Event(EventKind::Invitation) => {
            &["inviter", "invitee", "destination", "trigger", "date"]
        }
        Produces::Event(EventKind::Statement) => {
            &["speaker", "addressee", "content", "trigger", "date"]
        }
    }
}

/// The event role a capture name stands for, if any.
pub(crate) fn role_of(name: &str) -> Option<Role> {
    Role::parse(name)
}

fn check_capture(
    name: &str,
    pos: Pos,
    produces: Option<Produces>,
    diags: &mut Diags<'_>,
) -> Result<(), ()> {
    let Some(produces) = produces else {
        return Ok(());
    };
    let allowed = allowed_captures(produces);
    if allowed.contains(&name) {
        return Ok(());
    }
    let what = match produces {
        Produces::Entity(_) => format!("unknown capture `{name}` for an entity rule"),
        Produces::Event(_) if role_of(name).is_some() => {
            format!("role `{name}` does not belong to {produces}")
        }
        Produces::Event(_) => format!("unknown role `{name}`"),
    };
    diags.error(
        pos,
        name,
        format!("{what}; expected one of {}", allowed.join(", ")),
    );
    Err(())
}

struct PatternParser<'a, 'd, 'f> {
    lx: &'a [Lexeme],
    i: usize,
    produces: Option<Produces>,
    anti: bool,
    diags: &'d mut Diags<'f>,
}

impl PatternParser<'_, '_, '_> {
    fn peek(&self) -> Option<&Lexeme> {
        self.lx.get(self.i)
    }

    fn fail<T>(&mut self, pos: Pos, found: &str, message: impl Into<String>) -> Result<T, ()> {
        self.diags.error(pos, found, message);
        Err(())
    }

    fn parse_all(&mut self) -> Result<Node, ()> {
        let node = self.alt()?;
        if let Some(l) = self.peek() {
            let (pos, text) = (l.pos, l.text.clone());
            let message = if l.kind == Lx::RParen {
                "unbalanced `)`; expected a pattern element"
            } else {
                "unexpected text; expected a pattern element"
            };
            return self.fail(pos, &text, message);
        }
        Ok(node)
    }

    fn alt(&mut self) -> Result<Node, ()> {
        let mut alts = vec![self.seq()?];
        while self.peek().is_some_and(|l| l.kind == Lx::Pipe) {
            self.i += 1;
            alts.push(self.seq()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().expect("one")
        } else {
            Node::Alt(alts)
        })
    }

    fn seq(&mut self) -> Result<Node, ()> {
        let mut items = Vec::new();
        while let Some(l) = self.peek() {
            if matches!(l.kind, Lx::Pipe | Lx::RParen) {
                break;
            }
            items.push(self.item()?);
        }
        if items.is_empty() {
            let (pos, text) = match self.peek().or(self.lx.get(self.i.wrapping_sub(1))) {
                Some(l) => (l.pos, l.text.clone()),
                None => (Pos::default(), String::new()),
            };
            return self.fail(pos, &text, "empty alternative; expected a pattern element");
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one")
        } else {
            Node::Seq(items)
        })
    }

    fn item(&mut self) -> Result<Node, ()> {
        let l = self.peek().expect("caller checked").clone();
        if let Lx::Name(name) = &l.kind {
            if self.anti {
                return self.fail(
                    l.pos,
                    &l.text,
                    "captures are not allowed in `unless`; expected a pattern without `name:`",
                );
            }
            check_capture(name, l.pos, self.produces, self.diags)?;
            self.i += 1;
            if self
                .peek()
                .is_none_or(|n| matches!(n.kind, Lx::Pipe | Lx::RParen))
            {
                return self.fail(
                    l.pos,
                    &l.text,
                    "capture without a pattern; expected an element after `name:`",
                );
            }
            let node = self.quantified()?;
            return Ok(Node::Capture {
                name: name.clone(),
                node: Box::new(node),
            });
        }
        self.quantified()
    }

    fn quantified(&mut self) -> Result<Node, ()> {
        let start = self.peek().expect("caller checked").clone();
        let atom = self.atom()?;
        let Some(q) = self.peek().cloned() else {
            return Ok(atom);
        };
        let (min, max) = match q.kind {
            Lx::Question => (0, Some(1)),
            Lx::Star => (0, None),
            Lx::Plus => (1, None),
            Lx::Brace(m, n) => (m, n),
            _ => return Ok(atom),
        };
        self.i += 1;
        if matches!(atom, Node::Gap { .. }) {
            return self.fail(
                q.pos,
                &q.text,
                "quantifier on a gap; a gap takes its bounds directly, as in `...{0,5}`",
            );
        }
        if max.is_none() && matches!(atom, Node::Class(Class::Any)) {
            return self.fail(
                q.pos,
                &format!("{}{}", start.text, q.text),
                "unbounded gap; expected a bounded repetition such as `Any{0,5}` or `...{0,5}`",
            );
        }
        if let Some(next) = self.peek()
            && matches!(
                next.kind,
                Lx::Question | Lx::Star | Lx::Plus | Lx::Brace(..)
            )
        {
            let (pos, text) = (next.pos, next.text.clone());
            return self.fail(
                pos,
                &text,
                "two quantifiers in a row; expected one, or parentheses around the first",
            );
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    fn atom(&mut self) -> Result<Node, ()> {
        let l = self.peek().expect("caller checked").clone();
        self.i += 1;
        match &l.kind {
            Lx::Str(raw) => self.literal(&unescape(raw), &l),
            Lx::Bare => self.bare(&l),
            Lx::At(name) => Ok(Node::List { name: name.clone(), pos: l.pos }),
            Lx::LParen => {
                let inner = self.alt()?;
                match self.peek() {
                    Some(r) if r.kind == Lx::RParen => {
                        self.i += 1;
                        Ok(inner)
                    }
                    _ => self.fail(l.pos, "(", "unbalanced `(`; expected a matching `)`"),
                }
            }
            Lx::Gap => match self.peek().map(|n| n.kind.clone()) {
                Some(Lx::Brace(min, Some(max))) => {
                    self.i += 1;
                    Ok(Node::Gap { min, max })
                }
                Some(Lx::Brace(_, None)) => {
                    let text = format!("...{}", self.lx[self.i].text);
                    self.fail(l.pos, &text, "unbounded gap; expected an upper bound, as in `...{0,5}`")
                }
                _ => self.fail(l.pos, "...", "unbounded gap; expected bounds, as in `...{0,5}`"),
            },
            Lx::Bang => self.negation(&l),
            Lx::Regex(source) => self.regex(source, &l),
            Lx::Caret => self.fail(
                l.pos,
                "^",
                "`^` (the start of the sentence) can only open a `match`; quote it, \"^\", to match the character",
            ),
            _ => self.fail(l.pos, &l.text, "expected a pattern element: a word, \"phrase\", @list, class, entity type, /regex/, `(`, `!` or `...{m,n}`"),
        }
    }

    /// A `/regex/` atom, compiled here (the rule set keeps one per
    /// distinct source). Rule files repeat the same few regexes many times
    /// (`/^\p{Lu}[\p{Ll}'’]/`), and Unicode classes are costly to compile,
    /// so compiled regexes are shared across every parse in the process:
    /// a `Regex` clone is a reference count.
    fn regex(&mut self, source: &str, l: &Lexeme) -> Result<Node, ()> {
        static COMPILED: LazyLock<Mutex<HashMap<String, regex::Regex>>> =
            LazyLock::new(Default::default);
        let cached = COMPILED
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(source)
            .cloned();
        if let Some(regex) = cached {
            return Ok(Node::Regex(regex));
        }
        match regex::Regex::new(source) {
            Ok(regex) => {
                COMPILED
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(source.to_owned(), regex.clone());
                Ok(Node::Regex(regex))
            }
            Err(err) => {
                // The regex crate's message is several lines; its last says what is wrong.
                let message = err.to_string();
                let message = message
                    .lines()
                    .rev()
                    .find(|line| !line.trim().is_empty())
                    .unwrap_or("")
                    .trim()
                    .to_owned();
                self.fail(
                    l.pos,
                    &l.text,
                    format!(
                        "bad regex: {message}; expected a regex in the syntax of the `regex` crate"
                    ),
                )
            }
        }
    }

    fn literal(&mut self, text: &str, l: &Lexeme) -> Result<Node, ()> {
        let keys = literal_keys(text);
        if keys.is_empty() {
            return self.fail(l.pos, &l.text, "empty literal; expected at least one word");
        }
        Ok(Node::Literal { keys })
    }

    fn bare(&mut self, l: &Lexeme) -> Result<Node, ()> {
        let text = l.text.as_str();
        if text.starts_with(|c: char| c.is_uppercase()) {
            if let Some(class) = Class::parse(text) {
                return Ok(Node::Class(class));
            }
            if let Some(kind) = EntityKind::parse(text) {
                return Ok(Node::Entity(kind));
            }
            return self.fail(
                l.pos,
                text,
                format!("unknown class or entity type; expected one of {}, PERSON, ORG, PLACE, DATE, TITLE, DEMONYM (quote it, \"{text}\", to match the word)", Class::NAMES),
            );
        }
        self.literal(text, l)
    }

    fn negation(&mut self, bang: &Lexeme) -> Result<Node, ()> {
        let Some(next) = self.peek().cloned() else {
            return self.fail(bang.pos, "!", "expected a word, @list or class after `!`");
        };
        let tests =
            if next.kind == Lx::LParen {
                self.i += 1;
                let mut tests = vec![self.negatable()?];
                loop {
                    match self.peek().map(|l| l.kind.clone()) {
                        Some(Lx::Pipe) => {
                            self.i += 1;
                            tests.push(self.negatable()?);
                        }
                        Some(Lx::RParen) => {
                            self.i += 1;
                            break;
                        }
                        _ => return self.fail(
                            next.pos,
                            "(",
                            "expected `|` or `)` in a negated set such as `!(\"not\" | \"never\")`",
                        ),
                    }
                }
                tests
            } else {
                vec![self.negatable()?]
            };
        Ok(Node::Not { tests })
    }

    /// One single-token element inside a negation.
    fn negatable(&mut self) -> Result<Node, ()> {
        let Some(l) = self.peek().cloned() else {
            let last = self.lx[self.i - 1].clone();
            return self.fail(
                last.pos,
                &last.text,
                "expected a word, @list or class after `!`",
            );
        };
        self.i += 1;
        let node = match &l.kind {
            Lx::Str(raw) => self.literal(&unescape(raw), &l)?,
            Lx::Bare => self.bare(&l)?,
            Lx::At(name) => Node::List {
                name: name.clone(),
                pos: l.pos,
            },
            Lx::Regex(source) => self.regex(source, &l)?,
            _ => {
                return self.fail(
                    l.pos,
                    &l.text,
                    "expected a word, @list or class after `!`; a negation matches one token",
                );
            }
        };
        match &node {
            Node::Literal { keys } if keys.len() > 1 => self.fail(l.pos, &l.text, "negated phrase; a negation matches one token, expected a single word"),
            Node::Entity(_) => self.fail(l.pos, &l.text, "negated entity type; a negation matches one token, expected a word, @list or class"),
            _ => Ok(node),
        }
    }
}

fn parse_example(
    clause: &Clause,
    produces: Option<Produces>,
    diags: &mut Diags<'_>,
) -> Option<ExampleDecl> {
    let counter = clause.keyword.text == "counter";
    let lx = &clause.rest;
    let Some(first) = lx.first() else {
        diags.error(
            clause.keyword.pos,
            &clause.keyword.text,
            "expected a quoted sentence",
        );
        return None;
    };
    let Lx::Str(raw) = &first.kind else {
        diags.error(first.pos, &first.text, "expected a quoted sentence");
        return None;
    };
    let (text, entities) = match strip_markup(raw) {
        Ok(v) => v,
        Err(message) => {
            diags.error(first.pos, &first.text, message);
            return None;
        }
    };
    let mut expected = Vec::new();
    if let Some(arrow) = lx.get(1) {
        if arrow.kind != Lx::FatArrow || counter {
            let message = if counter {
                "unexpected text; a counter-example has no expected output"
            } else {
                "expected `=>` and the expected captures after the sentence"
            };
            diags.error(arrow.pos, &arrow.text, message);
            return None;
        }
        let rest = &lx[2..];
        if rest.is_empty() {
            diags.error(
                arrow.pos,
                "=>",
                "expected captures such as `speaker=\"Ruto\"` after `=>`",
            );
            return None;
        }
        for chunk in rest.chunks(3) {
            let ok = chunk.len() == 3
                && chunk[0].kind == Lx::Bare
                && chunk[1].kind == Lx::Eq
                && matches!(chunk[2].kind, Lx::Str(_));
            if !ok {
                diags.error(
                    chunk[0].pos,
                    &chunk[0].text,
                    "expected `name=\"text\"` after `=>`",
                );
                return None;
            }
            let name = &chunk[0].text;
            if check_capture(name, chunk[0].pos, produces, diags).is_err() {
                return None;
            }
            let Lx::Str(value) = &chunk[2].kind else {
                unreachable!("checked above")
            };
            expected.push((name.clone(), unescape(value)));
        }
    }
    Some(ExampleDecl {
        text,
        entities,
        expected,
        counter,
        line: first.pos.line,
    })
}

/// An inline entity annotation of an example: byte range and kind.
pub(crate) type Markup = (std::ops::Range<usize>, EntityKind);

/// Removes `[KIND text]` markup, returning the plain text and the entity
/// byte ranges. `\[`, `\]` and `\"` stand for themselves.
pub(crate) fn strip_markup(raw: &str) -> Result<(String, Vec<Markup>), String> {
    let mut text = String::with_capacity(raw.len());
    let mut entities = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    text.push(next);
                }
            }
            '[' => {
                if open.is_some() {
                    return Err("nested entity markup; expected `]` before the next `[`".into());
                }
                let mut kind = String::new();
                while let Some(&k) = chars.peek() {
                    if k == ' ' {
                        break;
                    }
                    kind.push(k);
                    chars.next();
                }
                if chars.next() != Some(' ') {
                    return Err("unterminated entity markup; expected `[KIND text]`".into());
                }
                let Some(kind) = EntityKind::parse(&kind) else {
                    return Err(format!(
                        "unknown entity type `{kind}` in markup; expected `[KIND text]` with KIND one of PERSON, ORG, PLACE, DATE, TITLE, DEMONYM"
                    ));
                };
                open = Some((text.len(), kind));
            }
            ']' => {
                let Some((start, kind)) = open.take() else {
                    return Err("`]` without `[`; write `\\]` for a literal bracket".into());
                };
                entities.push((start..text.len(), kind));
            }
            _ => text.push(c),
        }
    }
    if open.is_some() {
        return Err("unterminated entity markup; expected `]`".into());
    }
    Ok((text, entities))
}
