//! Event extraction at the edges of a text: a trigger with nothing around
//! it, at the very start or end, after an opening quote, before a dash.
//! Extraction must never panic, and whatever it finds must lie in the text.

use std::sync::LazyLock;

use herald::Extractor;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// Every word list the event rules read, entry by entry.
fn trigger_words() -> Vec<String> {
    let lexicon = std::fs::read_to_string("rules/event-lexicon.rules").expect("event lexicon");
    let mut words = Vec::new();
    let mut in_list = false;
    for line in lexicon.lines() {
        let body = line.split('#').next().unwrap_or("");
        if let Some(rest) = body.strip_prefix("words ") {
            in_list = true;
            words.extend(entries(rest.split_once('=').map_or("", |(_, e)| e)));
        } else if in_list && body.starts_with(' ') {
            words.extend(entries(body));
        } else {
            in_list = false;
        }
    }
    words
}

fn entries(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            out.push(quoted[..end].to_owned());
            rest = quoted.get(end + 1..).unwrap_or("").trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(rest[..end].to_owned());
            rest = rest[end..].trim_start();
        }
    }
    out
}

#[test]
fn lone_triggers_and_their_edges_never_panic_and_stay_in_the_text() {
    let words = trigger_words();
    assert!(words.len() > 100, "the lexicon lists {} words", words.len());
    for word in &words {
        for text in [
            word.clone(),
            format!("{word}."),
            format!("“{word}"),
            format!("{word} —"),
            format!("He {word}"),
            format!("{word} to"),
            format!("Macron {word} Scholz, {word}"),
        ] {
            let doc = EXTRACTOR.extract(&text);
            for event in doc.events() {
                assert!(text.get(event.trigger().range()).is_some(), "{text:?}");
                for argument in event.arguments() {
                    assert!(
                        text.get(argument.span().range()).is_some(),
                        "{text:?}: argument {:?}",
                        argument.span()
                    );
                }
            }
        }
    }
}
