//! The document's JSON written directly: the bytes `serde_json` gives for
//! its [`Serialize`](serde::Serialize) impl, without serde's generic path.
//!
//! The command writes about six bytes of JSON per byte of news, and
//! serde_json spent a fifth of the command's time on them: a call per
//! field through the serializer, every static key escaped byte by byte
//! and a `BTreeMap` per entity for its attributes. Here keys are copied,
//! strings that need no escape (nearly all) are copied whole, and numbers
//! go through `itoa`. Both renderings sit in this module's parent, and a
//! test compares their bytes on documents with every field filled and
//! with text that needs escapes, so the two cannot drift apart.

use std::fmt::Write as _;

use super::{Argument, Document, Entity, Event, Reference, View};
use crate::span::Span;

impl Document {
    /// The document as one line of JSON, the output format of
    /// `docs/output-format.md`: the same bytes as
    /// `serde_json::to_string(&document)`, written in half the time.
    ///
    /// ```
    /// let extractor = herald::Extractor::default();
    /// let doc = extractor.extract("Ruto met Lula in Nairobi.");
    /// assert_eq!(doc.to_json(), serde_json::to_string(&doc).unwrap());
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        out.push('{');
        self.write_json_members(&mut out);
        out.push('}');
        out
    }

    /// Appends the members of [`Document::to_json`]'s object without its
    /// braces (`"document_date":…,"text_length":…,"entities":[…],…`), so
    /// that a caller can write members of its own, such as a record's id,
    /// into the same object.
    ///
    /// ```
    /// let extractor = herald::Extractor::default();
    /// let doc = extractor.extract("Talks resumed in Baghdad.");
    /// let mut line = String::from(r#"{"id":7,"#);
    /// doc.write_json_members(&mut line);
    /// line.push('}');
    /// let value: serde_json::Value = serde_json::from_str(&line).unwrap();
    /// assert_eq!(value["id"], 7);
    /// assert_eq!(value["entities"][0]["text"], "Baghdad");
    /// ```
    pub fn write_json_members(&self, out: &mut String) {
        out.reserve(self.json_size_estimate());
        let view = View::new(&self.text);
        key(out, "\"document_date\":");
        nullable(out, self.date, display);
        key(out, ",\"text_length\":");
        number(out, self.text.len());
        key(out, ",\"entities\":");
        array(out, &self.entities, |out, entity| {
            write_entity(out, &view, entity)
        });
        key(out, ",\"events\":");
        array(out, &self.events, |out, event| {
            write_event(out, &view, event)
        });
        key(out, ",\"references\":");
        array(out, &self.references, |out, reference| {
            write_reference(out, &view, reference)
        });
    }
}

impl Document {
    /// About the bytes of the JSON members, a little over for most
    /// documents: growing a line of some kilobytes by doubling copied it
    /// several times.
    fn json_size_estimate(&self) -> usize {
        let spans = |spans: usize| spans * 96;
        let text = |span: Span| span.len() + span.len() / 8;
        let entities: usize = self.entities.iter().map(|e| 224 + text(e.span)).sum();
        let references: usize = self.references.iter().map(|r| 160 + text(r.span)).sum();
        let events: usize = self
            .events
            .iter()
            .map(|e| {
                192 + spans(2 + e.arguments.len())
                    + text(e.trigger)
                    + text(e.sentence)
                    + e.arguments.iter().map(|a| 48 + text(a.span)).sum::<usize>()
            })
            .sum();
        128 + entities + references + events
    }
}

fn write_entity(out: &mut String, view: &View<'_>, entity: &Entity) {
    out.push('{');
    span_members(out, view, entity.span);
    key(out, ",\"type\":");
    string(out, entity.kind.as_str());
    key(out, ",\"entity\":");
    string(out, &entity.cluster);
    key(out, ",\"canonical\":");
    nullable(out, entity.canonical.as_deref(), string);
    key(out, ",\"value\":");
    nullable(out, entity.value, date_value);
    key(out, ",\"source\":");
    source(out, &entity.source);
    key(out, ",\"attributes\":");
    // A map by key, as the BTreeMap of the Serialize impl gives it: sorted,
    // and a key given twice keeps its last value.
    let mut attributes: Vec<(&str, &str)> = entity
        .attributes
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    attributes.sort_by_key(|&(key, _)| key);
    out.push('{');
    let mut first = true;
    for (index, &(name, value)) in attributes.iter().enumerate() {
        if attributes.get(index + 1).is_some_and(|next| next.0 == name) {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        string(out, name);
        out.push(':');
        string(out, value);
    }
    out.push('}');
    out.push('}');
}

fn write_reference(out: &mut String, view: &View<'_>, reference: &Reference) {
    out.push('{');
    span_members(out, view, reference.span);
    key(out, ",\"type\":");
    string(out, reference.kind.as_str());
    key(out, ",\"entity\":");
    string(out, &reference.cluster);
    key(out, ",\"source\":");
    source(out, &reference.source);
    out.push('}');
}

fn write_event(out: &mut String, view: &View<'_>, event: &Event) {
    out.push('{');
    key(out, "\"type\":");
    string(out, event.kind.as_str());
    key(out, ",\"trigger\":");
    out.push('{');
    span_members(out, view, event.trigger);
    out.push('}');
    key(out, ",\"sentence\":");
    out.push('{');
    span_members(out, view, event.sentence);
    out.push('}');
    key(out, ",\"arguments\":");
    array(out, &event.arguments, |out, argument| {
        write_argument(out, view, argument)
    });
    key(out, ",\"date\":");
    nullable(out, event.date.map(super::DateValue::Day), date_value);
    key(out, ",\"modality\":");
    string(out, event.modality.as_str());
    key(out, ",\"id\":");
    string(out, &event.id);
    key(out, ",\"rule\":");
    string(out, &event.rule);
    out.push('}');
}

fn write_argument(out: &mut String, view: &View<'_>, argument: &Argument) {
    out.push('{');
    key(out, "\"role\":");
    string(out, argument.role.as_str());
    out.push(',');
    span_members(out, view, argument.span);
    key(out, ",\"entity\":");
    nullable(out, argument.entity.as_deref(), string);
    out.push('}');
}

/// `"start":…,"end":…,"char_start":…,"char_end":…,"text":…` of a span.
fn span_members(out: &mut String, view: &View<'_>, span: Span) {
    key(out, "\"start\":");
    number(out, span.start);
    key(out, ",\"end\":");
    number(out, span.end);
    key(out, ",\"char_start\":");
    number(out, view.char_start(span));
    key(out, ",\"char_end\":");
    number(out, view.char_end(span));
    key(out, ",\"text\":");
    string(out, view.slice(span));
}

/// `value` written by `write`, or `null`.
fn nullable<T>(out: &mut String, value: Option<T>, write: impl FnOnce(&mut String, T)) {
    match value {
        Some(value) => write(out, value),
        None => out.push_str("null"),
    }
}

fn array<T>(out: &mut String, items: &[T], mut write: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

/// A member's key as one fragment, the comma before it included when a
/// member comes first (`,"start":`): a copy of a known length. Keys are
/// this module's own words, which need no escape.
#[inline(always)]
fn key(out: &mut String, fragment: &'static str) {
    debug_assert!(
        fragment
            .trim_start_matches(',')
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix("\":"))
            .is_some_and(|name| name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
    );
    out.push_str(fragment);
}

#[inline]
fn number(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// A value's `Display` text as a JSON string, escaped as it is written.
fn display(out: &mut String, value: impl std::fmt::Display) {
    out.push('"');
    // Writing to a String cannot fail.
    let _ = write!(Escaping(out), "{value}");
    out.push('"');
}

/// A source as a JSON string, its display string written piece by piece:
/// every entity and reference has one, and `Display` through `write!` cost
/// about five hundred instructions each.
fn source(out: &mut String, source: &super::Source) {
    out.push('"');
    for piece in source.pieces() {
        escape_into(out, piece);
    }
    out.push('"');
}

/// A date value as a JSON string: ISO digits and hyphens, nothing to escape.
fn date_value(out: &mut String, value: super::DateValue) {
    out.push('"');
    value.push_to(out);
    out.push('"');
}

/// A JSON string.
fn string(out: &mut String, text: &str) {
    out.push('"');
    escape_into(out, text);
    out.push('"');
}

/// Escapes what `Display` writes, piece by piece.
struct Escaping<'a>(&'a mut String);

impl std::fmt::Write for Escaping<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        escape_into(self.0, text);
        Ok(())
    }
}

/// The bytes JSON requires escaped: control characters, `"` and `\`.
static NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Appends `text` escaped as serde_json escapes it: the short escapes
/// (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`), `\u00xx` with lowercase
/// hex digits for other control characters, everything else as it is.
fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    while let Some(index) = next_to_escape(bytes, copied) {
        // Every byte that needs an escape is ASCII, so `index` is a char
        // boundary.
        out.push_str(&text[copied..index]);
        copied = index + 1;
        match bytes[index] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            byte => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xF)]));
            }
        }
    }
    out.push_str(&text[copied..]);
}

/// The index of the first byte at or after `from` that needs an escape.
/// Eight bytes are tested at a time: nearly every string needs none. The
/// last bytes (and a string of four to seven) are tested as one word of
/// two overlapping loads, since most strings written are short; only a
/// word that holds an escape is searched byte by byte.
#[inline]
fn next_to_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // Whether some byte of `word` is below `n` (n <= 0x80): exact.
    let has_below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS != 0;
    let has_byte = |word: u64, byte: u8| has_below(word ^ (ONES * u64::from(byte)), 1);
    let needs = |word: u64| has_below(word, 0x20) || has_byte(word, b'"') || has_byte(word, b'\\');
    let rest = &bytes[from..];
    let search = |at: usize| {
        rest[at..]
            .iter()
            .position(|&byte| NEEDS_ESCAPE[usize::from(byte)])
            .map(|offset| from + at + offset)
    };
    let len = rest.len();
    if len < 4 {
        return search(0);
    }
    if len < 8 {
        let word = |at: usize| {
            let mut four = [0; 4];
            four.copy_from_slice(&rest[at..at + 4]);
            u64::from(u32::from_le_bytes(four))
        };
        return if needs(word(0) | word(len - 4) << 32) {
            search(0)
        } else {
            None
        };
    }
    let eight = |at: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&rest[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let mut at = 0;
    while at + 8 <= len {
        if needs(eight(at)) {
            return search(at);
        }
        at += 8;
    }
    // The last word overlaps the words tested: its new bytes are the tail.
    if at < len && needs(eight(len - 8)) {
        search(len - 8)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DateValue, EntityKind, EventKind, Modality, Role, Source};

    /// A document with every field filled and strings that need every
    /// kind of escape.
    fn awkward() -> Document {
        let text = "He said \"no\" \\ \u{1}\u{1f}\t\r\n\u{8}\u{c}\u{7f} – «Erdoğan» 🙂 \u{2028} met Al-Sudani.".to_owned();
        let len = text.len();
        let entity = |span: Span, attributes: Vec<(&str, &str)>| Entity {
            span,
            kind: EntityKind::Person,
            cluster: "al-sudani \"x\"".into(),
            canonical: Some("Mohammed Shia' Al-Sudani\n".into()),
            value: Some(DateValue::Day(jiff::civil::date(2024, 5, 3))),
            source: Source::Gazetteer {
                gazetteer: "people\t".into(),
                entry: "Q\"1\\".into(),
            }
            .into(),
            attributes: attributes
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        };
        Document {
            text,
            date: Some(jiff::civil::date(2024, 5, 3)),
            entities: vec![
                entity(
                    Span::new(0, 2),
                    vec![("title", "Mr"), ("country", "IQ"), ("title", "Dr\u{1}")],
                ),
                entity(Span::new(3, len), vec![]),
                Entity {
                    canonical: None,
                    value: None,
                    source: Source::Rule("person/title-name/1".into()).into(),
                    ..entity(Span::new(len, len), vec![("b", "1"), ("a", "2")])
                },
            ],
            events: vec![Event {
                kind: EventKind::Meeting,
                trigger: Span::new(0, 2),
                sentence: Span::new(0, len),
                arguments: vec![
                    Argument {
                        role: Role::Participant,
                        span: Span::new(3, 7),
                        entity: Some("x\"y".into()),
                    },
                    Argument {
                        role: Role::Place,
                        span: Span::new(0, 1),
                        entity: None,
                    },
                ],
                date: Some(jiff::civil::date(2023, 12, 31)),
                modality: Modality::Hypothetical,
                id: "meeting-1".into(),
                rule: "meeting/verb/meet".into(),
            }],
            references: vec![Reference {
                span: Span::new(0, 2),
                cluster: "al-sudani".into(),
                kind: EntityKind::Person,
                source: Source::Rule("coref/pronoun".into()).into(),
            }],
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let empty = Document {
            text: String::new(),
            date: None,
            entities: Vec::new(),
            events: Vec::new(),
            references: Vec::new(),
        };
        for doc in [awkward(), empty] {
            assert_eq!(doc.to_json(), serde_json::to_string(&doc).unwrap());
        }
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        let all: String = (0u8..0x80)
            .map(char::from)
            .chain(['é', '\u{2028}', '🙂'])
            .collect();
        for text in [all.as_str(), "", "plain", "\"", "a\\b", "\u{0}x"] {
            let mut out = String::new();
            string(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn escapes_are_found_at_every_offset_of_a_word() {
        for len in 0..24 {
            for at in 0..len {
                for special in ['"', '\\', '\n', '\u{1f}', '\u{0}'] {
                    let mut text: String =
                        (0..len).map(|i| char::from(b'a' + i as u8 % 26)).collect();
                    text.replace_range(at..at + 1, &special.to_string());
                    // Bytes just above the escaped ranges, which a
                    // careless word test mistakes for them.
                    let text = text.replace('b', "#").replace('c', "]").replace('d', " ");
                    let mut out = String::new();
                    string(&mut out, &text);
                    assert_eq!(out, serde_json::to_string(&text).unwrap(), "{text:?}");
                }
            }
        }
    }

    /// The search goes on after an escape from any offset: two escapes at
    /// every pair of offsets, in strings short and long.
    #[test]
    fn escapes_are_found_after_an_escape() {
        for len in 2..20 {
            for first in 0..len {
                for second in first + 1..len {
                    let text: String = (0..len)
                        .map(|i| match i {
                            _ if i == first => '"',
                            _ if i == second => '\u{1}',
                            _ => char::from(b'a' + i as u8),
                        })
                        .collect();
                    let mut out = String::new();
                    string(&mut out, &text);
                    assert_eq!(out, serde_json::to_string(&text).unwrap(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn enum_names_are_the_serde_names() {
        let serde_name = |value: &dyn erased::Named| value.serde_name();
        for kind in EntityKind::ALL {
            assert_eq!(serde_name(&kind), kind.as_str());
        }
        for kind in EventKind::ALL {
            assert_eq!(serde_name(&kind), kind.as_str());
        }
        for role in Role::ALL {
            assert_eq!(serde_name(&role), role.as_str());
        }
        for modality in Modality::ALL {
            assert_eq!(serde_name(&modality), modality.as_str());
        }
    }

    mod erased {
        /// A value whose serde name is asked for.
        pub(super) trait Named {
            fn serde_name(&self) -> String;
        }

        impl<T: serde::Serialize> Named for T {
            fn serde_name(&self) -> String {
                match serde_json::to_value(self).unwrap() {
                    serde_json::Value::String(name) => name,
                    other => panic!("not a name: {other}"),
                }
            }
        }
    }
}
