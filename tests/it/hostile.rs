//! Hostile input: what a scraper or a careless user can hand herald. Each
//! case must extract without panicking, keep every span on char boundaries
//! inside the text with its `text` equal to the slice, and find what the
//! sane parts of the input hold. Time and memory stay linear (shown by the
//! `robustness` bench, not asserted here).
//!
//! The largest inputs are sized for the test profile: a few seconds each.

use std::sync::LazyLock;

use herald::{EntityKind, EventKind, Extractor, Role};

use crate::invariants::check_document;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// Extracts `text` and checks the invariants every document keeps.
fn extract_checked(text: &str) -> herald::Document {
    let doc = EXTRACTOR.extract(text);
    if let Err(problem) = check_document(&doc) {
        panic!("{problem}");
    }
    doc
}

fn texts_of(doc: &herald::Document, kind: EntityKind) -> Vec<&str> {
    doc.entities()
        .iter()
        .filter(|e| e.kind() == kind)
        .map(|e| &doc.text()[e.span()])
        .collect()
}

/// Words, names, punctuation and quote marks glued together, as text
/// whose spaces a broken scraper dropped.
const GLUED: &str = "Baghdad,NATO’s(Kessler)said:“talks”—2024.Okafor/al-Amin;“Lisbon”[3]…";

/// `bytes` of [`GLUED`] over and over, checked: the glued names are still
/// found, and with no sentence end anywhere, the text is cut into bounded
/// sentences, so no event reports a sentence of megabytes.
fn glued_text_extracts(bytes: usize) {
    let mut text = String::with_capacity(bytes + GLUED.len());
    while text.len() < bytes {
        text.push_str(GLUED);
    }
    let doc = extract_checked(&text);
    let places = texts_of(&doc, EntityKind::Place);
    assert_eq!(places.first(), Some(&"Baghdad"));
    assert!(
        places.len() > bytes / GLUED.len(),
        "{} places",
        places.len()
    );
    let longest = doc.events().iter().map(|e| e.sentence().len()).max();
    assert!(
        longest.is_some_and(|n| n < 10_000),
        "longest event sentence: {longest:?} bytes"
    );
}

#[test]
fn two_megabytes_without_whitespace() {
    glued_text_extracts(2_000_000);
}

/// The same at 20 MB: some 15 s and 1.2 GB in a release build, minutes in
/// the test profile, so `.ci/run` runs it in its release stage.
#[test]
#[ignore = "release stage: cargo test --release --test it -- --ignored"]
fn twenty_megabytes_without_whitespace() {
    glued_text_extracts(20_000_000);
}

#[test]
fn twenty_megabytes_of_one_letter_run() {
    // One "word" of 20 MB: no entity, no event, no crash.
    let text = "abcdefghij".repeat(2_000_000);
    let doc = extract_checked(&text);
    assert!(doc.entities().is_empty() && doc.events().is_empty());
}

#[test]
fn a_megabyte_of_capital_a_and_space() {
    let text = "A ".repeat(500_000);
    let doc = extract_checked(&text);
    // "A" is an article, never a name, however often it is capitalized.
    assert!(doc.entities().is_empty(), "{:?}", &doc.entities()[..1]);
}

#[test]
fn deeply_nested_quotes_and_brackets() {
    let depth = 5_000;
    let opening = "(“[‘\"«{<";
    let closing = ">}»\"’]”)";
    let core = "Kessler said talks in Lisbon would resume.";
    let mut text = String::new();
    for _ in 0..depth {
        text.push_str(opening);
    }
    text.push_str(core);
    for _ in 0..depth {
        text.push_str(closing);
    }
    // Unbalanced the other way round too.
    text.push_str(&closing.repeat(depth));
    text.push(' ');
    text.push_str(core);
    text.push(' ');
    text.push_str(&opening.repeat(depth));
    let doc = extract_checked(&text);
    assert_eq!(texts_of(&doc, EntityKind::Place), ["Lisbon", "Lisbon"]);
}

/// A name made of syllables from `n`, so 100,000 sentences hold thousands
/// of different people.
fn surname(n: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mir", "ten", "sa", "vo", "rin", "da", "bel", "ko", "nu", "tar", "le", "mo",
        "fen", "gi", "ras", "po", "dun", "we",
    ];
    let mut name = String::new();
    let mut rest = n;
    for _ in 0..3 {
        name.push_str(SYLLABLES[rest % SYLLABLES.len()]);
        rest /= SYLLABLES.len();
    }
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    first.into_iter().chain(chars).collect()
}

#[test]
fn a_hundred_thousand_sentences_opening_with_a_title() {
    const TITLES: &[&str] = &["President", "Senator", "Governor", "General", "Minister"];
    const GIVEN: &[&str] = &["Maria", "John", "Ahmed", "Keiko", "Pedro"];
    let count = 100_000;
    let mut text = String::with_capacity(count * 60);
    for i in 0..count {
        text.push_str(&format!(
            "{} {} {} said the talks would resume. ",
            TITLES[i % TITLES.len()],
            GIVEN[(i / 5) % GIVEN.len()],
            surname(i)
        ));
    }
    let doc = extract_checked(&text);
    let statements: Vec<_> = doc
        .events()
        .iter()
        .filter(|e| e.kind() == EventKind::Statement)
        .collect();
    assert_eq!(statements.len(), count);
    // Every one has its own sentence's person as the speaker.
    for (i, statement) in statements.iter().enumerate() {
        let speaker = statement
            .arguments()
            .iter()
            .find(|a| a.role() == Role::Speaker)
            .unwrap_or_else(|| panic!("statement {i} has no speaker"));
        let name = &doc.text()[speaker.span()];
        assert!(
            name.ends_with(&surname(i)),
            "statement {i}: speaker {name:?}"
        );
    }
}

/// Every char Unicode calls whitespace, and the bidirectional and
/// zero-width controls that pasted text carries.
const WHITESPACE: &[char] = &[
    '\t', '\n', '\u{B}', '\u{C}', '\r', ' ', '\u{85}', '\u{A0}', '\u{1680}', '\u{2000}',
    '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200A}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}',
];
const CONTROLS: &[char] = &[
    '\u{61C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}',
    '\u{202C}', '\u{202D}', '\u{202E}', '\u{2060}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    '\u{FEFF}',
];

#[test]
fn every_unicode_whitespace_and_bidi_control() {
    let words = ["Kessler", "met", "Okafor", "in", "Lisbon", "on", "Tuesday."];
    for &separator in WHITESPACE {
        let text = words.join(&separator.to_string());
        let doc = extract_checked(&text);
        assert_eq!(
            texts_of(&doc, EntityKind::Place),
            ["Lisbon"],
            "separator U+{:04X}",
            separator as u32
        );
    }
    for &control in CONTROLS {
        // Between words, inside words and at the ends.
        let between = words.join(&format!(" {control}"));
        let inside = words
            .iter()
            .map(|w| {
                let (a, b) = w.split_at(2);
                format!("{a}{control}{b}")
            })
            .collect::<Vec<_>>()
            .join(" ");
        for text in [
            between,
            inside,
            format!("{control}{}{control}", words.join(" ")),
        ] {
            extract_checked(&text);
        }
    }
    // All of them at once, many times over.
    let soup: String = WHITESPACE
        .iter()
        .chain(CONTROLS)
        .flat_map(|&c| [c, 'x', c])
        .collect::<String>()
        .repeat(2_000);
    extract_checked(&soup);
}

#[test]
fn a_bidi_control_between_words_keeps_the_names() {
    // A left-to-right mark after a space is invisible to a reader; the
    // name next to it must still be found.
    let text = "Talks resumed in \u{200E}Lisbon on Tuesday.";
    let doc = extract_checked(text);
    let places = texts_of(&doc, EntityKind::Place);
    assert!(
        places.iter().any(|p| p.ends_with("Lisbon")),
        "places: {places:?}"
    );
}

#[test]
fn nul_bytes_anywhere() {
    let sentence = "Kessler met Okafor in Lisbon on Tuesday.";
    let cases = [
        "\0".repeat(100_000),
        format!("\0{sentence}\0"),
        sentence.replace(' ', "\0"),
        sentence.replace(' ', " \0 "),
        sentence.chars().flat_map(|c| [c, '\0']).collect::<String>(),
    ];
    for text in &cases {
        extract_checked(text);
    }
    // NUL as a word of its own between words does not hide the names.
    let doc = extract_checked(&cases[3]);
    assert_eq!(texts_of(&doc, EntityKind::Place), ["Lisbon"]);
}

#[test]
fn a_gazetteer_line_of_a_megabyte_is_refused_by_default() {
    let alias = "Tigris ".repeat(150_000);
    let source = format!("ORG\tTigris Water Board\tTWB | {alias}\n");
    let error = Extractor::builder()
        .without_default_gazetteers()
        .gazetteer_source("huge", &source)
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "huge:1:65537: line longer than 65536 bytes"
    );
}

#[test]
fn a_gazetteer_line_of_a_megabyte_loads_when_allowed() {
    let alias = "Tigris ".repeat(150_000);
    let source = format!("ORG\tTigris Water Board\tTWB | {}\n", alias.trim_end());
    let extractor = Extractor::builder()
        .without_default_gazetteers()
        .max_gazetteer_line_bytes(2 << 20)
        .gazetteer_source("huge", &source)
        .build()
        .expect("a long line loads when the limit allows it");
    let doc = extractor.extract("The TWB said levels fell on the Tigris Tigris.");
    assert_eq!(texts_of(&doc, EntityKind::Org), ["TWB"]);
    check_document(&doc).unwrap();
}

#[test]
fn a_rule_of_ten_thousand_alternatives_is_refused_at_its_position() {
    let alternatives: Vec<String> = (0..10_000).map(|i| format!("\"w{i}\"")).collect();
    let source = format!(
        "rule big/alternatives/1 -> ORG\n  match \"before\" ({})\n  example \"before w1\" => entity=\"before w1\"\n",
        alternatives.join(" | ")
    );
    let error = Extractor::builder()
        .rules_source("big.rules", &source)
        .build()
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("big.rules:2:9: pattern too large"),
        "{}",
        &message[..message.len().min(300)]
    );
}

#[test]
fn a_word_list_of_ten_thousand_alternatives_loads_and_matches() {
    let words: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
    let source = format!(
        "words many = {}\nrule big/list/1 -> ORG\n  match \"agency\" @many\n  example \"agency w9999\" => entity=\"agency w9999\"\n",
        words.join(" ")
    );
    let extractor = Extractor::builder()
        .rules_source("list.rules", &source)
        .build()
        .expect("a long word list loads");
    let doc = extractor.extract("The agency w9999 said so, and agency w17 agreed.");
    assert_eq!(
        texts_of(&doc, EntityKind::Org),
        ["agency w9999", "agency w17"]
    );
}

#[test]
fn a_rule_with_the_largest_gap_and_quantifiers() {
    // Every bound at the maximum the language allows (100), on a sentence
    // long enough to use them, and one past it.
    let source = "rule wide/gap/1 -> ORG\n  match \"alpha\" ...{0,100} Cap{1,100} \"omega\" Num{0,100}\n  example \"alpha x Beta omega\" => entity=\"alpha x Beta omega\"\n";
    let extractor = Extractor::builder()
        .rules_source("wide.rules", source)
        .build()
        .expect("the largest bounds load");
    let filler = "x ".repeat(100);
    let names = "Beta ".repeat(100);
    let numbers = "7 ".repeat(100);
    let text = format!("alpha {filler}{names}omega {numbers}end");
    let doc = extractor.extract(&text);
    check_document(&doc).unwrap();
    let orgs = texts_of(&doc, EntityKind::Org);
    assert_eq!(orgs.len(), 1, "{orgs:?}");
    // The whole run: the gap, a hundred names and a hundred numbers.
    assert_eq!(orgs[0], text.strip_suffix(" end").unwrap());
    // One token too many in the gap: no match.
    let text = format!("alpha {filler}x {names}omega");
    assert!(texts_of(&extractor.extract(&text), EntityKind::Org).is_empty());

    let error = Extractor::builder()
        .rules_source(
            "wider.rules",
            "rule wide/gap/2 -> ORG\n  match \"alpha\" ...{0,101} \"omega\"\n",
        )
        .build()
        .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("wider.rules:2:20: repetition bound too large"),
        "{error}"
    );
}
