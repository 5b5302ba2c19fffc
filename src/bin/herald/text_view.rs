//! `--format text`: a document for a person at a terminal. The text comes
//! first with its entity mentions marked (in color on a terminal, as
//! `[mention|TYPE]` otherwise), then one line per event. `--explain` adds
//! the gazetteer entry or rule behind every item; `--tokens` adds the
//! sentences and tokens the rules saw.

use herald::{Argument, Document, EntityKind, Event, EventKind, Role, Span};
use std::collections::HashMap;
use std::fmt::Write;

/// How to render.
#[derive(Clone, Copy)]
pub struct TextOptions {
    pub color: bool,
    pub explain: bool,
    pub tokens: bool,
}

const RESET: &str = "\x1b[0m";
const DIM: &str = "\x1b[2m";

/// The terminal color of an entity type (SGR parameters).
fn color(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "\x1b[1;34m",
        EntityKind::Org => "\x1b[1;35m",
        EntityKind::Place => "\x1b[1;32m",
        EntityKind::Date => "\x1b[1;33m",
        EntityKind::Title => "\x1b[36m",
        _ => "\x1b[2;4m",
    }
}

const LEGEND: [EntityKind; 6] = EntityKind::ALL;

/// Renders one document; `header` names it when the run has a name for it.
pub fn render(doc: &Document, header: Option<&str>, options: TextOptions) -> String {
    let mut out = String::new();
    if let Some(header) = header {
        let _ = writeln!(out, "── {header} ──");
    }
    if options.color {
        let legend: Vec<String> = LEGEND
            .iter()
            .map(|&kind| format!("{}{kind}{RESET}", color(kind)))
            .collect();
        let _ = writeln!(out, "{DIM}entities:{RESET} {}", legend.join(" "));
    }
    if let Some(date) = doc.date() {
        let _ = writeln!(out, "document date: {date}");
    }
    out.push_str(&marked_text(doc, options.color));
    if !doc.text().ends_with('\n') {
        out.push('\n');
    }
    if options.tokens {
        write_tokens(&mut out, doc.text());
    }
    if options.explain {
        write_entity_sources(&mut out, doc);
    }
    if !doc.events().is_empty() {
        out.push('\n');
        let names = Names::new(doc);
        for event in doc.events() {
            let _ = writeln!(out, "{}", event_line(doc, &names, event));
            if options.explain {
                let _ = writeln!(
                    out,
                    "    {DIM_OR_NOT}trigger {:?} at {}..{}, rule {}{END}",
                    slice(doc, event.trigger()),
                    event.trigger().start,
                    event.trigger().end,
                    event.rule(),
                    DIM_OR_NOT = if options.color { DIM } else { "" },
                    END = if options.color { RESET } else { "" },
                );
                for argument in event.arguments() {
                    let _ = writeln!(
                        out,
                        "    {:<11} {:?} at {}..{}{}",
                        argument.role().as_str(),
                        slice(doc, argument.span()),
                        argument.span().start,
                        argument.span().end,
                        argument
                            .entity()
                            .map(|cluster| format!(" → {cluster}"))
                            .unwrap_or_default()
                    );
                }
            }
        }
    }
    out
}

fn slice(doc: &Document, span: Span) -> &str {
    doc.text().get(span.range()).unwrap_or("")
}

/// The text with every entity mention marked.
fn marked_text(doc: &Document, color_on: bool) -> String {
    let text = doc.text();
    let mut out = String::with_capacity(text.len() * 5 / 4);
    let mut at = 0;
    for entity in doc.entities() {
        let span = entity.span();
        // Mentions do not overlap; a defensive skip keeps the text whole if
        // that ever changes.
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start]);
        let mention = &text[span.range()];
        if color_on {
            let _ = write!(out, "{}{mention}{RESET}", color(entity.kind()));
        } else {
            let _ = write!(out, "[{mention}|{}]", entity.kind());
        }
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

fn write_tokens(out: &mut String, text: &str) {
    let tokens = herald::text::tokenize(text);
    let sentences = herald::text::split_sentences(text, &tokens);
    let _ = writeln!(out, "\nsentences and tokens:");
    for (number, sentence) in sentences.iter().enumerate() {
        let _ = writeln!(
            out,
            "  sentence {} [{}..{}]",
            number + 1,
            sentence.span.start,
            sentence.span.end
        );
        if let Some(dateline) = &sentence.dateline {
            let _ = write!(
                out,
                "    dateline: place {:?}",
                &text[dateline.place.range()]
            );
            if let Some(date) = dateline.date {
                let _ = write!(out, ", date {:?}", &text[date.range()]);
            }
            out.push('\n');
        }
        let words: Vec<&str> = sentence
            .tokens
            .clone()
            .filter_map(|i| tokens.get(i))
            .map(|t| &text[t.span.range()])
            .collect();
        let _ = writeln!(out, "    tokens: {}", words.join(" | "));
    }
}

fn write_entity_sources(out: &mut String, doc: &Document) {
    if doc.entities().is_empty() && doc.references().is_empty() {
        return;
    }
    let _ = writeln!(out, "\nentities:");
    for entity in doc.entities() {
        let _ = write!(
            out,
            "  {:<8} {:?} at {}..{}, cluster {}",
            entity.kind().as_str(),
            slice(doc, entity.span()),
            entity.span().start,
            entity.span().end,
            entity.cluster()
        );
        if let Some(canonical) = entity.canonical() {
            let _ = write!(out, ", canonical {canonical:?}");
        }
        if let Some(value) = entity.value() {
            let _ = write!(out, ", value {value}");
        }
        let _ = writeln!(out, "  ← {}", entity.source());
    }
    for reference in doc.references() {
        let _ = writeln!(
            out,
            "  refers   {:?} at {}..{} → {}  ← {}",
            slice(doc, reference.span()),
            reference.span().start,
            reference.span().end,
            reference.cluster(),
            reference.source()
        );
    }
}

/// The readable name of each entity cluster: its canonical name when the
/// gazetteer gave one, else its first mention.
pub struct Names<'a> {
    by_cluster: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    pub fn new(doc: &'a Document) -> Names<'a> {
        let mut by_cluster: HashMap<&str, &str> = HashMap::new();
        for entity in doc.entities() {
            let mention = doc.text().get(entity.span().range()).unwrap_or("");
            match (entity.canonical(), by_cluster.get(entity.cluster())) {
                (Some(canonical), _) => {
                    by_cluster.insert(entity.cluster(), canonical);
                }
                (None, None) => {
                    by_cluster.insert(entity.cluster(), mention);
                }
                (None, Some(_)) => {}
            }
        }
        Names { by_cluster }
    }

    /// How an argument is shown: its cluster's name, or its own words
    /// (shortened when long, as a quotation can be).
    pub fn argument(&self, doc: &Document, argument: &Argument) -> String {
        if let Some(name) = argument.entity().and_then(|c| self.by_cluster.get(c)) {
            return (*name).to_owned();
        }
        let words = doc.text().get(argument.span().range()).unwrap_or("");
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        shorten(&words, 72)
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars - 1).collect();
    format!("{}…", cut.trim_end())
}

/// One line per event: "Meeting  Al-Sudani, Stoltenberg · New York ·
/// 2023-09-20 · asserted".
pub fn event_line(doc: &Document, names: &Names, event: &Event) -> String {
    let of = |role: Role| -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for argument in event.arguments().iter().filter(|a| a.role() == role) {
            let name = names.argument(doc, argument);
            if !seen.contains(&name) {
                seen.push(name);
            }
        }
        seen
    };
    let mut parts: Vec<String> = Vec::new();
    let joined = |names: Vec<String>| names.join(", ");
    match event.kind() {
        EventKind::Invitation => {
            let (inviter, invitee) = (joined(of(Role::Inviter)), joined(of(Role::Invitee)));
            parts.push(match (inviter.is_empty(), invitee.is_empty()) {
                (false, false) => format!("{inviter} → {invitee}"),
                (false, true) => format!("{inviter} →"),
                (true, false) => format!("→ {invitee}"),
                (true, true) => String::new(),
            });
            parts.push(joined(of(Role::Destination)));
        }
        EventKind::Statement => {
            let (speaker, addressee) = (joined(of(Role::Speaker)), joined(of(Role::Addressee)));
            parts.push(match (speaker.is_empty(), addressee.is_empty()) {
                (false, false) => format!("{speaker} → {addressee}"),
                (false, true) => speaker,
                (true, false) => format!("→ {addressee}"),
                (true, true) => String::new(),
            });
            let content = of(Role::Content);
            if !content.is_empty() {
                parts.push(format!("“{}”", content.join(" … ")));
            }
        }
        _ => {
            parts.push(joined(of(Role::Participant)));
            parts.push(joined(of(Role::Place)));
            parts.push(joined(of(Role::Occasion)));
        }
    }
    if let Some(date) = event.date() {
        parts.push(date.to_string());
    }
    parts.push(event.modality().to_string());
    parts.retain(|part| !part.is_empty());
    format!("{:<11}{}", event.kind().as_str(), parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_marks_mentions_and_lists_events() {
        let extractor = herald::Extractor::default();
        let doc = extractor.extract("Foreign ministers met in Lisbon on Friday.");
        let options = TextOptions {
            color: false,
            explain: false,
            tokens: false,
        };
        let out = render(&doc, Some("story.txt"), options);
        assert!(out.starts_with("── story.txt ──\n"), "{out}");
        assert!(out.contains("met in [Lisbon|PLACE]"), "{out}");
        assert!(out.contains("\nMeeting    "), "{out}");
        assert!(out.contains("Lisbon · asserted"), "{out}");
        assert!(!out.contains('\x1b'), "no escape codes without color");
    }

    #[test]
    fn long_arguments_are_shortened_on_a_character_boundary() {
        let long = "é".repeat(100);
        let short = shorten(&long, 10);
        assert_eq!(short.chars().count(), 10);
        assert!(short.ends_with('…'));
    }
}
