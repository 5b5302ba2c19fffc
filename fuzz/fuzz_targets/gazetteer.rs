//! The gazetteer parsers (herald's TSV and spaCy JSONL) over arbitrary
//! text: a gazetteer or line-numbered problems, never a panic; a gazetteer
//! that loads compiles into a matcher that finds names in bounds.
#![no_main]

use herald::gazetteer::{Gazetteer, GazetteerMatcher};
use herald::text::tokenize;
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "NATO’s chief met the U.S. envoy in São Paulo and Baghdad; \
    the Tigris Water Board (TWB) said so.";

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let lines = source.lines().count();
    for parsed in [
        Gazetteer::parse("fuzz", &source),
        Gazetteer::from_spacy_jsonl("fuzz", &source),
    ] {
        match parsed {
            Ok(gazetteer) => {
                if let Ok(matcher) = GazetteerMatcher::new(&[gazetteer]) {
                    let tokens = tokenize(TEXT);
                    for found in matcher.find(TEXT, &tokens) {
                        assert!(found.span().end <= TEXT.len());
                        assert!(TEXT.is_char_boundary(found.span().start));
                    }
                }
            }
            Err(error) => {
                for problem in error.problems() {
                    assert!(problem.line <= lines.max(1), "{problem}");
                }
            }
        }
    }
});
