//! Event extraction at the edges of a text: a trigger with nothing around
//! it, at the very start or end, after an opening quote, before a dash.
//! Extraction must never panic, and whatever it finds must lie in the text.

use std::sync::LazyLock;

use herald::Extractor;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// Every entry of every lexicon list (the lists event rules and the event
/// stage read among them).
fn trigger_words() -> Vec<String> {
    let lexicon = herald::lexicon::lexicon();
    lexicon
        .names()
        .into_iter()
        .flat_map(|name| herald::lexicon::list(name).words())
        .map(|word| (*word).to_owned())
        .collect()
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
