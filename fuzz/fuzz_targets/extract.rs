//! Extraction over arbitrary bytes read as lossy UTF-8: no panic, every
//! span inside the text on char boundaries, and output that serializes.
#![no_main]

use std::sync::LazyLock;

use herald::{Document, Extractor, Span};
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

fn check(doc: &Document) {
    let text = doc.text();
    let within = |span: Span| {
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    };
    doc.entities().iter().for_each(|e| within(e.span()));
    doc.references().iter().for_each(|r| within(r.span()));
    for event in doc.events() {
        within(event.trigger());
        within(event.sentence());
        event.arguments().iter().for_each(|a| within(a.span()));
    }
    serde_json::to_string(doc).expect("documents serialize");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first byte picks dated or undated extraction, so date resolution
    // against a document date is fuzzed too.
    let date = data
        .first()
        .is_some_and(|b| b % 2 == 0)
        .then(|| jiff::civil::date(2024, 2, 29));
    check(&EXTRACTOR.extract_dated(&text, date));
});
