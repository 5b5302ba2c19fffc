//! `--format html`: one self-contained page (no external assets) in the
//! manner of spaCy's displaCy. Each document shows its text with entity
//! mentions marked by type, and its events as cards; hovering or clicking a
//! card highlights its trigger and arguments in the text, and clicking a
//! trigger selects its card. Several documents get a table of contents.
//! Tooltips name the gazetteer entry or rule behind every item.
//!
//! The page is built in two steps so documents can be rendered in parallel:
//! [`section`] renders one document, [`page`] wraps the sections.

use crate::text_view::{Names, event_line};
use herald::{Document, EntityKind, Span};
use std::fmt::Write;

const STYLE: &str = include_str!("view.css");
const SCRIPT: &str = include_str!("view.js");

/// One rendered document, ready for [`page`].
pub struct Section {
    key: String,
    title: String,
    entities: usize,
    events: usize,
    html: String,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn kind_class(kind: EntityKind) -> &'static str {
    kind.as_str()
}

/// A highlightable stretch: an event's trigger or one of its arguments.
struct Item {
    span: Span,
    key: String,
    trigger: bool,
}

/// Renders one document. `key` must be unique on the page and fit in an
/// HTML id (no spaces or quotes): it names the section and prefixes the
/// keys of its triggers and arguments.
pub fn section(doc: &Document, key: &str, title: &str) -> Section {
    let prefix = key;
    let mut items = Vec::new();
    for (e, event) in doc.events().iter().enumerate() {
        items.push(Item {
            span: event.trigger(),
            key: format!("{prefix}e{e}t"),
            trigger: true,
        });
        for (a, argument) in event.arguments().iter().enumerate() {
            items.push(Item {
                span: argument.span(),
                key: format!("{prefix}e{e}a{a}"),
                trigger: false,
            });
        }
    }
    let mut html = String::new();
    let _ = write!(
        html,
        "<section class=\"doc\" id=\"{key}\"><h2>{}</h2>",
        escape(title)
    );
    if let Some(date) = doc.date() {
        let _ = write!(html, "<p class=\"meta\">document date {date}</p>");
    }
    html.push_str("<div class=\"body\"><div class=\"text\">");
    marked_text(&mut html, doc, &items);
    html.push_str("</div><aside class=\"events\">");
    if doc.events().is_empty() {
        html.push_str("<p class=\"none\">No events found.</p>");
    }
    let names = Names::new(doc);
    for (e, event) in doc.events().iter().enumerate() {
        let argument_keys: Vec<String> = (0..event.arguments().len())
            .map(|a| format!("{prefix}e{e}a{a}"))
            .collect();
        let _ = write!(
            html,
            "<div class=\"card {kind}\" tabindex=\"0\" data-t=\"{prefix}e{e}t\" data-a=\"{keys}\" title=\"{summary}\">\
             <div class=\"head\"><span class=\"kind\">{kind}</span><span class=\"modality\">{modality}</span>",
            kind = event.kind(),
            keys = argument_keys.join(" "),
            summary = escape(&event_line(doc, &names, event)),
            modality = event.modality(),
        );
        if let Some(date) = event.date() {
            let _ = write!(html, "<span class=\"date\">{date}</span>");
        }
        let _ = write!(
            html,
            "</div><div class=\"trigger-word\" data-k=\"{prefix}e{e}t\">“{}”</div><ul>",
            escape(doc.text().get(event.trigger().range()).unwrap_or(""))
        );
        for (a, argument) in event.arguments().iter().enumerate() {
            let _ = write!(
                html,
                "<li data-k=\"{prefix}e{e}a{a}\"><b>{}</b> {}</li>",
                argument.role(),
                escape(&names.argument(doc, argument))
            );
        }
        let _ = write!(
            html,
            "</ul><div class=\"rule\">rule {}</div></div>",
            escape(event.rule())
        );
    }
    html.push_str("</aside></div></section>");
    Section {
        key: key.to_owned(),
        title: title.to_owned(),
        entities: doc.entities().len(),
        events: doc.events().len(),
        html,
    }
}

/// The document text, cut at every entity, trigger and argument boundary:
/// entity mentions become `<mark>`s, and each stretch inside a trigger or
/// an argument carries the keys of every item covering it (`data-k`), which
/// the script highlights.
fn marked_text(html: &mut String, doc: &Document, items: &[Item]) {
    let text = doc.text();
    let mut entities: Vec<&herald::Entity> = Vec::with_capacity(doc.entities().len());
    for entity in doc.entities() {
        // Mentions do not overlap; skipping one that would keeps the
        // markup well nested if that ever changes.
        if entities
            .last()
            .is_none_or(|last| last.span().end <= entity.span().start)
        {
            entities.push(entity);
        }
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for entity in &entities {
        cuts.extend([entity.span().start, entity.span().end]);
    }
    for item in items {
        cuts.extend([item.span.start, item.span.end]);
    }
    cuts.retain(|&cut| cut <= text.len() && text.is_char_boundary(cut));
    cuts.sort_unstable();
    cuts.dedup();

    let mut by_start: Vec<&Item> = items.iter().collect();
    by_start.sort_by_key(|item| item.span.start);
    let mut next_item = 0;
    let mut active: Vec<&Item> = Vec::new();
    let mut next_entity = 0;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if let Some(entity) = entities.get(next_entity)
            && entity.span().start == start
        {
            let mut tip = format!("{}", entity.kind());
            if let Some(canonical) = entity.canonical() {
                let _ = write!(tip, " · {canonical}");
            }
            if let Some(value) = entity.value() {
                let _ = write!(tip, " · {value}");
            }
            let _ = write!(tip, " · {}", entity.source());
            let _ = write!(
                html,
                "<mark class=\"ent {}\" title=\"{}\">",
                kind_class(entity.kind()),
                escape(&tip)
            );
        }
        while let Some(item) = by_start.get(next_item)
            && item.span.start <= start
        {
            active.push(item);
            next_item += 1;
        }
        active.retain(|item| item.span.end > start);
        let words = escape(&text[start..end]);
        if active.is_empty() {
            html.push_str(&words);
        } else {
            let keys: Vec<&str> = active.iter().map(|item| item.key.as_str()).collect();
            let trigger = active.iter().find(|item| item.trigger);
            match trigger {
                Some(trigger) => {
                    let _ = write!(
                        html,
                        "<span class=\"seg trigger\" data-trig=\"{}\" data-k=\"{}\">{words}</span>",
                        trigger.key,
                        keys.join(" ")
                    );
                }
                None => {
                    let _ = write!(
                        html,
                        "<span class=\"seg\" data-k=\"{}\">{words}</span>",
                        keys.join(" ")
                    );
                }
            }
        }
        if let Some(entity) = entities.get(next_entity)
            && entity.span().end == end
        {
            let _ = write!(
                html,
                "<span class=\"label\">{}</span></mark>",
                entity.kind()
            );
            next_entity += 1;
        }
    }
}

const LEGEND: [EntityKind; 6] = EntityKind::ALL;

impl Section {
    /// The section's markup alone, for a page that inserts it (`herald
    /// serve`'s view); call the script's `heraldView(element)` after.
    #[cfg(feature = "serve")]
    pub fn html(&self) -> &str {
        &self.html
    }
}

/// The whole page around rendered sections.
pub fn page(sections: &[Section]) -> String {
    page_around(sections, "", "")
}

/// The page with `intro` (markup) before the sections and `script` after
/// the card script: `herald serve` adds its form and the code that runs
/// it, and keeps one stylesheet and one card script for both views.
pub fn page_around(sections: &[Section], intro: &str, script: &str) -> String {
    let mut html = String::new();
    html.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>herald</title><style>",
    );
    html.push_str(STYLE);
    html.push_str("</style></head><body><header><h1>herald</h1><div class=\"legend\">");
    for kind in LEGEND {
        let _ = write!(
            html,
            "<mark class=\"ent {}\">{kind}</mark>",
            kind_class(kind)
        );
    }
    html.push_str(
        "<span class=\"seg hl-t\">trigger</span><span class=\"seg hl-a\">argument</span>\
         </div><p class=\"hint\">Hover over or click an event card to see its trigger and \
         arguments in the text; click a trigger to find its card.</p></header>",
    );
    if sections.len() > 1 {
        html.push_str("<nav class=\"toc\"><h2>Documents</h2><ol>");
        for section in sections {
            let _ = write!(
                html,
                "<li><a href=\"#{}\">{}</a> <span class=\"counts\">{} entities, {} events</span></li>",
                section.key,
                escape(&section.title),
                section.entities,
                section.events
            );
        }
        html.push_str("</ol></nav>");
    }
    html.push_str("<main>");
    html.push_str(intro);
    for section in sections {
        html.push_str(&section.html);
    }
    html.push_str("</main><script>");
    html.push_str(SCRIPT);
    html.push_str(script);
    html.push_str("</script></body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_nests_and_keeps_every_character() {
        let extractor = herald::Extractor::default();
        let text = "Kenyan President William Ruto met Brazil's President Lula in Nairobi <on> Monday & talked.";
        let doc = extractor.extract(text);
        assert!(!doc.events().is_empty());
        let section = section(&doc, "d0", "a <story>");
        let html = &section.html;
        assert!(html.contains("<h2>a &lt;story&gt;</h2>"));
        assert!(html.contains("&lt;on&gt;") && html.contains("&amp; talked"));
        assert!(html.contains("class=\"seg trigger\" data-trig=\"d0e0t\""));
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
        // Every character of the text is there once the markup is removed.
        let body_start = html.find("<div class=\"text\">").unwrap() + 18;
        let body_end = html.find("</div><aside").unwrap();
        let mut plain = String::new();
        let mut in_tag = false;
        let body = &html[body_start..body_end];
        let body = strip_labels(body);
        for c in body.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => plain.push(c),
                _ => {}
            }
        }
        let plain = plain
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .replace("&#39;", "'");
        assert_eq!(plain, text);
    }

    /// Removes the type labels inside marks, which are not part of the text.
    fn strip_labels(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(at) = rest.find("<span class=\"label\">") {
            out.push_str(&rest[..at]);
            let after = &rest[at..];
            let close = after.find("</span>").unwrap() + "</span>".len();
            rest = &after[close..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn several_documents_get_a_table_of_contents() {
        let extractor = herald::Extractor::default();
        let docs = ["Ruto met Lula.", "Rain fell."];
        let sections: Vec<Section> = docs
            .iter()
            .enumerate()
            .map(|(i, text)| {
                section(
                    &extractor.extract(text),
                    &format!("d{i}"),
                    &format!("doc {i}"),
                )
            })
            .collect();
        let html = page(&sections);
        assert!(html.contains("<nav class=\"toc\">"));
        assert!(html.contains("href=\"#d1\""));
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!page(&sections[..1]).contains("<nav"));
    }
}
